/*
 * fet_students.c
 *		The students sets of a FET file: years, their groups, the groups'
 *		subgroups, and FET's categories, free of PostgreSQL.  A name means
 *		one set in the whole file: a group listed in two years is one group,
 *		a subgroup listed in two groups one subgroup, and, as FET reads it,
 *		the first listing of a group is the group.
 */
#include "fet_reader.h"

#include <string.h>

/* one subgroup of a <Group>, as read, before the group is known to be new */
typedef struct listed_subgroup
{
	const char *name;
	const char *comments;
	int			students;
	int			line;
} listed_subgroup;

/* ---- students ---- */

static int
new_set(reader *rd, const char *name, fet_set_kind kind, int students, const char *comments, int line)
{
	fet_file   *f = rd->file;
	fet_set    *s;

	if (!st_arena_reserve(rd->arena, (void **) &f->sets, f->nsets, &f->sets_capacity, 1, sizeof(fet_set)))
		return rd_out_of_memory(rd), -1;
	s = &f->sets[f->nsets];
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->kind = kind;
	s->students = students;
	s->comments = comments;
	s->line = line;
	if (!rd_slots_insert(rd, &f->set_slots, &f->nset_slots, f->nsets, f->nsets, name, rd_name_of_set, f))
		return -1;
	return f->nsets++;
}

static const char *
kind_name(fet_set_kind kind)
{
	switch (kind)
	{
		case FET_YEAR:
			return "year";
		case FET_GROUP:
			return "group";
		case FET_SUBGROUP:
			return "subgroup";
	}
	return "set";
}

static bool
add_member(reader *rd, int owner, int member)
{
	fet_set    *s = &rd->file->sets[owner];
	int			i;

	for (i = 0; i < s->nmembers; i++)
		if (s->members[i] == member)
		{
			fet_set    *m = &rd->file->sets[member];

			rd_fail(rd, FET_BAD_CONTENT, "%s \"%s\" is listed twice in %s \"%s\" of the %s", kind_name(m->kind),
				 rd_shown(rd, m->name), kind_name(s->kind), rd_shown(rd, s->name), rd->source);
			rd_detail(rd, "The %s begins at line %d.", kind_name(s->kind), s->line);
			return false;
		}
	if (!st_arena_reserve(rd->arena, (void **) &s->members, s->nmembers, &s->capacity, 1, sizeof(int)))
		return rd_out_of_memory(rd);
	s->members[s->nmembers++] = member;
	return true;
}

/* The set of this name and kind, made when new; -1 on error. */
static int
set_of(reader *rd, const char *name, fet_set_kind kind, int students, const char *comments, int line, bool *is_new)
{
	int			existing = fet_find_set(rd->file, name);

	*is_new = false;
	if (name[0] == '\0')
	{
		rd_fail(rd, FET_BAD_CONTENT, "a %s in the %s has an empty name", kind_name(kind), rd->source);
		rd_detail(rd, "Line %d.", line);
		return -1;
	}
	if (existing >= 0)
	{
		fet_set    *s = &rd->file->sets[existing];

		if (s->kind != kind || kind == FET_YEAR)
		{
			rd_fail(rd, FET_BAD_CONTENT, "\"%s\" names a %s and a %s in the %s", rd_shown(rd, name),
				 kind_name(s->kind), kind_name(kind), rd->source);
			rd_detail(rd, "Lines %d and %d; FET students sets share one space of names.", s->line, line);
			return -1;
		}
		return existing;
	}
	*is_new = true;
	return new_set(rd, name, kind, students, comments, line);
}

