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
#include "wording.h"

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
	return date_adt_words(date);
}

/* "1 escort", "3 escorts" */
static char *
escorts_words(int64 n)
{
	return psprintf(_n("%lld escort", "%lld escorts", n), (long long) n);
}

/*
 * "A", "A and B", "A, B and C", "A, B, C, D, E and 2 more"; with sep "; "
 * (for items that hold commas), "A; B; and C".
 */
static char *
list_text(List *items, const char *sep)
{
	bool		semicolons = strcmp(sep, "; ") == 0;
	int			n = list_length(items);
	int			shown = n > LISTED_NAMES ? LISTED_NAMES : n;
	char	   *text;
	int			i;

	if (n == 0)
		return pstrdup("");
	/* all but the last shown, with the separator */
	text = (char *) linitial(items);
	for (i = 1; i < shown - (shown == n ? 1 : 0); i++)
		text = psprintf("%s%s%s", text, sep, (char *) list_nth(items, i));
	if (shown < n)
		return semicolons
			? psprintf(_n("%s; and %d more", "%s; and %d more", n - shown), text, n - shown)
			: psprintf(_n("%s and %d more", "%s and %d more", n - shown), text, n - shown);
	if (n == 1)
		return text;
	/* translator: the last two items of a list: "A, B and C" */
	return semicolons
		? psprintf(_("%s; and %s"), text, (char *) list_nth(items, n - 1))
		: psprintf(_("%s and %s"), text, (char *) list_nth(items, n - 1));
}

