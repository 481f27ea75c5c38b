/*
 * report_rules.c
 *		The report-only rules that check()'s group walk measures.
 *
 * See report_rules.h.  The walk hands over each session it reads (before it
 * looks at the slot: these rules count lessons and teachers, not time), and
 * asks for each group's rows in its own (centre, group) order, so that the
 * rules cost a sort of a few integers per session and no query of their
 * own over a centre or a region.
 */
#include "schooltime.h"

#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/varlena.h"

#include "catalogue.h"
#include "flat_scan.h"
#include "messages.h"
#include "report_rules.h"

/* ---- strings ---- */

static int32
string_number_of(ReportRules *rules, const char *chars, int len)
{
	StringTable *t = &rules->strings;
	uint32		h;
	int			slot;

	if (t->n * 2 >= t->nslots)
	{
		int			nslots = t->nslots ? t->nslots * 2 : 1024;
		int32	   *slots = MemoryContextAllocZero(rules->keep, sizeof(int32) * nslots);
		int			i;

		for (i = 0; i < t->n; i++)
		{
			slot = hash_bytes((const unsigned char *) t->strings[i], t->lengths[i]) & (nslots - 1);
			while (slots[slot] != 0)
				slot = (slot + 1) & (nslots - 1);
			slots[slot] = i + 1;
		}
		t->slots = slots;
		t->nslots = nslots;
	}
	h = hash_bytes((const unsigned char *) chars, len);
	for (slot = h & (t->nslots - 1); t->slots[slot] != 0; slot = (slot + 1) & (t->nslots - 1))
	{
		int			n = t->slots[slot] - 1;

		if (t->lengths[n] == len && memcmp(t->strings[n], chars, len) == 0)
			return n;
	}
	if (t->n == t->capacity)
	{
		t->capacity = t->capacity ? t->capacity * 2 : 256;
		t->strings = t->strings ? repalloc(t->strings, sizeof(char *) * t->capacity)
			: MemoryContextAlloc(rules->keep, sizeof(char *) * t->capacity);
		t->lengths = t->lengths ? repalloc(t->lengths, sizeof(int) * t->capacity)
			: MemoryContextAlloc(rules->keep, sizeof(int) * t->capacity);
	}
	t->strings[t->n] = MemoryContextAlloc(rules->keep, len + 1);
	memcpy(t->strings[t->n], chars, len);
	t->strings[t->n][len] = '\0';
	t->lengths[t->n] = len;
	t->slots[slot] = t->n + 1;
	return t->n++;
}

static int32
string_number(ReportRules *rules, const char *chars)
{
	return string_number_of(rules, chars, strlen(chars));
}

