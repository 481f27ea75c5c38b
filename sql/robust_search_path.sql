-- A hostile search_path changes nothing.  Schema robust_evil holds
-- functions, operators, aggregates and tables that shadow what schooltime
-- uses (= and <> on text, bigint, integer, enums and names, && and @> on
-- ranges, lower, upper, count, string_agg, format, quote_ident, to_regclass,
-- current_setting, ..., and tables named like the catalogue's).  Each one
-- answers wrongly and writes down that it was called.  The same writes,
-- approvals, catalogue edits and reports run once with an ordinary
-- search_path and once with robust_evil first (before pg_catalog, and with
-- pg_temp first too): they give the same errors, field by field, and the
-- same results, and no hostile object is ever called.
SET search_path = schooltime, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql
SELECT create_model('robust_sp');
INSERT INTO robust_sp.centres (id, code, name, territory, municipality)
VALUES (1, '08000701', 'Institut de proves', 'Barcelona', 'Barcelona');
INSERT INTO robust_sp.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28), (1, 2, '1r Batxillerat', '2018-2019', 'batxillerat', 1, 30),
       (1, 3, '1r Cicle esportiu', '2018-2019', 'sports', 1, 20);
INSERT INTO robust_sp.teachers (id, name, centre_id, role) VALUES (1, 'Marta Puig', 1, 'teacher'), (2, 'Joan Vives', 1, 'director');
INSERT INTO robust_sp.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
VALUES (1, 1, '2018-2019', 'eso', slot('Mon 08:00-11:00'), 'Matemàtiques', 1),
       (1, 2, '2018-2019', 'batxillerat', slot('Tue 08:00-09:00'), 'Filosofia', NULL);
INSERT INTO robust_sp.duties (centre_id, teacher_id, school_year, slot, kind)
VALUES (1, 1, '2018-2019', slot('Tue 12:00-13:00'), 'guard');
BEGIN;
INSERT INTO robust_sp.outings (centre_id, id, school_year, name, starts_on, ends_on, in_annual_programme,
                               director_authorised_on, families_informed_on)
VALUES (1, 1, '2018-2019', 'Museu', '2019-03-12', '2019-03-12', true, '2019-02-10', '2019-02-20');
INSERT INTO robust_sp.outing_groups (centre_id, outing_id, group_id, pupils) VALUES (1, 1, 1, 2);
INSERT INTO robust_sp.outing_pupils (centre_id, outing_id, group_id, pupil, family_authorisation)
VALUES (1, 1, 1, 'Alumne 1', 'yearly'), (1, 1, 1, 'Alumne 2', 'yearly');
INSERT INTO robust_sp.outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 1, 1), (1, 1, 2);
COMMIT;

-- the hostile schema: every object logs its call and lies
CREATE SCHEMA robust_evil;
CREATE TABLE robust_evil.calls (object text, by_user name DEFAULT current_user);
GRANT ALL ON SCHEMA robust_evil TO PUBLIC;
GRANT ALL ON robust_evil.calls TO PUBLIC;
CREATE FUNCTION robust_evil.called(object text) RETURNS void LANGUAGE sql
AS $$ INSERT INTO robust_evil.calls (object) VALUES (object) $$;
DO $evil$
DECLARE
    t text;
BEGIN
    -- comparisons that always say yes (=) or no (<>, &&, @>, <, >)
    FOREACH t IN ARRAY ARRAY['text', 'bigint', 'integer', 'smallint', 'name', 'anyenum', 'boolean', 'date', 'oid', 'regclass', '"char"'] LOOP
        EXECUTE format('CREATE FUNCTION robust_evil.always(%1$s, %1$s) RETURNS boolean LANGUAGE plpgsql '
                       'AS $f$ BEGIN PERFORM robust_evil.called(%2$L); RETURN true; END $f$', t, '= on ' || t);
        EXECUTE format('CREATE FUNCTION robust_evil.never(%1$s, %1$s) RETURNS boolean LANGUAGE plpgsql '
                       'AS $f$ BEGIN PERFORM robust_evil.called(%2$L); RETURN false; END $f$', t, '<> on ' || t);
        EXECUTE format('CREATE OPERATOR robust_evil.= (LEFTARG = %1$s, RIGHTARG = %1$s, FUNCTION = robust_evil.always)', t);
        EXECUTE format('CREATE OPERATOR robust_evil.<> (LEFTARG = %1$s, RIGHTARG = %1$s, FUNCTION = robust_evil.never)', t);
        EXECUTE format('CREATE OPERATOR robust_evil.< (LEFTARG = %1$s, RIGHTARG = %1$s, FUNCTION = robust_evil.never)', t);
        EXECUTE format('CREATE OPERATOR robust_evil.> (LEFTARG = %1$s, RIGHTARG = %1$s, FUNCTION = robust_evil.never)', t);
    END LOOP;
