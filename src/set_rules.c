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
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "approval.h"
#include "authorisation.h"
#include "catalogue.h"
#include "enforcement.h"
#include "findings.h"
#include "kernels.h"
#include "model.h"
#include "set_rules.h"
#include "spi_util.h"
#include "trigger_args.h"
#include "violation.h"
#include "weektime_parse.h"

PG_FUNCTION_INFO_V1(timetable_set_rules);

#define FETCH_ROWS 10000

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

void
violations_init(ViolationCollector *collector, const ModelTables *model)
{
	memset(collector, 0, sizeof(*collector));
	collector->model = model;
	collector->text_context = CurrentMemoryContext;
}

/* An authorisation of rule for the subject's group (or its centre, or sessions), or 0. */
static int64
group_authorisation(const FindingSubject *subject, const char *rule, Datum *sessions, int nsessions,
				 const ModelTables *model)
{
	AuthorisationSubject who;

	memset(&who, 0, sizeof(who));
	who.centre = Int64GetDatum(subject->centre_id);
	who.centre_type = INT8OID;
	who.school_year = subject->school_year;
	who.regime = subject->limits ? subject->limits->regime : InvalidOid;
	who.has_group = true;
	who.group = Int64GetDatum(subject->id);
	who.group_type = INT8OID;
	who.nsessions = nsessions;
	who.sessions = sessions;
	who.session_type = INT8OID;
	return authorisation_find(model->authorisations_oid, rule, &who);
}

/*
 * The authorisation that sets a finding aside, or 0.  continuous can be set
 * aside only for a run that holds practice in the natural environment (2.6),
 * by an authorisation of the group, the centre or a session of the run;
 * free_afternoons (a singular timetable) and fp_single_shift by one of the
 * group or the centre.  schooltime.rule_exceptions and the authorisations
 * table's guard say which regimes may have them.
 */
int64
finding_authorisation(const FindingSubject *subject, const st_finding *f, const ModelTables *model)
{
	Datum	   *sessions;
	int			nsessions = 0;
	bool		outdoor = false;
	int			i;

	if (strcmp(subject->kind, "group") != 0)
		return 0;
	if (f->rule == ST_FREE_AFTERNOONS || f->rule == ST_SINGLE_SHIFT)
		return group_authorisation(subject, st_rule_code(f->rule), NULL, 0, model);
	if (f->rule != ST_CONTINUOUS)
		return 0;
	sessions = palloc(sizeof(Datum) * Max(subject->nitems, 1));
	for (i = 0; i < subject->nitems; i++)
	{
		const st_item *item = &subject->items[i];

		if (item->start < f->start || item->end > f->end || (item->flags & ST_RECESS))
			continue;
		outdoor |= (item->flags & ST_OUTDOOR) != 0;
		sessions[nsessions++] = Int64GetDatum(item->id);
	}
	return outdoor ? group_authorisation(subject, "continuous", sessions, nsessions, model) : 0;
}

void
violations_add(ViolationCollector *collector, const FindingSubject *subject, const st_finding *f)
{
	MemoryContext old;

	if (collector->report)
	{
		collector->report(collector->report_context, subject, f);
		return;
	}
	if (!catalogue_rule(st_rule_code(f->rule))->is_error)
		return;
	if (finding_authorisation(subject, f, collector->model) != 0)
		return;
	collector->count++;
	if (collector->count > 1 && !collector->keep_all)
		return;
	old = MemoryContextSwitchTo(collector->text_context);
	if (collector->count == 1)
		finding_text(subject, f, &collector->first);
	if (collector->keep_all)
	{
		FindingText *text = palloc(sizeof(FindingText));

		if (collector->count == 1)
			*text = collector->first;
		else
			finding_text(subject, f, text);
		collector->all = lappend(collector->all, text);
	}
	MemoryContextSwitchTo(old);
}

void
violations_raise(const ViolationCollector *collector, Relation rel, const char *prefix)
{
	const FindingText *first = &collector->first;
	char	   *detail;

	if (collector->count == 0)
		return;
	detail = first->detail;
	if (collector->count == 2)
		detail = psprintf("%s The statement holds 1 more violation.", detail);
	else if (collector->count > 2)
		detail = psprintf("%s The statement holds %d more violations.", detail, collector->count - 1);
	raise_violation(rel, first->rule,
					prefix ? psprintf("%s: %s", prefix, first->message) : first->message,
					detail, first->hint);
}

