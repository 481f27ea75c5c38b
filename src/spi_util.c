/*
 * spi_util.c
 *		SPI with a pinned search_path, and plans kept for small statements.
 *
 * See spi_util.h.  Kept plans live in a list of this backend, one per query
 * text, argument types and relation whose transition tables the query
 * reads (a transition table of sessions and one of duties may have the same
 * name and different columns).  PostgreSQL's plan cache already plans a
 * kept query again when a relation it reads changes; on top of that, any
 * invalidation of one of those relations (ALTER TABLE, upgrade_model(),
 * CREATE INDEX, ANALYZE) or of every relation drops all kept plans, so that
 * no plan outlives the model it was made for and the list stays small.
 */
#include "schooltime.h"

#include "access/xact.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/plancache.h"

#include "spi_util.h"

typedef struct KeptPlan
{
	uint32		hash;
	Oid			transition_relid;
	int			nargs;
	Oid		   *argtypes;
	char	   *query;
	SPIPlanPtr	plan;
	struct KeptPlan *next;
} KeptPlan;

/* More distinct queries than this is not a working set: start again. */
#define MAX_KEPT_PLANS 256

static MemoryContext KeptPlansContext = NULL;
static KeptPlan *kept_plans = NULL;
static int	nkept = 0;
static Oid *watched = NULL;		/* the relations kept plans read */
static int	nwatched = 0;
static int	watched_capacity = 0;
static bool kept_plans_stale = false;

/* schooltime.keep_plans: off, every scope plans its queries afresh (to compare, or if a kept plan ever misleads) */
static bool keep_plans_enabled = true;

/* The innermost scope's choice; back to planning afresh at any abort. */
static bool scope_keeps_plans = false;
static Oid	scope_transition_relid = InvalidOid;

static void
kept_plans_invalidate(Datum arg, Oid relid)
{
	int			i;

	if (nkept == 0)
		return;
	if (!OidIsValid(relid))
	{
		kept_plans_stale = true;
		return;
	}
	for (i = 0; i < nwatched; i++)
		if (watched[i] == relid)
		{
			kept_plans_stale = true;
			return;
		}
}

static void
kept_plans_drop(void)
{
	KeptPlan   *p;

	for (p = kept_plans; p; p = p->next)
		SPI_freeplan(p->plan);
	kept_plans = NULL;
	nkept = 0;
	nwatched = 0;
	watched_capacity = 0;
	watched = NULL;
	MemoryContextReset(KeptPlansContext);
	kept_plans_stale = false;
}

static void
scope_reset(void)
{
	scope_keeps_plans = false;
	scope_transition_relid = InvalidOid;
}

static void
kept_plans_xact(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT)
		scope_reset();
}

static void
kept_plans_subxact(SubXactEvent event, SubTransactionId mySubid, SubTransactionId parentSubid, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
		scope_reset();
}

