/*
 * xml_text.c
 *		The XML reader's characters and text, free of PostgreSQL: where a
 *		byte is (line and column, for messages), the first error, the check
 *		of every byte as UTF-8 and as a character XML allows, the buffer of
 *		decoded text, and references (the five entities XML predefines and
 *		character references).
 */
#include "xml_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Line and column (in characters) of a byte offset. */
static void
position_of(xs_reader *r, size_t offset, int *line, int *column)
{
	size_t		i;
	int			col = 1;

	if (offset > r->len)
		offset = r->len;
	if (offset < r->counted_to)
	{
		r->counted_to = 0;
		r->line = 1;
		r->line_start = 0;
	}
	for (i = r->counted_to; i < offset; i++)
		if (r->buf[i] == '\n')
		{
			r->line++;
			r->line_start = i + 1;
		}
	r->counted_to = offset;
	for (i = r->line_start; i < offset; i++)
		if (((unsigned char) r->buf[i] & 0xC0) != 0x80)
			col++;
	*line = r->line;
	*column = col;
}

int
xs_line_of(xs_reader *r, size_t offset)
{
	int			line;
	int			column;

	position_of(r, offset, &line, &column);
	return line;
}

void
xs_shorten(const char *text, size_t len, size_t max, char *out, size_t size)
{
	size_t		n = len;
	bool		cut = false;

	if (size == 0)
		return;
	if (max + 4 > size)
		max = size > 4 ? size - 4 : 0;
	if (n > max)
	{
		n = max;
		/* back to the start of a character */
		while (n > 0 && ((unsigned char) text[n] & 0xC0) == 0x80)
			n--;
		cut = true;
	}
	memcpy(out, text, n);
	if (cut)
	{
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
}

void
xs_fail(xs_reader *r, size_t offset, xs_status status, const char *format,...)
{
	va_list		args;
	int			line;
	int			column;
	int			n;

	if (r->status != XS_OK)
		return;
	r->status = status;
	position_of(r, offset, &line, &column);
	n = snprintf(r->message, sizeof(r->message), "Line %d, column %d: ", line, column);
	if (n < 0 || (size_t) n >= sizeof(r->message))
		return;
	va_start(args, format);
	vsnprintf(r->message + n, sizeof(r->message) - (size_t) n, format, args);
	va_end(args);
}

/* A name of the input, quoted and shortened for a message. */
const char *
xs_quoted(const xs_reader *r, xs_span span, char *out, size_t size)
{
	xs_shorten(r->buf + span.start, span.len, 60, out, size);
	return out;
}

void
xs_fail_at_tag(xs_reader *r, xs_status status, const char *what)
{
	char		name[80];

	if (r->status != XS_OK)
		return;
	r->status = status;
	snprintf(r->message, sizeof(r->message), "Line %d: <%s> %s", r->tag_line,
			 xs_quoted(r, r->tag, name, sizeof(name)), what);
}

/*
 * Checks every byte once: valid UTF-8 (no overlong forms, surrogates or
 * code points past U+10FFFF) holding only characters XML allows.
 */
bool
xs_check_characters(xs_reader *r)
{
	const unsigned char *s = (const unsigned char *) r->buf;
	size_t		i = 0;

	while (i < r->len)
	{
		unsigned char c = s[i];
		uint32_t	cp;
		int			n;

		if (c < 0x80)
		{
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			{
				xs_fail(r, i, XS_SYNTAX, "the text holds the control character U+%04X, which XML does not allow.", c);
				return false;
			}
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
		{
			n = 1;
			cp = c & 0x1F;
		}
		else if (c >= 0xE0 && c <= 0xEF)
		{
			n = 2;
			cp = c & 0x0F;
		}
		else if (c >= 0xF0 && c <= 0xF4)
		{
			n = 3;
			cp = c & 0x07;
		}
		else
		{
			xs_fail(r, i, XS_SYNTAX, "the text is not valid UTF-8 (byte 0x%02X).", c);
			return false;
		}
		if (r->len - i <= (size_t) n)
		{
			xs_fail(r, i, XS_SYNTAX, "the text ends inside a UTF-8 character.");
			return false;
		}
		for (int k = 1; k <= n; k++)
		{
			if ((s[i + k] & 0xC0) != 0x80)
			{
				xs_fail(r, i, XS_SYNTAX, "the text is not valid UTF-8 (byte 0x%02X).", s[i + k]);
				return false;
			}
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
			(cp >= 0xD800 && cp <= 0xDFFF))
		{
			xs_fail(r, i, XS_SYNTAX, "the text is not valid UTF-8 (byte 0x%02X).", c);
			return false;
		}
		if (cp == 0xFFFE || cp == 0xFFFF)
		{
			xs_fail(r, i, XS_SYNTAX, "the text holds U+%04X, which XML does not allow.", (unsigned) cp);
			return false;
		}
		i += (size_t) n + 1;
	}
	return true;
}

void
xs_init(xs_reader *r, const char *buf, size_t len, st_arena *arena)
{
	memset(r, 0, sizeof(*r));
	r->buf = buf;
	r->len = len;
	r->arena = arena;
	r->line = 1;
}

/* ---- the decoded-text buffer ---- */

bool
xs_text_reserve(xs_reader *r, size_t more)
{
	size_t		cap;
	char	   *grown;

	if (r->text_cap - r->text_len > more)
		return true;
	if (more > SIZE_MAX / 4 - r->text_len)
	{
		xs_fail(r, r->pos, XS_LIMIT, "a text is too long.");
		return false;
	}
	cap = r->text_cap < 256 ? 256 : r->text_cap;
	while (cap - r->text_len <= more)
		cap *= 2;
	grown = st_arena_alloc(r->arena, cap);
	if (grown == NULL)
	{
		xs_fail(r, r->pos, r->arena->over_budget ? XS_LIMIT : XS_MEMORY,
				"the reader ran out of memory.");
		return false;
	}
	if (r->text_len > 0)
		memcpy(grown, r->text, r->text_len);
	r->text = grown;
	r->text_cap = cap;
	return true;
}

bool
xs_text_append(xs_reader *r, const char *bytes, size_t n)
{
	if (!xs_text_reserve(r, n))
		return false;
	memcpy(r->text + r->text_len, bytes, n);
	r->text_len += n;
	r->text[r->text_len] = '\0';
	return true;
}

void
xs_text_reset(xs_reader *r)
{
	r->text_len = 0;
	if (r->text != NULL)
		r->text[0] = '\0';
}

/* Appends the UTF-8 of a code point that check_reference accepted. */
static bool
text_append_code_point(xs_reader *r, uint32_t cp)
{
	char		out[4];
	size_t		n;

	if (cp < 0x80)
	{
		out[0] = (char) cp;
		n = 1;
	}
	else if (cp < 0x800)
	{
		out[0] = (char) (0xC0 | (cp >> 6));
		out[1] = (char) (0x80 | (cp & 0x3F));
		n = 2;
	}
	else if (cp < 0x10000)
	{
		out[0] = (char) (0xE0 | (cp >> 12));
		out[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char) (0x80 | (cp & 0x3F));
		n = 3;
	}
	else
	{
		out[0] = (char) (0xF0 | (cp >> 18));
		out[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char) (0x80 | (cp & 0x3F));
		n = 4;
	}
	return xs_text_append(r, out, n);
}

/*
 * Reads a reference at r->pos (on '&'): an entity of the five XML
 * predefines, or a character reference naming a character XML allows.
 * Appends what it stands for when collect is set.
 */
bool
xs_read_reference(xs_reader *r, bool collect)
{
	size_t		start = r->pos;
	size_t		end;
	uint32_t	cp = 0;

	end = start + 1;
	while (end < r->len && end - start <= 40 && r->buf[end] != ';')
		end++;
	if (end >= r->len || r->buf[end] != ';')
	{
		xs_fail(r, start, XS_SYNTAX, "\"&\" begins no reference (write \"&amp;\" for an ampersand).");
		return false;
	}
	if (r->buf[start + 1] == '#')
	{
		size_t		i = start + 2;
		bool		hex = i < end && r->buf[i] == 'x';

		if (hex)
			i++;
		if (i == end)
		{
			xs_fail(r, start, XS_SYNTAX, "a character reference without digits.");
			return false;
		}
		for (; i < end; i++)
		{
			char		c = r->buf[i];
			int			digit;

			if (c >= '0' && c <= '9')
				digit = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				digit = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				digit = c - 'A' + 10;
			else
			{
				xs_fail(r, start, XS_SYNTAX, "a character reference with a character that is not a digit.");
				return false;
			}
			cp = cp * (hex ? 16 : 10) + (uint32_t) digit;
			if (cp > 0x10FFFF)
				break;
		}
		if (cp > 0x10FFFF || cp == 0 || (cp < 0x20 && cp != 0x9 && cp != 0xA && cp != 0xD) ||
			(cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
		{
			xs_fail(r, start, XS_SYNTAX, "a character reference to a character XML does not allow.");
			return false;
		}
	}
	else
	{
		static const struct
		{
			const char *name;
			char		value;
		}			predefined[] = {
			{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"apos", '\''}, {"quot", '"'},
		};
		size_t		n = end - start - 1;
		int			k;

		for (k = 0; k < 5; k++)
			if (strlen(predefined[k].name) == n && memcmp(predefined[k].name, r->buf + start + 1, n) == 0)
				break;
		if (k == 5)
		{
			char		name[40];

			xs_shorten(r->buf + start + 1, n, 20, name, sizeof(name));
			xs_fail(r, start, XS_SYNTAX, "the entity \"&%s;\" is not defined (only &lt; &gt; &amp; &apos; &quot; are).", name);
			return false;
		}
		cp = (uint32_t) (unsigned char) predefined[k].value;
	}
	r->pos = end + 1;
	return !collect || text_append_code_point(r, cp);
}
