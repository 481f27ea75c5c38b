/*
 * outing_judge.c
 *		Judging one outing against every rule of section 6.
 *
 * Two phases.  First every fact the rules need is read with a handful of
 * queries (the outing, its groups with their stage and ratio, its
 * escorts, its pupils, the authorisations naming it, the catalogue's
 * figures).  Then each rule is decided by the kernel (outing_kernel.c) and,
 * where broken, worded: the message names the outing and its days, the
 * DETAIL gives the figures and the section, the HINT what would fix it.
 */
#include "schooltime.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "catalogue.h"
#include "outing_judge.h"
#include "outing_kernel.h"
#include "outing_ratio.h"
#include "spi_util.h"
#include "violation.h"

/* Names listed in a message before "and N more". */
#define LISTED_NAMES 5

typedef struct GroupFacts
{
	char	   *name;
	Oid			regime;
	int			level;
	char	   *stage;			/* public centres only */
	int32		ratio;
	int32		adapted_ratio;	/* the centre's for pupils with special needs; 0: none */
	int64		declared;		/* pupils going, as outing_groups says */
	int64		listed;			/* pupils listed in outing_pupils */
	int64		special_needs;	/* of those listed */
} GroupFacts;

typedef struct PupilFacts
{
	char	   *pupil;
	char	   *group;
	bool		minor;
	family_authorisation authorisation;
	bool		travel_documents;
	bool		has_police;
	DateADT		police_issued_on;
	DateADT		police_valid_until;
} PupilFacts;

typedef struct OutingFacts
{
	int64		centre_id;
	int64		outing_id;
	char	   *name;
	int			school_year;
	DateADT		starts_on;
	DateADT		ends_on;
	bool		multi_day;
	bool		abroad;
	bool		in_annual_programme;
	bool		valued_by_school_council;
	bool		has_director;
	DateADT		director_authorised_on;
	bool		changes_centre_spaces;
	bool		has_communicated;
	DateADT		communicated_on;
	bool		has_families_informed;
	DateADT		families_informed_on;
	int			programme_min_escorts;	/* 0: the programme sets none */
	bool		public_centre;
	OutingLimits limits;
	int64		escorts;
	int64		teacher_escorts;
	int			ngroups;
	GroupFacts *groups;
	int			npupils;
	PupilFacts *pupils;
	int			nauthorisations;
	char	  **authorised_rules;
	int64	   *authorisation_ids;
} OutingFacts;

typedef struct Judgement
{
	const OutingFacts *facts;
	char	   *subject;		/* 'outing "Colònies" from 2019-03-12 to 2019-03-14' */
	List	   *violations;
} Judgement;

/* ---------------------------------------------------------------------
 * The model's tables
 */

static Oid
model_table(Oid namespace, const char *name, const char *schema_name)
{
	Oid			relid = get_relname_relid(name, namespace);

	if (!OidIsValid(relid))
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_TABLE),
				errmsg("schema \"%s\" holds no table %s for schooltime's outings", schema_name, name),
				errhint("Create the model with schooltime.create_model(), or bring an older one up to date with schooltime.upgrade_model()."));
	return relid;
}

void
outing_model_resolve(Oid namespace, OutingModel *model, MemoryContext mcxt)
{
	char	   *schema_name = get_namespace_name(namespace);

	if (schema_name == NULL)
		elog(ERROR, "cache lookup failed for namespace %u", namespace);
	model->namespace = namespace;
	model->schema_name = MemoryContextStrdup(mcxt, schema_name);
	model->schema = MemoryContextStrdup(mcxt, quote_identifier(schema_name));
	model->outings = model_table(namespace, "outings", schema_name);
	model->outing_groups = model_table(namespace, "outing_groups", schema_name);
	model->outing_escorts = model_table(namespace, "outing_escorts", schema_name);
	model->outing_pupils = model_table(namespace, "outing_pupils", schema_name);
	model->adapted_escort_ratios = model_table(namespace, "adapted_escort_ratios", schema_name);
	model->authorisations = model_table(namespace, "authorisations", schema_name);
	model->centres = model_table(namespace, "centres", schema_name);
	model->class_groups = model_table(namespace, "class_groups", schema_name);
}

/* ---------------------------------------------------------------------
 * Reading the facts
 */

typedef struct Reader
{
	bool		for_commit;
	MemoryContext mcxt;			/* where the facts live */
	Oid			argtypes[4];
	Datum		values[4];
} Reader;

/*
 * Runs one query of the judgement.  At commit every query sees the latest
 * committed state, not the transaction's snapshot: in REPEATABLE READ a
 * transaction would otherwise judge the outing without the pupils another
 * one committed meanwhile.
 */
static void
read_rows(Reader *reader, const char *query, int nargs)
{
	if (reader->for_commit)
	{
		SPIPlanPtr	plan = SPI_prepare(query, nargs, reader->argtypes);
		int			result;

		if (plan == NULL)
			elog(ERROR, "schooltime could not prepare a query (%s): %s",
				 SPI_result_code_string(SPI_result), query);
		result = SPI_execute_snapshot(plan, reader->values, NULL, GetLatestSnapshot(),
									  InvalidSnapshot, false, false, 0);
		if (result != SPI_OK_SELECT)
			elog(ERROR, "schooltime query failed (%s): %s", SPI_result_code_string(result), query);
		SPI_freeplan(plan);
	}
	else
		spi_exec_args_checked(query, nargs, reader->argtypes, reader->values, NULL, SPI_OK_SELECT);
}

