/*
 * flat_scan.c
 *		Reading a whole model's slots into one flat array, sorted in memory.
 *
 * See flat_scan.h.  The array holds a few integers per slot (48 bytes), so
 * a region of two million sessions takes about 100 MB while it is read;
 * it can grow past 1 GB for larger regions (huge allocations).
 */
#include "schooltime.h"

#include "access/htup_details.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "catalogue.h"
#include "flat_scan.h"

#define FLAT_FETCH_ROWS 10000

void
flat_items_init(FlatItems *f, MemoryContext context)
{
	f->items = NULL;
	f->n = 0;
	f->capacity = 0;
	f->context = context;
}

void
flat_items_add(FlatItems *f, int64 key, int64 subkey, int64 centre, const st_item *item)
{
	FlatItem   *slot;

	if (f->n == f->capacity)
	{
		Size		capacity = f->capacity ? f->capacity * 2 : 4096;

		f->items = f->items
			? repalloc_huge(f->items, capacity * sizeof(FlatItem))
			: MemoryContextAllocHuge(f->context, capacity * sizeof(FlatItem));
		f->capacity = capacity;
	}
	slot = &f->items[f->n++];
	slot->key = key;
	slot->subkey = subkey;
	slot->centre = centre;
	slot->item = *item;
}

static int
flat_item_cmp(const void *a, const void *b)
{
	const FlatItem *x = (const FlatItem *) a;
	const FlatItem *y = (const FlatItem *) b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->subkey != y->subkey)
		return x->subkey < y->subkey ? -1 : 1;
	if (x->item.start != y->item.start)
		return x->item.start < y->item.start ? -1 : 1;
	if (x->item.end != y->item.end)
		return x->item.end < y->item.end ? -1 : 1;
	if (x->item.id != y->item.id)
		return x->item.id < y->item.id ? -1 : 1;
	return (int) (x->item.flags & ST_DUTY) - (int) (y->item.flags & ST_DUTY);
}

void
flat_items_sort(FlatItems *f)
{
	if (f->n > 1)
		qsort(f->items, f->n, sizeof(FlatItem), flat_item_cmp);
}

bool
flat_items_next(const FlatItems *f, Size *pos, int64 *key, int64 *subkey, KeyItems *k)
{
	Size		i = *pos;

	k->n = 0;
	if (i >= f->n)
		return false;
	*key = f->items[i].key;
	*subkey = f->items[i].subkey;
	for (; i < f->n && f->items[i].key == *key && f->items[i].subkey == *subkey; i++)
	{
		const st_item *item = &f->items[i].item;

		key_items_add(k, item->start, item->end, item->half, item->flags, item->id, f->items[i].centre);
	}
	*pos = i;
	return true;
}

void
flat_scan(const char *query, flat_row_fn row_fn, void *context)
{
	Portal		portal = SPI_cursor_open_with_args(NULL, query, 0, NULL, NULL, NULL, true, 0);
	MemoryContext batch = AllocSetContextCreate(CurrentMemoryContext, "schooltime flat scan batch",
												ALLOCSET_DEFAULT_SIZES);
	Datum	   *values = NULL;
	bool	   *nulls = NULL;

	if (portal == NULL)
		elog(ERROR, "could not open cursor for: %s", query);
	for (;;)
	{
		MemoryContext old;
		uint64		i;

		SPI_cursor_fetch(portal, true, FLAT_FETCH_ROWS);
		if (SPI_processed == 0)
			break;
		if (values == NULL)
		{
			values = palloc(sizeof(Datum) * SPI_tuptable->tupdesc->natts);
			nulls = palloc(sizeof(bool) * SPI_tuptable->tupdesc->natts);
		}
		old = MemoryContextSwitchTo(batch);
		for (i = 0; i < SPI_processed; i++)
		{
			heap_deform_tuple(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, values, nulls);
			row_fn(context, values, nulls);
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(batch);
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	MemoryContextDelete(batch);
}

int
school_year_of_datum(Datum value)
{
	struct varlena *year_text = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(value));
	const char *s = VARDATA_ANY(year_text);

	/* the domain holds 'YYYY-YYYY' with consecutive years; anything else is checked the slow way */
	if (VARSIZE_ANY_EXHDR(year_text) == 9 && s[4] == '-' &&
		isdigit((unsigned char) s[0]) && isdigit((unsigned char) s[1]) &&
		isdigit((unsigned char) s[2]) && isdigit((unsigned char) s[3]))
	{
		int			year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		char		next[5];

		snprintf(next, sizeof(next), "%04d", year + 1);
		if (memcmp(s + 5, next, 4) == 0)
			return year;
	}
	return parse_school_year(text_to_cstring((text *) year_text));
}
