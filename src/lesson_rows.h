/*
 * lesson_rows.h
 *		The shape of lessons and parts: what makes the rows a write adds a
 *		lesson, a block or a part of a group, checked before the rules.
 *
 * A lesson's rows share its slot and school year, are in its block's
 * regime, take a group whole or some of its parts but not both, and list
 * each group (or part) and teacher once; a part is one the group has.  The
 * foreign keys say the first and the last at commit; these checks say all
 * of them at the end of the statement, naming the row and what to do.
 */
#ifndef SCHOOLTIME_LESSON_ROWS_H
#define SCHOOLTIME_LESSON_ROWS_H

#include "schooltime.h"

#include "utils/rel.h"

#include "group_parts.h"
#include "key_items.h"
#include "model.h"

/*
 * The rows of new_table (a transition table of the model's sessions, or
 * NULL) against their lessons and blocks: the lesson exists, has their
 * school year and slot, and its block their regime.
 */
extern void lesson_rows_check_written(const ModelTables *model, Relation rel, const char *new_table);

/*
 * One group's sessions (items, with each row's teacher): no lesson takes the
 * group whole and a part of it, nor lists one row twice.
 */
extern void lesson_rows_check_group(const ModelTables *model, Relation rel, const KeyItems *k,
									const int64 *teachers, int64 centre_id, int64 group_id,
									const GroupShape *shape);

/* A session that names a part its group lacks. */
extern void lesson_rows_unknown_part(const ModelTables *model, Relation rel, int64 centre_id, int64 group_id,
									 int64 session_id, const char *split, const char *part,
									 const GroupShape *shape) pg_attribute_noreturn();

#endif							/* SCHOOLTIME_LESSON_ROWS_H */
