/*
 * placement.c
 *		Where can this lesson go?  Every start of the week where a lesson
 *		could be written without breaking a rule a write would check, and
 *		for every other start the rules that close it.
 *
 * The week of each group the lesson takes, of each of its teachers and,
 * when the centre holds an approved timetable, of the centre, is read once
 * with the caller's snapshot and no lock; then every candidate start is
 * judged by the kernels the triggers run (src/kernels/), over those weeks
 * with the lesson added (and the session or lesson it replaces taken out):
 * the row rules of each group's regime, each group's week (its approval
 * rules too when its timetable is approved), each teacher's week, the
 * centre's coverage.  A finding a write would be refused for (an error,
 * not authorised) closes the place.  So a place offered is one the
 * triggers accept, and a closed one is refused by a rule it names.
 *
 * Not judged here: eoi_course_hours, which weighs a moved session of an
 * approved EOI group against the calendar's class days, not a week (the
 * write still checks it); and the shape of lessons, which the arguments
 * are checked for before anything is read.
 */
#include "schooltime.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "parser/parse_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "authorisation.h"
#include "catalogue.h"
#include "group_parts.h"
#include "judge.h"
#include "kernels/kernels.h"
#include "model.h"
#include "row_findings.h"
#include "spi_util.h"
#include "violation.h"
#include "violation_rows.h"
#include "weektime_parse.h"

PG_FUNCTION_INFO_V1(schooltime_places);

/* The key the lesson to place has in the weeks it is added to. */
#define NEW_LESSON_KEY PG_INT64_MAX
/* The row id its rows have there: no session has it. */
#define NEW_ROW_ID PG_INT64_MIN

/* One row of the lesson to place: a group, or a part of one. */
typedef struct PlaceRow
{
	int			group;			/* index into Placement.groups */
	char	   *split;			/* NULL: the whole group, or a half */
	char	   *part;
	int			half;			/* 1 or 2 for split_half, else 0 */
	int16		split_number;	/* as the group's shape numbers them */
	int16		part_number;
} PlaceRow;

typedef struct PlaceGroup
{
	int64		id;
	char	   *name;
	Oid			regime;
	const RegimeLimits *limits;
	bool		approved;
	bool		public_centre;
	KeyItems	week;			/* its sessions, the replaced ones left out */
	const GroupShape *shape;
} PlaceGroup;

typedef struct PlaceTeacher
{
	int64		id;
	bool		directive;		/* of the centre's directive team: present while teaching */
	KeyItems	week;
} PlaceTeacher;

typedef struct Placement
{
	const ModelTables *model;
	int64		centre_id;
	char	   *centre_name;
	int			school_year;
	char	   *school_year_text;
	int			minutes;
	unsigned	flags;			/* of the lesson's kind */
	bool		is_class;
	char	   *label;			/* '"Matemàtiques"', for the lesson's rows in messages */
	int64		replaces;		/* 0: none */
	int			replaced_day;	/* 0: none */
	int64	   *replaced_ids;
	int			nreplaced;
	PlaceGroup *groups;
	int			ngroups;
	PlaceRow   *rows;
	int			nrows;
	PlaceTeacher *teachers;
	int			nteachers;
	GroupShapes shapes;
	/* the centre's week, when it holds an approved timetable of the year */
	bool		centre_checked;
	int			min_guards;
	KeyItems	lective;
	KeyItems	guards;
	KeyItems	present;
	/* what to say */
	bool		with_reasons;
	ViolationRows violation_rows;
	MemoryContext keep;			/* outlives the SPI connection: the verdicts */
} Placement;

/* What one candidate start comes to. */
typedef struct Verdict
{
	int			count;			/* findings a write would be refused for */
	List	   *reasons;		/* their rows, as Datums, when asked */
} Verdict;

typedef struct PlaceEmit
{
	Placement  *p;
	const FindingSubject *subject;
	const char *subject_name;
	Verdict    *verdict;
} PlaceEmit;

static void
add_reason(Placement *p, Verdict *v, const ViolationRow *row)
{
	v->count++;
	if (p->with_reasons)
	{
		MemoryContext old = MemoryContextSwitchTo(p->keep);

		v->reasons = lappend(v->reasons, DatumGetPointer(violation_row_datum(&p->violation_rows, row)));
		MemoryContextSwitchTo(old);
	}
}

/* The kernels' callback: what a write would be refused for closes the place. */
static void
place_finding(void *context, const st_finding *f)
{
	PlaceEmit  *e = (PlaceEmit *) context;
	ViolationRow row;

	if (!catalogue_rule(st_rule_code(f->rule))->is_error ||
		finding_authorisation(e->subject, f, e->p->model) != 0)
		return;
	if (!e->p->with_reasons)
	{
		e->verdict->count++;
		return;
	}
	violation_row_of_finding(e->subject, f, &e->subject_name, &row);
	add_reason(e->p, e->verdict, &row);
}

/* ---- the arguments ---- */

static int64 *
int8_array(ArrayType *array, int *n)
{
	Datum	   *values;
	bool	   *nulls;
	int64	   *out;
	int			i;

	deconstruct_array(array, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &values, &nulls, n);
	out = palloc(sizeof(int64) * Max(*n, 1));
	for (i = 0; i < *n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("a lesson's groups and teachers are named by their ids, not NULL"),
					errhint("Leave NULL out of group_ids and teacher_ids."));
		out[i] = DatumGetInt64(values[i]);
	}
	return out;
}

