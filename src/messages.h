/*
 * messages.h
 *		schooltime's message catalogue, for C code that words a message as
 *		its SQL functions do (messages.c).
 */
#ifndef SCHOOLTIME_MESSAGES_H
#define SCHOOLTIME_MESSAGES_H

#include "schooltime.h"

/*
 * format (a msgid already translated, _() or _n()) with its placeholders
 * %s, %<n>$s and %% filled from args, as schooltime.format_message() fills
 * them.
 */
extern char *message_format(const char *format, int nargs, const char *const *args);

/* message_format() with its arguments listed */
#define MESSAGE(format, ...) \
	message_format((format), lengthof(((const char *const[]) {__VA_ARGS__})), (const char *const[]) {__VA_ARGS__})

#endif							/* SCHOOLTIME_MESSAGES_H */
