/*
 * messages.c
 *		schooltime's message catalogue for SQL and PL/pgSQL functions.
 *
 * PostgreSQL translates the messages of C code (ereport looks them up in the
 * module's text domain) but has no gettext for SQL functions.  These
 * functions give them schooltime's: a function's RAISE, or the message,
 * DETAIL and HINT a check() source words, is written with its English text
 * as the msgid,
 *
 *     RAISE EXCEPTION USING MESSAGE = schooltime.format_message(
 *         'schema %s holds no schooltime model', quote_ident(model));
 *
 * and comes out in the language of the session's lc_messages, English when
 * the catalogue has no translation.  tools/nls-sql-messages collects the
 * msgids from the script parts for po/schooltime.pot.
 *
 * format_message() knows the placeholders of format() that a translation
 * may need: %s and %<n>$s (a translation may reorder its arguments), and
 * %%.  They are C's too, so msgfmt checks that a translation keeps them.
 * %I and %L are left out: their quoting is the caller's (quote_ident()).
 */
#include "schooltime.h"

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"

#include "messages.h"
#include "wording.h"

PG_FUNCTION_INFO_V1(schooltime_gettext);
PG_FUNCTION_INFO_V1(schooltime_ngettext);
PG_FUNCTION_INFO_V1(schooltime_format_message);
PG_FUNCTION_INFO_V1(schooltime_format_message_plural);
PG_FUNCTION_INFO_V1(schooltime_date_words);
PG_FUNCTION_INFO_V1(schooltime_weekday_words);
PG_FUNCTION_INFO_V1(schooltime_messages_in_catalan);
PG_FUNCTION_INFO_V1(schooltime_ordinal_words);

/* The text of each argument, as format()'s %s gives it (NULL: empty). */
typedef struct MessageArgs
{
	int			n;
	char	  **texts;
} MessageArgs;

static char *
value_text(Datum value, Oid type)
{
	Oid			output;
	bool		varlena;

	getTypeOutputInfo(type, &output, &varlena);
	return OidOutputFunctionCall(output, value);
}

/* The variadic arguments from argument "first" on, or the VARIADIC array. */
static MessageArgs
message_args(FunctionCallInfo fcinfo, int first)
{
	MessageArgs args = {0, NULL};
	int			i;

	if (get_fn_expr_variadic(fcinfo->flinfo))
	{
		Oid			array_type = get_fn_expr_argtype(fcinfo->flinfo, first);
		Oid			element_type;
		int16		typlen;
		bool		typbyval;
		char		typalign;
		Datum	   *values;
		bool	   *nulls;

		if (PG_ARGISNULL(first))
			return args;
		element_type = get_base_element_type(array_type);
		if (!OidIsValid(element_type))
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("VARIADIC argument must be an array"));
		get_typlenbyvalalign(element_type, &typlen, &typbyval, &typalign);
		deconstruct_array(PG_GETARG_ARRAYTYPE_P(first), element_type, typlen, typbyval, typalign,
						  &values, &nulls, &args.n);
		args.texts = palloc0(sizeof(char *) * Max(args.n, 1));
		for (i = 0; i < args.n; i++)
			args.texts[i] = nulls[i] ? "" : value_text(values[i], element_type);
		return args;
	}
	args.n = PG_NARGS() - first;
	args.texts = palloc0(sizeof(char *) * Max(args.n, 1));
	for (i = 0; i < args.n; i++)
	{
		Oid			type = get_fn_expr_argtype(fcinfo->flinfo, first + i);

		if (PG_ARGISNULL(first + i))
			args.texts[i] = "";
		else if (!OidIsValid(type))
			elog(ERROR, "could not determine the type of argument %d", first + i + 1);
		else
			args.texts[i] = value_text(PG_GETARG_DATUM(first + i), type);
	}
	return args;
}

