/*
 * row_rules.c
 *		The rules one session row can break alone: weekday, window and
 *		session_length, checked by a BEFORE ROW trigger.
 *
 * A bulk COPY runs this once per row, so the path that accepts a row reads
 * three columns and one hash entry of the cached catalogue, and nothing
 * else: no SPI, no allocation beyond the school year's text.
 */
#include "schooltime.h"

#include "access/htup_details.h"
#include "utils/builtins.h"
#include "utils/rel.h"

#include "authorisation.h"
#include "catalogue.h"
#include "row_findings.h"
#include "enforcement.h"
#include "trigger_args.h"
#include "violation.h"
#include "weektime_parse.h"

PG_FUNCTION_INFO_V1(session_row_rules);

enum
{
	COL_SLOT,
	COL_REGIME,
	COL_SCHOOL_YEAR,
	COL_KIND,
	COL_GROUP,
	COL_GROUP_LABEL,
	COL_CENTRE,
	COL_ID,
	COL_AUTHORISATIONS,
	N_SESSION_COLUMNS
};

static const ColumnSpec session_columns[N_SESSION_COLUMNS] = {
	[COL_SLOT] = {"slot", "slot", true, true, "schooltime.weektimerange"},
	[COL_REGIME] = {"regime", "regime", true, true, "schooltime.regime"},
	[COL_SCHOOL_YEAR] = {"school_year", "school_year", true, true, "pg_catalog.text"},
	[COL_KIND] = {"kind", "kind", false, true, "schooltime.session_kind"},
	[COL_GROUP] = {"group", "group_id", false, true, NULL},
	[COL_GROUP_LABEL] = {"group_label", "name", false, false, NULL},
	[COL_CENTRE] = {"centre", "centre_id", false, true, NULL},
	[COL_ID] = {"id", "id", false, true, NULL},
	/* schema-qualified name of the authorisations table; none: no exceptions */
	[COL_AUTHORISATIONS] = {"authorisations", NULL, false, false, NULL},
};

/* The columns, resolved once per trigger and statement. */
typedef struct RowRulesState
{
	Oid			tgoid;
	ColumnMap  *columns;
	Oid			authorisations; /* InvalidOid: the table records none */
} RowRulesState;

/* What the checks of one row share. */
typedef struct RowContext
{
	Relation	rel;
	HeapTuple	tuple;
	const ColumnMap *columns;
	Oid			authorisations;
	int			school_year;
	Oid			regime;
} RowContext;

static RowRulesState *
state_for(FunctionCallInfo fcinfo, TriggerData *trigdata)
{
	RowRulesState *state = (RowRulesState *) fcinfo->flinfo->fn_extra;

	if (state == NULL || state->tgoid != trigdata->tg_trigger->tgoid)
	{
		state = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(RowRulesState));
		state->tgoid = trigdata->tg_trigger->tgoid;
		state->columns = resolve_trigger_columns(trigdata, "schooltime.session_row_rules()",
												 session_columns, N_SESSION_COLUMNS,
												 fcinfo->flinfo->fn_mcxt);
		state->authorisations = state->columns->name[COL_AUTHORISATIONS]
			? authorisation_table(state->columns->name[COL_AUTHORISATIONS], trigdata->tg_trigger->tgname)
			: InvalidOid;
		fcinfo->flinfo->fn_extra = state;
	}
	return state;
}

/*
 * Whether an authorisation sets the rule aside for this row: for its
 * centre, its group or the session itself.
 */
