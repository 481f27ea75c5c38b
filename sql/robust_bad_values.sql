-- Bad values given to the public functions and the model: empty arrays,
-- values out of range, unknown codes, schemas that hold no model.  Each
-- gets its exact error (SQLSTATE and text), or a documented result; none
-- an internal error.  (NULLs: sql/robust_null_args.sql; text the parser
-- refuses: sql/robust_parser.sql.)
SET search_path = schooltime, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql
SELECT create_model('robust_bad');
INSERT INTO robust_bad.centres (id, code, name, territory, municipality)
VALUES (1, '08000901', 'Institut de proves', 'Barcelona', 'Barcelona');
INSERT INTO robust_bad.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28);
INSERT INTO robust_bad.teachers (id, name, centre_id) VALUES (1, 'Marta Puig', 1);
CREATE SCHEMA robust_no_model;

-- weekdays out of 1..7
SELECT code, message, detail FROM pg_temp.error_of($$SELECT weektime(8, '08:00')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT weektime(0, '08:00')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT weekslot(8, '08:00', '09:00')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT weekslot(-1, '08:00', '09:00')$$);
SELECT code, message, hint FROM pg_temp.error_of($$SELECT weekday_name(8)$$);
SELECT code, message, hint FROM pg_temp.error_of($$SELECT weekday_name(1, 'fr')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT weekday('dx')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT weekday('8')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT weekday('')$$);
SELECT weekday('7') AS sunday_by_digit, weekday('DIUMENGE') AS sunday_by_name;
-- minutes out of the week (0 .. 10080), and times that are not whole minutes
SELECT code, message, detail FROM pg_temp.error_of($$SELECT 'Sun 24:00'::weektime + 1$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT 'Mon 00:00'::weektime - 1$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT 'Mon 00:00'::weektime + 2147483647$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT 'Sun 24:00'::weektime - (-2147483647 - 1)$$);
SELECT 'Mon 00:00'::weektime + 10080 AS last_minute, minute_of_week('Sun 24:00') AS minutes, 'Sun 24:00'::weektime - 'Mon 00:00'::weektime AS week;
SELECT code, message, detail FROM pg_temp.error_of($$SELECT weektime(1, '08:00:30')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT weekslot(1, '08:00', '09:00:00.5')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT weektime(1, '24:01')$$);
-- slots that are not one stretch of one day
SELECT code, message, detail FROM pg_temp.error_of($$SELECT weekslot(1, '09:00', '08:00')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT weekslot(1, '09:00', '09:00')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT weekslot('dl', '24:00', '24:00')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT '[Mon 23:00,Tue 01:00)'::weekslot$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT 'empty'::weekslot$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT '[Mon 08:00,)'::weekslot$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT '(,Mon 08:00)'::weekslot$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT '(Sun 24:00,)'::weektimerange$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT '[Sun 23:00,Sun 24:00]'::weektimerange$$);
SELECT '(Sun 24:00,Sun 24:00]'::weektimerange AS empty_range, '[Mon 08:00,Mon 09:00]'::weektimerange AS canonical;
SELECT code, message FROM pg_temp.error_of($$SELECT weekday('[Mon 08:00,)'::weektimerange::weekslot)$$);
SELECT code, message FROM pg_temp.error_of($$SELECT minutes('empty'::weektimerange)$$);
SELECT code, message FROM pg_temp.error_of($$SELECT to_text('[Mon 08:00,)'::weektimerange)$$);
SELECT '[Sun 23:59,Sun 24:00)'::weekslot AS last_slot, to_text(weekslot(7, '23:59', '24:00')) AS as_text,
       end_time(slot('Fri 15:00-24:00')) AS ends_at_midnight;

-- empty arrays and JSON that is not what a function reads
SELECT weektimemultirange(VARIADIC '{}'::weektimerange[]) AS no_ranges;
SELECT ical_calendar('Buit', '{}') LIKE 'BEGIN:VCALENDAR%END:VCALENDAR' || chr(13) || chr(10) AS empty_calendar;
SELECT required_escorts('[]'::jsonb, 1, '2018-2019') AS escorts_for_no_pupils;
SELECT code, message, detail FROM pg_temp.error_of($$SELECT required_escorts('{}'::jsonb, 1, '2018-2019')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT required_escorts('[{"regime": "eso"}]'::jsonb, 1, '2018-2019')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT required_escorts('[{"regime": "eso", "level": 1, "pupils": 30, "colour": "red"}]'::jsonb, 1, '2018-2019')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT required_escorts('[{"regime": "latin", "level": 1, "pupils": 30}]'::jsonb, 1, '2018-2019')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT required_escorts('[{"regime": "eso", "level": 1, "pupils": "thirty"}]'::jsonb, 1, '2018-2019')$$);

-- negative pupils, levels out of range, days out of range
SELECT code, message, detail FROM pg_temp.error_of($$SELECT required_escorts('eso', 1, -5, 1, '2018-2019')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT required_escorts('eso', 9, 30, 1, '2018-2019')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT escort_ratio('primaria', 0, 1, '2018-2019')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT escort_ratio('eso', 1, 0, '2018-2019')$$);
SELECT required_escorts('eso', 1, 0, 1, '2018-2019') AS escorts_for_zero_pupils;
SELECT code, constraint_name, message FROM pg_temp.outcome_of($$INSERT INTO robust_bad.class_groups (centre_id, name, school_year, regime, level, pupils)
    VALUES (1, 'Grup negatiu', '2018-2019', 'eso', 1, -1)$$);