END
$evil$;
CREATE FUNCTION robust_evil.never(anyrange, anyrange) RETURNS boolean LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('range operator'); RETURN false; END $$;
CREATE OPERATOR robust_evil.&& (LEFTARG = anyrange, RIGHTARG = anyrange, FUNCTION = robust_evil.never);
CREATE OPERATOR robust_evil.@> (LEFTARG = anyrange, RIGHTARG = anyrange, FUNCTION = robust_evil.never);
CREATE FUNCTION robust_evil.lower(anyrange) RETURNS anyelement LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('lower'); RETURN NULL; END $$;
CREATE FUNCTION robust_evil.upper(anyrange) RETURNS anyelement LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('upper'); RETURN NULL; END $$;
CREATE FUNCTION robust_evil.isempty(anyrange) RETURNS boolean LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('isempty'); RETURN true; END $$;
CREATE FUNCTION robust_evil.count_step(bigint) RETURNS bigint LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('count'); RETURN 0; END $$;
CREATE AGGREGATE robust_evil.count(*) (SFUNC = robust_evil.count_step, STYPE = bigint, INITCOND = '0');
CREATE FUNCTION robust_evil.count_any_step(bigint, anyelement) RETURNS bigint LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('count'); RETURN 0; END $$;
CREATE AGGREGATE robust_evil.count(anyelement) (SFUNC = robust_evil.count_any_step, STYPE = bigint, INITCOND = '0');
CREATE FUNCTION robust_evil.agg_step(text, text, text) RETURNS text LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('string_agg'); RETURN 'evil'; END $$;
CREATE AGGREGATE robust_evil.string_agg(text, text) (SFUNC = robust_evil.agg_step, STYPE = text);
CREATE FUNCTION robust_evil.format(text) RETURNS text LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('format'); RETURN 'evil'; END $$;
CREATE FUNCTION robust_evil.format(text, text) RETURNS text LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('format'); RETURN 'evil'; END $$;
CREATE FUNCTION robust_evil.quote_ident(text) RETURNS text LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('quote_ident'); RETURN 'evil'; END $$;
CREATE FUNCTION robust_evil.quote_literal(text) RETURNS text LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('quote_literal'); RETURN '''evil'''; END $$;
CREATE FUNCTION robust_evil.to_regclass(text) RETURNS regclass LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('to_regclass'); RETURN NULL; END $$;
CREATE FUNCTION robust_evil.current_setting(text) RETURNS text LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('current_setting'); RETURN 'off'; END $$;
CREATE FUNCTION robust_evil.current_setting(text, boolean) RETURNS text LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('current_setting'); RETURN 'on'; END $$;
CREATE FUNCTION robust_evil.set_config(text, text, boolean) RETURNS text LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('set_config'); RETURN $2; END $$;
CREATE FUNCTION robust_evil.btrim(text) RETURNS text LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('btrim'); RETURN 'x'; END $$;
CREATE FUNCTION robust_evil.now() RETURNS timestamptz LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('now'); RETURN '2000-01-01'; END $$;
CREATE FUNCTION robust_evil.slot(text) RETURNS schooltime.weekslot LANGUAGE plpgsql
AS $$ BEGIN PERFORM robust_evil.called('slot'); RETURN schooltime.slot('Mon 08:00-08:01'); END $$;
-- tables named like the catalogue's and the model's, empty
CREATE TABLE robust_evil.rules (LIKE schooltime.rules);
CREATE TABLE robust_evil.timetable_limits (LIKE schooltime.timetable_limits);
CREATE TABLE robust_evil.staff_limits (LIKE schooltime.staff_limits);
CREATE TABLE robust_evil.rule_exceptions (LIKE schooltime.rule_exceptions);
CREATE TABLE robust_evil.sessions (LIKE robust_sp.sessions);
CREATE TABLE robust_evil.class_groups (LIKE robust_sp.class_groups);
GRANT SELECT ON ALL TABLES IN SCHEMA robust_evil TO PUBLIC;
-- and temporary tables of the same names, which pg_temp puts first
CREATE TEMPORARY TABLE rules (LIKE schooltime.rules);
CREATE TEMPORARY TABLE timetable_limits (LIKE schooltime.timetable_limits);
CREATE TEMPORARY TABLE sessions (LIKE robust_sp.sessions);
-- the hostile objects work: with robust_evil first, plain SQL calls them
SET search_path = robust_evil, pg_catalog, schooltime;
SELECT 'a'::text = 'b'::text AS a_equals_b, lower(int4range(1, 5)) AS lower_bound, count(*) AS count_of_one_row,
       format('%s', 'x') AS formatted;
