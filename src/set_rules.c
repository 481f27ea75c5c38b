/*
 * set_rules.c
 *		The rules a group's or a teacher's whole timetable can break,
 *		checked once per statement over the keys the statement touched.
 *
 * An AFTER ... FOR EACH STATEMENT trigger with transition tables reads the
 * keys a statement wrote (groups, teachers), locks them in a fixed order so
 * that concurrent writers to one key take turns, reads every slot of those
 * keys in one query with a snapshot taken after the locks, and runs the C
 * kernels over each key's sorted slots.  A COPY of a whole region is one
 * query per kind of key, not one per row.
 *
 * The first violation found is raised with its figures; the DETAIL says how
 * many more the statement holds.  The same trigger re-checks the groups and
 * centres of the keys whose timetable is already approved (approval.c).
 */
#include "schooltime.h"

#include "access/xact.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/tuplestore.h"
#include "utils/array.h"
#include "utils/lsyscache.h"
#include "executor/executor.h"
#include "executor/tuptable.h"

#include "flat_scan.h"

#include "approval.h"
#include "catalogue.h"
#include "enforcement.h"
#include "lesson_rows.h"
#include "model.h"
#include "set_rules.h"
#include "spi_util.h"
#include "trigger_args.h"
#include "violation.h"
#include "weektime_parse.h"

PG_FUNCTION_INFO_V1(timetable_set_rules);

#define FETCH_ROWS 10000

/*
 * A statement of at most this many rows is small: its queries find a few
 * keys by index, and their plans are kept from one statement to the next
 * (spi_util.h).  A bigger one plans its queries for its own size.
 */
#define SMALL_STATEMENT_ROWS 64

enum
{
	ARG_MODEL,
	ARG_TABLE,
	N_ARGS
};

static const ColumnSpec set_rule_args[N_ARGS] = {
	[ARG_MODEL] = {"model", NULL, false, false, NULL},
	[ARG_TABLE] = {"table", NULL, false, false, NULL},
};


static int64
row_int8(HeapTuple tuple, TupleDesc desc, int column, bool *isnull)
{
	Datum		value = SPI_getbinval(tuple, desc, column, isnull);

	return *isnull ? 0 : DatumGetInt64(value);
}

/*
 * Whether a model's table is partitioned by school year
 * (create_model(name, partitioned => true)).  The queries of such a table
 * then read year by year, the year a parameter of a nested loop: PostgreSQL
 * prunes partitions by such a parameter when the loop runs, where a join to
 * the statement's keys would probe every year's partition (the single-row
 * INSERT grew from 0.41 to 0.52 ms with five years kept, bench/growth).
 */
static bool
partitioned_by_year(Oid relid)
{
	return OidIsValid(relid) && get_rel_relkind(relid) == RELKIND_PARTITIONED_TABLE;
}

/*
 * Every session of the groups in keys_sql (a query of centre_id, group_id),
 * group by group, with the groups' parts.
 */
