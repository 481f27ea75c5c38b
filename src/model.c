/*
 * model.c
 *		The reference model's tables, found by the schema a trigger names.
 *
 * Labels are read only to word an error or a report, never on the path
 * that accepts a write, and only where the caller may read them.
 */
#include "schooltime.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "model.h"
#include "spi_util.h"

static char *
table_of(Oid namespace, const char *schema, const char *table, Oid *relid, MemoryContext mcxt)
{
	Oid			oid = get_relname_relid(table, namespace);

	if (!OidIsValid(oid))
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_TABLE),
				errmsg("schema \"%s\" lacks the table \"%s\" of the schooltime model", schema, table),
				errhint("Create the model with schooltime.create_model(), or bring it up to date with schooltime.upgrade_model()."));
	if (relid)
		*relid = oid;
	return MemoryContextStrdup(mcxt, quote_qualified_identifier(schema, table));
}

ModelTables *
model_tables(const char *schema, MemoryContext mcxt)
{
	ModelTables *m = MemoryContextAllocZero(mcxt, sizeof(ModelTables));
	Oid			namespace = get_namespace_oid(schema, true);

	if (!OidIsValid(namespace))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_SCHEMA_NAME),
				errmsg("schema \"%s\" holding the schooltime model does not exist", schema));
	m->schema = MemoryContextStrdup(mcxt, schema);
	m->centres = table_of(namespace, schema, "centres", &m->centres_oid, mcxt);
	m->class_groups = table_of(namespace, schema, "class_groups", &m->class_groups_oid, mcxt);
	m->teachers = table_of(namespace, schema, "teachers", &m->teachers_oid, mcxt);
	m->sessions = table_of(namespace, schema, "sessions", &m->sessions_oid, mcxt);
	m->duties = table_of(namespace, schema, "duties", &m->duties_oid, mcxt);
	m->authorisations = table_of(namespace, schema, "authorisations", &m->authorisations_oid, mcxt);
	/* a model not yet brought up to 0.3 keeps working as it was */
	if (OidIsValid(get_relname_relid("lessons", namespace)) &&
		OidIsValid(get_relname_relid("group_parts", namespace)))
	{
		m->lessons = table_of(namespace, schema, "lessons", &m->lessons_oid, mcxt);
		m->group_parts = table_of(namespace, schema, "group_parts", &m->group_parts_oid, mcxt);
	}
	return m;
}

/*
 * The first column of a one-row query, or NULL.  A label is a courtesy: it
 * is read only where the user may read it, so that it never hides the
 * error it words.
 */
static char *
lookup_text(Oid readable1, Oid readable2, const char *query, int nargs, Oid *types, Datum *values)
{
	MemoryContext caller = CurrentMemoryContext;
	char	   *result = NULL;
	SpiScope	scope;

	if (pg_class_aclcheck(readable1, GetUserId(), ACL_SELECT) != ACLCHECK_OK ||
		(OidIsValid(readable2) && pg_class_aclcheck(readable2, GetUserId(), ACL_SELECT) != ACLCHECK_OK))
		return NULL;
	spi_scope_begin(&scope);
	spi_exec_args_checked(query, nargs, types, values, NULL, SPI_OK_SELECT);
	if (SPI_processed > 0)
	{
		char	   *text = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

		if (text)
			result = MemoryContextStrdup(caller, text);
	}
	spi_scope_end(&scope);
	return result;
}

char *
model_group_label(const ModelTables *model, int64 centre_id, int64 group_id)
{
	Oid			types[2] = {INT8OID, INT8OID};
	Datum		values[2] = {Int64GetDatum(centre_id), Int64GetDatum(group_id)};
	char	   *name = lookup_text(model->class_groups_oid, InvalidOid,
								   psprintf("SELECT g.name FROM %s AS g WHERE g.centre_id OPERATOR(pg_catalog.=) $1"
											" AND g.id OPERATOR(pg_catalog.=) $2", model->class_groups),
								   2, types, values);

	return name ? psprintf("group \"%s\"", name) : psprintf("group " INT64_FORMAT, group_id);
}

