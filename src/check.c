/*
 * check.c
 *		The compliance report of the timetable rules: every violation of a
 *		model's sessions, groups, teachers and centres, errors and warnings,
 *		authorised or not, as rows of schooltime.violation.
 *
 * It runs the same code the triggers run (row_findings.c for one session,
 * the kernels of kernels.c for a group's, teacher's or centre's week, the
 * words of findings.c), over the whole model instead of the keys one
 * statement touched, and reports every finding rather than refusing at the
 * first.  Groups' and teachers' names come with the scanning queries;
 * a session's or duty's words are looked up only for the findings that
 * name one (overlaps), so that a compliant region costs no string work.
 */
#include "schooltime.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "parser/parse_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/regproc.h"
#include "utils/typcache.h"

#include "approval.h"
#include "authorisation.h"
#include "catalogue.h"
#include "findings.h"
#include "kernels.h"
#include "model.h"
#include "row_findings.h"
#include "set_rules.h"
#include "spi_util.h"
#include "violation.h"
#include "weektime_parse.h"

PG_FUNCTION_INFO_V1(timetable_violations);

#define FETCH_ROWS 10000
#define N_COLUMNS 17

/* Where the rows go. */
typedef struct Report
{
	const ModelTables *model;
	Tuplestorestate *store;
	TupleDesc	desc;
	TypeCacheEntry *range;		/* schooltime.weektimerange */
	Oid			severity_error;
	Oid			severity_warning;
} Report;

static Oid
enum_value(const char *type_name, const char *label)
{
	Oid			type = typenameTypeId(NULL, typeStringToTypeName(type_name));

	return DatumGetObjectId(DirectFunctionCall2(enum_in, CStringGetDatum(label), ObjectIdGetDatum(type)));
}

/* One row of schooltime.violation. */
typedef struct ReportRow
{
	const char *rule;
	const char *sections;
	int64		centre_id;
	const char *subject;
	int64		subject_id;
	const char *subject_name;
	int			weekday;		/* 0: none */
	int			start;			/* -1: no stretch of the week */
	int			end;
	int			measured;
	int			limit;
	const char *unit;
	const char *message;
	const char *detail;
	const char *hint;
	int64		authorisation_id;	/* 0: none */
} ReportRow;

static void
report_row(Report *r, const ReportRow *row)
{
	Datum		values[N_COLUMNS];
	bool		nulls[N_COLUMNS];
	const RuleEntry *rule = catalogue_rule(row->rule);

	memset(nulls, false, sizeof(nulls));
	values[0] = CStringGetTextDatum(row->rule);
	values[1] = ObjectIdGetDatum(rule->is_error ? r->severity_error : r->severity_warning);
	values[2] = CStringGetTextDatum(row->sections ? row->sections : format_sections(rule->sections));
	values[3] = Int64GetDatum(row->centre_id);
	values[4] = CStringGetTextDatum(row->subject);
	values[5] = Int64GetDatum(row->subject_id);
	values[6] = CStringGetTextDatum(row->subject_name);
	values[7] = Int32GetDatum(row->weekday);
	nulls[7] = row->weekday == 0;
	nulls[8] = true;			/* a calendar date: none for a weekly timetable */
	nulls[9] = row->start < 0 || row->end <= row->start;
	if (!nulls[9])
	{
		RangeBound	lower = {WeektimeGetDatum(row->start), false, true, true};
		RangeBound	upper = {WeektimeGetDatum(row->end), false, false, false};

		values[9] = RangeTypePGetDatum(SCHOOLTIME_MAKE_RANGE(r->range, &lower, &upper, false, NULL));
	}
	values[10] = DirectFunctionCall1(int4_numeric, Int32GetDatum(row->measured));
	values[11] = DirectFunctionCall1(int4_numeric, Int32GetDatum(row->limit));
	values[12] = CStringGetTextDatum(row->unit);
	values[13] = CStringGetTextDatum(row->message);
	values[14] = CStringGetTextDatum(row->detail);
	values[15] = CStringGetTextDatum(row->hint);
	values[16] = Int64GetDatum(row->authorisation_id);
	nulls[16] = row->authorisation_id == 0;
	tuplestore_putvalues(r->store, r->desc, values, nulls);
}

