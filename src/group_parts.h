/*
 * group_parts.h
 *		The splits and parts of a model's groups, as the kernels number them.
 *
 * A session row names its part by text: split_half 1 or 2 (the built-in
 * split of every group into halves), or split and part (a row of the
 * model's group_parts).  The kernels see numbers: split 1 is the halves,
 * the group's named splits follow in name order, and parts are numbered
 * from 1 within their split.  A GroupShapes maps one way and back, so that
 * a finding can name the parts it is about.
 */
#ifndef SCHOOLTIME_GROUP_PARTS_H
#define SCHOOLTIME_GROUP_PARTS_H

#include "schooltime.h"

#include "utils/hsearch.h"

#include "kernels/kernels.h"
#include "model.h"

/* The split numbered 1 in every group: split_half 1 and 2. */
#define HALVES_SPLIT 1

typedef struct GroupSplit
{
	char	   *name;			/* NULL for the halves */
	int			nparts;
	int			capacity;
	char	  **parts;			/* part p at parts[p - 1] */
} GroupSplit;

typedef struct GroupShape
{
	int64		centre_id;		/* the hash key: centre and group */
	int64		group_id;
	int			nsplits;
	int			capacity;
	GroupSplit *splits;			/* split s at splits[s - 1] */
	int		   *nparts;			/* the same counts, as st_group_shape wants them */
} GroupShape;

typedef struct GroupShapes
{
	HTAB	   *by_group;
	MemoryContext context;
} GroupShapes;

/* Empty shapes, kept in context: every group has only its halves until loaded. */
extern void group_shapes_init(GroupShapes *shapes, MemoryContext context);

/*
 * Reads the parts of the groups that filter_sql keeps from the model's
 * group_parts (filter_sql: a condition on alias p, such as
 * "(p.centre_id, p.group_id) IN (...)").  Does nothing for a model made
 * before group_parts existed.
 */
extern void group_shapes_load(GroupShapes *shapes, const ModelTables *model, const char *filter_sql);

/* A group's shape; NULL if it has no named split and create is false. */
extern GroupShape *group_shape_find(GroupShapes *shapes, int64 centre_id, int64 group_id, bool create);

/*
 * The split and part numbers of a session of a group: (0, 0) for the whole
 * group, (HALVES_SPLIT, half) for split_half, or those of a named part.  A
 * part the group's shape lacks is added to it, so that nothing is lost,
 * and false returned.
 */
extern bool group_shape_number(GroupShapes *shapes, int64 centre_id, int64 group_id, int half,
							   const char *split, const char *part, int16 *split_number, int16 *part_number);

/* The shape for the kernels (the halves always have their two parts). */
extern void group_shape_for_kernels(const GroupShape *shape, st_group_shape *out);

/*
 * What a finding says of the pupils it is about: '' for the whole group,
 * ' (part "Francès")', ' (half 1)', ' (part "Francès", half 2)'.
 */
extern char *group_shape_label(const GroupShape *shape, const st_finding *f);

/*
 * The same as data, for a program rather than a reader: a JSON array of
 * {"split": name, "part": name}, the halves as split "" and part "1" or
 * "2", in the finding's order; NULL for the whole group.
 */
extern char *group_shape_parts_json(const GroupShape *shape, const st_finding *f);

/* The name of one part: 'part "Francès"' or 'half 1'. */
extern char *group_part_name(const GroupShape *shape, int split, int part);

#endif							/* SCHOOLTIME_GROUP_PARTS_H */
