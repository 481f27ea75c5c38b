/*
 * verdict.c
 *		One start judged: the rules a write of the lesson there would be
 *		refused for, found by the kernels the triggers run.
 */
#include "schooltime.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"

#include "placement/placement.h"
#include "spi_util.h"
#include "authorisation.h"
#include "kernels/kernels.h"
#include "row_findings.h"
#include "violation.h"
#include "weektime_parse.h"

static void
add_reason(Placement *p, Verdict *v, const ViolationRow *row)
{
	v->count++;
	if (p->with_reasons)
	{
		MemoryContext old = MemoryContextSwitchTo(p->keep);

		v->reasons = lappend(v->reasons, DatumGetPointer(violation_row_datum(&p->violation_rows, row)));
		MemoryContextSwitchTo(old);
	}
}

/* The kernels' callback: what a write would be refused for closes the place. */
static void
place_finding(void *context, const st_finding *f)
{
	PlaceEmit  *e = (PlaceEmit *) context;
	ViolationRow row;

	if (!catalogue_rule(st_rule_code(f->rule))->is_error ||
		finding_authorisation(e->subject, f, e->p->model) != 0)
		return;
	if (!e->p->with_reasons)
	{
		e->verdict->count++;
		return;
	}
	violation_row_of_finding(e->subject, f, &e->subject_name, &row);
	add_reason(e->p, e->verdict, &row);
}


static void
row_rules(Placement *p, int start, int end, Verdict *v)
{
	int			i;

	for (i = 0; i < p->ngroups; i++)
	{
		PlaceGroup *g = &p->groups[i];
		RowFinding	findings[3];
		int			n = row_findings(g->limits, start, end, p->is_class, findings);
		int			f;

		for (f = 0; f < n; f++)
		{
			ViolationRow row;

			/* a moved session keeps its id: its own authorisations go with it */
			if (!catalogue_rule(findings[f].rule)->is_error ||
				authorisation_of_session(p->model->authorisations_oid, findings[f].rule, p->centre_id, g->id,
										 p->replaces, p->school_year, g->regime) != 0)
				continue;
			if (!p->with_reasons)
			{
				v->count++;
				continue;
			}
			violation_row_of_row_finding(g->limits, start, end, &findings[f], p->centre_id, g->id, g->name, &row);
			add_reason(p, v, &row);
		}
	}
}

/*
 * A week with the lesson's rows of it added (at the centre), sorted, and
 * the labels messages give those rows alongside.
 */
static void
week_with(const KeyItems *base, const st_item *added, int nadded, int64 centre, const char *label,
		  KeyItems *out, char ***labels)
{
	int			i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < base->n; i++)
		key_items_add_session(out, &base->items[i], base->centres[i], base->teachers ? base->teachers[i] : 0);
	for (i = 0; i < nadded; i++)
		key_items_add(out, &added[i], centre);
	key_items_sort(out);
	*labels = palloc0(sizeof(char *) * Max(out->n, 1));
	for (i = 0; i < out->n; i++)
		if (out->items[i].id == NEW_ROW_ID)
			(*labels)[i] = (char *) label;
}

static st_item
new_item(const Placement *p, int start, int end, int16 split, int16 part)
{
	st_item		item;

	memset(&item, 0, sizeof(item));
	item.start = start;
	item.end = end;
	item.split = split;
	item.part = part;
	item.flags = p->flags;
	item.id = NEW_ROW_ID;
	item.lesson = NEW_LESSON_KEY;
	return item;
}

static void
group_rules(Placement *p, int start, int end, Verdict *v)
{
	int			i;
	int			r;

	for (i = 0; i < p->ngroups; i++)
	{
		PlaceGroup *g = &p->groups[i];
		st_item    *added = palloc(sizeof(st_item) * p->nrows);
		int			nadded = 0;
		KeyItems	week;
		char	  **labels;
		FindingSubject subject;
		PlaceEmit	e;

		for (r = 0; r < p->nrows; r++)
			if (p->rows[r].group == i)
				added[nadded++] = new_item(p, start, end, p->rows[r].split_number, p->rows[r].part_number);
		week_with(&g->week, added, nadded, p->centre_id, p->label, &week, &labels);
		finding_subject_init(&subject, p->model, "group", g->id, p->centre_id, p->school_year, &week);
		subject.limits = g->limits;
		subject.shape = g->shape;
		subject.label = psprintf("group \"%s\"", g->name);
		subject.item_labels = labels;
		e.p = p;
		e.subject = &subject;
		e.subject_name = g->name;
		e.verdict = v;
		group_kernels(&subject, &week, g->approved ? approval_checks(g->limits, g->public_centre) : 0,
					  place_finding, &e);
	}
}

