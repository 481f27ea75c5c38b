/*
 * xml_scan.c
 *		A pull reader of the XML that FET writes, free of PostgreSQL.
 *
 * The grammar followed is XML 1.0 (fifth edition), minus what a FET file
 * never holds: a document type declaration (refused) and the encoding
 * declaration's effect (the input is UTF-8 text already).  Names are read
 * leniently: any non-ASCII character may be a name character.
 *
 * Every byte of the input is checked once, first (valid UTF-8, and only
 * the characters XML allows); then the reader walks the markup.  Positions
 * are byte offsets into the input; lines are counted as the reader goes,
 * for messages.
 */
#include "xml_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef enum content_mode
{
	CONTENT_CHILD,				/* stop at a child's start tag; text is checked and ignored */
	CONTENT_TEXT,				/* collect text; a child element is an error */
	CONTENT_SKIP				/* pass over everything, children too */
} content_mode;

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
}

static int
is_name_char(unsigned char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static int
byte_at(const xs_reader *r, size_t offset)
{
	return r->pos + offset < r->len ? (unsigned char) r->buf[r->pos + offset] : -1;
}

static bool
looking_at(const xs_reader *r, const char *literal)
{
	size_t		n = strlen(literal);

	return r->len - r->pos >= n && memcmp(r->buf + r->pos, literal, n) == 0;
}

/* ---- lexical pieces ---- */

static size_t
skip_spaces(xs_reader *r)
{
	size_t		before = r->pos;

	while (r->pos < r->len && is_space((unsigned char) r->buf[r->pos]))
		r->pos++;
	return r->pos - before;
}

static bool
read_name(xs_reader *r, xs_span *name, const char *what)
{
	size_t		start = r->pos;

	if (r->pos >= r->len || !is_name_start((unsigned char) r->buf[r->pos]))
	{
		xs_fail(r, r->pos, XS_SYNTAX, "expected %s.", what);
		return false;
	}
	while (r->pos < r->len && is_name_char((unsigned char) r->buf[r->pos]))
		r->pos++;
	name->start = start;
	name->len = r->pos - start;
	return true;
}

static bool
span_equals(const xs_reader *r, xs_span a, xs_span b)
{
	return a.len == b.len && memcmp(r->buf + a.start, r->buf + b.start, a.len) == 0;
}


/* "<!--" at r->pos: passes over the comment, which may not hold "--". */
static bool
skip_comment(xs_reader *r)
{
	size_t		start = r->pos;
	size_t		i;

	for (i = start + 4; i + 1 < r->len; i++)
		if (r->buf[i] == '-' && r->buf[i + 1] == '-')
		{
			if (i + 2 < r->len && r->buf[i + 2] == '>')
			{
				r->pos = i + 3;
				return true;
			}
			xs_fail(r, i, XS_SYNTAX, "a comment holds \"--\".");
			return false;
		}
	xs_fail(r, start, XS_SYNTAX, "a comment is not closed with \"-->\".");
	return false;
}

/* "<?" at r->pos: a processing instruction; the declaration only at the start. */
static bool
skip_processing_instruction(xs_reader *r, bool declaration_allowed)
{
	size_t		start = r->pos;
	xs_span		target;
	size_t		i;

	r->pos += 2;
	if (!read_name(r, &target, "a processing instruction's target after \"<?\""))
		return false;
	if (target.len == 3 &&
		(r->buf[target.start] | 0x20) == 'x' && (r->buf[target.start + 1] | 0x20) == 'm' &&
		(r->buf[target.start + 2] | 0x20) == 'l' && !declaration_allowed)
	{
		xs_fail(r, start, XS_SYNTAX, "the XML declaration is allowed only at the very start of the text.");
		return false;
	}
	if (r->pos < r->len && !is_space((unsigned char) r->buf[r->pos]) && !looking_at(r, "?>"))
	{
		xs_fail(r, r->pos, XS_SYNTAX, "expected white space or \"?>\" after a processing instruction's target.");
		return false;
	}
	for (i = r->pos; i + 1 < r->len; i++)
		if (r->buf[i] == '?' && r->buf[i + 1] == '>')
		{
			r->pos = i + 2;
			return true;
		}
	xs_fail(r, start, XS_SYNTAX, "a processing instruction is not closed with \"?>\".");
	return false;
}

/* "<![CDATA[" at r->pos. */
static bool
read_cdata(xs_reader *r, bool collect)
{
	size_t		start = r->pos;
	size_t		i;
	size_t		from = start + 9;

	for (i = from; i + 2 < r->len; i++)
		if (r->buf[i] == ']' && r->buf[i + 1] == ']' && r->buf[i + 2] == '>')
			break;
	if (i + 2 >= r->len)
	{
		xs_fail(r, start, XS_SYNTAX, "a CDATA section is not closed with \"]]>\".");
		return false;
	}
	r->pos = i + 3;
	if (collect)
	{
		/* line ends read as line feeds (XML 1.0, 2.11) */
		size_t		k;

		for (k = from; k < i; k++)
		{
			char		c = r->buf[k];

			if (c == '\r')
			{
				if (k + 1 < i && r->buf[k + 1] == '\n')
					k++;
				c = '\n';
			}
			if (!xs_text_append(r, &c, 1))
				return false;
		}
	}
	return true;
}

/* Character data up to the next '<' (or the end); references decoded. */
static bool
read_character_data(xs_reader *r, bool collect, bool *only_space)
{
	while (r->pos < r->len && r->buf[r->pos] != '<')
	{
		char		c = r->buf[r->pos];

		if (c == '&')
		{
			*only_space = false;
			if (!xs_read_reference(r, collect))
				return false;
			continue;
		}
		if (c == ']' && looking_at(r, "]]>"))
		{
			xs_fail(r, r->pos, XS_SYNTAX, "\"]]>\" may not appear in text.");
			return false;
		}
		if (!is_space((unsigned char) c))
			*only_space = false;
		if (collect)
		{
			if (c == '\r')
			{
				if (byte_at(r, 1) == '\n')
					r->pos++;
				c = '\n';
			}
			if (!xs_text_append(r, &c, 1))
				return false;
		}
		r->pos++;
	}
	return true;
}

/* Checks an attribute value (between the quotes) for '<' and bad references. */
static bool
check_attribute_value(xs_reader *r, size_t start, size_t end)
{
	size_t		saved = r->pos;

	r->pos = start;
	while (r->pos < end)
	{
		if (r->buf[r->pos] == '<')
		{
			xs_fail(r, r->pos, XS_SYNTAX, "an attribute value holds \"<\".");
			return false;
		}
		if (r->buf[r->pos] == '&')
		{
			if (!xs_read_reference(r, false))
				return false;
			if (r->pos > end)
			{
				xs_fail(r, start, XS_SYNTAX, "a reference runs past the end of an attribute value.");
				return false;
			}
			continue;
		}
		r->pos++;
	}
	r->pos = saved;
	return true;
}

/* '<' Name at r->pos: a start tag, whose element becomes the one opened last. */
static bool
read_start_tag(xs_reader *r)
{
	size_t		start = r->pos;

	r->pos++;
	if (!read_name(r, &r->tag, "an element name after \"<\""))
		return false;
	r->tag_line = xs_line_of(r, start);
	r->nattributes = 0;
	for (;;)
	{
		size_t		spaces = skip_spaces(r);
		xs_span		name;
		char		quote;
		size_t		value_start;
		size_t		i;

		if (r->pos >= r->len)
		{
			xs_fail(r, start, XS_SYNTAX, "a start tag is not closed with \">\".");
			return false;
		}
		if (r->buf[r->pos] == '>')
		{
			r->pos++;
			r->empty_pending = false;
			break;
		}
		if (looking_at(r, "/>"))
		{
			r->pos += 2;
			r->empty_pending = true;
			break;
		}
		if (spaces == 0)
		{
			xs_fail(r, r->pos, XS_SYNTAX, "expected white space, \">\" or \"/>\" in a start tag.");
			return false;
		}
		if (!read_name(r, &name, "an attribute name, \">\" or \"/>\""))
			return false;
		skip_spaces(r);
		if (byte_at(r, 0) != '=')
		{
			xs_fail(r, r->pos, XS_SYNTAX, "expected \"=\" after an attribute name.");
			return false;
		}
		r->pos++;
		skip_spaces(r);
		if (byte_at(r, 0) != '"' && byte_at(r, 0) != '\'')
		{
			xs_fail(r, r->pos, XS_SYNTAX, "expected a quoted attribute value.");
			return false;
		}
		quote = r->buf[r->pos];
		value_start = ++r->pos;
		while (r->pos < r->len && r->buf[r->pos] != quote)
			r->pos++;
		if (r->pos >= r->len)
		{
			xs_fail(r, value_start - 1, XS_SYNTAX, "an attribute value is not closed.");
			return false;
		}
		if (!check_attribute_value(r, value_start, r->pos))
			return false;
		for (i = 0; i < (size_t) r->nattributes; i++)
			if (span_equals(r, r->attribute_names[i], name))
			{
				xs_fail(r, name.start, XS_SYNTAX, "an attribute appears twice in one start tag.");
				return false;
			}
		if (r->nattributes >= XS_MAX_ATTRIBUTES)
		{
			xs_fail(r, name.start, XS_LIMIT, "a start tag has more than %d attributes.", XS_MAX_ATTRIBUTES);
			return false;
		}
		r->attribute_names[r->nattributes].start = name.start;
		r->attribute_names[r->nattributes].len = name.len;
		r->attribute_values[r->nattributes].start = value_start;
		r->attribute_values[r->nattributes].len = r->pos - value_start;
		r->nattributes++;
		r->pos++;				/* the closing quote */
	}
	if (r->depth >= XS_MAX_DEPTH)
	{
		xs_fail(r, start, XS_LIMIT, "elements are nested more than %d deep.", XS_MAX_DEPTH);
		return false;
	}
	r->open[r->depth].name = r->tag;
	r->open[r->depth].line = r->tag_line;
	r->depth++;
	return true;
}

/* "</" at r->pos: the end tag of the element opened last. */
static bool
read_end_tag(xs_reader *r)
{
	size_t		start = r->pos;
	xs_span		name;
	xs_open_element *open;

	r->pos += 2;
	if (!read_name(r, &name, "an element name after \"</\""))
		return false;
	skip_spaces(r);
	if (byte_at(r, 0) != '>')
	{
		xs_fail(r, r->pos, XS_SYNTAX, "expected \">\" to close an end tag.");
		return false;
	}
	r->pos++;
	if (r->depth == 0)
	{
		xs_fail(r, start, XS_SYNTAX, "an end tag closes no element.");
		return false;
	}
	open = &r->open[r->depth - 1];
	if (!span_equals(r, open->name, name))
	{
		char		closing[80];
		char		opened[80];

		xs_fail(r, start, XS_SYNTAX, "the end tag </%s> does not close <%s>, opened at line %d.",
				xs_quoted(r, name, closing, sizeof(closing)), xs_quoted(r, open->name, opened, sizeof(opened)),
				open->line);
		return false;
	}
	r->depth--;
	if (r->depth == 0)
		r->root_closed = true;
	return true;
}

/*
 * Reads the content of the element opened last (at depth target) as mode
 * says.  Returns 1 at a child's start tag (CONTENT_CHILD only), 0 once the
 * element's end tag is read, -1 on error.
 */
static int
read_content(xs_reader *r, content_mode mode)
{
	int			target = r->depth;
	bool		only_space = true;

	if (r->status != XS_OK || target == 0)
	{
		if (r->status == XS_OK)
			xs_fail(r, r->pos, XS_SYNTAX, "no element is open.");
		return -1;
	}
	if (r->empty_pending)
	{
		r->empty_pending = false;
		r->depth--;
		if (r->depth == 0)
			r->root_closed = true;
		return 0;
	}
	for (;;)
	{
		if (r->pos >= r->len)
		{
			char		name[80];

			xs_fail(r, r->len, XS_SYNTAX, "the text ends before the end tag of <%s>, opened at line %d.",
					xs_quoted(r, r->open[r->depth - 1].name, name, sizeof(name)), r->open[r->depth - 1].line);
			return -1;
		}
		if (r->buf[r->pos] != '<')
		{
			if (!read_character_data(r, mode == CONTENT_TEXT && r->depth == target, &only_space))
				return -1;
			continue;
		}
		if (looking_at(r, "</"))
		{
			if (!read_end_tag(r))
				return -1;
			if (r->depth < target)
				return 0;
			continue;
		}
		if (looking_at(r, "<!--"))
		{
			if (!skip_comment(r))
				return -1;
			continue;
		}
		if (looking_at(r, "<![CDATA["))
		{
			if (!read_cdata(r, mode == CONTENT_TEXT && r->depth == target))
				return -1;
			continue;
		}
		if (looking_at(r, "<!"))
		{
			xs_fail(r, r->pos, XS_SYNTAX, "a markup declaration (\"<!\") may not appear inside an element.");
			return -1;
		}
		if (looking_at(r, "<?"))
		{
			if (!skip_processing_instruction(r, false))
				return -1;
			continue;
		}
		/* a start tag */
		if (mode == CONTENT_TEXT)
		{
			char		inner[80];
			char		outer[80];
			size_t		at = r->pos;
			xs_span		child;

			r->pos++;
			if (!read_name(r, &child, "an element name after \"<\""))
				return -1;
			xs_fail(r, at, XS_SYNTAX, "element <%s> holds element <%s> where text was expected.",
					xs_quoted(r, r->open[r->depth - 1].name, outer, sizeof(outer)),
					xs_quoted(r, child, inner, sizeof(inner)));
			return -1;
		}
		if (!read_start_tag(r))
			return -1;
		if (mode == CONTENT_CHILD)
			return 1;
		/* CONTENT_SKIP: an empty child ends at once */
		if (r->empty_pending)
		{
			r->empty_pending = false;
			r->depth--;
		}
	}
}

bool
xs_root(xs_reader *r)
{
	bool		declaration_allowed = true;

	if (!xs_check_characters(r))
		return false;
	if (r->len == 0)
	{
		xs_fail(r, 0, XS_SYNTAX, "the text is empty.");
		return false;
	}
	/* a byte order mark, as FET writes one */
	if (looking_at(r, "\xEF\xBB\xBF"))
		r->pos += 3;
	for (;;)
	{
		if (looking_at(r, "<?"))
		{
			if (!skip_processing_instruction(r, declaration_allowed))
				return false;
		}
		else if (looking_at(r, "<!--"))
		{
			if (!skip_comment(r))
				return false;
		}
		else if (looking_at(r, "<!DOCTYPE"))
		{
			xs_fail(r, r->pos, XS_SYNTAX, "a document type declaration is not accepted (FET files have none).");
			return false;
		}
		else if (looking_at(r, "<!"))
		{
			xs_fail(r, r->pos, XS_SYNTAX, "a markup declaration (\"<!\") may not appear before the root element.");
			return false;
		}
		else if (byte_at(r, 0) == '<')
			return read_start_tag(r);
		else if (r->pos < r->len && is_space((unsigned char) r->buf[r->pos]))
			skip_spaces(r);
		else if (r->pos >= r->len)
		{
			xs_fail(r, r->pos, XS_SYNTAX, "the text has no element.");
			return false;
		}
		else
		{
			xs_fail(r, r->pos, XS_SYNTAX, "the text does not begin with an XML element.");
			return false;
		}
		declaration_allowed = false;
	}
}

int
xs_child(xs_reader *r)
{
	return read_content(r, CONTENT_CHILD);
}

bool
xs_text(xs_reader *r)
{
	if (!xs_text_reserve(r, 1))
		return false;
	xs_text_reset(r);
	return read_content(r, CONTENT_TEXT) == 0;
}

bool
xs_skip(xs_reader *r)
{
	return read_content(r, CONTENT_SKIP) == 0;
}

bool
xs_finish(xs_reader *r)
{
	if (r->status != XS_OK)
		return false;
	if (!r->root_closed || r->depth != 0)
	{
		xs_fail(r, r->pos, XS_SYNTAX, "the root element is not closed.");
		return false;
	}
	for (;;)
	{
		skip_spaces(r);
		if (r->pos >= r->len)
			return true;
		if (looking_at(r, "<!--"))
		{
			if (!skip_comment(r))
				return false;
		}
		else if (looking_at(r, "<?"))
		{
			if (!skip_processing_instruction(r, false))
				return false;
		}
		else
		{
			xs_fail(r, r->pos, XS_SYNTAX, "the text goes on after the root element ends.");
			return false;
		}
	}
}

bool
xs_tag_is(const xs_reader *r, const char *name)
{
	size_t		n = strlen(name);

	return r->tag.len == n && memcmp(r->buf + r->tag.start, name, n) == 0;
}

void
xs_tag_name(const xs_reader *r, char *out, size_t size)
{
	xs_quoted(r, r->tag, out, size);
}

const char *
xs_attribute(xs_reader *r, const char *name)
{
	size_t		n = strlen(name);
	int			i;

	for (i = 0; i < r->nattributes; i++)
	{
		xs_span		an = r->attribute_names[i];
		xs_span		av = r->attribute_values[i];
		size_t		saved = r->pos;

		if (an.len != n || memcmp(r->buf + an.start, name, n) != 0)
			continue;
		if (!xs_text_reserve(r, 1))
			return NULL;
		xs_text_reset(r);
		r->pos = av.start;
		while (r->pos < av.start + av.len)
		{
			char		c = r->buf[r->pos];

			if (c == '&')
			{
				if (!xs_read_reference(r, true))
				{
					r->pos = saved;
					return NULL;
				}
				continue;
			}
			/* attribute-value normalisation: white space reads as a space */
			if (c == '\r' && r->pos + 1 < av.start + av.len && r->buf[r->pos + 1] == '\n')
				r->pos++;
			if (is_space((unsigned char) c))
				c = ' ';
			if (!xs_text_append(r, &c, 1))
			{
				r->pos = saved;
				return NULL;
			}
			r->pos++;
		}
		r->pos = saved;
		return r->text;
	}
	return NULL;
}