/* A text value's number, read in place: every session's subject, split and part come through here. */
static int32
datum_string(ReportRules *rules, Datum value, bool isnull)
{
	text	   *t;
	int32		n;

	if (isnull)
		return -1;
	t = DatumGetTextPP(value);
	n = string_number_of(rules, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	if ((Pointer) t != DatumGetPointer(value))
		pfree(t);
	return n;
}

static const char *
string_of(const ReportRules *rules, int32 n)
{
	return rules->strings.strings[n];
}

static char *
int_text(int n)
{
	return psprintf("%d", n);
}

/* ---- the catalogue ---- */

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

static void
requirement_row(void *context, Datum *values, bool *nulls)
{
	ReportRules *rules = (ReportRules *) context;
	SplitRequirement *q;
	char	   *year;
	Datum	   *areas;
	bool	   *area_nulls;
	int			nareas;
	int			i;

	if (rules->nrequirements == rules->requirements_capacity)
	{
		rules->requirements_capacity = rules->requirements_capacity ? rules->requirements_capacity * 2 : 32;
		rules->requirements = rules->requirements
			? repalloc(rules->requirements, sizeof(SplitRequirement) * rules->requirements_capacity)
			: MemoryContextAlloc(rules->keep, sizeof(SplitRequirement) * rules->requirements_capacity);
	}
	q = &rules->requirements[rules->nrequirements++];
	year = TextDatumGetCString(values[0]);
	q->school_year = parse_school_year(year);
	q->regime = DatumGetObjectId(values[1]);
	q->rule = MemoryContextStrdup(rules->keep, TextDatumGetCString(values[2]));
	q->first_level = DatumGetInt32(values[3]);
	q->last_level = DatumGetInt32(values[4]);
	q->has_pupils_above = !nulls[5];
	q->pupils_above = nulls[5] ? 0 : DatumGetInt32(values[5]);
	q->public_only = DatumGetBool(values[6]);
	q->min_split_sessions = DatumGetInt32(values[7]);
	q->subject_name = MemoryContextStrdup(rules->keep, TextDatumGetCString(values[8]));
	deconstruct_array(DatumGetArrayTypeP(values[9]), TEXTOID, -1, false, TYPALIGN_INT,
					  &areas, &area_nulls, &nareas);
	q->areas = MemoryContextAlloc(rules->keep, sizeof(int32) * Max(nareas, 1));
	q->nareas = 0;
	for (i = 0; i < nareas; i++)
		if (!area_nulls[i])
			q->areas[q->nareas++] = datum_string(rules, areas[i], false);
	q->sections = MemoryContextStrdup(rules->keep, TextDatumGetCString(values[10]));
	q->courses = MemoryContextStrdup(rules->keep, TextDatumGetCString(values[11]));
}

void
report_rules_init(ReportRules *rules, MemoryContext keep)
{
	MemoryContext old = MemoryContextSwitchTo(keep);

	memset(rules, 0, sizeof(*rules));
	rules->keep = keep;
	rules->recess = catalogue_session_kinds()->recess;
	rules->halves = string_number(rules, "");
	rules->half[0] = string_number(rules, "1");
	rules->half[1] = string_number(rules, "2");
	flat_scan("SELECT l.school_year::pg_catalog.text, l.regime, l.first_level::pg_catalog.int4,"
			  " l.last_level::pg_catalog.int4, l.max_teachers, schooltime.section_text(l.section),"
			  " schooltime.course_text(l.first_level, l.last_level)"
			  " FROM schooltime.group_teacher_limits AS l",
			  limit_row, rules);
	/* in the order report_rule_violations() gave a group's rows */
	flat_scan("SELECT q.school_year::pg_catalog.text, q.regime, q.rule, q.first_level::pg_catalog.int4,"
			  " q.last_level::pg_catalog.int4, q.pupils_above, q.public_only, q.min_split_sessions,"
			  " q.subject_name, q.areas, schooltime.section_text(q.section),"
			  " schooltime.course_text(q.first_level, q.last_level)"
			  " FROM schooltime.split_requirements AS q ORDER BY q.rule, q.requirement",
			  requirement_row, rules);
	MemoryContextSwitchTo(old);
}

/* ---- what the walk reads ---- */

char *
report_rules_session_columns(const ModelTables *model)
{
	return "s.subject, a.area";
}

char *
report_rules_session_join(const ModelTables *model)
{
	return psprintf(" LEFT JOIN %s.session_subject_areas AS a"
					" ON a.centre_id OPERATOR(pg_catalog.=) s.centre_id AND a.session_id OPERATOR(pg_catalog.=) s.id",
					quote_identifier(model->schema));
}

static void
part_row(void *context, Datum *values, bool *nulls)
{
	ReportRules *rules = (ReportRules *) context;
	ReportPart *p;

	p = flat_array_push((void **) &rules->parts, &rules->nparts, &rules->parts_capacity, sizeof(ReportPart), rules->keep);
	p->centre_id = DatumGetInt64(values[0]);
	p->group_id = DatumGetInt64(values[1]);
	p->split = datum_string(rules, values[2], nulls[2]);
	p->part = datum_string(rules, values[3], nulls[3]);
	p->pupils = nulls[4] ? -1 : DatumGetInt32(values[4]);
}

void
report_rules_load_parts(ReportRules *rules, const ModelTables *m, const char *filter_sql)
{
	if (m->group_parts == NULL)
		return;					/* a model made before 0.3: halves only */
	/* a group's splits, and each split's parts, in the order of the database's collation */
	flat_scan(psprintf("SELECT p.centre_id, p.group_id, p.split, p.part, p.pupils FROM %s AS p WHERE %s"
					   " ORDER BY p.centre_id, p.group_id, p.split, p.part",
					   m->group_parts, filter_sql),
			  part_row, rules);
}

static uint32
group_hash(int64 centre_id, int64 group_id)
{
	return hash_bytes_uint32((uint32) centre_id ^ hash_bytes_uint32((uint32) group_id ^ (uint32) (group_id >> 32)));
}

void
report_rules_groups(ReportRules *rules, const ReportGroupKey *groups, int ngroups)
{
	uint32		nslots = 1024;
	int			g;

	rules->groups = groups;
	rules->ngroups = ngroups;
	rules->last_group = -1;
	/* the sessions come in the table's order, not by group: each finds its group by a hash */
	while (nslots < (uint32) ngroups * 2)
		nslots *= 2;
	rules->group_slots = MemoryContextAllocZero(rules->keep, sizeof(int32) * nslots);
	rules->ngroup_slots = nslots;
	for (g = 0; g < ngroups; g++)
	{
		uint32		slot = group_hash(groups[g].centre_id, groups[g].id) & (nslots - 1);

		while (rules->group_slots[slot] != 0)
			slot = (slot + 1) & (nslots - 1);
		rules->group_slots[slot] = g + 1;
	}
}

/* The walk's index of (centre, group), or -1. */
static int
group_of(const ReportRules *rules, int64 centre_id, int64 group_id)
{
	uint32		slot = group_hash(centre_id, group_id) & (rules->ngroup_slots - 1);

	for (; rules->group_slots[slot] != 0; slot = (slot + 1) & (rules->ngroup_slots - 1))
	{
		const ReportGroupKey *g = &rules->groups[rules->group_slots[slot] - 1];

		if (g->centre_id == centre_id && g->id == group_id)
			return rules->group_slots[slot] - 1;
	}
	return -1;
}

static void
block_lesson_row(void *context, Datum *values, bool *nulls)
{
	ReportRules *rules = (ReportRules *) context;
	BlockLesson *b;

	b = flat_array_push((void **) &rules->block_lessons, &rules->nblock_lessons, &rules->block_lessons_capacity,
						sizeof(BlockLesson), rules->keep);
	b->centre_id = DatumGetInt64(values[0]);
	b->lesson_id = DatumGetInt64(values[1]);
	b->school_year = datum_string(rules, values[2], false);
	b->regime = datum_string(rules, values[3], false);
}

void
report_rules_load_block_lessons(ReportRules *rules, const ModelTables *m, const char *filter_sql)
{
	const char *schema;

	if (m->lessons == NULL)
		return;					/* a model made before 0.3: no blocks */
	schema = quote_identifier(m->schema);
	/* the lessons of the blocks, by the lessons' (centre_id, id) order: the walk looks its sessions up there */
	flat_scan(psprintf("SELECT l.centre_id, l.id, b.school_year::pg_catalog.text, b.regime::pg_catalog.text"
					   " FROM %s.blocks AS b JOIN %s AS l ON l.centre_id OPERATOR(pg_catalog.=) b.centre_id"
					   " AND l.school_year OPERATOR(pg_catalog.=) b.school_year AND l.block OPERATOR(pg_catalog.=) b.name"
					   " WHERE %s AND NOT EXISTS (SELECT FROM %s.optional_subject_groups AS o"
					   " WHERE o.centre_id OPERATOR(pg_catalog.=) b.centre_id"
					   " AND o.school_year OPERATOR(pg_catalog.=) b.school_year AND o.regime OPERATOR(pg_catalog.=) b.regime)"
					   " ORDER BY l.centre_id, l.id",
					   schema, m->lessons, filter_sql, schema),
			  block_lesson_row, rules);
}

/*
 * The first of n rows (of row_size bytes, ordered by the int64 fields at
 * centre_at and lesson_at) not before (centre_id, lesson_id), or n: the
 * search of block_lessons and of by_lesson alike.
 */
static Size
centre_lesson_lower_bound(const void *rows, Size n, Size row_size, Size centre_at, Size lesson_at,
						  int64 centre_id, int64 lesson_id)
{
	Size		low = 0;
	Size		high = n;

	while (low < high)
	{
		Size		mid = low + (high - low) / 2;
		const char *row = (const char *) rows + mid * row_size;
		int64		centre = *(const int64 *) (row + centre_at);
		int64		lesson = *(const int64 *) (row + lesson_at);

		if (centre < centre_id || (centre == centre_id && lesson < lesson_id))
			low = mid + 1;
		else
			high = mid;
	}
	return low;
}

/* The index of (centre, lesson) in block_lessons, or -1. */
static int32
block_lesson_of(const ReportRules *rules, int64 centre_id, int64 lesson_id)
{
	Size		low = centre_lesson_lower_bound(rules->block_lessons, rules->nblock_lessons, sizeof(BlockLesson),
												offsetof(BlockLesson, centre_id), offsetof(BlockLesson, lesson_id),
												centre_id, lesson_id);

	return low < rules->nblock_lessons && rules->block_lessons[low].centre_id == centre_id &&
		rules->block_lessons[low].lesson_id == lesson_id ? (int32) low : -1;
}

static void
add_option(ReportRules *rules, int64 centre_id, int64 group_id, const ReportSession *row, int32 block_lesson,
		   int16 split_half, int32 split, int32 part)
{
	OptionRow  *o;

	o = flat_array_push((void **) &rules->options, &rules->noptions, &rules->options_capacity, sizeof(OptionRow), rules->keep);
	o->centre_id = centre_id;
	o->lesson_id = row->lesson_id;
	o->group_id = group_id;
	o->block_lesson = block_lesson;
	o->subject = row->subject;
	o->split = split;
	o->part = part;
	o->split_half = split_half;
}

static void
add_row(ReportRules *rules, const ReportSession *row)
{
	*(ReportSession *) flat_array_push((void **) &rules->rows, &rules->nrows, &rules->capacity, sizeof(ReportSession), rules->keep) = *row;
}

void
report_rules_session(ReportRules *rules, int64 centre_id, int64 group_id, const Datum *values, const bool *nulls)
{
	ReportSession row;

	/* recess entries are no lesson: neither rule counts them */
	if (!nulls[2] && DatumGetObjectId(values[2]) == rules->recess)
		return;
	/* a table's rows mostly come a group at a time: try the last row's group first */
	if (rules->last_group < 0 || rules->groups[rules->last_group].centre_id != centre_id ||
		rules->groups[rules->last_group].id != group_id)
	{
		int			g = group_of(rules, centre_id, group_id);

		if (g < 0)
			return;
		rules->last_group = g;
	}
	row.group = rules->last_group;
	row.lesson_id = nulls[4] ? 0 : DatumGetInt64(values[4]);
	row.teacher_id = nulls[7] ? 0 : DatumGetInt64(values[7]);
	row.subject = datum_string(rules, values[8], nulls[8]);
	row.pinned = datum_string(rules, values[9], nulls[9]);
	/* a half is part "1" or "2" of split "" */
	if (!nulls[3])
	{
		int			half = DatumGetInt16(values[3]);

		row.split = rules->halves;
		row.part = half == 1 ? rules->half[0] : half == 2 ? rules->half[1]
			: string_number(rules, int_text(half));
	}
	else
	{
		row.split = datum_string(rules, values[5], nulls[5]);
		row.part = datum_string(rules, values[6], nulls[6]);
	}
	add_row(rules, &row);
	/* a session of a block's lesson: what one of its options takes */
	if (row.lesson_id != 0 && rules->nblock_lessons > 0)
	{
		int32		block_lesson = block_lesson_of(rules, centre_id, row.lesson_id);

		if (block_lesson >= 0)
			add_option(rules, centre_id, group_id, &row, block_lesson, nulls[3] ? 0 : DatumGetInt16(values[3]),
					   datum_string(rules, values[5], nulls[5]), datum_string(rules, values[6], nulls[6]));
	}
}

static void
lesson_teacher_row(void *context, Datum *values, bool *nulls)
{
	ReportRules *rules = (ReportRules *) context;
	LessonTeacher *row;

	row = flat_array_push((void **) &rules->other_rows, &rules->nother_rows, &rules->other_capacity, sizeof(LessonTeacher), rules->keep);
	row->centre_id = DatumGetInt64(values[0]);
	row->lesson_id = DatumGetInt64(values[2]);
	row->teacher_id = DatumGetInt64(values[3]);
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

/* subject_area() of every subject read, in one query */
static void
name_subject_areas(ReportRules *rules)
{
	bool	   *is_subject = palloc0(sizeof(bool) * Max(rules->strings.n, 1));
	Datum	   *subjects = palloc(sizeof(Datum) * Max(rules->strings.n, 1));
	int			nsubjects = 0;
	Oid			types[1] = {TEXTARRAYOID};
	Datum		args[1];
	Size		i;
	uint64		r;
	int			rc;

	rules->nsubject_area = rules->strings.n;
	rules->subject_area = MemoryContextAlloc(rules->keep, sizeof(int32) * Max(rules->nsubject_area, 1));
	for (i = 0; i < (Size) rules->nsubject_area; i++)
		rules->subject_area[i] = -1;
	for (i = 0; i < rules->nrows; i++)
		if (rules->rows[i].subject >= 0 && rules->rows[i].pinned < 0 && !is_subject[rules->rows[i].subject])
		{
			is_subject[rules->rows[i].subject] = true;
			subjects[nsubjects++] = CStringGetTextDatum(string_of(rules, rules->rows[i].subject));
		}
	if (nsubjects == 0)
		return;
	args[0] = PointerGetDatum(construct_array(subjects, nsubjects, TEXTOID, -1, false, TYPALIGN_INT));
	rc = SPI_execute_with_args("SELECT u.subject, schooltime.subject_area(u.subject)"
							   " FROM pg_catalog.unnest($1) AS u (subject)",
							   1, types, args, NULL, true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not read the subjects' areas: %s", SPI_result_code_string(rc));
	for (r = 0; r < SPI_processed; r++)
	{
		bool		isnull;
		Datum		subject = SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &isnull);
		Datum		area = SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2, &isnull);
		int32		s = datum_string(rules, subject, false);

		if (!isnull && s < rules->nsubject_area)
			rules->subject_area[s] = datum_string(rules, area, false);
	}
	SPI_freetuptable(SPI_tuptable);
}

void
report_rules_ready(ReportRules *rules)
{
	Size		i;
	int			ngroups = rules->ngroups;
	Size	   *offsets = MemoryContextAllocZero(rules->keep, sizeof(Size) * (ngroups + 1));
	Size	   *next;
	int			g;

	/* the rows are numbered in 32 bits: four thousand million sessions, a thousand regions' years */
	if (rules->nrows > PG_UINT32_MAX)
		elog(ERROR, "too many sessions for one report: %zu", rules->nrows);
	/* other groups' rows of the lessons of the group asked for, by centre, lesson and teacher */
	if (rules->nother_rows > 1)
		qsort(rules->other_rows, rules->nother_rows, sizeof(LessonTeacher), by_lesson);
	rules->by_lesson_centre_end = 0;
	/* each group's rows, in the walk's order of groups: a counting sort of their indexes, in the order read */
	for (i = 0; i < rules->nrows; i++)
		offsets[rules->rows[i].group + 1]++;
	for (g = 0; g < ngroups; g++)
		offsets[g + 1] += offsets[g];
	rules->order = MemoryContextAllocHuge(rules->keep, sizeof(uint32) * Max(rules->nrows, 1));
	next = palloc(sizeof(Size) * Max(ngroups, 1));
	memcpy(next, offsets, sizeof(Size) * ngroups);
	for (i = 0; i < rules->nrows; i++)
		rules->order[next[rules->rows[i].group]++] = (uint32) i;
	pfree(next);
	rules->group_offsets = offsets;
	rules->part_pos = 0;
	name_subject_areas(rules);
}

/* ---- teachers_per_group (4.2) ---- */

/* a group's lessons and teachers, a few dozen numbers sorted per group: inlined, no comparator called */
#define ST_SORT sort_int64
#define ST_ELEMENT_TYPE int64
#define ST_COMPARE(a, b) (*(a) < *(b) ? -1 : *(a) > *(b))
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

/* Sorts and removes repeats; returns how many distinct values remain. */
static int
distinct_int64(int64 *values, int n)
{
	int			i;
	int			kept = 0;

	if (n > 1)
		sort_int64(values, n);
	for (i = 0; i < n; i++)
		if (kept == 0 || values[kept - 1] != values[i])
			values[kept++] = values[i];
	return kept;
}

/* The first row of by_lesson for (centre, lesson), or nby_lesson. */
static Size
lesson_start(const ReportRules *rules, int64 centre_id, int64 lesson_id)
{
	return centre_lesson_lower_bound(rules->by_lesson, rules->nby_lesson, sizeof(LessonTeacher),
									 offsetof(LessonTeacher, centre_id), offsetof(LessonTeacher, lesson_id),
									 centre_id, lesson_id);
}

/*
 * The rows of the walk's centre that have a lesson and a teacher (with the
 * other groups' rows read for a group asked alone), by lesson and teacher:
 * built as the walk enters each centre, a few hundred rows sorted at a time.
 */
static void
centre_lessons(ReportRules *rules, int group_index)
{
	int64		centre_id = rules->groups[group_index].centre_id;
	int			end = group_index;
	Size		i;
	Size		needed;

	while (end < rules->ngroups && rules->groups[end].centre_id == centre_id)
		end++;
	needed = rules->group_offsets[end] - rules->group_offsets[group_index] + rules->nother_rows;
	if (needed > rules->by_lesson_capacity)
	{
		if (rules->by_lesson)
			pfree(rules->by_lesson);
		rules->by_lesson_capacity = Max(needed, 1024);
		rules->by_lesson = MemoryContextAllocHuge(rules->keep, sizeof(LessonTeacher) * rules->by_lesson_capacity);
	}
	rules->nby_lesson = 0;
	for (i = rules->group_offsets[group_index]; i < rules->group_offsets[end]; i++)
	{
		const ReportSession *r = &rules->rows[rules->order[i]];

		if (r->lesson_id != 0 && r->teacher_id != 0)
		{
			LessonTeacher *t = &rules->by_lesson[rules->nby_lesson++];

			t->centre_id = centre_id;
			t->lesson_id = r->lesson_id;
			t->teacher_id = r->teacher_id;
		}
	}
	for (i = 0; i < rules->nother_rows; i++)
		if (rules->other_rows[i].centre_id == centre_id)
			rules->by_lesson[rules->nby_lesson++] = rules->other_rows[i];
	if (rules->nby_lesson > 1)
		qsort(rules->by_lesson, rules->nby_lesson, sizeof(LessonTeacher), by_lesson);
	rules->by_lesson_centre_end = end;
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
		if (rules->rows[rules->order[r]].lesson_id != 0)
			lessons[nlessons++] = rules->rows[rules->order[r]].lesson_id;
	nlessons = distinct_int64(lessons, nlessons);
	/* teachers of its lessons of their own, then of every row of each lesson */
	capacity = (int) (end - first);
	teachers = palloc(sizeof(int64) * capacity);
	for (r = first; r < end; r++)
		if (rules->rows[rules->order[r]].lesson_id == 0 && rules->rows[rules->order[r]].teacher_id != 0)
			teachers[nteachers++] = rules->rows[rules->order[r]].teacher_id;
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
	row.start = -1;
	row.end = -1;
	row.measured = nteachers;
	row.limit = limit->max_teachers;
	row.unit = "teachers";
	row.message = MESSAGE(_("group \"%s\" has %s different teachers, more than %s"),
						  g->name, int_text(nteachers), int_text(limit->max_teachers));
	/* translator: the quotation is section 4.2's, on the number of teachers of a group */
	row.detail = MESSAGE(_("The lessons the group attends have %s different teachers (co-teachers, and the teachers of lessons it shares with other groups, included); for %s %s in %s the catalogue allows at most %s, schooltime's reading of the document's \"as few as possible, especially in the first courses\" (%s)."),
						 int_text(nteachers), catalogue_regime_name(g->regime), limit->courses,
						 limit->school_year_text, int_text(limit->max_teachers), limit->sections);
	row.hint = _("Give more of the group's subjects to the same teachers, or set the figure for these courses in schooltime.group_teacher_limits.");
	emit(context, &row);
}

/* ---- eso_split and batx_split (4.1.1.1) ---- */

/* One of a group's splits: its parts, in order. */
typedef struct GroupSplitParts
{
	int32		split;
	int32	   *parts;
	int			nparts;
} GroupSplitParts;

/* A session of the group as the split rules count it. */
typedef struct SplitRow
{
	int64		lesson_id;
	int32		subject;
	int32		pinned;
	int32		area;			/* pinned, or subject_area(subject); -1 none */
	int32		split;			/* -1: none, or the lesson takes every part of it */
	int32		part;
	bool		repeats_in_all;	/* an earlier row is of its lesson, subject and pinned area */
	bool		repeats_in_part;	/* ... and of its split and part */
} SplitRow;

static bool
area_in(const SplitRequirement *q, int32 area)
{
	int			i;

	if (area < 0)
		return false;
	for (i = 0; i < q->nareas; i++)
		if (q->areas[i] == area)
			return true;
	return false;
}

/*
 * The sessions of rows[0..n) that count (area among the requirement's and,
 * if split >= 0, of that part of that split): each row outside a lesson,
 * and each lesson once per subject (and pinned area).
 */
static int
lessons_counted(const SplitRow *rows, int n, const SplitRequirement *q, int32 split, int32 part, bool *found)
{
	int			count = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		const SplitRow *r = &rows[i];

		if (!area_in(q, r->area) || (split >= 0 && (r->split != split || r->part != part)))
			continue;
		if (found)
			*found = true;
		if (!(split >= 0 ? r->repeats_in_part : r->repeats_in_all))
			count++;
	}
	return count;
}