static void
teacher_rules(Placement *p, int start, int end, Verdict *v)
{
	const StaffLimits *staff;
	st_staff_limits sl;
	int			i;

	if (p->nteachers == 0)
		return;
	staff = catalogue_require_staff_limits(p->school_year);
	staff_limits_from(staff, &sl);
	for (i = 0; i < p->nteachers; i++)
	{
		PlaceTeacher *t = &p->teachers[i];
		st_item		added = new_item(p, start, end, 0, 0);
		KeyItems	week;
		char	  **labels;
		FindingSubject subject;
		PlaceEmit	e;

		added.flags &= ~(unsigned) ST_RECESS;
		week_with(&t->week, &added, 1, p->centre_id, p->label, &week, &labels);
		finding_subject_init(&subject, p->model, "teacher", t->id, p->centre_id, p->school_year, &week);
		subject.staff = staff;
		subject.item_group_labels = labels;
		e.p = p;
		e.subject = &subject;
		e.subject_name = NULL;
		e.verdict = v;
		st_teacher_week(week.items, week.centres, week.n, &sl, place_finding, &e);
	}
}

static void
centre_rules(Placement *p, int start, int end, Verdict *v)
{
	st_item		added = new_item(p, start, end, 0, 0);
	KeyItems	lective;
	KeyItems	present;
	char	  **labels;
	FindingSubject subject;
	PlaceEmit	e;
	bool		directive = false;
	int			i;

	if (!p->centre_checked)
		return;
	added.flags &= ST_RECESS;
	week_with(&p->lective, &added, 1, p->centre_id, p->label, &lective, &labels);
	for (i = 0; i < p->nteachers; i++)
		directive |= p->teachers[i].directive;
	added.flags = 0;
	week_with(&p->present, &added, directive ? 1 : 0, p->centre_id, p->label, &present, &labels);
	key_items_sort(&p->guards);
	finding_subject_init(&subject, p->model, "centre", p->centre_id, p->centre_id, p->school_year, NULL);
	subject.min_guards = p->min_guards;
	subject.label = psprintf("centre \"%s\"", p->centre_name);
	e.p = p;
	e.subject = &subject;
	e.subject_name = p->centre_name;
	e.verdict = v;
	st_centre_coverage(lective.items, lective.n, p->guards.items, p->guards.n, p->min_guards,
					   present.items, present.n, place_finding, &e);
}

/* Idle stretches between a teacher's busy blocks on one day, with and without the lesson. */
static int
gaps_of(const KeyItems *week, int day, int add_start, int add_end)
{
	int			starts[1024];
	int			ends[1024];
	int			n = 0;
	int			gaps = 0;
	int			covered = -1;
	int			i;
	int			j;

	for (i = 0; i < week->n && n < 1023; i++)
		if (wt_weekday(week->items[i].start) == day)
		{
			starts[n] = week->items[i].start;
			ends[n] = week->items[i].end;
			n++;
		}
	if (add_end > add_start)
	{
		starts[n] = add_start;
		ends[n] = add_end;
		n++;
	}
	/* in order of start: a few dozen items, sorted by insertion */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && starts[j - 1] > starts[j]; j--)
		{
			int			s = starts[j];
			int			e = ends[j];

			starts[j] = starts[j - 1];
			ends[j] = ends[j - 1];
			starts[j - 1] = s;
			ends[j - 1] = e;
		}
	for (i = 0; i < n; i++)
	{
		if (covered >= 0 && starts[i] > covered)
			gaps++;
		if (ends[i] > covered)
			covered = ends[i];
	}
	return gaps;
}

int
new_teacher_gaps(const Placement *p, int start, int end)
{
	int			day = wt_weekday(start);
	int			total = 0;
	int			i;

	for (i = 0; i < p->nteachers; i++)
		total += gaps_of(&p->teachers[i].week, day, start, end) - gaps_of(&p->teachers[i].week, day, 0, 0);
	return total;
}

void
judge_start(Placement *p, int start, int end, Verdict *v)
{
	row_rules(p, start, end, v);
	group_rules(p, start, end, v);
	teacher_rules(p, start, end, v);
	centre_rules(p, start, end, v);
}
