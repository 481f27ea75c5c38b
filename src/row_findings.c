/*
 * row_findings.c
 *		The rules one session row can break alone, and how to say it.
 */
#include "schooltime.h"

#include "row_findings.h"
#include "violation.h"
#include "weektime_parse.h"

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
slot_text(int start, int end)
{
	char		buf[WS_FORMAT_LEN];

	weekslot_format(start, end, buf);
	return pstrdup(buf);
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

void
row_finding_text(const RegimeLimits *limits, int start, int end, const RowFinding *f,
				 const char *group_label, char **message, char **detail, char **hint)
{
	int			day = wt_weekday(start);
	char	   *subject = psprintf("session of %s on %s", group_label, wt_weekday_long(day));
	const char *year = psprintf("%d-%d", limits->school_year, limits->school_year + 1);

	switch (f->kind)
	{
		case ROW_WEEKDAY:
			*message = psprintf("%s is outside the lective week", subject);
			*detail = psprintf("In %s, sessions of %s run from %s to %s; the session is %s (%s).",
							   year, limits->regime_name,
							   wt_weekday_long(limits->first_weekday), wt_weekday_long(limits->last_weekday),
							   slot_text(start, end), format_sections(catalogue_rule("weekday")->sections));
			*hint = psprintf("Move the session to a day from %s to %s.",
							 wt_weekday_long(limits->first_weekday), wt_weekday_long(limits->last_weekday));
			break;
		case ROW_WINDOW_START:
		case ROW_WINDOW_END:
			*detail = psprintf("In %s, sessions of %s lie within %s-%s; the session is %s (%s).",
							   year, limits->regime_name,
							   format_minute_of_day(limits->window_start), format_minute_of_day(limits->window_end),
							   slot_text(start, end), format_sections(limits->section));
			if (f->kind == ROW_WINDOW_START)
			{
				*message = psprintf("%s starts at %s, before the %s window opens at %s", subject,
									format_minute_of_day(f->measured), limits->regime_name,
									format_minute_of_day(limits->window_start));
				*hint = psprintf("Start the session at %s or later.", format_minute_of_day(limits->window_start));
			}
			else
			{
				*message = psprintf("%s ends at %s, after the %s window closes at %s", subject,
									f->measured > WT_MINUTES_PER_DAY ? "the next day" : format_minute_of_day(f->measured),
									limits->regime_name, format_minute_of_day(limits->window_end));
				*hint = psprintf("End the session at %s or earlier.", format_minute_of_day(limits->window_end));
			}
			break;
		case ROW_TOO_SHORT:
		case ROW_TOO_LONG:
			{
				bool		too_short = f->kind == ROW_TOO_SHORT;

				*message = psprintf("%s lasts %d minute%s, %s than the %s %s of %d", subject,
									f->measured, f->measured == 1 ? "" : "s", too_short ? "shorter" : "longer",
									limits->regime_name, too_short ? "minimum" : "maximum", f->limit);
				*detail = psprintf("In %s, sessions of %s last %s, class change included; the session is %s (%s).",
								   year, limits->regime_name, length_bounds_text(limits),
								   slot_text(start, end), format_sections(limits->section));
				*hint = too_short
					? psprintf("Lengthen the session to at least %d minutes.", f->limit)
					: psprintf("Shorten the session to at most %d minutes.", f->limit);
			}
			break;
	}
}
