/*
 * outing_trigger.c
 *		Enforcing the outing rules when an outing is written.
 *
 * An outing lives in several tables (outings, outing_groups,
 * outing_escorts, outing_pupils) and is entered over several statements,
 * so it can only be judged whole: schooltime.outing_rules() is a
 * DEFERRABLE INITIALLY DEFERRED constraint trigger on each of them, and
 * judges at COMMIT the outing a changed row belongs to.
 *
 * Constraint triggers fire once per changed row, so an outing entered with
 * forty pupils would be judged forty times.  It is judged once: the first
 * firing judges the outing as it stands and remembers it, and the firings
 * after it skip it, for as long as nothing could have changed it.  What
 * could change it is a statement on one of the tables the judgement reads:
 * each of them carries schooltime.outing_changed(), a BEFORE STATEMENT
 * trigger that moves a generation counter on, and an outing is skipped only
 * if it was judged in the current generation.  This covers SET CONSTRAINTS
 * ... IMMEDIATE (a statement after it is judged again at its end) and
 * ROLLBACK TO SAVEPOINT (a rolled-back subtransaction moves the counter on
 * too, since the rows it judged may be gone).  The set of judged outings
 * lives in TopTransactionContext and is forgotten at the end of every
 * transaction.
 *
 * Two transactions writing the same outing are judged one after the other:
 * the judgement locks the outing's row first, then reads the latest
 * committed state (outing_judge.c).
 */
#include "schooltime.h"

#include "access/relation.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "enforcement.h"

#include "outing_judge.h"
#include "violation.h"

PG_FUNCTION_INFO_V1(schooltime_outing_rules);
PG_FUNCTION_INFO_V1(schooltime_outing_changed);
PG_FUNCTION_INFO_V1(schooltime_outing_truncated);

typedef struct JudgedKey
{
	Oid			outings;		/* the model's outings table */
	int64		centre_id;
	int64		outing_id;
} JudgedKey;

typedef struct JudgedEntry
{
	JudgedKey	key;
	uint64		generation;		/* when it was last judged and found compliant */
} JudgedEntry;

/* Moves on with every statement that may change an outing; never goes back. */
static uint64 generation = 1;
/* Outings judged in this transaction; NULL until the first one. */
static HTAB *judged = NULL;
static bool callbacks_registered = false;

static void
outing_xact_callback(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			/* the table lived in TopTransactionContext, which goes now */
			judged = NULL;
			break;
		default:
			break;
	}
}

static void
outing_subxact_callback(SubXactEvent event, SubTransactionId subid,
						SubTransactionId parent_subid, void *arg)
{
	/* what was judged inside may have been rolled back: judge again */
	if (event == SUBXACT_EVENT_ABORT_SUB)
		generation++;
}

/* Registered on first use rather than in _PG_init: nothing to forget before. */
static void
register_callbacks(void)
{
	if (callbacks_registered)
		return;
	RegisterXactCallback(outing_xact_callback, NULL);
	RegisterSubXactCallback(outing_subxact_callback, NULL);
	callbacks_registered = true;
}

static JudgedKey
judged_key(const OutingModel *model, int64 centre_id, int64 outing_id)
{
	JudgedKey	key;

	memset(&key, 0, sizeof(key));
	key.outings = model->outings;
	key.centre_id = centre_id;
	key.outing_id = outing_id;
	return key;
}

static bool
judged_in_this_generation(const JudgedKey *key)
{
	JudgedEntry *entry;

	if (judged == NULL)
		return false;
	entry = hash_search(judged, key, HASH_FIND, NULL);
	return entry != NULL && entry->generation == generation;
}

