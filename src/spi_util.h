/*
 * spi_util.h
 *		SPI with a pinned search_path.
 *
 * Every query schooltime runs through SPI names its objects with their
 * schema, and runs with search_path set to pg_catalog, pg_temp for its
 * duration, so that no object in the caller's search_path (a function or
 * operator shadowing a built-in) can change what it does.
 */
#ifndef SCHOOLTIME_SPI_UTIL_H
#define SCHOOLTIME_SPI_UTIL_H

#include "schooltime.h"

typedef struct SpiScope
{
	int			guc_nest_level;
} SpiScope;

/* SPI_connect, then pin search_path until spi_scope_end. */
extern void spi_scope_begin(SpiScope *scope);
extern void spi_scope_end(SpiScope *scope);

/* SPI_execute, raising an internal error unless the result is expected. */
extern void spi_exec_checked(const char *query, int expected);

/* SPI_execute_with_args, likewise. */
extern void spi_exec_args_checked(const char *query, int nargs, Oid *argtypes,
								  Datum *values, const char *nulls, int expected);

/* The schema-qualified, quoted name of a relation, for SQL text. */
extern char *qualified_relation_name(Oid relid);

#endif							/* SCHOOLTIME_SPI_UTIL_H */
