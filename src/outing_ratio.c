/*
 * outing_ratio.c
 *		Escort figures of the catalogue, and the functions analysts call
 *		with them: schooltime.escort_ratio() and schooltime.required_escorts().
 *
 * The functions and the commit-time judgement of outings use the same
 * lookups (escort_ratio_lookup, outing_limits_lookup) and the same
 * arithmetic (outing_kernel.c), so an analyst's figure is the one the
 * trigger enforces.
 */
#include "schooltime.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "catalogue.h"
#include "outing_kernel.h"
#include "outing_ratio.h"
#include "spi_util.h"

PG_FUNCTION_INFO_V1(schooltime_escort_ratio);
PG_FUNCTION_INFO_V1(schooltime_required_escorts);
PG_FUNCTION_INFO_V1(schooltime_required_escorts_mix);

/* Names of the labels of schooltime.escort_stage, as messages show them. */
static const struct
{
	const char *label;
	const char *name;
}			stage_names[] = {
	{"infantil", gettext_noop("infantil")},
	{"primaria_1_4", gettext_noop("primària 1r-4t")},
	{"primaria_5_6", gettext_noop("primària 5è-6è")},
	{"eso", gettext_noop("ESO")},
	{"post_compulsory", gettext_noop("post-compulsory teachings")},
};

const char *
escort_stage_name(const char *stage)
{
	int			i;

	for (i = 0; i < (int) lengthof(stage_names); i++)
		if (strcmp(stage_names[i].label, stage) == 0)
			return _(stage_names[i].name);
	return stage;
}

int
escort_stage_rank(const char *stage)
{
	int			i;

	for (i = 0; i < (int) lengthof(stage_names); i++)
		if (strcmp(stage_names[i].label, stage) == 0)
			return i;
	return (int) lengthof(stage_names);
}

char *
school_year_text(int school_year)
{
	return psprintf("%04d-%04d", school_year, school_year + 1);
}

er_status
escort_ratio_lookup(const char *regime, int level, bool multi_day, int school_year,
					MemoryContext mcxt, char **stage, int32 *pupils_per_escort)
{
	Oid			argtypes[4] = {TEXTOID, INT4OID, TEXTOID, BOOLOID};
	Datum		values[4];
	bool		isnull;

	values[0] = CStringGetTextDatum(regime);
	values[1] = Int32GetDatum(level);
	values[2] = CStringGetTextDatum(school_year_text(school_year));
	values[3] = BoolGetDatum(multi_day);
	spi_exec_args_checked("SELECT s.stage::pg_catalog.text, r.pupils_per_escort"
						  " FROM schooltime.escort_stages AS s"
						  " LEFT JOIN schooltime.escort_ratios AS r"
						  "   ON r.stage = s.stage AND r.school_year::pg_catalog.text = $3"
						  "  AND r.multi_day = $4"
						  " WHERE s.regime::pg_catalog.text = $1"
						  "   AND $2 BETWEEN s.first_level AND s.last_level"
						  " ORDER BY s.first_level LIMIT 1",
						  4, argtypes, values, NULL, SPI_OK_SELECT);
	if (SPI_processed == 0)
	{
		spi_exec_args_checked("SELECT 1 FROM pg_catalog.pg_enum AS e"
							  " WHERE e.enumtypid = 'schooltime.regime'::pg_catalog.regtype"
							  "   AND e.enumlabel = $1",
							  1, argtypes, values, NULL, SPI_OK_SELECT);
		return SPI_processed == 0 ? ER_UNKNOWN_REGIME : ER_UNKNOWN_LEVEL;
	}
	*stage = MemoryContextStrdup(mcxt, SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1));
	*pupils_per_escort = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	return isnull ? ER_NO_RATIO : ER_OK;
}

