/*
 * parts.c
 *		A group's week judged for every set of pupils it holds.
 *
 * A split divides every pupil of a group into disjoint parts, and each
 * pupil is in one part of every split; the pupils who share a part of each
 * split have one timetable: the whole group's items and their parts'.  The
 * day and week rules are judged for each such combination, as FET judges
 * its subgroups, so that a part with a seventh hour is caught and a part
 * that is free while another is in class is not counted twice.
 *
 * Combinations that break a rule alike are reported once: a finding is
 * named by the parts it depends on.  A split does not matter to a finding
 * when every part of the split, with the other splits' parts unchanged,
 * breaks the rule in the same way (same rule, day, stretch and figures);
 * the finding then names no part of it.  A finding of the whole group's
 * own items names no part at all.
 */
#include "kernels_internal.h"

#include <stdlib.h>
#include <string.h>

/* A finding of one combination, while the combinations are judged. */
typedef struct recorded
{
	st_finding	f;
	int			combination;
} recorded;

typedef struct recorder
{
	const st_arena *arena;
	recorded   *found;
	int			n;
	int			capacity;
	int			combination;
} recorder;

static void
record(void *context, const st_finding *f)
{
	recorder   *r = context;

	if (r->n == r->capacity)
	{
		int			capacity = r->capacity ? r->capacity * 2 : 64;
		recorded   *grown = r->arena->alloc(r->arena->context, sizeof(recorded) * (size_t) capacity);

		if (r->n > 0)
			memcpy(grown, r->found, sizeof(recorded) * (size_t) r->n);
		r->found = grown;
		r->capacity = capacity;
	}
	r->found[r->n].f = *f;
	r->found[r->n].combination = r->combination;
	r->n++;
}

/* Findings alike in all but the combination sort together. */
static int
same_finding_cmp(const st_finding *x, const st_finding *y)
{
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	if (x->measured != y->measured)
		return x->measured < y->measured ? -1 : 1;
	if (x->limit != y->limit)
		return x->limit < y->limit ? -1 : 1;
	return 0;
}

static int
recorded_cmp(const void *a, const void *b)
{
	const recorded *x = a;
	const recorded *y = b;
	int			c = same_finding_cmp(&x->f, &y->f);

	if (c != 0)
		return c;
	return (x->combination > y->combination) - (x->combination < y->combination);
}

/* The splits the items use, as radices of the combination numbers. */
typedef struct combinations
{
	int			nused;			/* splits some item is a part of */
	int16_t    *split;			/* each used split */
	int		   *radix;			/* its parts */
	int		   *stride;
	int		   *used_index;		/* by split: its index among the used ones */
	int			count;			/* the product of the radices */
} combinations;

static int
digit(const combinations *c, int combination, int u)
{
	return (combination / c->stride[u]) % c->radix[u];
}

/*
 * Sets up the combinations of the splits the items use; false when there
 * are more than ST_MAX_COMBINATIONS.
 */
static bool
combinations_of(const st_item *items, int n, const st_group_shape *shape, combinations *c,
				const st_arena *arena)
{
	int			max_split = 0;
	int		   *parts;
	long		count = 1;
	int			s;
	int			i;

	for (i = 0; i < n; i++)
		if (items[i].split > max_split)
			max_split = items[i].split;
	parts = arena->alloc(arena->context, sizeof(int) * (size_t) (max_split + 1));
	memset(parts, 0, sizeof(int) * (size_t) (max_split + 1));
	c->split = arena->alloc(arena->context, sizeof(int16_t) * (size_t) (max_split + 1));
	c->radix = arena->alloc(arena->context, sizeof(int) * (size_t) (max_split + 1));
	c->stride = arena->alloc(arena->context, sizeof(int) * (size_t) (max_split + 1));
	c->used_index = arena->alloc(arena->context, sizeof(int) * (size_t) (max_split + 1));
	for (i = 0; i < n; i++)
		if (items[i].split > 0 && items[i].part > parts[items[i].split])
			parts[items[i].split] = items[i].part;
	c->nused = 0;
	for (s = 1; s <= max_split; s++)
	{
		if (parts[s] == 0)
			continue;			/* no item is of a part of this split */
		if (shape && s <= shape->nsplits && shape->nparts[s - 1] > parts[s])
			parts[s] = shape->nparts[s - 1];
		if (count * parts[s] > ST_MAX_COMBINATIONS)
			return false;
		count *= parts[s];
		c->split[c->nused] = (int16_t) s;
		c->radix[c->nused] = parts[s];
		c->used_index[s] = c->nused;
		c->nused++;
	}
	c->count = (int) count;
	count = 1;
	for (i = 0; i < c->nused; i++)
	{
		c->stride[i] = (int) count;
		count *= c->radix[i];
	}
	return true;
}