RESET search_path;
SELECT count(DISTINCT object) AS hostile_objects_called FROM robust_evil.calls;
TRUNCATE robust_evil.calls;

-- Runs a statement under a search_path and reports its outcome (undone),
-- itself pinned to pg_catalog so that the report is not the hostile one.
CREATE FUNCTION pg_temp.run_under(path text, statement text)
RETURNS TABLE (code text, constraint_name text, table_name text, message text, detail text, hint text)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    BEGIN
        PERFORM pg_catalog.set_config('search_path', path, true);
        EXECUTE statement;
        RAISE EXCEPTION USING ERRCODE = 'UNDO0';
    EXCEPTION WHEN SQLSTATE 'UNDO0' THEN
        RETURN QUERY SELECT 'ok'::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text;
        RETURN;
    END;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, constraint_name = CONSTRAINT_NAME,
        table_name = TABLE_NAME, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    RETURN NEXT;
END
$$;

-- the statements: each writes with literals and schema-qualified names
-- only, so that whatever a hostile object changes, it changes inside schooltime
CREATE TEMPORARY TABLE statements (n integer PRIMARY KEY, what text, statement text);
INSERT INTO statements VALUES
(1, 'a compliant session', $$INSERT INTO robust_sp.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
    VALUES (1, 1, '2018-2019', 'eso', schooltime.slot('Mon 11:30-12:30'), 'Llengua', 1)$$),
(2, 'weekday', $$INSERT INTO robust_sp.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'eso', schooltime.slot('Sat 09:00-10:00'), 'x')$$),
(3, 'window', $$INSERT INTO robust_sp.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'eso', schooltime.slot('Tue 07:00-08:00'), 'x')$$),
(4, 'session_length', $$INSERT INTO robust_sp.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 3, '2018-2019', 'sports', schooltime.slot('Tue 09:00-09:30'), 'x')$$),
(5, 'group_overlap', $$INSERT INTO robust_sp.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'eso', schooltime.slot('Mon 10:00-11:00'), 'x')$$),
(6, 'continuous', $$INSERT INTO robust_sp.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'eso', schooltime.slot('Mon 11:00-12:00'), 'x')$$),
(7, 'daily_max', $$INSERT INTO robust_sp.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'eso', schooltime.slot('Mon 11:30-14:30'), 'x'), (1, 1, '2018-2019', 'eso', schooltime.slot('Mon 15:00-17:00'), 'y')$$),
(8, 'teacher_overlap', $$INSERT INTO robust_sp.duties (centre_id, teacher_id, school_year, slot, kind)
    VALUES (1, 1, '2018-2019', schooltime.slot('Mon 10:30-11:30'), 'guard')$$),
