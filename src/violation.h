/*
 * violation.h
 *		How schooltime reports a broken rule.
 *
 * Every broken rule is a check_violation (SQLSTATE 23514) whose
 * constraint_name is the rule's code and whose table is the one written,
 * with a one-line message naming the group, teacher or outing and the day,
 * a DETAIL with the figures and the section, and a HINT.
 */
#ifndef SCHOOLTIME_VIOLATION_H
#define SCHOOLTIME_VIOLATION_H

#include "schooltime.h"

#include "access/htup.h"
#include "utils/rel.h"

extern void raise_violation(Relation rel, const char *rule, const char *message,
							const char *detail, const char *hint) pg_attribute_noreturn();

/* How a referenced row is named, translated: "a group", 'group "%s"', "group %s". */
typedef struct ReferenceWords
{
	const char *unknown;		/* no key */
	const char *named;			/* a label, or a key that is not a number */
	const char *numbered;		/* a numeric key */
} ReferenceWords;

/*
 * "group \"1r ESO A\"": the row's group, named by the label column of the
 * table its foreign key references; "group 42" if that cannot be read.
 */
extern char *describe_referenced(Relation rel, HeapTuple tuple, AttrNumber attno,
								 const ReferenceWords *words, const char *label_column);

/* "08:30" */
extern char *format_minute_of_day(int minutes);

/* "section 2.2.1", "sections 2.2.1.1, 2.2.2, 2.3", or a citation as it is */
extern char *format_sections(const char *sections);

#endif							/* SCHOOLTIME_VIOLATION_H */