/* Whether an item is in the timetable of the pupils of a combination. */
static bool
item_in(const st_item *item, const combinations *c, int combination)
{
	if (item->split <= 0)
		return true;
	return digit(c, combination, c->used_index[item->split]) == item->part - 1;
}

/*
 * Emits one run of alike findings (found[first..next), sorted by
 * combination) once for each set of pupils it depends on.
 */
static void
fold(const recorded *found, int first, int next, const combinations *c, unsigned char *member,
	 unsigned char *emitted, bool *relevant, st_emit emit, void *context)
{
	int			u;
	int			i;

	for (i = first; i < next; i++)
		member[found[i].combination] = 1;
	for (u = 0; u < c->nused; u++)
	{
		relevant[u] = false;
		for (i = first; i < next && !relevant[u]; i++)
		{
			int			combination = found[i].combination;
			int			base = combination - digit(c, combination, u) * c->stride[u];
			int			p;

			for (p = 0; p < c->radix[u]; p++)
				if (!member[base + p * c->stride[u]])
				{
					relevant[u] = true;
					break;
				}
		}
	}
	for (i = first; i < next; i++)
	{
		int			combination = found[i].combination;
		int			projected = 0;
		st_finding	f;

		for (u = 0; u < c->nused; u++)
			if (relevant[u])
				projected += digit(c, combination, u) * c->stride[u];
		if (emitted[projected])
			continue;
		emitted[projected] = 1;
		f = found[i].f;
		f.nparts = 0;
		for (u = 0; u < c->nused && f.nparts < ST_MAX_FINDING_PARTS; u++)
			if (relevant[u])
			{
				f.parts[f.nparts].split = c->split[u];
				f.parts[f.nparts].part = (int16_t) (digit(c, combination, u) + 1);
				f.nparts++;
			}
		emit(context, &f);
	}
	for (i = first; i < next; i++)
	{
		int			combination = found[i].combination;
		int			projected = 0;

		member[combination] = 0;
		for (u = 0; u < c->nused; u++)
			if (relevant[u])
				projected += digit(c, combination, u) * c->stride[u];
		emitted[projected] = 0;
	}
}

int
st_group_week(const st_item *items, int n, const st_group_shape *shape,
			  const st_group_limits *limits, unsigned checks,
			  const st_arena *arena, st_emit emit, void *context)
{
	combinations *c;
	recorder	r;
	st_item    *mine;
	unsigned char *member;
	unsigned char *emitted;
	bool	   *relevant;
	int			combination;
	int			i;

	st_group_overlaps(items, n, emit, context);

	c = arena->alloc(arena->context, sizeof(combinations));
	if (!combinations_of(items, n, shape, c, arena))
		return -1;
	if (c->nused == 0)
	{
		/* the whole group's items only: one set of pupils */
		st_group_days(items, n, limits, emit, context);
		if (checks != 0)
			st_group_approval(items, n, limits, checks, emit, context);
		return 1;
	}

	mine = arena->alloc(arena->context, sizeof(st_item) * (size_t) (n > 0 ? n : 1));
	memset(&r, 0, sizeof(r));
	r.arena = arena;
	for (combination = 0; combination < c->count; combination++)
	{
		int			m = 0;

		for (i = 0; i < n; i++)
			if (item_in(&items[i], c, combination))
				mine[m++] = items[i];
		r.combination = combination;
		st_group_days(mine, m, limits, record, &r);
		if (checks != 0)
			st_group_approval(mine, m, limits, checks, record, &r);
	}

	if (r.n == 0)
		return c->count;
	qsort(r.found, (size_t) r.n, sizeof(recorded), recorded_cmp);
	member = arena->alloc(arena->context, (size_t) c->count);
	emitted = arena->alloc(arena->context, (size_t) c->count);
	relevant = arena->alloc(arena->context, sizeof(bool) * (size_t) c->nused);
	memset(member, 0, (size_t) c->count);
	memset(emitted, 0, (size_t) c->count);
	for (i = 0; i < r.n;)
	{
		int			next = i + 1;

		while (next < r.n && same_finding_cmp(&r.found[next].f, &r.found[i].f) == 0)
			next++;
		fold(r.found, i, next, c, member, emitted, relevant, emit, context);
		i = next;
	}
	return c->count;
}