static void
split_violations(ReportRules *rules, const ReportRuleGroup *g, Size first, Size end,
				 report_rule_emit emit, void *context)
{
	GroupSplitParts *splits;
	int			nsplits = 1;
	SplitRow   *rows;
	int			n = 0;
	int			i;
	int			s;
	Size		r;
	Size		p;
	bool		asked = false;
	bool	   *first_of_part;
	Size		group_parts;

	for (i = 0; i < rules->nrequirements && !asked; i++)
	{
		const SplitRequirement *q = &rules->requirements[i];

		asked = q->school_year == g->school_year && q->regime == g->regime &&
			g->level >= q->first_level && g->level <= q->last_level &&
			(!q->has_pupils_above || g->pupils > q->pupils_above) && (!q->public_only || g->public_centre);
	}
	if (!asked)
		return;

	/* the group's splits: its halves, then those of group_parts */
	while (rules->part_pos < rules->nparts &&
		   (rules->parts[rules->part_pos].centre_id < g->centre_id ||
			(rules->parts[rules->part_pos].centre_id == g->centre_id &&
			 rules->parts[rules->part_pos].group_id < g->id)))
		rules->part_pos++;
	for (group_parts = 0; rules->part_pos + group_parts < rules->nparts &&
		 rules->parts[rules->part_pos + group_parts].centre_id == g->centre_id &&
		 rules->parts[rules->part_pos + group_parts].group_id == g->id; group_parts++)
		;
	splits = palloc0(sizeof(GroupSplitParts) * (1 + group_parts));
	splits[0].split = rules->halves;
	splits[0].parts = rules->half;
	splits[0].nparts = 2;
	for (p = rules->part_pos; p < rules->part_pos + group_parts; p++)
	{
		if (splits[nsplits - 1].split != rules->parts[p].split || nsplits == 1)
		{
			splits[nsplits].split = rules->parts[p].split;
			splits[nsplits].parts = palloc(sizeof(int32) * group_parts);
			nsplits++;
		}
		splits[nsplits - 1].parts[splits[nsplits - 1].nparts++] = rules->parts[p].part;
	}

	rows = palloc(sizeof(SplitRow) * Max(end - first, 1));
	for (r = first; r < end; r++)
	{
		const ReportSession *x = &rules->rows[rules->order[r]];
		SplitRow   *row = &rows[n++];

		row->lesson_id = x->lesson_id;
		row->subject = x->subject;
		row->pinned = x->pinned;
		row->area = x->pinned >= 0 ? x->pinned
			: x->subject >= 0 && x->subject < rules->nsubject_area ? rules->subject_area[x->subject] : -1;
		row->split = x->split;
		row->part = x->part;
	}
	/*
	 * A lesson whose rows take every part of a split (as many distinct
	 * parts as the split has; a split the group does not have has none)
	 * takes the group whole: none of its rows is a split session.  Each
	 * (lesson, split) is judged at its first row, its distinct parts
	 * counted at their first rows.
	 */
	first_of_part = palloc(sizeof(bool) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		int			j;

		first_of_part[i] = true;
		for (j = 0; j < i && first_of_part[i]; j++)
			first_of_part[i] = !(rows[j].lesson_id == rows[i].lesson_id && rows[j].split == rows[i].split &&
								 rows[j].part == rows[i].part);
	}
	for (i = 0; i < n; i++)
	{
		int32		split = rows[i].split;
		int			size = 0;
		int			distinct = 0;
		bool		judged = false;
		int			j;

		if (rows[i].lesson_id == 0 || split < 0)
			continue;
		for (j = 0; j < i && !judged; j++)
			judged = rows[j].lesson_id == rows[i].lesson_id && rows[j].split == split;
		if (judged)
			continue;
		for (s = 0; s < nsplits; s++)
			if (splits[s].split == split)
				size = splits[s].nparts;
		for (j = i; j < n; j++)
			if (first_of_part[j] && rows[j].lesson_id == rows[i].lesson_id && rows[j].split == split &&
				rows[j].part >= 0)
				distinct++;
		if (distinct >= size)
			for (j = i; j < n; j++)
				if (rows[j].lesson_id == rows[i].lesson_id && rows[j].split == split)
					rows[j].part = -2;	/* marked: taken whole */
	}
	for (i = 0; i < n; i++)
		if (rows[i].part == -2)
			rows[i].split = rows[i].part = -1;
	/* a lesson counts once per subject (and pinned area), in all and in each part */
	for (i = 0; i < n; i++)
	{
		int			j;

		rows[i].repeats_in_all = rows[i].repeats_in_part = false;
		if (rows[i].lesson_id == 0)
			continue;
		for (j = 0; j < i && !rows[i].repeats_in_part; j++)
			if (rows[j].lesson_id == rows[i].lesson_id && rows[j].subject == rows[i].subject &&
				rows[j].pinned == rows[i].pinned)
			{
				rows[i].repeats_in_all = true;
				rows[i].repeats_in_part = rows[j].split == rows[i].split && rows[j].part == rows[i].part;
			}
	}

	for (i = 0; i < rules->nrequirements; i++)
	{
		const SplitRequirement *q = &rules->requirements[i];
		bool		found = false;
		int			sessions;
		int			figure = -1;
		int			best = 0;
		int			suggested = -1;
		int			suggested_figure = 0;
		int			suggested_in_use = 0;
		int			half_sessions[2] = {0, 0};
		int		  **part_sessions = palloc(sizeof(int *) * nsplits);
		StringInfoData named_splits;
		char	   *suggested_parts = NULL;
		const char *regime_name;
		char	   *required;
		char	   *named;
		char	   *sessions_text;
		char	   *half1;
		char	   *half2;
		int			missing;
		ViolationRow row;

		if (q->school_year != g->school_year || q->regime != g->regime ||
			g->level < q->first_level || g->level > q->last_level ||
			(q->has_pupils_above && g->pupils <= q->pupils_above) || (q->public_only && !g->public_centre))
			continue;
		sessions = lessons_counted(rows, n, q, -1, -1, &found);
		if (!found)
			continue;			/* the group is not taught the subject */
		initStringInfo(&named_splits);
		for (s = 0; s < nsplits; s++)
		{
			int			split_figure = -1;
			int			in_use = 0;
			int			k;

			part_sessions[s] = palloc(sizeof(int) * splits[s].nparts);
			for (k = 0; k < splits[s].nparts; k++)
			{
				int			c = lessons_counted(rows, n, q, splits[s].split, splits[s].parts[k], NULL);

				part_sessions[s][k] = c;
				in_use += c;
				if (split_figure < 0 || c < split_figure)
					split_figure = c;
			}
			if (split_figure > figure)
			{
				figure = split_figure;
				best = s;
			}
			if (s == 0)
			{
				half_sessions[0] = part_sessions[0][0];
				half_sessions[1] = part_sessions[0][1];
				continue;
			}
			if (in_use == 0)
				continue;
			if (suggested < 0 || split_figure > suggested_figure ||
				(split_figure == suggested_figure && in_use > suggested_in_use))
			{
				StringInfoData quoted;

				suggested = s;
				suggested_figure = split_figure;
				suggested_in_use = in_use;
				initStringInfo(&quoted);
				for (k = 0; k < splits[s].nparts; k++)
					appendStringInfo(&quoted, "%s%s", k > 0 ? ", " : "",
					/* translator: a name quoted in a message; in Catalan «%s» */
									 MESSAGE(_("\"%s\""), string_of(rules, splits[s].parts[k])));
				suggested_parts = quoted.data;
			}
			{
				char	  **items = palloc(sizeof(char *) * splits[s].nparts);
				char	   *series;

				for (k = 0; k < splits[s].nparts; k++)
					items[k] = MESSAGE(_("%s for \"%s\""), int_text(part_sessions[s][k]),
									   string_of(rules, splits[s].parts[k]));
				if (splits[s].nparts <= 1)
					series = items[0];
				else
				{
					StringInfoData head;

					initStringInfo(&head);
					for (k = 0; k < splits[s].nparts - 1; k++)
						appendStringInfo(&head, "%s%s", k > 0 ? ", " : "", items[k]);
					/* translator: the last two items of a list, "a, b and c"; in Catalan "%s i %s" */
					series = MESSAGE(_("%s and %s"), head.data, items[splits[s].nparts - 1]);
				}
				if (named_splits.len > 0)
					appendStringInfoString(&named_splits, "; ");
				/* translator: what the parts of one of the group's splits have, "in split "Idiomes", 2 for "Anglès" and 1 for "Francès"" */
				appendStringInfoString(&named_splits, MESSAGE(_("in split \"%s\", %s"),
															  string_of(rules, splits[s].split), series));
			}
		}
		if (figure >= q->min_split_sessions)
			continue;

		regime_name = catalogue_regime_name(g->regime);
		if (named_splits.len == 0)
			required = MESSAGE(_n("one session of %s a week split in two halves, each half in a session of its own",
								  "%2$s sessions of %1$s a week split in two halves, each half in a session of its own",
								  q->min_split_sessions),
							   q->subject_name, int_text(q->min_split_sessions));
		else
			required = MESSAGE(_n("one session of %s a week split, each half of the group, or each part of one of its splits, in a session of its own",
								  "%2$s sessions of %1$s a week split, each half of the group, or each part of one of its splits, in a session of its own",
								  q->min_split_sessions),
							   q->subject_name, int_text(q->min_split_sessions));
		sessions_text = MESSAGE(_n("%s session", "%s sessions", sessions), int_text(sessions));
		named = named_splits.len == 0 ? "" : psprintf("; %s", named_splits.data);
		half1 = int_text(half_sessions[0]);
		half2 = int_text(half_sessions[1]);

		memset(&row, 0, sizeof(row));
		row.rule = q->rule;
		row.sections = q->sections;
		row.centre_id = g->centre_id;
		row.subject = "group";
		row.subject_id = g->id;
		row.subject_name = g->name;
		row.start = -1;
		row.end = -1;
		row.measured = figure;
		row.limit = q->min_split_sessions;
		row.unit = "split sessions";
		if (figure == 0 && q->min_split_sessions == 1)
			row.message = MESSAGE(_("group \"%s\" has no split session of %s"), g->name, q->subject_name);
		else if (named_splits.len == 0 || figure == 0)
			row.message = MESSAGE(_n("group \"%s\" has %s split session of %s a week, fewer than %s",
									 "group \"%s\" has %s split sessions of %s a week, fewer than %s", figure),
								  g->name, int_text(figure), q->subject_name, int_text(q->min_split_sessions));
		else if (best == 0)
			row.message = MESSAGE(_n("group \"%s\" has %s split session of %s a week, in its halves, fewer than %s",
									 "group \"%s\" has %s split sessions of %s a week, in its halves, fewer than %s", figure),
								  g->name, int_text(figure), q->subject_name, int_text(q->min_split_sessions));
		else
			row.message = MESSAGE(_n("group \"%s\" has %s split session of %s a week, in split \"%s\", fewer than %s",
									 "group \"%s\" has %s split sessions of %s a week, in split \"%s\", fewer than %s", figure),
								  g->name, int_text(figure), q->subject_name, string_of(rules, splits[best].split),
								  int_text(q->min_split_sessions));
		if (q->public_only && q->has_pupils_above)
			/* translator: the requirement (the second %s, "one session of Química a week split in two halves...") and what the group has */
			row.detail = MESSAGE(_("In public centres, groups of %s %s with more than %s pupils have %s; the group, of %s pupils, has %s of %s, %s for half 1 and %s for half 2%s (%s)."),
								 regime_name, q->courses, int_text(q->pupils_above), required, int_text(g->pupils),
								 sessions_text, q->subject_name, half1, half2, named, q->sections);
		else if (q->public_only)
			row.detail = MESSAGE(_("In public centres, groups of %s %s have %s; the group has %s of %s, %s for half 1 and %s for half 2%s (%s)."),
								 regime_name, q->courses, required, sessions_text, q->subject_name, half1, half2,
								 named, q->sections);
		else if (q->has_pupils_above)
			row.detail = MESSAGE(_("Groups of %s %s with more than %s pupils have %s; the group, of %s pupils, has %s of %s, %s for half 1 and %s for half 2%s (%s)."),
								 regime_name, q->courses, int_text(q->pupils_above), required, int_text(g->pupils),
								 sessions_text, q->subject_name, half1, half2, named, q->sections);
		else
			row.detail = MESSAGE(_("Groups of %s %s have %s; the group has %s of %s, %s for half 1 and %s for half 2%s (%s)."),
								 regime_name, q->courses, required, sessions_text, q->subject_name, half1, half2,
								 named, q->sections);
		missing = q->min_split_sessions - figure;
		if (suggested < 0)
			row.hint = MESSAGE(_n("Split a weekly session of %s: one session for each half of the group, with split_half 1 and 2.",
								  "Split %2$s weekly sessions of %1$s: one session for each half of the group, with split_half 1 and 2.",
								  missing),
							   q->subject_name, int_text(missing));
		else
			row.hint = MESSAGE(_n("Split a weekly session of %s: one session for each part of split \"%s\" (%s), each a lesson of its own, with split and part, or one for each half of the group, with split_half 1 and 2.",
								  "Split %4$s weekly sessions of %1$s: one session for each part of split \"%2$s\" (%3$s), each a lesson of its own, with split and part, or one for each half of the group, with split_half 1 and 2.",
								  missing),
							   q->subject_name, string_of(rules, splits[suggested].split), suggested_parts,
							   int_text(missing));
		emit(context, &row);
	}
}

