/*
 * fuzz_fet.c
 *		Fuzz target over the FET file reader (src/import/xml_scan.c,
 *		fet_read.c, fet_json.c), built outside the server.
 *
 * The input is a FET file; if it holds a NUL byte (which XML cannot), what
 * follows the first NUL is read as the *_activities.xml result.  For any
 * bytes, fet_read returns, and:
 *
 *	- a refusal has a status of fet_status, and a message, detail and hint
 *	  that end inside their buffers, the message never empty;
 *	- an accepted file holds together: every teacher, subject and students
 *	  set an activity names is defined, ids are unique, a placement names a
 *	  day and an hour of the file and the activity fits before the last
 *	  hour; years hold groups, groups hold subgroups;
 *	- its JSON (fet_to_json) is valid RFC 8259 JSON, checked by the strict
 *	  reader below;
 *	- written back as a FET file by the independent writer below (which
 *	  escapes what XML needs escaped, places activities by constraints) and
 *	  read again, it is the same file: same names, sets, activities and
 *	  placements.  This checks the decoding of references, CDATA, line
 *	  ends and attribute values against a writer that knows nothing of the
 *	  reader.
 *
 * A broken property aborts, which libFuzzer reports as a crash.  Built by
 * tools/tests/fuzz-parser with libFuzzer, and with tools/harness/fuzz_main.c
 * (no libFuzzer) by tools/tests/harness-sanitizers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/fet_read.h"

#define MAX_INPUT 65536

static void
fail(const char *property)
{
	fprintf(stderr, "fuzz_fet: %s\n", property);
	abort();
}

static void *
malloc_block(void *context, size_t size)
{
	(void) context;
	return malloc(size);
}

static void
free_block(void *context, void *block)
{
	(void) context;
	free(block);
}

/* ---- a strict JSON reader: true when text[0..len) is one JSON value ---- */

typedef struct json_cursor
{
	const char *p;
	const char *end;
	int			depth;
} json_cursor;

