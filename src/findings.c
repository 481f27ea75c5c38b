/*
 * findings.c
 *		Words for what a kernel found.
 *
 * One function words every set rule, so that a refused write and the
 * compliance report say the same thing.  Labels (the group's name, the
 * subject of a session) are read here, which is why only findings that
 * are shown get worded.
 */
#include "schooltime.h"

#include "utils/hsearch.h"

#include "findings.h"
#include "group_parts.h"
#include "violation.h"
#include "weektime_parse.h"
#include "wording.h"

char *
hours_text(int minutes)
{
	if (minutes < 60)
		return psprintf("%d min", minutes);
	if (minutes % 60 == 0)
		return psprintf("%d h", minutes / 60);
	return psprintf("%d h %d min", minutes / 60, minutes % 60);
}

static char *
clock(int minute_of_week)
{
	int			day = wt_weekday(minute_of_week);

	/* an end at midnight is 24:00 of the day before */
	if (minute_of_week > 0 && minute_of_week % WT_MINUTES_PER_DAY == 0)
		return pstrdup("24:00");
	return format_minute_of_day(minute_of_week - (day - 1) * WT_MINUTES_PER_DAY);
}

static const char *
year_text(int year)
{
	return psprintf("%d-%d", year, year + 1);
}

/* The index of the key's item with that id and flags, or -1. */
static int
find_item(const FindingSubject *s, int64 id, unsigned flags)
{
	int			i;

	for (i = 0; i < s->nitems; i++)
		if (s->items[i].id == id && (s->items[i].flags & ST_DUTY) == (flags & ST_DUTY))
			return i;
	return -1;
}

struct ItemLabelCache
{
	HTAB	   *labels;
	MemoryContext context;
};

typedef struct ItemLabelKey
{
	int64		centre_id;
	int64		id;
	bool		is_duty;
	bool		with_group;
} ItemLabelKey;

typedef struct ItemLabelEntry
{
	ItemLabelKey key;
	char	   *label;
} ItemLabelEntry;