/* Every item, however many: "A", "A and B", "A, B and C". */
static char *
all_text(List *items)
{
	char	   *text;
	int			n = list_length(items);
	int			i;

	if (n == 0)
		return pstrdup("");
	text = (char *) linitial(items);
	for (i = 1; i < n - 1; i++)
		text = psprintf("%s, %s", text, (char *) list_nth(items, i));
	return n == 1 ? text : psprintf(_("%s and %s"), text, (char *) list_nth(items, n - 1));
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
		return psprintf(_("outing \"%s\" on %s"), f->name, date_text(f->starts_on));
	return psprintf(_("outing \"%s\" from %s to %s"), f->name, date_text(f->starts_on), date_text(f->ends_on));
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
					  psprintf(_("%s is neither in the annual programme nor valued by the school council"), j->subject),
					  pstrdup(_("An activity outside the centre must be in the centre's annual programme (programació general anual) or, planned with enough notice, be valued by the school council")),
					  pstrdup(_("Include the outing in the annual programme or have the school council value it, and record it in in_annual_programme or valued_by_school_council.")));
	if (!f->has_director)
		add_violation(j, "outing_programmed", NULL, 0, 0,
					  psprintf(_("%s has not been authorised by the director"), j->subject),
					  pstrdup(_("Every activity outside the centre must be authorised by the director")),
					  pstrdup(_("Record the date of the director's authorisation in director_authorised_on.")));
	else if (!recorded_on_or_before(true, f->director_authorised_on, f->starts_on))
		add_violation(j, "outing_programmed", NULL, 0, 0,
					  psprintf(_("%s was authorised by the director on %s, after it started"),
							   j->subject, date_text(f->director_authorised_on)),
					  psprintf(_("Every activity outside the centre must be authorised by the director before it takes place; the outing starts on %s"),
							   date_text(f->starts_on)),
					  pstrdup(_("Record in director_authorised_on the date the director authorised the outing, which must come before its first day.")));
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
					  psprintf(_("%s changes the usual spaces of the whole centre and has not been communicated to the territorial services"),
							   j->subject),
					  pstrdup(_("An activity that changes the usual spaces of the whole centre must be communicated beforehand to the territorial services (in Barcelona, to the Consorci d'Educació)")),
					  pstrdup(_("Communicate the outing to the territorial services before it starts and record the date in communicated_on.")));
	else if (!recorded_on_or_before(true, f->communicated_on, f->starts_on))
		add_violation(j, "outing_communicated", NULL, 0, 0,
					  psprintf(_("%s was communicated to the territorial services on %s, after it started"),
							   j->subject, date_text(f->communicated_on)),
					  psprintf(_("An activity that changes the usual spaces of the whole centre must be communicated beforehand to the territorial services (in Barcelona, to the Consorci d'Educació); the outing starts on %s"),
							   date_text(f->starts_on)),
					  pstrdup(_("Record in communicated_on the date of the communication, which must come before the outing's first day.")));
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
	int			n;
	int			i;

	for (i = 0; i < f->ngroups; i++)
	{
		const GroupFacts *g = &f->groups[i];

		going += Max(g->declared, g->listed);
		if (g->declared > g->listed)
		{
			unlisted += g->declared - g->listed;
			unlisted_groups = lappend(unlisted_groups,
									  psprintf(_("group \"%s\" sends %lld and lists %lld"),
											   g->name, (long long) g->declared, (long long) g->listed));
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
				/* translator: a pupil, the group and the kind of authorisation the family gave */
				not_specific = lappend(not_specific,
									   p->authorisation == FA_YEARLY
									   ? psprintf(_("%s (%s, yearly)"), p->pupil, p->group)
									   : psprintf(_("%s (%s, none)"), p->pupil, p->group));
				break;
			case FAP_FAMILIES_NOT_INFORMED:
				yearly_uninformed = lappend(yearly_uninformed, pupil_text(p));
				break;
		}
	}

	if (unlisted > 0)
		add_violation(j, "outing_authorisation", "pupils", unlisted, 0,
					  psprintf(_("%s does not list %lld of the %lld pupils who go"),
							   j->subject, (long long) unlisted, (long long) going),
					  psprintf(_("The written authorisation of every minor must be on record, so every pupil who goes is listed; %s"),
							   name_list(unlisted_groups)),
					  pstrdup(_("List every pupil who goes in outing_pupils, or correct the number of pupils going in outing_groups.")));
	if (without != NIL)
	{
		n = list_length(without);
		add_violation(j, "outing_authorisation", "pupils", n, 0,
					  psprintf(_n("%s takes %d minor without a written authorisation from their families",
								  "%s takes %d minors without a written authorisation from their families", n),
							   j->subject, n),
					  psprintf(_n("Every minor on an activity outside the centre needs the written authorisation of a parent or guardian; %s has none",
								  "Every minor on an activity outside the centre needs the written authorisation of a parent or guardian; %s have none", n),
							   name_list(without)),
					  pstrdup(_("Collect the written authorisations and record them in family_authorisation; a yearly one is enough for an outing without a night away.")));
	}
	if (not_specific != NIL)
	{
		n = list_length(not_specific);
		add_violation(j, "outing_authorisation", "pupils", n, 0,
					  psprintf(_n("%s takes %d minor without a specific authorisation for a night away",
								  "%s takes %d minors without a specific authorisation for a night away", n),
							   j->subject, n),
					  psprintf(_n("An outing with a night away needs a specific written authorisation from the family of every minor, a yearly one is not enough; %s has no specific one",
								  "An outing with a night away needs a specific written authorisation from the family of every minor, a yearly one is not enough; %s have no specific one", n),
							   name_list(not_specific)),
					  pstrdup(_("Collect a specific authorisation for this outing from each of those families and record family_authorisation = 'specific'.")));
	}
	if (yearly_uninformed != NIL)
	{
		n = list_length(yearly_uninformed);
		add_violation(j, "outing_authorisation", "pupils", n, 0,
					  psprintf(_n("%s relies on the yearly authorisation of %d minor whose families were not told of it beforehand",
								  "%s relies on the yearly authorisation of %d minors whose families were not told of it beforehand", n),
							   j->subject, n),
					  f->has_families_informed
					  ? psprintf(_n("A yearly authorisation holds only if the outing is communicated to the families beforehand; they were told on %s, and the outing starts on %s; %s has only a yearly one",
									"A yearly authorisation holds only if the outing is communicated to the families beforehand; they were told on %s, and the outing starts on %s; %s have only a yearly one", n),
								 date_text(f->families_informed_on), date_text(f->starts_on), name_list(yearly_uninformed))
					  : psprintf(_n("A yearly authorisation holds only if the outing is communicated to the families beforehand; families_informed_on is not recorded, and the outing starts on %s; %s has only a yearly one",
									"A yearly authorisation holds only if the outing is communicated to the families beforehand; families_informed_on is not recorded, and the outing starts on %s; %s have only a yearly one", n),
								 date_text(f->starts_on), name_list(yearly_uninformed)),
					  pstrdup(_("Tell the families of the outing before it starts and record the date in families_informed_on, or collect specific authorisations.")));
	}
}

/*
 * "none", "1, a teacher", "3, 1 of them a teacher", "2, none of them a
 * teacher": how many escorts an outing has, after "it has".
 */
