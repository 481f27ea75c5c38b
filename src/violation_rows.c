/*
 * violation_rows.c
 *		Rows of schooltime.violation, from what a kernel found.
 */
#include "schooltime.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "parser/parse_type.h"
#include "utils/builtins.h"
#include "utils/rangetypes.h"

#include "catalogue.h"
#include "violation.h"
#include "violation_rows.h"
#include "weektime_parse.h"

static Oid
enum_value(const char *type_name, const char *label)
{
	Oid			type = typenameTypeId(NULL, typeStringToTypeName(type_name));

	return DatumGetObjectId(DirectFunctionCall2(enum_in, CStringGetDatum(label), ObjectIdGetDatum(type)));
}

void
violation_rows_init(ViolationRows *rows, TupleDesc desc)
{
	rows->desc = desc;
	rows->range = lookup_type_cache(typenameTypeId(NULL, typeStringToTypeName("schooltime.weektimerange")),
									TYPECACHE_RANGE_INFO);
	rows->severity_error = enum_value("schooltime.severity", "error");
	rows->severity_warning = enum_value("schooltime.severity", "warning");
}

void
violation_row_values(const ViolationRows *rows, const ViolationRow *row, Datum *values, bool *nulls)
{
	const RuleEntry *rule = catalogue_rule(row->rule);

	memset(nulls, false, sizeof(bool) * VIOLATION_COLUMNS);
	values[0] = CStringGetTextDatum(row->rule);
	values[1] = ObjectIdGetDatum(rule->is_error ? rows->severity_error : rows->severity_warning);
	values[2] = CStringGetTextDatum(row->sections ? row->sections : format_sections(rule->sections));
	values[3] = Int64GetDatum(row->centre_id);
	values[4] = CStringGetTextDatum(row->subject);
	values[5] = Int64GetDatum(row->subject_id);
	values[6] = CStringGetTextDatum(row->subject_name);
	values[7] = Int32GetDatum(row->weekday);
	nulls[7] = row->weekday == 0;
	nulls[8] = true;			/* a calendar date: none for a weekly timetable */
	nulls[9] = row->start < 0 || row->end <= row->start;
	if (!nulls[9])
	{
		RangeBound	lower = {WeektimeGetDatum(row->start), false, true, true};
		RangeBound	upper = {WeektimeGetDatum(row->end), false, false, false};

		values[9] = RangeTypePGetDatum(SCHOOLTIME_MAKE_RANGE(rows->range, &lower, &upper, false, NULL));
	}
	values[10] = DirectFunctionCall1(int4_numeric, Int32GetDatum(row->measured));
	values[11] = DirectFunctionCall1(int4_numeric, Int32GetDatum(row->limit));
	values[12] = CStringGetTextDatum(row->unit);
	values[13] = CStringGetTextDatum(row->message);
	values[14] = CStringGetTextDatum(row->detail);
	values[15] = CStringGetTextDatum(row->hint);
	values[16] = Int64GetDatum(row->authorisation_id);
	nulls[16] = row->authorisation_id == 0;
}

Datum
violation_row_datum(const ViolationRows *rows, const ViolationRow *row)
{
	Datum		values[VIOLATION_COLUMNS];
	bool		nulls[VIOLATION_COLUMNS];

	violation_row_values(rows, row, values, nulls);
	return HeapTupleGetDatum(heap_form_tuple(rows->desc, values, nulls));
}

void
violation_row_of_finding(const FindingSubject *s, const st_finding *f, const char **subject_name,
						 ViolationRow *row)
{
	FindingText text;

	finding_text(s, f, &text);
	memset(row, 0, sizeof(*row));
	if (*subject_name == NULL)
	{
		/* 'centre "Institut Les Vinyes"': the name between the quotes */
		char	   *quote = strchr(text.label, '"');

		*subject_name = quote ? pnstrdup(quote + 1, strlen(quote + 1) - 1) : text.label;
	}
	row->rule = text.rule;
	row->sections = text.sections;
	row->centre_id = s->centre_id;
	row->subject = s->kind;
	row->subject_id = s->id;
	row->subject_name = *subject_name;
	row->weekday = f->day;
	row->start = f->start;
	row->end = f->end;
	row->measured = f->measured;
	row->limit = f->limit;
	row->unit = text.unit;
	row->message = text.message;
	row->detail = text.detail;
	row->hint = text.hint;
}

void
violation_row_of_row_finding(const RegimeLimits *limits, int start, int end, const RowFinding *finding,
							 int64 centre_id, int64 group_id, const char *group_name, ViolationRow *row)
{
	char	   *message;
	char	   *detail;
	char	   *hint;

	row_finding_text(limits, start, end, finding, psprintf("group \"%s\"", group_name), &message, &detail, &hint);
	memset(row, 0, sizeof(*row));
	row->rule = finding->rule;
	row->sections = strcmp(finding->rule, "weekday") == 0 ? NULL : format_sections(limits->section);
	row->centre_id = centre_id;
	row->subject = "group";
	row->subject_id = group_id;
	row->subject_name = group_name;
	row->weekday = wt_weekday(start);
	row->start = start;
	row->end = end;
	row->measured = finding->measured;
	row->limit = finding->limit;
	row->unit = finding->unit;
	row->message = message;
	row->detail = detail;
	row->hint = hint;
}
