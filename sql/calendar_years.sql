-- The school years that ship (2018-2019 to 2026-2027), their general
-- holidays, the school year of a date and "this year" by default, and what
-- happens past the shipped years (issue 14).
SET search_path = schooltime, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql

-- the school year of a date: 1 September to 31 August, catalogued or not
SELECT d AS day, school_year_of(d)
FROM unnest(ARRAY['2026-08-31', '2026-09-01', '2026-12-31', '2027-01-01', '2027-08-31', '2027-09-01',
                  '2031-02-28', NULL]::date[]) AS d;
-- "today" is CURRENT_DATE unless schooltime.today says otherwise
SELECT current_school_year() = school_year_of(CURRENT_DATE) AS today_by_default;
SET schooltime.today = '2026-12-06';
SELECT current_school_year() AS on_2026_12_06;
SET schooltime.today = '2027-09-01';
SELECT current_school_year() AS on_2027_09_01;
SET schooltime.today = 'demà';
SELECT * FROM pg_temp.error_of($$SELECT schooltime.current_school_year()$$);
RESET schooltime.today;

-- Easter (Meeus's algorithm) and the general holidays it moves
SELECT y, easter_sunday(y), to_char(easter_sunday(y), 'Dy') AS dow
FROM generate_series(2019, 2030) AS y;
SELECT day, to_char(day, 'Dy') AS dow, name_en, name_ca FROM general_holidays('2026-2027');
SELECT count(*) AS holidays, min(day), max(day) FROM general_holidays('2030-2031');
SELECT * FROM general_holidays(NULL);

-- every shipped year, from its order; its general holidays, none missing
SELECT y.school_year, y.order_name, y.free_days_max,
       (SELECT count(*) FROM calendar_non_lective_days AS n WHERE n.school_year = y.school_year AND n.kind = 'holiday') AS holidays,
       (SELECT count(*) FROM calendar_non_lective_days AS n WHERE n.school_year = y.school_year AND n.kind = 'vacation') AS vacations,
       (SELECT count(*) FROM missing_general_holidays(y.school_year)) AS missing
FROM calendar_years AS y ORDER BY y.school_year;
-- the days the orders of festes laborals left out or added, against the computed set
SELECT g.school_year, coalesce(g.day, n.first_day) AS day, to_char(coalesce(g.day, n.first_day), 'Dy') AS dow,
       coalesce(g.name_en, n.name_en) AS name, CASE WHEN n.first_day IS NULL THEN 'left out' ELSE 'added' END AS by_the_order
FROM (SELECT y.school_year, h.* FROM calendar_years AS y CROSS JOIN LATERAL general_holidays(y.school_year) AS h) AS g
FULL JOIN (SELECT * FROM calendar_non_lective_days WHERE kind = 'holiday') AS n
       ON n.school_year = g.school_year AND n.first_day = g.day
WHERE g.day IS NULL OR n.first_day IS NULL
ORDER BY 2;

-- 11 September, 1 November, 6 and 8 December and 1 May: never lective on a
-- weekday of a class period, year by year (ESO and primària)
SELECT y.school_year, d.day, to_char(d.day, 'Dy') AS dow,
       d.day BETWEEN eso.first_day AND eso.last_day AS in_eso_period,
       is_lective(d.day, 'eso') AS eso, is_lective(d.day, 'primaria') AS primaria,
       (SELECT c.reason FROM school_calendar(y.school_year, 'eso') AS c WHERE c.day = d.day) AS eso_reason
FROM calendar_years AS y
CROSS JOIN LATERAL class_period(NULL, NULL, y.school_year, 'eso') AS eso
CROSS JOIN LATERAL (VALUES (make_date(substr(y.school_year, 1, 4)::integer, 9, 11)),
                           (make_date(substr(y.school_year, 1, 4)::integer, 11, 1)),
                           (make_date(substr(y.school_year, 1, 4)::integer, 12, 6)),
                           (make_date(substr(y.school_year, 1, 4)::integer, 12, 8)),
                           (make_date(substr(y.school_year, 6, 4)::integer, 5, 1))) AS d (day)
ORDER BY d.day;
SELECT count(*) AS general_holidays_lective
FROM calendar_years AS y
CROSS JOIN unnest(enum_range(NULL::regime)) AS r
CROSS JOIN LATERAL class_period(NULL, NULL, y.school_year, r, true) AS p
CROSS JOIN LATERAL general_holidays(y.school_year) AS h
WHERE p.first_day IS NOT NULL AND p.last_day IS NOT NULL AND h.day BETWEEN p.first_day AND p.last_day
  AND is_lective(h.day, r);

-- the lective days of each shipped year from the catalogue alone
SELECT y.school_year, r AS regime, p.first_day, p.last_day, count(d) AS lective_days
FROM calendar_years AS y
CROSS JOIN unnest(ARRAY['primaria', 'eso', 'batxillerat']::regime[]) AS r
CROSS JOIN LATERAL class_period(NULL, NULL, y.school_year, r) AS p
CROSS JOIN LATERAL lective_days(y.school_year, r) AS d
GROUP BY y.school_year, r, p.first_day, p.last_day ORDER BY 1, 2;

-- 2026-2027: the class period's weekdays less the general holidays, from
-- the catalogue alone, and less four free-disposal days and two local
-- holidays at a centre: the 177 days the Department published
SELECT (SELECT count(*) FROM generate_series(date '2026-09-08', date '2027-06-18', interval '1 day') AS g
        WHERE extract(isodow FROM g) < 6
          AND NOT EXISTS (SELECT FROM calendar_non_lective_days AS n
                          WHERE n.school_year = '2026-2027' AND n.kind = 'vacation' AND g::date BETWEEN n.first_day AND n.last_day)
          AND g::date NOT IN (SELECT day FROM general_holidays('2026-2027'))) AS weekdays_less_holidays,
       (SELECT count(*) FROM lective_days('2026-2027', 'eso')) AS eso,
       (SELECT count(*) FROM lective_days('2026-2027', 'primaria')) AS primaria;

SELECT create_model('yr');
INSERT INTO yr.centres (id, code, name, territory, municipality) VALUES
    (1, '08030001', 'Institut del Curs', 'Vallès Occidental', 'Terrassa');
INSERT INTO yr.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2026-2027', 'eso', 1, 28);
INSERT INTO yr.local_holidays (municipality, day, name) VALUES
    ('Terrassa', '2026-09-07', 'Festa major'), ('Terrassa', '2027-02-15', 'Festa local');
SELECT * FROM pg_temp.outcome_of($$INSERT INTO yr.local_holidays VALUES ('Terrassa', '2027-05-17', 'Tercera festa')$$);
UPDATE yr.local_holidays SET day = '2026-09-14' WHERE day = '2026-09-07';
INSERT INTO yr.free_days (centre_id, school_year, day, description) VALUES
    (1, '2026-2027', '2026-12-07', 'pont de la Immaculada'), (1, '2026-2027', '2027-02-12', 'Carnestoltes'),
    (1, '2026-2027', '2027-04-30', 'pont de maig'), (1, '2026-2027', '2027-05-31', 'final de maig');
SELECT * FROM pg_temp.outcome_of($$INSERT INTO yr.free_days (centre_id, school_year, day) VALUES (1, '2026-2027', '2027-06-04')$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO yr.free_days (centre_id, school_year, day) VALUES (1, '2026-2027', '2026-12-08')$$);
SELECT c.day, c.status, c.reason FROM school_calendar('yr', 1, '2026-2027', 'eso') AS c
WHERE c.status IN ('holiday', 'local_holiday', 'free_day') ORDER BY c.day;
SELECT count(*) AS lective_days_at_the_centre FROM lective_days('yr', 1, '2026-2027', 'eso');
-- this year by default
SET schooltime.today = '2026-12-06';
SELECT (SELECT count(*) FROM lective_days('yr', 1, 'eso')) AS centre_this_year,
       (SELECT count(*) FROM lective_days('eso')) AS catalogue_this_year,
       (SELECT count(*) FROM school_calendar('eso')) AS days_this_year;
-- a row written without a school year is of this school year
SELECT c.table_name, c.column_default FROM information_schema.columns AS c
WHERE c.table_schema = 'yr' AND c.column_name = 'school_year' ORDER BY c.table_name;
SELECT schooltime.model_behind('yr') AS behind;
BEGIN;
SET LOCAL schooltime.today = '2027-08-31';
INSERT INTO yr.class_groups (centre_id, id, name, regime, level, pupils) VALUES (1, 3, '2n ESO A', 'eso', 2, 27);
SET LOCAL schooltime.today = '2027-09-01';
INSERT INTO yr.class_groups (centre_id, id, name, regime, level, pupils) VALUES (1, 4, '2n ESO A', 'eso', 2, 27);
SELECT id, name, school_year FROM yr.class_groups WHERE id IN (3, 4) ORDER BY id;
-- (a model without the defaults is behind; upgrade_model() gives them back)
ALTER TABLE yr.class_groups ALTER COLUMN school_year DROP DEFAULT;
SELECT schooltime.model_behind('yr') AS behind_without;
SET LOCAL client_min_messages = warning;
SELECT upgrade_model('yr');
SELECT schooltime.model_behind('yr') AS behind_after;
ROLLBACK;
RESET schooltime.today;

-- a fresh install takes a 2026-2027 ESO week, and refuses what breaks a rule
INSERT INTO yr.sessions (centre_id, group_id, school_year, regime, slot, subject, kind)
SELECT 1, 1, '2026-2027', 'eso'::regime, weekslot(d, s, e), subject, kind::session_kind
FROM generate_series(1, 5) AS d
CROSS JOIN LATERAL (VALUES ('08:00'::time, '09:00'::time, 'Matemàtiques', 'lesson'), ('09:00', '10:00', 'Llengua catalana', 'lesson'),
                           ('10:00', '11:00', 'Anglès', 'lesson'), ('11:00', '11:30', 'Esbarjo', 'recess'),
                           ('11:30', '12:30', 'Ciències de la naturalesa', 'lesson'), ('12:30', '13:30', 'Geografia', 'lesson')) AS m (s, e, subject, kind)
UNION ALL
SELECT 1, 1, '2026-2027', 'eso'::regime, weekslot(d, s, e), subject, 'lesson'::session_kind
FROM (VALUES (1, '13:30'::time, '14:30'::time, 'Educació física'), (2, '13:30', '14:30', 'Música'), (4, '13:30', '14:30', 'Tecnologia'),
             (3, '15:00', '16:00', 'Visual i plàstica'), (5, '15:00', '16:00', 'Tutoria')) AS a (d, s, e, subject);
SELECT count(*) AS sessions, sum(minutes(slot)) FILTER (WHERE kind <> 'recess') / 60 AS weekly_hours
FROM yr.sessions WHERE group_id = 1;
SELECT rule, severity, message FROM schooltime.check('yr')
WHERE rule IN ('weekday', 'window', 'session_length', 'group_overlap', 'continuous', 'daily_max', 'weekly_hours',
               'free_afternoons', 'indicative_day')
ORDER BY rule, message;
BEGIN;
DELETE FROM yr.sessions WHERE group_id = 1 AND subject = 'Tutoria';
SELECT rule, severity, message, detail FROM schooltime.check('yr') WHERE rule IN ('weekly_hours', 'free_afternoons');
ROLLBACK;
SELECT * FROM pg_temp.outcome_of($$INSERT INTO yr.sessions (centre_id, group_id, school_year, regime, slot, subject)
                                   VALUES (1, 1, '2026-2027', 'eso', slot('Mon 17:00-18:00'), 'Taller')$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO yr.sessions (centre_id, group_id, school_year, regime, slot, subject)
                                   VALUES (1, 1, '2026-2027', 'eso', slot('Mon 17:30-18:30'), 'Taller')$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO yr.sessions (centre_id, group_id, school_year, regime, slot, subject)
                                   VALUES (1, 1, '2026-2027', 'eso', slot('Wed 16:00-17:30'), 'Taller')$$);
SELECT * FROM pg_temp.outcome_of($$UPDATE yr.sessions SET slot = weekslot(2, '11:00', '11:30'), kind = 'lesson', subject = 'Reforç'
                                   WHERE group_id = 1 AND slot = weekslot(2, '11:00', '11:30')$$);

-- past the shipped years: no_data_found, with what to insert or carry over
SELECT * FROM pg_temp.error_of($$SELECT is_lective('2027-09-16', 'eso')$$);
SELECT * FROM pg_temp.error_of($$SELECT count(*) FROM lective_days('2027-2028', 'eso')$$);
SELECT * FROM pg_temp.error_of($$SELECT count(*) FROM lective_days('2026-2027', 'adults')$$);
BEGIN;
INSERT INTO yr.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 2, '1r ESO A', '2027-2028', 'eso', 1, 28);
SELECT * FROM pg_temp.error_of($$INSERT INTO yr.sessions (centre_id, group_id, school_year, regime, slot, subject)
                                 VALUES (1, 2, '2027-2028', 'eso', slot('Mon 08:00-09:00'), 'Matemàtiques')$$);
