/*
 * key_items.c
 *		One key's slots, gathered and sorted (see key_items.h).
 */
#include "schooltime.h"

#include "key_items.h"

void
key_items_add_session(KeyItems *k, const st_item *item, int64 centre, int64 teacher)
{
	if (k->n == k->capacity)
	{
		k->capacity = k->capacity ? k->capacity * 2 : 64;
		k->items = k->items ? repalloc(k->items, sizeof(st_item) * k->capacity)
			: palloc(sizeof(st_item) * k->capacity);
		k->centres = k->centres ? repalloc(k->centres, sizeof(int64) * k->capacity)
			: palloc(sizeof(int64) * k->capacity);
		k->teachers = k->teachers ? repalloc(k->teachers, sizeof(int64) * k->capacity)
			: palloc(sizeof(int64) * k->capacity);
	}
	k->items[k->n] = *item;
	k->centres[k->n] = centre;
	k->teachers[k->n] = teacher;
	k->n++;
}

void
key_items_add(KeyItems *k, const st_item *item, int64 centre)
{
	key_items_add_session(k, item, centre, 0);
}

/* An item with the centre it belongs to and its teacher, sorted together. */
typedef struct CentredItem
{
	st_item		item;
	int64		centre;
	int64		teacher;
} CentredItem;

static inline int
centred_item_cmp(const CentredItem *a, const CentredItem *b)
{
	const st_item *x = &a->item;
	const st_item *y = &b->item;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (int) (x->flags & ST_DUTY) - (int) (y->flags & ST_DUTY);
}

/* with the comparison inlined, as flat_scan.c's sort */
#define ST_SORT sort_centred_items
#define ST_ELEMENT_TYPE CentredItem
#define ST_COMPARE(a, b) centred_item_cmp(a, b)
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

/*
 * The queries hand over a key's rows in key order only: sorting a whole
 * table by a range column costs more than the rules themselves, while a
 * key's few dozen slots sort here in no time.
 */
void
key_items_sort(KeyItems *k)
{
	CentredItem *sorted;
	int			i;

	for (i = 1; i < k->n; i++)
		if (k->items[i - 1].start > k->items[i].start ||
			(k->items[i - 1].start == k->items[i].start && k->items[i - 1].end > k->items[i].end))
			break;
	if (i >= k->n)
		return;
	sorted = palloc(sizeof(CentredItem) * k->n);
	for (i = 0; i < k->n; i++)
	{
		sorted[i].item = k->items[i];
		sorted[i].centre = k->centres[i];
		sorted[i].teacher = k->teachers[i];
	}
	sort_centred_items(sorted, k->n);
	for (i = 0; i < k->n; i++)
	{
		k->items[i] = sorted[i].item;
		k->centres[i] = sorted[i].centre;
		k->teachers[i] = sorted[i].teacher;
	}
	pfree(sorted);
}
