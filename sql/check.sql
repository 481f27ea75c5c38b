-- The compliance report, schooltime.check(): a compliant model of every
-- regime returns no row; the same model, loaded with one known violation of
-- each rule while enforcement was off, returns exactly those violations
-- (rule, subject, day, figure and limit) and nothing else; an authorised
-- exception is listed beside them with its authorisation; a limit the
-- department changes in the catalogue shows in the next report.
SET search_path = schooltime, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql
SELECT create_model('ck');

-- A week built from a pattern: on each weekday listed, the slots given
-- ('08:00-11:00', '19:20-19:40 recess'...).
CREATE FUNCTION pg_temp.week(grp bigint, days integer[], VARIADIC slots text[]) RETURNS integer
LANGUAGE sql AS $$
    WITH added AS (
        INSERT INTO ck.sessions (centre_id, group_id, school_year, regime, slot, subject, kind)
        SELECT g.centre_id, g.id, g.school_year, g.regime,
               weekslot(d, split_part(split_part(s, ' ', 1), '-', 1)::time, split_part(split_part(s, ' ', 1), '-', 2)::time),
               CASE WHEN s LIKE '% recess' THEN 'Esbarjo' ELSE 'Classe' END,
               CASE WHEN s LIKE '% recess' THEN 'recess' ELSE 'lesson' END::session_kind
        FROM ck.class_groups AS g, unnest(days) AS d, unnest(slots) AS s
        WHERE g.id = grp
        RETURNING 1)
    SELECT count(*)::integer FROM added
$$;
-- A teacher's duty on each weekday listed.
CREATE FUNCTION pg_temp.duty(teacher bigint, days integer[], kind duty_kind, slot text) RETURNS integer
LANGUAGE sql AS $$
    WITH added AS (
        INSERT INTO ck.duties (centre_id, teacher_id, school_year, slot, kind)
        SELECT t.centre_id, t.id, '2018-2019', weekslot(d, split_part(slot, '-', 1)::time, split_part(slot, '-', 2)::time), kind
        FROM ck.teachers AS t, unnest(days) AS d
        WHERE t.id = teacher
        RETURNING 1)
    SELECT count(*)::integer FROM added
$$;

INSERT INTO ck.centres (id, code, name, ownership, territory, municipality) VALUES
    (1, '17000301', 'Institut de la Plana', 'public', 'Girona', 'Figueres'),
    (2, '17000302', 'Escola del Bosc', 'public', 'Girona', 'Figueres');
INSERT INTO ck.local_holidays (municipality, day, name) VALUES ('Figueres', '2019-05-03', 'Santa Creu');

-- Guards and the directive team: the institut's cover 07:00-23:00 every day
-- of the week, in shifts of at most 25 hours a week; the escola's its
-- lective window, 08:30-16:00.
INSERT INTO ck.teachers (id, name, centre_id, role) VALUES
    (1, 'Guàrdia de matí', 1, 'teacher'), (2, 'Guàrdia de migdia', 1, 'teacher'),
    (3, 'Guàrdia de tarda', 1, 'teacher'), (4, 'Guàrdia de nit', 1, 'teacher'),
    (5, 'Guàrdia d''esbarjo', 1, 'teacher'),
    (6, 'Directora', 1, 'director'), (7, 'Cap d''estudis', 1, 'head_of_studies'),
    (8, 'Secretari', 1, 'secretary'), (9, 'Coordinadora pedagògica', 1, 'pedagogical_coordinator'),
    (10, 'Mestra de guàrdia del matí', 2, 'teacher'), (11, 'Mestre de guàrdia de la tarda', 2, 'teacher'),
    (12, 'Director de l''escola', 2, 'director'), (13, 'Cap d''estudis de l''escola', 2, 'head_of_studies'),
    (14, 'Professora de llengües', 1, 'teacher'), (15, 'Professor de matemàtiques', 1, 'teacher'),
    (16, 'Professora de música', 1, 'teacher');