ROLLBACK;
SELECT * FROM pg_temp.error_of($$SELECT add_general_holidays('2027-2028')$$);

-- a department adds 2027-2028 (announced: 8 September 2027 to 22 June 2028);
-- at commit it is told the year lacks its general holidays
INSERT INTO calendar_years (school_year, course_start, course_end, free_days_max, order_name, source)
VALUES ('2027-2028', '2027-09-01', '2028-08-31', 4, 'the calendar order for 2027-2028', 'Department test data');
INSERT INTO calendar_class_periods (school_year, teaching, first_day_from, first_day_until, last_day, source)
VALUES ('2027-2028', 'eso', '2027-09-08', '2027-09-08', '2028-06-22', 'Department test data');
SELECT day, to_char(day, 'Dy') AS dow, name_en FROM missing_general_holidays('2027-2028');
SELECT is_lective('2027-10-12', 'eso') AS oct12_before, count(*) AS lective_before FROM lective_days('2027-2028', 'eso');
BEGIN;
SELECT add_general_holidays('2027-2028') AS added;
SELECT add_general_holidays('2027-2028') AS added_again;
SELECT count(*) AS missing_after, (SELECT count(*) FROM lective_days('2027-2028', 'eso')) AS lective_after,
       (SELECT bool_and(origin = 'local' AND source LIKE 'General holiday computed by schooltime.general_holidays() for 2027-2028, added by % on ____-__-__; check it against that year''s order of festes laborals.')
        FROM calendar_non_lective_days WHERE school_year = '2027-2028') AS local_rows_say_so
FROM missing_general_holidays('2027-2028');
-- a row taken away is told at commit too
DELETE FROM calendar_non_lective_days WHERE school_year = '2027-2028' AND first_day = '2027-12-08';
COMMIT;
-- a holiday the year's order moves is a row of its own
INSERT INTO calendar_non_lective_days (school_year, first_day, last_day, kind, name_en, name_ca, source)
VALUES ('2027-2028', '2027-12-08', '2027-12-08', 'holiday', 'Immaculate Conception', 'la Immaculada', 'Department test data');
SELECT count(*) AS missing_at_last FROM missing_general_holidays('2027-2028');
-- the department's rows go as they came, the year with them, without a word
BEGIN;
DELETE FROM calendar_non_lective_days WHERE school_year = '2027-2028';
DELETE FROM calendar_class_periods WHERE school_year = '2027-2028';
DELETE FROM calendar_years WHERE school_year = '2027-2028';
COMMIT;

SET client_min_messages = warning;
DROP SCHEMA yr CASCADE;
RESET client_min_messages;
