/*
 * approval.c
 *		The rules of a whole timetable, checked when a group's timetable
 *		leaves draft (section 5.3) and on every later edit of it.
 *
 * Leaving draft runs, for the group, weekly_hours, free_afternoons (ESO in
 * public centres), fp_single_shift (FP), primary_day (infantil and
 * primària) and eoi_course_hours (EOI, over the calendar), with the
 * write-time group rules; and, for its centre in that
 * school year, guard_coverage and directive_presence.  Every broken rule is
 * named, not only the first.  Once a group is provisional or definitive,
 * every write to its sessions, and every write to the duties and sessions
 * of its centre, runs the same checks and is refused unless the timetable
 * stays compliant.
 */
#include "schooltime.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "approval.h"
#include "catalogue.h"
#include "enforcement.h"
#include "findings.h"
#include "model.h"
#include "spi_util.h"
#include "trigger_args.h"
#include "violation.h"

PG_FUNCTION_INFO_V1(timetable_approval);

#define FETCH_ROWS 10000

void
approval_scan_groups(ViolationCollector *collector, const char *keys_sql, bool approved_only,
					 MemoryContext work)
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
	bool		key_public = false;

	group_shapes_init(&shapes, work);
	load_group_shapes(&shapes, m, keys_sql, collector->params);
	collector->shapes = &shapes;
	query = psprintf("SELECT g.centre_id, g.id, g.regime, g.school_year::pg_catalog.text,"
					 " c.ownership OPERATOR(pg_catalog.=) 'public'::schooltime.ownership, %s"
					 " FROM %s AS g JOIN %s AS c ON c.id OPERATOR(pg_catalog.=) g.centre_id"
					 " LEFT JOIN %s AS s ON s.centre_id OPERATOR(pg_catalog.=) g.centre_id"
					 "  AND s.group_id OPERATOR(pg_catalog.=) g.id"
					 " WHERE (g.centre_id, g.id) IN (%s)%s"
					 " ORDER BY g.centre_id, g.id",
					 session_item_columns(m, "s"), m->class_groups, m->centres, m->sessions, keys_sql,
					 approved_only ? " AND g.approval OPERATOR(pg_catalog.<>) 'draft'::schooltime.approval_state" : "");
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
			int64		centre = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
			int64		group = DatumGetInt64(SPI_getbinval(tuple, desc, 2, &isnull));
			Datum		values[SESSION_ITEM_COLUMNS];
			bool		nulls[SESSION_ITEM_COLUMNS];
			st_item		item;
			int64		teacher;

			if (!have_key || centre != key_centre || group != key_group)
			{
				if (have_key)
					collect_group(collector, &k, key_centre, key_group, key_regime, key_year, true, key_public);
				k.n = 0;
				have_key = true;
				key_centre = centre;
				key_group = group;
				key_regime = DatumGetObjectId(SPI_getbinval(tuple, desc, 3, &isnull));
				key_year = parse_school_year(TextDatumGetCString(SPI_getbinval(tuple, desc, 4, &isnull)));
				key_public = DatumGetBool(SPI_getbinval(tuple, desc, 5, &isnull));
			}
			row_values(tuple, desc, 6, SESSION_ITEM_COLUMNS, values, nulls);
			/* a group without sessions has one row of NULLs */
			if (!nulls[0] && session_item(&shapes, centre, group, values, nulls, &item, &teacher) != SESSION_ITEM_BAD_SLOT)
				key_items_add_session(&k, &item, centre, teacher);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	if (have_key)
		collect_group(collector, &k, key_centre, key_group, key_regime, key_year, true, key_public);
	SPI_cursor_close(portal);
	collector->shapes = NULL;
	MemoryContextSwitchTo(old);
}

/* A centre's week: lective time, guards and the directive team's presence. */
typedef struct CentreWeek
{
	KeyItems	lective;
	KeyItems	guards;
	KeyItems	present;
} CentreWeek;