(9, 'teacher_midday', $$INSERT INTO robust_sp.duties (centre_id, teacher_id, school_year, slot, kind)
    VALUES (1, 1, '2018-2019', schooltime.slot('Tue 08:00-12:00'), 'guard'), (1, 1, '2018-2019', schooltime.slot('Tue 13:00-18:00'), 'guard')$$),
(10, 'teacher_week', $$INSERT INTO robust_sp.duties (centre_id, teacher_id, school_year, slot, kind)
    SELECT 1, 1, '2018-2019', schooltime.weekslot(d, '00:00', '15:00'), 'coordination' FROM pg_catalog.generate_series(3, 5) AS d$$),
(11, 'approval', $$UPDATE robust_sp.class_groups SET approval = 'provisional' WHERE id OPERATOR(pg_catalog.=) 2$$),
(12, 'a catalogue edit, then a write it forbids', $$UPDATE schooltime.timetable_limits SET window_end = '10:00'
    WHERE school_year OPERATOR(pg_catalog.=) '2018-2019' AND regime OPERATOR(pg_catalog.=) 'eso';
    INSERT INTO robust_sp.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'eso', schooltime.slot('Wed 09:30-10:30'), 'x')$$),
(13, 'deleting a shipped catalogue row', $$DELETE FROM schooltime.rules WHERE code OPERATOR(pg_catalog.=) 'window'$$),
(14, 'a local catalogue row replaces the shipped one', $$INSERT INTO schooltime.staff_limits
    (school_year, week_max_minutes, midday_free_minutes, midday_window_start, midday_window_end, afternoon_start, default_min_guards, source)
    VALUES ('2018-2019', 60, 60, '12:00', '16:00', '15:00', 2, 'test');
    INSERT INTO robust_sp.duties (centre_id, teacher_id, school_year, slot, kind)
    VALUES (1, 1, '2018-2019', schooltime.slot('Wed 08:00-09:00'), 'guard')$$),
(15, 'an authorisation schooltime does not allow', $$INSERT INTO robust_sp.authorisations
    (centre_id, school_year, rule, group_id, authorised_by, authorised_on, reason)
    VALUES (1, '2018-2019', 'window', 1, 'Directora', '2018-09-01', 'Perquè sí')$$),
(16, 'an authorisation that lets a session in', $$INSERT INTO robust_sp.authorisations
    (centre_id, school_year, rule, group_id, authorised_by, authorised_on, reason)
    VALUES (1, '2018-2019', 'continuous', 3, 'Serveis Territorials', '2018-09-01', 'Pràctiques a la muntanya');
    INSERT INTO robust_sp.sessions (centre_id, group_id, school_year, regime, slot, subject, kind)
    VALUES (1, 3, '2018-2019', 'sports', schooltime.slot('Wed 08:00-11:00'), 'x', 'outdoor_practice'),
           (1, 3, '2018-2019', 'sports', schooltime.slot('Wed 11:00-12:00'), 'y', 'outdoor_practice')$$),
(20, 'the same run without the authorisation', $$INSERT INTO robust_sp.sessions (centre_id, group_id, school_year, regime, slot, subject, kind)
    VALUES (1, 3, '2018-2019', 'sports', schooltime.slot('Wed 08:00-11:00'), 'x', 'outdoor_practice'),
           (1, 3, '2018-2019', 'sports', schooltime.slot('Wed 11:00-12:00'), 'y', 'outdoor_practice')$$),
(17, 'an outing with one escort, at commit', $$DELETE FROM robust_sp.outing_escorts WHERE teacher_id OPERATOR(pg_catalog.=) 2;
    SET CONSTRAINTS ALL IMMEDIATE$$),
(18, 'a free day more than the year allows', $$INSERT INTO robust_sp.free_days (centre_id, school_year, day)
    SELECT 1, '2018-2019', d FROM pg_catalog.unnest('{2018-11-02,2018-12-07,2019-02-25,2019-03-04,2019-03-05,2019-04-12}'::date[]) AS d$$),
