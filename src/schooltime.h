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