SELECT code, constraint_name, message FROM pg_temp.outcome_of($$INSERT INTO robust_bad.class_groups (centre_id, name, school_year, regime, level, pupils)
    VALUES (1, '9è', '2018-2019', 'eso', 9, 20)$$);
SELECT code, constraint_name, message FROM pg_temp.outcome_of($$INSERT INTO robust_bad.centres (code, name, territory, municipality, min_guards)
    VALUES ('08000902', 'Cap guàrdia', 'Barcelona', 'Barcelona', -1)$$);

-- school years that are not one: not two consecutive years, or not a year
SELECT code, message FROM pg_temp.error_of($$SELECT '2019-2021'::school_year$$);
SELECT code, message FROM pg_temp.error_of($$SELECT '2019/2020'::school_year$$);
SELECT code, message FROM pg_temp.error_of($$SELECT calendar_year('2019-2021')$$);
SELECT code, message, hint FROM pg_temp.error_of($$SELECT calendar_year('2099-2100')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT required_escorts('eso', 1, 30, 1, '2019-2021')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT required_escorts('eso', 1, 30, 1, '2099-2100')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT carry_over_school_year('2018-2019', '2018-2019')$$);
-- a group of a year the catalogue does not hold may be recorded; its
-- sessions may not, since no rule's figures are known for that year
SELECT code, constraint_name, message, detail, hint FROM pg_temp.outcome_of($$
    INSERT INTO robust_bad.class_groups (centre_id, id, name, school_year, regime, level)
    VALUES (1, 2, 'Grup del futur', '2099-2100', 'eso', 1);
    INSERT INTO robust_bad.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 2, '2099-2100', 'eso', slot('Mon 08:00-09:00'), 'x')$$);

-- unknown codes: a regime, a rule, a language, an approval state
SELECT code, message FROM pg_temp.error_of($$SELECT 'latin'::regime$$);
SELECT code, message FROM pg_temp.error_of($$SELECT is_lective('2019-03-12', 'latin')$$);
SELECT code, constraint_name, message, hint FROM pg_temp.outcome_of($$INSERT INTO robust_bad.authorisations
    (centre_id, school_year, rule, group_id, authorised_by, authorised_on, reason)
    VALUES (1, '2018-2019', 'no_such_rule', 1, 'Directora', '2018-09-01', 'Perquè sí')$$);
SELECT code, constraint_name, message FROM pg_temp.outcome_of($$UPDATE robust_bad.class_groups SET approval = 'approved'$$);
SELECT code, constraint_name, message FROM pg_temp.outcome_of($$INSERT INTO robust_bad.sessions (centre_id, group_id, school_year, regime, slot, subject, kind)
    VALUES (1, 1, '2018-2019', 'eso', slot('Mon 08:00-09:00'), 'x', 'nap')$$);
SELECT code, constraint_name, message FROM pg_temp.outcome_of($$INSERT INTO robust_bad.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'batxillerat', slot('Mon 08:00-09:00'), 'x')$$);
SELECT code, constraint_name, message FROM pg_temp.outcome_of($$INSERT INTO robust_bad.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 99, '2018-2019', 'eso', slot('Mon 08:00-09:00'), 'x')$$);
SELECT code, constraint_name, message FROM pg_temp.outcome_of($$INSERT INTO robust_bad.duties (centre_id, teacher_id, school_year, slot, kind)
    VALUES (1, 99, '2018-2019', slot('Mon 08:00-09:00'), 'guard')$$);

-- schemas that hold no model, or may not hold one
SELECT code, message, hint FROM pg_temp.error_of($$SELECT upgrade_model('robust_no_model')$$);
SELECT code, message, hint FROM pg_temp.error_of($$SELECT upgrade_model('robust_nowhere')$$);
SELECT code, message, detail FROM pg_temp.error_of($$SELECT create_model('schooltime')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT create_model('pg_catalog')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT create_model('pg_temp')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT create_model('information_schema')$$);
SELECT code, message, hint FROM pg_temp.error_of($$SELECT create_model('robust_bad')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT * FROM outing_violations('robust_no_model')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT * FROM calendar_violations('robust_no_model', 1)$$);
SELECT code, message FROM pg_temp.error_of($$SELECT * FROM school_calendar('robust_no_model', 1, '2018-2019', 'eso')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT ical_group('robust_no_model', 1, 1)$$);
SELECT code, message FROM pg_temp.error_of($$SELECT ical_teacher('robust_nowhere', 1, '2018-2019')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT lective_hours('robust_no_model', 1, 1)$$);
-- and a model, but a centre, group or teacher it does not hold
SELECT code, message FROM pg_temp.error_of($$SELECT * FROM school_calendar('robust_bad', 99, '2018-2019', 'eso')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT ical_group('robust_bad', 1, 99)$$);
SELECT code, message FROM pg_temp.error_of($$SELECT ical_teacher('robust_bad', 99, '2018-2019')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT lective_hours('robust_bad', 1, 99)$$);
SELECT count(*) AS violations_of_a_centre_it_does_not_hold FROM calendar_violations('robust_bad', 99);
SELECT count(*) AS violations_of_an_outing_it_does_not_hold FROM outing_violations('robust_bad', 99);

-- iCalendar text the functions refuse or pass through
SELECT code, message, hint FROM pg_temp.error_of($$SELECT ical_fold('DESCRIPTION:two' || chr(10) || 'lines')$$);
SELECT ical_escape('') = '' AS empty_escaped, ical_fold('') = '' AS empty_folded,
       ical_escape(E'a\\b;c,d\r\ne\x01f') AS escaped;

SET client_min_messages = warning;
DROP SCHEMA robust_bad CASCADE;
DROP SCHEMA robust_no_model CASCADE;
RESET client_min_messages;
