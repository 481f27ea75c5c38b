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
#include "catalog/namespace.h"
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
#include "flat_scan.h"
#include "group_parts.h"
#include "kernels/kernels.h"
#include "model.h"
#include "report_rules.h"
#include "row_findings.h"
#include "judge.h"
#include "spi_util.h"
#include "violation.h"
#include "violation_rows.h"
#include "weektime_parse.h"

PG_FUNCTION_INFO_V1(timetable_violations);
PG_FUNCTION_INFO_V1(report_walk_violations);
PG_FUNCTION_INFO_V1(check_walk_violations);

#define FETCH_ROWS 10000

/*
 * Where the rows go: rows of schooltime.violation, or, for
 * timetable_violation_parts(), pairs (finding schooltime.violation, parts
 * jsonb) in store_desc.
 */
typedef struct Report
{
	const ModelTables *model;
	Tuplestorestate *store;
	ViolationRows rows;
	bool		with_parts;
	TupleDesc	store_desc;
	bool		timetable_rules;	/* the rules of sessions, groups, teachers and centres */
	bool		report_rules;	/* the report-only rules of report_rules.c */
	Tuplestorestate *later[3];	/* their rows, returned after the others: teachers_per_group's, the split rules', optional_ratio's */
} Report;

/* parts_json: the pupils a group's finding is about (group_shape_parts_json), or NULL. */
static void
report_row(Report *r, const ViolationRow *row, const char *parts_json)
{
	Datum		values[VIOLATION_COLUMNS];
	bool		nulls[VIOLATION_COLUMNS];
	Datum		pair[2];
	bool		pair_nulls[2] = {false, parts_json == NULL};

	if (!r->with_parts)
	{
		violation_row_values(&r->rows, row, values, nulls);
		tuplestore_putvalues(r->store, r->rows.desc, values, nulls);
		return;
	}
	pair[0] = violation_row_datum(&r->rows, row);
	pair[1] = parts_json ? DirectFunctionCall1(jsonb_in, CStringGetDatum(parts_json)) : (Datum) 0;
	tuplestore_putvalues(r->store, r->store_desc, pair, pair_nulls);
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
	ViolationRow row;

	violation_row_of_finding(e->subject, f, &e->subject_name, &row);
	row.authorisation_id = finding_authorisation(e->subject, f, e->report->model);
	report_row(e->report, &row,
			   e->report->with_parts && strcmp(e->subject->kind, "group") == 0
			   ? group_shape_parts_json(e->subject->shape, f) : NULL);
}

static void
report_group(Report *r, KeyItems *k, int64 centre_id, int64 group_id, const char *name,
			 const RegimeLimits *limits, bool public_centre, const GroupShape *shape)
{
	FindingSubject subject;
	ReportEmit	e;

	key_items_sort(k);
	finding_subject_init(&subject, r->model, "group", group_id, centre_id, limits->school_year, k);
	subject.limits = limits;
	subject.shape = shape;
	subject.label = psprintf(_("group \"%s\""), name);
	e.report = r;
	e.subject = &subject;
	e.subject_name = name;
	/* the report lists the warning indicative_day as well */
	group_kernels(&subject, k, approval_checks(limits, public_centre) | ST_CHECK_INDICATIVE, report_finding, &e);
}

/*
 * A report-only rule's row.  report_rule_violations() returned every
 * teachers_per_group row before the split rules' (a query each), and
 * check() both after the timetable rules': the rows wait in stores of their
 * own, one per family, and follow in that order.
 */
static void
report_rule_row(void *context, const ViolationRow *row)
{
	Report	   *r = (Report *) context;
	Datum		values[VIOLATION_COLUMNS];
	bool		nulls[VIOLATION_COLUMNS];
	bool		teachers = strcmp(row->rule, "teachers_per_group") == 0;

	if (teachers && !r->timetable_rules)
	{
		report_row(r, row, NULL);
		return;
	}
	violation_row_values(&r->rows, row, values, nulls);
	tuplestore_putvalues(r->later[teachers ? 0 : 1], r->rows.desc, values, nulls);
}

/* An optional_ratio row, after the split rules' (report_rule_violations()'s order). */
static void
report_rule_tuple_row(void *context, Datum *values, bool *nulls)
{
	Report	   *r = (Report *) context;

	tuplestore_putvalues(r->later[2], r->rows.desc, values, nulls);
}

