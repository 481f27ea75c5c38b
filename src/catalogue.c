/*
 * catalogue.c
 *		The per-backend cache of schooltime's rule catalogue.
 *
 * The whole catalogue is a few hundred small rows, so it is read at once
 * into CatalogueContext and kept until a relcache invalidation of one of its
 * tables arrives.  Catalogue tables carry a statement trigger
 * (schooltime_catalogue_changed) that sends that invalidation: plain DML
 * would not, and a changed limit must be seen without a reconnect.
 */
#include "schooltime.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "catalogue.h"
#include "spi_util.h"
#include "wording.h"

PG_FUNCTION_INFO_V1(schooltime_catalogue_changed);
PG_FUNCTION_INFO_V1(schooltime_creating_extension);

/* Tables whose changes invalidate the cache. */
static const char *const cached_tables[] = {
	"rules", "regimes", "timetable_limits", "staff_limits"
};
#define N_CACHED_TABLES lengthof(cached_tables)

typedef struct LimitsKey
{
	int			school_year;
	Oid			regime;
} LimitsKey;

typedef struct LimitsEntry
{
	LimitsKey	key;
	RegimeLimits limits;
} LimitsEntry;

typedef struct RegimeName
{
	Oid			regime;
	const char *label;
	const char *name;			/* name_en */
	const char *name_ca;
} RegimeName;

static MemoryContext CatalogueContext = NULL;
static bool catalogue_loaded = false;
static Oid	cached_relids[N_CACHED_TABLES];

/*
 * Relevant invalidations seen so far, and how many had been seen when the
 * cache was loaded: a mismatch means the cache is stale, even if the
 * invalidation arrived while it was being loaded.
 */
static uint64 invalidation_count = 0;
static uint64 loaded_at_count = 0;

static HTAB *limits_by_key = NULL;
static StaffLimits *staff_limits = NULL;
static int	n_staff_limits = 0;
static RuleEntry *rules = NULL;
static int	n_rules = 0;
static RegimeName *regime_names = NULL;
static int	n_regime_names = 0;
static SessionKinds session_kinds;

static void
catalogue_invalidate(Datum arg, Oid relid)
{
	int			i;

	if (!OidIsValid(relid))
	{
		invalidation_count++;
		return;
	}
	for (i = 0; i < (int) N_CACHED_TABLES; i++)
		if (cached_relids[i] == relid)
		{
			invalidation_count++;
			return;
		}
}

void
catalogue_init(void)
{
	CacheRegisterRelcacheCallback(catalogue_invalidate, (Datum) 0);
}

int
parse_school_year(const char *text)
{
	int			first;
	int			second;
	char		trailing;

	if (sscanf(text, "%4d-%4d%c", &first, &second, &trailing) != 2 ||
		strlen(text) != 9 || second != first + 1)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid school year \"%s\"", text),
				errdetail("A school year is written as in the orders, such as 2018-2019."));
	return first;
}

static int
time_minutes(Datum value, bool isnull)
{
	return isnull ? NO_LIMIT : (int) (DatumGetTimeADT(value) / USECS_PER_MINUTE);
}

static int
int_figure(Datum value, bool isnull)
{
	return isnull ? NO_LIMIT : DatumGetInt32(value);
}

/* SPI switches memory contexts under us: allocate in the cache's own. */
static char *
text_copy(Datum value, bool isnull)
{
	return isnull ? NULL : MemoryContextStrdup(CatalogueContext, TextDatumGetCString(value));
}

static void *
cache_alloc(Size size)
{
	return MemoryContextAllocZero(CatalogueContext, size);
}

static void
load_regime_names(void)
{
	int			i;

	spi_exec_checked("SELECT r.regime, r.regime::text, r.name_en, r.name_ca FROM schooltime.regimes AS r",
					 SPI_OK_SELECT);
	n_regime_names = (int) SPI_processed;
	regime_names = cache_alloc(sizeof(RegimeName) * Max(n_regime_names, 1));
	for (i = 0; i < n_regime_names; i++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;

		regime_names[i].regime = DatumGetObjectId(SPI_getbinval(tuple, desc, 1, &isnull));
		regime_names[i].label = text_copy(SPI_getbinval(tuple, desc, 2, &isnull), isnull);
		regime_names[i].name = text_copy(SPI_getbinval(tuple, desc, 3, &isnull), isnull);
		regime_names[i].name_ca = text_copy(SPI_getbinval(tuple, desc, 4, &isnull), isnull);
	}
}