SELECT sum(pg_temp.duty(t, '{1,2,3,4,5,6,7}', k::duty_kind, s)) AS duties
FROM (VALUES (1, 'guard', '07:00-12:00'), (2, 'guard', '12:00-16:00'), (3, 'guard', '16:00-20:00'),
             (4, 'guard', '20:00-23:00'), (5, 'recess_guard', '19:20-19:40'),
             (6, 'directive', '07:00-12:00'), (7, 'directive', '12:00-16:00'),
             (8, 'directive', '16:00-20:00'), (9, 'directive', '20:00-23:00')) AS d (t, k, s);
SELECT sum(pg_temp.duty(t, '{1,2,3,4,5}', k::duty_kind, s)) AS duties
FROM (VALUES (10, 'guard', '08:30-12:30'), (11, 'guard', '14:00-16:00'),
             (12, 'directive', '08:30-12:30'), (13, 'directive', '12:30-16:00')) AS d (t, k, s);
-- teachers with ordinary weeks: 5 h of lessons and meetings a day
SELECT sum(pg_temp.duty(t, '{1,2,3,4,5}', 'coordination', '09:00-14:00')) AS duties FROM generate_series(14, 16) AS t;

-- One group of each regime, each with a week that keeps every rule.
INSERT INTO ck.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28),
    (1, 2, '1r Batxillerat A', '2018-2019', 'batxillerat', 1, 30),
    (1, 3, '1r Batxillerat nocturn', '2018-2019', 'batxillerat_night', 1, 20),
    (1, 4, '1r SMX', '2018-2019', 'fp', 1, 24),
    (1, 5, 'GES 1', '2018-2019', 'adults', 1, 18),
    (1, 6, 'Anglès B1', '2018-2019', 'eoi_ordinary', 3, 25),
    (1, 7, 'Francès intensiu', '2018-2019', 'eoi_intensive', 2, 20),
    (1, 8, 'Alemany semipresencial', '2018-2019', 'eoi_blended', 1, 20),
    (1, 9, '1r Gràfica publicitària', '2018-2019', 'arts', 1, 20),
    (1, 10, 'Tècnic d''esquí', '2018-2019', 'sports', 1, 16),
    (2, 11, 'P5', '2018-2019', 'infantil', 3, 22),
    (2, 12, '3r', '2018-2019', 'primaria', 3, 25);
SELECT pg_temp.week(1, '{1,2,3,4,5}', '08:00-11:00', '11:30-12:30', '15:00-17:00');
SELECT pg_temp.week(2, '{1,2,3,4,5}', '08:00-11:00', '11:30-12:30', '15:00-17:00');
SELECT pg_temp.week(3, '{1,2,3,4,5}', '17:00-19:20', '19:20-19:40 recess', '19:40-22:00');
SELECT pg_temp.week(4, '{1,2,3,4,5}', '08:00-11:00', '11:30-14:30');
SELECT pg_temp.week(5, '{1,2,3,4}', '18:00-21:00');
SELECT pg_temp.week(6, '{1,3}', '17:00-19:30');
SELECT pg_temp.week(7, '{1,2,3,4}', '09:00-11:00');
SELECT pg_temp.week(8, '{2,4}', '17:00-19:30');
SELECT pg_temp.week(9, '{1,2,3,4,5}', '15:00-18:00', '18:30-21:30');
SELECT pg_temp.week(10, '{1,2,3,4,5}', '08:00-11:00', '11:30-14:30');
SELECT sum(pg_temp.week(g, '{1,2,3,4,5}', '09:00-12:30', '14:30-16:00')) AS sessions FROM unnest(ARRAY[11, 12]) AS g;
-- the EOI's own course dates (the order leaves their end to the centre)
INSERT INTO ck.course_dates (centre_id, school_year, regime, first_day, last_day) VALUES
    (1, '2018-2019', 'eoi_ordinary', '2018-09-26', '2019-05-31'),
    (1, '2018-2019', 'eoi_intensive', '2018-09-26', '2019-02-15'),
    (1, '2018-2019', 'eoi_blended', '2018-09-26', '2019-05-31');
INSERT INTO ck.free_days (centre_id, school_year, day, description) VALUES
    (1, '2018-2019', '2018-11-02', 'Pont de Tots Sants'), (1, '2018-2019', '2019-03-04', 'Carnaval');
INSERT INTO ck.dated_activities (centre_id, school_year, regime, group_id, kind, first_day, last_day, description) VALUES
    (1, '2018-2019', 'eso', 1, 'exam', '2019-06-17', '2019-06-19', 'Proves finals');

