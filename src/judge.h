/*
 * judge.h
 *		Judging one key's week: a group's, a teacher's or a centre's slots,
 *		read from SQL, handed sorted to the kernels, and what they find
 *		collected and worded.  Shared by the statement triggers
 *		(set_rules.c), approval (approval.c) and the compliance report
 *		(check.c), so that each says the same of the same timetable.
 */
#ifndef SCHOOLTIME_JUDGE_H
#define SCHOOLTIME_JUDGE_H

#include "schooltime.h"

#include "executor/spi.h"
#include "utils/rel.h"

#include "catalogue.h"
#include "findings.h"
#include "group_parts.h"
#include "key_items.h"
#include "kernels/kernels.h"
#include "model.h"

/*
 * The values of the parameters $1..$n of the queries that name a
 * statement's keys (set_rules.c), or of none.
 */
#define MAX_QUERY_PARAMS 6
typedef struct QueryParams
{
	int			n;
	Oid			types[MAX_QUERY_PARAMS];
	Datum		values[MAX_QUERY_PARAMS];
	char		nulls[MAX_QUERY_PARAMS];
} QueryParams;

/* What a statement's checks found: how many violations, and the first, worded. */
typedef struct ViolationCollector
{
	const ModelTables *model;
	const QueryParams *params;	/* of the queries that name the keys; NULL: none */
	int			count;
	FindingText first;
	MemoryContext text_context;
	bool		keep_all;		/* word every violation, not only the first */
	List	   *all;			/* of FindingText *, when keep_all */
	GroupShapes *shapes;		/* the parts of the groups being judged */
	Relation	written;		/* the table a write-time check is of: the shape of */
								/* its lessons and parts is checked too */
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

/* Which week rules (ST_CHECK_*) a group's regime and centre call for at approval. */
extern unsigned approval_checks(const RegimeLimits *limits, bool public_centre);

/* A cursor on query (with params, or NULL) with a snapshot taken now (see judge.c). */
extern Portal open_fresh_cursor(const char *query, const QueryParams *params);

/* Runs query with params (or none), raising an internal error unless the result is expected. */
extern void exec_with_params(const char *query, const QueryParams *params, int expected);

/* The parts of the groups keys_sql (a query of centre_id, group_id) selects, into shapes. */
extern void load_group_shapes(GroupShapes *shapes, const ModelTables *model, const char *keys_sql,
							  const QueryParams *params);

/* Locks, in key order, the rows of table whose columns are IN keys_sql (with params, or NULL). */
extern void lock_rows(const char *table, const char *columns, const char *keys_sql, const QueryParams *params);

/* The kernels' callback, and its context. */
typedef struct EmitContext
{
	ViolationCollector *collector;
	const FindingSubject *subject;
} EmitContext;

extern void emit_finding(void *context, const st_finding *finding);

/*
 * Fills a subject with what every caller sets: the model, its kind and key,
 * its centre and year, and the key's items (k may be NULL); the caller adds
 * its figures (limits, staff, min_guards) and any label it already has.
 */
extern void finding_subject_init(FindingSubject *subject, const ModelTables *model, const char *kind,
								 int64 id, int64 centre_id, int school_year, const KeyItems *k);

/*
 * The group rules over one group's sorted week (subject->shape names its
 * parts): overlaps and each day's rules, then, if approval_checks is not 0,
 * those week rules too, for every combination of the group's parts.
 */
extern void group_kernels(const FindingSubject *subject, const KeyItems *k, unsigned week_checks,
						  st_emit emit, void *context);

/* A group's week checked into a collector, with the approval rules if asked. */
extern void collect_group(ViolationCollector *collector, KeyItems *k, int64 centre_id, int64 group_id,
						  Oid regime, int school_year, bool approval, bool public_centre);

/* A teacher's week of one school year checked into a collector. */
extern void collect_teacher(ViolationCollector *collector, KeyItems *k, int64 teacher_id, int school_year);

extern unsigned kind_flags(Oid kind);

/* Decodes a slot column of an SPI row; false for a slot the domain would not hold. */
extern bool row_slot(HeapTuple tuple, TupleDesc desc, int column, int *start, int *end);

/* A slot datum's [start, end); false for NULL or a slot the domain would not hold. */
extern bool slot_datum_bounds(Datum value, bool isnull, int *start, int *end);

/*
 * The columns of a session that its group's rules read, as SQL over the
 * alias of the sessions table: id, slot, kind, split_half, lesson_id,
 * split, part, teacher_id (NULLs for lesson_id, split and part in a model
 * made before 0.3).
 */
#define SESSION_ITEM_COLUMNS 8
extern char *session_item_columns(const ModelTables *model, const char *alias);

/* What session_item made of a row. */
typedef enum SessionItemResult
{
	SESSION_ITEM_OK,
	SESSION_ITEM_BAD_SLOT,		/* a slot the domain would not hold: no item */
	SESSION_ITEM_UNKNOWN_PART	/* a part the group's shape lacked (added to it) */
} SessionItemResult;

/*
 * A group's session from those columns (values[0..SESSION_ITEM_COLUMNS)),
 * numbering its part in shapes; *teacher is its teacher or 0.
 */
extern SessionItemResult session_item(GroupShapes *shapes, int64 centre_id, int64 group_id,
									  const Datum *values, const bool *nulls, st_item *item, int64 *teacher);

/* The values of columns first..first+n-1 (1-based) of an SPI row. */
extern void row_values(HeapTuple tuple, TupleDesc desc, int first, int n, Datum *values, bool *nulls);

#endif							/* SCHOOLTIME_JUDGE_H */
