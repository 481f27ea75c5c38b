/*
 * report_rules.c
 *		The report-only rules that check()'s group walk measures.
 *
 * See report_rules.h.  The walk hands over each session it reads (before it
 * looks at the slot: these rules count teachers, not time), and asks for
 * each group's rows in its own (centre, group) order, so that the rules
 * cost two sorts of a few integers per session and no query of their own
 * over a centre or a region.
 */
#include "schooltime.h"

#include "utils/builtins.h"
#include "utils/memutils.h"

#include "catalogue.h"
#include "flat_scan.h"
#include "report_rules.h"

static void
limit_row(void *context, Datum *values, bool *nulls)
{
	ReportRules *rules = (ReportRules *) context;
	TeacherLimit *l;

	if (rules->nlimits == rules->limits_capacity)
	{
		rules->limits_capacity = rules->limits_capacity ? rules->limits_capacity * 2 : 32;
		rules->limits = rules->limits
			? repalloc(rules->limits, sizeof(TeacherLimit) * rules->limits_capacity)
			: MemoryContextAlloc(rules->keep, sizeof(TeacherLimit) * rules->limits_capacity);
	}
	l = &rules->limits[rules->nlimits++];
	l->school_year_text = MemoryContextStrdup(rules->keep, TextDatumGetCString(values[0]));
	l->school_year = parse_school_year(l->school_year_text);
	l->regime = DatumGetObjectId(values[1]);
	l->first_level = DatumGetInt32(values[2]);
	l->last_level = DatumGetInt32(values[3]);
	l->max_teachers = nulls[4] ? NO_LIMIT : DatumGetInt32(values[4]);
	l->sections = MemoryContextStrdup(rules->keep, TextDatumGetCString(values[5]));
	l->courses = MemoryContextStrdup(rules->keep, TextDatumGetCString(values[6]));
}

void
report_rules_init(ReportRules *rules, MemoryContext keep)
{
	MemoryContext old = MemoryContextSwitchTo(keep);

	memset(rules, 0, sizeof(*rules));
	rules->keep = keep;
	rules->recess = catalogue_session_kinds()->recess;
	flat_scan("SELECT l.school_year::pg_catalog.text, l.regime, l.first_level::pg_catalog.int4,"
			  " l.last_level::pg_catalog.int4, l.max_teachers, schooltime.section_text(l.section),"
			  " schooltime.course_text(l.first_level, l.last_level)"
			  " FROM schooltime.group_teacher_limits AS l",
			  limit_row, rules);
	MemoryContextSwitchTo(old);
}

static void
add_row(ReportRules *rules, const LessonTeacher *row)
{
	if (rules->nrows == rules->capacity)
	{
		rules->capacity = rules->capacity ? rules->capacity * 2 : 1024;
		rules->rows = rules->rows
			? repalloc_huge(rules->rows, sizeof(LessonTeacher) * rules->capacity)
			: MemoryContextAllocHuge(rules->keep, sizeof(LessonTeacher) * rules->capacity);
	}
	rules->rows[rules->nrows++] = *row;
}

void
report_rules_session(ReportRules *rules, int64 centre_id, int64 group_id, const Datum *values, const bool *nulls)
{
	LessonTeacher row;

	/* recess entries are no lesson: neither theirs nor their teachers count */
	if (!nulls[2] && DatumGetObjectId(values[2]) == rules->recess)
		return;
	row.centre_id = centre_id;
	row.group_id = group_id;
	row.lesson_id = nulls[4] ? 0 : DatumGetInt64(values[4]);
	row.teacher_id = nulls[7] ? 0 : DatumGetInt64(values[7]);
	row.lesson_only = false;
	/* a session of its own without a teacher counts nothing */
	if (row.lesson_id == 0 && row.teacher_id == 0)
		return;
	add_row(rules, &row);
}

static void
lesson_teacher_row(void *context, Datum *values, bool *nulls)
{
	ReportRules *rules = (ReportRules *) context;
	LessonTeacher row;

	row.centre_id = DatumGetInt64(values[0]);
	row.group_id = DatumGetInt64(values[1]);
	row.lesson_id = DatumGetInt64(values[2]);
	row.teacher_id = DatumGetInt64(values[3]);
	row.lesson_only = true;
	add_row(rules, &row);
}