-- Optional subjects of 4t ESO at exactly 20 pupils a group on average; an
-- EOI pupil who missed exactly 35 % of lective time without justification.
INSERT INTO ck.optional_subject_groups (centre_id, school_year, regime, level, subject, pupils) VALUES
    (1, '2018-2019', 'eso', 4, 'Música', 22), (1, '2018-2019', 'eso', 4, 'Llatí', 18),
    (1, '2018-2019', 'eso', 4, 'Filosofia', 20);
INSERT INTO ck.pupil_attendance (centre_id, group_id, pupil, lective_minutes, unjustified_minutes) VALUES
    (1, 6, 'Alumna 1', 6000, 2100);

-- A one-day outing of 1r ESO A that keeps every rule of section 6.
CREATE FUNCTION pg_temp.outing(outing bigint, outing_name text, starts date, ends date, pupils integer, escorts integer)
RETURNS text LANGUAGE sql AS $$
    INSERT INTO ck.outings (centre_id, id, school_year, name, starts_on, ends_on, in_annual_programme,
                            director_authorised_on, families_informed_on)
    VALUES (1, outing, '2018-2019', outing_name, starts, ends, true, starts - 30, starts - 20);
    INSERT INTO ck.outing_groups (centre_id, outing_id, group_id, pupils) VALUES (1, outing, 1, pupils);
    INSERT INTO ck.outing_pupils (centre_id, outing_id, group_id, pupil, family_authorisation)
    SELECT 1, outing, 1, format('Alumne %s', lpad(k::text, 2, '0')), 'specific' FROM generate_series(1, pupils) AS k;
    INSERT INTO ck.outing_escorts (centre_id, outing_id, teacher_id)
    SELECT 1, outing, t FROM generate_series(14, 13 + escorts) AS t;
    SELECT format('%s: %s pupils, %s escorts', outing_name, pupils, escorts);
$$;
SELECT pg_temp.outing(1, 'Museu del Joguet', '2019-03-12', '2019-03-12', 20, 2);

-- A compliant model returns no row.
SELECT count(*) AS violations FROM schooltime.check('ck');
SELECT * FROM schooltime.check('ck');

-- One violation of each rule, loaded the way a department's migration might
-- load it: as the owner, with the checks switched off.
BEGIN;
SET LOCAL schooltime.enforce = off;
-- weekday, window, group_overlap: adults on Saturday, a minute before 09:00,
-- a minute over Tuesday's class
SELECT pg_temp.week(5, '{6}', '10:00-11:00');
SELECT pg_temp.week(5, '{1}', '08:59-09:59');
SELECT pg_temp.week(5, '{2}', '20:59-21:30');
-- session_length: a 59-minute EOI session
SELECT pg_temp.week(6, '{5}', '17:00-17:59');
-- continuous: 1r ESO A's Monday recess a minute short of 30
UPDATE ck.sessions SET slot = weekslot(1, '11:29', '12:29') WHERE group_id = 1 AND slot = weekslot(1, '11:30', '12:30');
-- daily_max: 421 minutes of arts on Monday
SELECT pg_temp.week(9, '{1}', '08:00-09:01');
-- weekly_hours: the intensive EOI course a minute short of 8 hours a week
UPDATE ck.sessions SET slot = weekslot(4, '09:00', '10:59') WHERE group_id = 7 AND slot = weekslot(4, '09:00', '11:00');
-- free_afternoons (and indicative_day, a warning): an ESO group with four
-- free afternoons, its 6 hours a day all in the morning
INSERT INTO ck.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 13, '1r ESO B', '2018-2019', 'eso', 1, 27),
    (1, 14, '2n SMX', '2018-2019', 'fp', 2, 22);
