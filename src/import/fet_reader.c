/*
 * fet_reader.c
 *		The FET reader's errors, element readers and name lists, free of
 *		PostgreSQL (see fet_reader.h).
 */
#include "fet_reader.h"

#include <stdio.h>
#include <string.h>

/* ---- errors ---- */

static void vformat(char *out, size_t size, const char *format, va_list args) ST_PRINTF(3, 0);

static void
vformat(char *out, size_t size, const char *format, va_list args)
{
	vsnprintf(out, size, format, args);
}

bool
rd_fail(reader *rd, fet_status status, const char *format,...)
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

void
rd_detail(reader *rd, const char *format,...)
{
	va_list		args;

	va_start(args, format);
	vformat(rd->error->detail, sizeof(rd->error->detail), format, args);
	va_end(args);
}

void
rd_hint(reader *rd, const char *format,...)
{
	va_list		args;

	va_start(args, format);
	vformat(rd->error->hint, sizeof(rd->error->hint), format, args);
	va_end(args);
}

/* A name of the file, shortened for a message; four can be in use at once. */
const char *
rd_shown(reader *rd, const char *name)
{
	char	   *out = rd->shown[rd->next_shown];

	rd->next_shown = (rd->next_shown + 1) % 4;
	xs_shorten(name, strlen(name), 80, out, sizeof(rd->shown[0]));
	return out;
}

/* Turns the XML reader's error into ours. */
bool
rd_xml_failed(reader *rd)
{
	switch (rd->xml.status)
	{
		case XS_OK:
			return true;
		case XS_SYNTAX:
			rd_fail(rd, FET_NOT_XML, "the %s is not well-formed XML", rd->source);
			break;
		case XS_LIMIT:
			rd_fail(rd, FET_TOO_LARGE, "the %s is beyond what schooltime reads", rd->source);
			break;
		case XS_MEMORY:
			rd_fail(rd, FET_NO_MEMORY, "out of memory reading the %s", rd->source);
			break;
	}
	rd_detail(rd, "%s", rd->xml.message);
	return false;
}

bool
rd_out_of_memory(reader *rd)
{
	if (rd->arena->over_budget)
	{
		rd_fail(rd, FET_TOO_LARGE, "the %s is beyond what schooltime reads", rd->source);
		rd_detail(rd, "Reading it would take more memory than the reader allows for a file of its size.");
	}
	else
		rd_fail(rd, FET_NO_MEMORY, "out of memory reading the %s", rd->source);
	return false;
}

/* ---- small readers ---- */

bool
rd_text(reader *rd, const char **out)
{
	if (!xs_text(&rd->xml))
		return rd_xml_failed(rd);
	*out = st_arena_strndup(rd->arena, rd->xml.text, rd->xml.text_len);
	return *out != NULL || rd_out_of_memory(rd);
}

bool
rd_skip(reader *rd)
{
	return xs_skip(&rd->xml) || rd_xml_failed(rd);
}

