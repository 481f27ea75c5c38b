/*
 * flat_scan.c
 *		Reading a whole model's slots into one flat array, sorted in memory.
 *
 * See flat_scan.h.  The array holds a few integers per slot (56 bytes), so
 * a region of two million sessions takes about 100 MB while it is read;
 * it can grow past 1 GB for larger regions (huge allocations).
 */
#include "schooltime.h"

#include "access/htup_details.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "tcop/dest.h"
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

static inline int
flat_item_cmp(const FlatItem *x, const FlatItem *y)
{
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

/*
 * The sort of every check() and bulk statement: generated with the
 * comparison inlined (PostgreSQL's sort_template.h), where qsort() called
 * flat_item_cmp() through a pointer for each of millions of comparisons.
 */
#define ST_SORT sort_flat_items
#define ST_ELEMENT_TYPE FlatItem
#define ST_COMPARE(a, b) flat_item_cmp(a, b)
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

/* Sorts each run of items with the same key (the rest of the order). */
static void
sort_key_runs(FlatItems *f)
{
	Size		first = 0;

	while (first < f->n)
	{
		Size		next = first + 1;

		while (next < f->n && f->items[next].key == f->items[first].key)
			next++;
		if (next - first > 1)
			sort_flat_items(f->items + first, next - first);
		first = next;
	}
}

/*
 * Puts the items in key order in linear time, for keys dense enough (ids
 * of a table's identity column): each item's place is counted, then the
 * items are moved there in place, cycle by cycle.
 */
static void
counting_sort_keys(FlatItems *f, int64 min_key, Size range)
{
	Size	   *place = MemoryContextAllocHuge(CurrentMemoryContext, (range + 1) * sizeof(Size));
	Size	   *dest = MemoryContextAllocHuge(CurrentMemoryContext, f->n * sizeof(Size));
	Size		i;

	memset(place, 0, (range + 1) * sizeof(Size));
	for (i = 0; i < f->n; i++)
		place[f->items[i].key - min_key + 1]++;
	for (i = 1; i <= range; i++)
		place[i] += place[i - 1];
	for (i = 0; i < f->n; i++)
		dest[i] = place[f->items[i].key - min_key]++;
	for (i = 0; i < f->n; i++)
	{
		while (dest[i] != i)
		{
			Size		j = dest[i];
			FlatItem	item = f->items[j];

			f->items[j] = f->items[i];
			f->items[i] = item;
			dest[i] = dest[j];
			dest[j] = j;
		}
	}
	pfree(dest);
	pfree(place);
}

/*
 * Rows loaded centre by centre or group by group come back from a
 * sequential scan in key order, or nearly: then only each key's few items
 * need sorting.  Keys that are a table's dense ids (teachers) are put in
 * order by counting.  Only what is neither is sorted whole.
 */
void
flat_items_sort(FlatItems *f)
{
	bool		by_key = true;
	int64		min_key;
	int64		max_key;
	Size		i;

	if (f->n < 2)
		return;
	min_key = max_key = f->items[0].key;
	for (i = 1; i < f->n; i++)
	{
		if (f->items[i].key < f->items[i - 1].key)
			by_key = false;
		if (f->items[i].key < min_key)
			min_key = f->items[i].key;
		if (f->items[i].key > max_key)
			max_key = f->items[i].key;
	}
	if (!by_key)
	{
		uint64		spread = (uint64) max_key - (uint64) min_key;

		if (f->n > 1000 && spread < (uint64) f->n * 2)
			counting_sort_keys(f, min_key, (Size) spread + 1);
		else
		{
			sort_flat_items(f->items, f->n);
			return;
		}
	}
	sort_key_runs(f);
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

		key_items_add(k, item, f->items[i].centre);
	}
	*pos = i;
	return true;
}

#if SCHOOLTIME_SPI_HAS_DEST

/* Hands each row, as the executor produced it, to the caller's function. */
typedef struct FlatReceiver
{
	DestReceiver pub;
	flat_row_fn row_fn;
	void	   *context;
	MemoryContext batch;
	uint64		rows;
} FlatReceiver;

static bool
flat_receive(TupleTableSlot *slot, DestReceiver *self)
{
	FlatReceiver *r = (FlatReceiver *) self;
	MemoryContext old;

	slot_getallattrs(slot);
	old = MemoryContextSwitchTo(r->batch);
	r->row_fn(r->context, slot->tts_values, slot->tts_isnull);
	MemoryContextSwitchTo(old);
	if (++r->rows % FLAT_FETCH_ROWS == 0)
		MemoryContextReset(r->batch);
	return true;
}

static void
flat_startup(DestReceiver *self, int operation, TupleDesc typeinfo)
{
}

static void
flat_shutdown(DestReceiver *self)
{
}

static void
flat_destroy(DestReceiver *self)
{
}

void
flat_scan(const char *query, flat_row_fn row_fn, void *context)
{
	FlatReceiver receiver;
	SPIExecuteOptions options;
	int			rc;

	memset(&receiver, 0, sizeof(receiver));
	receiver.pub.receiveSlot = flat_receive;
	receiver.pub.rStartup = flat_startup;
	receiver.pub.rShutdown = flat_shutdown;
	receiver.pub.rDestroy = flat_destroy;
	receiver.pub.mydest = DestNone;
	receiver.row_fn = row_fn;
	receiver.context = context;
	receiver.batch = AllocSetContextCreate(CurrentMemoryContext, "schooltime flat scan batch",
										   ALLOCSET_DEFAULT_SIZES);
	memset(&options, 0, sizeof(options));
	options.read_only = true;
	options.dest = (DestReceiver *) &receiver;
	rc = SPI_execute_extended(query, &options);
	/* a SELECT whose rows go to a receiver of our own reports itself as a utility */
	if (rc != SPI_OK_SELECT && rc != SPI_OK_UTILITY)
		elog(ERROR, "SPI_execute_extended failed (%s) for: %s", SPI_result_code_string(rc), query);
	MemoryContextDelete(receiver.batch);
}

#else

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

#endif

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
		int			next = 0;
		int			i;

		for (i = 5; i < 9 && isdigit((unsigned char) s[i]); i++)
			next = next * 10 + (s[i] - '0');
		if (i == 9 && next == year + 1)
			return year;
	}
	return parse_school_year(text_to_cstring((text *) year_text));
}

void *
flat_array_push(void **array, Size *n, Size *capacity, Size element_size, MemoryContext context)
{
	if (*n == *capacity)
	{
		*capacity = *capacity ? *capacity * 2 : 1024;
		*array = *array ? repalloc_huge(*array, element_size * *capacity)
			: MemoryContextAllocHuge(context, element_size * *capacity);
	}
	return (char *) *array + element_size * (*n)++;
}
