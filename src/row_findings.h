/*
 * row_findings.h
 *		The rules one session row can break alone (weekday, window,
 *		session_length): what is wrong, and how to say it.  The BEFORE ROW
 *		trigger and the compliance report both use these, so each rule has
 *		one implementation.
 */
#ifndef SCHOOLTIME_ROW_FINDINGS_H
#define SCHOOLTIME_ROW_FINDINGS_H

#include "schooltime.h"

#include "catalogue.h"

typedef enum RowRule
{
	ROW_WEEKDAY,
	ROW_WINDOW_START,
	ROW_WINDOW_END,
	ROW_TOO_SHORT,
	ROW_TOO_LONG
} RowRule;

typedef struct RowFinding
{
	RowRule		kind;
	const char *rule;			/* its code: weekday, window, session_length */
	int			measured;		/* ISO weekday, minute of day, or minutes */
	int			limit;
	const char *unit;
} RowFinding;

/*
 * What a session [start, end) of a regime breaks, in the order the rules
 * are checked; is_class is false for an explicit recess, which has no length
 * bounds.  Returns how many findings were written to out (at most 3).
 */
extern int	row_findings(const RegimeLimits *limits, int start, int end, bool is_class,
						 RowFinding *out);

/*
 * The message, DETAIL and HINT of a finding; group_label names the
 * session's group ('group "1r ESO A"').
 */
extern void row_finding_text(const RegimeLimits *limits, int start, int end, const RowFinding *finding,
							 const char *group_label, char **message, char **detail, char **hint);

#endif							/* SCHOOLTIME_ROW_FINDINGS_H */
