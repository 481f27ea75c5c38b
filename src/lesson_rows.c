/*
 * lesson_rows.c
 *		The shape of lessons and parts, checked before the rules.
 *
 * See lesson_rows.h.  The checks cost nothing for rows that name no lesson
 * and no part: the query over a statement's rows keeps only those with a
 * lesson, and the group's rows are the ones the set rules read anyway.
 */
#include "schooltime.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "catalogue.h"

#include "enforcement.h"
#include "lesson_rows.h"
#include "spi_util.h"
#include "trigger_args.h"
#include "weektime_parse.h"
#include "wording.h"

/* "Monday 08:00-09:00" */
static char *
slot_datum_words(Datum slot)
{
	int			start;
	int			end;

	if (!weekslot_bounds(slot, &start, &end))
		return pstrdup(_("an empty slot"));
	return slot_long_words(start, end);
}

static bool
same_slot(Datum a, Datum b)
{
	int			a_start;
	int			a_end;
	int			b_start;
	int			b_end;

	return weekslot_bounds(a, &a_start, &a_end) && weekslot_bounds(b, &b_start, &b_end) &&
		a_start == b_start && a_end == b_end;
}

static void
block_regime_error(const ModelTables *m, Relation rel, int64 centre_id, int64 session_id, int64 group_id,
				   int64 lesson_id, Oid regime, const char *block, Oid block_regime) pg_attribute_noreturn();

static void
block_regime_error(const ModelTables *m, Relation rel, int64 centre_id, int64 session_id, int64 group_id,
				   int64 lesson_id, Oid regime, const char *block, Oid block_regime)
{
	ereport(ERROR,
			errcode(ERRCODE_CHECK_VIOLATION),
			errmsg("session %lld of %s, of %s, is in block \"%s\" of %s",
				   (long long) session_id, model_group_label(m, centre_id, group_id), catalogue_regime_name(regime),
				   block, catalogue_regime_name(block_regime)),
			errdetail("Lesson %lld is an option of the block; a block takes the pupils of groups of one regime.",
					  (long long) lesson_id),
			errhint("Put the lesson in a block of the group's regime, or take it out of the block."),
			errtableconstraint(rel, "block_regime"));
}