bool
outing_limits_lookup(int school_year, OutingLimits *limits)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1];
	TupleDesc	desc;
	HeapTuple	tuple;
	bool		isnull;

	values[0] = CStringGetTextDatum(school_year_text(school_year));
	spi_exec_args_checked("SELECT l.min_escorts, l.min_teacher_escorts,"
						  " (pg_catalog.date_part('year', l.abroad_authorisation_valid) * 12"
						  "  + pg_catalog.date_part('month', l.abroad_authorisation_valid))::integer,"
						  " pg_catalog.date_part('day', l.abroad_authorisation_valid)::integer"
						  " FROM schooltime.outing_limits AS l"
						  " WHERE l.school_year::pg_catalog.text = $1",
						  1, argtypes, values, NULL, SPI_OK_SELECT);
	if (SPI_processed == 0)
		return false;
	desc = SPI_tuptable->tupdesc;
	tuple = SPI_tuptable->vals[0];
	limits->min_escorts = DatumGetInt32(SPI_getbinval(tuple, desc, 1, &isnull));
	limits->min_teacher_escorts = DatumGetInt32(SPI_getbinval(tuple, desc, 2, &isnull));
	limits->valid_months = DatumGetInt32(SPI_getbinval(tuple, desc, 3, &isnull));
	limits->valid_days = DatumGetInt32(SPI_getbinval(tuple, desc, 4, &isnull));
	return true;
}

/* The stages a regime has escort ratios for, "1-4" or "1-4, 5-6", for messages. */
static char *
regime_levels(const char *regime)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1];
	char	   *levels;

	values[0] = CStringGetTextDatum(regime);
	spi_exec_args_checked("SELECT pg_catalog.string_agg(s.first_level || '-' || s.last_level, ', '"
						  "                             ORDER BY s.first_level)"
						  " FROM schooltime.escort_stages AS s WHERE s.regime::pg_catalog.text = $1",
						  1, argtypes, values, NULL, SPI_OK_SELECT);
	levels = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	return levels ? levels : _("none");
}

/*
 * The checks the analysts' functions share: a bad argument is
 * invalid_parameter_value (a badly written school year is
 * invalid_text_representation, from parse_school_year).
 */
static void
check_days(int days)
{
	if (days < 1)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("an outing lasts at least one day, not %d", days),
				errdetail("days counts the calendar days an outing spans: 1 for a one-day outing, 2 or more for one with a night away."));
}

/* element: the number of the element of a mix of pupils; 0 for a single figure */
static void
check_pupils(int64 pupils, int element)
{
	if (pupils < 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				element > 0
				? errmsg("negative number of pupils in element %d of the pupils: %lld", element, (long long) pupils)
				: errmsg("negative number of pupils: %lld", (long long) pupils),
				errhint("Give how many pupils go: 0 or more."));
}

/* The ratio of a regime and level, or an error naming what is unknown. */
static int32
require_ratio(const char *regime, int level, bool multi_day, int school_year, int element)
{
	char	   *stage;
	int32		ratio = 0;

	switch (escort_ratio_lookup(regime, level, multi_day, school_year, CurrentMemoryContext,
								&stage, &ratio))
	{
		case ER_OK:
			break;
		case ER_UNKNOWN_REGIME:
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					element > 0
					? errmsg("unknown regime \"%s\" in element %d of the pupils", regime, element)
					: errmsg("unknown regime \"%s\"", regime),
					errdetail("The regimes are the labels of schooltime.regime, such as infantil, primaria, eso, batxillerat or fp."));
			break;
		case ER_UNKNOWN_LEVEL:
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					element > 0
					? errmsg("regime \"%s\" has no level %d in element %d of the pupils", regime, level, element)
					: errmsg("regime \"%s\" has no level %d", regime, level),
					errdetail("schooltime.escort_stages gives escort stages for %s levels %s.",
							  regime, regime_levels(regime)),
					errhint("Give the course within its stage: 5 for 5è of primària, 1 for 1r of ESO."));
			break;
		case ER_NO_RATIO:
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					multi_day
					? errmsg("the schooltime catalogue has no escort ratio for multi-day outings of %s in school year %d-%d",
							 escort_stage_name(stage), school_year, school_year + 1)
					: errmsg("the schooltime catalogue has no escort ratio for one-day outings of %s in school year %d-%d",
							 escort_stage_name(stage), school_year, school_year + 1),
					errdetail("Escort ratios are read from schooltime.escort_ratios, keyed by school year, stage and length."),
					errhint("INSERT the year's ratios into schooltime.escort_ratios, or copy a previous year's with schooltime.carry_over_school_year()."));
			break;
	}
	return ratio;
}