static void
remember_judged(const JudgedKey *key, uint64 judged_generation)
{
	JudgedEntry *entry;

	if (judged == NULL)
	{
		HASHCTL		ctl;

		memset(&ctl, 0, sizeof(ctl));
		ctl.keysize = sizeof(JudgedKey);
		ctl.entrysize = sizeof(JudgedEntry);
		ctl.hcxt = TopTransactionContext;
		judged = hash_create("schooltime judged outings", 64, &ctl,
							 HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	entry = hash_search(judged, key, HASH_ENTER, NULL);
	entry->generation = judged_generation;
}

/*
 * Raises the first violation that refuses the write, saying how many more
 * the outing has.
 */
static void
raise_first(const OutingModel *model, List *violations)
{
	ListCell   *lc;
	OutingViolation *first = NULL;
	int			more = 0;

	foreach(lc, violations)
	{
		OutingViolation *v = lfirst(lc);

		if (!outing_violation_refuses(v))
			continue;
		if (first == NULL)
			first = v;
		else
			more++;
	}
	if (first == NULL)
		return;
	raise_violation(relation_open(model->outings, AccessShareLock), first->rule, first->message,
					more == 0 ? first->detail
					: psprintf("%s %s", first->detail,
							   psprintf(_n("The outing has %d more violation; schooltime.outing_violations(%s, %lld) lists it.",
										   "The outing has %d more violations; schooltime.outing_violations(%s, %lld) lists them.",
										   more),
										more, quote_literal_cstr(model->schema_name), (long long) first->outing_id)),
					first->hint);
}

/* Judges an outing unless it was judged since anything could change it. */
static void
judge_outing(const OutingModel *model, int64 centre_id, int64 outing_id)
{
	JudgedKey	key = judged_key(model, centre_id, outing_id);
	uint64		judged_generation = generation;
	List	   *violations;
	bool		exists;

	if (judged_in_this_generation(&key))
		return;
	ereport(DEBUG1,
			errmsg_internal("schooltime: judging outing " INT64_FORMAT " of centre " INT64_FORMAT " in schema %s",
							outing_id, centre_id, model->schema_name));
	violations = outing_judge(model, centre_id, outing_id, true, &exists);
	if (!exists)
		return;					/* deleted: nothing left to judge */
	raise_first(model, violations);
	remember_judged(&key, judged_generation);
}

/* ---------------------------------------------------------------------
 * schooltime.outing_rules(): the constraint trigger
 */

typedef enum TriggerMode
{
	MODE_OUTING,				/* the row names an outing: (centre_id, outing_id) */
	MODE_GROUP,					/* a class group: the outings it takes part in */
	MODE_CENTRE					/* a centre: all its outings */
} TriggerMode;

typedef struct RulesState
{
	Oid			tgoid;
	TriggerMode mode;
	AttrNumber	centre_attno;	/* MODE_CENTRE: the key itself */
	AttrNumber	key_attno;
	OutingModel model;
} RulesState;

static AttrNumber
bigint_column(Relation rel, Trigger *trigger, const char *name)
{
	AttrNumber	attno = SPI_fnumber(RelationGetDescr(rel), name);

	if (attno <= 0)
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_COLUMN),
				errmsg("table \"%s\" has no column \"%s\" for trigger \"%s\"",
					   RelationGetRelationName(rel), name, trigger->tgname),
				errdetail("schooltime.outing_rules() reads the key of the outing, group or centre a row belongs to."));
	if (TupleDescAttr(RelationGetDescr(rel), attno - 1)->atttypid != INT8OID)
		ereport(ERROR,
				errcode(ERRCODE_DATATYPE_MISMATCH),
				errmsg("column \"%s\" of table \"%s\" has type %s, but trigger \"%s\" needs bigint",
					   name, RelationGetRelationName(rel),
					   format_type_be(TupleDescAttr(RelationGetDescr(rel), attno - 1)->atttypid),
					   trigger->tgname));
	return attno;
}

static RulesState *
rules_state(FunctionCallInfo fcinfo, TriggerData *trigdata)
{
	RulesState *state = (RulesState *) fcinfo->flinfo->fn_extra;
	Relation	rel = trigdata->tg_relation;
	Trigger    *trigger = trigdata->tg_trigger;
	const char *key_column = "outing_id";
	TriggerMode mode = MODE_OUTING;

	if (state != NULL && state->tgoid == trigger->tgoid)
		return state;

	if (trigger->tgnargs > 1)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("trigger \"%s\" on table \"%s\" has more than one argument",
					   trigger->tgname, RelationGetRelationName(rel)),
				errdetail("schooltime.outing_rules() takes at most one argument: 'outing=column', 'group=column' or 'centre=column'."));
	if (trigger->tgnargs == 1)
	{
		const char *arg = trigger->tgargs[0];

		if (strncmp(arg, "outing=", 7) == 0)
			mode = MODE_OUTING;
		else if (strncmp(arg, "group=", 6) == 0)
			mode = MODE_GROUP;
		else if (strncmp(arg, "centre=", 7) == 0)
			mode = MODE_CENTRE;
		else
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("invalid argument \"%s\" of trigger \"%s\" on table \"%s\"",
						   arg, trigger->tgname, RelationGetRelationName(rel)),
					errdetail("schooltime.outing_rules() takes 'outing=column', 'group=column' or 'centre=column'."));
		key_column = strchr(arg, '=') + 1;
	}

	state = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(RulesState));
	state->tgoid = trigger->tgoid;
	state->mode = mode;
	state->key_attno = bigint_column(rel, trigger, key_column);
	state->centre_attno = mode == MODE_CENTRE ? state->key_attno : bigint_column(rel, trigger, "centre_id");
	/* the outing's tables are those of the model the table belongs to */
	outing_model_resolve(RelationGetNamespace(rel), &state->model, fcinfo->flinfo->fn_mcxt);
	fcinfo->flinfo->fn_extra = state;
	return state;
}

