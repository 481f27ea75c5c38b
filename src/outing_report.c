/*
 * outing_report.c
 *		schooltime.outing_violations(model, outing_id): every violation of
 *		every outing rule, from the same judgement the commit-time trigger
 *		runs (outing_judge.c), with the authorisations that set some aside.
 *
 * A report reads with the caller's snapshot and rights, and locks nothing.
 */
#include "schooltime.h"

#include "catalog/namespace.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/tuplestore.h"

#include "outing_judge.h"

PG_FUNCTION_INFO_V1(schooltime_outing_violations);

/* The columns of schooltime.violation, in order. */
enum
{
	V_RULE, V_SEVERITY, V_SECTIONS, V_CENTRE_ID, V_SUBJECT, V_SUBJECT_ID, V_SUBJECT_NAME,
	V_WEEKDAY, V_DAY, V_SLOT, V_MEASURED, V_LIMIT_VALUE, V_UNIT, V_MESSAGE, V_DETAIL, V_HINT,
	V_AUTHORISATION_ID, N_VIOLATION_COLUMNS
};

static Datum
severity_datum(TupleDesc desc, bool is_error)
{
	Oid			input;
	Oid			ioparam;

	getTypeInputInfo(TupleDescAttr(desc, V_SEVERITY)->atttypid, &input, &ioparam);
	return OidInputFunctionCall(input, is_error ? "error" : "warning", ioparam, -1);
}

static Datum
numeric_datum(int64 value)
{
	return DirectFunctionCall1(int8_numeric, Int64GetDatum(value));
}

static void
put_violation(Tuplestorestate *store, TupleDesc desc, const OutingViolation *v)
{
	Datum		values[N_VIOLATION_COLUMNS];
	bool		nulls[N_VIOLATION_COLUMNS];

	memset(values, 0, sizeof(values));
	memset(nulls, true, sizeof(nulls));
#define SET(col, value) (values[(col)] = (value), nulls[(col)] = false)
	SET(V_RULE, CStringGetTextDatum(v->rule));
	SET(V_SEVERITY, severity_datum(desc, v->is_error));
	SET(V_SECTIONS, CStringGetTextDatum(v->sections));
	SET(V_CENTRE_ID, Int64GetDatum(v->centre_id));
	SET(V_SUBJECT, CStringGetTextDatum("outing"));
	SET(V_SUBJECT_ID, Int64GetDatum(v->outing_id));
	SET(V_SUBJECT_NAME, CStringGetTextDatum(v->outing_name));
	SET(V_DAY, DateADTGetDatum(v->day));
	if (v->has_figures)
	{
		SET(V_MEASURED, numeric_datum(v->measured));
		SET(V_LIMIT_VALUE, numeric_datum(v->limit_value));
		SET(V_UNIT, CStringGetTextDatum(v->unit));
	}
	SET(V_MESSAGE, CStringGetTextDatum(v->message));
	SET(V_DETAIL, CStringGetTextDatum(v->detail));
	SET(V_HINT, CStringGetTextDatum(v->hint));
	if (v->authorisation_id != 0)
		SET(V_AUTHORISATION_ID, Int64GetDatum(v->authorisation_id));
#undef SET
	tuplestore_putvalues(store, desc, values, nulls);
}

Datum
schooltime_outing_violations(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TupleDesc	desc;
	Tuplestorestate *store;
	MemoryContext caller_context;
	OutingModel model;
	List	   *outings;
	ListCell   *lc;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("the schema of the model must be named"),
				errhint("Call schooltime.outing_violations('timetables') with the schema create_model() was given."));
	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		(rsinfo->allowedModes & SFRM_Materialize) == 0)
		ereport(ERROR,
				errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				errmsg("schooltime.outing_violations() must be called where a set is accepted"));
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE ||
		desc->natts != N_VIOLATION_COLUMNS)
		elog(ERROR, "schooltime.outing_violations() must return schooltime.violation");

	outing_model_resolve(get_namespace_oid(NameStr(*PG_GETARG_NAME(0)), false), &model, CurrentMemoryContext);
	outings = outing_find(&model, PG_ARGISNULL(1) ? OUTINGS_ALL : OUTINGS_WITH_ID, 0,
						  PG_ARGISNULL(1) ? 0 : PG_GETARG_INT64(1), false);

	caller_context = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	desc = CreateTupleDescCopy(desc);
	store = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0, false, work_mem);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = desc;
	MemoryContextSwitchTo(caller_context);

	foreach(lc, outings)
	{
		OutingKey  *outing = lfirst(lc);
		bool		exists;
		List	   *violations = outing_judge(&model, outing->centre_id, outing->outing_id, false, &exists);
		ListCell   *vc;

		foreach(vc, violations)
			put_violation(store, desc, lfirst(vc));
	}
	return (Datum) 0;
}
