/*
 * trigger_args.c
 *		Which columns of a user's table a schooltime trigger reads.
 */
#include "schooltime.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "parser/parse_coerce.h"
#include "parser/parse_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "trigger_args.h"

void
require_trigger(FunctionCallInfo fcinfo, const char *function_name,
				bool row_level, bool before)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("%s must be called as a trigger", function_name));
	if (row_level != (bool) TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		before != (bool) TRIGGER_FIRED_BEFORE(trigdata->tg_event))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("%s must be fired %s %s", function_name,
					   before ? "BEFORE" : "AFTER",
					   row_level ? "FOR EACH ROW" : "FOR EACH STATEMENT"));
}

static Oid
expected_type(const char *type_name)
{
	return typenameTypeId(NULL, typeStringToTypeName(type_name));
}

ColumnMap *
resolve_trigger_columns(TriggerData *trigdata, const char *function_name,
						const ColumnSpec *specs, int nspecs, MemoryContext mcxt)
{
	Relation	rel = trigdata->tg_relation;
	Trigger    *trigger = trigdata->tg_trigger;
	ColumnMap  *map = MemoryContextAllocZero(mcxt, sizeof(ColumnMap));
	int			i;

	Assert(nspecs <= (int) lengthof(map->attno));
	map->n = nspecs;
	for (i = 0; i < nspecs; i++)
		map->name[i] = specs[i].default_name;

	for (i = 0; i < trigger->tgnargs; i++)
	{
		const char *arg = trigger->tgargs[i];
		const char *equals = strchr(arg, '=');
		int			j;

		if (equals == NULL || equals == arg || equals[1] == '\0')
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("invalid argument \"%s\" of trigger \"%s\" on table \"%s\"",
						   arg, trigger->tgname, RelationGetRelationName(rel)),
					errdetail("Arguments of %s have the form key=column.", function_name));
		for (j = 0; j < nspecs; j++)
			if (strlen(specs[j].key) == (size_t) (equals - arg) &&
				strncmp(specs[j].key, arg, equals - arg) == 0)
				break;
		if (j == nspecs)
		{
			StringInfoData keys;
			int			k;

			initStringInfo(&keys);
			for (k = 0; k < nspecs; k++)
				appendStringInfo(&keys, "%s%s", k ? ", " : "", specs[k].key);
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("unknown key in argument \"%s\" of trigger \"%s\" on table \"%s\"",
						   arg, trigger->tgname, RelationGetRelationName(rel)),
					errdetail("%s takes the keys %s.", function_name, keys.data));
		}
		map->name[j] = MemoryContextStrdup(mcxt, equals + 1);
	}

	for (i = 0; i < nspecs; i++)
	{
		AttrNumber	attno;
		Oid			type;

		if (!specs[i].is_column)
			continue;
		attno = SPI_fnumber(RelationGetDescr(rel), map->name[i]);
		if (attno <= 0)
		{
			if (specs[i].required)
				ereport(ERROR,
						errcode(ERRCODE_UNDEFINED_COLUMN),
						errmsg("table \"%s\" has no column \"%s\" for trigger \"%s\"",
							   RelationGetRelationName(rel), map->name[i], trigger->tgname),
						errdetail("%s reads the %s from that column.", function_name, specs[i].key),
						errhint("Name the column with the trigger argument '%s=column'.", specs[i].key));
			map->attno[i] = InvalidAttrNumber;
			continue;
		}
		map->attno[i] = attno;
		if (specs[i].type_name == NULL)
			continue;
		type = getBaseType(TupleDescAttr(RelationGetDescr(rel), attno - 1)->atttypid);

		/*
		 * A column of a type binary-coercible to the one the trigger reads
		 * holds the same bytes: varchar for text, weekslot (and the 0.2
		 * domain) for weektimerange.
		 */
		if (!IsBinaryCoercible(type, getBaseType(expected_type(specs[i].type_name))))
			ereport(ERROR,
					errcode(ERRCODE_DATATYPE_MISMATCH),
					errmsg("column \"%s\" of table \"%s\" has type %s, but trigger \"%s\" needs %s",
						   map->name[i], RelationGetRelationName(rel), format_type_be(type),
						   trigger->tgname, specs[i].type_name));
	}
	return map;
}