static void
judge_row(const RulesState *state, Relation rel, HeapTuple tuple)
{
	TupleDesc	desc = RelationGetDescr(rel);
	bool		centre_null;
	bool		key_null;
	int64		centre_id = DatumGetInt64(heap_getattr(tuple, state->centre_attno, desc, &centre_null));
	int64		key = DatumGetInt64(heap_getattr(tuple, state->key_attno, desc, &key_null));
	List	   *outings;
	ListCell   *lc;

	if (centre_null || key_null)
		return;					/* an authorisation naming no outing */
	if (state->mode == MODE_OUTING)
	{
		judge_outing(&state->model, centre_id, key);
		return;
	}
	outings = outing_find(&state->model, state->mode == MODE_GROUP ? OUTINGS_OF_GROUP : OUTINGS_OF_CENTRE,
						  centre_id, key, true);
	foreach(lc, outings)
	{
		OutingKey  *outing = lfirst(lc);

		judge_outing(&state->model, outing->centre_id, outing->outing_id);
	}
}

Datum
schooltime_outing_rules(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	RulesState *state;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("schooltime.outing_rules() must be called as a trigger"));
	if (!TRIGGER_FIRED_AFTER(trigdata->tg_event) || !TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("schooltime.outing_rules() must be fired AFTER ... FOR EACH ROW"),
				errhint("Attach it as a CONSTRAINT TRIGGER ... DEFERRABLE INITIALLY DEFERRED, so that an outing is judged whole at COMMIT."));
	if (!enforcement_on(trigdata->tg_relation, "outing"))
		return PointerGetDatum(NULL);
	register_callbacks();
	state = rules_state(fcinfo, trigdata);

	/* an updated row may have left one outing for another: judge both */
	if (state->mode == MODE_OUTING || !TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		judge_row(state, trigdata->tg_relation, trigdata->tg_trigtuple);
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		judge_row(state, trigdata->tg_relation, trigdata->tg_newtuple);
	return PointerGetDatum(NULL);
}

/* ---------------------------------------------------------------------
 * schooltime.outing_changed() and schooltime.outing_truncated()
 */

static TriggerData *
statement_trigger(FunctionCallInfo fcinfo, const char *function_name)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("%s must be called as a trigger", function_name));
	if (!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("%s must be fired FOR EACH STATEMENT", function_name));
	return trigdata;
}

/* BEFORE statement: whatever was judged may change now. */
Datum
schooltime_outing_changed(PG_FUNCTION_ARGS)
{
	(void) statement_trigger(fcinfo, "schooltime.outing_changed()");
	register_callbacks();
	generation++;
	return PointerGetDatum(NULL);
}

/*
 * AFTER TRUNCATE: row triggers do not fire, so every outing of the model is
 * judged now (truncating outings itself, with CASCADE, leaves none).
 */
Datum
schooltime_outing_truncated(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = statement_trigger(fcinfo, "schooltime.outing_truncated()");
	OutingModel model;
	List	   *outings;
	ListCell   *lc;

	register_callbacks();
	outing_model_resolve(RelationGetNamespace(trigdata->tg_relation), &model, CurrentMemoryContext);
	outings = outing_find(&model, OUTINGS_ALL, 0, 0, true);
	foreach(lc, outings)
	{
		OutingKey  *outing = lfirst(lc);

		judge_outing(&model, outing->centre_id, outing->outing_id);
	}
	return PointerGetDatum(NULL);
}