/* The kernels' callback in a report: every finding becomes a row. */
typedef struct ReportEmit
{
	Report	   *report;
	const FindingSubject *subject;
	const char *subject_name;	/* NULL: take it from the label */
} ReportEmit;

static void
report_finding(void *context, const st_finding *f)
{
	ReportEmit *e = (ReportEmit *) context;
	const FindingSubject *s = e->subject;
	FindingText text;
	ReportRow	row;

	finding_text(s, f, &text);
	memset(&row, 0, sizeof(row));
	if (e->subject_name == NULL)
	{
		/* 'centre "Institut Les Vinyes"': the name between the quotes */
		char	   *quote = strchr(text.label, '"');

		e->subject_name = quote ? pnstrdup(quote + 1, strlen(quote + 1) - 1) : text.label;
	}
	row.rule = text.rule;
	row.sections = text.sections;
	row.centre_id = s->centre_id;
	row.subject = s->kind;
	row.subject_id = s->id;
	row.subject_name = e->subject_name;
	row.weekday = f->day;
	row.start = f->start;
	row.end = f->end;
	row.measured = f->measured;
	row.limit = f->limit;
	row.unit = text.unit;
	row.message = text.message;
	row.detail = text.detail;
	row.hint = text.hint;
	row.authorisation_id = finding_authorisation(s, f, e->report->model);
	report_row(e->report, &row);
}

/* The authorisation of a row rule for a session (its group, its centre), or 0. */
static int64
row_authorisation(Report *r, const char *rule, int64 centre_id, int64 group_id, int64 session_id,
				  const RegimeLimits *limits)
{
	AuthorisationSubject who;
	Datum		session = Int64GetDatum(session_id);

	memset(&who, 0, sizeof(who));
	who.centre = Int64GetDatum(centre_id);
	who.centre_type = INT8OID;
	who.school_year = limits->school_year;
	who.regime = limits->regime;
	who.has_group = true;
	who.group = Int64GetDatum(group_id);
	who.group_type = INT8OID;
	who.nsessions = 1;
	who.sessions = &session;
	who.session_type = INT8OID;
	return authorisation_find(r->model->authorisations_oid, rule, &who);
}

static void
report_group(Report *r, KeyItems *k, int64 centre_id, int64 group_id, const char *name,
			 const RegimeLimits *limits, bool public_centre)
{
	st_group_limits gl;
	FindingSubject subject;
	ReportEmit	e;
	unsigned	checks = ST_CHECK_WEEKLY | ST_CHECK_INDICATIVE;

	if (public_centre && limits->max_free_afternoons != NO_LIMIT)
		checks |= ST_CHECK_FREE_AFTERNOONS;
	if (limits->single_shift)
		checks |= ST_CHECK_SINGLE_SHIFT;
	if (limits->midday_break_min != NO_LIMIT || limits->morning_min != NO_LIMIT)
		checks |= ST_CHECK_PRIMARY_DAY;

	key_items_sort(k);
	group_limits_from(limits, &gl);
	memset(&subject, 0, sizeof(subject));
	subject.model = r->model;
	subject.centre_id = centre_id;
	subject.kind = "group";
	subject.id = group_id;
	subject.school_year = limits->school_year;
	subject.limits = limits;
	subject.items = k->items;
	subject.item_centres = k->centres;
	subject.nitems = k->n;
	subject.label = psprintf("group \"%s\"", name);
	e.report = r;
	e.subject = &subject;
	e.subject_name = name;
	st_group_overlaps(k->items, k->n, report_finding, &e);
	st_group_days(k->items, k->n, &gl, report_finding, &e);
	st_group_approval(k->items, k->n, &gl, checks, report_finding, &e);
}

