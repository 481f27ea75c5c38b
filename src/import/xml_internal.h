/*
 * xml_internal.h
 *		What the two halves of the XML reader share: positions and errors,
 *		the decoded-text buffer and references (xml_text.c), used by the
 *		markup walker (xml_scan.c).  Not part of the reader's interface:
 *		that is xml_scan.h.
 */
#ifndef SCHOOLTIME_IMPORT_XML_INTERNAL_H
#define SCHOOLTIME_IMPORT_XML_INTERNAL_H

#include <stdint.h>

#include "xml_scan.h"

/* the first error, at a byte offset: "Line L, column C: " and the sentence */
extern void xs_fail(xs_reader *r, size_t offset, xs_status status, const char *format,...) ST_PRINTF(4, 5);
extern int	xs_line_of(xs_reader *r, size_t offset);
/* a name of the input, shortened for a message, into out */
extern const char *xs_quoted(const xs_reader *r, xs_span span, char *out, size_t size);

/* every byte: valid UTF-8, and a character XML allows */
extern bool xs_check_characters(xs_reader *r);

/* the decoded-text buffer, reader->text */
extern bool xs_text_reserve(xs_reader *r, size_t more);
extern bool xs_text_append(xs_reader *r, const char *bytes, size_t n);
extern void xs_text_reset(xs_reader *r);

/* a reference at r->pos ('&'), appended to the text when collect is set */
extern bool xs_read_reference(xs_reader *r, bool collect);

#endif							/* SCHOOLTIME_IMPORT_XML_INTERNAL_H */