void
scan_groups(ViolationCollector *collector, const char *keys_sql, MemoryContext work)
{
	const ModelTables *m = collector->model;
	MemoryContext old = MemoryContextSwitchTo(work);
	GroupShapes shapes;
	char	   *query;
	Portal		portal;
	KeyItems	k = {NULL, NULL, 0, 0};
	bool		have_key = false;
	int64		key_centre = 0;
	int64		key_group = 0;
	Oid			key_regime = InvalidOid;
	int			key_year = 0;

	group_shapes_init(&shapes, work);
	load_group_shapes(&shapes, m, keys_sql, collector->params);
	collector->shapes = &shapes;
	query = psprintf("SELECT s.centre_id, s.group_id, s.regime, s.school_year::pg_catalog.text AS school_year, %s"
					 " FROM %s AS s WHERE (s.centre_id, s.group_id) IN (%s)",
					 session_item_columns(m, "s"), m->sessions, keys_sql);
	if (partitioned_by_year(m->sessions_oid))
		query = psprintf("SELECT x.* FROM (SELECT DISTINCT y.school_year::pg_catalog.text AS school_year FROM %s AS y"
						 " WHERE (y.centre_id, y.id) IN (%s)) AS years,"
						 " LATERAL (%s AND s.school_year::pg_catalog.text OPERATOR(pg_catalog.=) years.school_year) AS x"
						 " ORDER BY x.centre_id, x.group_id",
						 m->class_groups, keys_sql, query);
	else
		query = psprintf("%s ORDER BY s.centre_id, s.group_id", query);
	portal = open_fresh_cursor(query, collector->params);
	for (;;)
	{
		uint64		i;

		SPI_cursor_fetch(portal, true, FETCH_ROWS);
		if (SPI_processed == 0)
			break;
		for (i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tuple = SPI_tuptable->vals[i];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			int64		centre = row_int8(tuple, desc, 1, &isnull);
			int64		group = row_int8(tuple, desc, 2, &isnull);
			Datum		values[SESSION_ITEM_COLUMNS];
			bool		nulls[SESSION_ITEM_COLUMNS];
			st_item		item;
			int64		teacher;

			if (!have_key || centre != key_centre || group != key_group)
			{
				if (have_key)
					collect_group(collector, &k, key_centre, key_group, key_regime, key_year, false, false);
				k.n = 0;
				have_key = true;
				key_centre = centre;
				key_group = group;
				key_regime = DatumGetObjectId(SPI_getbinval(tuple, desc, 3, &isnull));
				key_year = parse_school_year(TextDatumGetCString(SPI_getbinval(tuple, desc, 4, &isnull)));
			}
			row_values(tuple, desc, 5, SESSION_ITEM_COLUMNS, values, nulls);
			switch (session_item(&shapes, centre, group, values, nulls, &item, &teacher))
			{
				case SESSION_ITEM_BAD_SLOT:
					break;
				case SESSION_ITEM_UNKNOWN_PART:
					if (collector->written)
						lesson_rows_unknown_part(m, collector->written, centre, group, item.id,
												 SPI_getvalue(tuple, desc, 10), SPI_getvalue(tuple, desc, 11),
												 group_shape_find(&shapes, centre, group, false));
					/* FALLTHROUGH */
				case SESSION_ITEM_OK:
					key_items_add_session(&k, &item, centre, teacher);
					break;
			}
		}
		SPI_freetuptable(SPI_tuptable);
	}
	if (have_key)
		collect_group(collector, &k, key_centre, key_group, key_regime, key_year, false, false);
	SPI_cursor_close(portal);
	collector->shapes = NULL;
	MemoryContextSwitchTo(old);
}

/*
 * Every session and duty of the teachers in keys_sql (a query of
 * teacher_id, school_year), teacher by teacher and year by year.
 */
