/*
 * indices.c
 *		The arithmetic of the segregation indicators (see indices.h).
 *
 * The dissimilarity index is computed exactly: D = sum |f*N - n*F| / (2*F*N),
 * a sum of integers divided once.  Each term is at most f*N + n*F, so the
 * whole sum is at most 2*F*N, which 128-bit integers hold for any 64-bit F
 * and N: nothing can overflow.  The other indicators are sums of fractions,
 * taken in long double in the order eq_units_merge sorts the units into.
 */
#include "indices.h"

#include <stdlib.h>

static int
unit_cmp(const void *a, const void *b)
{
	const eq_unit *x = a;
	const eq_unit *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->category != y->category)
		return x->category < y->category ? -1 : 1;
	if (x->pupils != y->pupils)
		return x->pupils < y->pupils ? -1 : 1;
	return 0;
}

int
eq_units_merge(eq_unit *units, int n, bool keyed)
{
	int			out = 0;
	int			i;

	if (n > 1)
		qsort(units, n, sizeof(eq_unit), unit_cmp);
	for (i = 0; i < n; i++)
	{
		eq_unit    *last = out > 0 ? &units[out - 1] : NULL;

		if (last != NULL && keyed && last->key == units[i].key)
		{
			if (__builtin_add_overflow(last->category, units[i].category, &last->category) ||
				__builtin_add_overflow(last->pupils, units[i].pupils, &last->pupils))
				return -1;
			continue;
		}
		if (last != NULL && !keyed && last->category == units[i].category && last->pupils == units[i].pupils)
		{
			if (__builtin_add_overflow(last->count, units[i].count, &last->count))
				return -1;
			continue;
		}
		units[out++] = units[i];
	}
	/* a centre with no pupils takes no part: it is not counted as a unit */
	n = out;
	out = 0;
	for (i = 0; i < n; i++)
		if (units[i].pupils > 0)
			units[out++] = units[i];
	return out;
}

bool
eq_units_totals(const eq_unit *units, int n, eq_totals *totals)
{
	int			i;

	totals->units = 0;
	totals->category = 0;
	totals->pupils = 0;
	for (i = 0; i < n; i++)
	{
		int64_t		category;
		int64_t		pupils;

		if (units[i].pupils <= 0)
			continue;
		if (__builtin_mul_overflow(units[i].category, units[i].count, &category) ||
			__builtin_mul_overflow(units[i].pupils, units[i].count, &pupils) ||
			__builtin_add_overflow(totals->category, category, &totals->category) ||
			__builtin_add_overflow(totals->pupils, pupils, &totals->pupils) ||
			__builtin_add_overflow(totals->units, units[i].count, &totals->units))
			return false;
	}
	return true;
}

/*
 * Undefined (false) with fewer than two centres that have pupils (there is
 * no distribution between centres to measure), or when no pupil, or every
 * pupil, is of the category (F = 0 or N = 0).
 */
bool
eq_dissimilarity(const eq_unit *units, int n, double *result)
{
	eq_totals	t;
	int64_t		others;
	int			i;

	if (!eq_units_totals(units, n, &t) || t.units < 2)
		return false;
	others = t.pupils - t.category;
	if (t.category == 0 || others == 0)
		return false;
#if defined(__SIZEOF_INT128__)
	{
		unsigned __int128 sum = 0;
		unsigned __int128 denominator = (unsigned __int128) 2 * (unsigned __int128) t.category * (unsigned __int128) others;

		for (i = 0; i < n; i++)
		{
			__int128	a = (__int128) units[i].category * others;
			__int128	b = (__int128) (units[i].pupils - units[i].category) * t.category;
			unsigned __int128 term = (unsigned __int128) (a >= b ? a - b : b - a);

			sum += term * (unsigned __int128) units[i].count;
		}
		*result = (double) ((long double) sum / (long double) denominator);
	}
#else
	{
		long double sum = 0;

		for (i = 0; i < n; i++)
		{
			long double a = (long double) units[i].category * others;
			long double b = (long double) (units[i].pupils - units[i].category) * t.category;

			sum += (a >= b ? a - b : b - a) * units[i].count;
		}
		*result = (double) (sum / (2.0L * (long double) t.category * (long double) others));
	}
#endif
	return true;
}

/* sum over units of f * x / t, x being f (isolation) or n (exposure), over F */
static bool
weighted_share(const eq_unit *units, int n, bool of_category, double *result)
{
	eq_totals	t;
	long double sum = 0;
	int			i;

	if (!eq_units_totals(units, n, &t) || t.category == 0)
		return false;
	for (i = 0; i < n; i++)
	{
		int64_t		x = of_category ? units[i].category : units[i].pupils - units[i].category;

		if (units[i].pupils <= 0)
			continue;
		sum += (long double) units[i].category * (long double) x / (long double) units[i].pupils
			* (long double) units[i].count;
	}
	*result = (double) (sum / (long double) t.category);
	return true;
}

/* Undefined when no pupil is of the category (F = 0). */
bool
eq_isolation(const eq_unit *units, int n, double *result)
{
	return weighted_share(units, n, true, result);
}

/* Undefined when no pupil is of the category (F = 0). */
bool
eq_exposure(const eq_unit *units, int n, double *result)
{
	return weighted_share(units, n, false, result);
}

/*
 * eta2 = (xPx - P) / (1 - P), written as one fraction so that an even
 * spread gives 0 exactly: (T * sum f^2/t - F^2) / (F * (T - F)), whose
 * numerator is sum f * (f*T - t*F) / t, each f*T - t*F an exact integer
 * (0 for a centre whose share is the area's).  Undefined when no pupil, or
 * every pupil, is of the category (P = 0 or 1).
 */
bool
eq_adjusted_isolation(const eq_unit *units, int n, double *result)
{
	eq_totals	t;
	long double sum = 0;
	int			i;

	if (!eq_units_totals(units, n, &t) || t.category == 0 || t.category == t.pupils)
		return false;
	for (i = 0; i < n; i++)
	{
		long double difference;

		if (units[i].pupils <= 0)
			continue;
#if defined(__SIZEOF_INT128__)
		difference = (long double) ((__int128) units[i].category * t.pupils - (__int128) units[i].pupils * t.category);
#else
		difference = (long double) units[i].category * t.pupils - (long double) units[i].pupils * t.category;
#endif
		sum += (long double) units[i].category * difference / (long double) units[i].pupils
			* (long double) units[i].count;
	}
	*result = (double) (sum / ((long double) t.category * (long double) (t.pupils - t.category)));
	return true;
}