void
lesson_rows_check_written(const ModelTables *m, Relation rel, const char *new_table)
{
	const char *query;
	HeapTuple	tuple;
	TupleDesc	desc;
	bool		isnull;
	int64		centre_id;
	int64		session_id;
	int64		group_id;
	int64		lesson_id;
	char	   *group;

	if (m->lessons == NULL || new_table == NULL)
		return;
	query = psprintf("SELECT n.centre_id, n.id, n.group_id, n.lesson_id, n.school_year::pg_catalog.text, n.slot,"
					 " n.regime, l.id IS NOT NULL, l.school_year::pg_catalog.text, l.slot, l.block, b.regime"
					 " FROM %s AS n"
					 " LEFT JOIN %s AS l ON l.centre_id OPERATOR(pg_catalog.=) n.centre_id"
					 "  AND l.id OPERATOR(pg_catalog.=) n.lesson_id"
					 " LEFT JOIN %s.blocks AS b ON b.centre_id OPERATOR(pg_catalog.=) l.centre_id"
					 "  AND b.school_year OPERATOR(pg_catalog.=) l.school_year AND b.name OPERATOR(pg_catalog.=) l.block"
					 " WHERE n.lesson_id IS NOT NULL AND (l.id IS NULL"
					 "  OR l.school_year OPERATOR(pg_catalog.<>) n.school_year"
					 "  OR l.slot::schooltime.weektimerange OPERATOR(pg_catalog.<>) n.slot::schooltime.weektimerange"
					 "  OR b.regime OPERATOR(pg_catalog.<>) n.regime)"
					 " ORDER BY n.centre_id, n.id LIMIT 1",
					 quote_identifier(new_table), m->lessons, quote_identifier(m->schema));
	spi_exec_checked(query, SPI_OK_SELECT);
	if (SPI_processed == 0)
		return;
	tuple = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;
	centre_id = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
	session_id = DatumGetInt64(SPI_getbinval(tuple, desc, 2, &isnull));
	group_id = DatumGetInt64(SPI_getbinval(tuple, desc, 3, &isnull));
	lesson_id = DatumGetInt64(SPI_getbinval(tuple, desc, 4, &isnull));
	group = model_group_label(m, centre_id, group_id);

	if (!DatumGetBool(SPI_getbinval(tuple, desc, 8, &isnull)))
		ereport(ERROR,
				errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				errmsg("session %lld of %s is a row of lesson %lld, which the model does not have",
					   (long long) session_id, group, (long long) lesson_id),
				errdetail("Key (centre_id, lesson_id)=(%lld, %lld) is not present in table \"lessons\".",
						  (long long) centre_id, (long long) lesson_id),
				errhint("Insert the lesson into lessons first, with its centre, school year and slot, or leave lesson_id NULL for a session that is a lesson of its own."),
				errtableconstraint(rel, "sessions_lesson_fkey"));
	if (strcmp(SPI_getvalue(tuple, desc, 5), SPI_getvalue(tuple, desc, 9)) != 0)
		ereport(ERROR,
				errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				errmsg("session %lld of %s is of school year %s, but its lesson %lld is of %s",
					   (long long) session_id, group, SPI_getvalue(tuple, desc, 5), (long long) lesson_id,
					   SPI_getvalue(tuple, desc, 9)),
				errdetail("The rows of a lesson are of the lesson's school year: a lesson does not take groups of two school years."),
				errhint("Put the session in a lesson of its group's school year."),
				errtableconstraint(rel, "sessions_lesson_fkey"));
	if (!same_slot(SPI_getbinval(tuple, desc, 6, &isnull), SPI_getbinval(tuple, desc, 10, &isnull)))
		ereport(ERROR,
				errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				errmsg("session %lld of %s is on %s, but its lesson %lld is on %s",
					   (long long) session_id, group, slot_datum_words(SPI_getbinval(tuple, desc, 6, &isnull)),
					   (long long) lesson_id, slot_datum_words(SPI_getbinval(tuple, desc, 10, &isnull))),
				errdetail("The rows of a lesson are at the lesson's time."),
				errhint("Move a lesson by updating its slot in lessons: its sessions follow."),
				errtableconstraint(rel, "sessions_lesson_fkey"));
	block_regime_error(m, rel, centre_id, session_id, group_id, lesson_id,
					   DatumGetObjectId(SPI_getbinval(tuple, desc, 7, &isnull)), SPI_getvalue(tuple, desc, 11),
					   DatumGetObjectId(SPI_getbinval(tuple, desc, 12, &isnull)));
}

/* A group's rows of lessons, in the order that puts a lesson's alike rows together. */
typedef struct LessonRow
{
	int64		lesson;
	int16		split;
	int16		part;
	int64		teacher;
	int64		id;
} LessonRow;

