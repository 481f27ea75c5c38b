/*
 * fet_read.c
 *		Reading a FET timetable file, free of PostgreSQL.
 *
 * The reader follows what FET itself reads (FET's Rules::read): elements it
 * does not know are passed over, a students set named twice is the same
 * set, Active is true/yes/1 or false/no/0.  Where FET would warn and go on
 * (an activity naming a teacher the file does not define, which FET
 * drops), this reader stops: an import must not lose an activity quietly.
 */
#include "fet_read.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xml_scan.h"

/* a placement read from a constraint or from the activities file */
typedef struct placement
{
	int64_t		activity_id;
	const char *day;			/* NULL when not placed */
	const char *hour;
	int			line;
} placement;

typedef struct reader
{
	xs_reader	xml;
	st_arena   *arena;
	fet_file   *file;
	fet_error  *error;
	const char *source;			/* "FET file" or "activities file" */
	placement  *placements;
	int			nplacements;
	int			placements_capacity;
	char		shown[4][96];	/* names quoted for messages */
	int			next_shown;
} reader;

/* one subgroup of a <Group>, as read, before the group is known to be new */
typedef struct listed_subgroup
{
	const char *name;
	const char *comments;
	int			students;
	int			line;
} listed_subgroup;

/* ---- errors ---- */

static void vformat(char *out, size_t size, const char *format, va_list args) ST_PRINTF(3, 0);
static bool fail(reader *rd, fet_status status, const char *format,...) ST_PRINTF(3, 4);
static void detail(reader *rd, const char *format,...) ST_PRINTF(2, 3);
static void hint(reader *rd, const char *format,...) ST_PRINTF(2, 3);

static void
vformat(char *out, size_t size, const char *format, va_list args)
{
	vsnprintf(out, size, format, args);
}

static bool
fail(reader *rd, fet_status status, const char *format,...)
{
	va_list		args;

	if (rd->error->status != FET_OK)
		return false;
	rd->error->status = status;
	va_start(args, format);
	vformat(rd->error->message, sizeof(rd->error->message), format, args);
	va_end(args);
	return false;
}

static void
detail(reader *rd, const char *format,...)
{
	va_list		args;

	va_start(args, format);
	vformat(rd->error->detail, sizeof(rd->error->detail), format, args);
	va_end(args);
}

static void
hint(reader *rd, const char *format,...)
{
	va_list		args;

	va_start(args, format);
	vformat(rd->error->hint, sizeof(rd->error->hint), format, args);
	va_end(args);
}

/* A name of the file, shortened for a message; four can be in use at once. */
static const char *
shown(reader *rd, const char *name)
{
	char	   *out = rd->shown[rd->next_shown];

	rd->next_shown = (rd->next_shown + 1) % 4;
	xs_shorten(name, strlen(name), 80, out, sizeof(rd->shown[0]));
	return out;
}

/* Turns the XML reader's error into ours. */
static bool
xml_failed(reader *rd)
{
	switch (rd->xml.status)
	{
		case XS_OK:
			return true;
		case XS_SYNTAX:
			fail(rd, FET_NOT_XML, "the %s is not well-formed XML", rd->source);
			break;
		case XS_LIMIT:
			fail(rd, FET_TOO_LARGE, "the %s is beyond what schooltime reads", rd->source);
			break;
		case XS_MEMORY:
			fail(rd, FET_NO_MEMORY, "out of memory reading the %s", rd->source);
			break;
	}
	detail(rd, "%s", rd->xml.message);
	return false;
}

static bool
out_of_memory(reader *rd)
{
	if (rd->arena->over_budget)
	{
		fail(rd, FET_TOO_LARGE, "the %s is beyond what schooltime reads", rd->source);
		detail(rd, "Reading it would take more memory than the reader allows for a file of its size.");
	}
	else
		fail(rd, FET_NO_MEMORY, "out of memory reading the %s", rd->source);
	return false;
}

/* ---- small readers ---- */

static bool
read_text(reader *rd, const char **out)
{
	if (!xs_text(&rd->xml))
		return xml_failed(rd);
	*out = st_arena_strndup(rd->arena, rd->xml.text, rd->xml.text_len);
	return *out != NULL || out_of_memory(rd);
}

static bool
skip(reader *rd)
{
	return xs_skip(&rd->xml) || xml_failed(rd);
}

static int
child(reader *rd)
{
	int			r = xs_child(&rd->xml);

	if (r < 0)
		xml_failed(rd);
	return r;
}

/*
 * An integer as FET writes one (QString::toInt: optional white space and
 * sign around decimal digits), within [min, max].
 */
