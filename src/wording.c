/*
 * wording.c
 *		The pieces a message is worded with, in the session's language.
 *
 * A date is written with a pattern the catalogue gives ("YYYY-MM-DD" in
 * English, "D MONTH de YYYY" in Catalan), because the order of its parts,
 * whether the month is a number or a name and the preposition before it
 * ("de setembre", "d'abril") are the language's, not a placeholder's.
 */
#include "schooltime.h"

#include "lib/stringinfo.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "weektime_parse.h"
#include "wording.h"

static const char *const weekday_names[] = {
	"",
	gettext_noop("Monday"),
	gettext_noop("Tuesday"),
	gettext_noop("Wednesday"),
	gettext_noop("Thursday"),
	gettext_noop("Friday"),
	gettext_noop("Saturday"),
	gettext_noop("Sunday"),
};

/* translator: the short weekday names begin a slot, "Mon 08:00-09:00"; in Catalan dl, dt, dc, dj, dv, ds, dg */
static const char *const weekday_short_names[] = {
	"",
	gettext_noop("Mon"),
	gettext_noop("Tue"),
	gettext_noop("Wed"),
	gettext_noop("Thu"),
	gettext_noop("Fri"),
	gettext_noop("Sat"),
	gettext_noop("Sun"),
};

/*
 * translator: the month as it follows the day in a date of the pattern
 * "YYYY-MM-DD" below: "12 de setembre de 2018", "3 d'abril de 2019"
 */
static const char *const month_names[] = {
	"",
	gettext_noop("of January"),
	gettext_noop("of February"),
	gettext_noop("of March"),
	gettext_noop("of April"),
	gettext_noop("of May"),
	gettext_noop("of June"),
	gettext_noop("of July"),
	gettext_noop("of August"),
	gettext_noop("of September"),
	gettext_noop("of October"),
	gettext_noop("of November"),
	gettext_noop("of December"),
};

const char *
schooltime_pgettext(const char *context_and_msgid, const char *msgid)
{
	const char *translated = dgettext(TEXTDOMAIN, context_and_msgid);

	/* not in the catalogue: gettext hands back what it was given */
	return translated == context_and_msgid ? msgid : translated;
}

bool
messages_in_catalan(void)
{
	/*
	 * translator: the language of this catalogue as the code knows it:
	 * "ca" makes messages use the catalogue's Catalan names (name_ca
	 * columns) and Catalan ordinals; leave "en" for any other language.
	 */
	return strcmp(_("en"), "ca") == 0;
}

char *
ordinal_words(int n)
{
	const char *suffix;

	/* Catalan says "el número 11" rather than an abbreviated ordinal */
	if (messages_in_catalan())
		return psprintf("número %d", n);
	if (n % 100 >= 11 && n % 100 <= 13)
		suffix = "th";
	else if (n % 10 == 1)
		suffix = "st";
	else if (n % 10 == 2)
		suffix = "nd";
	else if (n % 10 == 3)
		suffix = "rd";
	else
		suffix = "th";
	return psprintf("%d%s", n, suffix);
}

char *
quoted_words(const char *name)
{
	/* translator: a name quoted in a message; in Catalan «%s» */
	return psprintf(_("\"%s\""), name);
}

const char *
weekday_words(int iso_weekday)
{
	return (iso_weekday >= 1 && iso_weekday <= 7) ? _(weekday_names[iso_weekday]) : "";
}

static void
append_clock(StringInfo out, int minute_of_day)
{
	appendStringInfo(out, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
}

char *
slot_words(int start, int end)
{
	StringInfoData out;
	int			day = wt_weekday(start);
	int			day_start = (day - 1) * WT_MINUTES_PER_DAY;

	/* what weekslot_format writes, with the day's short name translated */
	if (day == 0)
		return pstrdup("???");
	initStringInfo(&out);
	appendStringInfo(&out, "%s ", _(weekday_short_names[day]));
	append_clock(&out, start - day_start);
	appendStringInfoChar(&out, '-');
	if (end < start || end - day_start > WT_MINUTES_PER_DAY)
	{
		/* not a one-day slot: the end in full */
		int			end_day = wt_weekday(end);

		if (end_day == 0)
			appendStringInfoString(&out, "???");
		else
		{
			appendStringInfo(&out, "%s ", _(weekday_short_names[end_day]));
			append_clock(&out, end - (end_day - 1) * WT_MINUTES_PER_DAY);
		}
	}
	else
		append_clock(&out, end - day_start);
	return out.data;
}

char *
slot_long_words(int start, int end)
{
	char	   *slot = slot_words(start, end);
	int			day = wt_weekday(start);

	/* the short day name that begins the slot, in full */
	return day == 0 ? slot : psprintf("%s%s", weekday_words(day), strchr(slot, ' '));
}

char *
date_words(int year, int month, int day)
{
	/*
	 * translator: how a message writes a date.  YYYY is the year, MM and DD
	 * the month and the day with two digits, D the day as it is said
	 * ("3"), MONTH the month's name from the list "of January"...  English
	 * writes ISO 8601; Catalan "D MONTH de YYYY" (12 de setembre de 2018).
	 */
	const char *pattern = _("YYYY-MM-DD");
	StringInfoData out;
	const char *p;

	initStringInfo(&out);
	for (p = pattern; *p;)
	{
		if (strncmp(p, "YYYY", 4) == 0)
		{
			appendStringInfo(&out, "%04d", year);
			p += 4;
		}
		else if (strncmp(p, "MONTH", 5) == 0)
		{
			appendStringInfoString(&out, month >= 1 && month <= 12 ? _(month_names[month]) : "?");
			p += 5;
		}
		else if (strncmp(p, "MM", 2) == 0)
		{
			appendStringInfo(&out, "%02d", month);
			p += 2;
		}
		else if (strncmp(p, "DD", 2) == 0)
		{
			appendStringInfo(&out, "%02d", day);
			p += 2;
		}
		else if (*p == 'D')
		{
			appendStringInfo(&out, "%d", day);
			p++;
		}
		else
			appendStringInfoChar(&out, *p++);
	}
	return out.data;
}

char *
date_adt_words(int32 date)
{
	int			year,
				month,
				day;

	if (DATE_NOT_FINITE((DateADT) date))
		return pstrdup(DATE_IS_NOBEGIN((DateADT) date) ? "-infinity" : "infinity");
	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	return date_words(year, month, day);
}

const char *
decimal_separator(void)
{
	/* translator: the decimal separator of the numbers in messages; in Catalan "," */
	return _(".");
}

char *
minutes_words(int minutes)
{
	return psprintf(_n("%d minute", "%d minutes", minutes), minutes);
}

char *
duty_words(const char *kind)
{
	if (strcmp(kind, "guard") == 0)
		return _("a guard duty");
	if (strcmp(kind, "recess_guard") == 0)
		return _("a recess guard duty");
	if (strcmp(kind, "directive") == 0)
		return _("a directive duty");
	if (strcmp(kind, "coordination") == 0)
		return _("a coordination duty");
	if (strcmp(kind, "tutoring") == 0)
		return _("a tutoring duty");
	if (strcmp(kind, "other") == 0)
		return _("another duty");
	/* a kind this version does not know */
	return psprintf(_("a %s duty"), kind);
}