SELECT pg_temp.week(13, '{1}', '08:00-11:00', '11:30-12:30', '15:00-17:00');
SELECT pg_temp.week(13, '{2,3,4,5}', '08:00-11:00', '11:30-14:30');
-- fp_single_shift: an FP group in class on Wednesday afternoon; another one
-- too, authorised
SELECT pg_temp.week(14, '{1,2,3,4,5}', '08:00-11:00', '11:30-14:30');
SELECT sum(pg_temp.week(g, '{3}', '15:00-16:00')) AS sessions FROM unnest(ARRAY[4, 14]) AS g;
INSERT INTO ck.authorisations (id, centre_id, school_year, rule, group_id, authorised_by, authorised_on, reason, document) VALUES
    (1, 1, '2018-2019', 'fp_single_shift', 14, 'Serveis Territorials a Girona', '2018-07-10',
     'Pràctiques al taller compartit els dimecres a la tarda', 'Resolució 2018/117');
-- primary_day: 3r of primària ends at 15:59 on Monday
UPDATE ck.sessions SET slot = CASE WHEN upper(slot) = 'Mon 12:30' THEN weekslot(1, '08:59', '12:29') ELSE weekslot(1, '14:29', '15:59') END
WHERE group_id = 12 AND weekday(slot) = 1;
-- teacher_overlap, teacher_midday, teacher_week
SELECT pg_temp.duty(14, '{2}', 'tutoring', '13:59-15:00');
SELECT pg_temp.duty(15, '{4}', 'other', '14:59-16:00');
SELECT pg_temp.duty(16, '{1,2,3,4,5}', 'other', '06:30-09:00');
SELECT pg_temp.duty(16, '{5}', 'other', '14:00-14:01');
-- directive_presence and guard_coverage: the escola is left alone for a
-- minute, on Wednesday by its directive team and on Thursday by its guards
UPDATE ck.duties SET slot = weekslot(3, '12:31', '16:00') WHERE teacher_id = 13 AND weekday(slot) = 3;
UPDATE ck.duties SET slot = weekslot(4, '14:00', '15:59') WHERE teacher_id = 11 AND weekday(slot) = 4;
-- eoi_course_hours: the semi-presential course's final exams take April and May
INSERT INTO ck.dated_activities (centre_id, school_year, regime, group_id, kind, first_day, last_day, description) VALUES
    (1, '2018-2019', 'eoi_blended', 8, 'final_exams', '2019-04-01', '2019-05-31', 'Proves de certificació');
-- calendar_free_days: a free-disposal day on the town's local holiday;
-- calendar_class_days: an ESO exam the day before classes start
INSERT INTO ck.free_days (centre_id, school_year, day, description) VALUES (1, '2018-2019', '2019-05-03', 'Pont');
INSERT INTO ck.dated_activities (centre_id, school_year, regime, group_id, kind, first_day, last_day, description) VALUES
    (1, '2018-2019', 'eso', 1, 'exam', '2018-09-11', '2018-09-11', 'Prova inicial');
-- outings: escorts none of whom is a teacher; 41 pupils with 2 escorts; a
-- minor without authorisation; not in the annual programme; the centre's
-- spaces changed without telling the territorial services; abroad, with a
-- police authorisation that expires before the return
SELECT pg_temp.outing(2, 'Parc de Bombers', '2019-01-15', '2019-01-15', 10, 0);
INSERT INTO ck.outing_escorts (centre_id, outing_id, name) VALUES (1, 2, 'Mare d''alumne'), (1, 2, 'Monitor');
SELECT pg_temp.outing(3, 'Delta de l''Ebre', '2019-04-02', '2019-04-03', 41, 2);
SELECT pg_temp.outing(4, 'Teatre', '2019-02-07', '2019-02-07', 20, 2);
UPDATE ck.outing_pupils SET family_authorisation = 'none' WHERE outing_id = 4 AND pupil = 'Alumne 07';
SELECT pg_temp.outing(5, 'Concert', '2019-02-14', '2019-02-14', 20, 2);
UPDATE ck.outings SET in_annual_programme = false WHERE id = 5;
SELECT pg_temp.outing(6, 'Jornada esportiva', '2019-05-10', '2019-05-10', 20, 2);
UPDATE ck.outings SET changes_centre_spaces = true WHERE id = 6;
SELECT pg_temp.outing(7, 'Intercanvi a Perpinyà', '2019-03-25', '2019-03-29', 20, 2);
UPDATE ck.outings SET abroad = true WHERE id = 7;
UPDATE ck.outing_pupils SET travel_documents = true, police_authorisation_issued_on = '2019-01-15' WHERE outing_id = 7;
UPDATE ck.outing_pupils SET police_authorisation_issued_on = '2018-12-28' WHERE outing_id = 7 AND pupil = 'Alumne 03';
-- the report-only rules (warnings): 1r ESO A taught by 11 teachers; 1r ESO
-- B taught Tecnologia and 1r Batxillerat A (30 pupils) Física, neither ever
-- split; 3r ESO's optional subjects at 61 pupils for 3 groups, which takes
-- ESO's average to 121 pupils for 6 groups; an EOI pupil who missed 35.02 %
-- of lective time without justification
INSERT INTO ck.teachers (id, name, centre_id, role)
SELECT 100 + k, format('Professor %s', k), 1, 'teacher' FROM generate_series(0, 10) AS k;
UPDATE ck.sessions AS s SET teacher_id = 100 + n.k % 11
FROM (SELECT id, row_number() OVER (ORDER BY slot) AS k FROM ck.sessions WHERE group_id = 1) AS n
WHERE s.id = n.id;
UPDATE ck.sessions SET subject = 'Tecnologia' WHERE group_id = 13 AND slot = weekslot(2, '08:00', '11:00');
UPDATE ck.sessions SET subject = 'Física' WHERE group_id = 2 AND slot = weekslot(2, '08:00', '11:00');
INSERT INTO ck.optional_subject_groups (centre_id, school_year, regime, level, subject, pupils) VALUES
    (1, '2018-2019', 'eso', 3, 'Música', 21), (1, '2018-2019', 'eso', 3, 'Llatí', 20),
    (1, '2018-2019', 'eso', 3, 'Emprenedoria', 20);
