/*
 * judge.c
 *		Judging one key's week, and collecting what the kernels find.
 *
 * See judge.h.  Everything here is shared by the write-time triggers, the
 * approval of a timetable and the compliance report, so that a group the
 * report flags is exactly one a write would be refused for.
 */
#include "schooltime.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "authorisation.h"
#include "catalogue.h"
#include "judge.h"
#include "lesson_rows.h"
#include "spi_util.h"
#include "violation.h"
#include "weektime_parse.h"

/* Which week rules a group's regime and centre call for. */
unsigned
approval_checks(const RegimeLimits *limits, bool public_centre)
{
	unsigned	checks = ST_CHECK_WEEKLY;

	if (public_centre && limits->max_free_afternoons != NO_LIMIT)
		checks |= ST_CHECK_FREE_AFTERNOONS;
	if (limits->single_shift)
		checks |= ST_CHECK_SINGLE_SHIFT;
	if (limits->midday_break_min != NO_LIMIT || limits->morning_min != NO_LIMIT)
		checks |= ST_CHECK_PRIMARY_DAY;
	return checks;
}

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
	if (collector->count > 1)
		detail = psprintf("%s %s", detail,
						  psprintf(_n("The statement holds %d more violation.", "The statement holds %d more violations.",
									  collector->count - 1),
								   collector->count - 1));
	raise_violation(rel, first->rule,
					prefix ? psprintf("%s: %s", prefix, first->message) : first->message,
					detail, first->hint);
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
open_fresh_cursor(const char *query, const QueryParams *params)
{
	Portal		portal;

	CommandCounterIncrement();
	PushActiveSnapshot(GetLatestSnapshot());
	portal = params ? spi_cursor_open_checked(query, params->n, (Oid *) params->types,
											  (Datum *) params->values, params->nulls)
		: spi_cursor_open_checked(query, 0, NULL, NULL, NULL);
	PopActiveSnapshot();
	return portal;
}

void
exec_with_params(const char *query, const QueryParams *params, int expected)
{
	if (params)
		spi_exec_args_checked(query, params->n, (Oid *) params->types, (Datum *) params->values,
							  params->nulls, expected);
	else
		spi_exec_checked(query, expected);
}

/*
 * The parts of the groups keys_sql selects, numbered by group_shape_number
 * in the order group_shapes_load reads them (split and part names in "C"
 * order), so that the numbers are the same; through SPI, so that the query
 * takes the statement's keys as parameters and its plan may be kept.
 */
void
load_group_shapes(GroupShapes *shapes, const ModelTables *m, const char *keys_sql, const QueryParams *params)
{
	MemoryContext old;
	uint64		i;

	if (m->group_parts == NULL)
		return;
	exec_with_params(psprintf("SELECT p.centre_id, p.group_id, p.split, p.part FROM %s AS p"
							  " WHERE (p.centre_id, p.group_id) IN (%s)"
							  " ORDER BY p.centre_id, p.group_id, p.split COLLATE \"C\", p.part COLLATE \"C\"",
							  m->group_parts, keys_sql),
					 params, SPI_OK_SELECT);
	old = MemoryContextSwitchTo(shapes->context);
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		int16		split;
		int16		part;

		(void) group_shape_number(shapes, DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull)),
								  DatumGetInt64(SPI_getbinval(tuple, desc, 2, &isnull)), 0,
								  SPI_getvalue(tuple, desc, 3), SPI_getvalue(tuple, desc, 4), &split, &part);
	}
	MemoryContextSwitchTo(old);
	SPI_freetuptable(SPI_tuptable);
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

static void *
arena_alloc(void *context, size_t size)
{
	return MemoryContextAllocHuge((MemoryContext) context, size);
}

