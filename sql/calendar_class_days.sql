-- Rule calendar_class_days: a centre's own course dates lie within what the
-- order sets, and dated activities fall between the first and last day of
-- classes of their teaching, on lective days.
SET search_path = schooltime, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql
SELECT create_model('cal');
INSERT INTO cal.centres (id, code, name, territory, municipality) VALUES
    (1, '08045678', 'Institut Les Vinyes', 'Vallès Occidental', 'Sabadell'),
    (2, '08030001', 'EOI Sabadell', 'Vallès Occidental', 'Sabadell');
INSERT INTO cal.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '4t ESO A', '2018-2019', 'eso', 4, 28),
    (1, 2, '2n Batxillerat', '2018-2019', 'batxillerat', 2, 30),
    (2, 3, 'Anglès B1', '2018-2019', 'eoi_ordinary', 3, 25);
INSERT INTO cal.local_holidays (municipality, day, name) VALUES ('Sabadell', '2019-05-27', 'Fira');

-- dated activities: each boundary of ESO and batxillerat in 2018-2019
SELECT d AS day, r AS regime, o.code, o.constraint_name, o.table_name, o.message, o.detail, o.hint
FROM (VALUES ('2018-09-11'::date, 'eso'::regime, 1), ('2018-09-12', 'eso', 1), ('2018-09-13', 'batxillerat', 2),
             ('2018-09-14', 'batxillerat', 2), ('2018-12-21', 'eso', 1), ('2018-12-22', 'eso', 1),
             ('2019-01-07', 'eso', 1), ('2019-01-08', 'eso', 1), ('2019-05-27', 'eso', 1), ('2019-06-21', 'eso', 1),
             ('2019-06-25', 'eso', 1), ('2019-09-02', 'eso', 1)) AS t (d, r, g)
CROSS JOIN LATERAL pg_temp.outcome_of(format($$INSERT INTO cal.dated_activities (centre_id, school_year, regime, group_id, kind, first_day, last_day, description)
                                              VALUES (1, '2018-2019', %L, %s, 'exam', %L, %L, 'Examen')$$, r, g, d, d)) AS o
ORDER BY d;
-- an activity of every group of a regime, over several days: its first and last day count
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.dated_activities (centre_id, school_year, regime, kind, first_day, last_day)
                                   VALUES (1, '2018-2019', 'eso', 'evaluation', '2019-06-17', '2019-06-22')$$);
INSERT INTO cal.dated_activities (centre_id, school_year, regime, kind, first_day, last_day, description)
VALUES (1, '2018-2019', 'eso', 'evaluation', '2019-06-17', '2019-06-21', 'Juntes d''avaluació'),
       (1, '2018-2019', 'eso', 'open_day', '2019-03-07', '2019-03-07', 'Portes obertes');
-- a free-disposal day on the date of an activity is refused, naming the activity
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (1, '2018-2019', '2019-03-07')$$);
-- and so is a local holiday
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.local_holidays (municipality, day, name) VALUES ('Sabadell', '2019-03-07', 'Festa')$$);
-- an UPDATE is checked like an INSERT
SELECT * FROM pg_temp.outcome_of($$UPDATE cal.dated_activities SET first_day = '2019-03-09', last_day = '2019-03-09' WHERE kind = 'open_day'$$);

-- course dates: a start "no later than" (EOI: 26 September 2018), an end by the academic programme
SELECT * FROM pg_temp.error_of($$INSERT INTO cal.dated_activities (centre_id, school_year, regime, group_id, kind, first_day, last_day)
                                 VALUES (2, '2018-2019', 'eoi_ordinary', 3, 'exam', '2019-01-15', '2019-01-15')$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.course_dates VALUES (2, '2018-2019', 'eoi_ordinary', '2018-09-27', '2019-06-07')$$);
INSERT INTO cal.course_dates VALUES (2, '2018-2019', 'eoi_ordinary', '2018-09-26', '2019-06-07', 'Programació general anual');
SELECT is_lective('cal', 2, '2018-09-25', 'eoi_ordinary') AS sep25, is_lective('cal', 2, '2018-09-26', 'eoi_ordinary') AS sep26,
       is_lective('cal', 2, '2019-06-07', 'eoi_ordinary') AS jun7, is_lective('cal', 2, '2019-06-10', 'eoi_ordinary') AS jun10;
INSERT INTO cal.dated_activities (centre_id, school_year, regime, group_id, kind, first_day, last_day, description)
VALUES (2, '2018-2019', 'eoi_ordinary', 3, 'final_exams', '2019-05-28', '2019-06-07', 'Exàmens finals');
-- shortening the course past an activity is refused
SELECT * FROM pg_temp.outcome_of($$UPDATE cal.course_dates SET last_day = '2019-05-31' WHERE centre_id = 2$$);
-- fixed starts and ends: 2n batxillerat may end earlier than 21 June, not later; a delayed start needs an authorisation
INSERT INTO cal.course_dates VALUES (1, '2018-2019', 'batxillerat', '2018-09-14', '2019-05-31', '2n batxillerat');
SELECT * FROM pg_temp.outcome_of($$UPDATE cal.course_dates SET last_day = '2019-06-25' WHERE centre_id = 1 AND regime = 'batxillerat'$$);
SELECT * FROM pg_temp.outcome_of($$UPDATE cal.course_dates SET first_day = '2018-09-13' WHERE centre_id = 1 AND regime = 'batxillerat'$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.course_dates VALUES (1, '2018-2019', 'eso', '2018-09-17', '2019-06-21')$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.course_dates VALUES (1, '2018-2019', 'eso', '2018-08-31', '2019-06-21')$$);
INSERT INTO cal.authorisations (centre_id, school_year, rule, authorised_by, authorised_on, reason)
VALUES (1, '2018-2019', 'calendar_class_days', 'Serveis territorials al Vallès Occidental', '2018-09-03', 'obres al centre');
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.course_dates VALUES (1, '2018-2019', 'eso', '2018-09-19', '2019-06-21')$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.course_dates VALUES (1, '2018-2019', 'eso', '2018-09-20', '2019-06-21')$$);
-- the delayed start is reported with its authorisation; activities now before it are refused
INSERT INTO cal.course_dates VALUES (1, '2018-2019', 'eso', '2018-09-18', '2019-06-21');
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.dated_activities (centre_id, school_year, regime, kind, first_day, last_day)
                                   VALUES (1, '2018-2019', 'eso', 'other', '2018-09-17', '2018-09-17')$$);
SELECT rule, subject, subject_id, subject_name, day, message, authorisation_id IS NOT NULL AS authorised
FROM calendar_violations('cal') ORDER BY centre_id, day;

SET client_min_messages = warning;
DROP SCHEMA cal CASCADE;
RESET client_min_messages;
