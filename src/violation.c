/*
 * violation.c
 *		How schooltime reports a broken rule.
 *
 * Naming the group costs a query, so it happens only once a rule is
 * already broken: the path that accepts a row never pays for it.
 */
#include "schooltime.h"

#include "access/htup_details.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "nodes/pg_list.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/relcache.h"

#include "spi_util.h"
#include "violation.h"

/*
 * The texts come already worded in the session's language (findings.c,
 * row_findings.c...), so they are passed through as they are.  PostgreSQL
 * 15 has no errhint_internal: a format held in a variable keeps xgettext
 * from taking "%s" for a message.
 */
void
raise_violation(Relation rel, const char *rule, const char *message,
				const char *detail, const char *hint)
{
	const char *as_is = "%s";

	ereport(ERROR,
			errcode(ERRCODE_CHECK_VIOLATION),
			errmsg_internal("%s", message),
			detail ? errdetail_internal("%s", detail) : 0,
			hint ? errhint(as_is, hint) : 0,
			rel ? errtableconstraint(rel, rule) : 0);
	pg_unreachable();
}

char *
format_minute_of_day(int minutes)
{
	return psprintf("%02d:%02d", minutes / 60, minutes % 60);
}

/* Section numbers get their word; a citation such as an order stands alone. */
char *
format_sections(const char *sections)
{
	if (sections[0] < '0' || sections[0] > '9')
		return pstrdup(sections);
	return psprintf(strchr(sections, ',') ? _("sections %s") : _("section %s"), sections);
}

static char *
datum_text(Datum value, Oid type)
{
	Oid			output;
	bool		varlena;

	getTypeOutputInfo(type, &output, &varlena);
	return OidOutputFunctionCall(output, value);
}

/*
 * Looks the label up through the foreign key that covers attno, matching
 * every column of that key, so that ids unique only within a centre still
 * find the right row.
 */
static char *
lookup_label(Relation rel, HeapTuple tuple, AttrNumber attno, const char *label_column)
{
	TupleDesc	desc = RelationGetDescr(rel);
	ListCell   *lc;

	foreach(lc, RelationGetFKeyList(rel))
	{
		ForeignKeyCacheInfo *fk = lfirst(lc);
		AttrNumber	label_attno;
		StringInfoData query;
		Oid			argtypes[INDEX_MAX_KEYS];
		Datum		values[INDEX_MAX_KEYS];
		char	   *result = NULL;
		SpiScope	scope;
		MemoryContext caller_context = CurrentMemoryContext;
		bool		covers = false;
		int			i;

		for (i = 0; i < fk->nkeys; i++)
			covers |= (fk->conkey[i] == attno);
		if (!covers)
			continue;

		label_attno = get_attnum(fk->confrelid, label_column);
		if (label_attno == InvalidAttrNumber ||
			pg_class_aclcheck(fk->confrelid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
			return NULL;

		initStringInfo(&query);
		appendStringInfo(&query, "SELECT %s::pg_catalog.text FROM %s WHERE ",
						 quote_identifier(label_column),
						 qualified_relation_name(fk->confrelid));
		for (i = 0; i < fk->nkeys; i++)
		{
			bool		isnull;
			Form_pg_attribute attr = TupleDescAttr(desc, fk->conkey[i] - 1);

			values[i] = heap_getattr(tuple, fk->conkey[i], desc, &isnull);
			if (isnull)
				return NULL;
			argtypes[i] = attr->atttypid;
			appendStringInfo(&query, "%s%s OPERATOR(pg_catalog.=) $%d",
							 i > 0 ? " AND " : "",
							 quote_identifier(get_attname(fk->confrelid, fk->confkey[i], false)),
							 i + 1);
		}
		appendStringInfoString(&query, " LIMIT 1");

		spi_scope_begin(&scope);
		spi_exec_args_checked(query.data, fk->nkeys, argtypes, values, NULL, SPI_OK_SELECT);
		if (SPI_processed == 1)
		{
			char	   *label = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

			if (label != NULL)
				result = MemoryContextStrdup(caller_context, label);
		}
		spi_scope_end(&scope);
		return result;
	}
	return NULL;
}

char *
describe_referenced(Relation rel, HeapTuple tuple, AttrNumber attno,
					const ReferenceWords *words, const char *label_column)
{
	TupleDesc	desc = RelationGetDescr(rel);
	bool		isnull;
	Datum		value;
	char	   *label;

	if (attno == InvalidAttrNumber)
		return pstrdup(words->unknown);
	value = heap_getattr(tuple, attno, desc, &isnull);
	if (isnull)
		return pstrdup(words->unknown);
	label = label_column ? lookup_label(rel, tuple, attno, label_column) : NULL;
	if (label != NULL)
		return psprintf(words->named, label);
	label = datum_text(value, TupleDescAttr(desc, attno - 1)->atttypid);
	/* a number names itself; any other key reads better quoted */
	if (strspn(label, "0123456789") == strlen(label))
		return psprintf(words->numbered, label);
	return psprintf(words->named, label);
}
