-- pgTAP: the calendar's objects exist with their shapes, and its functions
-- agree with each other on every day of every shipped year.
BEGIN;
SET client_min_messages = warning;
SELECT plan(27);

SELECT has_table('schooltime', t, t || ' is a catalogue table')
FROM unnest(ARRAY['calendar_teachings', 'calendar_regime_teachings', 'calendar_years', 'calendar_class_periods',
                  'calendar_non_lective_days', 'calendar_intensive_days']) AS t;
SELECT ok((SELECT bool_and(c.oid = ANY (e.extconfig))
           FROM pg_class AS c CROSS JOIN pg_extension AS e
           WHERE e.extname = 'schooltime' AND c.relnamespace = 'schooltime'::regnamespace AND c.relkind = 'r'
             AND c.relname LIKE 'calendar%'),
          'every calendar catalogue table is dumped with the department''s rows (pg_extension_config_dump)');
SELECT ok((SELECT bool_and(has_table_privilege('public', c.oid, 'SELECT'))
           FROM pg_class AS c WHERE c.relnamespace = 'schooltime'::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'calendar%'),
          'everyone may read the calendar catalogue');

SELECT has_function('schooltime', 'is_lective', ARRAY['name', 'bigint', 'date', 'schooltime.regime']);
SELECT has_function('schooltime', 'is_lective', ARRAY['date', 'schooltime.regime']);
SELECT function_returns('schooltime', 'lective_days', ARRAY['name', 'bigint', 'schooltime.school_year', 'schooltime.regime'], 'setof date');
SELECT function_returns('schooltime', 'lective_days', ARRAY['schooltime.school_year', 'schooltime.regime'], 'setof date');
SELECT function_returns('schooltime', 'lective_hours', ARRAY['name', 'bigint', 'bigint'], 'numeric');
SELECT function_returns('schooltime', 'eoi_course_hours_violations', ARRAY['name', 'bigint', 'bigint'], 'setof schooltime.violation');
SELECT function_returns('schooltime', 'calendar_violations', ARRAY['name', 'bigint'], 'setof schooltime.violation');
SELECT function_returns('schooltime', 'ical_group', ARRAY['name', 'bigint', 'bigint'], 'text');
SELECT function_returns('schooltime', 'ical_teacher', ARRAY['name', 'bigint', 'schooltime.school_year'], 'text');
SELECT function_lang_is('schooltime', 'ical_fold', ARRAY['text'], 'c');
SELECT is((SELECT position FROM schooltime.model_parts WHERE name = 'calendar'), 30, 'the calendar is model part 30');

-- every shipped year, every teaching with full dates: the functions agree.
-- The regimes of one teaching share its dates, weekdays and intensive days
-- in every shipped year, so one regime per teaching stands for the others
-- (each is_lective() call computes its whole year).
CREATE TEMPORARY TABLE shipped AS
SELECT DISTINCT ON (y.school_year, rt.teaching) y.school_year, rt.regime
FROM schooltime.calendar_years AS y
JOIN schooltime.calendar_class_periods AS cp ON cp.school_year = y.school_year AND cp.last_day IS NOT NULL
JOIN schooltime.calendar_regime_teachings AS rt ON rt.teaching = cp.teaching
ORDER BY y.school_year, rt.teaching, rt.regime DESC;
SELECT cmp_ok((SELECT count(*) FROM shipped)::integer, '>=', 30, 'at least 30 year-teaching calendars are complete');
SELECT is_empty($$SELECT s.school_year, s.regime, c.day FROM shipped AS s
                  CROSS JOIN LATERAL schooltime.school_calendar(s.school_year, s.regime) AS c
                  WHERE c.lective IS DISTINCT FROM schooltime.is_lective(c.day, s.regime)$$,
                'is_lective agrees with school_calendar on every day');
SELECT is_empty($$SELECT s.school_year, s.regime FROM shipped AS s
                  WHERE (SELECT count(*) FROM schooltime.lective_days(s.school_year, s.regime))
                        <> (SELECT count(*) FROM schooltime.school_calendar(s.school_year, s.regime) AS c WHERE c.lective)$$,
                'lective_days lists exactly the lective days');
SELECT is_empty($$SELECT s.school_year, s.regime, d FROM shipped AS s
                  CROSS JOIN LATERAL schooltime.lective_days(s.school_year, s.regime) AS d
                  WHERE extract(isodow FROM d) > 5
                     OR EXISTS (SELECT FROM schooltime.calendar_non_lective_days AS n
                                WHERE n.school_year = s.school_year AND d BETWEEN n.first_day AND n.last_day)$$,
                'no lective day is a weekend, a vacation or a holiday');
SELECT is_empty($$SELECT s.school_year, s.regime FROM shipped AS s
                  JOIN schooltime.calendar_regime_teachings AS rt ON rt.regime = s.regime
                  JOIN schooltime.calendar_class_periods AS cp ON cp.school_year = s.school_year AND cp.teaching = rt.teaching
                  WHERE (SELECT min(d) FROM schooltime.lective_days(s.school_year, s.regime) AS d) < cp.first_day_until
                     OR (SELECT max(d) FROM schooltime.lective_days(s.school_year, s.regime) AS d) > cp.last_day$$,
                'lective days lie between the first and last day of classes');
SELECT is_empty($$SELECT s.school_year, s.regime, c.day FROM shipped AS s
                  CROSS JOIN LATERAL schooltime.school_calendar(s.school_year, s.regime) AS c
                  WHERE c.intensive AND NOT c.lective$$,
                'only lective days are intensive');
SELECT is_empty($$SELECT y.school_year FROM schooltime.calendar_years AS y
                  WHERE (SELECT count(*) FROM schooltime.school_calendar(y.school_year, 'eso')) <> y.course_end - y.course_start + 1$$,
                'a calendar lists every day of its school year');

-- folding: any text, any length, folds to lines of at most 75 octets and unfolds back
SELECT is_empty($$SELECT n FROM generate_series(0, 400) AS n
                  CROSS JOIN LATERAL (SELECT left(repeat('aà€𝄞', 200), n) AS s) AS t
                  WHERE replace(schooltime.ical_fold(t.s), E'\r\n ', '') <> t.s
                     OR EXISTS (SELECT FROM regexp_split_to_table(schooltime.ical_fold(t.s), E'\r\n') AS l
                                WHERE octet_length(l) > 75)$$,
                'ical_fold keeps every character and no line over 75 octets');

SELECT * FROM finish();
ROLLBACK;