void
key_items_add(KeyItems *k, int start, int end, int half, unsigned flags, int64 id, int64 centre)
{
	if (k->n == k->capacity)
	{
		k->capacity = k->capacity ? k->capacity * 2 : 64;
		k->items = k->items ? repalloc(k->items, sizeof(st_item) * k->capacity)
			: palloc(sizeof(st_item) * k->capacity);
		k->centres = k->centres ? repalloc(k->centres, sizeof(int64) * k->capacity)
			: palloc(sizeof(int64) * k->capacity);
	}
	k->items[k->n].start = start;
	k->items[k->n].end = end;
	k->items[k->n].half = half;
	k->items[k->n].flags = flags;
	k->items[k->n].id = id;
	k->centres[k->n] = centre;
	k->n++;
}

/* An item with the centre it belongs to, sorted together. */
typedef struct CentredItem
{
	st_item		item;
	int64		centre;
} CentredItem;

static int
centred_item_cmp(const void *a, const void *b)
{
	const st_item *x = &((const CentredItem *) a)->item;
	const st_item *y = &((const CentredItem *) b)->item;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (int) (x->flags & ST_DUTY) - (int) (y->flags & ST_DUTY);
}

/*
 * The queries hand over a key's rows in key order only: sorting a whole
 * table by a range column costs more than the rules themselves, while a
 * key's few dozen slots sort here in no time.
 */
void
key_items_sort(KeyItems *k)
{
	CentredItem *sorted;
	int			i;

	for (i = 1; i < k->n; i++)
		if (k->items[i - 1].start > k->items[i].start ||
			(k->items[i - 1].start == k->items[i].start && k->items[i - 1].end > k->items[i].end))
			break;
	if (i >= k->n)
		return;
	sorted = palloc(sizeof(CentredItem) * k->n);
	for (i = 0; i < k->n; i++)
	{
		sorted[i].item = k->items[i];
		sorted[i].centre = k->centres[i];
	}
	qsort(sorted, k->n, sizeof(CentredItem), centred_item_cmp);
	for (i = 0; i < k->n; i++)
	{
		k->items[i] = sorted[i].item;
		k->centres[i] = sorted[i].centre;
	}
	pfree(sorted);
}

unsigned
kind_flags(Oid kind)
{
	const SessionKinds *kinds = catalogue_session_kinds();

	if (kind == kinds->recess)
		return ST_RECESS;
	if (kind == kinds->outdoor_practice)
		return ST_OUTDOOR;
	if (kind == kinds->research_work)
		return ST_NOT_WEEKLY;
	return 0;
}

void
group_limits_from(const RegimeLimits *l, st_group_limits *out)
{
	out->continuous_max = l->continuous_max;
	out->break_min = l->break_min;
	out->daily_max = l->daily_max;
	out->daily_span_max = l->daily_span_max;
	out->recess_is_lective = l->recess_is_lective;
	out->first_weekday = l->first_weekday;
	out->last_weekday = l->last_weekday;
	out->weekly_min = l->weekly_min;
	out->weekly_max = l->weekly_max;
	out->afternoon_start = l->afternoon_start;
	out->max_free_afternoons = l->max_free_afternoons;
	out->single_shift = l->single_shift;
	out->morning_min = l->morning_min;
	out->morning_max = l->morning_max;
	out->afternoon_min = l->afternoon_min;
	out->afternoon_max = l->afternoon_max;
	out->day_end_not_before = l->day_end_not_before;
	out->midday_break_min = l->midday_break_min;
	out->indicative_daily = l->indicative_daily;
	out->indicative_morning = l->indicative_morning;
	out->indicative_afternoon = l->indicative_afternoon;
}

void
staff_limits_from(const StaffLimits *l, st_staff_limits *out)
{
	out->week_max = l->week_max;
	out->first_weekday = l->first_weekday;
	out->last_weekday = l->last_weekday;
	out->midday_free = l->midday_free;
	out->midday_window_start = l->midday_window_start;
	out->midday_window_end = l->midday_window_end;
	out->afternoon_start = l->afternoon_start;
}

/* The kernels' callback: weigh and word what they found. */
void
emit_finding(void *context, const st_finding *f)
{
	EmitContext *e = (EmitContext *) context;

	violations_add(e->collector, e->subject, f);
}

/*
 * Opens a cursor on query with a snapshot taken now, after the locks: in
 * REPEATABLE READ and SERIALIZABLE the transaction's own snapshot would not
 * see what a writer who held the lock before us committed.
 */
Portal
open_fresh_cursor(const char *query)
{
	Portal		portal;

	CommandCounterIncrement();
	PushActiveSnapshot(GetLatestSnapshot());
	portal = SPI_cursor_open_with_args(NULL, query, 0, NULL, NULL, NULL, true, 0);
	PopActiveSnapshot();
	if (portal == NULL)
		elog(ERROR, "could not open cursor for: %s", query);
	return portal;
}

