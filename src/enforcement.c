/*
 * enforcement.c
 *		The one switch that turns schooltime's checks off, and its record.
 */
#include "schooltime.h"

#include "access/relation.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "nodes/pg_list.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"

#include "enforcement.h"
#include "spi_util.h"

bool		schooltime_enforce = true;

/* Tables whose unchecked writes this transaction already recorded. */
static List *recorded_relids = NIL;
static TransactionId recorded_in = InvalidTransactionId;

void
enforcement_init(void)
{
	DefineCustomBoolVariable("schooltime.enforce",
							 "Whether schooltime's triggers check the writes they see.",
							 "Only a superuser may turn it off; every write let through while it is off is recorded in schooltime.unchecked_writes.",
							 &schooltime_enforce,
							 true,
							 PGC_SUSET,
							 0,
							 NULL, NULL, NULL);
}

bool
enforcement_on(Relation rel, const char *operation)
{
	TransactionId xid;
	SpiScope	scope;
	Oid			types[2] = {OIDOID, TEXTOID};
	Datum		values[2];
	MemoryContext old;

	if (schooltime_enforce)
		return true;

	xid = GetTopTransactionId();
	if (xid != recorded_in)
	{
		/* a new transaction: forget the last one's tables (its memory is gone) */
		recorded_relids = NIL;
		recorded_in = xid;
	}
	if (list_member_oid(recorded_relids, RelationGetRelid(rel)))
		return false;

	values[0] = ObjectIdGetDatum(RelationGetRelid(rel));
	values[1] = CStringGetTextDatum(operation);
	spi_scope_begin(&scope);
	spi_exec_args_checked("SELECT schooltime.record_unchecked_write($1, $2)", 2, types, values, NULL,
						  SPI_OK_SELECT);
	spi_scope_end(&scope);

	old = MemoryContextSwitchTo(TopTransactionContext);
	recorded_relids = lappend_oid(recorded_relids, RelationGetRelid(rel));
	MemoryContextSwitchTo(old);
	return false;
}

PG_FUNCTION_INFO_V1(schooltime_enforcement_on);

/* SQL face of enforcement_on, for triggers written in PL/pgSQL. */
Datum
schooltime_enforcement_on(PG_FUNCTION_ARGS)
{
	Oid			relid = PG_GETARG_OID(0);
	char	   *operation = text_to_cstring(PG_GETARG_TEXT_PP(1));
	Relation	rel;
	bool		on;

	if (schooltime_enforce)
		PG_RETURN_BOOL(true);
	rel = relation_open(relid, AccessShareLock);
	on = enforcement_on(rel, operation);
	relation_close(rel, AccessShareLock);
	PG_RETURN_BOOL(on);
}