static const RegimeName *
find_regime(Oid regime)
{
	int			i;

	for (i = 0; i < n_regime_names; i++)
		if (regime_names[i].regime == regime)
			return &regime_names[i];
	return NULL;
}

static const char *
regime_label(Oid regime)
{
	const RegimeName *r = find_regime(regime);

	return r ? r->label : "?";
}

static const char *
regime_name(Oid regime)
{
	const RegimeName *r = find_regime(regime);

	return r ? r->name : "an unknown regime";
}

static const char *
regime_name_ca(Oid regime)
{
	const RegimeName *r = find_regime(regime);

	return r ? r->name_ca : "un règim desconegut";
}

static void
load_timetable_limits(void)
{
	HASHCTL		ctl;
	uint64		i;

	spi_exec_checked("SELECT t.school_year::text, t.regime, t.section,"
					 " t.first_weekday::integer, t.last_weekday::integer,"
					 " t.window_start, t.window_end,"
					 " t.session_min_minutes, t.session_max_minutes,"
					 " t.continuous_max_minutes, t.break_min_minutes,"
					 " t.daily_max_minutes, t.daily_span_max_minutes, t.recess_is_lective,"
					 " t.weekly_min_minutes, t.weekly_max_minutes, t.afternoon_start,"
					 " t.max_free_afternoons, t.single_shift,"
					 " t.morning_min_minutes, t.morning_max_minutes,"
					 " t.afternoon_min_minutes, t.afternoon_max_minutes,"
					 " t.day_end_not_before, t.midday_break_min_minutes,"
					 " t.indicative_daily_minutes, t.indicative_morning_minutes,"
					 " t.indicative_afternoon_minutes, t.course_min_hours"
					 " FROM schooltime.timetable_limits AS t",
					 SPI_OK_SELECT);

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(LimitsKey);
	ctl.entrysize = sizeof(LimitsEntry);
	ctl.hcxt = CatalogueContext;
	limits_by_key = hash_create("schooltime timetable limits", 64, &ctl,
								HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);

	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		Datum		v[29];
		bool		n[29];
		int			col;
		LimitsKey	key;
		LimitsEntry *entry;
		RegimeLimits *l;
		bool		found;

		for (col = 0; col < 29; col++)
			v[col] = SPI_getbinval(tuple, desc, col + 1, &n[col]);

		memset(&key, 0, sizeof(key));
		key.school_year = parse_school_year(TextDatumGetCString(v[0]));
		key.regime = DatumGetObjectId(v[1]);
		entry = hash_search(limits_by_key, &key, HASH_ENTER, &found);
		l = &entry->limits;
		l->school_year = key.school_year;
		l->regime = key.regime;
		l->regime_label = regime_label(key.regime);
		l->regime_name = regime_name(key.regime);
		l->regime_name_ca = regime_name_ca(key.regime);
		l->section = text_copy(v[2], n[2]);
		l->first_weekday = DatumGetInt32(v[3]);
		l->last_weekday = DatumGetInt32(v[4]);
		l->window_start = time_minutes(v[5], n[5]);
		l->window_end = time_minutes(v[6], n[6]);
		l->session_min = int_figure(v[7], n[7]);
		l->session_max = int_figure(v[8], n[8]);
		l->continuous_max = int_figure(v[9], n[9]);
		l->break_min = int_figure(v[10], n[10]);
		l->daily_max = int_figure(v[11], n[11]);
		l->daily_span_max = int_figure(v[12], n[12]);
		l->recess_is_lective = DatumGetBool(v[13]);
		l->weekly_min = int_figure(v[14], n[14]);
		l->weekly_max = int_figure(v[15], n[15]);
		l->afternoon_start = time_minutes(v[16], n[16]);
		l->max_free_afternoons = int_figure(v[17], n[17]);
		l->single_shift = DatumGetBool(v[18]);
		l->morning_min = int_figure(v[19], n[19]);
		l->morning_max = int_figure(v[20], n[20]);
		l->afternoon_min = int_figure(v[21], n[21]);
		l->afternoon_max = int_figure(v[22], n[22]);
		l->day_end_not_before = time_minutes(v[23], n[23]);
		l->midday_break_min = int_figure(v[24], n[24]);
		l->indicative_daily = int_figure(v[25], n[25]);
		l->indicative_morning = int_figure(v[26], n[26]);
		l->indicative_afternoon = int_figure(v[27], n[27]);
		l->course_min_hours = int_figure(v[28], n[28]);
	}
}

