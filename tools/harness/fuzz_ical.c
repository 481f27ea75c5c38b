/*
 * fuzz_ical.c
 *		Fuzz target over the iCalendar text kernels (src/ical_text.c),
 *		built outside the server.
 *
 * For any bytes, into buffers of exactly the documented bounds (so that
 * AddressSanitizer catches a bound that is too small):
 *
 *	- ical_escape writes at most ICAL_ESCAPE_BOUND(len) bytes, with no line
 *	  break and no control character but tab; reading the escapes back
 *	  (RFC 5545, 3.3.11) gives the input with each line break (CRLF, LF or
 *	  CR) as LF and each other control character as a space;
 *	- ical_fold of that escaped line writes at most ICAL_FOLD_BOUND(len)
 *	  bytes; no physical line is longer than 75 octets; unfolding (3.1:
 *	  remove each CRLF followed by a space) gives the line back; and when
 *	  the line is valid UTF-8, no fold falls inside a character.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ical_text.h"

static void
fail(const char *property)
{
	fprintf(stderr, "fuzz_ical: %s\n", property);
	abort();
}

/* Strict UTF-8 (no overlongs, no surrogates, at most U+10FFFF). */
static int
valid_utf8(const unsigned char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		unsigned char c = s[i];
		size_t		n;
		uint32_t	cp;
		size_t		k;

		if (c < 0x80)
		{
			i++;
			continue;
		}
		else if (c >= 0xc2 && c <= 0xdf)
			n = 2, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 3, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 4, cp = c & 0x07;
		else
			return 0;
		if (i + n > len)
			return 0;
		for (k = 1; k < n; k++)
		{
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
			(n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
			return 0;
		i += n;
	}
	return 1;
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *) data;
	char	   *escaped = malloc(ICAL_ESCAPE_BOUND(size) + 1);
	char	   *expected = malloc(size + 1);
	char	   *unescaped = malloc(ICAL_ESCAPE_BOUND(size) + 1);
	char	   *folded;
	char	   *unfolded;
	size_t		n_escaped;
	size_t		n_expected = 0;
	size_t		n_unescaped = 0;
	size_t		n_folded;
	size_t		n_unfolded = 0;
	size_t		line = 0;
	size_t		i;
	int			utf8;

	if (escaped == NULL || expected == NULL || unescaped == NULL)
		abort();

	n_escaped = ical_escape(in, size, escaped);
	if (n_escaped > ICAL_ESCAPE_BOUND(size))
		fail("ical_escape: more bytes than ICAL_ESCAPE_BOUND");

	/* what the escaped value must read back as */
	for (i = 0; i < size; i++)
	{
		unsigned char c = (unsigned char) in[i];

		if (c == '\r')
		{
			if (i + 1 < size && in[i + 1] == '\n')
				i++;
			expected[n_expected++] = '\n';
		}
		else if (c == '\n')
			expected[n_expected++] = '\n';
		else if ((c < 0x20 && c != '\t') || c == 0x7f)
			expected[n_expected++] = ' ';
		else
			expected[n_expected++] = (char) c;
	}
	/* reading the escapes back */
	for (i = 0; i < n_escaped; i++)
	{
		unsigned char c = (unsigned char) escaped[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			fail("ical_escape: a control character left in the value");
		if (c == ';' || c == ',')
			fail("ical_escape: an unescaped separator");
		if (c == '\\')
		{
			if (i + 1 >= n_escaped)
				fail("ical_escape: a lone backslash at the end");
			c = (unsigned char) escaped[++i];
			if (c == 'n' || c == 'N')
				c = '\n';
			else if (c != '\\' && c != ';' && c != ',')
				fail("ical_escape: an escape RFC 5545 does not define");
		}
		unescaped[n_unescaped++] = (char) c;
	}
	if (n_unescaped != n_expected || memcmp(unescaped, expected, n_expected) != 0)
		fail("ical_escape: the escapes do not read back as the value");

	/* folding the escaped line, which holds no line break */
	folded = malloc(ICAL_FOLD_BOUND(n_escaped) + 1);
	unfolded = malloc(n_escaped + 1);
	if (folded == NULL || unfolded == NULL)
		abort();
	n_folded = ical_fold(escaped, n_escaped, folded);
	if (n_folded > ICAL_FOLD_BOUND(n_escaped))
		fail("ical_fold: more bytes than ICAL_FOLD_BOUND");
	utf8 = valid_utf8((const unsigned char *) escaped, n_escaped);
	for (i = 0; i < n_folded; i++)
	{
		if (folded[i] == '\r')
		{
			if (i + 2 >= n_folded || folded[i + 1] != '\n' || folded[i + 2] != ' ')
				fail("ical_fold: a CR that is not a fold");
			if (i + 3 >= n_folded)
				fail("ical_fold: a fold at the end of the line");
			if (utf8 && (((unsigned char) folded[i + 3]) & 0xc0) == 0x80)
				fail("ical_fold: a fold inside a UTF-8 character");
			if (line == 0)
				fail("ical_fold: an empty physical line");
			i += 2;
			line = 1;			/* the space */
			continue;
		}
		if (folded[i] == '\n')
			fail("ical_fold: a LF that is not a fold");
		unfolded[n_unfolded++] = folded[i];
		if (++line > ICAL_LINE_OCTETS)
			fail("ical_fold: a physical line longer than 75 octets");
	}
	if (n_unfolded != n_escaped || memcmp(unfolded, escaped, n_escaped) != 0)
		fail("ical_fold: unfolding does not give the line back");

	free(escaped);
	free(expected);
	free(unescaped);
	free(folded);
	free(unfolded);
	return 0;
}