void
group_kernels(const FindingSubject *subject, const KeyItems *k, unsigned week_checks,
			  st_emit emit, void *context)
{
	st_group_limits gl;
	st_group_shape shape;
	st_arena	arena = {arena_alloc, CurrentMemoryContext};

	group_limits_from(subject->limits, &gl);
	group_shape_for_kernels(subject->shape, &shape);
	if (st_group_week(k->items, k->n, &shape, &gl, week_checks, &arena, emit, context) < 0)
	{
		char	   *label = subject->label ? pstrdup(subject->label)
			: model_group_label(subject->model, subject->centre_id, subject->id);

		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("%s has more than %d combinations of parts", label, ST_MAX_COMBINATIONS),
				errdetail("Its day and week rules are judged for every combination of one part of each split its sessions use."),
				errhint("Name fewer splits in the group's sessions, or merge splits whose parts always go together."));
	}
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
	subject.shape = collector->shapes ? group_shape_find(collector->shapes, centre_id, group_id, false) : NULL;
	if (collector->written)
		lesson_rows_check_group(collector->model, collector->written, k, k->teachers, centre_id, group_id,
								subject.shape);
	e.collector = collector;
	e.subject = &subject;
	group_kernels(&subject, k, approval ? approval_checks(limits, public_centre) : 0, emit_finding, &e);
}

void
collect_teacher(ViolationCollector *collector, KeyItems *k, int64 teacher_id, int school_year)
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
	st_teacher_week(k->items, k->centres, k->n, &sl, emit_finding, &e);
}

bool
row_slot(HeapTuple tuple, TupleDesc desc, int column, int *start, int *end)
{
	bool		isnull;
	Datum		slot = SPI_getbinval(tuple, desc, column, &isnull);

	return !isnull && weekslot_bounds(slot, start, end) && *start >= 0 && *end <= WT_MAX_MINUTE;
}

bool
slot_datum_bounds(Datum value, bool isnull, int *start, int *end)
{
	return !isnull && weekslot_bounds(value, start, end) && *start >= 0 && *end <= WT_MAX_MINUTE;
}

void
row_values(HeapTuple tuple, TupleDesc desc, int first, int n, Datum *values, bool *nulls)
{
	int			i;

	for (i = 0; i < n; i++)
		values[i] = SPI_getbinval(tuple, desc, first + i, &nulls[i]);
}

char *
session_item_columns(const ModelTables *model, const char *alias)
{
	if (model->lessons == NULL)
		return psprintf("%1$s.id, %1$s.slot, %1$s.kind, %1$s.split_half,"
						" NULL::pg_catalog.int8, NULL::pg_catalog.text, NULL::pg_catalog.text, %1$s.teacher_id",
						alias);
	return psprintf("%1$s.id, %1$s.slot, %1$s.kind, %1$s.split_half, %1$s.lesson_id, %1$s.split, %1$s.part,"
					" %1$s.teacher_id", alias);
}

SessionItemResult
session_item(GroupShapes *shapes, int64 centre_id, int64 group_id, const Datum *values, const bool *nulls,
			 st_item *item, int64 *teacher)
{
	bool		known = true;

	if (!slot_datum_bounds(values[1], nulls[1], &item->start, &item->end))
		return SESSION_ITEM_BAD_SLOT;
	item->id = DatumGetInt64(values[0]);
	item->flags = nulls[2] ? 0 : kind_flags(DatumGetObjectId(values[2]));
	item->lesson = nulls[4] ? 0 : DatumGetInt64(values[4]);
	*teacher = nulls[7] ? 0 : DatumGetInt64(values[7]);
	if (!nulls[5] && !nulls[6])
	{
		char	   *split = TextDatumGetCString(values[5]);
		char	   *part = TextDatumGetCString(values[6]);

		known = group_shape_number(shapes, centre_id, group_id, 0, split, part, &item->split, &item->part);
		pfree(split);
		pfree(part);
	}
	else
		group_shape_number(shapes, centre_id, group_id, nulls[3] ? 0 : DatumGetInt16(values[3]),
						   NULL, NULL, &item->split, &item->part);
	return known ? SESSION_ITEM_OK : SESSION_ITEM_UNKNOWN_PART;
}

/*
 * Locks the rows of a table the keys point to, in key order, so that two
 * writers to one group or teacher take turns and never deadlock on each
 * other.  FOR NO KEY UPDATE does not block the foreign-key checks of other
 * writers.
 */
void
lock_rows(const char *table, const char *columns, const char *keys_sql, const QueryParams *params)
{
	exec_with_params(psprintf("SELECT 1 FROM %s AS t WHERE (%s) IN (%s) ORDER BY %s FOR NO KEY UPDATE OF t",
							  table, columns, keys_sql, columns),
					 params, SPI_OK_SELECT);
}