static void
check_centre(ViolationCollector *collector, CentreWeek *w, int64 centre_id, int school_year, int min_guards)
{
	FindingSubject subject;
	EmitContext e;

	key_items_sort(&w->lective);
	key_items_sort(&w->guards);
	key_items_sort(&w->present);
	finding_subject_init(&subject, collector->model, "centre", centre_id, centre_id, school_year, NULL);
	subject.min_guards = min_guards;
	e.collector = collector;
	e.subject = &subject;
	st_centre_coverage(w->lective.items, w->lective.n, w->guards.items, w->guards.n, min_guards,
					   w->present.items, w->present.n, emit_finding, &e);
}

/* The roles of the directive team, and the coordinator who may stand in (5.2). */
#define DIRECTIVE_ROLES \
	"ARRAY['director', 'head_of_studies', 'secretary', 'pedagogical_coordinator', 'coordinator']::schooltime.teacher_role[]"

void
approval_scan_centres(ViolationCollector *collector, const char *keys_sql, MemoryContext work)
{
	const ModelTables *m = collector->model;
	char	   *query = psprintf(
		"WITH keys AS (%5$s)"
		" SELECT x.centre_id, x.school_year, x.part, x.slot, x.recess, x.min_guards FROM ("
		"  SELECT s.centre_id, s.school_year::pg_catalog.text AS school_year, 0 AS part, s.slot,"
		"         s.kind OPERATOR(pg_catalog.=) 'recess'::schooltime.session_kind AS recess, NULL::integer AS min_guards"
		"  FROM %1$s AS s WHERE (s.centre_id, s.school_year::pg_catalog.text) IN (SELECT * FROM keys)"
		"  UNION ALL"
		"  SELECT d.centre_id, d.school_year::pg_catalog.text, 1, d.slot,"
		"         d.kind OPERATOR(pg_catalog.=) 'recess_guard'::schooltime.duty_kind, NULL"
		"  FROM %2$s AS d WHERE (d.centre_id, d.school_year::pg_catalog.text) IN (SELECT * FROM keys)"
		"   AND d.kind OPERATOR(pg_catalog.=) ANY (ARRAY['guard', 'recess_guard']::schooltime.duty_kind[])"
		"  UNION ALL"
		"  SELECT s.centre_id, s.school_year::pg_catalog.text, 2, s.slot, false, NULL"
		"  FROM %1$s AS s JOIN %3$s AS t ON t.id OPERATOR(pg_catalog.=) s.teacher_id"
		"  WHERE (s.centre_id, s.school_year::pg_catalog.text) IN (SELECT * FROM keys)"
		"   AND t.centre_id OPERATOR(pg_catalog.=) s.centre_id AND t.role OPERATOR(pg_catalog.=) ANY (" DIRECTIVE_ROLES ")"
		"  UNION ALL"
		"  SELECT d.centre_id, d.school_year::pg_catalog.text, 2, d.slot, false, NULL"
		"  FROM %2$s AS d JOIN %3$s AS t ON t.id OPERATOR(pg_catalog.=) d.teacher_id"
		"  WHERE (d.centre_id, d.school_year::pg_catalog.text) IN (SELECT * FROM keys)"
		"   AND t.centre_id OPERATOR(pg_catalog.=) d.centre_id AND t.role OPERATOR(pg_catalog.=) ANY (" DIRECTIVE_ROLES ")"
		"  UNION ALL"
		"  SELECT k.centre_id, k.school_year, -1, NULL, false, c.min_guards"
		"  FROM keys AS k (centre_id, school_year) JOIN %4$s AS c ON c.id OPERATOR(pg_catalog.=) k.centre_id"
		" ) AS x ORDER BY x.centre_id, x.school_year, x.part",
		m->sessions, m->duties, m->teachers, m->centres, keys_sql);
	Portal		portal = open_fresh_cursor(query, collector->params);
	CentreWeek	w;
	bool		have_key = false;
	int64		key_centre = 0;
	char	   *key_year = NULL;
	int			min_guards = 1;
	MemoryContext old = MemoryContextSwitchTo(work);

	memset(&w, 0, sizeof(w));
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
			char	   *year = TextDatumGetCString(SPI_getbinval(tuple, desc, 2, &isnull));
			int			part = DatumGetInt32(SPI_getbinval(tuple, desc, 3, &isnull));
			bool		recess = DatumGetBool(SPI_getbinval(tuple, desc, 5, &isnull));
			st_item		item;

			if (!have_key || centre != key_centre || strcmp(year, key_year) != 0)
			{
				if (have_key)
					check_centre(collector, &w, key_centre, parse_school_year(key_year), min_guards);
				w.lective.n = w.guards.n = w.present.n = 0;
				have_key = true;
				key_centre = centre;
				key_year = year;
				min_guards = 1;
			}
			if (part < 0)
			{
				Datum		value = SPI_getbinval(tuple, desc, 6, &isnull);

				min_guards = isnull
					? catalogue_require_staff_limits(parse_school_year(year))->default_min_guards
					: DatumGetInt32(value);
				continue;
			}
			memset(&item, 0, sizeof(item));
			if (!row_slot(tuple, desc, 4, &item.start, &item.end))
				continue;
			item.flags = recess ? ST_RECESS : 0;
			key_items_add(part == 0 ? &w.lective : part == 1 ? &w.guards : &w.present, &item, centre);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	if (have_key)
		check_centre(collector, &w, key_centre, parse_school_year(key_year), min_guards);
	SPI_cursor_close(portal);
	MemoryContextSwitchTo(old);
}