(19, 'schooltime.enforce off for a moment', $$SET LOCAL schooltime.enforce = off;
    INSERT INTO robust_sp.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'eso', schooltime.slot('Sun 09:00-10:00'), 'x');
    SET LOCAL schooltime.enforce = on;
    DO 'BEGIN IF (SELECT pg_catalog.count(*) FROM schooltime.unchecked_writes AS w WHERE w.relation OPERATOR(pg_catalog.=) ''robust_sp.sessions'') OPERATOR(pg_catalog.<>) 1 THEN RAISE EXCEPTION ''not recorded''; END IF; END'$$);

CREATE TEMPORARY TABLE outcomes AS
SELECT p.path, s.n, o.*
FROM (VALUES ('schooltime, public'), ('robust_evil, pg_catalog, schooltime'),
             ('pg_temp, robust_evil, pg_catalog, schooltime, public')) AS p (path)
CROSS JOIN statements AS s
CROSS JOIN LATERAL pg_temp.run_under(p.path, s.statement) AS o;

-- what each statement gets with an ordinary search_path
SELECT s.n, s.what, o.code, o.constraint_name, o.message
FROM statements AS s JOIN outcomes AS o ON o.n = s.n AND o.path = 'schooltime, public' ORDER BY s.n;
-- and any difference under the hostile ones, field by field (none)
SELECT h.path, h.n, h.code, h.constraint_name, h.table_name, h.message, h.detail, h.hint
FROM outcomes AS h JOIN outcomes AS o ON o.n = h.n AND o.path = 'schooltime, public'
WHERE h.path <> o.path
  AND (h.code, h.constraint_name, h.table_name, h.message, h.detail, h.hint)
      IS DISTINCT FROM (o.code, o.constraint_name, o.table_name, o.message, o.detail, o.hint);
SELECT count(*) AS outcomes_compared FROM outcomes;

-- reports read the same under every search_path
CREATE FUNCTION pg_temp.report_under(path text) RETURNS SETOF text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    line text;
    report text;
BEGIN
    FOREACH report IN ARRAY ARRAY[
        'SELECT schooltime.to_text(s.slot) FROM robust_sp.sessions AS s',
        'SELECT v::text FROM schooltime.outing_violations(''robust_sp'') AS v',
        'SELECT v::text FROM schooltime.check(''robust_sp'') AS v',
        'SELECT v::text FROM schooltime.calendar_violations(''robust_sp'', 1) AS v',
        'SELECT c::text FROM schooltime.school_calendar(''robust_sp'', 1, ''2018-2019'', ''eso'') AS c',
        'SELECT schooltime.ical_group(''robust_sp'', 1, 1)',
        'SELECT schooltime.required_escorts(''eso'', 1, 45, 1, ''2018-2019'')::text',
        'SELECT schooltime.weekday_name(schooltime.weekday(''dimecres''), ''ca'')'] LOOP
        PERFORM pg_catalog.set_config('search_path', path, true);
        FOR line IN EXECUTE report LOOP
            RETURN NEXT pg_catalog.regexp_replace(line, 'DTSTAMP:[0-9TZ]+', 'DTSTAMP:now', 'g');
        END LOOP;
        PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    END LOOP;
END
$$;
CREATE TEMPORARY TABLE report_ordinary AS SELECT * FROM pg_temp.report_under('schooltime, public') AS r (line);
CREATE TEMPORARY TABLE report_hostile AS SELECT * FROM pg_temp.report_under('pg_temp, robust_evil, pg_catalog, schooltime') AS r (line);
SELECT (SELECT count(*) FROM report_ordinary) > 250 AS reports_read,
       NOT EXISTS (SELECT * FROM report_ordinary EXCEPT ALL SELECT * FROM report_hostile)
       AND NOT EXISTS (SELECT * FROM report_hostile EXCEPT ALL SELECT * FROM report_ordinary) AS the_same;

-- no hostile object was ever called by schooltime
SELECT object, by_user, count(*) FROM robust_evil.calls GROUP BY 1, 2 ORDER BY 1;

RESET search_path;
SET search_path = schooltime, public;
SET client_min_messages = warning;
DROP SCHEMA robust_sp CASCADE;
DROP SCHEMA robust_evil CASCADE;
RESET client_min_messages;