void
kept_plans_init(void)
{
	KeptPlansContext = AllocSetContextCreate(TopMemoryContext, "schooltime kept plans", ALLOCSET_SMALL_SIZES);
	CacheRegisterRelcacheCallback(kept_plans_invalidate, (Datum) 0);
	RegisterXactCallback(kept_plans_xact, NULL);
	RegisterSubXactCallback(kept_plans_subxact, NULL);
	DefineCustomBoolVariable("schooltime.keep_plans",
							 "Whether schooltime's checks of small statements run plans the backend keeps.",
							 "Off, they plan every query afresh in every statement, as 0.2 did; what is refused is the same.",
							 &keep_plans_enabled,
							 true,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
}

int
kept_plans_count(void)
{
	if (kept_plans_stale)
		kept_plans_drop();
	return nkept;
}

static void
watch(Oid relid)
{
	int			i;

	for (i = 0; i < nwatched; i++)
		if (watched[i] == relid)
			return;
	if (nwatched == watched_capacity)
	{
		watched_capacity = watched_capacity ? watched_capacity * 2 : 16;
		watched = watched ? repalloc(watched, sizeof(Oid) * watched_capacity)
			: MemoryContextAlloc(KeptPlansContext, sizeof(Oid) * watched_capacity);
	}
	watched[nwatched++] = relid;
}

/*
 * The kept plan of query in the current scope, prepared now if it is new.
 * A plan whose relations changed is still right (the plan cache plans it
 * again); it is dropped only when the outermost scope that keeps plans
 * begins, when none can be running.
 */
static SPIPlanPtr
kept_plan(const char *query, int nargs, Oid *argtypes)
{
	uint32		hash = hash_bytes((const unsigned char *) query, strlen(query));
	KeptPlan   *p;
	SPIPlanPtr	plan;
	ListCell   *lc;

	for (p = kept_plans; p; p = p->next)
		if (p->hash == hash && p->transition_relid == scope_transition_relid && p->nargs == nargs &&
			(nargs == 0 || memcmp(p->argtypes, argtypes, sizeof(Oid) * nargs) == 0) &&
			strcmp(p->query, query) == 0)
			return p->plan;

	plan = SPI_prepare(query, nargs, argtypes);
	if (plan == NULL)
		elog(ERROR, "schooltime query could not be prepared (%s): %s", SPI_result_code_string(SPI_result), query);
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "schooltime could not keep the plan of: %s", query);
	p = MemoryContextAllocZero(KeptPlansContext, sizeof(KeptPlan));
	p->hash = hash;
	p->transition_relid = scope_transition_relid;
	p->nargs = nargs;
	if (nargs > 0)
	{
		p->argtypes = MemoryContextAlloc(KeptPlansContext, sizeof(Oid) * nargs);
		memcpy(p->argtypes, argtypes, sizeof(Oid) * nargs);
	}
	p->query = MemoryContextStrdup(KeptPlansContext, query);
	p->plan = plan;
	p->next = kept_plans;
	kept_plans = p;
	nkept++;
	/* a transition table is no relation of the plan's, but has its relation's columns */
	if (OidIsValid(scope_transition_relid))
		watch(scope_transition_relid);
	foreach(lc, SPI_plan_get_plan_sources(plan))
	{
		CachedPlanSource *source = (CachedPlanSource *) lfirst(lc);
		ListCell   *rc;

		foreach(rc, source->relationOids)
			watch(lfirst_oid(rc));
	}
	return plan;
}

void
spi_scope_begin(SpiScope *scope)
{
	spi_scope_begin_keeping(scope, false, InvalidOid);
}

void
spi_scope_begin_keeping(SpiScope *scope, bool keep_plans, Oid transition_relid)
{
	keep_plans = keep_plans && keep_plans_enabled;
	if (keep_plans && !scope_keeps_plans && (kept_plans_stale || nkept >= MAX_KEPT_PLANS))
		kept_plans_drop();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* as fmgr does for a function with SET search_path */
	scope->guc_nest_level = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	scope->keep_plans = keep_plans;
	scope->transition_relid = transition_relid;
	scope->outer_keep_plans = scope_keeps_plans;
	scope->outer_transition_relid = scope_transition_relid;
	scope_keeps_plans = keep_plans;
	scope_transition_relid = transition_relid;
}

void
spi_scope_end(SpiScope *scope)
{
	scope_keeps_plans = scope->outer_keep_plans;
	scope_transition_relid = scope->outer_transition_relid;
	AtEOXact_GUC(true, scope->guc_nest_level);
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
}

void
spi_exec_checked(const char *query, int expected)
{
	int			result = scope_keeps_plans
		? SPI_execute_plan(kept_plan(query, 0, NULL), NULL, NULL, false, 0)
		: SPI_execute(query, false, 0);

	if (result != expected)
		elog(ERROR, "schooltime query failed (%s): %s", SPI_result_code_string(result), query);
}

void
spi_exec_args_checked(const char *query, int nargs, Oid *argtypes,
					  Datum *values, const char *nulls, int expected)
{
	int			result = scope_keeps_plans
		? SPI_execute_plan(kept_plan(query, nargs, argtypes), values, nulls, false, 0)
		: SPI_execute_with_args(query, nargs, argtypes, values, nulls, false, 0);

	if (result != expected)
		elog(ERROR, "schooltime query failed (%s): %s", SPI_result_code_string(result), query);
}

Portal
spi_cursor_open_checked(const char *query, int nargs, Oid *argtypes, Datum *values, const char *nulls)
{
	Portal		portal = scope_keeps_plans
		? SPI_cursor_open(NULL, kept_plan(query, nargs, argtypes), values, nulls, true)
		: SPI_cursor_open_with_args(NULL, query, nargs, argtypes, values, nulls, true, 0);

	if (portal == NULL)
		elog(ERROR, "could not open cursor for: %s", query);
	return portal;
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

PG_FUNCTION_INFO_V1(schooltime_kept_plans);

/* schooltime.kept_plans(): how many plans this backend keeps. */
Datum
schooltime_kept_plans(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(kept_plans_count());
}
