/*
 * outing_judge.h
 *		Judging one outing of a model against every rule of section 6:
 *		outing_programmed (6.1), outing_communicated (6.2),
 *		outing_authorisation (6.3), outing_escorts (6.5), outing_ratio
 *		(6.5.1) and outing_abroad (6.6).
 *
 * This is the one implementation of those rules: the commit-time trigger
 * (outing_trigger.c) raises the first violation it returns, and
 * schooltime.outing_violations() (outing_report.c) lists them all.
 */
#ifndef SCHOOLTIME_OUTING_JUDGE_H
#define SCHOOLTIME_OUTING_JUDGE_H

#include "schooltime.h"

#include "nodes/pg_list.h"
#include "utils/date.h"

#include "outing_facts.h"

/* One violation, as a row of schooltime.violation holds it. */
typedef struct OutingViolation
{
	char	   *rule;
	bool		is_error;		/* the rule's severity is error */
	char	   *sections;		/* "section 6.5.1" */
	int64		centre_id;
	int64		outing_id;
	char	   *outing_name;
	DateADT		day;			/* the outing's first day */
	bool		has_figures;
	int64		measured;
	int64		limit_value;
	const char *unit;
	char	   *message;
	char	   *detail;
	char	   *hint;
	int64		authorisation_id;	/* 0: none sets it aside */
} OutingViolation;

/*
 * Every violation of one outing (a List of OutingViolation), in the order
 * of the sections; *exists tells whether the outing is there at all.
 * for_commit reads as outing_read_facts() says.
 */
extern List *outing_judge(const OutingModel *model, int64 centre_id, int64 outing_id,
						  bool for_commit, bool *exists);

/* Whether a violation refuses the write: an error no authorisation sets aside. */
extern bool outing_violation_refuses(const OutingViolation *violation);

#endif							/* SCHOOLTIME_OUTING_JUDGE_H */