/*
 * What a report covers: a model's every row, or one school year, one centre,
 * one group of a centre, or the year of a centre or group.  Only the
 * report-only rules take a group without its centre (report_rule_violations()
 * always did): every group of that id.
 */
typedef struct Scope
{
	bool		has_centre;
	int64		centre_id;
	bool		has_group;
	int64		group_id;
	/* the year as an SQL literal, or NULL for every year */
	const char *school_year;
	const char *school_year_text;	/* the year itself, or NULL */
} Scope;

/*
 * "true", or the SQL that keeps the rows of alias in the scope; a table
 * without a school_year column (the parts of groups) is kept to the year
 * through its groups, class_groups.
 */
static char *
scope_sql(const Scope *scope, const char *alias, const char *group_column, const char *class_groups)
{
	StringInfoData sql;

	initStringInfo(&sql);
	appendStringInfoString(&sql, "true");
	if (scope->has_centre)
		appendStringInfo(&sql, " AND %s.centre_id OPERATOR(pg_catalog.=) " INT64_FORMAT, alias, scope->centre_id);
	if (scope->has_group && group_column != NULL)
		appendStringInfo(&sql, " AND %s.%s OPERATOR(pg_catalog.=) " INT64_FORMAT, alias, group_column, scope->group_id);
	if (scope->school_year != NULL && class_groups == NULL)
		appendStringInfo(&sql, " AND %s.school_year::pg_catalog.text OPERATOR(pg_catalog.=) %s",
						 alias, scope->school_year);
	else if (scope->school_year != NULL)
		appendStringInfo(&sql, " AND (%s.centre_id, %s.%s) IN (SELECT y.centre_id, y.id FROM %s AS y"
						 " WHERE y.school_year::pg_catalog.text OPERATOR(pg_catalog.=) %s)",
						 alias, alias, group_column, class_groups, scope->school_year);
	return sql.data;
}

/* Advances *pos past the items before (key, subkey); true if the next ones are that key's. */
static bool
flat_items_seek(const FlatItems *f, Size *pos, int64 key, int64 subkey)
{
	while (*pos < f->n && (f->items[*pos].key < key ||
						   (f->items[*pos].key == key && f->items[*pos].subkey < subkey)))
		(*pos)++;
	return *pos < f->n && f->items[*pos].key == key && f->items[*pos].subkey == subkey;
}

/* ---- groups ---- */

typedef struct GroupRow
{
	int64		centre_id;
	int64		id;
	const RegimeLimits *limits;	/* NULL when the timetable rules are not asked for */
	char	   *name;
	bool		public_centre;
	int			school_year;
	Oid			regime;
	int			level;
	int			pupils;
} GroupRow;

typedef struct GroupScan
{
	GroupRow   *groups;
	Size		ngroups;
	Size		capacity;
	MemoryContext keep;
	FlatItems	items;
	GroupShapes shapes;
	bool		timetable_rules;
	bool		report_rules;
	ReportRules rules;
} GroupScan;

static void
group_row(void *context, Datum *values, bool *nulls)
{
	GroupScan  *scan = (GroupScan *) context;
	GroupRow   *g;

	g = flat_array_push((void **) &scan->groups, &scan->ngroups, &scan->capacity, sizeof(GroupRow), scan->keep);
	g->centre_id = DatumGetInt64(values[0]);
	g->id = DatumGetInt64(values[1]);
	g->school_year = school_year_of_datum(values[3]);
	g->regime = DatumGetObjectId(values[2]);
	g->limits = scan->timetable_rules ? catalogue_require_regime_limits(g->school_year, g->regime) : NULL;
	g->name = MemoryContextStrdup(scan->keep, TextDatumGetCString(values[4]));
	g->public_centre = DatumGetBool(values[5]);
	g->level = DatumGetInt32(values[6]);
	g->pupils = DatumGetInt32(values[7]);
}

static void
group_session_row(void *context, Datum *values, bool *nulls)
{
	GroupScan  *scan = (GroupScan *) context;
	int64		centre = DatumGetInt64(values[0]);
	int64		group = DatumGetInt64(values[1]);
	st_item		item;
	int64		teacher;

	if (scan->report_rules)
		report_rules_session(&scan->rules, centre, group, values + 2, nulls + 2);
	if (!scan->timetable_rules)
		return;
	if (session_item(&scan->shapes, centre, group, values + 2, nulls + 2, &item, &teacher) == SESSION_ITEM_BAD_SLOT)
		return;
	flat_items_add(&scan->items, centre, group, centre, &item);
}

