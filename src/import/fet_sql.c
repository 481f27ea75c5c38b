/*
 * fet_sql.c
 *		schooltime.fet_read(): a FET file's text as jsonb.
 *
 * The reader (fet_read.c) runs on UTF-8 in an arena whose blocks come from
 * a memory context of its own, so that an error, or the end of the call,
 * frees everything it took.  Its statuses become PostgreSQL errors: a text
 * that is not XML, not FET or does not hold together is
 * invalid_text_representation (22P02), a FET version it does not know
 * invalid_parameter_value (22023), a file past the size it reads
 * program_limit_exceeded (54000).
 */
#include "schooltime.h"

#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "fet_read.h"

/* The largest FET file (or activities file) read: FET files of real schools are a few MB. */
#define FET_MAX_BYTES		(64 * 1024 * 1024)

PG_FUNCTION_INFO_V1(fet_read_json);

static void *
context_alloc(void *context, size_t size)
{
	return MemoryContextAllocExtended((MemoryContext) context, size, MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
}

static void
context_release(void *context, void *block)
{
	pfree(block);
}

static int
sqlstate_of(fet_status status)
{
	switch (status)
	{
		case FET_UNSUPPORTED:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case FET_TOO_LARGE:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case FET_NO_MEMORY:
			return ERRCODE_OUT_OF_MEMORY;
		default:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
	}
}

/* The text of an argument as UTF-8, refused past FET_MAX_BYTES. */
static char *
utf8_argument(text *argument, const char *what, size_t *len)
{
	size_t		size = VARSIZE_ANY_EXHDR(argument);
	char	   *utf8;

	if (size > FET_MAX_BYTES)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("the %s is too large to read", what),
				errdetail("It holds %zu bytes; schooltime reads files of at most %d bytes (64 MB).",
						  size, FET_MAX_BYTES),
				errhint("A FET file of a school is a few megabytes: check that this is the file FET saved."));
	utf8 = pg_server_to_any(VARDATA_ANY(argument), (int) size, PG_UTF8);
	*len = utf8 == VARDATA_ANY(argument) ? size : strlen(utf8);
	return utf8;
}

Datum
fet_read_json(PG_FUNCTION_ARGS)
{
	MemoryContext reader_context;
	MemoryContext caller = CurrentMemoryContext;
	st_allocator allocator;
	st_arena	arena;
	fet_file   *file;
	fet_error	error;
	fet_status	status;
	char	   *fet;
	size_t		fet_len;
	char	   *activities = NULL;
	size_t		activities_len = 0;
	char	   *json;
	size_t		json_len;
	Datum		result;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("the FET file must be given"),
				errhint("Pass the text of the .fet file, e.g. from psql: \\set fet `cat timetable.fet` and then :'fet'."));
	fet = utf8_argument(PG_GETARG_TEXT_PP(0), "FET file", &fet_len);
	if (!PG_ARGISNULL(1))
		activities = utf8_argument(PG_GETARG_TEXT_PP(1), "activities file", &activities_len);

	reader_context = AllocSetContextCreate(CurrentMemoryContext, "FET reader", ALLOCSET_DEFAULT_SIZES);
	allocator.alloc = context_alloc;
	allocator.release = context_release;
	allocator.context = reader_context;
	/* what reading takes grows with the text: a budget far above it, never unbounded */
	st_arena_init(&arena, &allocator, 16 * (fet_len + activities_len) + 64 * 1024 * 1024);

	status = fet_read(fet, fet_len, activities, activities_len, &arena, &file, &error);
	if (status != FET_OK)
	{
		MemoryContextDelete(reader_context);
		ereport(ERROR,
				errcode(sqlstate_of(status)),
				errmsg("%s", error.message),
				error.detail[0] ? errdetail("%s", error.detail) : 0,
				error.hint[0] ? errhint("%s", error.hint) : 0);
	}
	json = fet_to_json(file, &arena, &json_len);
	if (json == NULL)
	{
		MemoryContextDelete(reader_context);
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("the FET file is beyond what schooltime reads"),
				errdetail("Writing what it holds as jsonb would take more memory than the reader allows."));
	}
	MemoryContextSwitchTo(caller);
	json = pg_any_to_server(json, (int) json_len, PG_UTF8);
	result = DirectFunctionCall1(jsonb_in, CStringGetDatum(json));
	MemoryContextDelete(reader_context);
	PG_RETURN_DATUM(result);
}
