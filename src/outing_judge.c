/*
 * outing_judge.c
 *		Judging one outing against every rule of section 6.
 *
 * Two phases.  First every fact the rules need is read (outing_facts.c).
 * Then each rule is decided by the kernel (outing_kernel.c) and, where
 * broken, worded: the message names the outing and its days, the DETAIL
 * gives the figures and the section, the HINT what would fix it.
 */
#include "schooltime.h"

#include <stdlib.h>

#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/datetime.h"

#include "catalogue.h"
#include "outing_judge.h"
#include "outing_kernel.h"
#include "outing_ratio.h"
#include "violation.h"

/* Names listed in a message before "and N more". */
#define LISTED_NAMES 5

typedef struct Judgement
{
	const OutingFacts *facts;
	char	   *subject;		/* 'outing "Colònies" from 2019-03-12 to 2019-03-14' */
	List	   *violations;
} Judgement;

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

/*
 * "A", "A and B", "A, B and C", "A, B, C, D, E and 2 more"; with sep "; "
 * (for items that hold commas), "A; B; and C".
 */
static char *
list_text(List *items, const char *sep)
{
	StringInfoData buf;
	int			n = list_length(items);
	int			shown = n > LISTED_NAMES ? LISTED_NAMES : n;
	const char *last = strcmp(sep, "; ") == 0 ? "; and " : " and ";
	int			i;

	initStringInfo(&buf);
	for (i = 0; i < shown; i++)
	{
		if (i > 0)
			appendStringInfoString(&buf, (i == shown - 1 && shown == n) ? last : sep);
		appendStringInfoString(&buf, (char *) list_nth(items, i));
	}
	if (shown < n)
		appendStringInfo(&buf, "%s%d more", last, n - shown);
	return buf.data;
}

static char *
name_list(List *names)
{
	return list_text(names, ", ");
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

	/* copied: the cached catalogue may be reloaded before the violation is used */
	v->rule = pstrdup(entry->code);
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

/* "none", "1, a teacher", "3, 1 of them a teacher", "2, none of them a teacher" */
static char *
escorts_text(int64 escorts, int64 teachers)
{
	if (escorts == 0)
		return pstrdup("none");
	if (escorts == 1)
		return pstrdup(teachers == 1 ? "1, a teacher" : "1, not a teacher");
	if (teachers == 0)
		return psprintf(INT64_FORMAT ", none of them a teacher", escorts);
	if (teachers == escorts)
		return psprintf(INT64_FORMAT ", all of them teachers", escorts);
	return psprintf(INT64_FORMAT ", " INT64_FORMAT " of them %s", escorts, teachers,
					teachers == 1 ? "a teacher" : "teachers");
}

/* 6.5: at least two escorts, one of them a teacher; the programme may ask for more */
static void
judge_escorts(Judgement *j)
{
	const OutingFacts *f = j->facts;
	int64		required = Max(f->limits.min_escorts, f->programme_min_escorts);
	int			min_teachers = f->limits.min_teacher_escorts;

	if (f->escorts < required)
		add_violation(j, "outing_escorts", "escorts", f->escorts, required,
					  psprintf("%s has %s, fewer than " INT64_FORMAT, j->subject,
							   count_of(f->escorts, "escort", "escorts"), required),
					  f->programme_min_escorts > f->limits.min_escorts
					  ? psprintf("The annual programme requires at least %d escorts for this outing, where the general minimum is %d, at least %d of them %s; it has %s",
								 f->programme_min_escorts, f->limits.min_escorts, min_teachers,
								 min_teachers == 1 ? "a teacher" : "teachers",
								 escorts_text(f->escorts, f->teacher_escorts))
					  : psprintf("In %s an outing needs at least %s, at least %d of them %s; it has %s",
								 year_text(f), count_of(required, "escort", "escorts"), min_teachers,
								 min_teachers == 1 ? "a teacher" : "teachers",
								 escorts_text(f->escorts, f->teacher_escorts)),
					  psprintf("Add %s to the outing.", count_of(required - f->escorts, "escort", "escorts")));
	if (f->teacher_escorts < min_teachers)
		add_violation(j, "outing_escorts", "teachers", f->teacher_escorts, min_teachers,
					  f->teacher_escorts == 0
					  ? psprintf("%s has no teacher among its escorts", j->subject)
					  : psprintf("%s has %s among its escorts, fewer than %d", j->subject,
								 count_of(f->teacher_escorts, "teacher", "teachers"), min_teachers),
					  f->teacher_escorts == 0
					  ? psprintf("In %s at least %s of an outing must be %s; %s",
								 year_text(f), count_of(min_teachers, "escort", "escorts"),
								 min_teachers == 1 ? "a teacher" : "teachers",
								 f->escorts == 0 ? "it has none"
								 : f->escorts == 1 ? "its only escort is not"
								 : psprintf("none of its " INT64_FORMAT " escorts is", f->escorts))
					  : psprintf("In %s at least %d escorts of an outing must be teachers; only " INT64_FORMAT " of its " INT64_FORMAT " %s",
								 year_text(f), min_teachers, f->teacher_escorts, f->escorts,
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

/* In the order of the document's list of stages; adapted ratios after their stage. */
static int
bucket_order(const void *a, const void *b)
{
	const Bucket *x = a;
	const Bucket *y = b;
	int			rx = escort_stage_rank(x->stage);
	int			ry = escort_stage_rank(y->stage);

	if (rx != ry)
		return rx < ry ? -1 : 1;
	if (x->adapted != y->adapted)
		return x->adapted ? 1 : -1;
	return x->ratio < y->ratio ? 1 : x->ratio > y->ratio ? -1 : 0;
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
	qsort(buckets, nbuckets, sizeof(Bucket), bucket_order);
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
				  psprintf("In %s a public centre's %s takes at most %s; its %s need %s = %s escorts, so " INT64_FORMAT " %s required%s and it has " INT64_FORMAT,
						   year_text(f), f->multi_day ? "outing of more than one day" : "one-day outing",
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
									   psprintf("%s holds one issued on %s, valid until %s",
												pupil_text(p), date_text(p->police_issued_on),
												date_text(p->police_valid_until)));
				break;
		}
	}
	if (undocumented != NIL)
		add_violation(j, "outing_abroad", "pupils", list_length(undocumented), 0,
					  psprintf("%s goes abroad with %s who %s travel documents", j->subject,
							   count_of(list_length(undocumented), "pupil", "pupils"),
							   list_length(undocumented) == 1 ? "lacks" : "lack"),
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
					  psprintf("A police-stamped authorisation is valid for %s from its issue and must hold from the departure on %s to the return on %s: %s",
							   validity_text(&f->limits), date_text(f->starts_on), date_text(f->ends_on),
							   list_text(not_covering, "; ")),
					  psprintf("Have those families renew the authorisation before the trip, so that it is valid until %s, and record its new date of issue.",
							   date_text(f->ends_on)));
}

List *
outing_judge(const OutingModel *model, int64 centre_id, int64 outing_id, bool for_commit, bool *exists)
{
	OutingFacts facts;
	Judgement	j;

	*exists = outing_read_facts(model, centre_id, outing_id, for_commit, &facts);
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
