/*
 * row_findings.c
 *		The rules one session row can break alone, and how to say it.
 */
#include "schooltime.h"

#include "row_findings.h"
#include "violation.h"
#include "weektime_parse.h"
#include "wording.h"

int
row_findings(const RegimeLimits *limits, int start, int end, bool is_class, RowFinding *out)
{
	int			n = 0;
	int			day = wt_weekday(start);
	int			day_start = (day - 1) * WT_MINUTES_PER_DAY;
	int			minutes = end - start;

	if (day < limits->first_weekday || day > limits->last_weekday)
		out[n++] = (RowFinding) {ROW_WEEKDAY, "weekday", day,
			day < limits->first_weekday ? limits->first_weekday : limits->last_weekday, "weekday"};
	if (start - day_start < limits->window_start)
		out[n++] = (RowFinding) {ROW_WINDOW_START, "window", start - day_start, limits->window_start, "minute of the day"};
	else if (end - day_start > limits->window_end)
		out[n++] = (RowFinding) {ROW_WINDOW_END, "window", end - day_start, limits->window_end, "minute of the day"};
	if (is_class && limits->session_min != NO_LIMIT && minutes < limits->session_min)
		out[n++] = (RowFinding) {ROW_TOO_SHORT, "session_length", minutes, limits->session_min, "minutes"};
	else if (is_class && limits->session_max != NO_LIMIT && minutes > limits->session_max)
		out[n++] = (RowFinding) {ROW_TOO_LONG, "session_length", minutes, limits->session_max, "minutes"};
	return n;
}

static char *
length_bounds_text(const RegimeLimits *limits)
{
	if (limits->session_min != NO_LIMIT && limits->session_max != NO_LIMIT)
		return psprintf(_("between %d and %d minutes"), limits->session_min, limits->session_max);
	if (limits->session_min != NO_LIMIT)
		return psprintf(_("at least %d minutes"), limits->session_min);
	return psprintf(_("at most %d minutes"), limits->session_max);
}

void
row_finding_text(const RegimeLimits *limits, int start, int end, const RowFinding *f,
				 const char *group_label, char **message, char **detail, char **hint)
{
	int			day = wt_weekday(start);
	const char *weekday = weekday_words(day);
	const char *year = psprintf("%d-%d", limits->school_year, limits->school_year + 1);
	const char *regime = regime_words(limits);

	switch (f->kind)
	{
		case ROW_WEEKDAY:
			*message = psprintf(_("session of %s on %s is outside the lective week"), group_label, weekday);
			*detail = psprintf(_("In %s, sessions of %s run from %s to %s; the session is %s (%s)."),
							   year, regime,
							   weekday_words(limits->first_weekday), weekday_words(limits->last_weekday),
							   slot_words(start, end), format_sections(catalogue_rule("weekday")->sections));
			*hint = psprintf(_("Move the session to a day from %s to %s."),
							 weekday_words(limits->first_weekday), weekday_words(limits->last_weekday));
			break;
		case ROW_WINDOW_START:
		case ROW_WINDOW_END:
			*detail = psprintf(_("In %s, sessions of %s lie within %s-%s; the session is %s (%s)."),
							   year, regime,
							   format_minute_of_day(limits->window_start), format_minute_of_day(limits->window_end),
							   slot_words(start, end), format_sections(limits->section));
			if (f->kind == ROW_WINDOW_START)
			{
				*message = psprintf(_("session of %s on %s starts at %s, before the %s window opens at %s"),
									group_label, weekday, format_minute_of_day(f->measured), regime,
									format_minute_of_day(limits->window_start));
				*hint = psprintf(_("Start the session at %s or later."), format_minute_of_day(limits->window_start));
			}
			else
			{
				*message = f->measured > WT_MINUTES_PER_DAY
					? psprintf(_("session of %s on %s ends the next day, after the %s window closes at %s"),
							   group_label, weekday, regime, format_minute_of_day(limits->window_end))
					: psprintf(_("session of %s on %s ends at %s, after the %s window closes at %s"),
							   group_label, weekday, format_minute_of_day(f->measured), regime,
							   format_minute_of_day(limits->window_end));
				*hint = psprintf(_("End the session at %s or earlier."), format_minute_of_day(limits->window_end));
			}
			break;
		case ROW_TOO_SHORT:
		case ROW_TOO_LONG:
			*message = f->kind == ROW_TOO_SHORT
				? psprintf(_n("session of %s on %s lasts %d minute, shorter than the %s minimum of %d",
							  "session of %s on %s lasts %d minutes, shorter than the %s minimum of %d",
							  f->measured),
						   group_label, weekday, f->measured, regime, f->limit)
				: psprintf(_n("session of %s on %s lasts %d minute, longer than the %s maximum of %d",
							  "session of %s on %s lasts %d minutes, longer than the %s maximum of %d",
							  f->measured),
						   group_label, weekday, f->measured, regime, f->limit);
			*detail = psprintf(_("In %s, sessions of %s last %s, class change included; the session is %s (%s)."),
							   year, regime, length_bounds_text(limits),
							   slot_words(start, end), format_sections(limits->section));
			*hint = f->kind == ROW_TOO_SHORT
				? psprintf(_("Lengthen the session to at least %d minutes."), f->limit)
				: psprintf(_("Shorten the session to at most %d minutes."), f->limit);
			break;
	}
}
