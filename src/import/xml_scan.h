/*
 * xml_scan.h
 *		A pull reader of the XML that FET writes, free of PostgreSQL.
 *
 * It reads the well-formed XML 1.0 of a document held in memory, as UTF-8:
 * elements, attributes, character data with the five predefined entities
 * and character references, CDATA sections, comments and processing
 * instructions.  It refuses, with the line and column, whatever is not
 * well-formed, and a document type declaration: FET never writes one, and
 * without one no entity can expand (no "billion laughs", no external
 * files).  The encoding a declaration names is not read: the text reached
 * the server as characters already, as with PostgreSQL's xml type.
 *
 * The caller walks the tree: xs_root() opens the root element; xs_child()
 * steps to the next child of the element opened last (or reports its end);
 * xs_text() reads an element that holds only text; xs_skip() passes over
 * an element and everything in it.  Text between child elements is
 * checked and ignored, as FET does.  Nesting is bounded (XS_MAX_DEPTH).
 */
#ifndef SCHOOLTIME_IMPORT_XML_SCAN_H
#define SCHOOLTIME_IMPORT_XML_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

#define XS_MAX_DEPTH		32
#define XS_MAX_ATTRIBUTES	16
#define XS_MESSAGE_LEN		320

typedef enum xs_status
{
	XS_OK = 0,
	XS_SYNTAX,					/* not well-formed XML */
	XS_LIMIT,					/* deeper or wider than the reader allows */
	XS_MEMORY					/* out of memory */
} xs_status;

typedef struct xs_span
{
	size_t		start;
	size_t		len;
} xs_span;

typedef struct xs_open_element
{
	xs_span		name;
	int			line;
} xs_open_element;

typedef struct xs_reader
{
	const char *buf;
	size_t		len;
	size_t		pos;
	st_arena   *arena;

	/* lines counted up to counted_to */
	size_t		counted_to;
	int			line;
	size_t		line_start;

	/* open elements, the root first */
	xs_open_element open[XS_MAX_DEPTH];
	int			depth;
	bool		empty_pending;	/* the element opened last was <x/> */
	bool		root_closed;

	/* the start tag read last */
	xs_span		tag;
	int			tag_line;
	xs_span		attribute_names[XS_MAX_ATTRIBUTES];
	xs_span		attribute_values[XS_MAX_ATTRIBUTES];	/* raw, between the quotes */
	int			nattributes;

	/* text decoded by xs_text or xs_attribute, with a terminator */
	char	   *text;
	size_t		text_len;
	size_t		text_cap;

	/* the first error */
	xs_status	status;
	char		message[XS_MESSAGE_LEN];
} xs_reader;

extern void xs_init(xs_reader *reader, const char *buf, size_t len, st_arena *arena);

/* Reads the prolog and the root's start tag; false on error. */
extern bool xs_root(xs_reader *reader);

/*
 * Steps inside the element opened last: 1 when it reads the start tag of a
 * child (which is then the element opened last), 0 when it reads the
 * element's end tag (its parent is then the element opened last), -1 on
 * error.
 */
extern int	xs_child(xs_reader *reader);

/*
 * Reads the content of the element opened last, which must hold only text,
 * and its end tag; the decoded text is reader->text (reader->text_len
 * bytes, terminated).  False on error.
 */
extern bool xs_text(xs_reader *reader);

/* Passes over the content of the element opened last and its end tag. */
extern bool xs_skip(xs_reader *reader);

/* After the root's end tag: only comments, processing instructions and white space may follow. */
extern bool xs_finish(xs_reader *reader);

/* Whether the start tag read last is named name. */
extern bool xs_tag_is(const xs_reader *reader, const char *name);

/*
 * The decoded value of an attribute of the start tag read last, in
 * reader->text, or NULL when the tag has none of that name (or on error:
 * see reader->status).
 */
extern const char *xs_attribute(xs_reader *reader, const char *name);

/* The name of the start tag read last, copied (at most max bytes kept, UTF-8 safe) into out. */
extern void xs_tag_name(const xs_reader *reader, char *out, size_t size);

/* Records an error found by the caller at the start tag read last. */
extern void xs_fail_at_tag(xs_reader *reader, xs_status status, const char *what);

/* Copies text into out (size bytes), cut at a character boundary with "..." when longer than max bytes. */
extern void xs_shorten(const char *text, size_t len, size_t max, char *out, size_t size);

#endif							/* SCHOOLTIME_IMPORT_XML_SCAN_H */