/* The row rules of each of a group's sessions. */
static void
report_sessions(Report *r, const KeyItems *k, const GroupRow *g)
{
	int			i;

	for (i = 0; i < k->n; i++)
	{
		const st_item *item = &k->items[i];
		RowFinding	findings[3];
		int			nfindings = row_findings(g->limits, item->start, item->end, (item->flags & ST_RECESS) == 0, findings);
		int			f;

		for (f = 0; f < nfindings; f++)
		{
			ViolationRow row;

			violation_row_of_row_finding(g->limits, item->start, item->end, &findings[f], g->centre_id, g->id,
										 g->name, &row);
			row.authorisation_id = authorisation_of_session(r->model->authorisations_oid, findings[f].rule,
															g->centre_id, g->id, item->id,
															g->limits->school_year, g->limits->regime);
			report_row(r, &row, NULL);
		}
	}
}

/* ---- centres ---- */

/* The parts of a centre's week other than its lective time, kept apart in the subkey. */
#define PART_GUARDS 1
#define PART_PRESENT 2
#define CENTRE_SUBKEY(year, part) ((int64) (year) * 4 + (part))

/* The roles of the directive team, and the coordinator who may stand in (5.2). */
#define DIRECTIVE_TEACHER(alias, row) \
	"(" alias ".centre_id OPERATOR(pg_catalog.=) " row ".centre_id AND " alias ".role OPERATOR(pg_catalog.=) ANY (" \
	"ARRAY['director', 'head_of_studies', 'secretary', 'pedagogical_coordinator', 'coordinator']::schooltime.teacher_role[]))"

typedef struct CentreRow
{
	int64		centre_id;
	int			school_year;
	int			min_guards;
	char	   *name;
} CentreRow;

/* Every centre and school year with groups in scope, and its guards and directive team's presence. */
typedef struct CentreScan
{
	CentreRow  *centres;
	Size		ncentres;
	Size		capacity;
	MemoryContext keep;
	FlatItems	staff;			/* guards and presence, by centre and CENTRE_SUBKEY */
} CentreScan;

static void
centre_row(void *context, Datum *values, bool *nulls)
{
	CentreScan *scan = (CentreScan *) context;
	CentreRow  *c;

	c = flat_array_push((void **) &scan->centres, &scan->ncentres, &scan->capacity, sizeof(CentreRow), scan->keep);
	c->centre_id = DatumGetInt64(values[0]);
	c->school_year = school_year_of_datum(values[1]);
	c->min_guards = nulls[2] ? catalogue_require_staff_limits(c->school_year)->default_min_guards
		: DatumGetInt32(values[2]);
	c->name = MemoryContextStrdup(scan->keep, TextDatumGetCString(values[3]));
}

/* A session of a member of the directive team at its own centre: presence. */
static void
centre_presence_row(void *context, Datum *values, bool *nulls)
{
	CentreScan *scan = (CentreScan *) context;
	int64		centre = DatumGetInt64(values[0]);
	st_item		item;

	memset(&item, 0, sizeof(item));
	if (!slot_datum_bounds(values[2], nulls[2], &item.start, &item.end))
		return;
	flat_items_add(&scan->staff, centre, CENTRE_SUBKEY(school_year_of_datum(values[1]), PART_PRESENT), centre, &item);
}

/* A duty: a guard (of a class period or a recess), and presence if its teacher is of the directive team. */
static void
centre_duty_row(void *context, Datum *values, bool *nulls)
{
	CentreScan *scan = (CentreScan *) context;
	int64		centre = DatumGetInt64(values[0]);
	int			year = school_year_of_datum(values[1]);
	st_item		item;

	memset(&item, 0, sizeof(item));
	if (!slot_datum_bounds(values[5], nulls[5], &item.start, &item.end))
		return;
	if (DatumGetBool(values[2]))
	{
		item.flags = DatumGetBool(values[3]) ? ST_RECESS : 0;
		flat_items_add(&scan->staff, centre, CENTRE_SUBKEY(year, PART_GUARDS), centre, &item);
	}
	if (DatumGetBool(values[4]))
	{
		item.flags = 0;
		flat_items_add(&scan->staff, centre, CENTRE_SUBKEY(year, PART_PRESENT), centre, &item);
	}
}

