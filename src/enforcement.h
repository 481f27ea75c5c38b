/*
 * enforcement.h
 *		The one switch that turns schooltime's checks off, and its record.
 *
 * schooltime.enforce is a superuser-only setting.  When it is off, every
 * trigger lets writes through unchecked, and the first unchecked write of
 * each table in a transaction is recorded in schooltime.unchecked_writes,
 * so that what got in can be found afterwards (schooltime.check() finds the
 * violations themselves).  A table's owner can also disable its triggers
 * with ALTER TABLE; an event trigger records that too.
 */
#ifndef SCHOOLTIME_ENFORCEMENT_H
#define SCHOOLTIME_ENFORCEMENT_H

#include "schooltime.h"

#include "utils/rel.h"

extern bool schooltime_enforce;

extern void enforcement_init(void);

/*
 * True when checks run.  When they do not, records the unchecked write of
 * rel (once per table and transaction) and returns false.
 */
extern bool enforcement_on(Relation rel, const char *operation);

#endif							/* SCHOOLTIME_ENFORCEMENT_H */