void
finding_subject_init(FindingSubject *subject, const ModelTables *model, const char *kind,
					 int64 id, int64 centre_id, int school_year, const KeyItems *k)
{
	memset(subject, 0, sizeof(*subject));
	subject->model = model;
	subject->centre_id = centre_id;
	subject->kind = kind;
	subject->id = id;
	subject->school_year = school_year;
	if (k)
	{
		subject->items = k->items;
		subject->item_centres = k->centres;
		subject->nitems = k->n;
	}
}

void
group_kernels(const KeyItems *k, const RegimeLimits *limits, unsigned approval_checks,
			  st_emit emit, void *context)
{
	st_group_limits gl;

	group_limits_from(limits, &gl);
	st_group_overlaps(k->items, k->n, emit, context);
	st_group_days(k->items, k->n, &gl, emit, context);
	if (approval_checks != 0)
		st_group_approval(k->items, k->n, &gl, approval_checks, emit, context);
}

void
collect_group(ViolationCollector *collector, KeyItems *k, int64 centre_id, int64 group_id,
			  Oid regime, int school_year, bool approval, bool public_centre)
{
	const RegimeLimits *limits = catalogue_require_regime_limits(school_year, regime);
	FindingSubject subject;
	EmitContext e;

	key_items_sort(k);
	finding_subject_init(&subject, collector->model, "group", group_id, centre_id, school_year, k);
	subject.limits = limits;
	e.collector = collector;
	e.subject = &subject;
	group_kernels(k, limits, approval ? approval_checks(limits, public_centre) : 0, emit_finding, &e);
}

static void
check_teacher(ViolationCollector *collector, KeyItems *k, int64 teacher_id, int school_year)
{
	const StaffLimits *staff = catalogue_require_staff_limits(school_year);
	st_staff_limits sl;
	FindingSubject subject;
	EmitContext e;

	key_items_sort(k);
	staff_limits_from(staff, &sl);
	finding_subject_init(&subject, collector->model, "teacher", teacher_id,
						 k->n > 0 ? k->centres[0] : 0, school_year, k);
	subject.staff = staff;
	e.collector = collector;
	e.subject = &subject;
	st_teacher_week(k->items, k->n, &sl, emit_finding, &e);
}

bool
row_slot(HeapTuple tuple, TupleDesc desc, int column, int *start, int *end)
{
	bool		isnull;
	Datum		slot = SPI_getbinval(tuple, desc, column, &isnull);

	return !isnull && weekslot_bounds(slot, start, end) && *start >= 0 && *end <= WT_MAX_MINUTE;
}

static int64
row_int8(HeapTuple tuple, TupleDesc desc, int column, bool *isnull)
{
	Datum		value = SPI_getbinval(tuple, desc, column, isnull);

	return *isnull ? 0 : DatumGetInt64(value);
}

/*
 * Every session of the groups in keys_sql (a query of centre_id, group_id),
 * group by group.
 */
