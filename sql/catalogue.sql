-- The rule catalogue: every rule and figure is data, keyed by school year
-- and regime; a department changes a limit with UPDATE and the next write
-- sees it; shipped rows are protected; local rows are what pg_dump saves.
SET search_path = schooltime, public;
\i sql/include/error_of.sql

-- every rule, with its sections, severity and when it is checked
SELECT code, sections, severity, checked, subject FROM rules ORDER BY checked, code;
SELECT count(*) AS rules, count(*) FILTER (WHERE description_en <> '' AND description_ca <> '') AS described FROM rules;

SELECT regime, name_en, name_ca FROM regimes ORDER BY regime;

-- the figures of 2018-2019, per regime
SELECT regime, section, first_weekday || '-' || last_weekday AS days, window_start || '-' || window_end AS window,
       session_min_minutes AS s_min, session_max_minutes AS s_max, continuous_max_minutes AS run_max,
       break_min_minutes AS brk, daily_max_minutes AS day_max, daily_span_max_minutes AS span_max,
       recess_is_lective AS recess_lective, weekly_min_minutes AS wk_min, weekly_max_minutes AS wk_max,
       afternoon_start AS pm, max_free_afternoons AS free_pm, single_shift
FROM timetable_limits WHERE school_year = '2018-2019' ORDER BY regime;
SELECT regime, morning_min_minutes, morning_max_minutes, afternoon_min_minutes, afternoon_max_minutes,
       day_end_not_before, midday_break_min_minutes, indicative_daily_minutes, indicative_morning_minutes,
       indicative_afternoon_minutes, course_min_hours
FROM timetable_limits WHERE school_year = '2018-2019'
  AND (morning_min_minutes IS NOT NULL OR indicative_daily_minutes IS NOT NULL OR course_min_hours IS NOT NULL)
ORDER BY regime;
-- the years shipped, each with its source
SELECT school_year, count(*) AS regimes,
       count(*) FILTER (WHERE source IS NULL OR source = '') AS without_source
FROM timetable_limits GROUP BY school_year ORDER BY school_year;
SELECT regime, window_start, window_end FROM timetable_limits
WHERE school_year = '2020-2021' AND regime IN ('infantil', 'primaria', 'eso', 'batxillerat', 'fp') ORDER BY regime;

SELECT * FROM staff_limits ORDER BY school_year;
SELECT stage, multi_day, pupils_per_escort, section FROM escort_ratios WHERE school_year = '2018-2019' ORDER BY stage, multi_day;
SELECT regime, first_level, last_level, stage FROM escort_stages ORDER BY regime, first_level;
SELECT school_year, min_escorts, min_teacher_escorts, abroad_authorisation_valid FROM outing_limits ORDER BY school_year;
SELECT regime, max_absence_percent, section FROM attendance_thresholds WHERE school_year = '2018-2019' ORDER BY regime;
SELECT DISTINCT origin FROM rules UNION ALL SELECT DISTINCT origin FROM timetable_limits;

-- A department changes a limit with UPDATE; the very next write sees it.
SELECT create_model('cat');
INSERT INTO cat.centres (id, code, name, territory, municipality) VALUES (1, '17000001', 'Institut de proves', 'Girona', 'Girona');
INSERT INTO cat.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 1, '3r ESO B', '2018-2019', 'eso', 3, 25), (1, 2, 'Anglès C1', '2018-2019', 'eoi_ordinary', 5, 22);
CREATE FUNCTION pg_temp.late_session() RETURNS text LANGUAGE sql AS
$$ SELECT code || coalesce(': ' || message, '') FROM pg_temp.outcome_of($q$
     INSERT INTO cat.sessions (centre_id, group_id, school_year, regime, slot, subject)
     VALUES (1, 1, '2018-2019', 'eso', schooltime.slot('Mon 18:00-18:45'), 'Visual i plàstica')$q$) $$;
SELECT pg_temp.late_session() AS before_the_change;
BEGIN;
UPDATE timetable_limits SET window_end = '18:30' WHERE school_year = '2018-2019' AND regime = 'eso';
SELECT pg_temp.late_session() AS after_the_change;
SELECT regime, window_end, origin FROM timetable_limits WHERE origin = 'local';
ROLLBACK;
SELECT pg_temp.late_session() AS after_rollback;

-- session bounds, likewise
BEGIN;
UPDATE timetable_limits SET session_max_minutes = 120 WHERE school_year = '2018-2019' AND regime = 'eoi_ordinary';
SELECT code, constraint_name, message FROM pg_temp.outcome_of($$
    INSERT INTO cat.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 2, '2018-2019', 'eoi_ordinary', schooltime.slot('Tue 18:00-20:01'), 'Anglès')$$);
ROLLBACK;

-- a department may make a rule a warning: it is then reported, never refused
BEGIN;
UPDATE rules SET severity = 'warning' WHERE code = 'window';
SELECT pg_temp.late_session() AS window_as_warning;
UPDATE timetable_limits SET window_end = '18:30' WHERE school_year = '2018-2019' AND regime = 'eso';
SELECT pg_temp.late_session() AS still_a_warning;
ROLLBACK;

