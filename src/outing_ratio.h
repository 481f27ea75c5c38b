/*
 * outing_ratio.h
 *		Escort figures of the catalogue (section 6.5 and 6.5.1): which
 *		stage a regime and level belong to, its pupils per escort for a
 *		school year and length, and the fewest escorts of an outing.
 *
 * Outings are judged once per outing and transaction, so these figures
 * are read with a query each time rather than cached: a department's
 * change to schooltime.escort_ratios is seen by the next judgement.
 * The lookups run inside an open SPI connection (spi_util.h scope).
 */
#ifndef SCHOOLTIME_OUTING_RATIO_H
#define SCHOOLTIME_OUTING_RATIO_H

#include "schooltime.h"

typedef enum er_status
{
	ER_OK = 0,
	ER_UNKNOWN_REGIME,			/* not a label of schooltime.regime */
	ER_UNKNOWN_LEVEL,			/* no row of schooltime.escort_stages covers the level */
	ER_NO_RATIO					/* schooltime.escort_ratios has no row for the year */
} er_status;

/*
 * The stage (label of schooltime.escort_stage, allocated in mcxt) and the
 * pupils per escort of a regime (its label) and level, for one-day or
 * multi-day outings of a school year (its first calendar year).
 */
extern er_status escort_ratio_lookup(const char *regime, int level, bool multi_day,
									 int school_year, MemoryContext mcxt,
									 char **stage, int32 *pupils_per_escort);

/*
 * schooltime.outing_limits of a school year: the fewest escorts and
 * teachers, and how long a police-stamped authorisation is valid (months
 * and days).  false if the catalogue has no row for the year.
 */
typedef struct OutingLimits
{
	int			min_escorts;
	int			min_teacher_escorts;
	int			valid_months;
	int			valid_days;
} OutingLimits;

extern bool outing_limits_lookup(int school_year, OutingLimits *limits);

/* "primària 5è-6è" for the stage label "primaria_5_6", for messages. */
extern const char *escort_stage_name(const char *stage);

/* The stage's place in the order of the document (infantil first), for messages. */
extern int	escort_stage_rank(const char *stage);

/* "2018-2019" */
extern char *school_year_text(int school_year);

#endif							/* SCHOOLTIME_OUTING_RATIO_H */