/*
 * Violations a set-returning SQL function of schooltime.violation reports
 * (eoi_course_hours, which needs the calendar), counted and worded like the
 * kernels' findings; authorised ones are set aside.
 */
static void
collect_sql_violations(ViolationCollector *collector, const char *query)
{
	MemoryContext old;
	uint64		i;

	exec_with_params(query, collector->params, SPI_OK_SELECT);
	old = MemoryContextSwitchTo(collector->text_context);
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		FindingText *text = palloc0(sizeof(FindingText));

		text->rule = SPI_getvalue(tuple, desc, 1);
		text->message = SPI_getvalue(tuple, desc, 2);
		text->detail = SPI_getvalue(tuple, desc, 3);
		text->hint = SPI_getvalue(tuple, desc, 4);
		text->label = SPI_getvalue(tuple, desc, 5);
		if (!catalogue_rule(text->rule)->is_error)
			continue;
		collector->count++;
		if (collector->count == 1)
			collector->first = *text;
		if (collector->keep_all)
			collector->all = lappend(collector->all, text);
	}
	MemoryContextSwitchTo(old);
}

/* eoi_course_hours of the groups keys_sql selects (EOI groups only report). */
static void
approval_course_hours(ViolationCollector *collector, const char *keys_sql, bool approved_only)
{
	const ModelTables *m = collector->model;

	collect_sql_violations(collector,
						   psprintf("SELECT v.rule, v.message, v.detail, v.hint, 'group \"' || v.subject_name || '\"'"
									" FROM %s AS g, schooltime.eoi_course_hours_violations(%s, g.centre_id, g.id) AS v"
									" WHERE (g.centre_id, g.id) IN (%s)%s"
									"  AND g.regime OPERATOR(pg_catalog.=) ANY (ARRAY['eoi_ordinary', 'eoi_intensive', 'eoi_blended']::schooltime.regime[])"
									"  AND v.authorisation_id IS NULL ORDER BY g.centre_id, g.id",
									m->class_groups, quote_literal_cstr(m->schema), keys_sql,
									approved_only ? " AND g.approval OPERATOR(pg_catalog.<>) 'draft'::schooltime.approval_state" : ""));
}

