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

/* What every message about this row starts with: 'session of group "1r ESO A" on Monday'. */
static char *
session_subject(const RowContext *ctx, int weekday)
{
	return psprintf("session of %s on %s",
					describe_referenced(ctx->rel, ctx->tuple, ctx->columns->attno[COL_GROUP], "group",
										ctx->columns->name[COL_GROUP_LABEL]),
					wt_weekday_long(weekday));
}

static char *
slot_text(int start, int end)
{
	char		buf[WS_FORMAT_LEN];

	weekslot_format(start, end, buf);
	return pstrdup(buf);
}

static void
check_weekday(const RowContext *ctx,
			  const RegimeLimits *limits, int start, int end)
{
	int			day = wt_weekday(start);
	const RuleEntry *rule;

	if (day >= limits->first_weekday && day <= limits->last_weekday)
		return;
	rule = catalogue_rule("weekday");
	if (!rule->is_error || authorised(ctx, "weekday"))
		return;
	raise_violation(ctx->rel, "weekday",
					psprintf("%s is outside the lective week",
							 session_subject(ctx, day)),
					psprintf("In %d-%d, sessions of %s run from %s to %s; the session is %s (%s).",
							 limits->school_year, limits->school_year + 1, limits->regime_name,
							 wt_weekday_long(limits->first_weekday),
							 wt_weekday_long(limits->last_weekday),
							 slot_text(start, end), format_sections(rule->sections)),
					psprintf("Move the session to a day from %s to %s.",
							 wt_weekday_long(limits->first_weekday),
							 wt_weekday_long(limits->last_weekday)));
}

static void
check_window(const RowContext *ctx,
			 const RegimeLimits *limits, int start, int end)
{
	int			day = wt_weekday(start);
	int			day_start = (day - 1) * WT_MINUTES_PER_DAY;
	int			from = start - day_start;
	int			to = end - day_start;
	bool		too_early = from < limits->window_start;
	char	   *detail;

	if (!too_early && to <= limits->window_end)
		return;
	if (!catalogue_rule("window")->is_error || authorised(ctx, "window"))
		return;
	detail = psprintf("In %d-%d, sessions of %s lie within %s-%s; the session is %s (%s).",
					  limits->school_year, limits->school_year + 1, limits->regime_name,
					  format_minute_of_day(limits->window_start),
					  format_minute_of_day(limits->window_end),
					  slot_text(start, end), format_sections(limits->section));
	if (too_early)
		raise_violation(ctx->rel, "window",
						psprintf("%s starts at %s, before the %s window opens at %s",
								 session_subject(ctx, day),
								 format_minute_of_day(from), limits->regime_name,
								 format_minute_of_day(limits->window_start)),
						detail,
						psprintf("Start the session at %s or later.",
								 format_minute_of_day(limits->window_start)));
	raise_violation(ctx->rel, "window",
					psprintf("%s ends at %s, after the %s window closes at %s",
							 session_subject(ctx, day),
							 to > WT_MINUTES_PER_DAY ? "the next day" : format_minute_of_day(to),
							 limits->regime_name,
							 format_minute_of_day(limits->window_end)),
					detail,
					psprintf("End the session at %s or earlier.",
							 format_minute_of_day(limits->window_end)));
}

static char *
length_bounds_text(const RegimeLimits *limits)
{
	if (limits->session_min != NO_LIMIT && limits->session_max != NO_LIMIT)
		return psprintf("between %d and %d minutes", limits->session_min, limits->session_max);
	if (limits->session_min != NO_LIMIT)
		return psprintf("at least %d minutes", limits->session_min);
	return psprintf("at most %d minutes", limits->session_max);
}

static void
check_session_length(const RowContext *ctx,
					 const RegimeLimits *limits, int start, int end)
{
	int			minutes = end - start;
	bool		too_short = limits->session_min != NO_LIMIT && minutes < limits->session_min;
	bool		too_long = limits->session_max != NO_LIMIT && minutes > limits->session_max;
	const RuleEntry *rule;

	if (!too_short && !too_long)
		return;
	rule = catalogue_rule("session_length");
	if (!rule->is_error || authorised(ctx, "session_length"))
		return;
	raise_violation(ctx->rel, "session_length",
					psprintf("%s lasts %d minute%s, %s than the %s %s of %d",
							 session_subject(ctx, wt_weekday(start)),
							 minutes, minutes == 1 ? "" : "s", too_short ? "shorter" : "longer",
							 limits->regime_name, too_short ? "minimum" : "maximum",
							 too_short ? limits->session_min : limits->session_max),
					psprintf("In %d-%d, sessions of %s last %s, class change included; the session is %s (%s).",
							 limits->school_year, limits->school_year + 1, limits->regime_name,
							 length_bounds_text(limits), slot_text(start, end),
							 format_sections(limits->section)),
					too_short
					? psprintf("Lengthen the session to at least %d minutes.", limits->session_min)
					: psprintf("Shorten the session to at most %d minutes.", limits->session_max));
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
	ctx.rel = rel;
	ctx.tuple = tuple;
	ctx.columns = columns;
	ctx.authorisations = state->authorisations;
	ctx.school_year = school_year;
	ctx.regime = regime;
	check_weekday(&ctx, limits, start, end);
	check_window(&ctx, limits, start, end);

	/* a recess is a gap in the group's day, not a class session */
	if (columns->attno[COL_KIND] != InvalidAttrNumber)
	{
		value = heap_getattr(tuple, columns->attno[COL_KIND], desc, &isnull);
		if (!isnull && DatumGetObjectId(value) == catalogue_session_kinds()->recess)
			return PointerGetDatum(tuple);
	}
	check_session_length(&ctx, limits, start, end);
	return PointerGetDatum(tuple);
}