static void
centre_scan(CentreScan *scan, const ModelTables *m, const Scope *scope, MemoryContext work)
{
	memset(scan, 0, sizeof(*scan));
	scan->keep = work;
	flat_items_init(&scan->staff, work);
	flat_scan(psprintf("SELECT DISTINCT g.centre_id, g.school_year::pg_catalog.text, c.min_guards, c.name"
					   " FROM %s AS g JOIN %s AS c ON c.id OPERATOR(pg_catalog.=) g.centre_id"
					   " WHERE %s ORDER BY 1, 2",
					   m->class_groups, m->centres, scope_sql(scope, "g", NULL, NULL)),
			  centre_row, scan);
	flat_scan(psprintf("SELECT s.centre_id, s.school_year, s.slot"
					   " FROM %s AS s JOIN %s AS t ON t.id OPERATOR(pg_catalog.=) s.teacher_id"
					   " WHERE %s AND " DIRECTIVE_TEACHER("t", "s"),
					   m->sessions, m->teachers, scope_sql(scope, "s", NULL, NULL)),
			  centre_presence_row, scan);
	flat_scan(psprintf("SELECT d.centre_id, d.school_year,"
					   " d.kind OPERATOR(pg_catalog.=) ANY (ARRAY['guard', 'recess_guard']::schooltime.duty_kind[]),"
					   " d.kind OPERATOR(pg_catalog.=) 'recess_guard'::schooltime.duty_kind,"
					   " " DIRECTIVE_TEACHER("t", "d") ", d.slot"
					   " FROM %s AS d JOIN %s AS t ON t.id OPERATOR(pg_catalog.=) d.teacher_id WHERE %s"
					   " AND (d.kind OPERATOR(pg_catalog.=) ANY (ARRAY['guard', 'recess_guard']::schooltime.duty_kind[])"
					   "      OR " DIRECTIVE_TEACHER("t", "d") ")",
					   m->duties, m->teachers, scope_sql(scope, "d", NULL, NULL)),
			  centre_duty_row, scan);
	flat_items_sort(&scan->staff);
}

/*
 * guard_coverage and directive_presence of one centre and school year; its
 * lective time is every session of its groups, gathered by the group walk.
 */
static void
report_centre(Report *r, CentreScan *scan, const CentreRow *c, KeyItems *lective, Size *pos)
{
	KeyItems	parts[PART_PRESENT + 1];
	FindingSubject subject;
	ReportEmit	e;
	int			part;

	memset(parts, 0, sizeof(parts));
	for (part = PART_GUARDS; part <= PART_PRESENT; part++)
	{
		int64		key;
		int64		subkey;

		if (flat_items_seek(&scan->staff, pos, c->centre_id, CENTRE_SUBKEY(c->school_year, part)))
			flat_items_next(&scan->staff, pos, &key, &subkey, &parts[part]);
		key_items_sort(&parts[part]);
	}
	key_items_sort(lective);
	finding_subject_init(&subject, r->model, "centre", c->centre_id, c->centre_id, c->school_year, NULL);
	subject.min_guards = c->min_guards;
	subject.label = psprintf(_("centre \"%s\""), c->name);
	e.report = r;
	e.subject = &subject;
	e.subject_name = c->name;
	st_centre_coverage(lective->items, lective->n, parts[PART_GUARDS].items, parts[PART_GUARDS].n, c->min_guards,
					   parts[PART_PRESENT].items, parts[PART_PRESENT].n, report_finding, &e);
}

/* The lective time of the centre the group walk is in, school year by school year. */
typedef struct CentreLective
{
	int64		centre_id;
	int			nyears;
	int			years[8];
	KeyItems	items[8];
} CentreLective;

static void
lective_add(CentreLective *l, int school_year, const KeyItems *k)
{
	int			y;
	int			i;

	for (y = 0; y < l->nyears && l->years[y] != school_year; y++)
		;
	if (y == l->nyears)
	{
		if (y == lengthof(l->years))
			elog(ERROR, "a centre holds groups of more than %d school years", (int) lengthof(l->years));
		l->years[y] = school_year;
		l->items[y].n = 0;
		l->nyears++;
	}
	for (i = 0; i < k->n; i++)
	{
		st_item		item;

		memset(&item, 0, sizeof(item));
		item.start = k->items[i].start;
		item.end = k->items[i].end;
		item.flags = k->items[i].flags & ST_RECESS;
		item.id = k->items[i].id;
		key_items_add(&l->items[y], &item, k->centres[i]);
	}
}