/*
 * Fills the placeholders of format with args.  The format is a msgid of
 * schooltime's or its translation, so an error here is a defect of the
 * catalogue or of the call, worded as format() words its own.
 */
static text *
format_with(const char *format, const MessageArgs *args)
{
	StringInfoData out;
	const char *p = format;
	int			next = 0;

	initStringInfo(&out);
	while (*p)
	{
		const char *start = p;
		int			arg;

		if (*p != '%')
		{
			appendStringInfoChar(&out, *p++);
			continue;
		}
		p++;
		if (*p == '%')
		{
			appendStringInfoChar(&out, '%');
			p++;
			continue;
		}
		arg = next;
		if (*p >= '1' && *p <= '9')
		{
			int			position = 0;

			while (*p >= '0' && *p <= '9' && position < 1000)
				position = position * 10 + (*p++ - '0');
			if (*p != '$')
				ereport(ERROR,
						errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("unrecognized format() type specifier \"%.*s\"", (int) (p - start + 1), start),
						errdetail("Message \"%s\".", format));
			p++;
			arg = position - 1;
		}
		if (*p != 's')
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("unrecognized format() type specifier \"%.*s\"", (int) (p - start + (*p ? 1 : 0)), start),
					errdetail("Message \"%s\".", format),
					errhint("A message of schooltime takes %%s, %%<n>$s and %%%%."));
		p++;
		if (arg >= args->n)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("too few arguments for format()"),
					errdetail("Message \"%s\".", format));
		appendStringInfoString(&out, args->texts[arg]);
		next = arg + 1;
	}
	return cstring_to_text_with_len(out.data, out.len);
}

static const char *
translated(text *msgid)
{
	return _(text_to_cstring(msgid));
}

static const char *
translated_plural(text *singular, text *plural, int64 n)
{
	/* gettext counts in unsigned long; a negative count reads as its size */
	unsigned long count = (unsigned long) (n < 0 ? -n : n);

	return _n(text_to_cstring(singular), text_to_cstring(plural), count);
}

Datum
schooltime_gettext(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(translated(PG_GETARG_TEXT_PP(0))));
}

Datum
schooltime_ngettext(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(translated_plural(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1),
													   PG_GETARG_INT64(2))));
}

Datum
schooltime_format_message(PG_FUNCTION_ARGS)
{
	MessageArgs args;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	args = message_args(fcinfo, 1);
	PG_RETURN_TEXT_P(format_with(translated(PG_GETARG_TEXT_PP(0)), &args));
}

Datum
schooltime_format_message_plural(PG_FUNCTION_ARGS)
{
	MessageArgs args;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	args = message_args(fcinfo, 3);
	PG_RETURN_TEXT_P(format_with(translated_plural(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1),
												   PG_GETARG_INT64(2)), &args));
}

/* date_text(date): "2018-09-12", "12 de setembre de 2018" */
Datum
schooltime_date_words(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(date_adt_words(PG_GETARG_DATEADT(0))));
}

/* weekday_text(integer): "Monday", "dilluns"; NULL outside 1-7 */
Datum
schooltime_weekday_words(PG_FUNCTION_ARGS)
{
	int32		day = PG_GETARG_INT32(0);

	if (day < 1 || day > 7)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(weekday_words(day)));
}

/* messages_in_catalan(): whether messages use the catalogue's Catalan names */
Datum
schooltime_messages_in_catalan(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(messages_in_catalan());
}

/* ordinal_text(integer): "6th", "número 6" */
Datum
schooltime_ordinal_words(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(ordinal_words(PG_GETARG_INT32(0))));
}

/*
 * A message of C code worded as format_message() words those of SQL: the
 * report-only rules that moved from SQL into check()'s walk keep their
 * msgids and their translations' placeholders (%<n>$s included) this way.
 */
char *
message_format(const char *format, int nargs, const char *const *args)
{
	MessageArgs a;

	a.n = nargs;
	a.texts = (char **) args;
	return text_to_cstring(format_with(format, &a));
}
