/*
 * lesson.c
 *		The lesson to place: its groups (one centre, one school year), the
 *		part of each it takes, its teachers, its length and the session it
 *		replaces, each checked before any week is read.
 */
#include "schooltime.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "placement/placement.h"
#include "spi_util.h"
#include "violation.h"
#include "weektime_parse.h"


int64 *
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
char **
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
void
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

void
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
void
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
void
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


/* A lesson's length must fit some session of every regime it takes. */
void
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