/* The centre's keys (one per school year), in the order of scan->centres, from *next on. */
static void
report_centre_keys(Report *r, CentreScan *scan, CentreLective *l, int *next, Size *pos, MemoryContext per_key)
{
	while (*next < (int) scan->ncentres && scan->centres[*next].centre_id <= l->centre_id)
	{
		const CentreRow *c = &scan->centres[*next];
		KeyItems	empty = {NULL, NULL, 0, 0};
		KeyItems   *lective = &empty;
		MemoryContext old;
		int			y;

		(*next)++;
		if (c->centre_id < l->centre_id)
			continue;			/* groups out of scope: none in the walk */
		for (y = 0; y < l->nyears; y++)
			if (l->years[y] == c->school_year)
				lective = &l->items[y];
		old = MemoryContextSwitchTo(per_key);
		report_centre(r, scan, c, lective, pos);
		MemoryContextSwitchTo(old);
		MemoryContextReset(per_key);
	}
	l->nyears = 0;
}

/*
 * Every group in scope: its sessions' row rules, then its week; and, unless
 * one group was asked for, as the walk leaves each centre, the centre's
 * guards and directive presence over the lective time of all its groups.
 */
static void
report_groups_and_centres(Report *r, const Scope *scope, MemoryContext work)
{
	const ModelTables *m = r->model;
	MemoryContext old = MemoryContextSwitchTo(work);
	MemoryContext per_key = AllocSetContextCreate(work, "schooltime report key", ALLOCSET_DEFAULT_SIZES);
	bool		centres = r->timetable_rules && !scope->has_group;
	GroupScan	scan;
	CentreScan	centre_rows;
	CentreLective lective;
	KeyItems	k;
	Size		pos = 0;
	Size		staff_pos = 0;
	int			next_centre = 0;
	int			i;

	if (centres)
		centre_scan(&centre_rows, m, scope, work);
	memset(&scan, 0, sizeof(scan));
	scan.keep = work;
	scan.timetable_rules = r->timetable_rules;
	scan.report_rules = r->report_rules;
	flat_items_init(&scan.items, work);
	group_shapes_init(&scan.shapes, work);
	if (r->timetable_rules)
		group_shapes_load(&scan.shapes, m, scope_sql(scope, "p", "group_id", m->class_groups));
	if (r->report_rules)
	{
		report_rules_init(&scan.rules, work);
		report_rules_load_parts(&scan.rules, m, scope_sql(scope, "p", "group_id", m->class_groups));
		/* optional_ratio is a centre's: a report of one group leaves it out */
		if (!scope->has_group)
			report_rules_load_block_lessons(&scan.rules, m, scope_sql(scope, "b", NULL, NULL));
	}
	flat_scan(psprintf("SELECT g.centre_id, g.id, g.regime, g.school_year, g.name,"
					   " c.ownership OPERATOR(pg_catalog.=) 'public'::schooltime.ownership,"
					   " g.level::pg_catalog.int4, g.pupils"
					   " FROM %s AS g JOIN %s AS c ON c.id OPERATOR(pg_catalog.=) g.centre_id"
					   " WHERE %s ORDER BY g.centre_id, g.id",
					   m->class_groups, m->centres, scope_sql(scope, "g", "id", NULL)),
			  group_row, &scan);
	if (r->report_rules)
	{
		ReportGroupKey *keys = palloc(sizeof(ReportGroupKey) * Max(scan.ngroups, 1));

		for (i = 0; i < (int) scan.ngroups; i++)
		{
			keys[i].centre_id = scan.groups[i].centre_id;
			keys[i].id = scan.groups[i].id;
			keys[i].pupils = scan.groups[i].pupils;
		}
		report_rules_groups(&scan.rules, keys, (int) scan.ngroups);
	}
	flat_scan(psprintf("SELECT s.centre_id, s.group_id, %s%s%s FROM %s AS s%s WHERE %s",
					   session_item_columns(m, "s"), r->report_rules ? ", " : "",
					   r->report_rules ? report_rules_session_columns(m) : "", m->sessions,
					   r->report_rules ? report_rules_session_join(m) : "", scope_sql(scope, "s", "group_id", NULL)),
			  group_session_row, &scan);
	flat_items_sort(&scan.items);
	if (r->report_rules)
	{
		/* one group: its lessons' rows in the centre's other groups were not read */
		if (scope->has_group)
			for (i = 0; i < (int) scan.ngroups; i++)
				report_rules_lesson_teachers(&scan.rules, m, scan.groups[i].centre_id, scan.groups[i].id);
		report_rules_ready(&scan.rules);
	}

	memset(&k, 0, sizeof(k));
	memset(&lective, 0, sizeof(lective));
	for (i = 0; i < (int) scan.ngroups; i++)
	{
		const GroupRow *g = &scan.groups[i];
		int64		key;
		int64		subkey;

		if (centres && lective.nyears > 0 && g->centre_id != lective.centre_id)
			report_centre_keys(r, &centre_rows, &lective, &next_centre, &staff_pos, per_key);
		if (r->timetable_rules && flat_items_seek(&scan.items, &pos, g->centre_id, g->id))
			flat_items_next(&scan.items, &pos, &key, &subkey, &k);
		else
			k.n = 0;
		key_items_sort(&k);
		if (centres)
		{
			lective.centre_id = g->centre_id;
			lective_add(&lective, g->limits->school_year, &k);
		}
		MemoryContextSwitchTo(per_key);
		if (r->timetable_rules)
		{
			report_sessions(r, &k, g);
			report_group(r, &k, g->centre_id, g->id, g->name, g->limits, g->public_centre,
						 group_shape_find(&scan.shapes, g->centre_id, g->id, false));
		}
		if (r->report_rules)
		{
			ReportRuleGroup rg;

			rg.centre_id = g->centre_id;
			rg.id = g->id;
			rg.name = g->name;
			rg.school_year = g->school_year;
			rg.regime = g->regime;
			rg.level = g->level;
			rg.pupils = g->pupils;
			rg.public_centre = g->public_centre;
			report_rules_group(&scan.rules, i, &rg, report_rule_row, r);
		}
		MemoryContextSwitchTo(work);
		MemoryContextReset(per_key);
	}
	if (centres && lective.nyears > 0)
		report_centre_keys(r, &centre_rows, &lective, &next_centre, &staff_pos, per_key);
	if (r->report_rules && !scope->has_group)
		report_rules_optional_ratio(&scan.rules, m, scope->school_year_text, scope->has_centre, scope->centre_id,
									report_rule_tuple_row, r);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(per_key);
}

