/*
 * spi_util.h
 *		SPI with a pinned search_path, and plans kept for small statements.
 *
 * Every query schooltime runs through SPI names its objects with their
 * schema, and runs with search_path set to pg_catalog, pg_temp for its
 * duration, so that no object in the caller's search_path (a function or
 * operator shadowing a built-in) can change what it does.
 *
 * A scope may keep its plans: each query text is then prepared once per
 * backend (and per relation whose transition tables it reads) and run from
 * that plan by every later scope that keeps plans, instead of being parsed
 * and planned afresh.  The write-time checks keep plans for small
 * statements, whose plan (index lookups of a few keys) is the same every
 * time; a bulk statement plans its queries for its own size, so that a COPY
 * keeps its hash joins.  Kept plans are dropped when a relation they read
 * changes (any DDL, an upgrade of the model, a new ANALYZE): see
 * spi_util.c.
 */
#ifndef SCHOOLTIME_SPI_UTIL_H
#define SCHOOLTIME_SPI_UTIL_H

#include "schooltime.h"

#include "executor/spi.h"

typedef struct SpiScope
{
	int			guc_nest_level;
	bool		keep_plans;		/* run queries from kept plans */
	Oid			transition_relid;	/* the relation whose transition tables the queries read */
	bool		outer_keep_plans;
	Oid			outer_transition_relid;
} SpiScope;

/* SPI_connect, then pin search_path until spi_scope_end; plans are made for each query. */
extern void spi_scope_begin(SpiScope *scope);

/*
 * The same, keeping plans if keep_plans; transition_relid is the relation
 * whose transition tables (registered with SPI_register_trigger_data) the
 * queries name, or InvalidOid: a kept plan reads them by their columns.
 */
extern void spi_scope_begin_keeping(SpiScope *scope, bool keep_plans, Oid transition_relid);
extern void spi_scope_end(SpiScope *scope);

/* SPI_execute, raising an internal error unless the result is expected. */
extern void spi_exec_checked(const char *query, int expected);

/* SPI_execute_with_args, likewise. */
extern void spi_exec_args_checked(const char *query, int nargs, Oid *argtypes,
								  Datum *values, const char *nulls, int expected);

/* A cursor on query (read-only, with the active snapshot), from a kept plan if the scope keeps them. */
extern Portal spi_cursor_open_checked(const char *query, int nargs, Oid *argtypes,
									  Datum *values, const char *nulls);

/* The schema-qualified, quoted name of a relation, for SQL text. */
extern char *qualified_relation_name(Oid relid);

/* Registers the invalidation of kept plans; called once, from _PG_init. */
extern void kept_plans_init(void);

/* How many plans this backend keeps (for tests and the benchmark). */
extern int	kept_plans_count(void);

#endif							/* SCHOOLTIME_SPI_UTIL_H */