static int
require_min_escorts(int school_year)
{
	OutingLimits limits;

	if (!outing_limits_lookup(school_year, &limits))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("the schooltime catalogue has no outing figures for school year %d-%d",
					   school_year, school_year + 1),
				errdetail("The fewest escorts of an outing are read from schooltime.outing_limits, keyed by school year."),
				errhint("INSERT the year's figures into schooltime.outing_limits, or copy a previous year's with schooltime.carry_over_school_year()."));
	return limits.min_escorts;
}

static int32
compute_required(const EscortShare *shares, int nshares, int min_escorts)
{
	EscortNeed	need;

	switch (escort_need(shares, nshares, &need))
	{
		case EK_OK:
			break;
		case EK_NEGATIVE_PUPILS:
		case EK_BAD_RATIO:
			elog(ERROR, "escort shares were not validated");
			break;
		case EK_OVERFLOW:
			ereport(ERROR,
					errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					errmsg("too many pupils to count escorts for"));
			break;
	}
	if (escorts_required(&need, min_escorts) > PG_INT32_MAX)
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("too many pupils to count escorts for"));
	return (int32) escorts_required(&need, min_escorts);
}

static char *
regime_label(Oid regime)
{
	return DatumGetCString(DirectFunctionCall1(enum_out, ObjectIdGetDatum(regime)));
}

/* escort_ratio(regime, level, days, school_year) */
Datum
schooltime_escort_ratio(PG_FUNCTION_ARGS)
{
	char	   *regime = regime_label(PG_GETARG_OID(0));
	int32		level = PG_GETARG_INT32(1);
	int32		days = PG_GETARG_INT32(2);
	int			school_year = parse_school_year(text_to_cstring(PG_GETARG_TEXT_PP(3)));
	int32		ratio;
	SpiScope	scope;

	check_days(days);
	spi_scope_begin(&scope);
	ratio = require_ratio(regime, level, days > 1, school_year, 0);
	spi_scope_end(&scope);
	PG_RETURN_INT32(ratio);
}

/* required_escorts(regime, level, pupils, days, school_year) */
Datum
schooltime_required_escorts(PG_FUNCTION_ARGS)
{
	char	   *regime = regime_label(PG_GETARG_OID(0));
	int32		level = PG_GETARG_INT32(1);
	int32		pupils = PG_GETARG_INT32(2);
	int32		days = PG_GETARG_INT32(3);
	int			school_year = parse_school_year(text_to_cstring(PG_GETARG_TEXT_PP(4)));
	EscortShare share;
	int			min_escorts;
	SpiScope	scope;

	check_days(days);
	check_pupils(pupils, 0);
	spi_scope_begin(&scope);
	share.pupils = pupils;
	share.pupils_per_escort = require_ratio(regime, level, days > 1, school_year, 0);
	min_escorts = require_min_escorts(school_year);
	spi_scope_end(&scope);
	PG_RETURN_INT32(compute_required(&share, 1, min_escorts));
}

/*
 * required_escorts(pupils jsonb, days, school_year): pupils is an array of
 * objects {"regime": "primaria", "level": 5, "pupils": 41}, one per stage
 * (or group) of the outing.
 */