static bool
authorised(const RowContext *ctx, const char *rule)
{
	TupleDesc	desc = RelationGetDescr(ctx->rel);
	AuthorisationSubject subject;
	AttrNumber	attno;
	bool		isnull;
	Datum		session;

	if (!OidIsValid(ctx->authorisations) || ctx->columns->attno[COL_CENTRE] == InvalidAttrNumber)
		return false;
	memset(&subject, 0, sizeof(subject));
	attno = ctx->columns->attno[COL_CENTRE];
	subject.centre = heap_getattr(ctx->tuple, attno, desc, &isnull);
	if (isnull)
		return false;
	subject.centre_type = TupleDescAttr(desc, attno - 1)->atttypid;
	subject.school_year = ctx->school_year;
	subject.regime = ctx->regime;
	if ((attno = ctx->columns->attno[COL_GROUP]) != InvalidAttrNumber)
	{
		subject.group = heap_getattr(ctx->tuple, attno, desc, &isnull);
		subject.has_group = !isnull;
		subject.group_type = TupleDescAttr(desc, attno - 1)->atttypid;
	}
	if ((attno = ctx->columns->attno[COL_ID]) != InvalidAttrNumber)
	{
		session = heap_getattr(ctx->tuple, attno, desc, &isnull);
		if (!isnull)
		{
			subject.nsessions = 1;
			subject.sessions = &session;
			subject.session_type = TupleDescAttr(desc, attno - 1)->atttypid;
		}
	}
	return authorisation_covers(ctx->authorisations, rule, &subject);
}

/*
 * Raises the first finding that is an error and is not authorised.  Its
 * text names the group, which costs a query, so only a broken rule pays it.
 */
static void
raise_first(const RowContext *ctx, const RegimeLimits *limits, int start, int end,
			const RowFinding *findings, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		/* translator: "a group" is the session's group when its row names none */
		ReferenceWords group_words = {_c("a session's unknown group", "a group"), _("group \"%s\""), _("group %s")};
		char	   *message;
		char	   *detail;
		char	   *hint;

		if (!catalogue_rule(findings[i].rule)->is_error || authorised(ctx, findings[i].rule))
			continue;
		row_finding_text(limits, start, end, &findings[i],
						 describe_referenced(ctx->rel, ctx->tuple, ctx->columns->attno[COL_GROUP], &group_words,
											 ctx->columns->name[COL_GROUP_LABEL]),
						 &message, &detail, &hint);
		raise_violation(ctx->rel, findings[i].rule, message, detail, hint);
	}
}

Datum
session_row_rules(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Relation	rel;
	TupleDesc	desc;
	HeapTuple	tuple;
	RowRulesState *state;
	const ColumnMap *columns;
	RowContext	ctx;
	Datum		value;
	bool		isnull;
	Oid			regime;
	int			school_year;
	int			start;
	int			end;
	const RegimeLimits *limits;
	bool		is_class = true;
	RowFinding	findings[3];
	int			n;

	require_trigger(fcinfo, "schooltime.session_row_rules()", true, true);
	if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		return PointerGetDatum(trigdata->tg_trigtuple);

	rel = trigdata->tg_relation;
	desc = RelationGetDescr(rel);
	tuple = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	if (!enforcement_on(rel, TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? "UPDATE" : "INSERT"))
		return PointerGetDatum(tuple);
	state = state_for(fcinfo, trigdata);
	columns = state->columns;

	/* a missing value is for the column's NOT NULL constraint to refuse */
	value = heap_getattr(tuple, columns->attno[COL_SLOT], desc, &isnull);
	if (isnull || !weekslot_bounds(value, &start, &end) || start < 0 || end > WT_MAX_MINUTE)
		return PointerGetDatum(tuple);
	value = heap_getattr(tuple, columns->attno[COL_REGIME], desc, &isnull);
	if (isnull)
		return PointerGetDatum(tuple);
	regime = DatumGetObjectId(value);
	value = heap_getattr(tuple, columns->attno[COL_SCHOOL_YEAR], desc, &isnull);
	if (isnull)
		return PointerGetDatum(tuple);
	school_year = parse_school_year(TextDatumGetCString(value));

	limits = catalogue_require_regime_limits(school_year, regime);

	/* a recess is a gap in the group's day, not a class session */
	if (columns->attno[COL_KIND] != InvalidAttrNumber)
	{
		value = heap_getattr(tuple, columns->attno[COL_KIND], desc, &isnull);
		is_class = isnull || DatumGetObjectId(value) != catalogue_session_kinds()->recess;
	}
	n = row_findings(limits, start, end, is_class, findings);
	if (n == 0)
		return PointerGetDatum(tuple);

	ctx.rel = rel;
	ctx.tuple = tuple;
	ctx.columns = columns;
	ctx.authorisations = state->authorisations;
	ctx.school_year = school_year;
	ctx.regime = regime;
	raise_first(&ctx, limits, start, end, findings, n);
	return PointerGetDatum(tuple);
}