/*
 * After a write of sessions or duties: the approved groups among the keys,
 * and the centres (and years) of the keys that hold an approved group.
 * The centres are locked first, so that a concurrent approval or edit of
 * the same centre waits for this one.
 */
void
approval_recheck(ViolationCollector *collector, const char *group_keys_sql,
				 const char *centre_keys_sql, MemoryContext work)
{
	const ModelTables *m = collector->model;
	char	   *approved_centres;

	Portal		portal;
	bool		any_approved;

	lock_rows(m->centres, "t.id", psprintf("SELECT centre_id FROM (%s) AS keys (centre_id, school_year)",
										  centre_keys_sql), collector->params);
	approved_centres = psprintf("SELECT DISTINCT k.centre_id, k.school_year FROM (%s) AS k (centre_id, school_year)"
								" WHERE EXISTS (SELECT FROM %s AS g WHERE g.centre_id OPERATOR(pg_catalog.=) k.centre_id"
								"  AND g.school_year::pg_catalog.text OPERATOR(pg_catalog.=) k.school_year"
								"  AND g.approval OPERATOR(pg_catalog.<>) 'draft'::schooltime.approval_state)",
								centre_keys_sql, m->class_groups);

	/*
	 * Most writes are of draft timetables: if no centre (and year) the
	 * statement wrote to holds an approved group, none of its groups is
	 * approved either, and there is nothing to check again.  Asked after
	 * the lock, with a snapshot taken then, as the checks themselves are.
	 */
	portal = open_fresh_cursor(psprintf("SELECT 1 FROM (%s) AS a LIMIT 1", approved_centres), collector->params);
	SPI_cursor_fetch(portal, true, 1);
	any_approved = SPI_processed > 0;
	SPI_freetuptable(SPI_tuptable);
	SPI_cursor_close(portal);
	if (!any_approved)
		return;

	if (group_keys_sql)
	{
		approval_scan_groups(collector, group_keys_sql, true, work);
		approval_course_hours(collector, group_keys_sql, true);
	}
	approval_scan_centres(collector, approved_centres, work);
}

/* Violations listed per rule in an approval error before "and N more". */
#define LINES_PER_RULE 3

/*
 * "weekly_hours, free_afternoons" and the violations, rule by rule, at most
 * LINES_PER_RULE of each.
 */
static void
describe_all(const ViolationCollector *collector, char **rules, char **lines)
{
	StringInfoData r;
	StringInfoData l;
	ListCell   *lc;
	ListCell   *lc2;
	List	   *codes = NIL;

	foreach(lc, collector->all)
	{
		FindingText *t = lfirst(lc);
		bool		seen = false;

		foreach(lc2, codes)
			seen |= strcmp((char *) lfirst(lc2), t->rule) == 0;
		if (!seen)
			codes = lappend(codes, (char *) t->rule);
	}
	initStringInfo(&r);
	initStringInfo(&l);
	foreach(lc2, codes)
	{
		const char *code = lfirst(lc2);
		int			shown = 0;
		int			total = 0;

		appendStringInfo(&r, "%s%s", r.len ? ", " : "", code);
		foreach(lc, collector->all)
		{
			FindingText *t = lfirst(lc);

			if (strcmp(t->rule, code) != 0)
				continue;
			total++;
			if (shown++ < LINES_PER_RULE)
				appendStringInfo(&l, "%s%s: %s. %s", l.len ? "\n" : "", code, t->message, t->detail);
		}
		if (total > LINES_PER_RULE)
			appendStringInfo(&l, "\n%s: %s", code,
							 psprintf(_n("and %d more.", "and %d more.", total - LINES_PER_RULE),
									  total - LINES_PER_RULE));
	}
	*rules = r.data;
	*lines = l.data;
}