void
scan_teachers(ViolationCollector *collector, const char *keys_sql, MemoryContext work)
{
	const ModelTables *m = collector->model;
	bool		by_year = partitioned_by_year(m->sessions_oid) || partitioned_by_year(m->duties_oid);
	char	   *query = psprintf("WITH keys AS (%s)"
								 " SELECT x.teacher_id, x.school_year, x.slot, x.is_duty, x.centre_id, x.id, x.lesson_id FROM %s("
								 "  SELECT s.teacher_id, s.school_year::pg_catalog.text AS school_year, s.slot,"
								 "         false AS is_duty, s.centre_id, s.id, %s AS lesson_id"
								 "  FROM %s AS s WHERE (s.teacher_id, s.school_year::pg_catalog.text) IN (SELECT * FROM keys)%s"
								 "  UNION ALL"
								 "  SELECT d.teacher_id, d.school_year::pg_catalog.text, d.slot, true, d.centre_id, d.id, NULL"
								 "  FROM %s AS d WHERE (d.teacher_id, d.school_year::pg_catalog.text) IN (SELECT * FROM keys)%s"
								 " ) AS x ORDER BY x.teacher_id, x.school_year",
								 keys_sql,
								 by_year ? "(SELECT DISTINCT k.school_year FROM keys AS k) AS years, LATERAL " : "",
								 m->lessons ? "s.lesson_id" : "NULL::pg_catalog.int8", m->sessions,
								 by_year ? " AND s.school_year::pg_catalog.text OPERATOR(pg_catalog.=) years.school_year" : "",
								 m->duties,
								 by_year ? " AND d.school_year::pg_catalog.text OPERATOR(pg_catalog.=) years.school_year" : "");
	Portal		portal = open_fresh_cursor(query, collector->params);
	KeyItems	k = {NULL, NULL, 0, 0};
	bool		have_key = false;
	int64		key_teacher = 0;
	char	   *key_year_text = NULL;
	MemoryContext old = MemoryContextSwitchTo(work);

	for (;;)
	{
		uint64		i;

		SPI_cursor_fetch(portal, true, FETCH_ROWS);
		if (SPI_processed == 0)
			break;
		for (i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tuple = SPI_tuptable->vals[i];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			int64		teacher = row_int8(tuple, desc, 1, &isnull);
			text	   *year = DatumGetTextPP(SPI_getbinval(tuple, desc, 2, &isnull));
			bool		is_duty = DatumGetBool(SPI_getbinval(tuple, desc, 4, &isnull));
			int64		centre = row_int8(tuple, desc, 5, &isnull);
			int64		id = row_int8(tuple, desc, 6, &isnull);
			int64		lesson = row_int8(tuple, desc, 7, &isnull);
			st_item		item;

			if (!row_slot(tuple, desc, 3, &item.start, &item.end))
				continue;
			/* the year is copied out once a key, not once a row: a region has millions */
			if (!have_key || teacher != key_teacher ||
				strlen(key_year_text) != VARSIZE_ANY_EXHDR(year) ||
				memcmp(key_year_text, VARDATA_ANY(year), VARSIZE_ANY_EXHDR(year)) != 0)
			{
				if (have_key)
				{
					collect_teacher(collector, &k, key_teacher, parse_school_year(key_year_text));
					pfree(key_year_text);
				}
				k.n = 0;
				have_key = true;
				key_teacher = teacher;
				key_year_text = text_to_cstring(year);
			}
			item.split = 0;
			item.part = 0;
			item.flags = is_duty ? ST_DUTY : 0;
			item.id = id;
			item.lesson = lesson;
			key_items_add(&k, &item, centre);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	if (have_key)
		collect_teacher(collector, &k, key_teacher, parse_school_year(key_year_text));
	SPI_cursor_close(portal);
	MemoryContextSwitchTo(old);
}


/* Rows in the statement's transition tables. */
static uint64
transition_rows(TriggerData *trigdata)
{
	return (trigdata->tg_newtable ? tuplestore_tuple_count(trigdata->tg_newtable) : 0) +
		(trigdata->tg_oldtable ? tuplestore_tuple_count(trigdata->tg_oldtable) : 0);
}

/* "SELECT n.a, n.b FROM new AS n UNION SELECT o.a, o.b FROM old AS o" */
static char *
keys_of(TriggerData *trigdata, const char *columns, const char *where)
{
	const char *new_table = trigdata->tg_trigger->tgnewtable;
	const char *old_table = trigdata->tg_trigger->tgoldtable;
	StringInfoData sql;

	initStringInfo(&sql);
	if (new_table && !TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		appendStringInfo(&sql, "SELECT %s FROM %s AS k%s%s", columns, quote_identifier(new_table),
						 where ? " WHERE " : "", where ? where : "");
	if (old_table && !TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		appendStringInfo(&sql, "%sSELECT %s FROM %s AS k%s%s", sql.len ? " UNION " : "", columns,
						 quote_identifier(old_table), where ? " WHERE " : "", where ? where : "");
	return sql.data;
}

/*
 * The keys a bulk statement touched, read once from its transition tables and
 * handed to every query as arrays ($1 to $6): a query that joined the
 * transition table itself would hash all of a COPY's rows again to find
 * the same few thousand keys.  (A small statement's queries join its
 * transition tables: they are a few rows, and a query without parameters
 * keeps one generic plan, where one with arrays of keys would be planned
 * again for their values.)
 */
#define GROUP_KEYS \
	"SELECT k.centre_id, k.group_id FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.int8[]), pg_catalog.unnest($2::pg_catalog.int8[]))" \
	" AS k (centre_id, group_id)"
#define TEACHER_KEYS \
	"SELECT k.teacher_id, k.school_year FROM ROWS FROM (pg_catalog.unnest($3::pg_catalog.int8[]), pg_catalog.unnest($4::pg_catalog.text[]))" \
	" AS k (teacher_id, school_year)"
#define CENTRE_KEYS \
	"SELECT k.centre_id, k.school_year FROM ROWS FROM (pg_catalog.unnest($5::pg_catalog.int8[]), pg_catalog.unnest($6::pg_catalog.text[]))" \
	" AS k (centre_id, school_year)"

/* A key of two numbers: (centre, group), (teacher, year) or (centre, year). */
typedef struct KeyPair
{
	int64		a;
	int64		b;
} KeyPair;

typedef struct KeyPairs
{
	KeyPair    *pairs;
	int			n;
	int			capacity;
} KeyPairs;

static void key_pairs_distinct(KeyPairs *k);

static void
key_pairs_add(KeyPairs *k, int64 a, int64 b)
{
	/* rows of one key often come together: skip the repeats at once */
	if (k->n > 0 && k->pairs[k->n - 1].a == a && k->pairs[k->n - 1].b == b)
		return;
	if (k->n == k->capacity)
	{
		/*
		 * Full: a big array is first rid of its repeats (a teacher's rows do
		 * not come together in a COPY), so that it holds about the distinct
		 * keys rather than a pair per row; it grows only if that leaves it
		 * more than half full
		 */
		if (k->n >= 65536)
			key_pairs_distinct(k);
		if (k->capacity == 0)
		{
			k->capacity = 64;
			k->pairs = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(KeyPair) * k->capacity);
		}
		else if (k->n > k->capacity / 2)
		{
			k->capacity *= 2;
			k->pairs = repalloc_huge(k->pairs, sizeof(KeyPair) * k->capacity);
		}
	}
	k->pairs[k->n].a = a;
	k->pairs[k->n].b = b;
	k->n++;
}

static int
key_pair_cmp(const void *x, const void *y)
{
	const KeyPair *p = x;
	const KeyPair *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

/* Sorts and drops the repeats. */
static void
key_pairs_distinct(KeyPairs *k)
{
	int			i;
	int			n = 0;

	if (k->n < 2)
		return;
	qsort(k->pairs, k->n, sizeof(KeyPair), key_pair_cmp);
	for (i = 0; i < k->n; i++)
		if (n == 0 || key_pair_cmp(&k->pairs[n - 1], &k->pairs[i]) != 0)
			k->pairs[n++] = k->pairs[i];
	k->n = n;
}

typedef struct StatementKeys
{
	KeyPairs	groups;
	KeyPairs	teachers;
	KeyPairs	centres;
} StatementKeys;

static int
required_column(Relation rel, const char *column, const char *trigger)
{
	int			attno = SPI_fnumber(RelationGetDescr(rel), column);

	if (attno <= 0)
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_COLUMN),
				errmsg("trigger \"%s\" needs a column \"%s\" in table \"%s\"",
					   trigger, column, RelationGetRelationName(rel)));
	return attno;
}

/* Reads the keys of every row of a transition table (one pass, in C). */
static void
read_keys(TriggerData *trigdata, Tuplestorestate *rows, bool on_sessions, StatementKeys *keys)
{
	Relation	rel = trigdata->tg_relation;
	const char *trigger = trigdata->tg_trigger->tgname;
	int			centre = required_column(rel, "centre_id", trigger);
	int			group = on_sessions ? required_column(rel, "group_id", trigger) : 0;
	int			teacher = required_column(rel, "teacher_id", trigger);
	int			year = required_column(rel, "school_year", trigger);
	TupleTableSlot *slot = MakeSingleTupleTableSlot(RelationGetDescr(rel), &TTSOpsMinimalTuple);
	int			reader = tuplestore_alloc_read_pointer(rows, EXEC_FLAG_REWIND);

	/* a reader of our own, as a scan of the transition table in a query has */
	tuplestore_select_read_pointer(rows, reader);
	tuplestore_rescan(rows);
	while (tuplestore_gettupleslot(rows, true, false, slot))
	{
		bool		isnull;
		int64		centre_id = DatumGetInt64(slot_getattr(slot, centre, &isnull));
		Datum		year_datum = slot_getattr(slot, year, &isnull);
		int			school_year = isnull ? 0 : school_year_of_datum(year_datum);
		Datum		teacher_id;

		if (on_sessions)
			key_pairs_add(&keys->groups, centre_id, DatumGetInt64(slot_getattr(slot, group, &isnull)));
		teacher_id = slot_getattr(slot, teacher, &isnull);
		if (!isnull)
			key_pairs_add(&keys->teachers, DatumGetInt64(teacher_id), school_year);
		key_pairs_add(&keys->centres, centre_id, school_year);
	}
	ExecDropSingleTupleTableSlot(slot);
}

static Datum
int8_array(const KeyPairs *k, bool second)
{
	Datum	   *values = palloc(sizeof(Datum) * Max(k->n, 1));
	int			i;

	for (i = 0; i < k->n; i++)
		values[i] = Int64GetDatum(second ? k->pairs[i].b : k->pairs[i].a);
	return PointerGetDatum(construct_array(values, k->n, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* The second numbers as school years, '2018-2019'. */
static Datum
year_array(const KeyPairs *k)
{
	Datum	   *values = palloc(sizeof(Datum) * Max(k->n, 1));
	int			i;

	for (i = 0; i < k->n; i++)
		values[i] = CStringGetTextDatum(psprintf("%04d-%04d", (int) k->pairs[i].b, (int) k->pairs[i].b + 1));
	return PointerGetDatum(construct_array(values, k->n, TEXTOID, -1, false, TYPALIGN_INT));
}

/* The statement's keys as the values of $1 to $6. */
static void
statement_keys(TriggerData *trigdata, bool on_sessions, QueryParams *params)
{
	StatementKeys keys;
	int			i;

	memset(&keys, 0, sizeof(keys));
	if (trigdata->tg_newtable && !TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		read_keys(trigdata, trigdata->tg_newtable, on_sessions, &keys);
	if (trigdata->tg_oldtable && !TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		read_keys(trigdata, trigdata->tg_oldtable, on_sessions, &keys);
	key_pairs_distinct(&keys.groups);
	key_pairs_distinct(&keys.teachers);
	key_pairs_distinct(&keys.centres);

	params->n = 6;
	for (i = 0; i < 6; i++)
	{
		params->types[i] = i % 2 == 1 && i > 1 ? TEXTARRAYOID : INT8ARRAYOID;
		params->nulls[i] = ' ';
	}
	params->values[0] = int8_array(&keys.groups, false);
	params->values[1] = int8_array(&keys.groups, true);
	params->values[2] = int8_array(&keys.teachers, false);
	params->values[3] = year_array(&keys.teachers);
	params->values[4] = int8_array(&keys.centres, false);
	params->values[5] = year_array(&keys.centres);
	/* the arrays hold the keys now; a COPY's pairs are tens of megabytes */
	if (keys.groups.pairs)
		pfree(keys.groups.pairs);
	if (keys.teachers.pairs)
		pfree(keys.teachers.pairs);
	if (keys.centres.pairs)
		pfree(keys.centres.pairs);
}

Datum
timetable_set_rules(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	ColumnMap  *args;
	const char *table;
	bool		on_sessions;
	ModelTables *model;
	ViolationCollector collector;
	QueryParams params;
	SpiScope	scope;
	MemoryContext work;
	bool		small;
	const char *group_keys;
	const char *teacher_keys;
	const char *centre_keys;

	require_trigger(fcinfo, "schooltime.timetable_set_rules()", false, false);
	args = resolve_trigger_columns(trigdata, "schooltime.timetable_set_rules()",
								   set_rule_args, N_ARGS, CurrentMemoryContext);
	table = args->name[ARG_TABLE];
	if (args->name[ARG_MODEL] == NULL || table == NULL ||
		(strcmp(table, "sessions") != 0 && strcmp(table, "duties") != 0))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("trigger \"%s\" needs the arguments model=SCHEMA and table=sessions or table=duties",
					   trigdata->tg_trigger->tgname));
	on_sessions = strcmp(table, "sessions") == 0;
	if (!enforcement_on(trigdata->tg_relation,
						TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) ? "INSERT" :
						TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? "UPDATE" : "DELETE"))
		return PointerGetDatum(NULL);

	model = model_tables(args->name[ARG_MODEL], CurrentMemoryContext);
	violations_init(&collector, model);
	work = AllocSetContextCreate(CurrentMemoryContext, "schooltime set rules", ALLOCSET_DEFAULT_SIZES);

	/*
	 * A small statement's queries name its transition tables and run kept
	 * plans (with no parameters, so one generic plan each, made once); a
	 * bulk statement reads its keys once and plans each query for them.
	 */
	small = transition_rows(trigdata) <= SMALL_STATEMENT_ROWS;
	if (small)
	{
		group_keys = keys_of(trigdata, "k.centre_id, k.group_id", NULL);
		teacher_keys = keys_of(trigdata, "k.teacher_id, k.school_year::pg_catalog.text", "k.teacher_id IS NOT NULL");
		centre_keys = keys_of(trigdata, "k.centre_id, k.school_year::pg_catalog.text", NULL);
	}
	else
	{
		statement_keys(trigdata, on_sessions, &params);
		collector.params = &params;
		group_keys = GROUP_KEYS;
		teacher_keys = TEACHER_KEYS;
		centre_keys = CENTRE_KEYS;
	}
	spi_scope_begin_keeping(&scope, small, RelationGetRelid(trigdata->tg_relation));
	if (SPI_register_trigger_data(trigdata) != SPI_OK_TD_REGISTER)
		elog(ERROR, "could not register the transition tables of trigger \"%s\"", trigdata->tg_trigger->tgname);

	/* locks in a fixed order for every writer: groups, teachers, centres */
	if (on_sessions)
		lock_rows(model->class_groups, "t.centre_id, t.id", group_keys, collector.params);
	lock_rows(model->teachers, "t.id",
			  psprintf("SELECT k.teacher_id FROM (%s) AS k (teacher_id, school_year)", teacher_keys),
			  collector.params);

	/* removing time never breaks a set rule; it may break an approved timetable */
	if (!TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
	{
		if (on_sessions)
		{
			/* the shape of the written lessons and parts first: the rules read them */
			lesson_rows_check_written(model, trigdata->tg_relation, trigdata->tg_trigger->tgnewtable);
			collector.written = trigdata->tg_relation;
			scan_groups(&collector, group_keys, work);
		}
		scan_teachers(&collector, teacher_keys, work);
	}
	approval_recheck(&collector, on_sessions ? group_keys : NULL, centre_keys, work);

	spi_scope_end(&scope);
	MemoryContextDelete(work);
	violations_raise(&collector, trigdata->tg_relation, NULL);
	return PointerGetDatum(NULL);
}