/* text[] elements as C strings (NULL for NULL); n must match expected. */
static char **
text_array(ArrayType *array, int expected, const char *name)
{
	Datum	   *values;
	bool	   *nulls;
	char	  **out;
	int			n;
	int			i;

	deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT, &values, &nulls, &n);
	if (n != expected)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("%s has %d elements, the lesson's groups %d", name, n, expected),
				errhint("Give one element for each element of group_ids, NULL where the lesson takes the whole group."));
	out = palloc(sizeof(char *) * Max(n, 1));
	for (i = 0; i < n; i++)
		out[i] = nulls[i] ? NULL : TextDatumGetCString(values[i]);
	return out;
}

static int
group_index(Placement *p, int64 id)
{
	int			i;

	for (i = 0; i < p->ngroups; i++)
		if (p->groups[i].id == id)
			return i;
	return -1;
}

/* The lesson's groups, one school year, each one of the centre. */
static void
read_groups(Placement *p, const int64 *ids, int n)
{
	Oid			types[2] = {INT8OID, INT8ARRAYOID};
	Datum		values[2];
	Datum	   *elements = palloc(sizeof(Datum) * Max(n, 1));
	uint64		r;
	int			i;

	for (i = 0; i < n; i++)
		elements[i] = Int64GetDatum(ids[i]);
	values[0] = Int64GetDatum(p->centre_id);
	values[1] = PointerGetDatum(construct_array(elements, n, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	spi_exec_args_checked(psprintf("SELECT g.id, g.name, g.school_year::pg_catalog.text, g.regime,"
								   " g.approval OPERATOR(pg_catalog.<>) 'draft'::schooltime.approval_state,"
								   " c.ownership OPERATOR(pg_catalog.=) 'public'::schooltime.ownership, c.name"
								   " FROM %s AS g JOIN %s AS c ON c.id OPERATOR(pg_catalog.=) g.centre_id"
								   " WHERE g.centre_id OPERATOR(pg_catalog.=) $1 AND g.id OPERATOR(pg_catalog.=) ANY ($2)"
								   " ORDER BY g.id",
								   p->model->class_groups, p->model->centres),
						  2, types, values, NULL, SPI_OK_SELECT);
	p->groups = palloc0(sizeof(PlaceGroup) * Max(SPI_processed, 1));
	for (r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[r];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		PlaceGroup *g = &p->groups[p->ngroups++];
		bool		isnull;
		char	   *year = SPI_getvalue(tuple, desc, 3);

		g->id = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
		g->name = SPI_getvalue(tuple, desc, 2);
		g->regime = DatumGetObjectId(SPI_getbinval(tuple, desc, 4, &isnull));
		g->approved = DatumGetBool(SPI_getbinval(tuple, desc, 5, &isnull));
		g->public_centre = DatumGetBool(SPI_getbinval(tuple, desc, 6, &isnull));
		p->centre_name = SPI_getvalue(tuple, desc, 7);
		if (p->school_year_text == NULL)
			p->school_year_text = year;
		else if (strcmp(p->school_year_text, year) != 0)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("group \"%s\" (%s) and the lesson's other groups (%s) are of two school years",
						   g->name, year, p->school_year_text),
					errdetail("A lesson is of one school year: its groups are all of it."),
					errhint("Place a lesson of one school year's groups."));
	}
	for (i = 0; i < n; i++)
		if (group_index(p, ids[i]) < 0)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("centre " INT64_FORMAT " has no group " INT64_FORMAT " in model \"%s\"",
						   p->centre_id, ids[i], p->model->schema),
					errdetail("A lesson is of one centre: its groups are groups of that centre."),
					errhint("Name the groups by the ids of the model's class_groups of that centre."));
	p->school_year = parse_school_year(p->school_year_text);
	for (i = 0; i < p->ngroups; i++)
		p->groups[i].limits = catalogue_require_regime_limits(p->school_year, p->groups[i].regime);
}

static void
read_teachers(Placement *p, const int64 *ids, int n)
{
	Oid			types[2] = {INT8OID, INT8ARRAYOID};
	Datum		values[2];
	Datum	   *elements = palloc(sizeof(Datum) * Max(n, 1));
	uint64		r;
	int			i;
	int			j;

	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (ids[i] == ids[j])
				ereport(ERROR,
						errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("teacher " INT64_FORMAT " is named twice", ids[i]),
						errhint("Name each teacher of the lesson once."));
	p->teachers = palloc0(sizeof(PlaceTeacher) * Max(n, 1));
	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		elements[i] = Int64GetDatum(ids[i]);
	values[0] = Int64GetDatum(p->centre_id);
	values[1] = PointerGetDatum(construct_array(elements, n, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	spi_exec_args_checked(psprintf("SELECT t.id, t.centre_id IS NOT DISTINCT FROM $1 AND t.role OPERATOR(pg_catalog.=) ANY ("
								   "ARRAY['director', 'head_of_studies', 'secretary', 'pedagogical_coordinator',"
								   " 'coordinator']::schooltime.teacher_role[])"
								   " FROM %s AS t WHERE t.id OPERATOR(pg_catalog.=) ANY ($2) ORDER BY t.id",
								   p->model->teachers),
						  2, types, values, NULL, SPI_OK_SELECT);
	for (r = 0; r < SPI_processed; r++)
	{
		bool		isnull;
		PlaceTeacher *t = &p->teachers[p->nteachers++];

		t->id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &isnull));
		t->directive = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2, &isnull));
	}
	for (i = 0; i < n; i++)
	{
		bool		found = false;

		for (j = 0; j < p->nteachers; j++)
			found |= p->teachers[j].id == ids[i];
		if (!found)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("model \"%s\" has no teacher " INT64_FORMAT, p->model->schema, ids[i]),
					errhint("Name the teachers by the ids of the model's teachers."));
	}
}