static void
json_space(json_cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static int	json_value(json_cursor *c);

static int
json_string(json_cursor *c)
{
	if (c->p >= c->end || *c->p != '"')
		return 0;
	c->p++;
	while (c->p < c->end && *c->p != '"')
	{
		unsigned char ch = (unsigned char) *c->p;

		if (ch < 0x20)
			return 0;
		if (ch == '\\')
		{
			c->p++;
			if (c->p >= c->end)
				return 0;
			if (*c->p == 'u')
			{
				int			k;

				for (k = 1; k <= 4; k++)
					if (c->p + k >= c->end ||
						!((c->p[k] >= '0' && c->p[k] <= '9') || (c->p[k] >= 'a' && c->p[k] <= 'f') ||
						  (c->p[k] >= 'A' && c->p[k] <= 'F')))
						return 0;
				c->p += 5;
				continue;
			}
			if (strchr("\"\\/bfnrt", *c->p) == NULL)
				return 0;
			c->p++;
			continue;
		}
		if (ch >= 0x80)
		{
			/* a whole UTF-8 sequence */
			int			n = ch >= 0xF0 ? 3 : ch >= 0xE0 ? 2 : ch >= 0xC2 ? 1 : -1;
			int			k;

			if (n < 0 || ch > 0xF4 || c->end - c->p <= n)
				return 0;
			for (k = 1; k <= n; k++)
				if (((unsigned char) c->p[k] & 0xC0) != 0x80)
					return 0;
			c->p += n + 1;
			continue;
		}
		c->p++;
	}
	if (c->p >= c->end)
		return 0;
	c->p++;
	return 1;
}

static int
json_number(json_cursor *c)
{
	const char *start = c->p;

	if (c->p < c->end && *c->p == '-')
		c->p++;
	if (c->p >= c->end || !(*c->p >= '0' && *c->p <= '9'))
		return 0;
	if (*c->p == '0')
		c->p++;
	else
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
			c->p++;
	return c->p > start;
}

static int
json_literal(json_cursor *c, const char *word)
{
	size_t		n = strlen(word);

	if ((size_t) (c->end - c->p) < n || memcmp(c->p, word, n) != 0)
		return 0;
	c->p += n;
	return 1;
}

static int
json_value(json_cursor *c)
{
	json_space(c);
	if (c->p >= c->end || ++c->depth > 64)
		return 0;
	switch (*c->p)
	{
		case '{':
			c->p++;
			json_space(c);
			if (c->p < c->end && *c->p == '}')
			{
				c->p++;
				break;
			}
			for (;;)
			{
				json_space(c);
				if (!json_string(c))
					return 0;
				json_space(c);
				if (c->p >= c->end || *c->p++ != ':')
					return 0;
				if (!json_value(c))
					return 0;
				json_space(c);
				if (c->p < c->end && *c->p == ',')
				{
					c->p++;
					continue;
				}
				if (c->p < c->end && *c->p == '}')
				{
					c->p++;
					break;
				}
				return 0;
			}
			break;
		case '[':
			c->p++;
			json_space(c);
			if (c->p < c->end && *c->p == ']')
			{
				c->p++;
				break;
			}
			for (;;)
			{
				if (!json_value(c))
					return 0;
				json_space(c);
				if (c->p < c->end && *c->p == ',')
				{
					c->p++;
					continue;
				}
				if (c->p < c->end && *c->p == ']')
				{
					c->p++;
					break;
				}
				return 0;
			}
			break;
		case '"':
			if (!json_string(c))
				return 0;
			break;
		case 't':
			if (!json_literal(c, "true"))
				return 0;
			break;
		case 'f':
			if (!json_literal(c, "false"))
				return 0;
			break;
		case 'n':
			if (!json_literal(c, "null"))
				return 0;
			break;
		default:
			if (!json_number(c))
				return 0;
	}
	c->depth--;
	return 1;
}

static int
json_valid(const char *text, size_t len)
{
	json_cursor c = {text, text + len, 0};

	if (!json_value(&c))
		return 0;
	json_space(&c);
	return c.p == c.end;
}

/* ---- an independent FET writer ---- */

typedef struct out_buffer
{
	char	   *data;
	size_t		len;
	size_t		cap;
} out_buffer;

static void
out_bytes(out_buffer *o, const char *bytes, size_t n)
{
	if (o->cap - o->len < n + 1)
	{
		size_t		cap = o->cap < 1024 ? 1024 : o->cap;

		while (cap - o->len < n + 1)
			cap *= 2;
		o->data = realloc(o->data, cap);
		if (o->data == NULL)
			fail("out of memory in the writer");
		o->cap = cap;
	}
	memcpy(o->data + o->len, bytes, n);
	o->len += n;
	o->data[o->len] = '\0';
}

static void
out(out_buffer *o, const char *text)
{
	out_bytes(o, text, strlen(text));
}

/* Text escaped for element content or an attribute value. */
static void
out_escaped(out_buffer *o, const char *text)
{
	for (; *text; text++)
		switch (*text)
		{
			case '<':
				out(o, "&lt;");
				break;
			case '>':
				out(o, "&gt;");
				break;
			case '&':
				out(o, "&amp;");
				break;
			case '"':
				out(o, "&quot;");
				break;
			case '\'':
				out(o, "&apos;");
				break;
			case '\r':
				out(o, "&#13;");
				break;
			case '\t':
				out(o, "&#x9;");
				break;
			case '\n':
				out(o, "&#10;");
				break;
			default:
				out_bytes(o, text, 1);
		}
}

static void
out_element(out_buffer *o, const char *tag, const char *text)
{
	if (text == NULL)
		return;
	out(o, "<");
	out(o, tag);
	out(o, ">");
	out_escaped(o, text);
	out(o, "</");
	out(o, tag);
	out(o, ">\n");
}

static void
out_number(out_buffer *o, const char *tag, long long value)
{
	char		digits[32];

	snprintf(digits, sizeof(digits), "%lld", value);
	out_element(o, tag, digits);
}

static void
out_names(out_buffer *o, const char *list, const char *item, const char *number, const fet_names *names)
{
	int			i;

	out(o, "<");
	out(o, list);
	out(o, ">\n");
	if (number != NULL)
		out_number(o, number, names->count);
	for (i = 0; i < names->count; i++)
	{
		out(o, "<");
		out(o, item);
		out(o, ">");
		out_element(o, "Name", names->names[i]);
		out(o, "</");
		out(o, item);
		out(o, ">\n");
	}
	out(o, "</");
	out(o, list);
	out(o, ">\n");
}

static void
out_set(out_buffer *o, const fet_set *s)
{
	out_element(o, "Name", s->name);
	out_number(o, "Number_of_Students", s->students);
	out_element(o, "Comments", s->comments);
}

static char *
write_fet(const fet_file *f)
{
	out_buffer	o = {NULL, 0, 0};
	int			y;
	int			a;

	out(&o, "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<fet version=\"");
	out_escaped(&o, f->version);
	out(&o, "\">\n");
	out_element(&o, "Mode", f->mode);
	out_element(&o, "Institution_Name", f->institution);
	out_element(&o, "Comments", f->comments);
	out_names(&o, "Days_List", "Day", "Number_of_Days", &f->days);
	out_names(&o, "Hours_List", "Hour", "Number_of_Hours", &f->hours);
	out_names(&o, "Subjects_List", "Subject", NULL, &f->subjects);
	out_names(&o, "Activity_Tags_List", "Activity_Tag", NULL, &f->tags);
	out_names(&o, "Teachers_List", "Teacher", NULL, &f->teachers);
	out(&o, "<Students_List>\n");
	for (y = 0; y < f->nyears; y++)
	{
		const fet_set *year = &f->sets[f->years[y]];
		int			c;
		int			g;

		out(&o, "<Year>\n");
		out_set(&o, year);
		out_element(&o, "Separator", year->separator);
		for (c = 0; c < year->ncategories; c++)
		{
			int			d;

			out(&o, "<Category>\n");
			for (d = 0; d < year->categories[c].ndivisions; d++)
				out_element(&o, "Division", year->categories[c].divisions[d]);
			out(&o, "</Category>\n");
		}
		for (g = 0; g < year->nmembers; g++)
		{
			const fet_set *group = &f->sets[year->members[g]];
			int			s;

			out(&o, "<Group>\n");
			out_set(&o, group);
			for (s = 0; s < group->nmembers; s++)
			{
				out(&o, "<Subgroup>\n");
				out_set(&o, &f->sets[group->members[s]]);
				out(&o, "</Subgroup>\n");
			}
			out(&o, "</Group>\n");
		}
		out(&o, "</Year>\n");
	}
	out(&o, "</Students_List>\n<Activities_List>\n");
	for (a = 0; a < f->nactivities; a++)
	{
		const fet_activity *act = &f->activities[a];
		int			i;

		out(&o, "<Activity>\n");
		for (i = 0; i < act->nteachers; i++)
			out_element(&o, "Teacher", act->teachers[i]);
		out_element(&o, "Subject", act->subject);
		for (i = 0; i < act->ntags; i++)
			out_element(&o, "Activity_Tag", act->tags[i]);
		for (i = 0; i < act->nstudents; i++)
			out_element(&o, "Students", act->students[i]);
		out_number(&o, "Duration", act->duration);
		out_number(&o, "Total_Duration", act->total_duration);
		out_number(&o, "Id", act->id);
		out_number(&o, "Activity_Group_Id", act->group_id);
		out_element(&o, "Active", act->active ? "true" : "false");
		out_element(&o, "Comments", act->comments);
		out(&o, "</Activity>\n");
	}
	out(&o, "</Activities_List>\n<Time_Constraints_List>\n");
	for (a = 0; a < f->nactivities; a++)
	{
		const fet_activity *act = &f->activities[a];

		if (act->day < 0)
			continue;
		out(&o, "<ConstraintActivityPreferredStartingTime>\n<Weight_Percentage>100</Weight_Percentage>\n");
		out_number(&o, "Activity_Id", act->id);
		out_element(&o, "Preferred_Day", f->days.names[act->day]);
		out_element(&o, "Preferred_Hour", f->hours.names[act->hour]);
		out(&o, "<Permanently_Locked>true</Permanently_Locked>\n<Active>true</Active>\n"
			"</ConstraintActivityPreferredStartingTime>\n");
	}
	out(&o, "</Time_Constraints_List>\n</fet>\n");
	return o.data;
}

/* ---- the properties ---- */

static int
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static void
same_names(const fet_names *a, const fet_names *b, const char *what)
{
	int			i;

	if (a->count != b->count)
		fail(what);
	for (i = 0; i < a->count; i++)
		if (!same_text(a->names[i], b->names[i]) || fet_find_name(b, a->names[i]) != i)
			fail(what);
}

static void
same_set(const fet_file *fa, const fet_set *a, const fet_file *fb, const fet_set *b)
{
	int			i;

	if (!same_text(a->name, b->name) || !same_text(a->comments, b->comments) || a->kind != b->kind ||
		a->students != b->students || a->nmembers != b->nmembers || a->ncategories != b->ncategories ||
		!same_text(a->separator, b->separator))
		fail("round trip: a students set differs");
	for (i = 0; i < a->nmembers; i++)
		same_set(fa, &fa->sets[a->members[i]], fb, &fb->sets[b->members[i]]);
	for (i = 0; i < a->ncategories; i++)
	{
		int			d;

		if (a->categories[i].ndivisions != b->categories[i].ndivisions)
			fail("round trip: a category differs");
		for (d = 0; d < a->categories[i].ndivisions; d++)
			if (!same_text(a->categories[i].divisions[d], b->categories[i].divisions[d]))
				fail("round trip: a division differs");
	}
}

static void
same_file(const fet_file *a, const fet_file *b)
{
	int			i;

	if (!same_text(a->version, b->version) || !same_text(a->mode, b->mode) ||
		!same_text(a->institution, b->institution) || !same_text(a->comments, b->comments))
		fail("round trip: the header differs");
	same_names(&a->days, &b->days, "round trip: the days differ");
	same_names(&a->hours, &b->hours, "round trip: the hours differ");
	same_names(&a->subjects, &b->subjects, "round trip: the subjects differ");
	same_names(&a->teachers, &b->teachers, "round trip: the teachers differ");
	same_names(&a->tags, &b->tags, "round trip: the activity tags differ");
	if (a->nyears != b->nyears || a->nsets != b->nsets)
		fail("round trip: the students sets differ");
	for (i = 0; i < a->nyears; i++)
		same_set(a, &a->sets[a->years[i]], b, &b->sets[b->years[i]]);
	if (a->nactivities != b->nactivities)
		fail("round trip: the activities differ");
	for (i = 0; i < a->nactivities; i++)
	{
		const fet_activity *x = &a->activities[i];
		const fet_activity *y = &b->activities[i];
		int			k;

		if (x->id != y->id || x->group_id != y->group_id || x->duration != y->duration ||
			x->total_duration != y->total_duration || x->active != y->active ||
			x->nteachers != y->nteachers || x->nstudents != y->nstudents || x->ntags != y->ntags ||
			!same_text(x->subject, y->subject) || !same_text(x->comments, y->comments) ||
			x->day != y->day || x->hour != y->hour)
			fail("round trip: an activity differs");
		for (k = 0; k < x->nteachers; k++)
			if (!same_text(x->teachers[k], y->teachers[k]))
				fail("round trip: an activity's teachers differ");
		for (k = 0; k < x->nstudents; k++)
			if (!same_text(x->students[k], y->students[k]))
				fail("round trip: an activity's students differ");
		for (k = 0; k < x->ntags; k++)
			if (!same_text(x->tags[k], y->tags[k]))
				fail("round trip: an activity's tags differ");
	}
}

static void
check_terminated(const char *text, size_t size, const char *property)
{
	if (memchr(text, '\0', size) == NULL)
		fail(property);
}

static void
check_holds_together(const fet_file *f)
{
	int			i;
	int			j;

	for (i = 0; i < f->nsets; i++)
	{
		const fet_set *s = &f->sets[i];

		if (s->name == NULL || s->name[0] == '\0' || fet_find_set(f, s->name) != i)
			fail("a students set is not found by its name");
		for (j = 0; j < s->nmembers; j++)
		{
			const fet_set *m = &f->sets[s->members[j]];

			if (s->kind == FET_SUBGROUP || (int) m->kind != (int) s->kind + 1)
				fail("a year holds other than groups, or a group other than subgroups");
		}
	}
	for (i = 0; i < f->nyears; i++)
		if (f->sets[f->years[i]].kind != FET_YEAR)
			fail("a year is not a year");
	for (i = 0; i < f->nactivities; i++)
	{
		const fet_activity *a = &f->activities[i];

		for (j = 0; j < a->nteachers; j++)
			if (fet_find_name(&f->teachers, a->teachers[j]) < 0)
				fail("an activity names a teacher the file does not define");
		for (j = 0; j < a->nstudents; j++)
			if (fet_find_set(f, a->students[j]) < 0)
				fail("an activity names a students set the file does not define");
		if (a->subject == NULL || fet_find_name(&f->subjects, a->subject) < 0)
			fail("an activity names a subject the file does not define");
		if (a->duration < 1)
			fail("an activity lasts no hour");
		if ((a->day < 0) != (a->hour < 0))
			fail("an activity has a day without an hour");
		if (a->day >= 0 && (a->day >= f->days.count || a->hour >= f->hours.count ||
							a->hour + a->duration > f->hours.count))
			fail("an activity is placed outside the days and hours");
		for (j = 0; j < i; j++)
			if (f->activities[j].id == a->id)
				fail("two activities share an id");
	}
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	st_allocator allocator = {malloc_block, free_block, NULL};
	st_arena	arena;
	fet_file   *file;
	fet_error	error;
	fet_status	status;
	const uint8_t *nul;
	char	   *fet;
	size_t		fet_len;
	char	   *activities = NULL;
	size_t		activities_len = 0;

	if (size > MAX_INPUT)
		size = MAX_INPUT;
	nul = memchr(data, '\0', size);
	fet_len = nul != NULL ? (size_t) (nul - data) : size;
	/* buffers of exactly the bytes given, so that AddressSanitizer sees any over-read */
	fet = malloc(fet_len > 0 ? fet_len : 1);
	if (fet == NULL)
		return 0;
	memcpy(fet, data, fet_len);
	if (nul != NULL)
	{
		activities_len = size - fet_len - 1;
		activities = malloc(activities_len > 0 ? activities_len : 1);
		if (activities == NULL)
		{
			free(fet);
			return 0;
		}
		memcpy(activities, nul + 1, activities_len);
	}

	st_arena_init(&arena, &allocator, 64 * size + 1024 * 1024);
	status = fet_read(fet, fet_len, activities, activities_len, &arena, &file, &error);
	check_terminated(error.message, sizeof(error.message), "an error message overflows its buffer");
	check_terminated(error.detail, sizeof(error.detail), "an error detail overflows its buffer");
	check_terminated(error.hint, sizeof(error.hint), "an error hint overflows its buffer");
	if (status != error.status || (int) status < FET_OK || status > FET_NO_MEMORY)
		fail("a status out of fet_status, or not the error's");
	if (status != FET_OK)
	{
		if (error.message[0] == '\0')
			fail("a refusal without a message");
	}
	else
	{
		size_t		json_len;
		char	   *json;
		char	   *again;
		st_arena	second;
		fet_file   *reread;
		fet_error	second_error;

		if (file == NULL)
			fail("accepted, but no file");
		check_holds_together(file);
		json = fet_to_json(file, &arena, &json_len);
		if (json == NULL || strlen(json) != json_len || !json_valid(json, json_len))
			fail("the JSON of an accepted file is not valid JSON");

		again = write_fet(file);
		st_arena_init(&second, &allocator, 64 * strlen(again) + 1024 * 1024);
		if (fet_read(again, strlen(again), NULL, 0, &second, &reread, &second_error) != FET_OK)
		{
			fprintf(stderr, "%s\n%s\n", second_error.message, second_error.detail);
			fail("round trip: the written file is refused");
		}
		same_file(file, reread);
		st_arena_free(&second);
		free(again);
	}
	st_arena_free(&arena);
	free(fet);
	free(activities);
	return 0;
}
