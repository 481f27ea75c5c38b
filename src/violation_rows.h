/*
 * violation_rows.h
 *		Rows of schooltime.violation, from what a kernel found: the one shape
 *		in which check() reports a violation and places() says why a place
 *		is closed.
 */
#ifndef SCHOOLTIME_VIOLATION_ROWS_H
#define SCHOOLTIME_VIOLATION_ROWS_H

#include "schooltime.h"

#include "access/tupdesc.h"
#include "utils/typcache.h"

#include "catalogue.h"
#include "findings.h"
#include "kernels/kernels.h"
#include "row_findings.h"

/* The columns of schooltime.violation. */
#define VIOLATION_COLUMNS 17

/* One row of schooltime.violation. */
typedef struct ViolationRow
{
	const char *rule;
	const char *sections;		/* NULL: the rule's sections from the catalogue */
	int64		centre_id;
	const char *subject;
	int64		subject_id;
	const char *subject_name;
	int			weekday;		/* 0: none */
	int			start;			/* -1: no stretch of the week */
	int			end;
	int			measured;
	int			limit;
	const char *unit;
	const char *message;
	const char *detail;
	const char *hint;
	int64		authorisation_id;	/* 0: none */
} ViolationRow;

/* What forming rows needs: the composite's descriptor and the types it uses. */
typedef struct ViolationRows
{
	TupleDesc	desc;			/* of schooltime.violation */
	TypeCacheEntry *range;		/* schooltime.weektimerange */
	Oid			severity_error;
	Oid			severity_warning;
} ViolationRows;

/* Sets up rows of the given descriptor (blessed when it is to become Datums). */
extern void violation_rows_init(ViolationRows *rows, TupleDesc desc);

extern void violation_row_values(const ViolationRows *rows, const ViolationRow *row,
								 Datum *values, bool *nulls);

/* A row as a composite Datum. */
extern Datum violation_row_datum(const ViolationRows *rows, const ViolationRow *row);

/*
 * A kernel's finding about a subject, worded; *subject_name is the name the
 * row gives its subject, taken from the finding's label when NULL (and
 * set, so that a subject's later findings reuse it).  authorisation_id is
 * left 0.
 */
extern void violation_row_of_finding(const FindingSubject *subject, const st_finding *f,
									 const char **subject_name, ViolationRow *row);

/*
 * A row rule's finding for a session [start, end) of a group, worded;
 * authorisation_id is left 0.
 */
extern void violation_row_of_row_finding(const RegimeLimits *limits, int start, int end, const RowFinding *finding,
										 int64 centre_id, int64 group_id, const char *group_name, ViolationRow *row);

#endif							/* SCHOOLTIME_VIOLATION_ROWS_H */