static int
lesson_row_cmp(const void *a, const void *b)
{
	const LessonRow *x = a;
	const LessonRow *y = b;

	if (x->lesson != y->lesson)
		return x->lesson < y->lesson ? -1 : 1;
	if (x->split != y->split)
		return x->split < y->split ? -1 : 1;
	if (x->part != y->part)
		return x->part < y->part ? -1 : 1;
	if (x->teacher != y->teacher)
		return x->teacher < y->teacher ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

void
lesson_rows_check_group(const ModelTables *m, Relation rel, const KeyItems *k, const int64 *teachers,
						int64 centre_id, int64 group_id, const GroupShape *shape)
{
	LessonRow  *rows;
	int			n = 0;
	int			i;

	for (i = 0; i < k->n; i++)
		if (k->items[i].lesson != 0)
			n++;
	if (n < 2)
		return;
	rows = palloc(sizeof(LessonRow) * n);
	n = 0;
	for (i = 0; i < k->n; i++)
	{
		if (k->items[i].lesson == 0)
			continue;
		rows[n].lesson = k->items[i].lesson;
		rows[n].split = k->items[i].split;
		rows[n].part = k->items[i].part;
		rows[n].teacher = teachers ? teachers[i] : 0;
		rows[n].id = k->items[i].id;
		n++;
	}
	qsort(rows, n, sizeof(LessonRow), lesson_row_cmp);
	for (i = 1; i < n; i++)
	{
		const LessonRow *a = &rows[i - 1];
		const LessonRow *b = &rows[i];

		if (a->lesson != b->lesson)
			continue;
		/* the whole group's rows sort first: split 0 */
		if (a->split == 0 && b->split != 0)
			ereport(ERROR,
					errcode(ERRCODE_CHECK_VIOLATION),
					errmsg("lesson %lld takes %s whole and its %s too",
						   (long long) a->lesson, model_group_label(m, centre_id, group_id),
						   group_part_name(shape, b->split, b->part)),
					errdetail("Sessions %lld and %lld are rows of the lesson; a lesson takes a group whole or some of its parts, not both.",
							  (long long) a->id, (long long) b->id),
					errhint("Remove the part's session, or the whole group's."),
					errtableconstraint(rel, "lesson_parts"));
		if (a->split == b->split && a->part == b->part && a->teacher == b->teacher)
		{
			char	   *who = psprintf("%s%s%s", model_group_label(m, centre_id, group_id),
									   a->split ? ", " : "", a->split ? group_part_name(shape, a->split, a->part) : "");

			ereport(ERROR,
					errcode(ERRCODE_UNIQUE_VIOLATION),
					a->teacher != 0
					? errmsg("lesson %lld lists %s twice for %s",
							 (long long) a->lesson, model_teacher_label(m, a->teacher), who)
					: errmsg("lesson %lld lists %s twice without a teacher", (long long) a->lesson, who),
					errdetail("Sessions %lld and %lld are the same row of the lesson: a lesson has one row for each group (or part) and teacher.",
							  (long long) a->id, (long long) b->id),
					errhint("Delete one of the two sessions."),
					errtableconstraint(rel, "lesson_rows"));
		}
	}
}

void
lesson_rows_unknown_part(const ModelTables *m, Relation rel, int64 centre_id, int64 group_id,
						 int64 session_id, const char *split, const char *part, const GroupShape *shape)
{
	char	   *group = model_group_label(m, centre_id, group_id);
	char	   *detail;
	StringInfoData known;
	int			s = 0;
	int			i;

	initStringInfo(&known);
	/* the shape holds the unknown part already (group_shape_number adds it): look past it */
	for (i = HALVES_SPLIT + 1; shape && i <= shape->nsplits; i++)
		if (shape->splits[i - 1].name && strcmp(shape->splits[i - 1].name, split) == 0 &&
			shape->splits[i - 1].nparts > 1)
			s = i;
	if (s > 0)
	{
		const GroupSplit *sp = &shape->splits[s - 1];

		for (i = 0; i < sp->nparts; i++)
			if (strcmp(sp->parts[i], part) != 0)
				appendStringInfo(&known, "%s%s", known.len ? ", " : "", quoted_words(sp->parts[i]));
	}
	else
		for (i = HALVES_SPLIT + 1; shape && i <= shape->nsplits; i++)
			if (shape->splits[i - 1].name && strcmp(shape->splits[i - 1].name, split) != 0)
				appendStringInfo(&known, "%s%s", known.len ? ", " : "", quoted_words(shape->splits[i - 1].name));
	detail = s > 0
		? psprintf(_("%s has split \"%s\" with the parts %s."), group, split, known.data)
		: known.len > 0
		? psprintf(_("%s has no split \"%s\"; its splits are %s."), group, split, known.data)
		: psprintf(_("%s has no split of its own (only its halves, split_half)."), group);
	/* a sentence: "Group \"4t ESO A\" has ..." */
	detail[0] = (char) pg_toupper((unsigned char) detail[0]);
	ereport(ERROR,
			errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
			errmsg("session %lld of %s is for part \"%s\" of split \"%s\", which the group does not have",
				   (long long) session_id, group, part, split),
			errdetail_internal("%s", detail),
			errhint("Add the part to group_parts first, or name one the group has."),
			errtableconstraint(rel, "sessions_part_fkey"));
}

PG_FUNCTION_INFO_V1(lesson_block_rules);

/*
 * AFTER UPDATE ... FOR EACH STATEMENT trigger on a model's lessons
 * (argument table=lessons) or blocks (table=blocks), with the new rows as
 * the transition table schooltime_new: a lesson moved into a block, or a
 * block given another regime, keeps every session in the block's regime.
 */
Datum
lesson_block_rules(PG_FUNCTION_ARGS)
{
	static const ColumnSpec specs[2] = {{"model", NULL, false, false, NULL}, {"table", NULL, false, false, NULL}};
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	ColumnMap  *args;
	ModelTables *m;
	SpiScope	scope;
	const char *lessons_sql;
	const char *new_table;

	require_trigger(fcinfo, "schooltime.lesson_block_rules()", false, false);
	args = resolve_trigger_columns(trigdata, "schooltime.lesson_block_rules()", specs, 2, CurrentMemoryContext);
	new_table = trigdata->tg_trigger->tgnewtable;
	if (args->name[0] == NULL || args->name[1] == NULL || new_table == NULL ||
		(strcmp(args->name[1], "lessons") != 0 && strcmp(args->name[1], "blocks") != 0))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("trigger \"%s\" needs the arguments model=SCHEMA and table=lessons or table=blocks, and a NEW TABLE",
					   trigdata->tg_trigger->tgname));
	if (!enforcement_on(trigdata->tg_relation, "UPDATE"))
		return PointerGetDatum(NULL);
	m = model_tables(args->name[0], CurrentMemoryContext);
	if (m->lessons == NULL)
		return PointerGetDatum(NULL);

	spi_scope_begin(&scope);
	if (SPI_register_trigger_data(trigdata) != SPI_OK_TD_REGISTER)
		elog(ERROR, "could not register the transition tables of trigger \"%s\"", trigdata->tg_trigger->tgname);
	lessons_sql = strcmp(args->name[1], "lessons") == 0
		? psprintf("SELECT l.centre_id, l.id, l.school_year, l.block FROM %s AS l WHERE l.block IS NOT NULL",
				   quote_identifier(new_table))
		: psprintf("SELECT l.centre_id, l.id, l.school_year, l.block FROM %s AS l JOIN %s AS nb"
				   " ON nb.centre_id OPERATOR(pg_catalog.=) l.centre_id AND nb.school_year OPERATOR(pg_catalog.=) l.school_year"
				   " AND nb.name OPERATOR(pg_catalog.=) l.block",
				   m->lessons, quote_identifier(new_table));
	spi_exec_checked(psprintf("SELECT s.centre_id, s.id, s.group_id, s.lesson_id, s.regime, l.block, b.regime"
							  " FROM (%s) AS l (centre_id, id, school_year, block)"
							  " JOIN %s.blocks AS b ON b.centre_id OPERATOR(pg_catalog.=) l.centre_id"
							  "  AND b.school_year OPERATOR(pg_catalog.=) l.school_year AND b.name OPERATOR(pg_catalog.=) l.block"
							  " JOIN %s AS s ON s.centre_id OPERATOR(pg_catalog.=) l.centre_id"
							  "  AND s.lesson_id OPERATOR(pg_catalog.=) l.id"
							  " WHERE s.regime OPERATOR(pg_catalog.<>) b.regime ORDER BY s.centre_id, s.id LIMIT 1",
							  lessons_sql, quote_identifier(m->schema), m->sessions),
					 SPI_OK_SELECT);
	if (SPI_processed > 0)
	{
		HeapTuple	tuple = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;

		block_regime_error(m, trigdata->tg_relation,
						   DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull)),
						   DatumGetInt64(SPI_getbinval(tuple, desc, 2, &isnull)),
						   DatumGetInt64(SPI_getbinval(tuple, desc, 3, &isnull)),
						   DatumGetInt64(SPI_getbinval(tuple, desc, 4, &isnull)),
						   DatumGetObjectId(SPI_getbinval(tuple, desc, 5, &isnull)),
						   SPI_getvalue(tuple, desc, 6),
						   DatumGetObjectId(SPI_getbinval(tuple, desc, 7, &isnull)));
	}
	spi_scope_end(&scope);
	return PointerGetDatum(NULL);
}
