/*
 * fet_json.c
 *		A FET file as one JSON document (RFC 8259), free of PostgreSQL.
 *
 * The shape, documented in doc/import.md, is what schooltime.fet_read()
 * returns: the file's version and mode, its days, hours, subjects,
 * teachers and activity tags in order, the years with their groups and
 * the groups with their subgroups (a group or subgroup listed in several
 * places appears in each), and every activity with where it is placed.
 */
#include "fet_read.h"

#include <stdio.h>
#include <string.h>

typedef struct json_buffer
{
	st_arena   *arena;
	char	   *data;
	size_t		len;
	size_t		cap;
	bool		failed;
} json_buffer;

static void
reserve(json_buffer *b, size_t more)
{
	size_t		cap;
	char	   *grown;

	if (b->failed || b->cap - b->len > more)
		return;
	cap = b->cap < 4096 ? 4096 : b->cap;
	while (cap - b->len <= more)
	{
		if (cap > SIZE_MAX / 4)
		{
			b->failed = true;
			return;
		}
		cap *= 2;
	}
	grown = st_arena_alloc(b->arena, cap);
	if (grown == NULL)
	{
		b->failed = true;
		return;
	}
	if (b->len > 0)
		memcpy(grown, b->data, b->len);
	b->data = grown;
	b->cap = cap;
}

static void
put(json_buffer *b, const char *bytes, size_t n)
{
	reserve(b, n);
	if (b->failed)
		return;
	memcpy(b->data + b->len, bytes, n);
	b->len += n;
}

static void
put_literal(json_buffer *b, const char *text)
{
	put(b, text, strlen(text));
}

static void
put_string(json_buffer *b, const char *text)
{
	const unsigned char *p = (const unsigned char *) text;
	size_t		run = 0;

	if (text == NULL)
	{
		put_literal(b, "null");
		return;
	}
	put_literal(b, "\"");
	for (;; p++)
	{
		const char *escape = NULL;
		char		code[8];

		if (*p != '\0' && *p != '"' && *p != '\\' && *p >= 0x20)
		{
			run++;
			continue;
		}
		put(b, (const char *) p - run, run);
		run = 0;
		if (*p == '\0')
			break;
		switch (*p)
		{
			case '"':
				escape = "\\\"";
				break;
			case '\\':
				escape = "\\\\";
				break;
			case '\n':
				escape = "\\n";
				break;
			case '\r':
				escape = "\\r";
				break;
			case '\t':
				escape = "\\t";
				break;
			default:
				snprintf(code, sizeof(code), "\\u%04x", *p);
				escape = code;
				break;
		}
		put_literal(b, escape);
	}
	put_literal(b, "\"");
}

static void
put_integer(json_buffer *b, long long value)
{
	char		digits[24];

	snprintf(digits, sizeof(digits), "%lld", value);
	put_literal(b, digits);
}

static void
put_key(json_buffer *b, const char *key, bool first)
{
	if (!first)
		put_literal(b, ",");
	put_string(b, key);
	put_literal(b, ":");
}

static void
put_strings(json_buffer *b, const char *const *items, int n)
{
	int			i;

	put_literal(b, "[");
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			put_literal(b, ",");
		put_string(b, items[i]);
	}
	put_literal(b, "]");
}

static void
put_set_fields(json_buffer *b, const fet_set *s)
{
	put_key(b, "name", true);
	put_string(b, s->name);
	put_key(b, "students", false);
	put_integer(b, s->students);
	put_key(b, "line", false);
	put_integer(b, s->line);
	put_key(b, "comments", false);
	put_string(b, s->comments);
}