static Datum
column(int row, int col, bool *isnull)
{
	return SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, isnull);
}

static bool
bool_column(int row, int col)
{
	bool		isnull;
	Datum		value = column(row, col, &isnull);

	return !isnull && DatumGetBool(value);
}

static int64
int64_column(int row, int col)
{
	bool		isnull;
	Datum		value = column(row, col, &isnull);

	return isnull ? 0 : DatumGetInt64(value);
}

static int32
int32_column(int row, int col)
{
	bool		isnull;
	Datum		value = column(row, col, &isnull);

	return isnull ? 0 : DatumGetInt32(value);
}

static bool
date_column(int row, int col, DateADT *date)
{
	bool		isnull;
	Datum		value = column(row, col, &isnull);

	if (!isnull)
		*date = DatumGetDateADT(value);
	return !isnull;
}

static char *
text_column(const Reader *reader, int row, int col)
{
	char	   *value = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col);

	return value ? MemoryContextStrdup(reader->mcxt, value) : NULL;
}

static bool
read_outing(const OutingModel *model, Reader *reader, OutingFacts *f)
{
	char	   *query;
	bool		isnull;

	query = psprintf("SELECT o.name, o.school_year::pg_catalog.text, o.starts_on, o.ends_on, o.multi_day,"
					 " o.abroad, o.in_annual_programme, o.valued_by_school_council,"
					 " o.director_authorised_on, o.changes_centre_spaces, o.communicated_on,"
					 " o.families_informed_on, o.programme_min_escorts,"
					 " c.ownership = 'public'"
					 " FROM %1$s.outings AS o JOIN %1$s.centres AS c ON c.id = o.centre_id"
					 " WHERE o.centre_id = $1 AND o.id = $2%2$s",
					 model->schema, reader->for_commit ? " FOR NO KEY UPDATE OF o" : "");
	read_rows(reader, query, 2);
	if (SPI_processed == 0)
		return false;
	f->name = text_column(reader, 0, 1);
	f->school_year = parse_school_year(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2));
	date_column(0, 3, &f->starts_on);
	date_column(0, 4, &f->ends_on);
	f->multi_day = bool_column(0, 5);
	f->abroad = bool_column(0, 6);
	f->in_annual_programme = bool_column(0, 7);
	f->valued_by_school_council = bool_column(0, 8);
	f->has_director = date_column(0, 9, &f->director_authorised_on);
	f->changes_centre_spaces = bool_column(0, 10);
	f->has_communicated = date_column(0, 11, &f->communicated_on);
	f->has_families_informed = date_column(0, 12, &f->families_informed_on);
	f->programme_min_escorts = DatumGetInt32(column(0, 13, &isnull));
	if (isnull)
		f->programme_min_escorts = 0;
	f->public_centre = bool_column(0, 14);
	return true;
}

static void
read_authorisations(const OutingModel *model, Reader *reader, OutingFacts *f)
{
	int			i;

	/* an authorisation counts only if the exception exists and, where it must, the council was heard */
	read_rows(reader,
			  psprintf("SELECT a.rule, pg_catalog.min(a.id)"
					   " FROM %s.authorisations AS a"
					   " JOIN schooltime.rule_exceptions AS e ON e.rule = a.rule"
					   " WHERE a.centre_id = $1 AND a.outing_id = $2"
					   "   AND a.school_year::pg_catalog.text = $3"
					   "   AND 'outing' = ANY (e.subjects)"
					   "   AND (a.school_council_heard OR NOT e.requires_council)"
					   " GROUP BY a.rule",
					   model->schema), 3);
	f->nauthorisations = (int) SPI_processed;
	f->authorised_rules = MemoryContextAlloc(reader->mcxt, sizeof(char *) * Max(f->nauthorisations, 1));
	f->authorisation_ids = MemoryContextAlloc(reader->mcxt, sizeof(int64) * Max(f->nauthorisations, 1));
	for (i = 0; i < f->nauthorisations; i++)
	{
		f->authorised_rules[i] = text_column(reader, i, 1);
		f->authorisation_ids[i] = int64_column(i, 2);
	}
}

static void
missing_escort_figures(const GroupFacts *g, er_status status, const OutingFacts *f)
{
	if (status == ER_NO_RATIO)
		ereport(ERROR,
				errcode(ERRCODE_NO_DATA_FOUND),
				errmsg("the schooltime catalogue has no escort ratio for %s outings of %s in school year %d-%d",
					   f->multi_day ? "multi-day" : "one-day", escort_stage_name(g->stage),
					   f->school_year, f->school_year + 1),
				errdetail("Outing \"%s\" takes group \"%s\"; escort ratios are read from schooltime.escort_ratios (section 6.5.1).",
						  f->name, g->name),
				errhint("INSERT the year's ratios into schooltime.escort_ratios, or copy a previous year's with schooltime.carry_over_school_year()."));
	ereport(ERROR,
			errcode(ERRCODE_NO_DATA_FOUND),
			errmsg("the schooltime catalogue has no escort stage for group \"%s\" (%s, level %d)",
				   g->name, catalogue_regime_name(g->regime), g->level),
			errdetail("Outing \"%s\" takes the group; the stage of each regime and level, which picks its escort ratio, is read from schooltime.escort_stages (section 6.5.1).",
					  f->name),
			errhint("Correct the group's level, or INSERT its stage into schooltime.escort_stages."));
}

