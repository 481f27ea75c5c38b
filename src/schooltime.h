/*
 * schooltime.h
 *		Declarations shared by the server-side modules of schooltime.
 *
 * Version differences between PostgreSQL 13 and 17 are absorbed here and
 * nowhere else.
 */
#ifndef SCHOOLTIME_H
#define SCHOOLTIME_H

#include "postgres.h"

#include "fmgr.h"

/*
 * Messages in schooltime's own text domain, "schooltime-15" for
 * PostgreSQL 15 (PG_TEXTDOMAIN appends the major version, as the installed
 * catalogue's name does: po/ca.po becomes
 * <localedir>/ca/LC_MESSAGES/schooltime-15.mo).  utils/elog.h defines
 * TEXTDOMAIN as NULL, the core's domain, so it is redefined here, after
 * postgres.h, as plpgsql.h does: every ereport, errmsg, errdetail, errhint
 * and errcontext of a file that includes this header is looked up in
 * schooltime's catalogue.  _PG_init binds the domain.  A .c file that
 * reports anything includes this header first (tools/tests/nls-complete
 * checks the compiled objects).
 */
#undef TEXTDOMAIN
#define TEXTDOMAIN PG_TEXTDOMAIN("schooltime")

#undef _
#define _(x) dgettext(TEXTDOMAIN, x)

/*
 * A message whose wording depends on a number: "1 teacher", "3 teachers".
 * The count picks the form the language's plural rule gives (Catalan has
 * two, as English; other languages more).
 */
#define _n(singular, plural, n) dngettext(TEXTDOMAIN, singular, plural, n)

/*
 * A short message that means one thing here and another elsewhere ("none"
 * as a count of escorts, "none" as an empty list), told apart by a
 * context for the translator (gettext's msgctxt).
 */
#define _c(context, msgid) schooltime_pgettext(context "\004" msgid, msgid)
extern const char *schooltime_pgettext(const char *context_and_msgid, const char *msgid);

/*
 * Soft input errors (pg_input_is_valid) arrived in PostgreSQL 16.  Older
 * servers only know hard errors, which is what ereturn falls back to.
 */
#if PG_VERSION_NUM < 160000
#define ereturn(context, dummy_value, ...) \
	do { \
		(void) (context); \
		ereport(ERROR, __VA_ARGS__); \
		return dummy_value; \
	} while (0)
#define SCHOOLTIME_MAKE_RANGE(typcache, lower, upper, empty, escontext) \
	make_range((typcache), (lower), (upper), (empty))
#define SCHOOLTIME_RANGE_SERIALIZE(typcache, lower, upper, empty, escontext) \
	range_serialize((typcache), (lower), (upper), (empty))
#define SCHOOLTIME_QUALIFIED_NAME_LIST(string) stringToQualifiedNameList(string)
#else
#define SCHOOLTIME_MAKE_RANGE(typcache, lower, upper, empty, escontext) \
	make_range((typcache), (lower), (upper), (empty), (escontext))
#define SCHOOLTIME_RANGE_SERIALIZE(typcache, lower, upper, empty, escontext) \
	range_serialize((typcache), (lower), (upper), (empty), (escontext))
#define SCHOOLTIME_QUALIFIED_NAME_LIST(string) stringToQualifiedNameList((string), NULL)
#endif

/*
 * SPI can hand a query's rows to a DestReceiver, uncopied, since
 * PostgreSQL 14; before, they come through a cursor's tuple tables.
 */
#define SCHOOLTIME_SPI_HAS_DEST (PG_VERSION_NUM >= 140000)

/* The schema every object of the extension lives in (not relocatable). */
#define SCHOOLTIME_SCHEMA "schooltime"

/* weektime is a minute of the week stored as an int16. */
#define DatumGetWeektime(d)		DatumGetInt16(d)
#define WeektimeGetDatum(m)		Int16GetDatum((int16) (m))
#define PG_GETARG_WEEKTIME(n)	DatumGetWeektime(PG_GETARG_DATUM(n))
#define PG_RETURN_WEEKTIME(m)	return WeektimeGetDatum(m)

/* weektime.c */
extern int	time_to_minute_of_day(int64 time);
extern int	weekday_from_text(struct varlena *name);
extern void check_iso_weekday(int day);

/* weekslot.c: the [start, end) minutes of a slot; false if it is empty. */
extern bool weekslot_bounds(Datum slot, int *start, int *end);

#endif							/* SCHOOLTIME_H */