void
scan_groups(ViolationCollector *collector, const char *keys_sql, MemoryContext work)
{
	const ModelTables *m = collector->model;
	char	   *query = psprintf("SELECT s.centre_id, s.group_id, s.id, s.slot, s.kind, s.split_half,"
								 " s.regime, s.school_year::pg_catalog.text"
								 " FROM %s AS s WHERE (s.centre_id, s.group_id) IN (%s)"
								 " ORDER BY s.centre_id, s.group_id",
								 m->sessions, keys_sql);
	Portal		portal = open_fresh_cursor(query);
	KeyItems	k = {NULL, NULL, 0, 0};
	bool		have_key = false;
	int64		key_centre = 0;
	int64		key_group = 0;
	Oid			key_regime = InvalidOid;
	int			key_year = 0;
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
			int64		centre = row_int8(tuple, desc, 1, &isnull);
			int64		group = row_int8(tuple, desc, 2, &isnull);
			int64		id = row_int8(tuple, desc, 3, &isnull);
			int			start;
			int			end;
			Datum		value;
			int			half = 0;
			unsigned	flags = 0;

			if (!row_slot(tuple, desc, 4, &start, &end))
				continue;
			if (!have_key || centre != key_centre || group != key_group)
			{
				if (have_key)
					collect_group(collector, &k, key_centre, key_group, key_regime, key_year, false, false);
				k.n = 0;
				have_key = true;
				key_centre = centre;
				key_group = group;
				key_regime = DatumGetObjectId(SPI_getbinval(tuple, desc, 7, &isnull));
				key_year = parse_school_year(TextDatumGetCString(SPI_getbinval(tuple, desc, 8, &isnull)));
			}
			value = SPI_getbinval(tuple, desc, 5, &isnull);
			if (!isnull)
				flags = kind_flags(DatumGetObjectId(value));
			value = SPI_getbinval(tuple, desc, 6, &isnull);
			if (!isnull)
				half = DatumGetInt16(value);
			key_items_add(&k, start, end, half, flags, id, centre);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	if (have_key)
		collect_group(collector, &k, key_centre, key_group, key_regime, key_year, false, false);
	SPI_cursor_close(portal);
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
	char	   *query = psprintf("WITH keys AS (%s)"
								 " SELECT x.teacher_id, x.school_year, x.slot, x.is_duty, x.centre_id, x.id FROM ("
								 "  SELECT s.teacher_id, s.school_year::pg_catalog.text AS school_year, s.slot,"
								 "         false AS is_duty, s.centre_id, s.id"
								 "  FROM %s AS s WHERE (s.teacher_id, s.school_year::pg_catalog.text) IN (SELECT * FROM keys)"
								 "  UNION ALL"
								 "  SELECT d.teacher_id, d.school_year::pg_catalog.text, d.slot, true, d.centre_id, d.id"
								 "  FROM %s AS d WHERE (d.teacher_id, d.school_year::pg_catalog.text) IN (SELECT * FROM keys)"
								 " ) AS x ORDER BY x.teacher_id, x.school_year",
								 keys_sql, m->sessions, m->duties);
	Portal		portal = open_fresh_cursor(query);
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
			int			start;
			int			end;

			if (!row_slot(tuple, desc, 3, &start, &end))
				continue;
			/* the year is copied out once a key, not once a row: a region has millions */
			if (!have_key || teacher != key_teacher ||
				strlen(key_year_text) != VARSIZE_ANY_EXHDR(year) ||
				memcmp(key_year_text, VARDATA_ANY(year), VARSIZE_ANY_EXHDR(year)) != 0)
			{
				if (have_key)
				{
					check_teacher(collector, &k, key_teacher, parse_school_year(key_year_text));
					pfree(key_year_text);
				}
				k.n = 0;
				have_key = true;
				key_teacher = teacher;
				key_year_text = text_to_cstring(year);
			}
			key_items_add(&k, start, end, 0, is_duty ? ST_DUTY : 0, id, centre);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	if (have_key)
		check_teacher(collector, &k, key_teacher, parse_school_year(key_year_text));
	SPI_cursor_close(portal);
	MemoryContextSwitchTo(old);
}

/*
 * Locks the rows of a table the keys point to, in key order, so that two
 * writers to one group or teacher take turns and never deadlock on each
 * other.  FOR NO KEY UPDATE does not block the foreign-key checks of other
 * writers.
 */
void
lock_rows(const char *table, const char *columns, const char *keys_sql)
{
	spi_exec_checked(psprintf("SELECT 1 FROM %s AS t WHERE (%s) IN (%s) ORDER BY %s FOR NO KEY UPDATE OF t",
							  table, columns, keys_sql, columns),
					 SPI_OK_SELECT);
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

Datum
timetable_set_rules(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	ColumnMap  *args;
	const char *table;
	bool		on_sessions;
	ModelTables *model;
	ViolationCollector collector;
	SpiScope	scope;
	MemoryContext work;
	char	   *group_keys = NULL;
	char	   *teacher_keys;

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

	spi_scope_begin(&scope);
	if (SPI_register_trigger_data(trigdata) != SPI_OK_TD_REGISTER)
		elog(ERROR, "could not register the transition tables of trigger \"%s\"", trigdata->tg_trigger->tgname);

	/* locks in a fixed order for every writer: groups, teachers, centres */
	if (on_sessions)
	{
		group_keys = keys_of(trigdata, "k.centre_id, k.group_id", NULL);
		lock_rows(model->class_groups, "t.centre_id, t.id", group_keys);
	}
	teacher_keys = keys_of(trigdata, "k.teacher_id, k.school_year::pg_catalog.text", "k.teacher_id IS NOT NULL");
	lock_rows(model->teachers, "t.id", psprintf("SELECT teacher_id FROM (%s) AS keys (teacher_id, school_year)", teacher_keys));

	/* removing time never breaks a set rule; it may break an approved timetable */
	if (!TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
	{
		if (on_sessions)
			scan_groups(&collector, group_keys, work);
		scan_teachers(&collector, teacher_keys, work);
	}
	approval_recheck(&collector, group_keys,
					 keys_of(trigdata, "k.centre_id, k.school_year::pg_catalog.text", NULL), work);

	spi_scope_end(&scope);
	MemoryContextDelete(work);
	violations_raise(&collector, trigdata->tg_relation, NULL);
	return PointerGetDatum(NULL);
}