static void
read_groups(const OutingModel *model, Reader *reader, OutingFacts *f)
{
	int			i;
	int			nadapted;
	char	  **adapted_stage;
	int32	   *adapted_ratio;
	char	  **regime_labels;

	/* the centre's adapted ratios for pupils with special needs (its NOFC) */
	reader->argtypes[3] = BOOLOID;
	reader->values[3] = BoolGetDatum(f->multi_day);
	read_rows(reader,
			  psprintf("SELECT r.stage::pg_catalog.text, r.pupils_per_escort"
					   " FROM %s.adapted_escort_ratios AS r"
					   " WHERE r.centre_id = $1"
					   "   AND r.school_year::pg_catalog.text = $3 AND r.multi_day = $4",
					   model->schema), 4);
	nadapted = (int) SPI_processed;
	adapted_stage = palloc(sizeof(char *) * Max(nadapted, 1));
	adapted_ratio = palloc(sizeof(int32) * Max(nadapted, 1));
	for (i = 0; i < nadapted; i++)
	{
		adapted_stage[i] = text_column(reader, i, 1);
		adapted_ratio[i] = int32_column(i, 2);
	}

	read_rows(reader,
			  psprintf("SELECT cg.name, cg.regime, cg.regime::pg_catalog.text, cg.level::integer,"
					   " g.pupils::bigint, p.listed, p.special_needs"
					   " FROM %1$s.outing_groups AS g"
					   " JOIN %1$s.class_groups AS cg ON cg.centre_id = g.centre_id AND cg.id = g.group_id"
					   " CROSS JOIN LATERAL ("
					   "   SELECT pg_catalog.count(*) AS listed,"
					   "          pg_catalog.count(*) FILTER (WHERE p.special_needs) AS special_needs"
					   "   FROM %1$s.outing_pupils AS p"
					   "   WHERE p.centre_id = g.centre_id AND p.outing_id = g.outing_id"
					   "     AND p.group_id = g.group_id) AS p"
					   " WHERE g.centre_id = $1 AND g.outing_id = $2"
					   " ORDER BY cg.name, g.group_id",
					   model->schema), 2);
	f->ngroups = (int) SPI_processed;
	f->groups = MemoryContextAllocZero(reader->mcxt, sizeof(GroupFacts) * Max(f->ngroups, 1));
	regime_labels = palloc(sizeof(char *) * Max(f->ngroups, 1));
	for (i = 0; i < f->ngroups; i++)
	{
		GroupFacts *g = &f->groups[i];
		bool		isnull;

		g->name = text_column(reader, i, 1);
		g->regime = DatumGetObjectId(column(i, 2, &isnull));
		regime_labels[i] = text_column(reader, i, 3);
		g->level = int32_column(i, 4);
		g->declared = int64_column(i, 5);
		g->listed = int64_column(i, 6);
		g->special_needs = int64_column(i, 7);
	}
	/* (the lookups below run queries of their own: SPI_tuptable is read above) */
	/* the ratio rule binds public centres only: others need no stage */
	for (i = 0; f->public_centre && i < f->ngroups; i++)
	{
		GroupFacts *g = &f->groups[i];
		er_status	status;
		int			j;

		status = escort_ratio_lookup(regime_labels[i], g->level, f->multi_day, f->school_year,
									 reader->mcxt, &g->stage, &g->ratio);
		if (status != ER_OK)
			missing_escort_figures(g, status, f);
		for (j = 0; j < nadapted; j++)
			if (strcmp(adapted_stage[j], g->stage) == 0)
				g->adapted_ratio = adapted_ratio[j];
	}
}

static void
read_escorts(const OutingModel *model, Reader *reader, OutingFacts *f)
{
	read_rows(reader,
			  psprintf("SELECT pg_catalog.count(*), pg_catalog.count(e.teacher_id)"
					   " FROM %s.outing_escorts AS e WHERE e.centre_id = $1 AND e.outing_id = $2",
					   model->schema), 2);
	f->escorts = int64_column(0, 1);
	f->teacher_escorts = int64_column(0, 2);
}

static void
read_pupils(const OutingModel *model, Reader *reader, OutingFacts *f)
{
	int			i;

	read_rows(reader,
			  psprintf("SELECT p.pupil, cg.name, p.minor, p.family_authorisation::pg_catalog.text,"
					   " p.travel_documents, p.police_authorisation_issued_on,"
					   " (p.police_authorisation_issued_on + l.abroad_authorisation_valid)::date"
					   " FROM %1$s.outing_pupils AS p"
					   " JOIN %1$s.class_groups AS cg ON cg.centre_id = p.centre_id AND cg.id = p.group_id"
					   " LEFT JOIN schooltime.outing_limits AS l ON l.school_year::pg_catalog.text = $3"
					   " WHERE p.centre_id = $1 AND p.outing_id = $2"
					   " ORDER BY cg.name, p.pupil, p.id",
					   model->schema), 3);
	f->npupils = (int) SPI_processed;
	f->pupils = MemoryContextAllocZero(reader->mcxt, sizeof(PupilFacts) * Max(f->npupils, 1));
	for (i = 0; i < f->npupils; i++)
	{
		PupilFacts *p = &f->pupils[i];
		char	   *kind = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 4);

		p->pupil = text_column(reader, i, 1);
		p->group = text_column(reader, i, 2);
		p->minor = bool_column(i, 3);
		p->authorisation = strcmp(kind, "specific") == 0 ? FA_SPECIFIC
			: strcmp(kind, "yearly") == 0 ? FA_YEARLY : FA_NONE;
		p->travel_documents = bool_column(i, 5);
		p->has_police = date_column(i, 6, &p->police_issued_on);
		if (!date_column(i, 7, &p->police_valid_until))
			p->police_valid_until = p->police_issued_on;
	}
}