/* The lesson's rows: each group whole, a half, or a part it has; no group whole and in part too. */
static void
read_rows(Placement *p, const int64 *ids, int n, char **splits, char **parts)
{
	StringInfoData keys;
	int			i;
	int			j;

	initStringInfo(&keys);
	for (i = 0; i < n; i++)
		appendStringInfo(&keys, "%s" INT64_FORMAT, i ? ", " : "", ids[i]);
	group_shapes_init(&p->shapes, CurrentMemoryContext);
	group_shapes_load(&p->shapes, p->model,
					  psprintf("p.centre_id OPERATOR(pg_catalog.=) " INT64_FORMAT " AND p.group_id IN (%s)",
							   p->centre_id, keys.data));
	p->rows = palloc0(sizeof(PlaceRow) * Max(n, 1));
	p->nrows = n;
	for (i = 0; i < n; i++)
	{
		PlaceRow   *row = &p->rows[i];
		PlaceGroup *g;

		row->group = group_index(p, ids[i]);
		g = &p->groups[row->group];
		row->split = splits ? splits[i] : NULL;
		row->part = parts ? parts[i] : NULL;
		if ((row->split == NULL) != (row->part == NULL))
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("the lesson's row of group \"%s\" names a split without a part, or a part without a split", g->name),
					errhint("Give both the split and the part (split_half and 1 or 2 for a half), or neither for the whole group."));
		if (row->split && strcmp(row->split, "split_half") == 0)
		{
			if (strcmp(row->part, "1") != 0 && strcmp(row->part, "2") != 0)
				ereport(ERROR,
						errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("group \"%s\" has no half \"%s\"", g->name, row->part),
						errhint("A half is split_half 1 or 2."));
			row->half = atoi(row->part);
			row->split = row->part = NULL;
		}
		if (!group_shape_number(&p->shapes, p->centre_id, g->id, row->half, row->split, row->part,
								&row->split_number, &row->part_number))
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("group \"%s\" has no part \"%s\" of split \"%s\"", g->name, row->part, row->split),
					errhint("Name a part of the model's group_parts, or add it there first."));
		for (j = 0; j < i; j++)
		{
			const PlaceRow *other = &p->rows[j];

			if (other->group != row->group)
				continue;
			if (other->split_number == row->split_number && other->part_number == row->part_number)
				ereport(ERROR,
						errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("the lesson takes group \"%s\"%s twice", g->name,
							   row->split_number ? psprintf(", %s,", group_part_name(group_shape_find(&p->shapes, p->centre_id, g->id, false),
																					 row->split_number, row->part_number)) : ""),
						errhint("Name each group, or part of a group, once."));
			if ((other->split_number == 0) != (row->split_number == 0))
				ereport(ERROR,
						errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("the lesson takes group \"%s\" whole and a part of it too", g->name),
						errdetail("A lesson takes a group whole or some of its parts, not both."),
						errhint("Name the group once for the whole group, or only its parts."));
		}
	}
	for (i = 0; i < p->ngroups; i++)
		p->groups[i].shape = group_shape_find(&p->shapes, p->centre_id, p->groups[i].id, false);
}

/* The session it replaces, and the rest of its lesson: left out of every week read. */
static void
read_replaced(Placement *p)
{
	Oid			types[2] = {INT8OID, INT8OID};
	Datum		values[2] = {Int64GetDatum(p->centre_id), Int64GetDatum(p->replaces)};
	HeapTuple	tuple;
	TupleDesc	desc;
	bool		isnull;
	int64		group;
	int			start;
	int			end;
	uint64		r;

	spi_exec_args_checked(psprintf("SELECT s.group_id, s.slot, %s FROM %s AS s"
								   " WHERE s.centre_id OPERATOR(pg_catalog.=) $1 AND s.id OPERATOR(pg_catalog.=) $2",
								   p->model->lessons ? "s.lesson_id" : "NULL::pg_catalog.int8", p->model->sessions),
						  2, types, values, NULL, SPI_OK_SELECT);
	if (SPI_processed == 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("centre " INT64_FORMAT " has no session " INT64_FORMAT " to replace", p->centre_id, p->replaces),
				errhint("Name the session by its id in the model's sessions, or place the lesson without replacing one."));
	tuple = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;
	group = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
	if (group_index(p, group) < 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("session " INT64_FORMAT " is not of any of the lesson's groups", p->replaces),
				errdetail("It is a session of group " INT64_FORMAT ".", group),
				errhint("Replace a session of a group the lesson takes."));
	if (slot_datum_bounds(SPI_getbinval(tuple, desc, 2, &isnull), false, &start, &end))
		p->replaced_day = wt_weekday(start);
	SPI_getbinval(tuple, desc, 3, &isnull);
	if (isnull)
	{
		p->replaced_ids = palloc(sizeof(int64));
		p->replaced_ids[0] = p->replaces;
		p->nreplaced = 1;
		return;
	}
	/* a row of a lesson: the whole lesson moves */
	values[1] = SPI_getbinval(tuple, desc, 3, &isnull);
	spi_exec_args_checked(psprintf("SELECT s.id FROM %s AS s WHERE s.centre_id OPERATOR(pg_catalog.=) $1"
								   " AND s.lesson_id OPERATOR(pg_catalog.=) $2", p->model->sessions),
						  2, types, values, NULL, SPI_OK_SELECT);
	p->replaced_ids = palloc(sizeof(int64) * Max(SPI_processed, 1));
	for (r = 0; r < SPI_processed; r++)
		p->replaced_ids[p->nreplaced++] = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &isnull));
}