void
report_rules_group(ReportRules *rules, int group_index, const ReportRuleGroup *g, report_rule_emit emit, void *context)
{
	Size		first = rules->group_offsets[group_index];
	Size		end = rules->group_offsets[group_index + 1];

	if (group_index >= rules->by_lesson_centre_end)
		centre_lessons(rules, group_index);
	teachers_per_group(rules, g, first, end, emit, context);
	split_violations(rules, g, first, end, emit, context);
}

/* ---- optional_ratio (4.1.1.1) ---- */

static int
option_order(const void *a, const void *b)
{
	const OptionRow *x = (const OptionRow *) a;
	const OptionRow *y = (const OptionRow *) b;

	if (x->block_lesson != y->block_lesson)
		return x->block_lesson < y->block_lesson ? -1 : 1;
	if (x->group_id != y->group_id)
		return x->group_id < y->group_id ? -1 : 1;
	if (x->subject != y->subject)
		return x->subject < y->subject ? -1 : 1;
	if (x->split != y->split)
		return x->split < y->split ? -1 : 1;
	if (x->part != y->part)
		return x->part < y->part ? -1 : 1;
	if (x->split_half != y->split_half)
		return x->split_half < y->split_half ? -1 : 1;
	return 0;
}

/* One part of a group an option takes: the group whole, a half, or a part of a split. */
typedef struct Taken
{
	int64		group_id;
	int32		split;			/* -1: NULL */
	int32		part;			/* -1: NULL */
	int16		split_half;		/* 0: NULL */
	int32		split_key;		/* coalesce(split, '') */
	int32		part_key;		/* coalesce(part, split_half::text, '') */
} Taken;