static Oid
relation_owner(Oid relid)
{
	HeapTuple	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tuple))->relowner;
	ReleaseSysCache(tuple);
	return owner;
}

/*
 * A write is judged on every row of the outing, as foreign keys are: as
 * the owner of the tables, so that neither the writer's rights nor row
 * security can hide a pupil from the count.
 */
typedef struct ReadingScope
{
	SpiScope	spi;
	bool		for_commit;
	Oid			save_userid;
	int			save_sec_context;
} ReadingScope;

static void
begin_reading(const OutingModel *model, bool for_commit, ReadingScope *scope)
{
	scope->for_commit = for_commit;
	if (for_commit)
	{
		GetUserIdAndSecContext(&scope->save_userid, &scope->save_sec_context);
		SetUserIdAndSecContext(relation_owner(model->outings),
							   scope->save_sec_context | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	}
	spi_scope_begin(&scope->spi);
}

static void
end_reading(ReadingScope *scope)
{
	spi_scope_end(&scope->spi);
	if (scope->for_commit)
		SetUserIdAndSecContext(scope->save_userid, scope->save_sec_context);
}

static void
init_reader(Reader *reader, bool for_commit, int64 centre_id, int64 value)
{
	memset(reader, 0, sizeof(*reader));
	reader->for_commit = for_commit;
	reader->mcxt = CurrentMemoryContext;
	reader->argtypes[0] = INT8OID;
	reader->values[0] = Int64GetDatum(centre_id);
	reader->argtypes[1] = INT8OID;
	reader->values[1] = Int64GetDatum(value);
}

static bool
read_facts(const OutingModel *model, int64 centre_id, int64 outing_id, bool for_commit,
		   OutingFacts *f)
{
	Reader		reader;
	ReadingScope scope;
	bool		exists;

	memset(f, 0, sizeof(*f));
	f->centre_id = centre_id;
	f->outing_id = outing_id;
	init_reader(&reader, for_commit, centre_id, outing_id);
	begin_reading(model, for_commit, &scope);
	exists = read_outing(model, &reader, f);
	if (exists)
	{
		if (!outing_limits_lookup(f->school_year, &f->limits))
			ereport(ERROR,
					errcode(ERRCODE_NO_DATA_FOUND),
					errmsg("the schooltime catalogue has no outing figures for school year %d-%d",
						   f->school_year, f->school_year + 1),
					errdetail("Outing \"%s\" is judged with the fewest escorts and teachers of schooltime.outing_limits, keyed by school year.",
							  f->name),
					errhint("INSERT the year's figures into schooltime.outing_limits, or copy a previous year's with schooltime.carry_over_school_year()."));
		reader.argtypes[2] = TEXTOID;
		reader.values[2] = CStringGetTextDatum(school_year_text(f->school_year));
		read_authorisations(model, &reader, f);
		read_groups(model, &reader, f);
		read_escorts(model, &reader, f);
		read_pupils(model, &reader, f);
	}
	end_reading(&scope);
	return exists;
}

List *
outing_find(const OutingModel *model, OutingFilter filter, int64 centre_id, int64 value,
			bool for_commit)
{
	Reader		reader;
	ReadingScope scope;
	List	   *keys = NIL;
	const char *condition = "";
	int			nargs = 0;
	uint64		i;

	init_reader(&reader, for_commit, centre_id, value);
	switch (filter)
	{
		case OUTINGS_ALL:
			break;
		case OUTINGS_WITH_ID:
			reader.argtypes[0] = INT8OID;
			reader.values[0] = Int64GetDatum(value);
			condition = " WHERE o.id = $1";
			nargs = 1;
			break;
		case OUTINGS_OF_CENTRE:
			condition = " WHERE o.centre_id = $1";
			nargs = 1;
			break;
		case OUTINGS_OF_GROUP:
			condition = psprintf(" WHERE EXISTS (SELECT FROM %s.outing_groups AS g"
								 " WHERE g.centre_id = o.centre_id AND g.outing_id = o.id"
								 "   AND g.centre_id = $1 AND g.group_id = $2)",
								 model->schema);
			nargs = 2;
			break;
	}
	begin_reading(model, for_commit, &scope);
	read_rows(&reader, psprintf("SELECT o.centre_id, o.id FROM %s.outings AS o%s ORDER BY 1, 2",
								model->schema, condition), nargs);
	for (i = 0; i < SPI_processed; i++)
	{
		MemoryContext spi_context = MemoryContextSwitchTo(reader.mcxt);
		OutingKey  *key = palloc(sizeof(OutingKey));

		key->centre_id = int64_column((int) i, 1);
		key->outing_id = int64_column((int) i, 2);
		keys = lappend(keys, key);
		MemoryContextSwitchTo(spi_context);
	}
	end_reading(&scope);
	return keys;
}

/* ---------------------------------------------------------------------
 * Wording
 */

static char *
date_text(DateADT date)
{
	int			year;
	int			month;
	int			day;

	if (DATE_IS_NOBEGIN(date))
		return pstrdup("-infinity");
	if (DATE_IS_NOEND(date))
		return pstrdup("infinity");
	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	return psprintf("%04d-%02d-%02d", year, month, day);
}

/* "1 escort", "3 escorts" */
static char *
count_of(int64 n, const char *one, const char *many)
{
	return psprintf(INT64_FORMAT " %s", n, n == 1 ? one : many);
}

/* "A", "A and B", "A, B and C", "A, B, C, D, E and 2 more" */
static char *
name_list(List *names)
{
	StringInfoData buf;
	int			n = list_length(names);
	int			shown = n > LISTED_NAMES ? LISTED_NAMES : n;
	int			i;

	initStringInfo(&buf);
	for (i = 0; i < shown; i++)
	{
		if (i > 0)
			appendStringInfoString(&buf, (i == shown - 1 && shown == n) ? " and " : ", ");
		appendStringInfoString(&buf, (char *) list_nth(names, i));
	}
	if (shown < n)
		appendStringInfo(&buf, " and %d more", n - shown);
	return buf.data;
}

static char *
pupil_text(const PupilFacts *p)
{
	return psprintf("%s (%s)", p->pupil, p->group);
}

static char *
outing_subject(const OutingFacts *f)
{
	if (f->ends_on == f->starts_on)
		return psprintf("outing \"%s\" on %s", f->name, date_text(f->starts_on));
	return psprintf("outing \"%s\" from %s to %s", f->name, date_text(f->starts_on), date_text(f->ends_on));
}

static char *
year_text(const OutingFacts *f)
{
	return psprintf("%d-%d", f->school_year, f->school_year + 1);
}

/*
 * Records a violation.  detail is a sentence without its final period: the
 * rule's sections are added after it.
 */
static void
add_violation(Judgement *j, const char *rule, const char *unit, int64 measured, int64 limit_value,
			  char *message, char *detail, char *hint)
{
	const OutingFacts *f = j->facts;
	const RuleEntry *entry = catalogue_rule(rule);
	OutingViolation *v = palloc0(sizeof(OutingViolation));
	int			i;

	v->rule = entry->code;
	v->is_error = entry->is_error;
	v->sections = format_sections(entry->sections);
	v->centre_id = f->centre_id;
	v->outing_id = f->outing_id;
	v->outing_name = f->name;
	v->day = f->starts_on;
	v->has_figures = unit != NULL;
	v->measured = measured;
	v->limit_value = limit_value;
	v->unit = unit;
	v->message = message;
	v->detail = psprintf("%s (%s).", detail, v->sections);
	v->hint = hint;
	for (i = 0; i < f->nauthorisations; i++)
		if (strcmp(f->authorised_rules[i], rule) == 0)
			v->authorisation_id = f->authorisation_ids[i];
	j->violations = lappend(j->violations, v);
}

/* ---------------------------------------------------------------------
 * The rules, in the order of their sections
 */

/* 6.1: in the annual programme (or valued by the school council), authorised by the director */
static void
judge_programmed(Judgement *j)
{
	const OutingFacts *f = j->facts;

	if (!f->in_annual_programme && !f->valued_by_school_council)
		add_violation(j, "outing_programmed", NULL, 0, 0,
					  psprintf("%s is neither in the annual programme nor valued by the school council", j->subject),
					  pstrdup("An activity outside the centre must be in the centre's annual programme (programació general anual) or, planned with enough notice, be valued by the school council"),
					  pstrdup("Include the outing in the annual programme or have the school council value it, and record it in in_annual_programme or valued_by_school_council."));
	if (!f->has_director)
		add_violation(j, "outing_programmed", NULL, 0, 0,
					  psprintf("%s has not been authorised by the director", j->subject),
					  pstrdup("Every activity outside the centre must be authorised by the director"),
					  pstrdup("Record the date of the director's authorisation in director_authorised_on."));
	else if (!recorded_on_or_before(true, f->director_authorised_on, f->starts_on))
		add_violation(j, "outing_programmed", NULL, 0, 0,
					  psprintf("%s was authorised by the director on %s, after it started",
							   j->subject, date_text(f->director_authorised_on)),
					  psprintf("Every activity outside the centre must be authorised by the director before it takes place; the outing starts on %s",
							   date_text(f->starts_on)),
					  pstrdup("Record in director_authorised_on the date the director authorised the outing, which must come before its first day."));
}

/* 6.2: a change of the whole centre's usual spaces is communicated beforehand */
static void
judge_communicated(Judgement *j)
{
	const OutingFacts *f = j->facts;

	if (!f->changes_centre_spaces)
		return;
	if (!f->has_communicated)
		add_violation(j, "outing_communicated", NULL, 0, 0,
					  psprintf("%s changes the usual spaces of the whole centre and has not been communicated to the territorial services",
							   j->subject),
					  pstrdup("An activity that changes the usual spaces of the whole centre must be communicated beforehand to the territorial services (in Barcelona, to the Consorci d'Educació)"),
					  pstrdup("Communicate the outing to the territorial services before it starts and record the date in communicated_on."));
	else if (!recorded_on_or_before(true, f->communicated_on, f->starts_on))
		add_violation(j, "outing_communicated", NULL, 0, 0,
					  psprintf("%s was communicated to the territorial services on %s, after it started",
							   j->subject, date_text(f->communicated_on)),
					  psprintf("An activity that changes the usual spaces of the whole centre must be communicated beforehand to the territorial services (in Barcelona, to the Consorci d'Educació); the outing starts on %s",
							   date_text(f->starts_on)),
					  pstrdup("Record in communicated_on the date of the communication, which must come before the outing's first day."));
}

/* 6.3: every minor has a written authorisation from the family */
static void
judge_authorisation(Judgement *j)
{
	const OutingFacts *f = j->facts;
	bool		informed = recorded_on_or_before(f->has_families_informed, f->families_informed_on, f->starts_on);
	List	   *unlisted_groups = NIL;
	int64		unlisted = 0;
	int64		going = 0;
	List	   *without = NIL;
	List	   *not_specific = NIL;
	List	   *yearly_uninformed = NIL;
	int			i;

	for (i = 0; i < f->ngroups; i++)
	{
		const GroupFacts *g = &f->groups[i];

		going += Max(g->declared, g->listed);
		if (g->declared > g->listed)
		{
			unlisted += g->declared - g->listed;
			unlisted_groups = lappend(unlisted_groups,
									  psprintf("group \"%s\" sends " INT64_FORMAT " and lists " INT64_FORMAT,
											   g->name, g->declared, g->listed));
		}
	}
	for (i = 0; i < f->npupils; i++)
	{
		const PupilFacts *p = &f->pupils[i];

		switch (family_authorisation_problem(p->minor, p->authorisation, f->multi_day, informed))
		{
			case FAP_OK:
				break;
			case FAP_NONE:
				without = lappend(without, pupil_text(p));
				break;
			case FAP_NOT_SPECIFIC:
				not_specific = lappend(not_specific,
									   psprintf("%s (%s, %s)", p->pupil, p->group,
												p->authorisation == FA_YEARLY ? "yearly" : "none"));
				break;
			case FAP_FAMILIES_NOT_INFORMED:
				yearly_uninformed = lappend(yearly_uninformed, pupil_text(p));
				break;
		}
	}

	if (unlisted > 0)
		add_violation(j, "outing_authorisation", "pupils", unlisted, 0,
					  psprintf("%s does not list " INT64_FORMAT " of the " INT64_FORMAT " pupils who go",
							   j->subject, unlisted, going),
					  psprintf("The written authorisation of every minor must be on record, so every pupil who goes is listed; %s",
							   name_list(unlisted_groups)),
					  pstrdup("List every pupil who goes in outing_pupils, or correct the number of pupils going in outing_groups."));
	if (without != NIL)
		add_violation(j, "outing_authorisation", "pupils", list_length(without), 0,
					  psprintf("%s takes %s without a written authorisation from their families",
							   j->subject, count_of(list_length(without), "minor", "minors")),
					  psprintf("Every minor on an activity outside the centre needs the written authorisation of a parent or guardian; %s %s none",
							   name_list(without), list_length(without) == 1 ? "has" : "have"),
					  pstrdup("Collect the written authorisations and record them in family_authorisation; a yearly one is enough for an outing without a night away."));
	if (not_specific != NIL)
		add_violation(j, "outing_authorisation", "pupils", list_length(not_specific), 0,
					  psprintf("%s takes %s without a specific authorisation for a night away",
							   j->subject, count_of(list_length(not_specific), "minor", "minors")),
					  psprintf("An outing with a night away needs a specific written authorisation from the family of every minor, a yearly one is not enough; %s %s no specific one",
							   name_list(not_specific), list_length(not_specific) == 1 ? "has" : "have"),
					  pstrdup("Collect a specific authorisation for this outing from each of those families and record family_authorisation = 'specific'."));
	if (yearly_uninformed != NIL)
		add_violation(j, "outing_authorisation", "pupils", list_length(yearly_uninformed), 0,
					  psprintf("%s relies on the yearly authorisation of %s whose families were not told of it beforehand",
							   j->subject, count_of(list_length(yearly_uninformed), "minor", "minors")),
					  psprintf("A yearly authorisation holds only if the outing is communicated to the families beforehand; %s, and the outing starts on %s; %s %s only a yearly one",
							   f->has_families_informed
							   ? psprintf("they were told on %s", date_text(f->families_informed_on))
							   : pstrdup("families_informed_on is not recorded"),
							   date_text(f->starts_on), name_list(yearly_uninformed),
							   list_length(yearly_uninformed) == 1 ? "has" : "have"),
					  pstrdup("Tell the families of the outing before it starts and record the date in families_informed_on, or collect specific authorisations."));
}

/* 6.5: at least two escorts, one of them a teacher; the programme may ask for more */
static void
judge_escorts(Judgement *j)
{
	const OutingFacts *f = j->facts;
	int64		required = Max(f->limits.min_escorts, f->programme_min_escorts);

	if (f->escorts < required)
		add_violation(j, "outing_escorts", "escorts", f->escorts, required,
					  psprintf("%s has %s, fewer than " INT64_FORMAT, j->subject,
							   count_of(f->escorts, "escort", "escorts"), required),
					  f->programme_min_escorts > f->limits.min_escorts
					  ? psprintf("The annual programme requires at least %d escorts for this outing (the general minimum is %d, at least %d of them a teacher); it has " INT64_FORMAT,
								 f->programme_min_escorts, f->limits.min_escorts,
								 f->limits.min_teacher_escorts, f->escorts)
					  : psprintf("In %s an outing needs at least %s, at least %d of them a teacher; it has " INT64_FORMAT ", of whom " INT64_FORMAT " %s a teacher",
								 year_text(f), count_of(required, "escort", "escorts"),
								 f->limits.min_teacher_escorts, f->escorts, f->teacher_escorts,
								 f->teacher_escorts == 1 ? "is" : "are"),
					  psprintf("Add %s to the outing.", count_of(required - f->escorts, "escort", "escorts")));
	if (f->teacher_escorts < f->limits.min_teacher_escorts)
		add_violation(j, "outing_escorts", "teachers", f->teacher_escorts, f->limits.min_teacher_escorts,
					  f->teacher_escorts == 0
					  ? psprintf("%s has no teacher among its %s", j->subject,
								 count_of(f->escorts, "escort", "escorts"))
					  : psprintf("%s has %s among its escorts, fewer than %d", j->subject,
								 count_of(f->teacher_escorts, "teacher", "teachers"),
								 f->limits.min_teacher_escorts),
					  psprintf("In %s at least %s of an outing must be %s; of its %s, " INT64_FORMAT " %s",
							   year_text(f), count_of(f->limits.min_teacher_escorts, "escort", "escorts"),
							   f->limits.min_teacher_escorts == 1 ? "a teacher" : "teachers",
							   count_of(f->escorts, "escort", "escorts"), f->teacher_escorts,
							   f->teacher_escorts == 1 ? "is" : "are"),
					  pstrdup("Make a teacher one of the escorts (outing_escorts.teacher_id)."));
}

/* Pupils of one stage who count against one ratio. */
typedef struct Bucket
{
	const char *stage;
	int32		ratio;
	bool		adapted;		/* pupils with special needs, at the centre's adapted ratio */
	int64		pupils;
} Bucket;

static void
add_to_bucket(Bucket *buckets, int *nbuckets, const char *stage, int32 ratio, bool adapted, int64 pupils)
{
	int			i;

	if (pupils == 0)
		return;
	for (i = 0; i < *nbuckets; i++)
		if (strcmp(buckets[i].stage, stage) == 0 && buckets[i].ratio == ratio &&
			buckets[i].adapted == adapted)
		{
			buckets[i].pupils += pupils;
			return;
		}
	buckets[*nbuckets].stage = stage;
	buckets[*nbuckets].ratio = ratio;
	buckets[*nbuckets].adapted = adapted;
	buckets[*nbuckets].pupils = pupils;
	(*nbuckets)++;
}

static const char *
joiner(int i, int n)
{
	return i == 0 ? "" : i == n - 1 ? " and " : ", ";
}

static char *
hundredths_text(const EscortNeed *need)
{
	int64		h = escort_need_hundredths(need);

	if (h < 0)
		return psprintf(INT64_FORMAT "/" INT64_FORMAT, need->numerator, need->denominator);
	return psprintf(INT64_FORMAT ".%02d", h / 100, (int) (h % 100));
}

/*
 * 6.5.1, public centres: the pupils of each stage need pupils/ratio of an
 * escort; the outing needs the sum, rounded up.  Pupils with special needs
 * count at the centre's adapted ratio where it is stricter.
 */
static void
judge_ratio(Judgement *j)
{
	const OutingFacts *f = j->facts;
	Bucket	   *buckets;
	EscortShare *shares;
	int			nbuckets = 0;
	EscortNeed	need;
	int64		pupils = 0;
	int64		required;
	StringInfoData ratios;
	StringInfoData counts;
	StringInfoData formula;
	int			i;

	if (!f->public_centre || f->ngroups == 0)
		return;
	buckets = palloc(sizeof(Bucket) * f->ngroups * 2);
	for (i = 0; i < f->ngroups; i++)
	{
		const GroupFacts *g = &f->groups[i];
		int64		going = Max(g->declared, g->listed);
		int32		special = special_needs_ratio(g->ratio, g->adapted_ratio);
		int64		with_needs = special < g->ratio ? Min(g->special_needs, going) : 0;

		add_to_bucket(buckets, &nbuckets, g->stage, g->ratio, false, going - with_needs);
		add_to_bucket(buckets, &nbuckets, g->stage, special, true, with_needs);
		pupils += going;
	}
	shares = palloc(sizeof(EscortShare) * Max(nbuckets, 1));
	for (i = 0; i < nbuckets; i++)
	{
		shares[i].pupils = buckets[i].pupils;
		shares[i].pupils_per_escort = buckets[i].ratio;
	}
	if (escort_need(shares, nbuckets, &need) != EK_OK)
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("too many pupils on outing \"%s\" to count its escorts", f->name));
	if (f->escorts >= need.escorts)
		return;
	required = escorts_required(&need, f->limits.min_escorts);

	initStringInfo(&ratios);
	initStringInfo(&counts);
	initStringInfo(&formula);
	for (i = 0; i < nbuckets; i++)
	{
		const Bucket *b = &buckets[i];
		const char *stage = escort_stage_name(b->stage);

		if (b->adapted)
			appendStringInfo(&ratios, "%s%d for pupils of %s with special needs (the centre's adapted ratio)",
							 joiner(i, nbuckets), b->ratio, stage);
		else
			appendStringInfo(&ratios, "%s%d%s in %s", joiner(i, nbuckets), b->ratio,
							 i == 0 ? " pupils per escort" : "", stage);
		appendStringInfo(&counts, "%s" INT64_FORMAT "%s of %s%s", joiner(i, nbuckets), b->pupils,
						 i == 0 ? " pupils" : "", stage, b->adapted ? " with special needs" : "");
		appendStringInfo(&formula, "%s" INT64_FORMAT "/%d", i == 0 ? "" : " + ", b->pupils, b->ratio);
	}
	add_violation(j, "outing_ratio", "escorts", f->escorts, required,
				  psprintf("%s has %s for " INT64_FORMAT " pupils, fewer than the " INT64_FORMAT " required",
						   j->subject, count_of(f->escorts, "escort", "escorts"), pupils, required),
				  psprintf("In %s %s of a public centre takes at most %s; its %s need %s = %s escorts, so " INT64_FORMAT " %s required%s and it has " INT64_FORMAT,
						   year_text(f), f->multi_day ? "an outing of more than one day" : "a one-day outing",
						   ratios.data, counts.data, formula.data, hundredths_text(&need),
						   required, required == 1 ? "is" : "are",
						   required > need.escorts ? psprintf(" (never fewer than %d)", f->limits.min_escorts) : "",
						   f->escorts),
				  psprintf("Add %s or take fewer pupils; only the director, after hearing the school council, may set the ratio aside for this outing (an authorisation of rule outing_ratio naming it).",
						   count_of(required - f->escorts, "escort", "escorts")));
}