static char *
escorts_text(int64 escorts, int64 teachers)
{
	if (escorts == 0)
		return pstrdup(_c("escorts it has", "none"));
	if (escorts == 1)
		return pstrdup(teachers == 1 ? _("1, a teacher") : _("1, not a teacher"));
	if (teachers == 0)
		return psprintf(_("%lld, none of them a teacher"), (long long) escorts);
	if (teachers == escorts)
		return psprintf(_("%lld, all of them teachers"), (long long) escorts);
	return psprintf(_n("%lld, %lld of them a teacher", "%lld, %lld of them teachers", teachers),
					(long long) escorts, (long long) teachers);
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
					  psprintf(_n("%s has %lld escort, fewer than %lld", "%s has %lld escorts, fewer than %lld", f->escorts),
							   j->subject, (long long) f->escorts, (long long) required),
					  f->programme_min_escorts > f->limits.min_escorts
					  ? psprintf(_n("The annual programme requires at least %d escorts for this outing, where the general minimum is %d, at least %d of them a teacher; it has %s",
									"The annual programme requires at least %d escorts for this outing, where the general minimum is %d, at least %d of them teachers; it has %s",
									min_teachers),
								 f->programme_min_escorts, f->limits.min_escorts, min_teachers,
								 escorts_text(f->escorts, f->teacher_escorts))
					  : psprintf(_n("In %s an outing needs at least %s, at least %d of them a teacher; it has %s",
									"In %s an outing needs at least %s, at least %d of them teachers; it has %s",
									min_teachers),
								 year_text(f), escorts_words(required), min_teachers,
								 escorts_text(f->escorts, f->teacher_escorts)),
					  psprintf(_("Add %s to the outing."), escorts_words(required - f->escorts)));
	if (f->teacher_escorts < min_teachers)
		add_violation(j, "outing_escorts", "teachers", f->teacher_escorts, min_teachers,
					  f->teacher_escorts == 0
					  ? psprintf(_("%s has no teacher among its escorts"), j->subject)
					  : psprintf(_n("%s has %lld teacher among its escorts, fewer than %d",
									"%s has %lld teachers among its escorts, fewer than %d", f->teacher_escorts),
								 j->subject, (long long) f->teacher_escorts, min_teachers),
					  f->teacher_escorts == 0
					  ? psprintf(_n("In %s at least %d escort of an outing must be a teacher; %s",
									"In %s at least %d escorts of an outing must be teachers; %s", min_teachers),
								 year_text(f), min_teachers,
					  /* translator: how many of an outing's escorts are teachers, after "must be a teacher;" */
								 f->escorts == 0 ? _("it has none")
								 : f->escorts == 1 ? _("its only escort is not")
								 : psprintf(_("none of its %lld escorts is"), (long long) f->escorts))
					  : psprintf(_n("In %s at least %d escorts of an outing must be teachers; only %lld of its %lld is",
									"In %s at least %d escorts of an outing must be teachers; only %lld of its %lld are",
									f->teacher_escorts),
								 year_text(f), min_teachers, (long long) f->teacher_escorts, (long long) f->escorts),
					  pstrdup(_("Make a teacher one of the escorts (outing_escorts.teacher_id).")));
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

static char *
hundredths_text(const EscortNeed *need)
{
	int64		h = escort_need_hundredths(need);

	if (h < 0)
		return psprintf("%lld/%lld", (long long) need->numerator, (long long) need->denominator);
	return psprintf("%lld%s%02d", (long long) (h / 100), decimal_separator(), (int) (h % 100));
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
	List	   *ratios = NIL;
	List	   *counts = NIL;
	StringInfoData formula;
	char	   *never_fewer;
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

	/*
	 * "20 pupils per escort in ESO and 10 for pupils of ESO with special
	 * needs (...)"; "41 pupils of ESO and 3 of ESO with special needs": the
	 * first item of each list names its unit, the others leave it implied.
	 */
	initStringInfo(&formula);
	for (i = 0; i < nbuckets; i++)
	{
		const Bucket *b = &buckets[i];
		const char *stage = escort_stage_name(b->stage);

		if (b->adapted)
			ratios = lappend(ratios, psprintf(_("%d for pupils of %s with special needs (the centre's adapted ratio)"),
											  b->ratio, stage));
		else
			ratios = lappend(ratios, i == 0
							 ? psprintf(_("%d pupils per escort in %s"), b->ratio, stage)
							 : psprintf(_("%d in %s"), b->ratio, stage));
		if (b->adapted)
			counts = lappend(counts, i == 0
							 ? psprintf(_("%lld pupils of %s with special needs"), (long long) b->pupils, stage)
							 : psprintf(_("%lld of %s with special needs"), (long long) b->pupils, stage));
		else
			counts = lappend(counts, i == 0
							 ? psprintf(_("%lld pupils of %s"), (long long) b->pupils, stage)
							 : psprintf(_("%lld of %s"), (long long) b->pupils, stage));
		appendStringInfo(&formula, "%s%lld/%d", i == 0 ? "" : " + ", (long long) b->pupils, b->ratio);
	}
	never_fewer = required > need.escorts
		? psprintf(_(" (never fewer than %d)"), f->limits.min_escorts) : "";
	add_violation(j, "outing_ratio", "escorts", f->escorts, required,
				  psprintf(_n("%s has %lld escort for %lld pupils, fewer than the %lld required",
							  "%s has %lld escorts for %lld pupils, fewer than the %lld required", f->escorts),
						   j->subject, (long long) f->escorts, (long long) pupils, (long long) required),
				  f->multi_day
				  ? psprintf(_n("In %s a public centre's outing of more than one day takes at most %s; its %s need %s = %s escorts, so %lld is required%s and it has %lld",
								"In %s a public centre's outing of more than one day takes at most %s; its %s need %s = %s escorts, so %lld are required%s and it has %lld",
								required),
							 year_text(f), all_text(ratios), all_text(counts), formula.data,
							 hundredths_text(&need), (long long) required, never_fewer, (long long) f->escorts)
				  : psprintf(_n("In %s a public centre's one-day outing takes at most %s; its %s need %s = %s escorts, so %lld is required%s and it has %lld",
								"In %s a public centre's one-day outing takes at most %s; its %s need %s = %s escorts, so %lld are required%s and it has %lld",
								required),
							 year_text(f), all_text(ratios), all_text(counts), formula.data,
							 hundredths_text(&need), (long long) required, never_fewer, (long long) f->escorts),
				  psprintf(_("Add %s or take fewer pupils; only the director, after hearing the school council, may set the ratio aside for this outing (an authorisation of rule outing_ratio naming it)."),
						   escorts_words(required - f->escorts)));
}

