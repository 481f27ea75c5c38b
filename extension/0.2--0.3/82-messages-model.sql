-- Messages in the language of the session (issue 17): the functions of the
-- released scripts (extension/0.1/, extension/0.1--0.2/) whose RAISEs word
-- a refusal are redefined here, unchanged but for their messages, which
-- come from schooltime's message catalogue (02-messages.sql).  This part:
-- the catalogue's guard, the model's creation and authorisations.

CREATE OR REPLACE FUNCTION schooltime.catalogue_row_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $guard$
DECLARE
    key_condition text;
    key_unchanged boolean;
BEGIN
    IF schooltime.creating_extension() THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF OLD.origin = 'shipped'
           AND current_setting('schooltime.replacing_shipped_row', true) IS DISTINCT FROM 'on' THEN
            RAISE EXCEPTION USING MESSAGE = schooltime.format_message('cannot delete a shipped row of %s', TG_TABLE_NAME),
                      ERRCODE = 'restrict_violation',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = schooltime.gettext('Shipped rows come back with every restore and upgrade of the extension.'),
                      HINT = schooltime.gettext('UPDATE the row instead: set a figure to NULL to lift a limit, or to the value the order gives.');
        END IF;
        RETURN OLD;
    END IF;
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('cannot truncate %s', TG_TABLE_NAME),
                  ERRCODE = 'restrict_violation',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = schooltime.gettext('It holds rows shipped with the extension.'),
                  HINT = schooltime.gettext('DELETE the local rows you want to remove.');
    END IF;
    SELECT string_agg(format('%I IS NOT DISTINCT FROM ($1).%I', k, k), ' AND ')
      INTO key_condition
      FROM unnest(TG_ARGV) AS k;
    IF TG_OP = 'UPDATE' AND OLD.origin = 'shipped' THEN
        EXECUTE (SELECT 'SELECT ' || string_agg(format('($1).%I IS NOT DISTINCT FROM ($2).%I', k, k), ' AND ')
                   FROM unnest(TG_ARGV) AS k)
           INTO key_unchanged USING OLD, NEW;
        IF NOT key_unchanged THEN
            RAISE EXCEPTION USING MESSAGE = schooltime.format_message('cannot change the key of a shipped row of %s', TG_TABLE_NAME),
                      ERRCODE = 'restrict_violation',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = schooltime.format_message('The key columns are %s.', array_to_string(TG_ARGV, ', ')),
                      HINT = schooltime.gettext('INSERT a row with the new key instead.');
        END IF;
    END IF;
    NEW.origin := 'local';
    IF TG_OP = 'INSERT' THEN
        -- A local row takes the place of the shipped row with the same key:
        -- this is how pg_restore brings a department's edits back.
        PERFORM set_config('schooltime.replacing_shipped_row', 'on', true);
        EXECUTE format('DELETE FROM %I.%I WHERE origin = %L AND %s',
                       TG_TABLE_SCHEMA, TG_TABLE_NAME, 'shipped', key_condition)
            USING NEW;
        PERFORM set_config('schooltime.replacing_shipped_row', 'off', true);
    END IF;
    RETURN NEW;
END
$guard$;

