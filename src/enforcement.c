/*
 * enforcement.c
 *		The one switch that turns schooltime's checks off, and its record.
 */
#include "schooltime.h"

#include "access/htup_details.h"
#include "access/relation.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "commands/event_trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "nodes/pg_list.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"

#include "enforcement.h"
#include "spi_util.h"

bool		schooltime_enforce = true;

/*
 * Tables whose unchecked writes this transaction already recorded, each
 * with the subtransaction that wrote the record: a record rolled back with
 * its savepoint is forgotten, so that the next unchecked write of the
 * table is recorded again (subtransaction_aborted).
 */
typedef struct RecordedWrite
{
	Oid			relid;
	SubTransactionId subid;
} RecordedWrite;

static List *recorded_writes = NIL;
static TransactionId recorded_in = InvalidTransactionId;

static void
subtransaction_aborted(SubXactEvent event, SubTransactionId mySubid,
					   SubTransactionId parentSubid, void *arg)
{
	ListCell   *cell;

	if (event != SUBXACT_EVENT_ABORT_SUB || recorded_writes == NIL)
		return;
	/*
	 * Subtransactions nest, and their ids grow: every record made since the
	 * aborted one began has an id at least its own, and was rolled back.
	 */
	foreach(cell, recorded_writes)
	{
		RecordedWrite *w = (RecordedWrite *) lfirst(cell);

		if (w->subid >= mySubid)
			recorded_writes = foreach_delete_current(recorded_writes, cell);
	}
}

/* The list lives in TopTransactionContext: forget it when that goes. */
static void
transaction_ended(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			recorded_writes = NIL;
			recorded_in = InvalidTransactionId;
			break;
		default:
			break;
	}
}

static bool
already_recorded(Oid relid)
{
	ListCell   *cell;

	foreach(cell, recorded_writes)
		if (((RecordedWrite *) lfirst(cell))->relid == relid)
			return true;
	return false;
}

void
enforcement_init(void)
{
	RegisterXactCallback(transaction_ended, NULL);
	RegisterSubXactCallback(subtransaction_aborted, NULL);
	DefineCustomBoolVariable("schooltime.enforce",
							 "Whether schooltime's triggers check the writes they see.",
							 "Only a superuser may turn it off; every write let through while it is off is recorded in schooltime.unchecked_writes.",
							 &schooltime_enforce,
							 true,
							 PGC_SUSET,
							 0,
							 NULL, NULL, NULL);
}

/*
 * The record is written by schooltime itself, as the owner of
 * schooltime.unchecked_writes (the extension's owner), so that the writer
 * whose write went unchecked cannot write, change or erase records.  The
 * writer's own name is taken before the switch, so by_user is who wrote,
 * not who owns the table.  SECURITY_RESTRICTED_OPERATION forbids SET ROLE
 * and the like for the duration, and the SQL, fixed here, runs with
 * search_path pinned to pg_catalog, pg_temp and names every object with
 * its schema.  Nothing else runs with the owner's rights: this is why no
 * function of schooltime is SECURITY DEFINER.
 */
typedef struct RecordScope
{
	Oid			save_userid;
	int			save_sec_context;
	SpiScope	spi;
} RecordScope;

static void
record_scope_begin(RecordScope *scope, Datum *writer, Datum *session_writer)
{
	Oid			nsp = get_namespace_oid(SCHOOLTIME_SCHEMA, false);
	Oid			relid = get_relname_relid("unchecked_writes", nsp);
	HeapTuple	tuple;
	Oid			owner;

	if (!OidIsValid(relid))
		elog(ERROR, "table schooltime.unchecked_writes is missing");
	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tuple))->relowner;
	ReleaseSysCache(tuple);

	*writer = CStringGetTextDatum(GetUserNameFromId(GetUserId(), false));
	*session_writer = CStringGetTextDatum(GetUserNameFromId(GetSessionUserId(), false));
	GetUserIdAndSecContext(&scope->save_userid, &scope->save_sec_context);
	SetUserIdAndSecContext(owner, scope->save_sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);
	spi_scope_begin(&scope->spi);
}

static void
record_scope_end(RecordScope *scope)
{
	spi_scope_end(&scope->spi);
	SetUserIdAndSecContext(scope->save_userid, scope->save_sec_context);
}