/* A lesson of a block as an option: its subject and what it takes. */
typedef struct LessonOption
{
	int32		block_lesson;	/* its centre, year and stage */
	int32		subject;
	Taken	   *takes;			/* by group, split_key, part_key */
	int			ntakes;
	int64		pupils;
	bool		unknown;		/* a part's pupils are not known */
} LessonOption;

static int
taken_order(const void *a, const void *b)
{
	const Taken *x = (const Taken *) a;
	const Taken *y = (const Taken *) b;

	if (x->group_id != y->group_id)
		return x->group_id < y->group_id ? -1 : 1;
	if (x->split_key != y->split_key)
		return x->split_key < y->split_key ? -1 : 1;
	if (x->part_key != y->part_key)
		return x->part_key < y->part_key ? -1 : 1;
	return 0;
}

/*
 * By centre, year and stage, then subject and what it takes: the same option
 * comes together.  arg: the ReportRules whose block_lessons the options index.
 */
static int
lesson_option_order(const void *a, const void *b, void *arg)
{
	const ReportRules *option_rules = (const ReportRules *) arg;
	const LessonOption *x = (const LessonOption *) a;
	const LessonOption *y = (const LessonOption *) b;
	const BlockLesson *bx = &option_rules->block_lessons[x->block_lesson];
	const BlockLesson *by = &option_rules->block_lessons[y->block_lesson];
	int			i;

	if (bx->centre_id != by->centre_id)
		return bx->centre_id < by->centre_id ? -1 : 1;
	if (bx->school_year != by->school_year)
		return bx->school_year < by->school_year ? -1 : 1;
	if (bx->regime != by->regime)
		return bx->regime < by->regime ? -1 : 1;
	if (x->subject != y->subject)
		return x->subject < y->subject ? -1 : 1;
	if (x->ntakes != y->ntakes)
		return x->ntakes < y->ntakes ? -1 : 1;
	for (i = 0; i < x->ntakes; i++)
	{
		int			c = taken_order(&x->takes[i], &y->takes[i]);

		if (c != 0)
			return c;
	}
	return 0;
}

