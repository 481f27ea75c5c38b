/*
 * outing_kernel_check.c
 *		Checks src/outing_kernel.c on its own, without PostgreSQL, against
 *		brute-force references; run by tools/tests/outing-kernel.  Prints
 *		one ok:/not ok: line per property and exits non-zero on failure.
 */
#include <stdio.h>
#include <stdlib.h>

#include "outing_kernel.h"

static int	failures = 0;

static void
report(int ok, const char *property, const char *counterexample)
{
	if (ok)
		printf("ok: %s\n", property);
	else
	{
		printf("not ok: %s (%s)\n", property, counterexample);
		failures++;
	}
}

/* A small deterministic generator, so that a failure can be replayed. */
static uint64_t state = 0x2018201920202021ULL;

static int64_t
random_below(int64_t n)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int64_t) ((state >> 33) % (uint64_t) n);
}

/* Brute force: the least k with sum(pupils_i / ratio_i) <= k, over a common denominator. */
static int64_t
reference_escorts(const EscortShare *shares, int n, int64_t *scaled_sum, int64_t *common)
{
	int64_t		product = 1;
	int64_t		sum = 0;
	int64_t		k = 0;
	int			i;

	for (i = 0; i < n; i++)
		product *= shares[i].pupils_per_escort;
	for (i = 0; i < n; i++)
		sum += shares[i].pupils * (product / shares[i].pupils_per_escort);
	while (k * product < sum)
		k++;
	*scaled_sum = sum;
	*common = product;
	return k;
}

static void
check_escort_need(void)
{
	char		example[200] = "";
	int			ok_escorts = 1;
	int			ok_fraction = 1;
	int			ok_hundredths = 1;
	int			ok_required = 1;
	int			trial;

	for (trial = 0; trial < 200000; trial++)
	{
		EscortShare shares[5];
		int			n = 1 + (int) random_below(5);
		EscortNeed	need;
		int64_t		scaled;
		int64_t		common;
		int64_t		expected;
		int64_t		h;
		int64_t		min_escorts = 1 + random_below(4);
		int			i;

		for (i = 0; i < n; i++)
		{
			shares[i].pupils = random_below(trial % 10 == 0 ? 5 : 500);
			shares[i].pupils_per_escort = (int32_t) (1 + random_below(40));
		}
		if (escort_need(shares, n, &need) != EK_OK)
		{
			snprintf(example, sizeof(example), "trial %d: unexpected status", trial);
			ok_escorts = 0;
			continue;
		}
		expected = reference_escorts(shares, n, &scaled, &common);
		if (need.escorts != expected && ok_escorts)
		{
			snprintf(example, sizeof(example), "trial %d: %lld escorts, expected %lld",
					 trial, (long long) need.escorts, (long long) expected);
			ok_escorts = 0;
		}
		/* the fraction is the exact sum, reduced */
		if (need.denominator <= 0 || need.numerator * common != scaled * need.denominator)
			ok_fraction = 0;
		/* hundredths: the least h with h/100 >= sum */
		h = escort_need_hundredths(&need);
		if (h < 0 || h * need.denominator < 100 * need.numerator ||
			(h > 0 && (h - 1) * need.denominator >= 100 * need.numerator))
			ok_hundredths = 0;
		if (escorts_required(&need, min_escorts) != (expected > min_escorts ? expected : min_escorts))
			ok_required = 0;
	}
	report(ok_escorts, "escort_need rounds up the exact sum of pupils/ratio (200000 random mixes of 1-5 stages)", example);
	report(ok_fraction, "escort_need gives the exact sum as a fraction", "");
	report(ok_hundredths, "escort_need_hundredths rounds the sum up to hundredths", "");
	report(ok_required, "escorts_required is the larger of the need and the minimum", "");
}