/* ---- teachers ---- */

static void
report_teacher(Report *r, KeyItems *k, int64 teacher_id, const char *name, int school_year)
{
	const StaffLimits *staff = catalogue_require_staff_limits(school_year);
	st_staff_limits sl;
	FindingSubject subject;
	ReportEmit	e;

	key_items_sort(k);
	staff_limits_from(staff, &sl);
	finding_subject_init(&subject, r->model, "teacher", teacher_id, k->n > 0 ? k->centres[0] : 0, school_year, k);
	subject.staff = staff;
	subject.label = psprintf(_("teacher \"%s\""), name);
	e.report = r;
	e.subject = &subject;
	e.subject_name = name;
	st_teacher_week(k->items, k->centres, k->n, &sl, report_finding, &e);
}

typedef struct TeacherName
{
	int64		id;
	char	   *name;
} TeacherName;

typedef struct TeacherScan
{
	TeacherName *names;
	Size		nnames;
	Size		capacity;
	MemoryContext keep;
	FlatItems	items;
} TeacherScan;

static void
teacher_name_row(void *context, Datum *values, bool *nulls)
{
	TeacherScan *scan = (TeacherScan *) context;
	TeacherName *name = flat_array_push((void **) &scan->names, &scan->nnames, &scan->capacity, sizeof(TeacherName), scan->keep);

	name->id = DatumGetInt64(values[0]);
	name->name = MemoryContextStrdup(scan->keep, TextDatumGetCString(values[1]));
}

static void
teacher_item_row(void *context, Datum *values, bool *nulls)
{
	TeacherScan *scan = (TeacherScan *) context;
	st_item		item;

	memset(&item, 0, sizeof(item));
	if (!slot_datum_bounds(values[5], nulls[5], &item.start, &item.end))
		return;
	item.id = DatumGetInt64(values[3]);
	item.flags = DatumGetBool(values[4]) ? ST_DUTY : 0;
	item.lesson = nulls[6] ? 0 : DatumGetInt64(values[6]);
	flat_items_add(&scan->items, DatumGetInt64(values[0]), school_year_of_datum(values[1]),
				   DatumGetInt64(values[2]), &item);
}

/*
 * Every teacher with a session or duty in scope: the whole week of each of
 * their school years, at every centre they work in.
 */
