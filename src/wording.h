/*
 * wording.h
 *		The pieces a message is worded with, in the session's language:
 *		day names, slots, dates, counts.
 *
 * A message is translated whole, as a sentence with placeholders; these
 * fill the placeholders that are words themselves ("Monday", "dilluns")
 * rather than figures.  English is what the msgids say: the day names,
 * "Mon 08:00-09:00" and ISO dates that every message used before it could
 * be translated.
 */
#ifndef SCHOOLTIME_WORDING_H
#define SCHOOLTIME_WORDING_H

#include "schooltime.h"

/*
 * Whether the session's messages are in Catalan: they then name regimes,
 * holidays and authorities by the catalogue's Catalan names (name_ca...)
 * rather than its English ones, and write ordinals as Catalan does.  The
 * message catalogue of the session's language says so.
 */
extern bool messages_in_catalan(void);

/* A name in quotes: "\"Música\"", "«Música»" */
extern char *quoted_words(const char *name);

/* "6th", "número 6": the ordinal of n, as "the %s chosen" needs it */
extern char *ordinal_words(int n);

/* "Monday", "dilluns" (ISO weekday 1-7) */
extern const char *weekday_words(int iso_weekday);

/* "Mon 08:00-09:00", "dl 08:00-09:00" (minutes of the week) */
extern char *slot_words(int start, int end);

/* "Monday 08:00-09:00", "dilluns 08:00-09:00" */
extern char *slot_long_words(int start, int end);

/* "2018-09-12", "12 de setembre de 2018" */
extern char *date_words(int year, int month, int day);
extern char *date_adt_words(int32 date);	/* a DateADT */

/* "." in English, "," in Catalan */
extern const char *decimal_separator(void);

/* "a guard duty", "una guàrdia" (a schooltime.duty_kind label) */
extern char *duty_words(const char *kind);

/* "1 minute", "21 minutes", "21 minuts" */
extern char *minutes_words(int minutes);

#endif							/* SCHOOLTIME_WORDING_H */