/* The pupils of what a row takes: group_parts.pupils of a part, class_groups.pupils of the group whole; -1 not known. */
static int64
taken_pupils(const ReportRules *rules, int64 centre_id, const Taken *t)
{
	Size		low = 0;
	Size		high = rules->nparts;
	int			g;

	if (t->split >= 0)
	{
		/* the group's parts, found by (centre, group); its splits and parts are few */
		while (low < high)
		{
			Size		mid = low + (high - low) / 2;
			const ReportPart *p = &rules->parts[mid];

			if (p->centre_id < centre_id || (p->centre_id == centre_id && p->group_id < t->group_id))
				low = mid + 1;
			else
				high = mid;
		}
		for (; low < rules->nparts && rules->parts[low].centre_id == centre_id &&
			 rules->parts[low].group_id == t->group_id; low++)
			if (rules->parts[low].split == t->split && rules->parts[low].part == t->part)
				return rules->parts[low].pupils;
		return -1;
	}
	if (t->split_half != 0)
		return -1;
	g = group_of(rules, centre_id, t->group_id);
	return g >= 0 ? rules->groups[g].pupils : -1;
}

/* The lesser of two subjects in the database's collation, as min(subject) chooses; -1 (NULL) loses. */
static int32
least_subject(const ReportRules *rules, int32 a, int32 b)
{
	const char *x;
	const char *y;

	if (a < 0 || a == b)
		return b;
	if (b < 0)
		return a;
	x = string_of(rules, a);
	y = string_of(rules, b);
	return varstr_cmp(x, strlen(x), y, strlen(y), DEFAULT_COLLATION_OID) <= 0 ? a : b;
}

