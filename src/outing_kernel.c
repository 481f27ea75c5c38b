/*
 * outing_kernel.c
 *		The arithmetic and the per-pupil decisions of the outing rules,
 *		free of PostgreSQL.
 *
 * The escort need is a sum of fractions kept exact: 25 pupils of infantil
 * at 10 per escort and 22 of primària 1r-4t at 15 need 25/10 + 22/15 =
 * 119/30 escorts, rounded up to 4.  Rounding each stage on its own (3 + 2)
 * would ask for one escort more than the pupils need, and floating point
 * would misjudge sums that land exactly on a whole number.
 */
#include "outing_kernel.h"

#include <stddef.h>

static int64_t
gcd64(int64_t a, int64_t b)
{
	while (b != 0)
	{
		int64_t		t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* a * b for a, b >= 0; false on overflow. */
static bool
mul_ok(int64_t a, int64_t b, int64_t *result)
{
	if (a != 0 && b > INT64_MAX / a)
		return false;
	*result = a * b;
	return true;
}

/* a + b for a, b >= 0; false on overflow. */
static bool
add_ok(int64_t a, int64_t b, int64_t *result)
{
	if (b > INT64_MAX - a)
		return false;
	*result = a + b;
	return true;
}

ek_status
escort_need(const EscortShare *shares, int nshares, EscortNeed *need)
{
	int64_t		whole = 0;		/* the sum is whole + num / den, num < den */
	int64_t		num = 0;
	int64_t		den = 1;
	int			i;

	for (i = 0; i < nshares; i++)
	{
		int64_t		pupils = shares[i].pupils;
		int64_t		ratio = shares[i].pupils_per_escort;
		int64_t		rem;
		int64_t		g;
		int64_t		lcm;
		int64_t		a;
		int64_t		b;

		if (pupils < 0)
			return EK_NEGATIVE_PUPILS;
		if (ratio <= 0)
			return EK_BAD_RATIO;
		if (!add_ok(whole, pupils / ratio, &whole))
			return EK_OVERFLOW;
		rem = pupils % ratio;
		if (rem == 0)
			continue;
		/* num/den + rem/ratio over the least common denominator */
		g = gcd64(den, ratio);
		if (!mul_ok(den / g, ratio, &lcm) ||
			!mul_ok(num, lcm / den, &a) ||
			!mul_ok(rem, lcm / ratio, &b) ||
			!add_ok(a, b, &num))
			return EK_OVERFLOW;
		den = lcm;
		if (num >= den)
		{
			whole += num / den; /* at most 1: both parts were below 1 */
			num %= den;
		}
		g = gcd64(num, den);
		if (g > 1)
		{
			num /= g;
			den /= g;
		}
	}
	if (num == 0)
		den = 1;
	if (!mul_ok(whole, den, &need->numerator) ||
		!add_ok(need->numerator, num, &need->numerator))
		return EK_OVERFLOW;
	need->denominator = den;
	need->escorts = whole + (num > 0 ? 1 : 0);
	return EK_OK;
}

int64_t
escorts_required(const EscortNeed *need, int64_t min_escorts)
{
	return need->escorts > min_escorts ? need->escorts : min_escorts;
}

int64_t
escort_need_hundredths(const EscortNeed *need)
{
	int64_t		whole = need->numerator / need->denominator;
	int64_t		rem = need->numerator % need->denominator;
	int64_t		hundredths;
	int64_t		part;

	if (!mul_ok(whole, 100, &hundredths) || !mul_ok(rem, 100, &part))
		return -1;
	part = part / need->denominator + (part % need->denominator != 0 ? 1 : 0);
	if (!add_ok(hundredths, part, &hundredths))
		return -1;
	return hundredths;
}

int32_t
special_needs_ratio(int32_t stage_ratio, int32_t adapted_ratio)
{
	if (adapted_ratio > 0 && adapted_ratio < stage_ratio)
		return adapted_ratio;
	return stage_ratio;
}

fa_problem
family_authorisation_problem(bool minor, family_authorisation kind,
							 bool multi_day, bool families_informed_in_time)
{
	if (!minor)
		return FAP_OK;
	if (multi_day)
		return kind == FA_SPECIFIC ? FAP_OK : FAP_NOT_SPECIFIC;
	if (kind == FA_NONE)
		return FAP_NONE;
	if (kind == FA_YEARLY && !families_informed_in_time)
		return FAP_FAMILIES_NOT_INFORMED;
	return FAP_OK;
}

pa_problem
police_authorisation_problem(bool minor, bool has_authorisation,
							 int32_t issued_on, int32_t valid_until,
							 int32_t starts_on, int32_t ends_on)
{
	if (!minor)
		return PA_OK;
	if (!has_authorisation)
		return PA_MISSING;
	if (issued_on > starts_on || valid_until < ends_on)
		return PA_NOT_COVERING;
	return PA_OK;
}

bool
recorded_on_or_before(bool recorded, int32_t date, int32_t limit)
{
	return recorded && date <= limit;
}
