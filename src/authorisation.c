/*
 * authorisation.c
 *		Whether a recorded authorisation sets a rule aside for a subject.
 */
#include "schooltime.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "nodes/makefuncs.h"
#include "storage/lockdefs.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "parser/parse_type.h"
#include "utils/regproc.h"

#include "authorisation.h"
#include "spi_util.h"

Oid
authorisation_table(const char *qualified_name, const char *trigger_name)
{
	List	   *names = SCHOOLTIME_QUALIFIED_NAME_LIST(qualified_name);
	RangeVar   *rv;
	Oid			relid;

	if (list_length(names) != 2)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("trigger \"%s\" names the authorisations table \"%s\" without its schema",
					   trigger_name, qualified_name),
				errhint("Write it schema-qualified, such as 'authorisations=timetables.authorisations'; schooltime never resolves names through search_path."));
	rv = makeRangeVarFromNameList(names);
	relid = RangeVarGetRelid(rv, NoLock, true);
	if (!OidIsValid(relid))
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_TABLE),
				errmsg("authorisations table \"%s\" named by trigger \"%s\" does not exist",
					   qualified_name, trigger_name));
	return relid;
}

/* The OID of the enum schooltime.regime. */
static Oid
regime_type_oid(void)
{
	static Oid	regime_type = InvalidOid;

	if (!OidIsValid(regime_type))
		regime_type = typenameTypeId(NULL, typeStringToTypeName("schooltime.regime"));
	return regime_type;
}

bool
authorisation_covers(Oid table, const char *rule, const AuthorisationSubject *subject)
{
	return authorisation_find(table, rule, subject) != 0;
}

int64
authorisation_find(Oid table, const char *rule, const AuthorisationSubject *subject)
{
	StringInfoData query;
	Oid			argtypes[7];
	Datum		values[7];
	char		nulls[7] = "       ";
	int			nargs = 0;
	int64		found = 0;
	SpiScope	scope;
	char		year[10];

	snprintf(year, sizeof(year), "%04d-%04d", subject->school_year, subject->school_year + 1);
	initStringInfo(&query);
	appendStringInfo(&query,
					 "SELECT a.id FROM %s AS a WHERE a.rule OPERATOR(pg_catalog.=) $1"
					 " AND a.centre_id OPERATOR(pg_catalog.=) $2"
					 " AND a.school_year::pg_catalog.text OPERATOR(pg_catalog.=) $3"
					 " AND ((a.group_id IS NULL AND a.session_id IS NULL AND a.outing_id IS NULL)",
					 qualified_relation_name(table));
	argtypes[0] = TEXTOID;
	values[0] = CStringGetTextDatum(rule);
	argtypes[1] = subject->centre_type;
	values[1] = subject->centre;
	argtypes[2] = TEXTOID;
	values[2] = CStringGetTextDatum(year);
	nargs = 3;
	if (subject->has_group)
	{
		appendStringInfo(&query, " OR a.group_id OPERATOR(pg_catalog.=) $%d", nargs + 1);
		argtypes[nargs] = subject->group_type;
		values[nargs++] = subject->group;
	}
	if (subject->nsessions > 0)
	{
		int16		typlen;
		bool		typbyval;
		char		typalign;

		get_typlenbyvalalign(subject->session_type, &typlen, &typbyval, &typalign);
		appendStringInfo(&query, " OR a.session_id OPERATOR(pg_catalog.=) ANY ($%d)", nargs + 1);
		argtypes[nargs] = get_array_type(subject->session_type);
		values[nargs++] = PointerGetDatum(construct_array(subject->sessions, subject->nsessions,
														  subject->session_type,
														  typlen, typbyval, typalign));
	}
	if (subject->has_outing)
	{
		appendStringInfo(&query, " OR a.outing_id OPERATOR(pg_catalog.=) $%d", nargs + 1);
		argtypes[nargs] = subject->outing_type;
		values[nargs++] = subject->outing;
	}
	appendStringInfoChar(&query, ')');
	/* the exception must exist for the group's regime (an authorisation of a
	 * session may be recorded before the session, so its guard could not tell) */
	if (OidIsValid(subject->regime))
	{
		appendStringInfo(&query, " AND EXISTS (SELECT FROM schooltime.rule_exceptions AS e"
						 " WHERE e.rule OPERATOR(pg_catalog.=) a.rule"
						 " AND (e.regimes IS NULL OR $%d OPERATOR(pg_catalog.=) ANY (e.regimes)))", nargs + 1);
		argtypes[nargs] = regime_type_oid();
		values[nargs++] = ObjectIdGetDatum(subject->regime);
	}
	/* the most specific first: a session's, then the group's, then the centre's */
	appendStringInfoString(&query, " ORDER BY a.session_id IS NULL, a.group_id IS NULL, a.id LIMIT 1");

	/* looked up for every finding a rule may set aside: its plans are kept */
	spi_scope_begin_keeping(&scope, true, InvalidOid);
	spi_exec_args_checked(query.data, nargs, argtypes, values, nulls, SPI_OK_SELECT);
	if (SPI_processed > 0)
	{
		bool		isnull;

		found = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	}
	spi_scope_end(&scope);
	return found;
}

int64
authorisation_of_session(Oid table, const char *rule, int64 centre_id, int64 group_id, int64 session_id,
						 int school_year, Oid regime)
{
	AuthorisationSubject who;
	Datum		session = Int64GetDatum(session_id);

	memset(&who, 0, sizeof(who));
	who.centre = Int64GetDatum(centre_id);
	who.centre_type = INT8OID;
	who.school_year = school_year;
	who.regime = regime;
	who.has_group = true;
	who.group = Int64GetDatum(group_id);
	who.group_type = INT8OID;
	if (session_id != 0)
	{
		who.nsessions = 1;
		who.sessions = &session;
		who.session_type = INT8OID;
	}
	return authorisation_find(table, rule, &who);
}