static bool
read_subgroup(reader *rd, listed_subgroup *out)
{
	int			r;

	memset(out, 0, sizeof(*out));
	out->line = rd->xml.tag_line;
	while ((r = rd_child(rd)) > 0)
	{
		int64_t		n;

		if (xs_tag_is(&rd->xml, "Name") && out->name == NULL)
		{
			if (!rd_text(rd, &out->name))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Number_of_Students"))
		{
			if (!rd_integer(rd, "a number of students", 0, 1000000000, &n))
				return false;
			out->students = (int) n;
		}
		else if (xs_tag_is(&rd->xml, "Comments") && out->comments == NULL)
		{
			if (!rd_text(rd, &out->comments))
				return false;
		}
		else if (!rd_skip(rd))
			return false;
	}
	if (r < 0)
		return false;
	if (out->name == NULL)
	{
		rd_fail(rd, FET_BAD_CONTENT, "a subgroup in the %s has no name", rd->source);
		rd_detail(rd, "Line %d: <Subgroup> holds no <Name>.", out->line);
		return false;
	}
	return true;
}

/* Reads a <Group>; *index is the group (new, or the one of that name listed before). */
static bool
read_group(reader *rd, int *index)
{
	int			line = rd->xml.tag_line;
	const char *name = NULL;
	const char *comments = NULL;
	int			students = 0;
	listed_subgroup *subgroups = NULL;
	int			nsubgroups = 0;
	int			capacity = 0;
	bool		is_new;
	int			r;
	int			i;

	while ((r = rd_child(rd)) > 0)
	{
		int64_t		n;

		if (xs_tag_is(&rd->xml, "Name") && name == NULL)
		{
			if (!rd_text(rd, &name))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Number_of_Students"))
		{
			if (!rd_integer(rd, "a number of students", 0, 1000000000, &n))
				return false;
			students = (int) n;
		}
		else if (xs_tag_is(&rd->xml, "Comments") && comments == NULL)
		{
			if (!rd_text(rd, &comments))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Subgroup"))
		{
			if (!st_arena_reserve(rd->arena, (void **) &subgroups, nsubgroups, &capacity, 1, sizeof(listed_subgroup)))
				return rd_out_of_memory(rd);
			if (!read_subgroup(rd, &subgroups[nsubgroups]))
				return false;
			nsubgroups++;
		}
		else if (!rd_skip(rd))
			return false;
	}
	if (r < 0)
		return false;
	if (name == NULL)
	{
		rd_fail(rd, FET_BAD_CONTENT, "a group in the %s has no name", rd->source);
		rd_detail(rd, "Line %d: <Group> holds no <Name>.", line);
		return false;
	}
	*index = set_of(rd, name, FET_GROUP, students, comments, line, &is_new);
	if (*index < 0)
		return false;
	if (!is_new)
		return true;			/* as FET: the first listing of a group is the group */
	for (i = 0; i < nsubgroups; i++)
	{
		bool		subgroup_new;
		int			s = set_of(rd, subgroups[i].name, FET_SUBGROUP, subgroups[i].students,
							   subgroups[i].comments, subgroups[i].line, &subgroup_new);

		if (s < 0 || !add_member(rd, *index, s))
			return false;
	}
	return true;
}

static bool
read_category(reader *rd, fet_category *category)
{
	int			r;

	memset(category, 0, sizeof(*category));
	while ((r = rd_child(rd)) > 0)
	{
		if (xs_tag_is(&rd->xml, "Division"))
		{
			const char *division;

			if (!rd_text(rd, &division))
				return false;
			if (!st_arena_reserve(rd->arena, (void **) &category->divisions, category->ndivisions,
								  &category->capacity, 1, sizeof(char *)))
				return rd_out_of_memory(rd);
			category->divisions[category->ndivisions++] = division;
		}
		else if (!rd_skip(rd))
			return false;
	}
	return r == 0;
}

static bool
read_year(reader *rd)
{
	fet_file   *f = rd->file;
	int			line = rd->xml.tag_line;
	const char *name = NULL;
	const char *comments = NULL;
	const char *separator = NULL;
	int			students = 0;
	int		   *groups = NULL;
	int			ngroups = 0;
	int			groups_capacity = 0;
	fet_category *categories = NULL;
	int			ncategories = 0;
	int			categories_capacity = 0;
	bool		is_new;
	int			year;
	int			r;
	int			i;

	while ((r = rd_child(rd)) > 0)
	{
		int64_t		n;

		if (xs_tag_is(&rd->xml, "Name") && name == NULL)
		{
			if (!rd_text(rd, &name))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Number_of_Students"))
		{
			if (!rd_integer(rd, "a number of students", 0, 1000000000, &n))
				return false;
			students = (int) n;
		}
		else if (xs_tag_is(&rd->xml, "Comments") && comments == NULL)
		{
			if (!rd_text(rd, &comments))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Separator") && separator == NULL)
		{
			if (!rd_text(rd, &separator))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Category"))
		{
			if (!st_arena_reserve(rd->arena, (void **) &categories, ncategories, &categories_capacity, 1,
								  sizeof(fet_category)))
				return rd_out_of_memory(rd);
			if (!read_category(rd, &categories[ncategories]))
				return false;
			ncategories++;
		}
		else if (xs_tag_is(&rd->xml, "Group"))
		{
			int			g = -1;

			if (!read_group(rd, &g))
				return false;
			if (!st_arena_reserve(rd->arena, (void **) &groups, ngroups, &groups_capacity, 1, sizeof(int)))
				return rd_out_of_memory(rd);
			groups[ngroups++] = g;
		}
		else if (!rd_skip(rd))
			return false;
	}
	if (r < 0)
		return false;
	if (name == NULL)
	{
		rd_fail(rd, FET_BAD_CONTENT, "a year in the %s has no name", rd->source);
		rd_detail(rd, "Line %d: <Year> holds no <Name>.", line);
		return false;
	}
	year = set_of(rd, name, FET_YEAR, students, comments, line, &is_new);
	if (year < 0)
		return false;
	f->sets[year].separator = separator;
	f->sets[year].categories = categories;
	f->sets[year].ncategories = ncategories;
	f->sets[year].categories_capacity = categories_capacity;
	for (i = 0; i < ngroups; i++)
		if (!add_member(rd, year, groups[i]))
			return false;
	if (!st_arena_reserve(rd->arena, (void **) &f->years, f->nyears, &f->years_capacity, 1, sizeof(int)))
		return rd_out_of_memory(rd);
	f->years[f->nyears++] = year;
	return true;
}

bool
rd_students(reader *rd)
{
	int			r;

	while ((r = rd_child(rd)) > 0)
	{
		if (xs_tag_is(&rd->xml, "Year"))
		{
			if (!read_year(rd))
				return false;
		}
		else if (!rd_skip(rd))
			return false;
	}
	return r == 0;
}