static bool
parse_integer(const char *text, int64_t min, int64_t max, int64_t *value)
{
	const char *p = text;
	bool		negative = false;
	int64_t		v = 0;
	int			digits = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p == '+' || *p == '-')
		negative = *p++ == '-';
	while (*p >= '0' && *p <= '9')
	{
		if (v > (INT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (*p++ - '0');
		digits++;
	}
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (digits == 0 || *p != '\0')
		return false;
	if (negative)
		v = -v;
	if (v < min || v > max)
		return false;
	*value = v;
	return true;
}

/* Reads an element holding an integer within [min, max]. */
static bool
read_integer(reader *rd, const char *what, int64_t min, int64_t max, int64_t *value)
{
	int			line = rd->xml.tag_line;
	char		tag[80];
	const char *text;

	xs_tag_name(&rd->xml, tag, sizeof(tag));
	if (!read_text(rd, &text))
		return false;
	if (!parse_integer(text, min, max, value))
	{
		fail(rd, FET_BAD_CONTENT, "%s in the %s is not a whole number from %lld to %lld", what,
			 rd->source, (long long) min, (long long) max);
		detail(rd, "Line %d: <%s>%s</%s>.", line, tag, shown(rd, text), tag);
		return false;
	}
	return true;
}

/* FET's booleans: true/yes/1 and false/no/0. */
static bool
read_boolean(reader *rd, const char *what, bool *value)
{
	int			line = rd->xml.tag_line;
	char		tag[80];
	const char *text;

	xs_tag_name(&rd->xml, tag, sizeof(tag));
	if (!read_text(rd, &text))
		return false;
	if (strcmp(text, "true") == 0 || strcmp(text, "yes") == 0 || strcmp(text, "1") == 0)
		*value = true;
	else if (strcmp(text, "false") == 0 || strcmp(text, "no") == 0 || strcmp(text, "0") == 0)
		*value = false;
	else
	{
		fail(rd, FET_BAD_CONTENT, "%s in the %s is neither true nor false", what, rd->source);
		detail(rd, "Line %d: <%s>%s</%s>; FET writes true or false (and reads yes, no, 1 and 0).",
			   line, tag, shown(rd, text), tag);
		return false;
	}
	return true;
}

/*
 * A constraint's weight, a decimal percentage: whether it is 100 (a
 * constraint FET must satisfy).  False when the text is not a number.
 */
static bool
parse_weight(const char *text, bool *full)
{
	const char *p = text;
	int64_t		whole = 0;
	int			digits = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	while (*p >= '0' && *p <= '9')
	{
		if (whole < 1000000)
			whole = whole * 10 + (*p - '0');
		p++;
		digits++;
	}
	if (*p == '.')
	{
		p++;
		while (*p >= '0' && *p <= '9')
		{
			p++;
			digits++;
		}
	}
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (digits == 0 || *p != '\0')
		return false;
	/* FET's weights run to 100; 100 (or anything written above it) binds */
	*full = whole >= 100;
	return true;
}

/* ---- name lists ---- */

static uint32_t
hash_name(const char *name)
{
	uint32_t	h = 2166136261u;

	for (; *name; name++)
		h = (h ^ (unsigned char) *name) * 16777619u;
	return h;
}

static int
find_in_slots(const int *slots, int nslots, const char *name, const char *(*name_of) (const void *, int),
			  const void *owner)
{
	uint32_t	h;
	int			i;

	if (nslots == 0)
		return -1;
	h = hash_name(name);
	for (i = (int) (h & (uint32_t) (nslots - 1));; i = (i + 1) & (nslots - 1))
	{
		int			index = slots[i] - 1;

		if (index < 0)
			return -1;
		if (strcmp(name_of(owner, index), name) == 0)
			return index;
	}
}

static const char *
name_of_list(const void *owner, int index)
{
	return ((const fet_names *) owner)->names[index];
}

static const char *
name_of_set(const void *owner, int index)
{
	return ((const fet_file *) owner)->sets[index].name;
}

int
fet_find_name(const fet_names *names, const char *name)
{
	return find_in_slots(names->slots, names->nslots, name, name_of_list, names);
}

int
fet_find_set(const fet_file *file, const char *name)
{
	return find_in_slots(file->set_slots, file->nset_slots, name, name_of_set, file);
}

/* Puts index into a table of slots, growing it (and rehashing) past half full. */
static bool
slots_insert(reader *rd, int **slots, int *nslots, int count, int index, const char *name,
			 const char *(*name_of) (const void *, int), const void *owner)
{
	int			i;

	if ((count + 1) * 2 > *nslots)
	{
		int			grown_n = *nslots < 16 ? 16 : *nslots * 2;
		int		   *grown;
		int			k;

		if (grown_n <= 0 || (size_t) grown_n > SIZE_MAX / sizeof(int))
			return out_of_memory(rd);
		grown = st_arena_alloc(rd->arena, (size_t) grown_n * sizeof(int));
		if (grown == NULL)
			return out_of_memory(rd);
		memset(grown, 0, (size_t) grown_n * sizeof(int));
		for (k = 0; k < *nslots; k++)
			if ((*slots)[k] != 0)
			{
				uint32_t	h = hash_name(name_of(owner, (*slots)[k] - 1));

				for (i = (int) (h & (uint32_t) (grown_n - 1)); grown[i] != 0; i = (i + 1) & (grown_n - 1))
					;
				grown[i] = (*slots)[k];
			}
		*slots = grown;
		*nslots = grown_n;
	}
	for (i = (int) (hash_name(name) & (uint32_t) (*nslots - 1)); (*slots)[i] != 0; i = (i + 1) & (*nslots - 1))
		;
	(*slots)[i] = index + 1;
	return true;
}

/* Adds a name to a list; a name listed twice is an error (what: "teacher"). */
static bool
add_name(reader *rd, fet_names *names, const char *name, int line, const char *what, const char *list)
{
	int			existing;

	if (name[0] == '\0')
	{
		fail(rd, FET_BAD_CONTENT, "a %s in the %s has an empty name", what, rd->source);
		detail(rd, "Line %d, in <%s>.", line, list);
		return false;
	}
	existing = fet_find_name(names, name);
	if (existing >= 0)
	{
		fail(rd, FET_BAD_CONTENT, "%s \"%s\" is defined twice in the %s", what, shown(rd, name), rd->source);
		detail(rd, "Lines %d and %d, in <%s>.", names->lines[existing], line, list);
		return false;
	}
	if (!st_arena_reserve(rd->arena, (void **) &names->names, names->count, &names->capacity, 1, sizeof(char *)) ||
		!st_arena_reserve(rd->arena, (void **) &names->lines, names->count, &names->lines_capacity, 1, sizeof(int)))
		return out_of_memory(rd);
	names->names[names->count] = name;
	names->lines[names->count] = line;
	if (!slots_insert(rd, &names->slots, &names->nslots, names->count, names->count, name, name_of_list, names))
		return false;
	names->count++;
	return true;
}

/*
 * A list of named items: <Teachers_List><Teacher><Name>T1</Name>...
 * Also FET's older list form, with <Name> straight under the list.  The
 * count element (Number_of_Days...), when present, must match.
 */
static bool
read_name_list(reader *rd, fet_names *names, const char *item, const char *number, const char *what)
{
	char		list[80];
	int			list_line = rd->xml.tag_line;
	int64_t		declared = -1;
	int			r;

	xs_tag_name(&rd->xml, list, sizeof(list));
	while ((r = child(rd)) > 0)
	{
		if ((number != NULL && xs_tag_is(&rd->xml, number)) || xs_tag_is(&rd->xml, "Number"))
		{
			if (!read_integer(rd, "the number of items of a list", 0, 1000000, &declared))
				return false;
		}
		else if (xs_tag_is(&rd->xml, item))
		{
			int			line = rd->xml.tag_line;
			const char *name = NULL;
			int			k;

			while ((k = child(rd)) > 0)
			{
				if (xs_tag_is(&rd->xml, "Name") && name == NULL)
				{
					if (!read_text(rd, &name))
						return false;
				}
				else if (!skip(rd))
					return false;
			}
			if (k < 0)
				return false;
			if (name == NULL)
			{
				fail(rd, FET_BAD_CONTENT, "a %s in the %s has no name", what, rd->source);
				detail(rd, "Line %d: <%s> holds no <Name>.", line, item);
				return false;
			}
			if (!add_name(rd, names, name, line, what, list))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Name"))
		{
			int			line = rd->xml.tag_line;
			const char *name;

			if (!read_text(rd, &name) || !add_name(rd, names, name, line, what, list))
				return false;
		}
		else if (!skip(rd))
			return false;
	}
	if (r < 0)
		return false;
	if (declared >= 0 && declared != names->count)
	{
		fail(rd, FET_BAD_CONTENT, "the %s says it has %lld %ss but lists %d", rd->source,
			 (long long) declared, what, names->count);
		detail(rd, "The list <%s> begins at line %d.", list, list_line);
		return false;
	}
	return true;
}

/* ---- students ---- */

static int
new_set(reader *rd, const char *name, fet_set_kind kind, int students, const char *comments, int line)
{
	fet_file   *f = rd->file;
	fet_set    *s;

	if (!st_arena_reserve(rd->arena, (void **) &f->sets, f->nsets, &f->sets_capacity, 1, sizeof(fet_set)))
		return out_of_memory(rd), -1;
	s = &f->sets[f->nsets];
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->kind = kind;
	s->students = students;
	s->comments = comments;
	s->line = line;
	if (!slots_insert(rd, &f->set_slots, &f->nset_slots, f->nsets, f->nsets, name, name_of_set, f))
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

			fail(rd, FET_BAD_CONTENT, "%s \"%s\" is listed twice in %s \"%s\" of the %s", kind_name(m->kind),
				 shown(rd, m->name), kind_name(s->kind), shown(rd, s->name), rd->source);
			detail(rd, "The %s begins at line %d.", kind_name(s->kind), s->line);
			return false;
		}
	if (!st_arena_reserve(rd->arena, (void **) &s->members, s->nmembers, &s->capacity, 1, sizeof(int)))
		return out_of_memory(rd);
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
		fail(rd, FET_BAD_CONTENT, "a %s in the %s has an empty name", kind_name(kind), rd->source);
		detail(rd, "Line %d.", line);
		return -1;
	}
	if (existing >= 0)
	{
		fet_set    *s = &rd->file->sets[existing];

		if (s->kind != kind || kind == FET_YEAR)
		{
			fail(rd, FET_BAD_CONTENT, "\"%s\" names a %s and a %s in the %s", shown(rd, name),
				 kind_name(s->kind), kind_name(kind), rd->source);
			detail(rd, "Lines %d and %d; FET students sets share one space of names.", s->line, line);
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
	while ((r = child(rd)) > 0)
	{
		int64_t		n;

		if (xs_tag_is(&rd->xml, "Name") && out->name == NULL)
		{
			if (!read_text(rd, &out->name))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Number_of_Students"))
		{
			if (!read_integer(rd, "a number of students", 0, 1000000000, &n))
				return false;
			out->students = (int) n;
		}
		else if (xs_tag_is(&rd->xml, "Comments") && out->comments == NULL)
		{
			if (!read_text(rd, &out->comments))
				return false;
		}
		else if (!skip(rd))
			return false;
	}
	if (r < 0)
		return false;
	if (out->name == NULL)
	{
		fail(rd, FET_BAD_CONTENT, "a subgroup in the %s has no name", rd->source);
		detail(rd, "Line %d: <Subgroup> holds no <Name>.", out->line);
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

	while ((r = child(rd)) > 0)
	{
		int64_t		n;

		if (xs_tag_is(&rd->xml, "Name") && name == NULL)
		{
			if (!read_text(rd, &name))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Number_of_Students"))
		{
			if (!read_integer(rd, "a number of students", 0, 1000000000, &n))
				return false;
			students = (int) n;
		}
		else if (xs_tag_is(&rd->xml, "Comments") && comments == NULL)
		{
			if (!read_text(rd, &comments))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Subgroup"))
		{
			if (!st_arena_reserve(rd->arena, (void **) &subgroups, nsubgroups, &capacity, 1, sizeof(listed_subgroup)))
				return out_of_memory(rd);
			if (!read_subgroup(rd, &subgroups[nsubgroups]))
				return false;
			nsubgroups++;
		}
		else if (!skip(rd))
			return false;
	}
	if (r < 0)
		return false;
	if (name == NULL)
	{
		fail(rd, FET_BAD_CONTENT, "a group in the %s has no name", rd->source);
		detail(rd, "Line %d: <Group> holds no <Name>.", line);
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
	while ((r = child(rd)) > 0)
	{
		if (xs_tag_is(&rd->xml, "Division"))
		{
			const char *division;

			if (!read_text(rd, &division))
				return false;
			if (!st_arena_reserve(rd->arena, (void **) &category->divisions, category->ndivisions,
								  &category->capacity, 1, sizeof(char *)))
				return out_of_memory(rd);
			category->divisions[category->ndivisions++] = division;
		}
		else if (!skip(rd))
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

	while ((r = child(rd)) > 0)
	{
		int64_t		n;

		if (xs_tag_is(&rd->xml, "Name") && name == NULL)
		{
			if (!read_text(rd, &name))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Number_of_Students"))
		{
			if (!read_integer(rd, "a number of students", 0, 1000000000, &n))
				return false;
			students = (int) n;
		}
		else if (xs_tag_is(&rd->xml, "Comments") && comments == NULL)
		{
			if (!read_text(rd, &comments))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Separator") && separator == NULL)
		{
			if (!read_text(rd, &separator))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Category"))
		{
			if (!st_arena_reserve(rd->arena, (void **) &categories, ncategories, &categories_capacity, 1,
								  sizeof(fet_category)))
				return out_of_memory(rd);
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
				return out_of_memory(rd);
			groups[ngroups++] = g;
		}
		else if (!skip(rd))
			return false;
	}
	if (r < 0)
		return false;
	if (name == NULL)
	{
		fail(rd, FET_BAD_CONTENT, "a year in the %s has no name", rd->source);
		detail(rd, "Line %d: <Year> holds no <Name>.", line);
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
		return out_of_memory(rd);
	f->years[f->nyears++] = year;
	return true;
}

static bool
read_students(reader *rd)
{
	int			r;

	while ((r = child(rd)) > 0)
	{
		if (xs_tag_is(&rd->xml, "Year"))
		{
			if (!read_year(rd))
				return false;
		}
		else if (!skip(rd))
			return false;
	}
	return r == 0;
}

/* ---- activities ---- */

static bool
append_name(reader *rd, const char ***list, int *count, int *capacity)
{
	const char *name;

	if (!read_text(rd, &name))
		return false;
	if (!st_arena_reserve(rd->arena, (void **) list, *count, capacity, 1, sizeof(char *)))
		return out_of_memory(rd);
	(*list)[(*count)++] = name;
	return true;
}

static bool
read_activity(reader *rd)
{
	fet_file   *f = rd->file;
	fet_activity *a;
	bool		has_id = false;
	bool		has_duration = false;
	bool		has_total = false;
	int			r;

	if (!st_arena_reserve(rd->arena, (void **) &f->activities, f->nactivities, &f->activities_capacity, 1,
						  sizeof(fet_activity)))
		return out_of_memory(rd);
	a = &f->activities[f->nactivities];
	memset(a, 0, sizeof(*a));
	a->line = rd->xml.tag_line;
	a->active = true;
	a->day = a->hour = -1;
	while ((r = child(rd)) > 0)
	{
		int64_t		n;

		if (xs_tag_is(&rd->xml, "Teacher"))
		{
			if (!append_name(rd, &a->teachers, &a->nteachers, &a->teachers_capacity))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Students"))
		{
			if (!append_name(rd, &a->students, &a->nstudents, &a->students_capacity))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Activity_Tag") || xs_tag_is(&rd->xml, "Subject_Tag"))
		{
			if (!append_name(rd, &a->tags, &a->ntags, &a->tags_capacity))
				return false;
			if (a->tags[a->ntags - 1][0] == '\0')
				a->ntags--;		/* FET ignores an empty tag */
		}
		else if (xs_tag_is(&rd->xml, "Subject"))
		{
			if (a->subject != NULL)
			{
				fail(rd, FET_BAD_CONTENT, "an activity of the %s has two subjects", rd->source);
				detail(rd, "Line %d: a second <Subject> in the <Activity> of line %d.", rd->xml.tag_line, a->line);
				return false;
			}
			if (!read_text(rd, &a->subject))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Id"))
		{
			if (!read_integer(rd, "an activity id", 0, INT32_MAX, &a->id))
				return false;
			has_id = true;
		}
		else if (xs_tag_is(&rd->xml, "Activity_Group_Id"))
		{
			if (!read_integer(rd, "an activity group id", 0, INT32_MAX, &a->group_id))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Duration"))
		{
			if (!read_integer(rd, "an activity's duration", 1, 1000, &n))
				return false;
			a->duration = (int) n;
			has_duration = true;
		}
		else if (xs_tag_is(&rd->xml, "Total_Duration"))
		{
			if (!read_integer(rd, "an activity's total duration", 1, 1000000, &n))
				return false;
			a->total_duration = (int) n;
			has_total = true;
		}
		else if (xs_tag_is(&rd->xml, "Active"))
		{
			if (!read_boolean(rd, "whether an activity is active", &a->active))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Comments") && a->comments == NULL)
		{
			if (!read_text(rd, &a->comments))
				return false;
		}
		else if (!skip(rd))
			return false;
	}
	if (r < 0)
		return false;
	if (!has_id)
	{
		fail(rd, FET_BAD_CONTENT, "an activity of the %s has no id", rd->source);
		detail(rd, "Line %d: <Activity> holds no <Id>.", a->line);
		return false;
	}
	if (!has_duration)
	{
		fail(rd, FET_BAD_CONTENT, "activity %lld of the %s has no duration", (long long) a->id, rd->source);
		detail(rd, "Line %d: <Activity> holds no <Duration>.", a->line);
		return false;
	}
	if (!has_total)
		a->total_duration = a->duration;
	f->nactivities++;
	return true;
}

static bool
read_activities(reader *rd)
{
	int			r;

	while ((r = child(rd)) > 0)
	{
		if (xs_tag_is(&rd->xml, "Activity"))
		{
			if (!read_activity(rd))
				return false;
		}
		else if (!skip(rd))
			return false;
	}
	return r == 0;
}

/* ---- placements ---- */

static bool
add_placement(reader *rd, int64_t activity_id, const char *day, const char *hour, int line)
{
	placement  *p;

	if (!st_arena_reserve(rd->arena, (void **) &rd->placements, rd->nplacements, &rd->placements_capacity, 1,
						  sizeof(placement)))
		return out_of_memory(rd);
	p = &rd->placements[rd->nplacements++];
	p->activity_id = activity_id;
	p->day = day;
	p->hour = hour;
	p->line = line;
	return true;
}

/* <ConstraintActivityPreferredStartingTime>: a placement when it binds (weight 100, active). */
static bool
read_starting_time(reader *rd)
{
	int			line = rd->xml.tag_line;
	const char *day = NULL;
	const char *hour = NULL;
	bool		has_id = false;
	bool		active = true;
	bool		full = true;
	int64_t		id = 0;
	int			r;

	while ((r = child(rd)) > 0)
	{
		if (xs_tag_is(&rd->xml, "Activity_Id"))
		{
			if (!read_integer(rd, "a constraint's activity id", 0, INT32_MAX, &id))
				return false;
			has_id = true;
		}
		else if (xs_tag_is(&rd->xml, "Preferred_Day") && day == NULL)
		{
			if (!read_text(rd, &day))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Preferred_Hour") && hour == NULL)
		{
			if (!read_text(rd, &hour))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Active"))
		{
			if (!read_boolean(rd, "whether a constraint is active", &active))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Weight_Percentage"))
		{
			const char *weight;
			int			weight_line = rd->xml.tag_line;

			if (!read_text(rd, &weight))
				return false;
			if (!parse_weight(weight, &full))
			{
				fail(rd, FET_BAD_CONTENT, "a constraint's weight in the %s is not a number", rd->source);
				detail(rd, "Line %d: <Weight_Percentage>%s</Weight_Percentage>.", weight_line, shown(rd, weight));
				return false;
			}
		}
		else if (!skip(rd))
			return false;
	}
	if (r < 0)
		return false;
	if (has_id && active && full && day != NULL && hour != NULL)
		return add_placement(rd, id, day, hour, line);
	return true;
}

static bool
read_time_constraints(reader *rd)
{
	int			r;

	while ((r = child(rd)) > 0)
	{
		if (xs_tag_is(&rd->xml, "ConstraintActivityPreferredStartingTime"))
		{
			if (!read_starting_time(rd))
				return false;
		}
		else if (!skip(rd))
			return false;
	}
	return r == 0;
}

/* ---- the documents ---- */

/* "5.47.1", "6.0.0", "5.27.3-algeria40": major.minor.revision and any text. */
static bool
parse_version(const char *text, int *major, int *minor, int *revision)
{
	int			parts[3];
	const char *p = text;
	int			k;

	for (k = 0; k < 3; k++)
	{
		int			digits = 0;

		parts[k] = 0;
		while (*p >= '0' && *p <= '9')
		{
			if (parts[k] > 100000)
				return false;
			parts[k] = parts[k] * 10 + (*p++ - '0');
			digits++;
		}
		if (digits == 0)
			return false;
		if (k < 2 && *p++ != '.')
			return false;
	}
	*major = parts[0];
	*minor = parts[1];
	*revision = parts[2];
	return true;
}

static bool
read_fet(reader *rd, const char *text, size_t len)
{
	fet_file   *f = rd->file;
	const char *version;
	char		root[80];
	int			r;

	xs_init(&rd->xml, text, len, rd->arena);
	if (!xs_root(&rd->xml))
		return xml_failed(rd);
	xs_tag_name(&rd->xml, root, sizeof(root));
	if (!xs_tag_is(&rd->xml, "fet") && !xs_tag_is(&rd->xml, "FET"))
	{
		fail(rd, FET_NOT_FET, "the text is not a FET file");
		detail(rd, "Its root element is <%s>; a FET file's is <fet>.", root);
		hint(rd, "Pass the .fet file FET saves, or the *_data_and_timetable.fet file fet-cl writes.");
		return false;
	}
	version = xs_attribute(&rd->xml, "version");
	if (version == NULL)
	{
		if (!xml_failed(rd))
			return false;
		fail(rd, FET_UNSUPPORTED, "the FET file does not say which version of FET wrote it");
		detail(rd, "Its root element <%s> has no version attribute.", root);
		hint(rd, "Open the file in FET and save it again.");
		return false;
	}
	f->version = st_arena_strndup(rd->arena, version, strlen(version));
	if (f->version == NULL)
		return out_of_memory(rd);
	if (!parse_version(f->version, &f->major, &f->minor, &f->revision) ||
		f->major < FET_MIN_MAJOR || f->major > FET_MAX_MAJOR)
	{
		fail(rd, FET_UNSUPPORTED, "FET version \"%s\" is not one schooltime reads", shown(rd, f->version));
		detail(rd, "schooltime reads the files of FET %d and %d (it is tested with files of 5.41.0 to 6.8.5).",
			   FET_MIN_MAJOR, FET_MAX_MAJOR);
		hint(rd, "Open the file in FET 6 and save it: FET converts the files of earlier versions.");
		return false;
	}
	while ((r = child(rd)) > 0)
	{
		bool		ok;

		if (xs_tag_is(&rd->xml, "Mode") && f->mode == NULL)
			ok = read_text(rd, &f->mode);
		else if (xs_tag_is(&rd->xml, "Institution_Name") && f->institution == NULL)
			ok = read_text(rd, &f->institution);
		else if (xs_tag_is(&rd->xml, "Comments") && f->comments == NULL)
			ok = read_text(rd, &f->comments);
		else if (xs_tag_is(&rd->xml, "Days_List"))
			ok = read_name_list(rd, &f->days, "Day", "Number_of_Days", "day");
		else if (xs_tag_is(&rd->xml, "Hours_List"))
			ok = read_name_list(rd, &f->hours, "Hour", "Number_of_Hours", "hour");
		else if (xs_tag_is(&rd->xml, "Subjects_List"))
			ok = read_name_list(rd, &f->subjects, "Subject", NULL, "subject");
		else if (xs_tag_is(&rd->xml, "Teachers_List"))
			ok = read_name_list(rd, &f->teachers, "Teacher", NULL, "teacher");
		else if (xs_tag_is(&rd->xml, "Activity_Tags_List"))
			ok = read_name_list(rd, &f->tags, "Activity_Tag", NULL, "activity tag");
		else if (xs_tag_is(&rd->xml, "Subject_Tags_List"))
			ok = read_name_list(rd, &f->tags, "Subject_Tag", NULL, "activity tag");
		else if (xs_tag_is(&rd->xml, "Students_List"))
			ok = read_students(rd);
		else if (xs_tag_is(&rd->xml, "Activities_List"))
			ok = read_activities(rd);
		else if (xs_tag_is(&rd->xml, "Time_Constraints_List"))
			ok = read_time_constraints(rd);
		else
			ok = skip(rd);
		if (!ok)
			return false;
	}
	if (r < 0)
		return false;
	return xs_finish(&rd->xml) || xml_failed(rd);
}

/* The *_activities.xml fet-cl writes: <Activities_Timetable><Activity><Id/><Day/><Hour/>... */
static bool
read_result(reader *rd, const char *text, size_t len)
{
	char		root[80];
	int			r;

	xs_init(&rd->xml, text, len, rd->arena);
	if (!xs_root(&rd->xml))
		return xml_failed(rd);
	xs_tag_name(&rd->xml, root, sizeof(root));
	if (!xs_tag_is(&rd->xml, "Activities_Timetable"))
	{
		fail(rd, FET_NOT_FET, "the activities file is not a FET activities timetable");
		detail(rd, "Its root element is <%s>; that of the *_activities.xml file fet-cl writes is <Activities_Timetable>.",
			   root);
		return false;
	}
	while ((r = child(rd)) > 0)
	{
		int			line = rd->xml.tag_line;
		const char *day = NULL;
		const char *hour = NULL;
		bool		has_id = false;
		int64_t		id = 0;
		int			k;

		if (!xs_tag_is(&rd->xml, "Activity"))
		{
			if (!skip(rd))
				return false;
			continue;
		}
		while ((k = child(rd)) > 0)
		{
			if (xs_tag_is(&rd->xml, "Id"))
			{
				if (!read_integer(rd, "an activity id", 0, INT32_MAX, &id))
					return false;
				has_id = true;
			}
			else if (xs_tag_is(&rd->xml, "Day") && day == NULL)
			{
				if (!read_text(rd, &day))
					return false;
			}
			else if (xs_tag_is(&rd->xml, "Hour") && hour == NULL)
			{
				if (!read_text(rd, &hour))
					return false;
			}
			else if (!skip(rd))
				return false;
		}
		if (k < 0)
			return false;
		if (!has_id)
		{
			fail(rd, FET_BAD_CONTENT, "an activity of the activities file has no id");
			detail(rd, "Line %d: <Activity> holds no <Id>.", line);
			return false;
		}
		/* an unplaced activity has neither, or empty ones */
		if (day != NULL && day[0] == '\0')
			day = NULL;
		if (hour != NULL && hour[0] == '\0')
			hour = NULL;
		if ((day == NULL) != (hour == NULL))
		{
			fail(rd, FET_BAD_CONTENT, "the activities file gives activity %lld a %s but no %s", (long long) id,
				 day != NULL ? "day" : "hour", day != NULL ? "hour" : "day");
			detail(rd, "Line %d.", line);
			return false;
		}
		if (!add_placement(rd, id, day, hour, line))
			return false;
	}
	if (r < 0)
		return false;
	return xs_finish(&rd->xml) || xml_failed(rd);
}

/* ---- holding together ---- */

typedef struct id_index
{
	int		   *slots;			/* index + 1 */
	int			nslots;
} id_index;

static uint32_t
hash_id(int64_t id)
{
	uint64_t	x = (uint64_t) id * 0x9E3779B97F4A7C15ull;

	return (uint32_t) (x >> 32);
}

static int
find_activity(const fet_file *f, const id_index *ix, int64_t id)
{
	int			i;

	if (ix->nslots == 0)
		return -1;
	for (i = (int) (hash_id(id) & (uint32_t) (ix->nslots - 1)); ix->slots[i] != 0; i = (i + 1) & (ix->nslots - 1))
		if (f->activities[ix->slots[i] - 1].id == id)
			return ix->slots[i] - 1;
	return -1;
}

static bool
index_activities(reader *rd, id_index *ix)
{
	fet_file   *f = rd->file;
	int			n = 16;
	int			a;

	while (n < f->nactivities * 2 + 2)
		n *= 2;
	ix->nslots = n;
	ix->slots = st_arena_alloc(rd->arena, (size_t) n * sizeof(int));
	if (ix->slots == NULL)
		return out_of_memory(rd);
	memset(ix->slots, 0, (size_t) n * sizeof(int));
	for (a = 0; a < f->nactivities; a++)
	{
		int			existing = find_activity(f, ix, f->activities[a].id);
		int			i;

		if (existing >= 0)
		{
			fail(rd, FET_BAD_CONTENT, "activity id %lld is used twice in the FET file", (long long) f->activities[a].id);
			detail(rd, "Lines %d and %d.", f->activities[existing].line, f->activities[a].line);
			return false;
		}
		for (i = (int) (hash_id(f->activities[a].id) & (uint32_t) (n - 1)); ix->slots[i] != 0; i = (i + 1) & (n - 1))
			;
		ix->slots[i] = a + 1;
	}
	return true;
}

static bool
check_names(reader *rd, const fet_activity *a, const char *const *names, int n, const char *what,
			const char *element, bool (*defined) (const fet_file *, const char *))
{
	int			i;
	int			j;

	for (i = 0; i < n; i++)
	{
		if (!defined(rd->file, names[i]))
		{
			fail(rd, FET_BAD_CONTENT, "activity %lld of the FET file names %s \"%s\", which the file does not define",
				 (long long) a->id, what, shown(rd, names[i]));
			detail(rd, "The activity begins at line %d; FET would leave it out of the timetable.", a->line);
			hint(rd, "Define the %s in FET, or correct the activity's <%s>.", what, element);
			return false;
		}
		for (j = 0; j < i; j++)
			if (strcmp(names[i], names[j]) == 0)
			{
				fail(rd, FET_BAD_CONTENT, "activity %lld of the FET file names %s \"%s\" twice", (long long) a->id,
					 what, shown(rd, names[i]));
				detail(rd, "The activity begins at line %d.", a->line);
				return false;
			}
	}
	return true;
}

static bool
teacher_defined(const fet_file *f, const char *name)
{
	return fet_find_name(&f->teachers, name) >= 0;
}

static bool
students_defined(const fet_file *f, const char *name)
{
	return fet_find_set(f, name) >= 0;
}

static bool
subject_defined(const fet_file *f, const char *name)
{
	return fet_find_name(&f->subjects, name) >= 0;
}

static bool
place(reader *rd, const id_index *ix, const placement *p, const char *where)
{
	fet_file   *f = rd->file;
	int			a = find_activity(f, ix, p->activity_id);
	int			day;
	int			hour;
	fet_activity *act;

	if (a < 0)
	{
		if (!f->has_result)
			return true;		/* as FET: a constraint on an activity that is not there is dropped */
		fail(rd, FET_BAD_CONTENT, "the activities file places activity %lld, which the FET file does not have",
			 (long long) p->activity_id);
		detail(rd, "Line %d of the activities file.", p->line);
		hint(rd, "Pass the *_activities.xml file fet-cl wrote for this FET file.");
		return false;
	}
	act = &f->activities[a];
	if (p->day == NULL)
		return true;
	day = fet_find_name(&f->days, p->day);
	hour = fet_find_name(&f->hours, p->hour);
	if (day < 0 || hour < 0)
	{
		fail(rd, FET_BAD_CONTENT, "%s places activity %lld on %s \"%s\", which is not one of the FET file's %ss",
			 where, (long long) p->activity_id, day < 0 ? "day" : "hour", shown(rd, day < 0 ? p->day : p->hour),
			 day < 0 ? "day" : "hour");
		detail(rd, "Line %d of the %s.", p->line, f->has_result ? "activities file" : "FET file");
		return false;
	}
	if (act->day >= 0 && (act->day != day || act->hour != hour))
	{
		fail(rd, FET_BAD_CONTENT, "activity %lld is placed at two different times in the %s", (long long) act->id,
			 f->has_result ? "activities file" : "FET file");
		detail(rd, "Lines %d and %d.", act->placed_line, p->line);
		return false;
	}
	if (hour + act->duration > f->hours.count)
	{
		fail(rd, FET_BAD_CONTENT, "activity %lld lasts %d hours from hour \"%s\", past the last of the FET file's %d hours",
			 (long long) act->id, act->duration, shown(rd, p->hour), f->hours.count);
		detail(rd, "The activity begins at line %d; it is placed at line %d of the %s.", act->line, p->line,
			   f->has_result ? "activities file" : "FET file");
		return false;
	}
	act->day = day;
	act->hour = hour;
	act->placed_line = p->line;
	act->placed_by_result = f->has_result;
	return true;
}

static bool
hold_together(reader *rd)
{
	fet_file   *f = rd->file;
	id_index	ix;
	int			a;
	int			p;

	if (!index_activities(rd, &ix))
		return false;
	for (a = 0; a < f->nactivities; a++)
	{
		fet_activity *act = &f->activities[a];

		if (!check_names(rd, act, act->teachers, act->nteachers, "teacher", "Teacher", teacher_defined) ||
			!check_names(rd, act, act->students, act->nstudents, "students set", "Students", students_defined))
			return false;
		if (act->subject == NULL || act->subject[0] == '\0')
		{
			fail(rd, FET_BAD_CONTENT, "activity %lld of the FET file has no subject", (long long) act->id);
			detail(rd, "The activity begins at line %d.", act->line);
			return false;
		}
		if (!check_names(rd, act, &act->subject, 1, "subject", "Subject", subject_defined))
			return false;
	}
	for (p = 0; p < rd->nplacements; p++)
		if (!place(rd, &ix, &rd->placements[p],
				   f->has_result ? "the activities file" : "a constraint of the FET file"))
			return false;
	return true;
}

fet_status
fet_read(const char *fet, size_t fet_len, const char *activities, size_t activities_len,
		 st_arena *arena, fet_file **file, fet_error *error)
{
	reader		rd;

	memset(error, 0, sizeof(*error));
	memset(&rd, 0, sizeof(rd));
	rd.arena = arena;
	rd.error = error;
	rd.source = "FET file";
	*file = NULL;
	rd.file = st_arena_alloc(arena, sizeof(fet_file));
	if (rd.file == NULL)
		return out_of_memory(&rd), error->status;
	memset(rd.file, 0, sizeof(fet_file));
	if (!read_fet(&rd, fet, fet_len))
		return error->status;
	if (activities != NULL)
	{
		/* the result's placements, not the file's constraints */
		rd.nplacements = 0;
		rd.file->has_result = true;
		rd.source = "activities file";
		if (!read_result(&rd, activities, activities_len))
			return error->status;
		rd.source = "FET file";
	}
	if (!hold_together(&rd))
		return error->status;
	*file = rd.file;
	return FET_OK;
}