/* Every session of the groups in scope: the row rules, then each group's week. */
static void
report_groups(Report *r, const char *scope, MemoryContext work)
{
	const ModelTables *m = r->model;
	char	   *query = psprintf("SELECT g.centre_id, g.id, g.regime, g.school_year::pg_catalog.text, g.name,"
								 " c.ownership OPERATOR(pg_catalog.=) 'public'::schooltime.ownership,"
								 " s.id, s.slot, s.kind, s.split_half"
								 " FROM %s AS g JOIN %s AS c ON c.id OPERATOR(pg_catalog.=) g.centre_id"
								 " LEFT JOIN %s AS s ON s.centre_id OPERATOR(pg_catalog.=) g.centre_id"
								 "  AND s.group_id OPERATOR(pg_catalog.=) g.id"
								 " WHERE %s ORDER BY g.centre_id, g.id",
								 m->class_groups, m->centres, m->sessions, scope);
	Portal		portal = open_fresh_cursor(query);
	KeyItems	k;
	bool		have_key = false;
	int64		key_centre = 0;
	int64		key_group = 0;
	const RegimeLimits *limits = NULL;
	char	   *name = NULL;
	bool		public_centre = false;
	MemoryContext old = MemoryContextSwitchTo(work);
	MemoryContext per_group = AllocSetContextCreate(work, "schooltime report group", ALLOCSET_DEFAULT_SIZES);

	memset(&k, 0, sizeof(k));
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
			int64		centre = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
			int64		group = DatumGetInt64(SPI_getbinval(tuple, desc, 2, &isnull));
			Datum		value;
			int64		session_id;
			int			start;
			int			end;
			int			half = 0;
			unsigned	flags = 0;
			RowFinding	findings[3];
			int			nfindings;
			int			f;

			if (!have_key || centre != key_centre || group != key_group)
			{
				if (have_key)
					report_group(r, &k, key_centre, key_group, name, limits, public_centre);
				MemoryContextReset(per_group);
				MemoryContextSwitchTo(per_group);
				memset(&k, 0, sizeof(k));
				have_key = true;
				key_centre = centre;
				key_group = group;
				limits = catalogue_require_regime_limits(
					parse_school_year(TextDatumGetCString(SPI_getbinval(tuple, desc, 4, &isnull))),
					DatumGetObjectId(SPI_getbinval(tuple, desc, 3, &isnull)));
				name = TextDatumGetCString(SPI_getbinval(tuple, desc, 5, &isnull));
				public_centre = DatumGetBool(SPI_getbinval(tuple, desc, 6, &isnull));
			}
			value = SPI_getbinval(tuple, desc, 7, &isnull);
			if (isnull || !row_slot(tuple, desc, 8, &start, &end))
				continue;
			session_id = DatumGetInt64(value);
			value = SPI_getbinval(tuple, desc, 9, &isnull);
			if (!isnull)
				flags = kind_flags(DatumGetObjectId(value));
			value = SPI_getbinval(tuple, desc, 10, &isnull);
			if (!isnull)
				half = DatumGetInt16(value);
			key_items_add(&k, start, end, half, flags, session_id, centre);

			nfindings = row_findings(limits, start, end, (flags & ST_RECESS) == 0, findings);
			for (f = 0; f < nfindings; f++)
			{
				ReportRow	row;
				char	   *message;
				char	   *detail;
				char	   *hint;

				row_finding_text(limits, start, end, &findings[f], psprintf("group \"%s\"", name),
								 &message, &detail, &hint);
				memset(&row, 0, sizeof(row));
				row.rule = findings[f].rule;
				row.centre_id = centre;
				row.subject = "group";
				row.subject_id = group;
				row.subject_name = name;
				row.weekday = wt_weekday(start);
				row.start = start;
				row.end = end;
				row.measured = findings[f].measured;
				row.limit = findings[f].limit;
				row.unit = findings[f].unit;
				row.message = message;
				row.detail = detail;
				row.hint = hint;
				row.sections = strcmp(findings[f].rule, "weekday") == 0 ? NULL : format_sections(limits->section);
				row.authorisation_id = row_authorisation(r, findings[f].rule, centre, group, session_id, limits);
				report_row(r, &row);
			}
		}
		SPI_freetuptable(SPI_tuptable);
	}
	if (have_key)
		report_group(r, &k, key_centre, key_group, name, limits, public_centre);
	SPI_cursor_close(portal);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(per_group);
}

