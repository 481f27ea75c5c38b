/*
 * outing_kernel.h
 *		The arithmetic and the per-pupil decisions of the outing rules
 *		(section 6), free of PostgreSQL.
 *
 * The server glue (outing_judge.c) reads an outing's rows and the
 * catalogue's figures and hands them here; tools/tests/outing-kernel builds
 * this file on its own and checks it against a brute-force reference.
 * Dates are plain day numbers (any epoch): only their order matters here.
 */
#ifndef SCHOOLTIME_OUTING_KERNEL_H
#define SCHOOLTIME_OUTING_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

/* Pupils who count against one ratio: "22 pupils, at most 15 per escort". */
typedef struct EscortShare
{
	int64_t		pupils;
	int32_t		pupils_per_escort;
} EscortShare;

/*
 * What a set of shares needs: the exact sum of pupils / ratio over the
 * shares, as a reduced fraction, and its ceiling.
 */
typedef struct EscortNeed
{
	int64_t		numerator;
	int64_t		denominator;	/* > 0 */
	int64_t		escorts;		/* ceil(numerator / denominator) */
} EscortNeed;

typedef enum ek_status
{
	EK_OK = 0,
	EK_NEGATIVE_PUPILS,			/* a share with pupils < 0 */
	EK_BAD_RATIO,				/* a share with pupils_per_escort <= 0 */
	EK_OVERFLOW					/* the exact sum does not fit in 64 bits */
} ek_status;

/*
 * Sums pupils / pupils_per_escort over the shares exactly (no rounding
 * before the end) and rounds the sum up: each pupil takes 1/ratio of an
 * escort, whatever the stage of the others.
 */
extern ek_status escort_need(const EscortShare *shares, int nshares, EscortNeed *need);

/* max(min_escorts, need->escorts): the escorts an outing requires. */
extern int64_t escorts_required(const EscortNeed *need, int64_t min_escorts);

/*
 * The need in hundredths of an escort, rounded up (2.05 -> 205, 3.9666...
 * -> 397), for messages; -1 if it does not fit.
 */
extern int64_t escort_need_hundredths(const EscortNeed *need);

/* The ratio that binds a pupil with special needs: the stricter of the two. */
extern int32_t special_needs_ratio(int32_t stage_ratio, int32_t adapted_ratio);

/* A family's written authorisation (schooltime.family_authorisation). */
typedef enum family_authorisation
{
	FA_NONE = 0,
	FA_YEARLY,
	FA_SPECIFIC
} family_authorisation;

typedef enum fa_problem
{
	FAP_OK = 0,
	FAP_NONE,					/* a minor with no authorisation, one-day outing */
	FAP_NOT_SPECIFIC,			/* a minor without a specific one, night away */
	FAP_FAMILIES_NOT_INFORMED	/* a yearly one, but the outing was not told to the families in time */
} fa_problem;

/*
 * Section 6.3 for one pupil: minors need a written authorisation; a yearly
 * one holds only if the families were told of the outing beforehand; an
 * outing with a night away (multi_day) needs a specific one.
 */
extern fa_problem family_authorisation_problem(bool minor, family_authorisation kind,
											   bool multi_day, bool families_informed_in_time);

typedef enum pa_problem
{
	PA_OK = 0,
	PA_MISSING,					/* a minor abroad without a police-stamped authorisation */
	PA_NOT_COVERING				/* issued after departure, or expiring before the return */
} pa_problem;

/*
 * Section 6.6 for one pupil: a minor going abroad carries an authorisation
 * stamped by the police, valid from its issue to valid_until (inclusive),
 * which must hold from the first day of the trip to the last.
 */
extern pa_problem police_authorisation_problem(bool minor, bool has_authorisation,
											   int32_t issued_on, int32_t valid_until,
											   int32_t starts_on, int32_t ends_on);

/* true if a date is recorded and falls on or before the limit. */
extern bool recorded_on_or_before(bool recorded, int32_t date, int32_t limit);

#endif							/* SCHOOLTIME_OUTING_KERNEL_H */
