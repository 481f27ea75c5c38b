/*
 * ical_text.c
 *		iCalendar (RFC 5545) escaping and line folding, free of PostgreSQL.
 */
#include "ical_text.h"

size_t
ical_escape(const char *in, size_t len, char *out)
{
	size_t		n = 0;
	size_t		i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) in[i];

		switch (c)
		{
			case '\\':
			case ';':
			case ',':
				out[n++] = '\\';
				out[n++] = (char) c;
				break;
			case '\r':
				if (i + 1 < len && in[i + 1] == '\n')
					i++;
				/* FALLTHROUGH */
			case '\n':
				out[n++] = '\\';
				out[n++] = 'n';
				break;
			default:
				if ((c < 0x20 && c != '\t') || c == 0x7f)
					out[n++] = ' ';
				else
					out[n++] = (char) c;
				break;
		}
	}
	return n;
}

/* Length of the UTF-8 sequence a lead byte starts (1 for a stray byte). */
static size_t
utf8_sequence_length(unsigned char lead)
{
	if (lead < 0x80)
		return 1;
	if (lead >= 0xf0 && lead <= 0xf7)
		return 4;
	if (lead >= 0xe0)
		return lead <= 0xef ? 3 : 1;
	if (lead >= 0xc0)
		return 2;
	return 1;
}

size_t
ical_fold(const char *in, size_t len, char *out)
{
	size_t		n = 0;
	size_t		line = 0;		/* octets on the current physical line */
	size_t		i = 0;

	while (i < len)
	{
		size_t		seq = utf8_sequence_length((unsigned char) in[i]);
		size_t		k;

		if (seq > len - i)
			seq = len - i;
		if (line + seq > ICAL_LINE_OCTETS)
		{
			out[n++] = '\r';
			out[n++] = '\n';
			out[n++] = ' ';
			line = 1;
		}
		for (k = 0; k < seq; k++)
			out[n++] = in[i + k];
		line += seq;
		i += seq;
	}
	return n;
}
