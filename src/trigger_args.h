/*
 * trigger_args.h
 *		Which columns of a user's table a schooltime trigger reads.
 *
 * The reference model's tables use the default column names.  A
 * department that attaches the triggers to tables of its own names its
 * columns with trigger arguments of the form 'key=column', for example
 * EXECUTE FUNCTION schooltime.session_row_rules('slot=time_slot').
 */
#ifndef SCHOOLTIME_TRIGGER_ARGS_H
#define SCHOOLTIME_TRIGGER_ARGS_H

#include "schooltime.h"

#include "commands/trigger.h"

typedef struct ColumnSpec
{
	const char *key;			/* name in trigger arguments: "slot" */
	const char *default_name;	/* column name when no argument names it */
	bool		required;		/* the table must have it */
	bool		is_column;		/* false: the value is a name, not a column of this table */
	const char *type_name;		/* expected base type, schema-qualified, or NULL */
} ColumnSpec;

typedef struct ColumnMap
{
	int			n;
	AttrNumber	attno[16];		/* InvalidAttrNumber for an absent optional column */
	const char *name[16];		/* resolved names (and values of non-column keys) */
} ColumnMap;

/*
 * Resolves specs against the trigger's relation and arguments, checking
 * that every required column exists with the expected type.  The map is
 * allocated in mcxt.
 */
extern ColumnMap *resolve_trigger_columns(TriggerData *trigdata, const char *function_name,
										  const ColumnSpec *specs, int nspecs,
										  MemoryContext mcxt);

/* Raises unless called as the expected kind of trigger. */
extern void require_trigger(FunctionCallInfo fcinfo, const char *function_name,
							bool row_level, bool before);

#endif							/* SCHOOLTIME_TRIGGER_ARGS_H */