void
report_rules_lesson_teachers(ReportRules *rules, const ModelTables *m, int64 centre_id, int64 group_id)
{
	if (m->lessons == NULL)
		return;					/* a model made before 0.3: no lesson ties groups */
	flat_scan(psprintf("SELECT o.centre_id, o.group_id, o.lesson_id, o.teacher_id FROM %s AS o"
					   " WHERE o.centre_id OPERATOR(pg_catalog.=) " INT64_FORMAT
					   " AND o.kind OPERATOR(pg_catalog.<>) 'recess'::schooltime.session_kind"
					   " AND o.teacher_id IS NOT NULL AND o.lesson_id IN"
					   " (SELECT s.lesson_id FROM %s AS s WHERE s.centre_id OPERATOR(pg_catalog.=) " INT64_FORMAT
					   " AND s.group_id OPERATOR(pg_catalog.=) " INT64_FORMAT ")",
					   m->sessions, centre_id, m->sessions, centre_id, group_id),
			  lesson_teacher_row, rules);
}

static int
by_group(const void *a, const void *b)
{
	const LessonTeacher *x = (const LessonTeacher *) a;
	const LessonTeacher *y = (const LessonTeacher *) b;

	if (x->centre_id != y->centre_id)
		return x->centre_id < y->centre_id ? -1 : 1;
	if (x->group_id != y->group_id)
		return x->group_id < y->group_id ? -1 : 1;
	return 0;
}

static int
by_lesson(const void *a, const void *b)
{
	const LessonTeacher *x = (const LessonTeacher *) a;
	const LessonTeacher *y = (const LessonTeacher *) b;

	if (x->centre_id != y->centre_id)
		return x->centre_id < y->centre_id ? -1 : 1;
	if (x->lesson_id != y->lesson_id)
		return x->lesson_id < y->lesson_id ? -1 : 1;
	if (x->teacher_id != y->teacher_id)
		return x->teacher_id < y->teacher_id ? -1 : 1;
	return 0;
}

void
report_rules_ready(ReportRules *rules)
{
	Size		i;

	rules->by_lesson = rules->nrows == 0 ? NULL
		: MemoryContextAllocHuge(rules->keep, sizeof(LessonTeacher) * rules->nrows);
	rules->nby_lesson = 0;
	for (i = 0; i < rules->nrows; i++)
		if (rules->rows[i].lesson_id != 0 && rules->rows[i].teacher_id != 0)
			rules->by_lesson[rules->nby_lesson++] = rules->rows[i];
	if (rules->nby_lesson > 1)
		qsort(rules->by_lesson, rules->nby_lesson, sizeof(LessonTeacher), by_lesson);
	if (rules->nrows > 1)
		qsort(rules->rows, rules->nrows, sizeof(LessonTeacher), by_group);
	rules->group_pos = 0;
}

static int
int64_order(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return x < y ? -1 : x > y;
}

/* Sorts and removes repeats; returns how many distinct values remain. */
static int
distinct_int64(int64 *values, int n)
{
	int			i;
	int			kept = 0;

	if (n > 1)
		qsort(values, n, sizeof(int64), int64_order);
	for (i = 0; i < n; i++)
		if (kept == 0 || values[kept - 1] != values[i])
			values[kept++] = values[i];
	return kept;
}

/* The first row of by_lesson for (centre, lesson), or nby_lesson. */
static Size
lesson_start(const ReportRules *rules, int64 centre_id, int64 lesson_id)
{
	Size		low = 0;
	Size		high = rules->nby_lesson;

	while (low < high)
	{
		Size		mid = low + (high - low) / 2;
		const LessonTeacher *r = &rules->by_lesson[mid];

		if (r->centre_id < centre_id || (r->centre_id == centre_id && r->lesson_id < lesson_id))
			low = mid + 1;
		else
			high = mid;
	}
	return low;
}

/* The row of schooltime.group_teacher_limits for a group: its course's, the highest first level. */
static const TeacherLimit *
teacher_limit(const ReportRules *rules, const ReportRuleGroup *g)
{
	const TeacherLimit *found = NULL;
	int			i;

	for (i = 0; i < rules->nlimits; i++)
	{
		const TeacherLimit *l = &rules->limits[i];

		if (l->school_year == g->school_year && l->regime == g->regime &&
			g->level >= l->first_level && g->level <= l->last_level &&
			(found == NULL || l->first_level > found->first_level))
			found = l;
	}
	return found;
}