static char *
validity_text(const OutingLimits *limits)
{
	char	   *months = psprintf(_n("%d month", "%d months", limits->valid_months), limits->valid_months);
	char	   *days = psprintf(_n("%d day", "%d days", limits->valid_days), limits->valid_days);

	if (limits->valid_days == 0)
		return months;
	if (limits->valid_months == 0)
		return days;
	return psprintf(_("%s and %s"), months, days);
}

/* 6.6: abroad, travel documents for every pupil, a police-stamped authorisation for every minor */
static void
judge_abroad(Judgement *j)
{
	const OutingFacts *f = j->facts;
	List	   *undocumented = NIL;
	List	   *unauthorised = NIL;
	List	   *not_covering = NIL;
	int			n;
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
									   psprintf(_("%s holds one issued on %s, valid until %s"),
												pupil_text(p), date_text(p->police_issued_on),
												date_text(p->police_valid_until)));
				break;
		}
	}
	if (undocumented != NIL)
	{
		n = list_length(undocumented);
		add_violation(j, "outing_abroad", "pupils", n, 0,
					  psprintf(_n("%s goes abroad with %d pupil who lacks travel documents",
								  "%s goes abroad with %d pupils who lack travel documents", n),
							   j->subject, n),
					  psprintf(_n("On a trip abroad every pupil must have the required documents (passport, visa...) beforehand; %s does not",
								  "On a trip abroad every pupil must have the required documents (passport, visa...) beforehand; %s do not", n),
							   name_list(undocumented)),
					  pstrdup(_("Record travel_documents once each pupil has them, or leave those pupils out of the trip.")));
	}
	if (unauthorised != NIL)
	{
		n = list_length(unauthorised);
		add_violation(j, "outing_abroad", "pupils", n, 0,
					  psprintf(_n("%s goes abroad with %d minor without a police-stamped authorisation",
								  "%s goes abroad with %d minors without a police-stamped authorisation", n),
							   j->subject, n),
					  psprintf(_n("A minor travelling abroad needs the authorisation of a parent or guardian, stamped and signed by the Mossos d'Esquadra; %s has none",
								  "A minor travelling abroad needs the authorisation of a parent or guardian, stamped and signed by the Mossos d'Esquadra; %s have none", n),
							   name_list(unauthorised)),
					  pstrdup(_("Have each family obtain the authorisation at a police station and record its date of issue in police_authorisation_issued_on.")));
	}
	if (not_covering != NIL)
	{
		n = list_length(not_covering);
		add_violation(j, "outing_abroad", "pupils", n, 0,
					  psprintf(_n("%s goes abroad with %d minor whose police-stamped authorisation does not cover the whole trip",
								  "%s goes abroad with %d minors whose police-stamped authorisation does not cover the whole trip", n),
							   j->subject, n),
					  psprintf(_("A police-stamped authorisation is valid for %s from its issue and must hold from the departure on %s to the return on %s: %s"),
							   validity_text(&f->limits), date_text(f->starts_on), date_text(f->ends_on),
							   list_text(not_covering, "; ")),
					  psprintf(_("Have those families renew the authorisation before the trip, so that it is valid until %s, and record its new date of issue."),
							   date_text(f->ends_on)));
	}
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