static void
put_years(json_buffer *b, const fet_file *f)
{
	int			y;

	put_literal(b, "[");
	for (y = 0; y < f->nyears; y++)
	{
		const fet_set *year = &f->sets[f->years[y]];
		int			c;
		int			g;

		if (y > 0)
			put_literal(b, ",");
		put_literal(b, "{");
		put_set_fields(b, year);
		put_key(b, "separator", false);
		put_string(b, year->separator);
		put_key(b, "categories", false);
		put_literal(b, "[");
		for (c = 0; c < year->ncategories; c++)
		{
			if (c > 0)
				put_literal(b, ",");
			put_strings(b, year->categories[c].divisions, year->categories[c].ndivisions);
		}
		put_literal(b, "]");
		put_key(b, "groups", false);
		put_literal(b, "[");
		for (g = 0; g < year->nmembers; g++)
		{
			const fet_set *group = &f->sets[year->members[g]];
			int			s;

			if (g > 0)
				put_literal(b, ",");
			put_literal(b, "{");
			put_set_fields(b, group);
			put_key(b, "subgroups", false);
			put_literal(b, "[");
			for (s = 0; s < group->nmembers; s++)
			{
				if (s > 0)
					put_literal(b, ",");
				put_literal(b, "{");
				put_set_fields(b, &f->sets[group->members[s]]);
				put_literal(b, "}");
			}
			put_literal(b, "]}");
		}
		put_literal(b, "]}");
	}
	put_literal(b, "]");
}

static void
put_activities(json_buffer *b, const fet_file *f)
{
	int			i;

	put_literal(b, "[");
	for (i = 0; i < f->nactivities && !b->failed; i++)
	{
		const fet_activity *a = &f->activities[i];
		bool		placed = a->day >= 0;

		if (i > 0)
			put_literal(b, ",");
		put_literal(b, "{");
		put_key(b, "id", true);
		put_integer(b, a->id);
		put_key(b, "line", false);
		put_integer(b, a->line);
		put_key(b, "teachers", false);
		put_strings(b, a->teachers, a->nteachers);
		put_key(b, "subject", false);
		put_string(b, a->subject);
		put_key(b, "tags", false);
		put_strings(b, a->tags, a->ntags);
		put_key(b, "students", false);
		put_strings(b, a->students, a->nstudents);
		put_key(b, "duration", false);
		put_integer(b, a->duration);
		put_key(b, "total_duration", false);
		put_integer(b, a->total_duration);
		put_key(b, "group_id", false);
		put_integer(b, a->group_id);
		put_key(b, "active", false);
		put_literal(b, a->active ? "true" : "false");
		put_key(b, "comments", false);
		put_string(b, a->comments);
		put_key(b, "day", false);
		put_string(b, placed ? f->days.names[a->day] : NULL);
		put_key(b, "hour", false);
		put_string(b, placed ? f->hours.names[a->hour] : NULL);
		put_key(b, "placed_at_line", false);
		if (placed)
			put_integer(b, a->placed_line);
		else
			put_literal(b, "null");
		put_literal(b, "}");
	}
	put_literal(b, "]");
}

char *
fet_to_json(const fet_file *f, st_arena *arena, size_t *len)
{
	json_buffer b;

	memset(&b, 0, sizeof(b));
	b.arena = arena;
	put_literal(&b, "{");
	put_key(&b, "version", true);
	put_string(&b, f->version);
	put_key(&b, "major", false);
	put_integer(&b, f->major);
	put_key(&b, "mode", false);
	put_string(&b, f->mode);
	put_key(&b, "institution", false);
	put_string(&b, f->institution);
	put_key(&b, "comments", false);
	put_string(&b, f->comments);
	put_key(&b, "placements_from", false);
	put_string(&b, f->has_result ? "activities file" : "constraints");
	put_key(&b, "days", false);
	put_strings(&b, f->days.names, f->days.count);
	put_key(&b, "hours", false);
	put_strings(&b, f->hours.names, f->hours.count);
	put_key(&b, "subjects", false);
	put_strings(&b, f->subjects.names, f->subjects.count);
	put_key(&b, "teachers", false);
	put_strings(&b, f->teachers.names, f->teachers.count);
	put_key(&b, "activity_tags", false);
	put_strings(&b, f->tags.names, f->tags.count);
	put_key(&b, "years", false);
	put_years(&b, f);
	put_key(&b, "activities", false);
	put_activities(&b, f);
	put_literal(&b, "}");
	put(&b, "", 1);				/* the terminator */
	if (b.failed)
		return NULL;
	*len = b.len - 1;
	return b.data;
}
