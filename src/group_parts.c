/*
 * group_parts.c
 *		The splits and parts of a model's groups, as the kernels number them.
 *
 * See group_parts.h.  Shapes are read once per statement or report, for
 * the groups it concerns; a group with no named split has no entry, and
 * costs nothing.
 */
#include "schooltime.h"

#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/memutils.h"

#include "flat_scan.h"
#include "group_parts.h"

typedef struct GroupKey
{
	int64		centre_id;
	int64		group_id;
} GroupKey;

void
group_shapes_init(GroupShapes *shapes, MemoryContext context)
{
	HASHCTL		ctl;

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(GroupKey);
	ctl.entrysize = sizeof(GroupShape);
	ctl.hcxt = context;
	shapes->by_group = hash_create("schooltime group shapes", 64, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	shapes->context = context;
}

GroupShape *
group_shape_find(GroupShapes *shapes, int64 centre_id, int64 group_id, bool create)
{
	GroupKey	key;
	GroupShape *shape;
	bool		found;

	key.centre_id = centre_id;
	key.group_id = group_id;
	shape = hash_search(shapes->by_group, &key, create ? HASH_ENTER : HASH_FIND, &found);
	if (shape && !found)
	{
		shape->nsplits = 0;
		shape->capacity = 0;
		shape->splits = NULL;
		shape->nparts = NULL;
	}
	return shape;
}

/* Adds a split to a shape; its number. */
static int
add_split(GroupShapes *shapes, GroupShape *shape, const char *name)
{
	GroupSplit *split;

	if (shape->nsplits == shape->capacity)
	{
		int			capacity = shape->capacity ? shape->capacity * 2 : 4;

		shape->splits = shape->splits
			? repalloc(shape->splits, sizeof(GroupSplit) * capacity)
			: MemoryContextAlloc(shapes->context, sizeof(GroupSplit) * capacity);
		shape->nparts = shape->nparts
			? repalloc(shape->nparts, sizeof(int) * capacity)
			: MemoryContextAlloc(shapes->context, sizeof(int) * capacity);
		shape->capacity = capacity;
	}
	split = &shape->splits[shape->nsplits];
	split->name = name ? MemoryContextStrdup(shapes->context, name) : NULL;
	split->nparts = 0;
	split->capacity = 0;
	split->parts = NULL;
	shape->nparts[shape->nsplits] = 0;
	return ++shape->nsplits;
}

/* Adds a part to split s of a shape; its number. */
static int
add_part(GroupShapes *shapes, GroupShape *shape, int s, const char *name)
{
	GroupSplit *split = &shape->splits[s - 1];

	if (split->nparts == split->capacity)
	{
		int			capacity = split->capacity ? split->capacity * 2 : 4;

		split->parts = split->parts
			? repalloc(split->parts, sizeof(char *) * capacity)
			: MemoryContextAlloc(shapes->context, sizeof(char *) * capacity);
		split->capacity = capacity;
	}
	split->parts[split->nparts++] = MemoryContextStrdup(shapes->context, name);
	shape->nparts[s - 1] = split->nparts;
	return split->nparts;
}

/* A new shape holds the halves first, so that split 1 is theirs in every group. */
static GroupShape *
shape_with_halves(GroupShapes *shapes, int64 centre_id, int64 group_id)
{
	GroupShape *shape = group_shape_find(shapes, centre_id, group_id, true);

	if (shape->nsplits == 0)
	{
		add_split(shapes, shape, NULL);
		add_part(shapes, shape, HALVES_SPLIT, "1");
		add_part(shapes, shape, HALVES_SPLIT, "2");
	}
	return shape;
}

static int
find_split(const GroupShape *shape, const char *name)
{
	int			s;

	for (s = HALVES_SPLIT + 1; s <= shape->nsplits; s++)
		if (strcmp(shape->splits[s - 1].name, name) == 0)
			return s;
	return 0;
}

static int
find_part(const GroupShape *shape, int s, const char *name)
{
	const GroupSplit *split = &shape->splits[s - 1];
	int			p;

	for (p = 1; p <= split->nparts; p++)
		if (strcmp(split->parts[p - 1], name) == 0)
			return p;
	return 0;
}

static void
part_row(void *context, Datum *values, bool *nulls)
{
	GroupShapes *shapes = (GroupShapes *) context;
	GroupShape *shape = shape_with_halves(shapes, DatumGetInt64(values[0]), DatumGetInt64(values[1]));
	char	   *split = TextDatumGetCString(values[2]);
	char	   *part = TextDatumGetCString(values[3]);
	int			s = find_split(shape, split);

	if (s == 0)
		s = add_split(shapes, shape, split);
	if (find_part(shape, s, part) == 0)
		add_part(shapes, shape, s, part);
}

void
group_shapes_load(GroupShapes *shapes, const ModelTables *model, const char *filter_sql)
{
	MemoryContext old;

	if (model->group_parts == NULL)
		return;
	old = MemoryContextSwitchTo(shapes->context);
	flat_scan(psprintf("SELECT p.centre_id, p.group_id, p.split, p.part FROM %s AS p WHERE %s"
					   " ORDER BY p.centre_id, p.group_id, p.split COLLATE \"C\", p.part COLLATE \"C\"",
					   model->group_parts, filter_sql),
			  part_row, shapes);
	MemoryContextSwitchTo(old);
}

bool
group_shape_number(GroupShapes *shapes, int64 centre_id, int64 group_id, int half,
				   const char *split, const char *part, int16 *split_number, int16 *part_number)
{
	GroupShape *shape;
	bool		known = true;
	int			s;
	int			p;

	if (split == NULL || part == NULL)
	{
		*split_number = half > 0 ? HALVES_SPLIT : 0;
		*part_number = half > 0 ? (int16) half : 0;
		return true;
	}
	shape = shape_with_halves(shapes, centre_id, group_id);
	s = find_split(shape, split);
	if (s == 0)
	{
		s = add_split(shapes, shape, split);
		known = false;
	}
	p = find_part(shape, s, part);
	if (p == 0)
	{
		p = add_part(shapes, shape, s, part);
		known = false;
	}
	*split_number = (int16) s;
	*part_number = (int16) p;
	return known;
}

void
group_shape_for_kernels(const GroupShape *shape, st_group_shape *out)
{
	static const int halves_only[1] = {2};

	if (shape == NULL)
	{
		out->nsplits = 1;
		out->nparts = halves_only;
		return;
	}
	out->nsplits = shape->nsplits;
	out->nparts = shape->nparts;
}

char *
group_part_name(const GroupShape *shape, int split, int part)
{
	if (split == HALVES_SPLIT)
		return psprintf("half %d", part);
	if (shape == NULL || split > shape->nsplits || part > shape->splits[split - 1].nparts)
		return psprintf("part %d of split %d", part, split);
	return psprintf("part \"%s\"", shape->splits[split - 1].parts[part - 1]);
}

char *
group_shape_label(const GroupShape *shape, const st_finding *f)
{
	StringInfoData text;
	int			i;

	if (f->nparts == 0)
		return "";
	initStringInfo(&text);
	appendStringInfoString(&text, " (");
	for (i = 0; i < f->nparts; i++)
		appendStringInfo(&text, "%s%s", i > 0 ? ", " : "",
						 group_part_name(shape, f->parts[i].split, f->parts[i].part));
	appendStringInfoChar(&text, ')');
	return text.data;
}

char *
group_shape_parts_json(const GroupShape *shape, const st_finding *f)
{
	StringInfoData json;
	int			i;

	if (f->nparts == 0)
		return NULL;
	initStringInfo(&json);
	appendStringInfoChar(&json, '[');
	for (i = 0; i < f->nparts; i++)
	{
		int			split = f->parts[i].split;
		int			part = f->parts[i].part;

		appendStringInfoString(&json, i > 0 ? ", {\"split\": " : "{\"split\": ");
		if (split == HALVES_SPLIT)
		{
			appendStringInfo(&json, "\"\", \"part\": \"%d\"}", part);
			continue;
		}
		if (shape == NULL || split > shape->nsplits || part > shape->splits[split - 1].nparts)
			elog(ERROR, "finding names part %d of split %d, which the group's shape lacks", part, split);
		escape_json(&json, shape->splits[split - 1].name);
		appendStringInfoString(&json, ", \"part\": ");
		escape_json(&json, shape->splits[split - 1].parts[part - 1]);
		appendStringInfoChar(&json, '}');
	}
	appendStringInfoChar(&json, ']');
	return json.data;
}
