-- schooltime's messages in the language of the session (issue 17).  The C
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