Datum
schooltime_required_escorts_mix(PG_FUNCTION_ARGS)
{
	Jsonb	   *mix = PG_GETARG_JSONB_P(0);
	int32		days = PG_GETARG_INT32(1);
	int			school_year = parse_school_year(text_to_cstring(PG_GETARG_TEXT_PP(2)));
	Oid			argtypes[1] = {JSONBOID};
	Datum		values[1];
	EscortShare *shares;
	int			nshares;
	int			min_escorts;
	int			i;
	SpiScope	scope;
	MemoryContext caller_context = CurrentMemoryContext;
	SPITupleTable *elements;

	check_days(days);
	spi_scope_begin(&scope);
	values[0] = JsonbPGetDatum(mix);
	spi_exec_args_checked("SELECT pg_catalog.jsonb_typeof($1)", 1, argtypes, values, NULL, SPI_OK_SELECT);
	if (strcmp(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1), "array") != 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("the pupils of an outing must be a JSON array, not %s",
					   SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1)),
				errhint("Write one object per stage: '[{\"regime\": \"primaria\", \"level\": 5, \"pupils\": 41}]'."));
	/* each element: its type, any key we do not know, and the three values */
	spi_exec_args_checked("SELECT pg_catalog.jsonb_typeof(e.value),"
						  " CASE WHEN pg_catalog.jsonb_typeof(e.value) = 'object' THEN"
						  "  (SELECT pg_catalog.string_agg(k, ', ' ORDER BY k)"
						  "     FROM pg_catalog.jsonb_object_keys(e.value) AS k"
						  "    WHERE k <> ALL (ARRAY['regime', 'level', 'pupils'])) END,"
						  " pg_catalog.jsonb_typeof(e.value -> 'regime'), e.value ->> 'regime',"
						  " pg_catalog.jsonb_typeof(e.value -> 'level'), e.value ->> 'level',"
						  " pg_catalog.jsonb_typeof(e.value -> 'pupils'), e.value ->> 'pupils'"
						  " FROM pg_catalog.jsonb_array_elements($1) WITH ORDINALITY AS e"
						  " ORDER BY e.ordinality",
						  1, argtypes, values, NULL, SPI_OK_SELECT);
	elements = SPI_tuptable;
	nshares = (int) SPI_processed;
	shares = MemoryContextAlloc(caller_context, sizeof(EscortShare) * Max(nshares, 1));
	for (i = 0; i < nshares; i++)
	{
		HeapTuple	tuple = elements->vals[i];
		TupleDesc	desc = elements->tupdesc;
		int			element = i + 1;
		char	   *type = SPI_getvalue(tuple, desc, 1);
		char	   *unknown = SPI_getvalue(tuple, desc, 2);
		char	   *regime_type = SPI_getvalue(tuple, desc, 3);
		char	   *regime = SPI_getvalue(tuple, desc, 4);
		char	   *level_type = SPI_getvalue(tuple, desc, 5);
		char	   *level_text = SPI_getvalue(tuple, desc, 6);
		char	   *pupils_type = SPI_getvalue(tuple, desc, 7);
		char	   *pupils_text = SPI_getvalue(tuple, desc, 8);
		int64		level;
		int64		pupils;
		char		trailing;

		if (strcmp(type, "object") != 0)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("element %d of the pupils is a JSON %s, not an object", i + 1, type),
					errhint("Write one object per stage: {\"regime\": \"primaria\", \"level\": 5, \"pupils\": 41}."));
		if (unknown != NULL)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("unknown key %s in element %d of the pupils", unknown, element),
					errdetail("Each element has the keys regime, level and pupils."));
		if (regime_type == NULL || strcmp(regime_type, "string") != 0)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("missing or non-text regime in element %d of the pupils", element),
					errdetail("Each element has the keys regime (text), level and pupils (whole numbers)."));
		if (level_type == NULL || strcmp(level_type, "number") != 0 ||
			sscanf(level_text, INT64_FORMAT "%c", &level, &trailing) != 1 ||
			level < PG_INT32_MIN || level > PG_INT32_MAX)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("missing or non-integer level in element %d of the pupils", element),
					errdetail("Each element has the keys regime (text), level and pupils (whole numbers)."));
		if (pupils_type == NULL || strcmp(pupils_type, "number") != 0 ||
			sscanf(pupils_text, INT64_FORMAT "%c", &pupils, &trailing) != 1 ||
			pupils > PG_INT32_MAX)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("missing or non-integer number of pupils in element %d of the pupils", element),
					errdetail("Each element has the keys regime (text), level and pupils (whole numbers)."));
		check_pupils(pupils, element);
		shares[i].pupils = pupils;
		shares[i].pupils_per_escort = require_ratio(regime, (int) level, days > 1, school_year, element);
	}
	min_escorts = require_min_escorts(school_year);
	spi_scope_end(&scope);
	PG_RETURN_INT32(compute_required(shares, nshares, min_escorts));
}