static void
report_teachers(Report *r, const Scope *scope, MemoryContext work)
{
	const ModelTables *m = r->model;
	MemoryContext old = MemoryContextSwitchTo(work);
	MemoryContext per_teacher = AllocSetContextCreate(work, "schooltime report teacher", ALLOCSET_DEFAULT_SIZES);
	TeacherScan scan;
	KeyItems	k;
	Size		pos = 0;
	int			name = 0;
	int64		key;
	int64		subkey;
	const char *keys;
	const char *session_filter;
	const char *duty_filter;

	if (scope->has_centre)
	{
		keys = psprintf("WITH keys AS (SELECT s.teacher_id, s.school_year::pg_catalog.text AS school_year FROM %s AS s"
						" WHERE s.teacher_id IS NOT NULL AND %s"
						" UNION SELECT d.teacher_id, d.school_year::pg_catalog.text FROM %s AS d WHERE %s) ",
						m->sessions, scope_sql(scope, "s", NULL, NULL), m->duties, scope_sql(scope, "d", NULL, NULL));
		session_filter = "(s.teacher_id, s.school_year::pg_catalog.text) IN (SELECT * FROM keys)";
		duty_filter = "(d.teacher_id, d.school_year::pg_catalog.text) IN (SELECT * FROM keys)";
	}
	else
	{
		keys = "";
		session_filter = psprintf("s.teacher_id IS NOT NULL AND %s", scope_sql(scope, "s", NULL, NULL));
		duty_filter = scope_sql(scope, "d", NULL, NULL);
	}
	memset(&scan, 0, sizeof(scan));
	scan.keep = work;
	flat_items_init(&scan.items, work);
	flat_scan(psprintf("%sSELECT t.id, t.name FROM %s AS t%s ORDER BY t.id", keys, m->teachers,
					   scope->has_centre ? " WHERE t.id IN (SELECT k.teacher_id FROM keys AS k)" : ""),
			  teacher_name_row, &scan);
	flat_scan(psprintf("%sSELECT s.teacher_id, s.school_year, s.centre_id, s.id, false, s.slot, %s FROM %s AS s WHERE %s"
					   " UNION ALL"
					   " SELECT d.teacher_id, d.school_year, d.centre_id, d.id, true, d.slot, NULL FROM %s AS d WHERE %s",
					   keys, m->lessons ? "s.lesson_id" : "NULL::pg_catalog.int8", m->sessions, session_filter,
					   m->duties, duty_filter),
			  teacher_item_row, &scan);
	flat_items_sort(&scan.items);

	memset(&k, 0, sizeof(k));
	while (flat_items_next(&scan.items, &pos, &key, &subkey, &k))
	{
		const char *teacher_name;

		while (name < (int) scan.nnames && scan.names[name].id < key)
			name++;
		teacher_name = name < (int) scan.nnames && scan.names[name].id == key ? scan.names[name].name : NULL;
		MemoryContextSwitchTo(per_teacher);
		report_teacher(r, &k, key, teacher_name ? teacher_name : psprintf(INT64_FORMAT, key), (int) subkey);
		MemoryContextSwitchTo(work);
		MemoryContextReset(per_teacher);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(per_teacher);
}

/* Whether the model has the tables of the reports (pupil_attendance, session_subject_areas...). */
static bool
model_has_reports(const char *model_name)
{
	Oid			schema = get_namespace_oid(model_name, true);

	return OidIsValid(schema) && OidIsValid(get_relname_relid("pupil_attendance", schema)) &&
		OidIsValid(get_relname_relid("session_subject_areas", schema));
}

/*
 * The walk: the timetable rules, the report-only rules of report_rules.c, or
 * both, in one read of the model.
 */
static Datum
walk_violations(FunctionCallInfo fcinfo, bool timetable_rules, bool report_rules)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext per_query;
	MemoryContext old;
	MemoryContext work;
	Report		r;
	TupleDesc	desc;
	SpiScope	spi;
	Scope		scope;
	char	   *model_name;
	int			i;
	int			first_key;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) || !(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				errmsg("schooltime.timetable_violations() must be called in a context that accepts a set"));
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("the model's schema must be named"));
	model_name = NameStr(*PG_GETARG_NAME(0));
	memset(&scope, 0, sizeof(scope));
	/* (model, school_year, centre_id, group_id) or, as in 0.2, (model, centre_id, group_id) */
	first_key = PG_NARGS() > 3 ? 2 : 1;
	if (first_key == 2 && !PG_ARGISNULL(1))
	{
		scope.school_year_text = TextDatumGetCString(PG_GETARG_DATUM(1));
		scope.school_year = quote_literal_cstr(scope.school_year_text);
	}
	scope.has_centre = !PG_ARGISNULL(first_key);
	scope.centre_id = scope.has_centre ? PG_GETARG_INT64(first_key) : 0;
	scope.has_group = !PG_ARGISNULL(first_key + 1);
	scope.group_id = scope.has_group ? PG_GETARG_INT64(first_key + 1) : 0;
	if (scope.has_group && !scope.has_centre && timetable_rules)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a group is named by its centre and its id"),
				errhint("Pass the centre_id as well as the group_id."));

	per_query = rsinfo->econtext->ecxt_per_query_memory;
	old = MemoryContextSwitchTo(per_query);
	memset(&r, 0, sizeof(r));
	r.timetable_rules = timetable_rules;
	r.model = model_tables(model_name, per_query);
	/*
	 * A model an earlier version made and upgrade_model() has not brought
	 * up has no tables of the reports: check()'s own source of the rest of
	 * them (report_rule_violations_in_sql) says so, in its words.
	 */
	r.report_rules = report_rules &&
		(timetable_rules ? model_has_reports(model_name) : true);
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "schooltime.timetable_violations() must return a composite type");
	/* timetable_violation_parts() returns (finding schooltime.violation, parts jsonb) */
	r.with_parts = desc->natts == 2;
	if (r.with_parts)
	{
		TupleDesc	finding = lookup_rowtype_tupdesc_copy(TupleDescAttr(desc, 0)->atttypid, -1);

		violation_rows_init(&r.rows, BlessTupleDesc(finding));
		r.store_desc = CreateTupleDescCopy(desc);
	}
	else
	{
		violation_rows_init(&r.rows, CreateTupleDescCopy(desc));
		r.store_desc = r.rows.desc;
	}
	r.store = tuplestore_begin_heap(true, false, work_mem);
	if (report_rules)
	{
		r.later[0] = tuplestore_begin_heap(true, false, work_mem);
		r.later[1] = tuplestore_begin_heap(true, false, work_mem);
		r.later[2] = tuplestore_begin_heap(true, false, work_mem);
	}
	MemoryContextSwitchTo(old);

	/* each family's rows are freed before the next is read: memory peaks at one family's */
	work = AllocSetContextCreate(CurrentMemoryContext, "schooltime report", ALLOCSET_DEFAULT_SIZES);
	spi_scope_begin(&spi);
	report_groups_and_centres(&r, &scope, work);
	MemoryContextReset(work);
	if (timetable_rules && !scope.has_group)
		report_teachers(&r, &scope, work);
	spi_scope_end(&spi);
	MemoryContextDelete(work);
	for (i = 0; i < (int) lengthof(r.later); i++)
		if (r.later[i])
		{
			TupleTableSlot *slot = MakeSingleTupleTableSlot(r.rows.desc, &TTSOpsMinimalTuple);

			while (tuplestore_gettupleslot(r.later[i], true, false, slot))
				tuplestore_puttupleslot(r.store, slot);
			ExecDropSingleTupleTableSlot(slot);
			tuplestore_end(r.later[i]);
		}

	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = r.store;
	rsinfo->setDesc = r.store_desc;
	return (Datum) 0;
}