ItemLabelCache *
item_label_cache_create(MemoryContext context)
{
	ItemLabelCache *cache = MemoryContextAlloc(context, sizeof(ItemLabelCache));
	HASHCTL		ctl;

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(ItemLabelKey);
	ctl.entrysize = sizeof(ItemLabelEntry);
	ctl.hcxt = context;
	cache->labels = hash_create("schooltime item labels", 256, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	cache->context = context;
	return cache;
}

/* An item's label from the model, through the subject's cache if it has one. */
static char *
item_label(const FindingSubject *s, int64 centre_id, int64 id, bool is_duty, bool with_group)
{
	ItemLabelKey key;
	ItemLabelEntry *entry;
	bool		found;

	if (s->label_cache == NULL)
		return model_item_label(s->model, centre_id, id, is_duty, with_group);
	memset(&key, 0, sizeof(key));	/* the padding is hashed too */
	key.centre_id = centre_id;
	key.id = id;
	key.is_duty = is_duty;
	key.with_group = with_group;
	entry = hash_search(s->label_cache->labels, &key, HASH_FIND, NULL);
	if (entry == NULL)
	{
		char	   *label = model_item_label(s->model, centre_id, id, is_duty, with_group);

		entry = hash_search(s->label_cache->labels, &key, HASH_ENTER, &found);
		entry->label = MemoryContextStrdup(s->label_cache->context, label);
	}
	return entry->label;
}

static char *
item_text(const FindingSubject *s, int64 id, unsigned flags, bool with_group)
{
	int			i = find_item(s, id, flags);
	char	  **known = with_group ? s->item_group_labels : s->item_labels;
	char	   *label;

	if (i >= 0 && known && known[i])
		label = known[i];
	else
		label = item_label(s, i >= 0 && s->item_centres ? s->item_centres[i] : s->centre_id,
						   id, (flags & ST_DUTY) != 0, with_group);
	if (i < 0)
		return label;
	/* a group's session of one part says which: '"Anglès" (half 1, Mon 08:00-09:00)' */
	if (!with_group && s->items[i].split != 0)
		return psprintf("%s (%s, %s)", label, group_part_name(s->shape, s->items[i].split, s->items[i].part),
						slot_words(s->items[i].start, s->items[i].end));
	return psprintf("%s (%s)", label, slot_words(s->items[i].start, s->items[i].end));
}

/* "exactly 30 h", "at least 4 h", "between 1 h and 2 h" */
static char *
requirement(int min, int max)
{
	if (min != NO_LIMIT && max != NO_LIMIT)
		return min == max ? psprintf(_("exactly %s"), hours_text(min))
			: psprintf(_("between %s and %s"), hours_text(min), hours_text(max));
	if (min != NO_LIMIT)
		return psprintf(_("at least %s"), hours_text(min));
	return psprintf(_("at most %s"), hours_text(max));
}

static void
group_text(const FindingSubject *s, const st_finding *f, FindingText *out)
{
	const RegimeLimits *l = s->limits;
	const char *year = year_text(s->school_year);
	const char *day = weekday_words(f->day);
	const char *section = format_sections(l->section);
	const char *regime = regime_words(l);

	out->sections = section;
	out->unit = "minutes";
	switch (f->rule)
	{
		case ST_GROUP_OVERLAP:
			out->sections = format_sections(catalogue_rule("group_overlap")->sections);
			out->message = psprintf(_("sessions of %s overlap on %s"), out->label, day);
			out->detail = psprintf(_("%s and %s share %s; a group is in one session at a time, except parallel parts of one of its splits and the rows of one lesson (%s)."),
								   item_text(s, f->item_a, f->flags_a, false), item_text(s, f->item_b, f->flags_b, false),
								   minutes_words(f->measured), out->sections);
			out->hint = pstrdup(_("Move one of the sessions, make them parts of one split of the group (split_half, or split and part), or rows of one lesson (lesson_id)."));
			break;
		case ST_CONTINUOUS:
			out->message = psprintf(_("%s has %d minutes of class in a row on %s"), out->label, f->measured, day);
			out->detail = psprintf(_("From %s to %s the group has no break of %d minutes or more; the limit for %s in %s is %d minutes in a row (%s)."),
								   clock(f->start), clock(f->end), l->break_min, regime, year,
								   f->limit, section);
			out->hint = psprintf(_("Put a break of at least %d minutes within every %d minutes of class."),
								 l->break_min, f->limit);
			break;
		case ST_DAILY_MAX:
			out->message = psprintf(_("%s has %d minutes of class on %s"), out->label, f->measured, day);
			out->detail = l->recess_is_lective
				? psprintf(_("The limit for %s in %s is %d class minutes a day, recess included (%s); the day runs from %s to %s."),
						   regime, year, f->limit, section, clock(f->start), clock(f->end))
				: psprintf(_("The limit for %s in %s is %d class minutes a day (%s); the day runs from %s to %s."),
						   regime, year, f->limit, section, clock(f->start), clock(f->end));
			out->hint = psprintf(_("Remove at least %s of class from %s."), minutes_words(f->measured - f->limit), day);
			break;
		case ST_DAILY_SPAN:
			out->message = psprintf(_("%s has a day of %d minutes on %s"), out->label, f->measured, day);
			out->detail = psprintf(_("The limit for %s in %s is a day of %d minutes from the first start to the last end, recess included (%s); the day runs from %s to %s."),
								   regime, year, f->limit, section, clock(f->start), clock(f->end));
			out->hint = psprintf(_("Shorten %s by at least %s."), day, minutes_words(f->measured - f->limit));
			break;
		case ST_WEEKLY_MIN:
		case ST_WEEKLY_MAX:
			out->message = f->rule == ST_WEEKLY_MIN
				? psprintf(_("%s has %s of lective time a week, less than %s requires"),
						   out->label, hours_text(f->measured), regime)
				: psprintf(_("%s has %s of lective time a week, more than %s requires"),
						   out->label, hours_text(f->measured), regime);
			out->detail = l->recess_is_lective
				? psprintf(_("In %s, groups of %s have %s of lective time a week, recess included (%s)."),
						   year, regime, requirement(l->weekly_min, l->weekly_max), section)
				: psprintf(_("In %s, groups of %s have %s of lective time a week, research work and recess not counted (%s)."),
						   year, regime, requirement(l->weekly_min, l->weekly_max), section);
			out->hint = f->rule == ST_WEEKLY_MIN
				? psprintf(_("Add %s of lective time to the week."), hours_text(f->limit - f->measured))
				: psprintf(_("Remove %s of lective time from the week."), hours_text(f->measured - f->limit));
			break;
		case ST_FREE_AFTERNOONS:
			out->unit = "days";
			out->sections = format_sections(catalogue_rule("free_afternoons")->sections);
			out->message = psprintf(_("%s has %d weekdays without afternoon class"), out->label, f->measured);
			out->detail = psprintf(_("In public centres, groups of %s have at most %d weekdays without class from %s, unless the centre has an authorised singular timetable (%s)."),
								   regime, f->limit, format_minute_of_day(l->afternoon_start),
								   out->sections);
			out->hint = psprintf(_n("Move classes to the afternoon of %d more day, or record the authorisation of a singular timetable.",
									"Move classes to the afternoon of %d more days, or record the authorisation of a singular timetable.",
									f->measured - f->limit),
								 f->measured - f->limit);
			break;
		case ST_SINGLE_SHIFT:
			out->message = psprintf(_("%s has classes both in the morning and in the afternoon on %s"), out->label, day);
			out->detail = psprintf(_("Classes of %s are organised in morning or in afternoon sessions; on %s the group has %s of class from %s besides its morning classes (%s)."),
								   regime, day, minutes_words(f->measured), format_minute_of_day(l->afternoon_start), section);
			out->hint = psprintf(_("Keep each day's classes before or after %s, or record the territorial services' authorisation."),
								 format_minute_of_day(l->afternoon_start));
			break;
		case ST_PRIMARY_TOTAL:
			out->sections = format_sections(catalogue_rule("primary_day")->sections);
			out->message = psprintf(_("%s has %d lective minutes on %s, not %d"), out->label, f->measured, day, f->limit);
			out->detail = psprintf(_("In %s, groups of %s have %s of lective time a day, recess included (%s, %s)."),
								   year, regime, hours_text(f->limit), section, out->sections);
			out->hint = psprintf(_("Make %s %d lective minutes long."), day, f->limit);
			break;
		case ST_PRIMARY_MIDDAY:
			out->sections = format_sections(catalogue_rule("primary_day")->sections);
			out->message = psprintf(_("%s has a midday interval of %d minutes on %s, shorter than %d"),
									out->label, f->measured, day, f->limit);
			out->detail = psprintf(_("In %s, groups of %s have a midday interval of at least %d minutes between the morning and the afternoon (%s)."),
								   year, regime, f->limit, section);
			out->hint = psprintf(_("Leave at least %d minutes between the morning and the afternoon classes of %s."), f->limit, day);
			break;
		case ST_PRIMARY_MORNING:
			out->sections = format_sections(catalogue_rule("primary_day")->sections);
			out->message = psprintf(_("%s has %d lective minutes in the morning on %s"), out->label, f->measured, day);
			out->detail = psprintf(_("In %s, groups of %s have %s of lective time in the morning (%s)."),
								   year, regime, requirement(l->morning_min, l->morning_max), section);
			out->hint = psprintf(_("Give the morning of %s %s of lective time."), day,
								 requirement(l->morning_min, l->morning_max));
			break;
		case ST_PRIMARY_AFTERNOON:
			out->sections = format_sections(catalogue_rule("primary_day")->sections);
			out->message = psprintf(_("%s has %d lective minutes in the afternoon on %s"), out->label, f->measured, day);
			out->detail = psprintf(_("In %s, groups of %s have %s of lective time in the afternoon (%s)."),
								   year, regime, requirement(l->afternoon_min, l->afternoon_max), section);
			out->hint = psprintf(_("Give the afternoon of %s %s of lective time."), day,
								 requirement(l->afternoon_min, l->afternoon_max));
			break;
		case ST_PRIMARY_END:
			out->unit = "minute of the day";
			out->sections = format_sections(catalogue_rule("primary_day")->sections);
			out->message = psprintf(_("%s ends its lective day at %s on %s, before %s"), out->label,
									format_minute_of_day(f->measured), day, format_minute_of_day(f->limit));
			out->detail = psprintf(_("In %s, the lective day of groups of %s does not end before %s (%s)."),
								   year, regime, format_minute_of_day(f->limit), section);
			out->hint = psprintf(_("End the lective time of %s at %s or later."), day, format_minute_of_day(f->limit));
			break;
		case ST_INDICATIVE_TOTAL:
		case ST_INDICATIVE_MORNING:
		case ST_INDICATIVE_AFTERNOON:
			if (f->rule == ST_INDICATIVE_TOTAL)
				out->message = psprintf(_("%s has %d class minutes in the day on %s, not the indicative %d"),
										out->label, f->measured, day, f->limit);
			else if (f->rule == ST_INDICATIVE_MORNING)
				out->message = psprintf(_("%s has %d class minutes in the morning on %s, not the indicative %d"),
										out->label, f->measured, day, f->limit);
			else
				out->message = psprintf(_("%s has %d class minutes in the afternoon on %s, not the indicative %d"),
										out->label, f->measured, day, f->limit);
			out->detail = psprintf(_("Indicatively, groups of %s have %s of class a day, %s in the morning and %s in the afternoon (%s)."),
								   regime, hours_text(l->indicative_daily),
								   hours_text(l->indicative_morning), hours_text(l->indicative_afternoon),
								   section);
			out->hint = pstrdup(_("This is a warning: the document gives these figures as a guide."));
			break;
		default:
			elog(ERROR, "finding of rule %d is not about a group", (int) f->rule);
	}
}

static void
teacher_text(const FindingSubject *s, const st_finding *f, FindingText *out)
{
	const StaffLimits *l = s->staff;
	const char *day = weekday_words(f->day);

	out->sections = format_sections(catalogue_rule(st_rule_code(f->rule))->sections);
	out->unit = "minutes";
	switch (f->rule)
	{
		case ST_TEACHER_OVERLAP:
			out->message = psprintf(_("%s is in two places at once on %s"), out->label, day);
			out->detail = psprintf(_("%s and %s share %s; a teacher is in one place at a time (%s)."),
								   item_text(s, f->item_a, f->flags_a, true), item_text(s, f->item_b, f->flags_b, true),
								   minutes_words(f->measured), out->sections);
			out->hint = pstrdup(_("Move one of them, or give one to another teacher."));
			break;
		case ST_TEACHER_MIDDAY:
			out->message = psprintf(_("%s has no midday interruption of %d minutes on %s"), out->label, f->limit, day);
			out->detail = psprintf(_("On a day with duties before %s and after %s, a teacher has at least %d free minutes in a row between %s and %s; the longest free stretch is %d minutes (%s)."),
								   format_minute_of_day(l->midday_window_start), format_minute_of_day(l->afternoon_start),
								   f->limit, format_minute_of_day(l->midday_window_start),
								   format_minute_of_day(l->midday_window_end), f->measured, out->sections);
			out->hint = psprintf(_("Free at least %d minutes in a row between %s and %s on %s."), f->limit,
								 format_minute_of_day(l->midday_window_start),
								 format_minute_of_day(l->midday_window_end), day);
			break;
		case ST_TEACHER_WEEK:
			out->message = psprintf(_("%s has %s of fixed schedule a week, more than %s"),
									out->label, hours_text(f->measured), hours_text(f->limit));
			out->detail = psprintf(_("A teacher's fixed weekly schedule, lessons, duties and scheduled activities, is at most %s from %s to %s in %s (%s); this one is %d minutes."),
								   hours_text(f->limit), weekday_words(l->first_weekday),
								   weekday_words(l->last_weekday), year_text(s->school_year),
								   out->sections, f->measured);
			out->hint = psprintf(_("Remove at least %s from the teacher's week."), hours_text(f->measured - f->limit));
			break;
		default:
			elog(ERROR, "finding of rule %d is not about a teacher", (int) f->rule);
	}
}

static void
centre_text(const FindingSubject *s, const st_finding *f, FindingText *out)
{
	const char *day = weekday_words(f->day);

	out->sections = format_sections(catalogue_rule(st_rule_code(f->rule))->sections);
	out->unit = "teachers";
	switch (f->rule)
	{
		case ST_GUARD_CLASS:
			out->message = psprintf(_n("%s has %d teacher on guard on %s from %s to %s, fewer than %d",
									   "%s has %d teachers on guard on %s from %s to %s, fewer than %d",
									   f->measured),
									out->label, f->measured, day, clock(f->start), clock(f->end), f->limit);
			out->detail = psprintf(_n("Every class period needs at least %d teacher on guard duty (%s); from %s to %s on %s groups are in class.",
									  "Every class period needs at least %d teachers on guard duty (%s); from %s to %s on %s groups are in class.",
									  f->limit),
								   f->limit, out->sections, clock(f->start), clock(f->end), day);
			out->hint = psprintf(_("Add guard duties covering %s %s-%s."), day, clock(f->start), clock(f->end));
			break;
		case ST_GUARD_RECESS:
			out->message = psprintf(_n("%s has %d teacher on recess guard on %s from %s to %s, fewer than %d",
									   "%s has %d teachers on recess guard on %s from %s to %s, fewer than %d",
									   f->measured),
									out->label, f->measured, day, clock(f->start), clock(f->end), f->limit);
			out->detail = psprintf(_n("Every recess needs at least %d teacher on recess_guard duty (%s); from %s to %s on %s groups are at recess.",
									  "Every recess needs at least %d teachers on recess_guard duty (%s); from %s to %s on %s groups are at recess.",
									  f->limit),
								   f->limit, out->sections, clock(f->start), clock(f->end), day);
			out->hint = psprintf(_("Add recess_guard duties covering %s %s-%s."), day, clock(f->start), clock(f->end));
			break;
		case ST_DIRECTIVE:
			out->message = psprintf(_("no member of the directive team is present at %s on %s from %s to %s"),
									out->label, day, clock(f->start), clock(f->end));
			out->detail = psprintf(_("During all lective time of the centre, and the midday interval between its morning and afternoon, a member of the directive team (or the coordinator who stands in) is present (%s)."),
								   out->sections);
			out->hint = psprintf(_("Schedule a directive duty or a session of a member of the directive team covering %s %s-%s."),
								 day, clock(f->start), clock(f->end));
			break;
		default:
			elog(ERROR, "finding of rule %d is not about a centre", (int) f->rule);
	}
}

/* Sentences start with a capital: "A guard duty (...) and ..." */
static void
capitalize(char *text)
{
	if (text && text[0] >= 'a' && text[0] <= 'z')
		text[0] = (char) (text[0] - 'a' + 'A');
}

void
finding_text(const FindingSubject *subject, const st_finding *f, FindingText *out)
{
	memset(out, 0, sizeof(*out));
	out->rule = st_rule_code(f->rule);
	if (strcmp(subject->kind, "group") == 0)
	{
		out->label = subject->label ? pstrdup(subject->label)
			: model_group_label(subject->model, subject->centre_id, subject->id);
		if (f->nparts > 0)
			out->label = psprintf("%s%s", out->label, group_shape_label(subject->shape, f));
		group_text(subject, f, out);
	}
	else if (strcmp(subject->kind, "teacher") == 0)
	{
		out->label = subject->label ? pstrdup(subject->label) : model_teacher_label(subject->model, subject->id);
		teacher_text(subject, f, out);
	}
	else
	{
		out->label = subject->label ? pstrdup(subject->label)
			: model_centre_label(subject->model, subject->centre_id);
		centre_text(subject, f, out);
	}
	capitalize(out->detail);
}