static char *
validity_text(const OutingLimits *limits)
{
	if (limits->valid_days == 0)
		return count_of(limits->valid_months, "month", "months");
	if (limits->valid_months == 0)
		return count_of(limits->valid_days, "day", "days");
	return psprintf("%s and %s", count_of(limits->valid_months, "month", "months"),
					count_of(limits->valid_days, "day", "days"));
}

/* 6.6: abroad, travel documents for every pupil, a police-stamped authorisation for every minor */
static void
judge_abroad(Judgement *j)
{
	const OutingFacts *f = j->facts;
	List	   *undocumented = NIL;
	List	   *unauthorised = NIL;
	List	   *not_covering = NIL;
	int			i;

	if (!f->abroad)
		return;
	for (i = 0; i < f->npupils; i++)
	{
		const PupilFacts *p = &f->pupils[i];

		if (!p->travel_documents)
			undocumented = lappend(undocumented, pupil_text(p));
		switch (police_authorisation_problem(p->minor, p->has_police, p->police_issued_on,
											 p->police_valid_until, f->starts_on, f->ends_on))
		{
			case PA_OK:
				break;
			case PA_MISSING:
				unauthorised = lappend(unauthorised, pupil_text(p));
				break;
			case PA_NOT_COVERING:
				not_covering = lappend(not_covering,
									   psprintf("%s's (%s) was issued on %s and is valid until %s",
												p->pupil, p->group, date_text(p->police_issued_on),
												date_text(p->police_valid_until)));
				break;
		}
	}
	if (undocumented != NIL)
		add_violation(j, "outing_abroad", "pupils", list_length(undocumented), 0,
					  psprintf("%s goes abroad with %s who lack travel documents", j->subject,
							   count_of(list_length(undocumented), "pupil", "pupils")),
					  psprintf("On a trip abroad every pupil must have the required documents (passport, visa...) beforehand; %s %s not",
							   name_list(undocumented), list_length(undocumented) == 1 ? "does" : "do"),
					  pstrdup("Record travel_documents once each pupil has them, or leave those pupils out of the trip."));
	if (unauthorised != NIL)
		add_violation(j, "outing_abroad", "pupils", list_length(unauthorised), 0,
					  psprintf("%s goes abroad with %s without a police-stamped authorisation", j->subject,
							   count_of(list_length(unauthorised), "minor", "minors")),
					  psprintf("A minor travelling abroad needs the authorisation of a parent or guardian, stamped and signed by the Mossos d'Esquadra; %s %s none",
							   name_list(unauthorised), list_length(unauthorised) == 1 ? "has" : "have"),
					  pstrdup("Have each family obtain the authorisation at a police station and record its date of issue in police_authorisation_issued_on."));
	if (not_covering != NIL)
		add_violation(j, "outing_abroad", "pupils", list_length(not_covering), 0,
					  psprintf("%s goes abroad with %s whose police-stamped authorisation does not cover the whole trip",
							   j->subject, count_of(list_length(not_covering), "minor", "minors")),
					  psprintf("A police-stamped authorisation is valid for %s from its issue and must hold from the departure on %s to the return on %s; %s",
							   validity_text(&f->limits), date_text(f->starts_on), date_text(f->ends_on),
							   name_list(not_covering)),
					  psprintf("Have those families renew the authorisation before the trip, so that it is valid until %s, and record its new date of issue.",
							   date_text(f->ends_on)));
}

List *
outing_judge(const OutingModel *model, int64 centre_id, int64 outing_id, bool for_commit, bool *exists)
{
	OutingFacts facts;
	Judgement	j;

	*exists = read_facts(model, centre_id, outing_id, for_commit, &facts);
	if (!*exists)
		return NIL;
	j.facts = &facts;
	j.subject = outing_subject(&facts);
	j.violations = NIL;
	judge_programmed(&j);
	judge_communicated(&j);
	judge_authorisation(&j);
	judge_escorts(&j);
	judge_ratio(&j);
	judge_abroad(&j);
	return j.violations;
}

bool
outing_violation_refuses(const OutingViolation *violation)
{
	return violation->is_error && violation->authorisation_id == 0;
}