int
rd_child(reader *rd)
{
	int			r = xs_child(&rd->xml);

	if (r < 0)
		rd_xml_failed(rd);
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
bool
rd_integer(reader *rd, const char *what, int64_t min, int64_t max, int64_t *value)
{
	int			line = rd->xml.tag_line;
	char		tag[80];
	const char *text;

	xs_tag_name(&rd->xml, tag, sizeof(tag));
	if (!rd_text(rd, &text))
		return false;
	if (!parse_integer(text, min, max, value))
	{
		rd_fail(rd, FET_BAD_CONTENT, "%s in the %s is not a whole number from %lld to %lld", what,
			 rd->source, (long long) min, (long long) max);
		rd_detail(rd, "Line %d: <%s>%s</%s>.", line, tag, rd_shown(rd, text), tag);
		return false;
	}
	return true;
}

/* FET's booleans: true/yes/1 and false/no/0. */
bool
rd_boolean(reader *rd, const char *what, bool *value)
{
	int			line = rd->xml.tag_line;
	char		tag[80];
	const char *text;

	xs_tag_name(&rd->xml, tag, sizeof(tag));
	if (!rd_text(rd, &text))
		return false;
	if (strcmp(text, "true") == 0 || strcmp(text, "yes") == 0 || strcmp(text, "1") == 0)
		*value = true;
	else if (strcmp(text, "false") == 0 || strcmp(text, "no") == 0 || strcmp(text, "0") == 0)
		*value = false;
	else
	{
		rd_fail(rd, FET_BAD_CONTENT, "%s in the %s is neither true nor false", what, rd->source);
		rd_detail(rd, "Line %d: <%s>%s</%s>; FET writes true or false (and reads yes, no, 1 and 0).",
			   line, tag, rd_shown(rd, text), tag);
		return false;
	}
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

const char *
rd_name_of_set(const void *owner, int index)
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
	return find_in_slots(file->set_slots, file->nset_slots, name, rd_name_of_set, file);
}

/* Puts index into a table of slots, growing it (and rehashing) past half full. */
bool
rd_slots_insert(reader *rd, int **slots, int *nslots, int count, int index, const char *name,
			 const char *(*name_of) (const void *, int), const void *owner)
{
	int			i;

	if ((count + 1) * 2 > *nslots)
	{
		int			grown_n = *nslots < 16 ? 16 : *nslots * 2;
		int		   *grown;
		int			k;

		if (grown_n <= 0 || (size_t) grown_n > SIZE_MAX / sizeof(int))
			return rd_out_of_memory(rd);
		grown = st_arena_alloc(rd->arena, (size_t) grown_n * sizeof(int));
		if (grown == NULL)
			return rd_out_of_memory(rd);
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
		rd_fail(rd, FET_BAD_CONTENT, "a %s in the %s has an empty name", what, rd->source);
		rd_detail(rd, "Line %d, in <%s>.", line, list);
		return false;
	}
	existing = fet_find_name(names, name);
	if (existing >= 0)
	{
		rd_fail(rd, FET_BAD_CONTENT, "%s \"%s\" is defined twice in the %s", what, rd_shown(rd, name), rd->source);
		rd_detail(rd, "Lines %d and %d, in <%s>.", names->lines[existing], line, list);
		return false;
	}
	if (!st_arena_reserve(rd->arena, (void **) &names->names, names->count, &names->capacity, 1, sizeof(char *)) ||
		!st_arena_reserve(rd->arena, (void **) &names->lines, names->count, &names->lines_capacity, 1, sizeof(int)))
		return rd_out_of_memory(rd);
	names->names[names->count] = name;
	names->lines[names->count] = line;
	if (!rd_slots_insert(rd, &names->slots, &names->nslots, names->count, names->count, name, name_of_list, names))
		return false;
	names->count++;
	return true;
}

/*
 * A list of named items: <Teachers_List><Teacher><Name>T1</Name>...
 * Also FET's older list form, with <Name> straight under the list.  The
 * count element (Number_of_Days...), when present, must match.
 */
bool
rd_name_list(reader *rd, fet_names *names, const char *item, const char *number, const char *what)
{
	char		list[80];
	int			list_line = rd->xml.tag_line;
	int64_t		declared = -1;
	int			r;

	xs_tag_name(&rd->xml, list, sizeof(list));
	while ((r = rd_child(rd)) > 0)
	{
		if ((number != NULL && xs_tag_is(&rd->xml, number)) || xs_tag_is(&rd->xml, "Number"))
		{
			if (!rd_integer(rd, "the number of items of a list", 0, 1000000, &declared))
				return false;
		}
		else if (xs_tag_is(&rd->xml, item))
		{
			int			line = rd->xml.tag_line;
			const char *name = NULL;
			int			k;

			while ((k = rd_child(rd)) > 0)
			{
				if (xs_tag_is(&rd->xml, "Name") && name == NULL)
				{
					if (!rd_text(rd, &name))
						return false;
				}
				else if (!rd_skip(rd))
					return false;
			}
			if (k < 0)
				return false;
			if (name == NULL)
			{
				rd_fail(rd, FET_BAD_CONTENT, "a %s in the %s has no name", what, rd->source);
				rd_detail(rd, "Line %d: <%s> holds no <Name>.", line, item);
				return false;
			}
			if (!add_name(rd, names, name, line, what, list))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Name"))
		{
			int			line = rd->xml.tag_line;
			const char *name;

			if (!rd_text(rd, &name) || !add_name(rd, names, name, line, what, list))
				return false;
		}
		else if (!rd_skip(rd))
			return false;
	}
	if (r < 0)
		return false;
	if (declared >= 0 && declared != names->count)
	{
		rd_fail(rd, FET_BAD_CONTENT, "the %s says it has %lld %ss but lists %d", rd->source,
			 (long long) declared, what, names->count);
		rd_detail(rd, "The list <%s> begins at line %d.", list, list_line);
		return false;
	}
	return true;
}