/* "s.id OPERATOR(pg_catalog.<>) ALL ('{...}')": the replaced rows left out of a read. */
static char *
not_replaced(const Placement *p, const char *alias)
{
	StringInfoData ids;
	int			i;

	if (p->nreplaced == 0)
		return "true";
	initStringInfo(&ids);
	for (i = 0; i < p->nreplaced; i++)
		appendStringInfo(&ids, "%s" INT64_FORMAT, i ? "," : "", p->replaced_ids[i]);
	return psprintf("%s.id OPERATOR(pg_catalog.<>) ALL ('{%s}'::pg_catalog.int8[])", alias, ids.data);
}

/* ---- the weeks ---- */

static void
read_group_weeks(Placement *p)
{
	int			i;

	for (i = 0; i < p->ngroups; i++)
	{
		PlaceGroup *g = &p->groups[i];
		Oid			types[2] = {INT8OID, INT8OID};
		Datum		values[2] = {Int64GetDatum(p->centre_id), Int64GetDatum(g->id)};
		uint64		r;

		spi_exec_args_checked(psprintf("SELECT %s FROM %s AS s WHERE s.centre_id OPERATOR(pg_catalog.=) $1"
									   " AND s.group_id OPERATOR(pg_catalog.=) $2 AND %s",
									   session_item_columns(p->model, "s"), p->model->sessions, not_replaced(p, "s")),
							  2, types, values, NULL, SPI_OK_SELECT);
		for (r = 0; r < SPI_processed; r++)
		{
			Datum		row[SESSION_ITEM_COLUMNS];
			bool		nulls[SESSION_ITEM_COLUMNS];
			st_item		item;
			int64		teacher;

			row_values(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, SESSION_ITEM_COLUMNS, row, nulls);
			if (session_item(&p->shapes, p->centre_id, g->id, row, nulls, &item, &teacher) != SESSION_ITEM_BAD_SLOT)
				key_items_add_session(&g->week, &item, p->centre_id, teacher);
		}
		g->shape = group_shape_find(&p->shapes, p->centre_id, g->id, false);
	}
}

static void
read_teacher_weeks(Placement *p)
{
	int			i;

	for (i = 0; i < p->nteachers; i++)
	{
		PlaceTeacher *t = &p->teachers[i];
		Oid			types[2] = {INT8OID, TEXTOID};
		Datum		values[2] = {Int64GetDatum(t->id), CStringGetTextDatum(p->school_year_text)};
		uint64		r;

		spi_exec_args_checked(psprintf("SELECT s.slot, false, s.centre_id, s.id, %s FROM %s AS s"
									   " WHERE s.teacher_id OPERATOR(pg_catalog.=) $1"
									   " AND s.school_year::pg_catalog.text OPERATOR(pg_catalog.=) $2 AND %s"
									   " UNION ALL"
									   " SELECT d.slot, true, d.centre_id, d.id, NULL FROM %s AS d"
									   " WHERE d.teacher_id OPERATOR(pg_catalog.=) $1"
									   " AND d.school_year::pg_catalog.text OPERATOR(pg_catalog.=) $2",
									   p->model->lessons ? "s.lesson_id" : "NULL::pg_catalog.int8",
									   p->model->sessions, not_replaced(p, "s"), p->model->duties),
							  2, types, values, NULL, SPI_OK_SELECT);
		for (r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tuple = SPI_tuptable->vals[r];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			st_item		item;
			Datum		lesson;

			memset(&item, 0, sizeof(item));
			if (!row_slot(tuple, desc, 1, &item.start, &item.end))
				continue;
			item.flags = DatumGetBool(SPI_getbinval(tuple, desc, 2, &isnull)) ? ST_DUTY : 0;
			item.id = DatumGetInt64(SPI_getbinval(tuple, desc, 4, &isnull));
			lesson = SPI_getbinval(tuple, desc, 5, &isnull);
			item.lesson = isnull ? 0 : DatumGetInt64(lesson);
			key_items_add(&t->week, &item, DatumGetInt64(SPI_getbinval(tuple, desc, 3, &isnull)));
		}
	}
}

/*
 * The centre's week, if it holds an approved timetable this school year:
 * a write to it is then checked for guard_coverage and directive_presence
 * (approval.c), and so is every place.
 */