/*
 * AFTER INSERT OR UPDATE OF approval ... FOR EACH ROW trigger on
 * class_groups: a timetable leaves draft (or becomes definitive) only if it
 * breaks no rule.  An AFTER trigger, so that a group inserted already
 * approved is in the table its checks read.
 */
Datum
timetable_approval(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	static const ColumnSpec specs[1] = {{"model", NULL, false, false, NULL}};
	ColumnMap  *args;
	Relation	rel;
	TupleDesc	desc;
	HeapTuple	newtuple;
	ModelTables *model;
	ViolationCollector collector;
	SpiScope	scope;
	MemoryContext work;
	bool		isnull;
	char	   *state;
	char	   *old_state = NULL;
	int64		centre_id;
	int64		group_id;
	char	   *school_year;
	char	   *rules;
	char	   *lines;

	require_trigger(fcinfo, "schooltime.timetable_approval()", true, false);
	rel = trigdata->tg_relation;
	desc = RelationGetDescr(rel);
	newtuple = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		return PointerGetDatum(trigdata->tg_trigtuple);
	args = resolve_trigger_columns(trigdata, "schooltime.timetable_approval()", specs, 1, CurrentMemoryContext);
	if (args->name[0] == NULL)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("trigger \"%s\" needs the argument model=SCHEMA", trigdata->tg_trigger->tgname));

	state = SPI_getvalue(newtuple, desc, SPI_fnumber(desc, "approval"));
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		old_state = SPI_getvalue(trigdata->tg_trigtuple, desc, SPI_fnumber(desc, "approval"));
	/* only a move onwards is checked: back to draft, or no move, is always allowed */
	if (state == NULL || strcmp(state, "draft") == 0 || (old_state && strcmp(old_state, state) == 0))
		return PointerGetDatum(newtuple);

	if (!enforcement_on(rel, "approval"))
		return PointerGetDatum(newtuple);

	centre_id = DatumGetInt64(heap_getattr(newtuple, SPI_fnumber(desc, "centre_id"), desc, &isnull));
	group_id = DatumGetInt64(heap_getattr(newtuple, SPI_fnumber(desc, "id"), desc, &isnull));
	school_year = SPI_getvalue(newtuple, desc, SPI_fnumber(desc, "school_year"));

	model = model_tables(args->name[0], CurrentMemoryContext);
	violations_init(&collector, model);
	collector.keep_all = true;
	work = AllocSetContextCreate(CurrentMemoryContext, "schooltime approval", ALLOCSET_DEFAULT_SIZES);

	spi_scope_begin(&scope);
	/* the centre waits for edits of its duties, and they for this approval */
	lock_rows(model->centres, "t.id", psprintf("SELECT " INT64_FORMAT, centre_id), NULL);
	approval_scan_groups(&collector, psprintf("SELECT " INT64_FORMAT ", " INT64_FORMAT, centre_id, group_id),
						 false, work);
	approval_course_hours(&collector, psprintf("SELECT " INT64_FORMAT ", " INT64_FORMAT, centre_id, group_id), false);
	approval_scan_centres(&collector, psprintf("SELECT " INT64_FORMAT "::bigint, %s::pg_catalog.text",
											   centre_id, quote_literal_cstr(school_year)),
						  work);
	spi_scope_end(&scope);

	if (collector.count > 0)
	{
		describe_all(&collector, &rules, &lines);
		ereport(ERROR,
				errcode(ERRCODE_CHECK_VIOLATION),
				errmsg("the timetable of %s cannot become %s: it breaks %s",
					   model_group_label(model, centre_id, group_id), state, rules),
				errdetail_internal("%s", lines),
				old_state
				? errhint("Correct the timetable, or record the authorisations the document allows, and try again; the group stays %s.",
						  old_state)
				: errhint("Correct the timetable, or record the authorisations the document allows, and try again; the group stays as it was."),
				errtableconstraint(rel, collector.first.rule));
	}
	MemoryContextDelete(work);
	return PointerGetDatum(newtuple);
}
