/*
 * ical.c
 *		SQL functions for the iCalendar export: text escaping and folding.
 *
 * The export itself (extension/0.1--0.2/32-calendar-rules-ical.sql) builds content lines
 * in SQL; these two functions apply RFC 5545's byte-level rules, which are
 * awkward in SQL because they count octets, not characters.
 */
#include "schooltime.h"

#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "ical_text.h"

PG_FUNCTION_INFO_V1(schooltime_ical_escape);
PG_FUNCTION_INFO_V1(schooltime_ical_fold);

/* Octet counts are only meaningful in UTF-8, iCalendar's charset. */
static void
require_utf8(void)
{
	int			encoding = GetDatabaseEncoding();

	if (encoding != PG_UTF8 && encoding != PG_SQL_ASCII)
		ereport(ERROR,
				errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				errmsg("iCalendar text needs a UTF8 database, not %s", GetDatabaseEncodingName()),
				errdetail("RFC 5545 counts a content line in UTF-8 octets."),
				errhint("Export from a database created with ENCODING 'UTF8'."));
}

Datum
schooltime_ical_escape(PG_FUNCTION_ARGS)
{
	text	   *in = PG_GETARG_TEXT_PP(0);
	size_t		len = VARSIZE_ANY_EXHDR(in);
	char	   *buf;
	size_t		n;

	require_utf8();
	buf = palloc(ICAL_ESCAPE_BOUND(len) + 1);
	n = ical_escape(VARDATA_ANY(in), len, buf);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, (int) n));
}

Datum
schooltime_ical_fold(PG_FUNCTION_ARGS)
{
	text	   *in = PG_GETARG_TEXT_PP(0);
	size_t		len = VARSIZE_ANY_EXHDR(in);
	const char *data = VARDATA_ANY(in);
	char	   *buf;
	size_t		n;

	require_utf8();
	if (memchr(data, '\r', len) != NULL || memchr(data, '\n', len) != NULL)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("an iCalendar content line cannot hold a line break"),
				errdetail("Line breaks inside a value are written as \\n by ical_escape()."),
				errhint("Escape the value with schooltime.ical_escape() before folding the line."));
	buf = palloc(ICAL_FOLD_BOUND(len) + 1);
	n = ical_fold(data, len, buf);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, (int) n));
}
