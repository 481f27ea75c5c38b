/*
 * set_rules.h
 *		The write-time set rules: each statement's groups and teachers,
 *		read and judged (judge.h) once per statement.
 */
#ifndef SCHOOLTIME_SET_RULES_H
#define SCHOOLTIME_SET_RULES_H

#include "schooltime.h"

#include "judge.h"

/* The write-time group and teacher rules over the keys keys_sql selects. */
extern void scan_groups(ViolationCollector *collector, const char *keys_sql, MemoryContext work);
extern void scan_teachers(ViolationCollector *collector, const char *keys_sql, MemoryContext work);

#endif							/* SCHOOLTIME_SET_RULES_H */