static void
load_staff_limits(void)
{
	uint64		i;

	spi_exec_checked("SELECT s.school_year::text, s.week_max_minutes,"
					 " s.first_weekday::integer, s.last_weekday::integer,"
					 " s.midday_free_minutes, s.midday_window_start, s.midday_window_end,"
					 " s.afternoon_start, s.default_min_guards"
					 " FROM schooltime.staff_limits AS s",
					 SPI_OK_SELECT);
	n_staff_limits = (int) SPI_processed;
	staff_limits = cache_alloc(sizeof(StaffLimits) * Max(n_staff_limits, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		StaffLimits *s = &staff_limits[i];
		Datum		v[9];
		bool		n[9];
		int			col;

		for (col = 0; col < 9; col++)
			v[col] = SPI_getbinval(tuple, desc, col + 1, &n[col]);
		s->school_year = parse_school_year(TextDatumGetCString(v[0]));
		s->week_max = DatumGetInt32(v[1]);
		s->first_weekday = DatumGetInt32(v[2]);
		s->last_weekday = DatumGetInt32(v[3]);
		s->midday_free = DatumGetInt32(v[4]);
		s->midday_window_start = time_minutes(v[5], n[5]);
		s->midday_window_end = time_minutes(v[6], n[6]);
		s->afternoon_start = time_minutes(v[7], n[7]);
		s->default_min_guards = DatumGetInt32(v[8]);
	}
}

static void
load_rules(void)
{
	uint64		i;

	spi_exec_checked("SELECT r.code, pg_catalog.array_to_string(r.sections, ', '),"
					 " r.severity OPERATOR(pg_catalog.=) 'error'"
					 " FROM schooltime.rules AS r",
					 SPI_OK_SELECT);
	n_rules = (int) SPI_processed;
	rules = cache_alloc(sizeof(RuleEntry) * Max(n_rules, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;

		rules[i].code = text_copy(SPI_getbinval(tuple, desc, 1, &isnull), isnull);
		rules[i].sections = text_copy(SPI_getbinval(tuple, desc, 2, &isnull), isnull);
		rules[i].is_error = DatumGetBool(SPI_getbinval(tuple, desc, 3, &isnull));
	}
}

static void
load_session_kinds(void)
{
	uint64		i;

	spi_exec_checked("SELECT e.oid, e.enumlabel::text FROM pg_catalog.pg_enum AS e"
					 " WHERE e.enumtypid OPERATOR(pg_catalog.=) 'schooltime.session_kind'::pg_catalog.regtype",
					 SPI_OK_SELECT);
	memset(&session_kinds, 0, sizeof(session_kinds));
	for (i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		Oid			oid = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));
		char	   *label = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);

		if (strcmp(label, "recess") == 0)
			session_kinds.recess = oid;
		else if (strcmp(label, "research_work") == 0)
			session_kinds.research_work = oid;
		else if (strcmp(label, "outdoor_practice") == 0)
			session_kinds.outdoor_practice = oid;
	}
}

