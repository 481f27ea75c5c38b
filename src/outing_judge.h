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

/* The tables of a model that outings are judged from, by OID. */
typedef struct OutingModel
{
	Oid			namespace;
	char	   *schema;			/* quoted, for SQL text */
	char	   *schema_name;	/* as it is, for messages */
	Oid			outings;
	Oid			outing_groups;
	Oid			outing_escorts;
	Oid			outing_pupils;
	Oid			adapted_escort_ratios;
	Oid			authorisations;
	Oid			centres;
	Oid			class_groups;
} OutingModel;

/* One violation, as a row of schooltime.violation holds it. */
typedef struct OutingViolation
{
	const char *rule;
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
 * The model's tables in a schema; raises undefined_table, naming what is
 * missing, if the schema holds no model with outings.  mcxt holds the
 * result.
 */
extern void outing_model_resolve(Oid namespace, OutingModel *model, MemoryContext mcxt);

/*
 * Every violation of one outing (a List of OutingViolation), in the order
 * of the sections; *exists tells whether the outing is there at all.
 *
 * for_commit: the outing is being written.  Its row is locked first (FOR
 * NO KEY UPDATE), so that two transactions writing the same outing are
 * judged one after the other, and then every row is read with the latest
 * snapshot, as the owner of the outings table, whatever the writer may
 * see.  Otherwise (reports) the caller's snapshot and rights are used.
 */
extern List *outing_judge(const OutingModel *model, int64 centre_id, int64 outing_id,
						  bool for_commit, bool *exists);

/* An outing's key. */
typedef struct OutingKey
{
	int64		centre_id;
	int64		outing_id;
} OutingKey;

typedef enum OutingFilter
{
	OUTINGS_ALL,				/* every outing of the model */
	OUTINGS_WITH_ID,			/* value is the outing id, in any centre */
	OUTINGS_OF_CENTRE,			/* centre_id's outings */
	OUTINGS_OF_GROUP			/* the outings a group (centre_id, value) takes part in */
} OutingFilter;

/*
 * The keys (a List of OutingKey, in key order) of the outings a filter
 * selects; for_commit reads as outing_judge does.
 */
extern List *outing_find(const OutingModel *model, OutingFilter filter, int64 centre_id,
						 int64 value, bool for_commit);

/* Whether a violation refuses the write: an error no authorisation sets aside. */
extern bool outing_violation_refuses(const OutingViolation *violation);

#endif							/* SCHOOLTIME_OUTING_JUDGE_H */
