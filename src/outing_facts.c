/*
 * outing_facts.c
 *		Reading what the outing rules need, with a handful of queries: the
 *		outing, its groups with their stage and ratio, its escorts, its
 *		pupils, the authorisations naming it, the catalogue's figures.
 */
#include "schooltime.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "catalogue.h"
#include "outing_facts.h"
#include "spi_util.h"

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
				f->multi_day
				? errmsg("the schooltime catalogue has no escort ratio for multi-day outings of %s in school year %d-%d",
						 escort_stage_name(g->stage), f->school_year, f->school_year + 1)
				: errmsg("the schooltime catalogue has no escort ratio for one-day outings of %s in school year %d-%d",
						 escort_stage_name(g->stage), f->school_year, f->school_year + 1),
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

bool
outing_read_facts(const OutingModel *model, int64 centre_id, int64 outing_id, bool for_commit,
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