static void
read_centre_week(Placement *p)
{
	Oid			types[2] = {INT8OID, TEXTOID};
	Datum		values[2] = {Int64GetDatum(p->centre_id), CStringGetTextDatum(p->school_year_text)};
	const ModelTables *m = p->model;
	uint64		r;

	spi_exec_args_checked(psprintf("SELECT c.min_guards, EXISTS (SELECT FROM %s AS g WHERE g.centre_id OPERATOR(pg_catalog.=) c.id"
								   " AND g.school_year::pg_catalog.text OPERATOR(pg_catalog.=) $2"
								   " AND g.approval OPERATOR(pg_catalog.<>) 'draft'::schooltime.approval_state)"
								   " FROM %s AS c WHERE c.id OPERATOR(pg_catalog.=) $1",
								   m->class_groups, m->centres),
						  2, types, values, NULL, SPI_OK_SELECT);
	if (SPI_processed == 0)
		return;
	{
		bool		isnull;
		Datum		min_guards = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		p->min_guards = isnull ? catalogue_require_staff_limits(p->school_year)->default_min_guards
			: DatumGetInt32(min_guards);
		p->centre_checked = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	}
	if (!p->centre_checked)
		return;
	spi_exec_args_checked(psprintf(
		"SELECT 0, s.slot, s.kind OPERATOR(pg_catalog.=) 'recess'::schooltime.session_kind FROM %1$s AS s"
		" WHERE s.centre_id OPERATOR(pg_catalog.=) $1 AND s.school_year::pg_catalog.text OPERATOR(pg_catalog.=) $2 AND %4$s"
		" UNION ALL"
		" SELECT 1, d.slot, d.kind OPERATOR(pg_catalog.=) 'recess_guard'::schooltime.duty_kind FROM %2$s AS d"
		" WHERE d.centre_id OPERATOR(pg_catalog.=) $1 AND d.school_year::pg_catalog.text OPERATOR(pg_catalog.=) $2"
		"  AND d.kind OPERATOR(pg_catalog.=) ANY (ARRAY['guard', 'recess_guard']::schooltime.duty_kind[])"
		" UNION ALL"
		" SELECT 2, x.slot, false FROM (SELECT s.slot, s.teacher_id FROM %1$s AS s"
		"  WHERE s.centre_id OPERATOR(pg_catalog.=) $1 AND s.school_year::pg_catalog.text OPERATOR(pg_catalog.=) $2 AND %4$s"
		"  UNION ALL SELECT d.slot, d.teacher_id FROM %2$s AS d"
		"  WHERE d.centre_id OPERATOR(pg_catalog.=) $1 AND d.school_year::pg_catalog.text OPERATOR(pg_catalog.=) $2) AS x"
		" JOIN %3$s AS t ON t.id OPERATOR(pg_catalog.=) x.teacher_id AND t.centre_id OPERATOR(pg_catalog.=) $1"
		"  AND t.role OPERATOR(pg_catalog.=) ANY (ARRAY['director', 'head_of_studies', 'secretary', 'pedagogical_coordinator',"
		"  'coordinator']::schooltime.teacher_role[])",
		m->sessions, m->duties, m->teachers, not_replaced(p, "s")),
						  2, types, values, NULL, SPI_OK_SELECT);
	for (r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[r];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		int			part = DatumGetInt32(SPI_getbinval(tuple, desc, 1, &isnull));
		st_item		item;

		memset(&item, 0, sizeof(item));
		if (!row_slot(tuple, desc, 2, &item.start, &item.end))
			continue;
		item.flags = DatumGetBool(SPI_getbinval(tuple, desc, 3, &isnull)) ? ST_RECESS : 0;
		key_items_add(part == 0 ? &p->lective : part == 1 ? &p->guards : &p->present, &item, p->centre_id);
	}
}

/* ---- judging one start ---- */

static void
row_rules(Placement *p, int start, int end, Verdict *v)
{
	int			i;

	for (i = 0; i < p->ngroups; i++)
	{
		PlaceGroup *g = &p->groups[i];
		RowFinding	findings[3];
		int			n = row_findings(g->limits, start, end, p->is_class, findings);
		int			f;

		for (f = 0; f < n; f++)
		{
			AuthorisationSubject who;
			Datum		session = Int64GetDatum(p->replaces);
			ViolationRow row;
			char	   *message;
			char	   *detail;
			char	   *hint;

			if (!catalogue_rule(findings[f].rule)->is_error)
				continue;
			memset(&who, 0, sizeof(who));
			who.centre = Int64GetDatum(p->centre_id);
			who.centre_type = INT8OID;
			who.school_year = p->school_year;
			who.regime = g->regime;
			who.has_group = true;
			who.group = Int64GetDatum(g->id);
			who.group_type = INT8OID;
			if (p->replaces != 0)
			{
				/* a moved session keeps its id: its own authorisations go with it */
				who.nsessions = 1;
				who.sessions = &session;
				who.session_type = INT8OID;
			}
			if (authorisation_find(p->model->authorisations_oid, findings[f].rule, &who) != 0)
				continue;
			if (!p->with_reasons)
			{
				v->count++;
				continue;
			}
			row_finding_text(g->limits, start, end, &findings[f], psprintf("group \"%s\"", g->name),
							 &message, &detail, &hint);
			memset(&row, 0, sizeof(row));
			row.rule = findings[f].rule;
			row.sections = strcmp(findings[f].rule, "weekday") == 0 ? NULL : format_sections(g->limits->section);
			row.centre_id = p->centre_id;
			row.subject = "group";
			row.subject_id = g->id;
			row.subject_name = g->name;
			row.weekday = wt_weekday(start);
			row.start = start;
			row.end = end;
			row.measured = findings[f].measured;
			row.limit = findings[f].limit;
			row.unit = findings[f].unit;
			row.message = message;
			row.detail = detail;
			row.hint = hint;
			add_reason(p, v, &row);
		}
	}
}

/*
 * A week with the lesson's rows of it added (at the centre), sorted, and
 * the labels messages give those rows alongside.
 */
static void
week_with(const KeyItems *base, const st_item *added, int nadded, int64 centre, const char *label,
		  KeyItems *out, char ***labels)
{
	int			i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < base->n; i++)
		key_items_add_session(out, &base->items[i], base->centres[i], base->teachers ? base->teachers[i] : 0);
	for (i = 0; i < nadded; i++)
		key_items_add(out, &added[i], centre);
	key_items_sort(out);
	*labels = palloc0(sizeof(char *) * Max(out->n, 1));
	for (i = 0; i < out->n; i++)
		if (out->items[i].id == NEW_ROW_ID)
			(*labels)[i] = (char *) label;
}

static st_item
new_item(const Placement *p, int start, int end, int16 split, int16 part)
{
	st_item		item;

	memset(&item, 0, sizeof(item));
	item.start = start;
	item.end = end;
	item.split = split;
	item.part = part;
	item.flags = p->flags;
	item.id = NEW_ROW_ID;
	item.lesson = NEW_LESSON_KEY;
	return item;
}

