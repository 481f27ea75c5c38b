-- schooltime's messages in the language of the session (issue 17), early
-- among the parts because the SQL functions of later ones call them.  The C
-- code's errors, DETAILs and HINTs are looked up in schooltime's own text
-- domain (src/schooltime.h); these functions give the same catalogue to the
-- SQL and PL/pgSQL functions, whose RAISEs and check() rows are written with
-- the English text as the msgid.  Under lc_messages = 'ca_ES.UTF-8' the
-- messages come out in Catalan; English is the default and the fallback.
-- tools/nls-sql-messages collects the msgids of these calls for
-- po/schooltime.pot (doc/messages.md).

CREATE FUNCTION schooltime.gettext(msgid text) RETURNS text
    AS 'MODULE_PATHNAME', 'schooltime_gettext' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.gettext(text) IS
'the translation of one of schooltime''s messages in the language of lc_messages, or the message itself when the catalogue has none';

CREATE FUNCTION schooltime.ngettext(singular text, plural text, n bigint) RETURNS text
    AS 'MODULE_PATHNAME', 'schooltime_ngettext' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.ngettext(text, text, bigint) IS
'the translation of one of schooltime''s messages whose wording depends on a count n (''1 teacher'', ''3 teachers''), in the form the language of lc_messages gives n';

CREATE FUNCTION schooltime.format_message(msgid text, VARIADIC args "any") RETURNS text
    AS 'MODULE_PATHNAME', 'schooltime_format_message' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.format_message(text, "any") IS
'one of schooltime''s messages translated into the language of lc_messages, its placeholders (%s, %<n>$s; %% is a percent sign) filled with the arguments as format()''s %s fills them';

CREATE FUNCTION schooltime.format_message_plural(singular text, plural text, n bigint, VARIADIC args "any") RETURNS text
    AS 'MODULE_PATHNAME', 'schooltime_format_message_plural' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.format_message_plural(text, text, bigint, "any") IS
'one of schooltime''s messages whose wording depends on a count n, translated into the language of lc_messages in the form it gives n, its placeholders filled as format_message() fills them';

-- The words a message is written with, in the session's language.
CREATE FUNCTION schooltime.date_text(day date) RETURNS text
    AS 'MODULE_PATHNAME', 'schooltime_date_words' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.date_text(date) IS
'a date as schooltime''s messages write it in the language of lc_messages: ''2018-09-12'' (ISO 8601) in English, ''12 de setembre de 2018'' in Catalan';

CREATE FUNCTION schooltime.weekday_text(iso_weekday integer) RETURNS text
    AS 'MODULE_PATHNAME', 'schooltime_weekday_words' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.weekday_text(integer) IS
'the name of an ISO weekday (1 Monday ... 7 Sunday) as schooltime''s messages write it in the language of lc_messages: ''Monday'', ''dilluns''; NULL outside 1-7';

CREATE FUNCTION schooltime.messages_in_catalan() RETURNS boolean
    AS 'MODULE_PATHNAME', 'schooltime_messages_in_catalan' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.messages_in_catalan() IS
'whether schooltime''s messages are in Catalan under the current lc_messages: they then name regimes, holidays and authorities by the catalogue''s Catalan names (name_ca) rather than its English ones (name_en)';

CREATE FUNCTION schooltime.ordinal_text(n integer) RETURNS text
    AS 'MODULE_PATHNAME', 'schooltime_ordinal_words' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.ordinal_text(integer) IS
'an ordinal as schooltime''s messages write it in the language of lc_messages: ''6th'' in English, ''número 6'' in Catalan';

-- The helpers a report calls for every row (number_words, message_forms,
-- section_text) have SQL-standard bodies, bound when they are
-- created, instead of pinning search_path: PostgreSQL never inlines a
-- function with a SET clause, and the call with its setting saved and
-- restored cost number_words 5.8 us a row against 1 us inlined (62,000
-- rows of equity_violations() over a region).  A bound body depends on no
-- search_path at run time (test/structure.sql lets only such SQL
-- functions go without the setting).
CREATE FUNCTION schooltime.number_words(value numeric) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
    -- translator: the decimal separator of the numbers in messages; in Catalan ","
    RETURN pg_catalog.replace(pg_catalog.trim_scale(value)::pg_catalog.text, '.', schooltime.gettext('.'));
COMMENT ON FUNCTION schooltime.number_words(numeric) IS
'a figure as schooltime''s messages write it in the language of lc_messages, without trailing zeros: ''20.5'' in English, ''20,5'' in Catalan';

CREATE FUNCTION schooltime.message_forms(singular text, plural text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ARRAY[singular, plural];
COMMENT ON FUNCTION schooltime.message_forms(text, text) IS
'a message whose wording depends on a count, untranslated: marks its two English forms for schooltime''s message catalogue where a query picks the form row by row, handing them to format_message_plural() with the count';

CREATE FUNCTION schooltime.series_words(items text[]) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN pg_catalog.cardinality(items) <= 1 THEN items[1]
                -- translator: the last two items of a list, "a, b and c"; in Catalan "%s i %s"
                ELSE schooltime.format_message('%s and %s',
                                               pg_catalog.array_to_string(items[1:pg_catalog.cardinality(items) - 1], ', '),
                                               items[pg_catalog.cardinality(items)]) END
$$;
COMMENT ON FUNCTION schooltime.series_words(text[]) IS
'items as a message lists them in the language of lc_messages: ''a'', ''a and b'', ''a, b and c'' in English, ''a, b i c'' in Catalan';
