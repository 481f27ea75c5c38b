/*
 * set_rules.h
 *		Feeding a key's slots from SQL to the kernels, and collecting what
 *		they find: shared by the statement triggers, the approval check and
 *		the compliance report.
 */
#ifndef SCHOOLTIME_SET_RULES_H
#define SCHOOLTIME_SET_RULES_H

#include "schooltime.h"

#include "executor/spi.h"
#include "utils/rel.h"

#include "catalogue.h"
#include "findings.h"
#include "kernels.h"
#include "model.h"

/* What a statement's checks found: how many violations, and the first, worded. */
typedef struct ViolationCollector
{
	const ModelTables *model;
	int			count;
	FindingText first;
	MemoryContext text_context;
	bool		keep_all;		/* word every violation, not only the first */
	List	   *all;			/* of FindingText *, when keep_all */
	/* set by the compliance report: every finding goes here instead */
	void		(*report) (void *context, const FindingSubject *subject, const st_finding *finding);
	void	   *report_context;
} ViolationCollector;

extern void violations_init(ViolationCollector *collector, const ModelTables *model);

/* Counts a finding unless its rule is a warning or an authorisation covers it. */
extern void violations_add(ViolationCollector *collector, const FindingSubject *subject,
						   const st_finding *finding);

/* The authorisation that sets a finding aside (continuous, free_afternoons, fp_single_shift), or 0. */
extern int64 finding_authorisation(const FindingSubject *subject, const st_finding *finding,
								   const ModelTables *model);

/* Raises the first violation, if any, saying how many more there are. */
extern void violations_raise(const ViolationCollector *collector, Relation rel, const char *prefix);

extern void group_limits_from(const RegimeLimits *limits, st_group_limits *out);
extern void staff_limits_from(const StaffLimits *limits, st_staff_limits *out);

/* A cursor on query with a snapshot taken now (see set_rules.c). */
extern Portal open_fresh_cursor(const char *query);

/* Locks, in key order, the rows of table whose columns are IN keys_sql. */
extern void lock_rows(const char *table, const char *columns, const char *keys_sql);

/* The kernels' callback, and its context. */
typedef struct EmitContext
{
	ViolationCollector *collector;
	const FindingSubject *subject;
} EmitContext;

extern void emit_finding(void *context, const st_finding *finding);

/* A key's slots, gathered while the rows of the key stream past. */
typedef struct KeyItems
{
	st_item    *items;
	int64	   *centres;
	int			n;
	int			capacity;
} KeyItems;

/*
 * Fills a subject with what every caller sets: the model, its kind and key,
 * its centre and year, and the key's items (k may be NULL); the caller adds
 * its figures (limits, staff, min_guards) and any label it already has.
 */
extern void finding_subject_init(FindingSubject *subject, const ModelTables *model, const char *kind,
								 int64 id, int64 centre_id, int school_year, const KeyItems *k);

/*
 * The group rules over one group's sorted week: overlaps and each day's
 * rules, then, if approval_checks is not 0, those week rules too.
 */
extern void group_kernels(const KeyItems *k, const RegimeLimits *limits, unsigned approval_checks,
						  st_emit emit, void *context);

/* A group's week checked into a collector, with the approval rules if asked. */
extern void collect_group(ViolationCollector *collector, KeyItems *k, int64 centre_id, int64 group_id,
						  Oid regime, int school_year, bool approval, bool public_centre);

extern void key_items_add(KeyItems *k, int start, int end, int half, unsigned flags,
						  int64 id, int64 centre);
/* Sorts a key's items by start (then end and id), as the kernels need them. */
extern void key_items_sort(KeyItems *k);
extern unsigned kind_flags(Oid kind);

/* Decodes a slot column of an SPI row; false for a slot the domain would not hold. */
extern bool row_slot(HeapTuple tuple, TupleDesc desc, int column, int *start, int *end);

/* The write-time group and teacher rules over the keys keys_sql selects. */
extern void scan_groups(ViolationCollector *collector, const char *keys_sql, MemoryContext work);
extern void scan_teachers(ViolationCollector *collector, const char *keys_sql, MemoryContext work);

#endif							/* SCHOOLTIME_SET_RULES_H */