static void
report_teacher(Report *r, KeyItems *k, int64 teacher_id, const char *name, int school_year)
{
	const StaffLimits *staff = catalogue_require_staff_limits(school_year);
	st_staff_limits sl;
	FindingSubject subject;
	ReportEmit	e;

	key_items_sort(k);
	staff_limits_from(staff, &sl);
	memset(&subject, 0, sizeof(subject));
	subject.model = r->model;
	subject.centre_id = k->n > 0 ? k->centres[0] : 0;
	subject.kind = "teacher";
	subject.id = teacher_id;
	subject.school_year = school_year;
	subject.staff = staff;
	subject.items = k->items;
	subject.item_centres = k->centres;
	subject.nitems = k->n;
	subject.label = psprintf("teacher \"%s\"", name);
	e.report = r;
	e.subject = &subject;
	e.subject_name = name;
	st_teacher_week(k->items, k->n, &sl, report_finding, &e);
}

/* Every session and duty of the teachers with any in scope, teacher by teacher and year. */
static void
report_teachers(Report *r, const char *session_scope, const char *duty_scope, MemoryContext work)
{
	const ModelTables *m = r->model;
	char	   *query = psprintf(
		"WITH keys AS (SELECT s.teacher_id, s.school_year::pg_catalog.text AS school_year FROM %1$s AS s"
		"              WHERE s.teacher_id IS NOT NULL AND %3$s"
		"              UNION SELECT d.teacher_id, d.school_year::pg_catalog.text FROM %2$s AS d WHERE %4$s)"
		" SELECT x.teacher_id, x.school_year, t.name, x.slot, x.is_duty, x.centre_id, x.id FROM ("
		"  SELECT s.teacher_id, s.school_year::pg_catalog.text AS school_year, s.slot, false AS is_duty, s.centre_id, s.id"
		"  FROM %1$s AS s WHERE (s.teacher_id, s.school_year::pg_catalog.text) IN (SELECT * FROM keys)"
		"  UNION ALL"
		"  SELECT d.teacher_id, d.school_year::pg_catalog.text, d.slot, true, d.centre_id, d.id"
		"  FROM %2$s AS d WHERE (d.teacher_id, d.school_year::pg_catalog.text) IN (SELECT * FROM keys)"
		" ) AS x JOIN %5$s AS t ON t.id OPERATOR(pg_catalog.=) x.teacher_id"
		" ORDER BY x.teacher_id, x.school_year",
		m->sessions, m->duties, session_scope, duty_scope, m->teachers);
	Portal		portal = open_fresh_cursor(query);
	KeyItems	k;
	bool		have_key = false;
	int64		key_teacher = 0;
	char	   *key_year = NULL;
	char	   *name = NULL;
	MemoryContext old = MemoryContextSwitchTo(work);
	MemoryContext per_teacher = AllocSetContextCreate(work, "schooltime report teacher", ALLOCSET_DEFAULT_SIZES);

	memset(&k, 0, sizeof(k));
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
			int64		teacher = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
			char	   *year = SPI_getvalue(tuple, desc, 2);
			int			start;
			int			end;

			if (!have_key || teacher != key_teacher || strcmp(year, key_year) != 0)
			{
				if (have_key)
					report_teacher(r, &k, key_teacher, name, parse_school_year(key_year));
				MemoryContextReset(per_teacher);
				MemoryContextSwitchTo(per_teacher);
				memset(&k, 0, sizeof(k));
				have_key = true;
				key_teacher = teacher;
				key_year = pstrdup(year);
				name = TextDatumGetCString(SPI_getbinval(tuple, desc, 3, &isnull));
			}
			if (!row_slot(tuple, desc, 4, &start, &end))
				continue;
			key_items_add(&k, start, end, 0,
						  DatumGetBool(SPI_getbinval(tuple, desc, 5, &isnull)) ? ST_DUTY : 0,
						  DatumGetInt64(SPI_getbinval(tuple, desc, 7, &isnull)),
						  DatumGetInt64(SPI_getbinval(tuple, desc, 6, &isnull)));
		}
		SPI_freetuptable(SPI_tuptable);
	}
	if (have_key)
		report_teacher(r, &k, key_teacher, name, parse_school_year(key_year));
	SPI_cursor_close(portal);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(per_teacher);
}

