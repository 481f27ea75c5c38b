/*
 * ical_text.h
 *		iCalendar (RFC 5545) text rules, free of PostgreSQL.
 *
 * Two kernels: escaping a TEXT value (3.3.11) and folding a content line
 * (3.1).  Both work on UTF-8 bytes, allocate nothing and depend on no
 * locale, so that they can be built and tested outside the server.
 */
#ifndef SCHOOLTIME_ICAL_TEXT_H
#define SCHOOLTIME_ICAL_TEXT_H

#include <stddef.h>

/* A content line is at most this many octets before it must be folded. */
#define ICAL_LINE_OCTETS	75

/* Bytes ical_escape may write for len input bytes (each byte can double). */
#define ICAL_ESCAPE_BOUND(len)	(2 * (len))

/*
 * Bytes ical_fold may write for len input bytes: every continuation line
 * carries at least ICAL_LINE_OCTETS - 4 bytes of content (one space and at
 * most a three-byte tail moved to the next line) and costs CRLF SPACE.
 */
#define ICAL_FOLD_BOUND(len)	((len) + 3 * ((len) / (ICAL_LINE_OCTETS - 4) + 1))

/*
 * Escapes a TEXT property value: backslash, semicolon and comma get a
 * backslash; a line break (CRLF, LF or a lone CR) becomes "\n"; other
 * control characters but horizontal tab, which a TEXT value may not hold,
 * become a space.  Writes to out (at least ICAL_ESCAPE_BOUND(len) bytes)
 * and returns the number of bytes written.  No terminator is written.
 */
extern size_t ical_escape(const char *in, size_t len, char *out);

/*
 * Folds one content line (no CR or LF inside) so that no physical line is
 * longer than ICAL_LINE_OCTETS octets, inserting CRLF followed by a space,
 * never inside a UTF-8 sequence.  Writes to out (at least
 * ICAL_FOLD_BOUND(len) bytes) and returns the number of bytes written.
 */
extern size_t ical_fold(const char *in, size_t len, char *out);

#endif							/* SCHOOLTIME_ICAL_TEXT_H */