static void
group_rules(Placement *p, int start, int end, Verdict *v)
{
	int			i;
	int			r;

	for (i = 0; i < p->ngroups; i++)
	{
		PlaceGroup *g = &p->groups[i];
		st_item    *added = palloc(sizeof(st_item) * p->nrows);
		int			nadded = 0;
		KeyItems	week;
		char	  **labels;
		FindingSubject subject;
		PlaceEmit	e;

		for (r = 0; r < p->nrows; r++)
			if (p->rows[r].group == i)
				added[nadded++] = new_item(p, start, end, p->rows[r].split_number, p->rows[r].part_number);
		week_with(&g->week, added, nadded, p->centre_id, p->label, &week, &labels);
		finding_subject_init(&subject, p->model, "group", g->id, p->centre_id, p->school_year, &week);
		subject.limits = g->limits;
		subject.shape = g->shape;
		subject.label = psprintf("group \"%s\"", g->name);
		subject.item_labels = labels;
		e.p = p;
		e.subject = &subject;
		e.subject_name = g->name;
		e.verdict = v;
		group_kernels(&subject, &week, g->approved ? approval_checks(g->limits, g->public_centre) : 0,
					  place_finding, &e);
	}
}

static void
teacher_rules(Placement *p, int start, int end, Verdict *v)
{
	const StaffLimits *staff;
	st_staff_limits sl;
	int			i;

	if (p->nteachers == 0)
		return;
	staff = catalogue_require_staff_limits(p->school_year);
	staff_limits_from(staff, &sl);
	for (i = 0; i < p->nteachers; i++)
	{
		PlaceTeacher *t = &p->teachers[i];
		st_item		added = new_item(p, start, end, 0, 0);
		KeyItems	week;
		char	  **labels;
		FindingSubject subject;
		PlaceEmit	e;

		added.flags &= ~(unsigned) ST_RECESS;
		week_with(&t->week, &added, 1, p->centre_id, p->label, &week, &labels);
		finding_subject_init(&subject, p->model, "teacher", t->id, p->centre_id, p->school_year, &week);
		subject.staff = staff;
		subject.item_group_labels = labels;
		e.p = p;
		e.subject = &subject;
		e.subject_name = NULL;
		e.verdict = v;
		st_teacher_week(week.items, week.centres, week.n, &sl, place_finding, &e);
	}
}

static void
centre_rules(Placement *p, int start, int end, Verdict *v)
{
	st_item		added = new_item(p, start, end, 0, 0);
	KeyItems	lective;
	KeyItems	present;
	char	  **labels;
	FindingSubject subject;
	PlaceEmit	e;
	bool		directive = false;
	int			i;

	if (!p->centre_checked)
		return;
	added.flags &= ST_RECESS;
	week_with(&p->lective, &added, 1, p->centre_id, p->label, &lective, &labels);
	for (i = 0; i < p->nteachers; i++)
		directive |= p->teachers[i].directive;
	added.flags = 0;
	week_with(&p->present, &added, directive ? 1 : 0, p->centre_id, p->label, &present, &labels);
	key_items_sort(&p->guards);
	finding_subject_init(&subject, p->model, "centre", p->centre_id, p->centre_id, p->school_year, NULL);
	subject.min_guards = p->min_guards;
	subject.label = psprintf("centre \"%s\"", p->centre_name);
	e.p = p;
	e.subject = &subject;
	e.subject_name = p->centre_name;
	e.verdict = v;
	st_centre_coverage(lective.items, lective.n, p->guards.items, p->guards.n, p->min_guards,
					   present.items, present.n, place_finding, &e);
}

/* Idle stretches between a teacher's busy blocks on one day, with and without the lesson. */
static int
gaps_of(const KeyItems *week, int day, int add_start, int add_end)
{
	int			starts[1024];
	int			ends[1024];
	int			n = 0;
	int			gaps = 0;
	int			covered = -1;
	int			i;
	int			j;

	for (i = 0; i < week->n && n < 1023; i++)
		if (wt_weekday(week->items[i].start) == day)
		{
			starts[n] = week->items[i].start;
			ends[n] = week->items[i].end;
			n++;
		}
	if (add_end > add_start)
	{
		starts[n] = add_start;
		ends[n] = add_end;
		n++;
	}
	/* in order of start: a few dozen items, sorted by insertion */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && starts[j - 1] > starts[j]; j--)
		{
			int			s = starts[j];
			int			e = ends[j];

			starts[j] = starts[j - 1];
			ends[j] = ends[j - 1];
			starts[j - 1] = s;
			ends[j - 1] = e;
		}
	for (i = 0; i < n; i++)
	{
		if (covered >= 0 && starts[i] > covered)
			gaps++;
		if (ends[i] > covered)
			covered = ends[i];
	}
	return gaps;
}

static int
new_teacher_gaps(const Placement *p, int start, int end)
{
	int			day = wt_weekday(start);
	int			total = 0;
	int			i;

	for (i = 0; i < p->nteachers; i++)
		total += gaps_of(&p->teachers[i].week, day, start, end) - gaps_of(&p->teachers[i].week, day, 0, 0);
	return total;
}

/* ---- candidates ---- */

typedef struct Candidate
{
	int			start;
	int			end;
	bool		open;
	int			gaps;
	int			preference;
	List	   *reasons;
} Candidate;

typedef enum Preference
{
	PREFER_TEACHER_GAPS,
	PREFER_SAME_DAY,
	PREFER_EARLIEST
} Preference;

static Preference sort_preference;
static int	sort_replaced_day;