static void
ensure_loaded(void)
{
	uint64		count_at_start;
	Oid			namespace;
	int			i;
	SpiScope	scope;

	if (catalogue_loaded && loaded_at_count == invalidation_count)
		return;

	count_at_start = invalidation_count;
	catalogue_loaded = false;

	/*
	 * A statement may hold pointers into the catalogue it loaded (a group's
	 * limits, a rule) across a query of its own, and the query may take a
	 * lock and with it the invalidation of a catalogue table another session
	 * edited: the next lookup reloads.  The old catalogue is therefore not
	 * freed but handed to the transaction, which frees it when it ends; no
	 * pointer handed out outlives its transaction.
	 */
	if (CatalogueContext != NULL)
	{
		if (IsTransactionState())
			MemoryContextSetParent(CatalogueContext, TopTransactionContext);
		else
			MemoryContextDelete(CatalogueContext);
	}
	CatalogueContext = AllocSetContextCreate(TopMemoryContext,
											 "schooltime catalogue",
											 ALLOCSET_SMALL_SIZES);
	limits_by_key = NULL;

	namespace = get_namespace_oid(SCHOOLTIME_SCHEMA, false);
	for (i = 0; i < (int) N_CACHED_TABLES; i++)
		cached_relids[i] = get_relname_relid(cached_tables[i], namespace);

	spi_scope_begin(&scope);
	load_regime_names();
	load_timetable_limits();
	load_staff_limits();
	load_rules();
	load_session_kinds();
	spi_scope_end(&scope);

	loaded_at_count = count_at_start;
	catalogue_loaded = true;
}

const RegimeLimits *
catalogue_regime_limits(int school_year, Oid regime)
{
	LimitsKey	key;
	LimitsEntry *entry;

	ensure_loaded();
	memset(&key, 0, sizeof(key));
	key.school_year = school_year;
	key.regime = regime;
	entry = hash_search(limits_by_key, &key, HASH_FIND, NULL);
	return entry ? &entry->limits : NULL;
}

const RegimeLimits *
catalogue_require_regime_limits(int school_year, Oid regime)
{
	const RegimeLimits *limits = catalogue_regime_limits(school_year, regime);

	if (limits == NULL)
		ereport(ERROR,
				errcode(ERRCODE_NO_DATA_FOUND),
				errmsg("the schooltime catalogue has no figures for %s in school year %d-%d",
					   catalogue_regime_name(regime), school_year, school_year + 1),
				errdetail("Every rule reads its limits from schooltime.timetable_limits, keyed by school year and regime."),
				errhint("INSERT the figures of the year's order into schooltime.timetable_limits, or copy a previous year's with schooltime.carry_over_school_year()."));
	return limits;
}

const StaffLimits *
catalogue_staff_limits(int school_year)
{
	int			i;

	ensure_loaded();
	for (i = 0; i < n_staff_limits; i++)
		if (staff_limits[i].school_year == school_year)
			return &staff_limits[i];
	return NULL;
}

const StaffLimits *
catalogue_require_staff_limits(int school_year)
{
	const StaffLimits *limits = catalogue_staff_limits(school_year);

	if (limits == NULL)
		ereport(ERROR,
				errcode(ERRCODE_NO_DATA_FOUND),
				errmsg("the schooltime catalogue has no figures for teachers' schedules in school year %d-%d",
					   school_year, school_year + 1),
				errdetail("The teacher rules read their limits from schooltime.staff_limits, keyed by school year."),
				errhint("INSERT the year's figures into schooltime.staff_limits, or copy a previous year's with schooltime.carry_over_school_year()."));
	return limits;
}

const RuleEntry *
catalogue_rule(const char *code)
{
	int			i;

	ensure_loaded();
	for (i = 0; i < n_rules; i++)
		if (strcmp(rules[i].code, code) == 0)
			return &rules[i];
	ereport(ERROR,
			errcode(ERRCODE_UNDEFINED_OBJECT),
			errmsg("rule \"%s\" is missing from schooltime.rules", code),
			errhint("Shipped rules cannot be deleted; reinstall the extension if the catalogue was damaged."));
	return NULL;				/* keep the compiler quiet */
}

const SessionKinds *
catalogue_session_kinds(void)
{
	ensure_loaded();
	return &session_kinds;
}

const char *
catalogue_regime_name(Oid regime)
{
	ensure_loaded();
	return messages_in_catalan() ? regime_name_ca(regime) : regime_name(regime);
}

const char *
regime_words(const RegimeLimits *limits)
{
	return messages_in_catalan() ? limits->regime_name_ca : limits->regime_name;
}

/* Statement trigger on catalogue tables. */
Datum
schooltime_catalogue_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("schooltime.catalogue_changed() must be called as a trigger"));
	CacheInvalidateRelcache(trigdata->tg_relation);
	PG_RETURN_POINTER(NULL);
}

Datum
schooltime_creating_extension(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(creating_extension);
}