static void
check_edges(void)
{
	EscortShare one = {41, 20};
	EscortShare exact[2] = {{30, 20}, {15, 10}};
	EscortShare mix[2] = {{25, 10}, {22, 15}};
	EscortShare negative = {-1, 20};
	EscortShare zero_ratio = {10, 0};
	EscortShare huge[3] = {{INT64_MAX / 2, 2147483647}, {INT64_MAX / 2, 2147483629}, {INT64_MAX / 2, 2147483587}};
	EscortNeed	need;

	report(escort_need(&one, 1, &need) == EK_OK && need.escorts == 3 && need.numerator == 41 && need.denominator == 20,
		   "41 pupils at 20 per escort need 41/20, so 3", "");
	report(escort_need(exact, 2, &need) == EK_OK && need.escorts == 3 && need.denominator == 1,
		   "30/20 + 15/10 is exactly 3, not rounded up", "");
	report(escort_need(mix, 2, &need) == EK_OK && need.escorts == 4 && escort_need_hundredths(&need) == 397,
		   "25/10 + 22/15 = 119/30 = 3.97 escorts, so 4", "");
	report(escort_need(NULL, 0, &need) == EK_OK && need.escorts == 0 && escorts_required(&need, 2) == 2,
		   "no pupils need no escort, and the minimum still holds", "");
	report(escort_need(&negative, 1, &need) == EK_NEGATIVE_PUPILS, "negative pupils are refused", "");
	report(escort_need(&zero_ratio, 1, &need) == EK_BAD_RATIO, "a ratio of 0 is refused", "");
	report(escort_need(huge, 3, &need) == EK_OVERFLOW, "a sum beyond 64 bits is an overflow, not a wrong answer", "");
	report(special_needs_ratio(20, 5) == 5 && special_needs_ratio(20, 40) == 20 && special_needs_ratio(20, 0) == 20,
		   "an adapted ratio applies only where it is stricter", "");
}

static void
check_family_authorisation(void)
{
	/* minor, kind, multi_day, informed -> expected, written out from section 6.3 */
	static const struct
	{
		bool		minor;
		family_authorisation kind;
		bool		multi_day;
		bool		informed;
		fa_problem	expected;
	}			table[] = {
		{false, FA_NONE, false, false, FAP_OK}, {false, FA_NONE, true, false, FAP_OK},
		{true, FA_NONE, false, true, FAP_NONE}, {true, FA_NONE, false, false, FAP_NONE},
		{true, FA_YEARLY, false, true, FAP_OK}, {true, FA_YEARLY, false, false, FAP_FAMILIES_NOT_INFORMED},
		{true, FA_SPECIFIC, false, false, FAP_OK}, {true, FA_SPECIFIC, false, true, FAP_OK},
		{true, FA_NONE, true, true, FAP_NOT_SPECIFIC}, {true, FA_YEARLY, true, true, FAP_NOT_SPECIFIC},
		{true, FA_YEARLY, true, false, FAP_NOT_SPECIFIC}, {true, FA_SPECIFIC, true, false, FAP_OK},
	};
	int			ok = 1;
	size_t		i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (family_authorisation_problem(table[i].minor, table[i].kind, table[i].multi_day,
										 table[i].informed) != table[i].expected)
			ok = 0;
	report(ok, "family authorisations as section 6.3 reads, every combination", "");
}

static void
check_police_authorisation(void)
{
	/* a trip from day 100 to day 105 */
	int			ok = 1;

	ok &= police_authorisation_problem(false, false, 0, 0, 100, 105) == PA_OK;
	ok &= police_authorisation_problem(true, false, 0, 0, 100, 105) == PA_MISSING;
	ok &= police_authorisation_problem(true, true, 10, 105, 100, 105) == PA_OK;			/* valid to the return */
	ok &= police_authorisation_problem(true, true, 10, 104, 100, 105) == PA_NOT_COVERING;	/* a day short */
	ok &= police_authorisation_problem(true, true, 100, 190, 100, 105) == PA_OK;			/* issued on departure */
	ok &= police_authorisation_problem(true, true, 101, 191, 100, 105) == PA_NOT_COVERING;	/* after departure */
	report(ok, "police-stamped authorisations cover the trip from departure to return, both days included", "");
	report(recorded_on_or_before(true, 5, 5) && !recorded_on_or_before(true, 6, 5) && !recorded_on_or_before(false, 1, 5),
		   "a date recorded on or before the limit, and only if recorded", "");
}

int
main(void)
{
	check_edges();
	check_escort_need();
	check_family_authorisation();
	check_police_authorisation();
	return failures == 0 ? 0 : 1;
}