static int
candidate_cmp(const void *a, const void *b)
{
	const Candidate *x = a;
	const Candidate *y = b;

	if (x->open != y->open)
		return x->open ? -1 : 1;
	if (x->open && sort_preference == PREFER_SAME_DAY)
	{
		bool		xs = wt_weekday(x->start) == sort_replaced_day;
		bool		ys = wt_weekday(y->start) == sort_replaced_day;

		if (xs != ys)
			return xs ? -1 : 1;
	}
	if (x->open && sort_preference != PREFER_EARLIEST && x->gaps != y->gaps)
		return x->gaps < y->gaps ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

/* Starts in minutes of the day: the centre's own period starts that year, or every step of the windows. */
static int *
candidate_starts(Placement *p, bool periods, int step, int first, int last, int *n)
{
	int		   *starts = palloc(sizeof(int) * WT_MINUTES_PER_DAY);
	bool		seen[WT_MINUTES_PER_DAY];
	int			m;

	*n = 0;
	memset(seen, 0, sizeof(seen));
	if (periods)
	{
		Oid			types[2] = {INT8OID, TEXTOID};
		Datum		values[2] = {Int64GetDatum(p->centre_id), CStringGetTextDatum(p->school_year_text)};
		uint64		r;

		spi_exec_args_checked(psprintf("SELECT s.slot FROM %s AS s WHERE s.centre_id OPERATOR(pg_catalog.=) $1"
									   " AND s.school_year::pg_catalog.text OPERATOR(pg_catalog.=) $2"
									   " AND s.kind OPERATOR(pg_catalog.<>) 'recess'::schooltime.session_kind",
									   p->model->sessions),
							  2, types, values, NULL, SPI_OK_SELECT);
		for (r = 0; r < SPI_processed; r++)
		{
			int			start;
			int			end;

			if (row_slot(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &start, &end))
				seen[start % WT_MINUTES_PER_DAY] = true;
		}
	}
	else
		for (m = first; m + p->minutes <= last; m += step)
			seen[m] = true;
	for (m = 0; m < WT_MINUTES_PER_DAY; m++)
		if (seen[m] && m + p->minutes <= WT_MINUTES_PER_DAY)
			starts[(*n)++] = m;
	return starts;
}

/* A lesson's length must fit some session of every regime it takes. */
static void
check_minutes(const Placement *p)
{
	int			i;

	if (p->minutes < 1)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a lesson of %d minutes cannot be placed", p->minutes),
				errhint("Give the lesson's length in minutes, 1 or more."));
	for (i = 0; i < p->ngroups; i++)
	{
		const RegimeLimits *l = p->groups[i].limits;
		int			window = l->window_end - l->window_start;

		if (p->minutes > window)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("a lesson of %d minutes is longer than the %s day allows (%s-%s, %d minutes)",
						   p->minutes, l->regime_name, format_minute_of_day(l->window_start),
						   format_minute_of_day(l->window_end), window),
					errhint("Place a shorter lesson, or split it in two."));
		if (p->is_class && ((l->session_min != NO_LIMIT && p->minutes < l->session_min) ||
							(l->session_max != NO_LIMIT && p->minutes > l->session_max)))
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("a lesson of %d minutes is outside the session lengths of %s (%d to %d minutes)",
						   p->minutes, l->regime_name, l->session_min,
						   l->session_max == NO_LIMIT ? window : l->session_max),
					errhint("Place a lesson of a length the regime allows (section %s).", l->section));
	}
}

#define PLACES_COLUMNS 7

/*
 * schooltime.places(model, centre_id, group_ids, minutes, teacher_ids,
 *                   splits, parts, kind, replaces, subject, starts, step,
 *                   prefer, with_reasons)
 */
