/*
 * spi_util.c
 *		SPI with a pinned search_path.
 */
#include "schooltime.h"

#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"

#include "spi_util.h"

void
spi_scope_begin(SpiScope *scope)
{
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* as fmgr does for a function with SET search_path */
	scope->guc_nest_level = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
}

void
spi_scope_end(SpiScope *scope)
{
	AtEOXact_GUC(true, scope->guc_nest_level);
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
}

void
spi_exec_checked(const char *query, int expected)
{
	int			result = SPI_execute(query, false, 0);

	if (result != expected)
		elog(ERROR, "schooltime query failed (%s): %s", SPI_result_code_string(result), query);
}

void
spi_exec_args_checked(const char *query, int nargs, Oid *argtypes,
					  Datum *values, const char *nulls, int expected)
{
	int			result = SPI_execute_with_args(query, nargs, argtypes, values, nulls, false, 0);

	if (result != expected)
		elog(ERROR, "schooltime query failed (%s): %s", SPI_result_code_string(result), query);
}

char *
qualified_relation_name(Oid relid)
{
	char	   *relname = get_rel_name(relid);
	char	   *nspname = get_namespace_name(get_rel_namespace(relid));

	if (relname == NULL || nspname == NULL)
		elog(ERROR, "cache lookup failed for relation %u", relid);
	return quote_qualified_identifier(nspname, relname);
}