char *
model_centre_label(const ModelTables *model, int64 centre_id)
{
	Oid			types[1] = {INT8OID};
	Datum		values[1] = {Int64GetDatum(centre_id)};
	char	   *name = lookup_text(model->centres_oid, InvalidOid,
								   psprintf("SELECT c.name FROM %s AS c WHERE c.id OPERATOR(pg_catalog.=) $1",
											model->centres),
								   1, types, values);

	return name ? psprintf("centre \"%s\"", name) : psprintf("centre " INT64_FORMAT, centre_id);
}

char *
model_teacher_label(const ModelTables *model, int64 teacher_id)
{
	Oid			types[1] = {INT8OID};
	Datum		values[1] = {Int64GetDatum(teacher_id)};
	char	   *name = lookup_text(model->teachers_oid, InvalidOid,
								   psprintf("SELECT t.name FROM %s AS t WHERE t.id OPERATOR(pg_catalog.=) $1",
											model->teachers),
								   1, types, values);

	return name ? psprintf("teacher \"%s\"", name) : psprintf("teacher " INT64_FORMAT, teacher_id);
}

char *
model_item_label(const ModelTables *model, int64 centre_id, int64 id, bool is_duty, bool with_group)
{
	Oid			types[2] = {INT8OID, INT8OID};
	Datum		values[2] = {Int64GetDatum(centre_id), Int64GetDatum(id)};
	char	   *label;

	if (is_duty)
	{
		label = lookup_text(model->duties_oid, InvalidOid,
							psprintf("SELECT pg_catalog.replace(d.kind::pg_catalog.text, '_', ' ') || ' duty'"
									 " FROM %s AS d WHERE d.centre_id OPERATOR(pg_catalog.=) $1"
									 " AND d.id OPERATOR(pg_catalog.=) $2", model->duties),
							2, types, values);
		return label ? psprintf("a %s", label) : psprintf("duty " INT64_FORMAT, id);
	}
	if (!with_group)
	{
		label = lookup_text(model->sessions_oid, InvalidOid,
							psprintf("SELECT pg_catalog.format('\"%%s\"', s.subject) FROM %s AS s"
									 " WHERE s.centre_id OPERATOR(pg_catalog.=) $1 AND s.id OPERATOR(pg_catalog.=) $2",
									 model->sessions),
							2, types, values);
		return label ? label : psprintf("session " INT64_FORMAT, id);
	}
	if (model->lessons == NULL)
		label = lookup_text(model->sessions_oid, model->class_groups_oid,
							psprintf("SELECT pg_catalog.format('\"%%s\" of group \"%%s\"', s.subject, g.name)"
									 " FROM %s AS s JOIN %s AS g ON g.centre_id OPERATOR(pg_catalog.=) s.centre_id"
									 " AND g.id OPERATOR(pg_catalog.=) s.group_id"
									 " WHERE s.centre_id OPERATOR(pg_catalog.=) $1 AND s.id OPERATOR(pg_catalog.=) $2",
									 model->sessions, model->class_groups),
							2, types, values);
	else
		/* a lesson's row: every group the lesson takes, '"Educació física" of groups "1r A", "1r B"' */
		label = lookup_text(model->sessions_oid, model->class_groups_oid,
							psprintf("SELECT pg_catalog.format('\"%%s\" of group%%s %%s', x.subject,"
									 "  CASE WHEN pg_catalog.count(*) OPERATOR(pg_catalog.>) 1 THEN 's' ELSE '' END,"
									 "  pg_catalog.string_agg(pg_catalog.format('\"%%s\"', x.name), ', ' ORDER BY x.name))"
									 " FROM (SELECT DISTINCT s.subject, g.name"
									 "  FROM %1$s AS s JOIN %1$s AS o ON o.centre_id OPERATOR(pg_catalog.=) s.centre_id"
									 "   AND (o.id OPERATOR(pg_catalog.=) s.id OR o.lesson_id OPERATOR(pg_catalog.=) s.lesson_id)"
									 "  JOIN %2$s AS g ON g.centre_id OPERATOR(pg_catalog.=) o.centre_id"
									 "   AND g.id OPERATOR(pg_catalog.=) o.group_id"
									 "  WHERE s.centre_id OPERATOR(pg_catalog.=) $1 AND s.id OPERATOR(pg_catalog.=) $2) AS x"
									 " GROUP BY x.subject",
									 model->sessions, model->class_groups),
							2, types, values);
	return label ? label : psprintf("session " INT64_FORMAT, id);
}
