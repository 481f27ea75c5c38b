/*
 * approval.h
 *		The rules of a whole timetable: at approval, and on edits of an
 *		approved one.
 */
#ifndef SCHOOLTIME_APPROVAL_H
#define SCHOOLTIME_APPROVAL_H

#include "schooltime.h"

#include "judge.h"

/*
 * Every group rule (write-time and approval-time) for the groups keys_sql
 * selects (centre_id, group_id); with approved_only, only those that are
 * provisional or definitive.
 */
extern void approval_scan_groups(ViolationCollector *collector, const char *keys_sql,
								 bool approved_only, MemoryContext work);

/* guard_coverage and directive_presence for the (centre_id, school_year) keys_sql selects. */
extern void approval_scan_centres(ViolationCollector *collector, const char *keys_sql, MemoryContext work);

/*
 * After a write: the approved groups among group_keys_sql (NULL for none),
 * and the centres of centre_keys_sql (centre_id, school_year) that hold an
 * approved group.
 */
extern void approval_recheck(ViolationCollector *collector, const char *group_keys_sql,
							 const char *centre_keys_sql, MemoryContext work);

#endif							/* SCHOOLTIME_APPROVAL_H */