static void
report_centre_finding(void *context, const FindingSubject *subject, const st_finding *f)
{
	ReportEmit	e;

	e.report = (Report *) context;
	e.subject = subject;
	e.subject_name = NULL;
	report_finding(&e, f);
}

/* guard_coverage and directive_presence of the centres in scope, through approval.c's scan. */
static void
report_centres(Report *r, const char *centre_scope, MemoryContext work)
{
	ViolationCollector collector;

	violations_init(&collector, r->model);
	collector.report = report_centre_finding;
	collector.report_context = r;
	approval_scan_centres(&collector,
						  psprintf("SELECT DISTINCT g.centre_id, g.school_year::pg_catalog.text FROM %s AS g WHERE %s",
								   r->model->class_groups, centre_scope),
						  work);
}

/*
 * schooltime.timetable_violations(model name, centre_id bigint, group_id bigint)
 * RETURNS SETOF schooltime.violation
 */
Datum
timetable_violations(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext per_query;
	MemoryContext old;
	MemoryContext work;
	Report		r;
	SpiScope	scope;
	char	   *model_name;
	char	   *group_scope;
	char	   *session_scope;
	char	   *duty_scope;
	char	   *centre_scope;
	bool		one_group;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) || !(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				errmsg("schooltime.timetable_violations() must be called in a context that accepts a set"));
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("the model's schema must be named"));
	model_name = NameStr(*PG_GETARG_NAME(0));
	one_group = !PG_ARGISNULL(2);
	if (one_group && PG_ARGISNULL(1))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a group is named by its centre and its id"),
				errhint("Pass the centre_id as well as the group_id."));

	per_query = rsinfo->econtext->ecxt_per_query_memory;
	old = MemoryContextSwitchTo(per_query);
	memset(&r, 0, sizeof(r));
	r.model = model_tables(model_name, per_query);
	if (get_call_result_type(fcinfo, NULL, &r.desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "schooltime.timetable_violations() must return a composite type");
	r.desc = CreateTupleDescCopy(r.desc);
	r.store = tuplestore_begin_heap(true, false, work_mem);
	r.range = lookup_type_cache(typenameTypeId(NULL, typeStringToTypeName("schooltime.weektimerange")),
								TYPECACHE_RANGE_INFO);
	r.severity_error = enum_value("schooltime.severity", "error");
	r.severity_warning = enum_value("schooltime.severity", "warning");
	MemoryContextSwitchTo(old);

	if (one_group)
	{
		group_scope = psprintf("g.centre_id OPERATOR(pg_catalog.=) " INT64_FORMAT " AND g.id OPERATOR(pg_catalog.=) " INT64_FORMAT,
							   PG_GETARG_INT64(1), PG_GETARG_INT64(2));
		session_scope = duty_scope = centre_scope = NULL;
	}
	else if (!PG_ARGISNULL(1))
	{
		group_scope = psprintf("g.centre_id OPERATOR(pg_catalog.=) " INT64_FORMAT, PG_GETARG_INT64(1));
		session_scope = psprintf("s.centre_id OPERATOR(pg_catalog.=) " INT64_FORMAT, PG_GETARG_INT64(1));
		duty_scope = psprintf("d.centre_id OPERATOR(pg_catalog.=) " INT64_FORMAT, PG_GETARG_INT64(1));
		centre_scope = group_scope;
	}
	else
		group_scope = session_scope = duty_scope = centre_scope = "true";

	work = AllocSetContextCreate(CurrentMemoryContext, "schooltime report", ALLOCSET_DEFAULT_SIZES);
	spi_scope_begin(&scope);
	report_groups(&r, group_scope, work);
	if (session_scope)
		report_teachers(&r, session_scope, duty_scope, work);
	if (centre_scope)
		report_centres(&r, centre_scope, work);
	spi_scope_end(&scope);
	MemoryContextDelete(work);

	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = r.store;
	rsinfo->setDesc = r.desc;
	return (Datum) 0;
}