INSERT INTO ck.pupil_attendance (centre_id, group_id, pupil, lective_minutes, unjustified_minutes) VALUES
    (1, 6, 'Alumne 2', 6000, 2101);
COMMIT;
-- every table written went in unchecked, and is on record
SELECT relation, event, by_user = current_user AS by_me
FROM schooltime.unchecked_writes WHERE relation LIKE 'ck.%' ORDER BY relation, event;

-- Exactly the planted violations: rule, subject, day, figure and limit.
SELECT rule, severity, sections, centre_id, subject, subject_id, subject_name, weekday, day, slot, measured, limit_value, unit,
       authorisation_id
FROM schooltime.check('ck') ORDER BY rule, subject, subject_id, weekday, slot;

-- Each with the sentence a refused write would get.
\x on
SELECT rule, subject_name, message, detail, hint
FROM schooltime.check('ck') ORDER BY rule, subject, subject_id, weekday, slot;
\x off

-- The authorised exception, beside the violations, with who, when and why.
SELECT v.rule, v.subject_name, a.authorised_by, a.authorised_on, a.reason, a.document
FROM schooltime.check('ck') AS v
JOIN ck.authorisations AS a ON a.centre_id = v.centre_id AND a.id = v.authorisation_id;

-- One centre, one group.
SELECT rule, subject, subject_name, weekday FROM schooltime.check('ck', 2) ORDER BY rule, subject_id;
SELECT rule, subject, subject_name, weekday FROM schooltime.check('ck', 1, 13) ORDER BY rule, weekday;
SELECT rule, subject, subject_name, weekday FROM schooltime.check('ck', centre_id => 1, group_id => 12);
SELECT rule, subject, subject_name, weekday FROM schooltime.check('ck', 2, 12) ORDER BY rule, weekday;

-- A limit the department tightens shows in the next report: with ESO days
-- of at most 359 minutes, every day of 1r ESO A is too long.
BEGIN;
UPDATE schooltime.timetable_limits SET daily_max_minutes = 359 WHERE school_year = '2018-2019' AND regime = 'eso';
SELECT rule, subject_name, weekday, measured, limit_value FROM schooltime.check('ck', 1, 1) WHERE rule = 'daily_max' ORDER BY weekday;
ROLLBACK;
SELECT count(*) FROM schooltime.check('ck', 1, 1) WHERE rule = 'daily_max';

-- What it refuses.
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.check(NULL)$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.check('no_such_schema')$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.check('public')$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.check('ck', centre_id => NULL, group_id => 12)$$);

SET client_min_messages = warning;
DROP SCHEMA ck CASCADE;
RESET client_min_messages;