Datum
schooltime_places(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext per_query;
	MemoryContext old;
	Placement	p;
	SpiScope	spi;
	TupleDesc	desc;
	Tuplestorestate *store;
	TypeCacheEntry *range;
	int64	   *group_ids;
	int			ngroups;
	int64	   *teacher_ids;
	int			nteachers = 0;
	char	  **splits = NULL;
	char	  **parts = NULL;
	bool		periods;
	int			step;
	Preference	prefer;
	int		   *starts;
	int			nstarts;
	Candidate  *candidates;
	int			ncandidates = 0;
	int			first_day = 7;
	int			last_day = 1;
	int			earliest = WT_MINUTES_PER_DAY;
	int			latest = 0;
	int			day;
	int			i;
	int			rank = 0;
	Oid			violation_type;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) || !(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				errmsg("schooltime.places() must be called in a context that accepts a set"));
	for (i = 0; i <= 3; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR,
					errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("the model, the centre, the lesson's groups and its length must be given"));

	memset(&p, 0, sizeof(p));
	p.model = model_tables(NameStr(*PG_GETARG_NAME(0)), CurrentMemoryContext);
	p.centre_id = PG_GETARG_INT64(1);
	group_ids = int8_array(PG_GETARG_ARRAYTYPE_P(2), &ngroups);
	if (ngroups == 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a lesson takes at least one group"),
				errhint("Name the lesson's groups in group_ids."));
	p.minutes = PG_GETARG_INT32(3);
	teacher_ids = PG_ARGISNULL(4) ? NULL : int8_array(PG_GETARG_ARRAYTYPE_P(4), &nteachers);
	if (!PG_ARGISNULL(5))
		splits = text_array(PG_GETARG_ARRAYTYPE_P(5), ngroups, "splits");
	if (!PG_ARGISNULL(6))
		parts = text_array(PG_GETARG_ARRAYTYPE_P(6), ngroups, "parts");
	p.flags = PG_ARGISNULL(7) ? 0 : kind_flags(PG_GETARG_OID(7));
	p.is_class = PG_ARGISNULL(7) || PG_GETARG_OID(7) != catalogue_session_kinds()->recess;
	p.replaces = PG_ARGISNULL(8) ? 0 : PG_GETARG_INT64(8);
	p.label = PG_ARGISNULL(9) ? pstrdup("the lesson to place") : psprintf("\"%s\"", text_to_cstring(PG_GETARG_TEXT_PP(9)));
	periods = PG_ARGISNULL(10) || strcmp(text_to_cstring(PG_GETARG_TEXT_PP(10)), "periods") == 0;
	if (!PG_ARGISNULL(10) && !periods && strcmp(text_to_cstring(PG_GETARG_TEXT_PP(10)), "grid") != 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("starts must be 'periods' or 'grid', not \"%s\"", text_to_cstring(PG_GETARG_TEXT_PP(10))),
				errhint("'periods' tries the starts of the centre's own sessions; 'grid' every step minutes of the regime's window."));
	step = PG_ARGISNULL(11) ? 5 : PG_GETARG_INT32(11);
	if (step < 1 || step > WT_MINUTES_PER_DAY)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a grid step of %d minutes is out of range", step),
				errhint("Give a step from 1 to 1440 minutes."));
	prefer = PREFER_TEACHER_GAPS;
	if (!PG_ARGISNULL(12))
	{
		char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(12));

		if (strcmp(name, "same_day") == 0)
			prefer = PREFER_SAME_DAY;
		else if (strcmp(name, "earliest") == 0)
			prefer = PREFER_EARLIEST;
		else if (strcmp(name, "teacher_gaps") != 0)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("prefer must be 'teacher_gaps', 'same_day' or 'earliest', not \"%s\"", name),
					errhint("'teacher_gaps' ranks first the places that leave the teachers fewest new idle stretches, 'same_day' those on the replaced session's day, 'earliest' the earliest."));
	}
	p.with_reasons = !PG_ARGISNULL(13) && PG_GETARG_BOOL(13);

	per_query = rsinfo->econtext->ecxt_per_query_memory;
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "schooltime.places() must return a composite type");
	old = MemoryContextSwitchTo(per_query);
	desc = CreateTupleDescCopy(desc);
	store = tuplestore_begin_heap(true, false, work_mem);
	MemoryContextSwitchTo(old);
	violation_type = typenameTypeId(NULL, typeStringToTypeName("schooltime.violation"));
	violation_rows_init(&p.violation_rows, BlessTupleDesc(lookup_rowtype_tupdesc_copy(violation_type, -1)));
	range = lookup_type_cache(typenameTypeId(NULL, typeStringToTypeName("schooltime.weektimerange")),
							  TYPECACHE_RANGE_INFO);

	p.keep = CurrentMemoryContext;
	spi_scope_begin(&spi);
	read_groups(&p, group_ids, ngroups);
	read_teachers(&p, teacher_ids, nteachers);
	read_rows(&p, group_ids, ngroups, splits, parts);
	check_minutes(&p);
	if (p.replaces != 0)
		read_replaced(&p);
	read_group_weeks(&p);
	read_teacher_weeks(&p);
	read_centre_week(&p);
	for (i = 0; i < p.ngroups; i++)
	{
		const RegimeLimits *l = p.groups[i].limits;

		first_day = Min(first_day, l->first_weekday);
		last_day = Max(last_day, l->last_weekday);
		earliest = Min(earliest, l->window_start);
		latest = Max(latest, l->window_end);
	}
	starts = candidate_starts(&p, periods, step, earliest, latest, &nstarts);

	candidates = MemoryContextAlloc(p.keep, sizeof(Candidate) * Max((last_day - first_day + 1) * nstarts, 1));
	for (day = first_day; day <= last_day; day++)
		for (i = 0; i < nstarts; i++)
		{
			Candidate  *c = &candidates[ncandidates++];
			Verdict		v = {0, NIL};

			c->start = (day - 1) * WT_MINUTES_PER_DAY + starts[i];
			c->end = c->start + p.minutes;
			row_rules(&p, c->start, c->end, &v);
			group_rules(&p, c->start, c->end, &v);
			teacher_rules(&p, c->start, c->end, &v);
			centre_rules(&p, c->start, c->end, &v);
			c->open = v.count == 0;
			c->reasons = v.reasons;
			c->gaps = new_teacher_gaps(&p, c->start, c->end);
		}
	spi_scope_end(&spi);

	sort_preference = prefer;
	sort_replaced_day = p.replaced_day;
	qsort(candidates, ncandidates, sizeof(Candidate), candidate_cmp);

	old = MemoryContextSwitchTo(per_query);
	for (i = 0; i < ncandidates; i++)
	{
		Candidate  *c = &candidates[i];
		Datum		values[PLACES_COLUMNS];
		bool		nulls[PLACES_COLUMNS];
		RangeBound	lower = {WeektimeGetDatum(c->start), false, true, true};
		RangeBound	upper = {WeektimeGetDatum(c->end), false, false, false};

		memset(nulls, false, sizeof(nulls));
		values[0] = Int32GetDatum(wt_weekday(c->start));
		values[1] = RangeTypePGetDatum(SCHOOLTIME_MAKE_RANGE(range, &lower, &upper, false, NULL));
		values[2] = BoolGetDatum(c->open);
		values[3] = Int32GetDatum(c->open ? ++rank : 0);
		nulls[3] = !c->open;
		values[4] = Int32GetDatum(c->gaps);
		nulls[4] = p.nteachers == 0;
		values[5] = BoolGetDatum(p.replaced_day != 0 && wt_weekday(c->start) == p.replaced_day);
		nulls[5] = p.replaced_day == 0;
		nulls[6] = !p.with_reasons || c->open;
		if (!nulls[6])
		{
			int			n = list_length(c->reasons);
			Datum	   *elements = palloc(sizeof(Datum) * Max(n, 1));
			ListCell   *lc;
			int			k = 0;

			foreach(lc, c->reasons)
				elements[k++] = PointerGetDatum(lfirst(lc));
			values[6] = PointerGetDatum(construct_array(elements, n, violation_type, -1, false, TYPALIGN_DOUBLE));
		}
		tuplestore_putvalues(store, desc, values, nulls);
	}
	MemoryContextSwitchTo(old);

	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = desc;
	return (Datum) 0;
}
