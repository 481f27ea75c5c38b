/*
 * weeks.c
 *		The weeks a lesson is judged in: each of its groups', each of its
 *		teachers' and, when it holds an approved timetable, its centre's,
 *		read once with the caller's snapshot, the replaced rows left out.
 */
#include "schooltime.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"

#include "placement/placement.h"
#include "spi_util.h"
#include "weektime_parse.h"

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

void
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

void
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
void
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