CREATE OR REPLACE FUNCTION schooltime.check_model_schema(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $check$
BEGIN
    IF schema_name IS NULL OR schema_name IN ('schooltime', 'pg_catalog', 'information_schema', 'pg_toast')
       OR schema_name LIKE 'pg\_temp%' OR schema_name LIKE 'pg\_toast%' THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('cannot create the schooltime model in schema %s',
                                                                  coalesce(quote_ident(schema_name), 'NULL')),
                  ERRCODE = 'invalid_schema_name',
                  DETAIL = schooltime.gettext('The model holds the department''s own data, which must live apart from system and extension schemas.'),
                  HINT = schooltime.gettext('Name a schema of your own, such as timetables.');
    END IF;
END
$check$;

CREATE OR REPLACE FUNCTION schooltime.create_model(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $model$
BEGIN
    PERFORM schooltime.check_model_schema(schema_name);
    IF to_regclass(format('%I.sessions', schema_name)) IS NOT NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('schema %s already holds a schooltime model', quote_ident(schema_name)),
                  ERRCODE = 'duplicate_table',
                  HINT = schooltime.gettext('To bring an existing model up to this version of schooltime, call schooltime.upgrade_model().');
    END IF;
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', schema_name);
    PERFORM schooltime.build_model(schema_name);
END
$model$;

CREATE OR REPLACE FUNCTION schooltime.upgrade_model(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $upgrade$
BEGIN
    PERFORM schooltime.check_model_schema(schema_name);
    IF to_regclass(format('%I.sessions', schema_name)) IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('schema %s holds no schooltime model', quote_ident(schema_name)),
                  ERRCODE = 'undefined_table',
                  HINT = schooltime.gettext('Create one with schooltime.create_model().');
    END IF;
    PERFORM schooltime.build_model(schema_name);
END
$upgrade$;

CREATE OR REPLACE FUNCTION schooltime.authorisation_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $guard$
DECLARE
    exception_row schooltime.rule_exceptions;
    subject text;
    subject_regime schooltime.regime;
BEGIN
    subject := CASE WHEN NEW.outing_id IS NOT NULL THEN 'outing'
                    WHEN NEW.session_id IS NOT NULL THEN 'session'
                    WHEN NEW.group_id IS NOT NULL THEN 'group'
                    ELSE 'centre' END;
    SELECT * INTO exception_row FROM schooltime.rule_exceptions WHERE rule = NEW.rule;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('rule %s cannot be set aside by an authorisation', NEW.rule),
                  ERRCODE = 'check_violation', CONSTRAINT = 'authorisation_allowed',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = schooltime.format_message('The document allows exceptions only to %s.',
                                  (SELECT string_agg(rule, ', ' ORDER BY rule) FROM schooltime.rule_exceptions)),
                  HINT = schooltime.gettext('Correct the timetable instead.');
    END IF;
    IF NOT subject = ANY (exception_row.subjects) THEN
        RAISE EXCEPTION USING MESSAGE = CASE subject
                      WHEN 'outing' THEN schooltime.format_message('an authorisation of rule %s cannot name an outing', NEW.rule)
                      WHEN 'session' THEN schooltime.format_message('an authorisation of rule %s cannot name a session', NEW.rule)
                      WHEN 'group' THEN schooltime.format_message('an authorisation of rule %s cannot name a group', NEW.rule)
                      ELSE schooltime.format_message('an authorisation of rule %s cannot name a centre', NEW.rule) END,
                  ERRCODE = 'check_violation', CONSTRAINT = 'authorisation_subject',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = schooltime.format_message('Under section %s the exception is granted by %s, and covers %s.', exception_row.section,
                                  CASE WHEN schooltime.messages_in_catalan() THEN exception_row.authority_ca ELSE exception_row.authority_en END,
                                  (SELECT string_agg(CASE s WHEN 'outing' THEN schooltime.gettext('an outing')
                                                            WHEN 'session' THEN schooltime.gettext('a session')
                                                            WHEN 'group' THEN schooltime.gettext('a group')
                                                            WHEN 'centre' THEN schooltime.gettext('a centre')
                                                            ELSE s END,
                                                     -- translator: between the subjects an authorisation may name, "a group or a session"
                                                     schooltime.gettext(' or '))
                                   FROM unnest(exception_row.subjects) AS s)),
                  HINT = schooltime.gettext('Name one of those subjects.');
    END IF;
    IF exception_row.regimes IS NOT NULL AND subject IN ('group', 'session') THEN
        IF subject = 'group' THEN
            EXECUTE format('SELECT regime FROM %I.class_groups WHERE centre_id = $1 AND id = $2', TG_TABLE_SCHEMA)
                INTO subject_regime USING NEW.centre_id, NEW.group_id;
        ELSE
            EXECUTE format('SELECT regime FROM %I.sessions WHERE centre_id = $1 AND id = $2', TG_TABLE_SCHEMA)
                INTO subject_regime USING NEW.centre_id, NEW.session_id;
        END IF;
        IF subject_regime IS NOT NULL AND NOT subject_regime = ANY (exception_row.regimes) THEN
            RAISE EXCEPTION USING MESSAGE = schooltime.format_message('rule %s cannot be set aside for a group of %s', NEW.rule,
                    (SELECT CASE WHEN schooltime.messages_in_catalan() THEN name_ca ELSE name_en END
                     FROM schooltime.regimes WHERE regime = subject_regime)),
                      ERRCODE = 'check_violation', CONSTRAINT = 'authorisation_regime',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = schooltime.format_message('Section %s allows the exception for %s only.', exception_row.section,
                                      (SELECT string_agg(CASE WHEN schooltime.messages_in_catalan() THEN r.name_ca ELSE r.name_en END,
                                                         ', ' ORDER BY r.regime)
                                       FROM schooltime.regimes AS r WHERE r.regime = ANY (exception_row.regimes))),
                      HINT = schooltime.gettext('Correct the timetable instead.');
        END IF;
    END IF;
    IF exception_row.requires_council AND NOT NEW.school_council_heard THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('an authorisation of rule %s needs the school council to have been heard', NEW.rule),
                  ERRCODE = 'check_violation', CONSTRAINT = 'authorisation_council',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = schooltime.format_message('Section %s: %s.', exception_row.section,
                                  CASE WHEN schooltime.messages_in_catalan() THEN exception_row.authority_ca ELSE exception_row.authority_en END),
                  HINT = schooltime.gettext('Record the authorisation once the school council has been heard, with school_council_heard = true.');
    END IF;
    RETURN NEW;
END
$guard$;
