/*
 * indices.h
 *		The arithmetic of the segregation indicators, in plain C.
 *
 * A unit is a centre: its pupils of one category (foreign, NEE...) and its
 * pupils in all.  The indicators compare how a category is spread over the
 * units of an area (a municipality, a zone) with how all pupils are:
 *
 *	 dissimilarity (Duncan & Duncan, as the Síndic de Greuges computes it):
 *		D = 1/2 * sum over units |f/F - n/N|
 *	 isolation (Bell):		xPx = sum (f/F) * (f/t)
 *	 exposure:				xPy = sum (f/F) * (n/t)
 *	 adjusted isolation:	eta2 = (xPx - P) / (1 - P), P = F/T
 *
 * f the unit's pupils of the category, n = t - f its other pupils, t its
 * pupils in all; F, N, T the same summed over the units.  Sources and
 * readings are in doc/equity.md.
 *
 * Nothing here knows PostgreSQL: the aggregates in aggregates.c gather the
 * units and call these functions.  The units must be merged first (one
 * entry per centre, or per distinct pair of counts with its multiplicity)
 * and sorted (eq_units_merge), so that every sum runs in one order
 * whatever order the rows came in: the result is then the same bit for bit
 * for any order of rows and any parallel plan.
 */
#ifndef SCHOOLTIME_EQUITY_INDICES_H
#define SCHOOLTIME_EQUITY_INDICES_H

#include <stdbool.h>
#include <stdint.h>

typedef struct eq_unit
{
	int64_t		key;			/* the centre, for keyed aggregates; 0 otherwise */
	int64_t		category;		/* pupils of the category, 0 <= category <= pupils */
	int64_t		pupils;			/* pupils in all */
	int64_t		count;			/* how many identical units this entry stands for */
} eq_unit;

/* Totals of a set of merged units; false if a sum overflows 64 bits. */
typedef struct eq_totals
{
	int64_t		units;			/* units with at least one pupil */
	int64_t		category;		/* F */
	int64_t		pupils;			/* T */
} eq_totals;

/*
 * Sorts the units and merges the entries that stand for the same unit:
 * keyed, entries of one key add up their pupils; not keyed, entries with
 * the same two counts add up their multiplicity.  Returns the new count,
 * or -1 if a sum would overflow 64 bits.
 */
extern int	eq_units_merge(eq_unit *units, int n, bool keyed);

extern bool eq_units_totals(const eq_unit *units, int n, eq_totals *totals);

/*
 * Each returns false when the indicator is undefined for these units (the
 * reasons are in the functions' comments); *result is set otherwise.
 */
extern bool eq_dissimilarity(const eq_unit *units, int n, double *result);
extern bool eq_isolation(const eq_unit *units, int n, double *result);
extern bool eq_exposure(const eq_unit *units, int n, double *result);
extern bool eq_adjusted_isolation(const eq_unit *units, int n, double *result);

#endif							/* SCHOOLTIME_EQUITY_INDICES_H */