/* Records that a write of relid went unchecked because schooltime.enforce was off. */
static void
record_unchecked_write(Oid relid, const char *operation)
{
	RecordScope scope;
	Oid			types[4] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID};
	Datum		values[4];

	record_scope_begin(&scope, &values[0], &values[1]);
	values[2] = CStringGetTextDatum(qualified_relation_name(relid));
	values[3] = CStringGetTextDatum(psprintf("unchecked %s", operation));
	spi_exec_args_checked("INSERT INTO schooltime.unchecked_writes (by_user, session_user_name, relation, event)"
						  " VALUES ($1, $2, $3, $4)", 4, types, values, NULL, SPI_OK_INSERT);
	record_scope_end(&scope);
}

bool
enforcement_on(Relation rel, const char *operation)
{
	TransactionId xid;
	MemoryContext old;

	if (schooltime_enforce)
		return true;

	xid = GetTopTransactionId();
	if (xid != recorded_in)
	{
		/* a new transaction: forget the last one's tables (its memory is gone) */
		recorded_writes = NIL;
		recorded_in = xid;
	}
	if (already_recorded(RelationGetRelid(rel)))
		return false;

	record_unchecked_write(RelationGetRelid(rel), operation);

	old = MemoryContextSwitchTo(TopTransactionContext);
	{
		RecordedWrite *w = palloc(sizeof(RecordedWrite));

		w->relid = RelationGetRelid(rel);
		w->subid = GetCurrentSubTransactionId();
		recorded_writes = lappend(recorded_writes, w);
	}
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

PG_FUNCTION_INFO_V1(schooltime_record_trigger_switches);

/*
 * Event trigger at the end of ALTER TABLE: records every schooltime
 * trigger the command switched off or on.  A trigger is off when it is
 * disabled ('D') or set to fire only on replicas ('R', ENABLE REPLICA
 * TRIGGER), since an ordinary session then never fires it; it is on when
 * it fires by origin ('O') or always ('A').  Only a change of state since
 * the last record is recorded, so that ALTER TABLE of other kinds (ADD
 * COLUMN...) records nothing.
 */
Datum
schooltime_record_trigger_switches(PG_FUNCTION_ARGS)
{
	RecordScope scope;
	Oid			types[2] = {TEXTOID, TEXTOID};
	Datum		values[2];

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_EVENT_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("schooltime.record_trigger_switches() can only be called by an event trigger"));

	record_scope_begin(&scope, &values[0], &values[1]);
	spi_exec_args_checked(
		"INSERT INTO schooltime.unchecked_writes (by_user, session_user_name, relation, event, trigger_name)"
		" SELECT $1, $2, t.tgrelid::pg_catalog.regclass::pg_catalog.text,"
		"        CASE WHEN t.tgenabled OPERATOR(pg_catalog.=) ANY (ARRAY['D', 'R']::pg_catalog.\"char\"[])"
		"             THEN 'trigger disabled' ELSE 'trigger enabled' END, t.tgname"
		" FROM pg_catalog.pg_event_trigger_ddl_commands() AS c"
		" JOIN pg_catalog.pg_trigger AS t ON t.tgrelid OPERATOR(pg_catalog.=) c.objid"
		" JOIN pg_catalog.pg_proc AS p ON p.oid OPERATOR(pg_catalog.=) t.tgfoid"
		" WHERE c.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass"
		"   AND c.command_tag OPERATOR(pg_catalog.=) 'ALTER TABLE'"
		"   AND p.pronamespace OPERATOR(pg_catalog.=) 'schooltime'::pg_catalog.regnamespace"
		"   AND NOT t.tgisinternal"
		/* only a change of state: off now and not last recorded so, or the reverse */
		"   AND (t.tgenabled OPERATOR(pg_catalog.=) ANY (ARRAY['D', 'R']::pg_catalog.\"char\"[]))"
		"       IS DISTINCT FROM COALESCE("
		"         (SELECT w.event OPERATOR(pg_catalog.=) 'trigger disabled' FROM schooltime.unchecked_writes AS w"
		"          WHERE w.relation OPERATOR(pg_catalog.=) t.tgrelid::pg_catalog.regclass::pg_catalog.text"
		"            AND w.trigger_name OPERATOR(pg_catalog.=) t.tgname"
		"          ORDER BY w.id DESC LIMIT 1), false)"
		/* one ALTER TABLE may switch several triggers: record them in a fixed order */
		" ORDER BY t.tgrelid::pg_catalog.regclass::pg_catalog.text, t.tgname",
		2, types, values, NULL, SPI_OK_INSERT);
	record_scope_end(&scope);
	PG_RETURN_VOID();
}