/* teachers_per_group (4.2) */
static void
teachers_per_group(ReportRules *rules, const ReportRuleGroup *g, Size first, Size end,
				   report_rule_emit emit, void *context)
{
	const TeacherLimit *limit = teacher_limit(rules, g);
	int64	   *teachers;
	int64	   *lessons;
	int			nteachers = 0;
	int			capacity;
	int			nlessons = 0;
	int			i;
	Size		r;
	ViolationRow row;

	if (limit == NULL || limit->max_teachers == NO_LIMIT || first == end)
		return;
	lessons = palloc(sizeof(int64) * (end - first));
	for (r = first; r < end; r++)
		if (rules->rows[r].lesson_id != 0 && !rules->rows[r].lesson_only)
			lessons[nlessons++] = rules->rows[r].lesson_id;
	nlessons = distinct_int64(lessons, nlessons);
	/* teachers of its lessons of their own, then of every row of each lesson */
	capacity = (int) (end - first);
	teachers = palloc(sizeof(int64) * capacity);
	for (r = first; r < end; r++)
		if (rules->rows[r].lesson_id == 0 && !rules->rows[r].lesson_only)
			teachers[nteachers++] = rules->rows[r].teacher_id;
	for (i = 0; i < nlessons; i++)
	{
		Size		at;

		for (at = lesson_start(rules, g->centre_id, lessons[i]);
			 at < rules->nby_lesson && rules->by_lesson[at].centre_id == g->centre_id &&
			 rules->by_lesson[at].lesson_id == lessons[i]; at++)
		{
			if (nteachers == capacity)
			{
				capacity *= 2;
				teachers = repalloc(teachers, sizeof(int64) * capacity);
			}
			teachers[nteachers++] = rules->by_lesson[at].teacher_id;
		}
	}
	nteachers = distinct_int64(teachers, nteachers);
	if (nteachers <= limit->max_teachers)
		return;

	memset(&row, 0, sizeof(row));
	row.rule = "teachers_per_group";
	row.sections = limit->sections;
	row.centre_id = g->centre_id;
	row.subject = "group";
	row.subject_id = g->id;
	row.subject_name = g->name;
	row.weekday = 0;
	row.start = -1;
	row.end = -1;
	row.measured = nteachers;
	row.limit = limit->max_teachers;
	row.unit = "teachers";
	row.message = psprintf(_("group \"%s\" has %s different teachers, more than %s"),
						   g->name, psprintf("%d", nteachers), psprintf("%d", limit->max_teachers));
	/* translator: the quotation is section 4.2's, on the number of teachers of a group */
	row.detail = psprintf(_("The lessons the group attends have %s different teachers (co-teachers, and the teachers of lessons it shares with other groups, included); for %s %s in %s the catalogue allows at most %s, schooltime's reading of the document's \"as few as possible, especially in the first courses\" (%s)."),
						  psprintf("%d", nteachers), catalogue_regime_name(g->regime), limit->courses,
						  limit->school_year_text, psprintf("%d", limit->max_teachers), limit->sections);
	row.hint = _("Give more of the group's subjects to the same teachers, or set the figure for these courses in schooltime.group_teacher_limits.");
	emit(context, &row);
}

void
report_rules_group(ReportRules *rules, const ReportRuleGroup *g, report_rule_emit emit, void *context)
{
	Size		first;
	Size		end;

	while (rules->group_pos < rules->nrows &&
		   (rules->rows[rules->group_pos].centre_id < g->centre_id ||
			(rules->rows[rules->group_pos].centre_id == g->centre_id &&
			 rules->rows[rules->group_pos].group_id < g->id)))
		rules->group_pos++;
	first = rules->group_pos;
	end = first;
	while (end < rules->nrows && rules->rows[end].centre_id == g->centre_id && rules->rows[end].group_id == g->id)
		end++;
	rules->group_pos = end;
	teachers_per_group(rules, g, first, end, emit, context);
}