/*
 * schooltime.timetable_violations(model name, school_year schooltime.school_year,
 *                                  centre_id bigint, group_id bigint)
 * and 0.2's (model name, centre_id bigint, group_id bigint)
 * RETURNS SETOF schooltime.violation, and, with the same arguments,
 * schooltime.timetable_violation_parts(...)
 * RETURNS TABLE (finding schooltime.violation, parts jsonb)
 */
Datum
timetable_violations(PG_FUNCTION_ARGS)
{
	return walk_violations(fcinfo, true, false);
}

/*
 * schooltime.report_walk_violations(model name, school_year schooltime.school_year,
 *                                    centre_id bigint, group_id bigint)
 * RETURNS SETOF schooltime.violation: the report-only rules the walk
 * measures (report_rules.c), for report_rule_violations()
 */
Datum
report_walk_violations(PG_FUNCTION_ARGS)
{
	return walk_violations(fcinfo, false, true);
}

/*
 * schooltime.check_walk_violations(model name, school_year schooltime.school_year,
 *                                   centre_id bigint, group_id bigint)
 * RETURNS SETOF schooltime.violation: check()'s first source, the rows of
 * timetable_violations() and of report_walk_violations() from one walk
 */
Datum
check_walk_violations(PG_FUNCTION_ARGS)
{
	return walk_violations(fcinfo, true, true);
}