-- A local row with the key of a shipped row takes its place (this is how a
-- restore brings a department's edits back); new keys are plain inserts.
BEGIN;
INSERT INTO timetable_limits (school_year, regime, section, window_start, window_end, source)
VALUES ('2018-2019', 'adults', '2.3', '08:30', '22:00', 'Resolució del Departament (exemple)');
SELECT school_year, regime, window_start, window_end, daily_max_minutes, source LIKE 'Resolució%' AS departments_source, origin
FROM timetable_limits WHERE regime = 'adults' ORDER BY school_year, origin;
INSERT INTO staff_limits (school_year, week_max_minutes, midday_free_minutes, midday_window_start, midday_window_end,
                          afternoon_start, default_min_guards, source)
VALUES ('2027-2028', 2250, 60, '12:00', '16:00', '15:00', 2, 'Ordre del curs 2027-2028 (exemple)');
SELECT school_year, default_min_guards, origin FROM staff_limits ORDER BY school_year;
ROLLBACK;

-- shipped rows cannot be deleted, truncated or re-keyed; local rows can be deleted
SELECT * FROM pg_temp.error_of($$DELETE FROM schooltime.timetable_limits WHERE regime = 'eso'$$);
SELECT * FROM pg_temp.error_of($$TRUNCATE schooltime.escort_ratios$$);
SELECT * FROM pg_temp.error_of($$UPDATE schooltime.timetable_limits SET school_year = '2019-2020' WHERE school_year = '2018-2019' AND regime = 'fp'$$);
SELECT * FROM pg_temp.error_of($$DELETE FROM schooltime.rules WHERE code = 'weekday'$$);
BEGIN;
INSERT INTO escort_ratios (school_year, stage, multi_day, pupils_per_escort, source)
VALUES ('2027-2028', 'eso', false, 18, 'Normes d''organització del centre (exemple)');
DELETE FROM escort_ratios WHERE school_year = '2027-2028';
SELECT count(*) AS left_after_delete FROM escort_ratios WHERE school_year = '2027-2028';
ROLLBACK;

-- figures are checked: whole minutes, sensible windows and bounds
SELECT code, constraint_name, message FROM pg_temp.error_of($$UPDATE schooltime.timetable_limits SET window_start = '08:00:30' WHERE regime = 'eso'$$);
SELECT code, constraint_name, message FROM pg_temp.error_of($$UPDATE schooltime.timetable_limits SET window_end = '07:00' WHERE regime = 'eso'$$);
SELECT code, constraint_name, message FROM pg_temp.error_of($$UPDATE schooltime.timetable_limits SET session_max_minutes = 30 WHERE regime = 'eoi_ordinary'$$);
SELECT code, constraint_name, message FROM pg_temp.error_of($$UPDATE schooltime.timetable_limits SET last_weekday = 8 WHERE regime = 'eso'$$);
SELECT code, constraint_name, message FROM pg_temp.error_of($$INSERT INTO schooltime.timetable_limits (school_year, regime, section, window_start, window_end, source) VALUES ('2019-2021', 'eso', '2.2.1', '08:00', '19:00', 'x')$$);

-- a new school year: carry the figures over, then correct what the order changed
BEGIN;
SELECT carry_over_school_year('2018-2019', '2027-2028') AS rows_copied;
SELECT count(*) AS limits_2027, min(origin::text) AS origin,
       bool_and(source LIKE 'Carried over from 2018-2019 by % on ____-__-__; check it against the order of 2027-2028.') AS source_says_so
FROM timetable_limits WHERE school_year = '2027-2028';
SELECT carry_over_school_year('2018-2019', '2027-2028') AS copied_again;
INSERT INTO cat.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 3, '3r ESO B', '2027-2028', 'eso', 3, 25);
INSERT INTO cat.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 3, '2027-2028', 'eso', slot('Mon 18:00-19:00'), 'Visual i plàstica');
ROLLBACK;
SELECT * FROM pg_temp.error_of($$SELECT schooltime.carry_over_school_year('2018-2019', '2018-2019')$$);

-- only the owner edits the catalogue; everyone may read it
CREATE ROLE regress_schooltime_clerk;
SET ROLE regress_schooltime_clerk;
SELECT count(*) > 0 AS can_read FROM timetable_limits;
SELECT code, message FROM pg_temp.error_of($$UPDATE schooltime.timetable_limits SET window_end = '23:00'$$);
SELECT code, message FROM pg_temp.error_of($$INSERT INTO schooltime.rules (code, sections, severity, checked, subject, description_en, description_ca) VALUES ('x', '{1}', 'error', 'report', 'group', 'x', 'x')$$);
RESET ROLE;
DROP ROLE regress_schooltime_clerk;

SET client_min_messages = warning;
DROP SCHEMA cat CASCADE;
RESET client_min_messages;