static Datum
int64_array(const int64 *numbers, int n)
{
	Datum	   *items = palloc(sizeof(Datum) * Max(n, 1));
	int			i;

	for (i = 0; i < n; i++)
		items[i] = Int64GetDatum(numbers[i]);
	return PointerGetDatum(construct_array(items, n, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

static Datum
int32_array(const int32 *numbers, int n)
{
	Datum	   *items = palloc(sizeof(Datum) * Max(n, 1));
	int			i;

	for (i = 0; i < n; i++)
		items[i] = Int32GetDatum(numbers[i]);
	return PointerGetDatum(construct_array(items, n, INT4OID, sizeof(int32), true, TYPALIGN_INT));
}

static Datum
string_array(const ReportRules *rules, const int32 *numbers, int n)
{
	Datum	   *items = palloc(sizeof(Datum) * Max(n, 1));
	bool	   *nulls = palloc(sizeof(bool) * Max(n, 1));
	int			dims[1] = {n};
	int			lbs[1] = {1};
	int			i;

	for (i = 0; i < n; i++)
	{
		nulls[i] = numbers[i] < 0;
		items[i] = nulls[i] ? (Datum) 0 : CStringGetTextDatum(string_of(rules, numbers[i]));
	}
	return PointerGetDatum(construct_md_array(items, nulls, 1, dims, lbs, TEXTOID, -1, false, TYPALIGN_INT));
}

/* The arrays optional_ratio_violations() takes. */
typedef struct OptionCounts
{
	int64	   *centres;		/* per centre, year and stage */
	int32	   *years;
	int32	   *regimes;
	int32	   *groups;
	int64	   *pupils;
	int			n;
	int32	   *unknown_blocks;	/* per part an option of unknown pupils takes */
	int32	   *unknown_options;
	int32	   *unknown_subjects;
	int64	   *unknown_groups;
	int32	   *unknown_splits;
	int32	   *unknown_parts;
	Datum	   *unknown_halves;
	bool	   *unknown_half_nulls;
	int			nunknown;
} OptionCounts;

/* Each block lesson as an option, then the distinct options of each centre, year and stage counted. */
static void
count_options(ReportRules *rules, OptionCounts *c)
{
	LessonOption *lessons = palloc(sizeof(LessonOption) * Max(rules->noptions, 1));
	Taken	   *takes = palloc(sizeof(Taken) * Max(rules->noptions, 1));
	int			nlessons = 0;
	Size		ntakes = 0;
	Size		i;
	Size		j;
	int			options = 0;

	/* options[] is by block lesson: each run is a lesson */
	for (i = 0; i < rules->noptions; i = j)
	{
		const OptionRow *first = &rules->options[i];
		LessonOption *l = &lessons[nlessons++];
		int			k;
		int			kept = 0;

		l->block_lesson = first->block_lesson;
		l->subject = -1;
		l->takes = &takes[ntakes];
		l->pupils = 0;
		l->unknown = false;
		for (j = i; j < rules->noptions && rules->options[j].block_lesson == first->block_lesson; j++)
		{
			const OptionRow *o = &rules->options[j];
			Taken	   *t = &l->takes[j - i];

			l->subject = least_subject(rules, l->subject, o->subject);
			t->group_id = o->group_id;
			t->split = o->split;
			t->part = o->part;
			t->split_half = o->split_half;
			t->split_key = o->split >= 0 ? o->split : rules->halves;
			t->part_key = o->part >= 0 ? o->part
				: o->split_half == 1 ? rules->half[0] : o->split_half == 2 ? rules->half[1]
				: o->split_half != 0 ? string_number(rules, int_text(o->split_half)) : rules->halves;
		}
		/* what the lesson takes, each part once, whatever the subjects of its rows */
		if (j - i > 1)
			qsort(l->takes, j - i, sizeof(Taken), taken_order);
		for (k = 0; k < (int) (j - i); k++)
			if (kept == 0 || taken_order(&l->takes[kept - 1], &l->takes[k]) != 0)
				l->takes[kept++] = l->takes[k];
		l->ntakes = kept;
		ntakes += kept;
		for (k = 0; k < kept; k++)
		{
			int64		p = taken_pupils(rules, first->centre_id, &l->takes[k]);

			if (p < 0)
				l->unknown = true;
			else
				l->pupils += p;
		}
	}
	if (nlessons > 1)
		qsort_arg(lessons, nlessons, sizeof(LessonOption), lesson_option_order, (void *) rules);

	memset(c, 0, sizeof(*c));
	c->centres = palloc(sizeof(int64) * Max(nlessons, 1));
	c->years = palloc(sizeof(int32) * Max(nlessons, 1));
	c->regimes = palloc(sizeof(int32) * Max(nlessons, 1));
	c->groups = palloc(sizeof(int32) * Max(nlessons, 1));
	c->pupils = palloc(sizeof(int64) * Max(nlessons, 1));
	c->unknown_blocks = palloc(sizeof(int32) * Max(ntakes, 1));
	c->unknown_options = palloc(sizeof(int32) * Max(ntakes, 1));
	c->unknown_subjects = palloc(sizeof(int32) * Max(ntakes, 1));
	c->unknown_groups = palloc(sizeof(int64) * Max(ntakes, 1));
	c->unknown_splits = palloc(sizeof(int32) * Max(ntakes, 1));
	c->unknown_parts = palloc(sizeof(int32) * Max(ntakes, 1));
	c->unknown_halves = palloc(sizeof(Datum) * Max(ntakes, 1));
	c->unknown_half_nulls = palloc(sizeof(bool) * Max(ntakes, 1));
	for (i = 0; i < (Size) nlessons; i++)
	{
		const LessonOption *l = &lessons[i];
		const BlockLesson *b = &rules->block_lessons[l->block_lesson];
		int			k;

		/* a new centre, year and stage */
		if (c->n == 0 || c->centres[c->n - 1] != b->centre_id || c->years[c->n - 1] != b->school_year ||
			c->regimes[c->n - 1] != b->regime)
		{
			c->centres[c->n] = b->centre_id;
			c->years[c->n] = b->school_year;
			c->regimes[c->n] = b->regime;
			c->groups[c->n] = 0;
			c->pupils[c->n] = 0;
			c->n++;
		}
		/* the same subject for the same pupils is one option, however many lessons it has */
		else if (lesson_option_order(&lessons[i - 1], l, (void *) rules) == 0)
			continue;
		if (!l->unknown)
		{
			c->groups[c->n - 1]++;
			c->pupils[c->n - 1] += l->pupils;
			continue;
		}
		options++;
		for (k = 0; k < l->ntakes; k++)
		{
			const Taken *t = &l->takes[k];
			int			u = c->nunknown++;

			c->unknown_blocks[u] = c->n;	/* 1-based, as SQL's arrays */
			c->unknown_options[u] = options;
			c->unknown_subjects[u] = l->subject;
			c->unknown_groups[u] = t->group_id;
			c->unknown_splits[u] = t->split;
			c->unknown_parts[u] = t->part;
			c->unknown_halves[u] = Int16GetDatum(t->split_half);
			c->unknown_half_nulls[u] = t->split_half == 0;
		}
	}
}

void
report_rules_optional_ratio(ReportRules *rules, const ModelTables *m, const char *school_year,
							bool has_centre, int64 centre_id, report_rule_tuple emit, void *context)
{
	Size		n = 0;
	Size		i;
	OptionCounts c;
	Oid			types[15] = {NAMEOID, TEXTOID, INT8OID, INT8ARRAYOID, TEXTARRAYOID, TEXTARRAYOID, INT4ARRAYOID,
		INT8ARRAYOID, INT4ARRAYOID, INT4ARRAYOID, TEXTARRAYOID, INT8ARRAYOID, TEXTARRAYOID, TEXTARRAYOID,
	INT2ARRAYOID};
	Datum		args[15];
	char		arg_nulls[15];
	int			dims[1];
	int			lbs[1] = {1};
	uint64		r;
	int			rc;

	/* each lesson's (group, subject, split, part, half) once: the sessions of a week repeat them */
	if (rules->noptions > 1)
		qsort(rules->options, rules->noptions, sizeof(OptionRow), option_order);
	for (i = 0; i < rules->noptions; i++)
		if (n == 0 || option_order(&rules->options[n - 1], &rules->options[i]) != 0)
			rules->options[n++] = rules->options[i];
	rules->noptions = n;
	count_options(rules, &c);

	memset(arg_nulls, ' ', sizeof(arg_nulls));
	args[0] = DirectFunctionCall1(namein, CStringGetDatum(m->schema));
	if (school_year != NULL)
		args[1] = CStringGetTextDatum(school_year);
	else
		arg_nulls[1] = 'n';
	args[2] = Int64GetDatum(centre_id);
	if (!has_centre)
		arg_nulls[2] = 'n';
	args[3] = int64_array(c.centres, c.n);
	args[4] = string_array(rules, c.years, c.n);
	args[5] = string_array(rules, c.regimes, c.n);
	args[6] = int32_array(c.groups, c.n);
	args[7] = int64_array(c.pupils, c.n);
	args[8] = int32_array(c.unknown_blocks, c.nunknown);
	args[9] = int32_array(c.unknown_options, c.nunknown);
	args[10] = string_array(rules, c.unknown_subjects, c.nunknown);
	args[11] = int64_array(c.unknown_groups, c.nunknown);
	args[12] = string_array(rules, c.unknown_splits, c.nunknown);
	args[13] = string_array(rules, c.unknown_parts, c.nunknown);
	dims[0] = c.nunknown;
	args[14] = PointerGetDatum(construct_md_array(c.unknown_halves, c.unknown_half_nulls, 1, dims, lbs,
												  INT2OID, sizeof(int16), true, TYPALIGN_SHORT));
	rc = SPI_execute_with_args("SELECT * FROM schooltime.optional_ratio_violations($1, $2::schooltime.school_year, $3,"
							   " $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
							   15, types, args, arg_nulls, true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not word optional_ratio's rows: %s", SPI_result_code_string(rc));
	for (r = 0; r < SPI_processed; r++)
	{
		int			natts = SPI_tuptable->tupdesc->natts;
		Datum	   *values = palloc(sizeof(Datum) * natts);
		bool	   *value_nulls = palloc(sizeof(bool) * natts);

		heap_deform_tuple(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, values, value_nulls);
		emit(context, values, value_nulls);
	}
	SPI_freetuptable(SPI_tuptable);
}
