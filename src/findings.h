/*
 * findings.h
 *		Words for what a kernel found: the message, DETAIL and HINT that a
 *		refused write shows and that the compliance report lists.
 */
#ifndef SCHOOLTIME_FINDINGS_H
#define SCHOOLTIME_FINDINGS_H

#include "schooltime.h"

#include "catalogue.h"
#include "kernels/kernels.h"
#include "model.h"

/*
 * The labels of items a call has already looked up, for a caller that
 * words many findings about the same rows (places() with reasons judges
 * every start of the week against the same weeks).
 */
typedef struct ItemLabelCache ItemLabelCache;

/* An empty cache in context, which holds it and its labels. */
extern ItemLabelCache *item_label_cache_create(MemoryContext context);

/* What a finding is about. */
typedef struct FindingSubject
{
	const ModelTables *model;
	int64		centre_id;
	const char *kind;			/* "group", "teacher" or "centre" */
	int64		id;				/* the group's, teacher's or centre's key */
	int			school_year;
	const RegimeLimits *limits; /* a group's figures */
	const struct GroupShape *shape; /* a group's splits and parts, to name them; NULL: halves only */
	const StaffLimits *staff;	/* a teacher's figures */
	int			min_guards;		/* a centre's guards */
	/* the key's items and the centre each belongs to, to name them */
	const st_item *items;
	const int64 *item_centres;
	int			nitems;
	/* names already read by the caller's query; NULL: look them up */
	const char *label;			/* 'group "1r ESO A"' */
	char	  **item_labels;	/* '"Matemàtiques"', parallel to items */
	char	  **item_group_labels;	/* '"Matemàtiques" of group "1r ESO A"' or 'a guard duty' */
	ItemLabelCache *label_cache;	/* the labels looked up so far; NULL: look up each time */
} FindingSubject;

typedef struct FindingText
{
	const char *rule;			/* the rule's code */
	char	   *label;			/* 'group "1r ESO A"' */
	char	   *message;
	char	   *detail;
	char	   *hint;
	const char *unit;			/* of measured and limit: "minutes", "days" */
	const char *sections;		/* as in the detail: "section 2.2.1" */
} FindingText;

extern void finding_text(const FindingSubject *subject, const st_finding *f, FindingText *out);

/* "37 h 30 min", "30 h", "45 min" */
extern char *hours_text(int minutes);

#endif							/* SCHOOLTIME_FINDINGS_H */
