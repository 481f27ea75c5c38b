-- The lessons and lective hours a group really gets in its course: its
-- weekly timetable laid over the lective days of its centre (free-disposal
-- days and local holidays out, intensive days only inside their window,
-- final exam periods out), and rule eoi_course_hours built on them.
SET search_path = schooltime, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql
SELECT create_model('hours');
INSERT INTO hours.centres (id, code, name, territory, municipality) VALUES
    (1, '08045678', 'Institut Escola Les Vinyes', 'Vallès Occidental', 'Terrassa'),
    (2, '08030001', 'EOI Sabadell', 'Vallès Occidental', 'Sabadell');
INSERT INTO hours.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28),
    (1, 2, '3r Primària A', '2018-2019', 'primaria', 3, 24),
    (2, 3, 'Anglès B1 dl-dc', '2018-2019', 'eoi_ordinary', 3, 25),
    (2, 4, 'Francès A2 dl-dc', '2018-2019', 'eoi_ordinary', 2, 22);
INSERT INTO hours.teachers (id, code, name, centre_id) VALUES
    (1, 'T01', 'Anna Puig', 1), (2, 'T02', 'Bernat Soler', 1), (3, 'T03', 'Carme Vidal', 1),
    (4, 'T04', 'David Roca', 1), (5, 'T05', 'Elena Font', 1), (6, 'T06', 'Ferran Mas', 1),
    (7, 'T07', 'Gemma Pons', 1), (8, 'T08', 'Helena Serra', 1), (9, 'T09', 'Isaac Bosch', 2), (10, 'T10', 'Júlia Camps', 2);

-- 1r ESO A: 6 hours a day, Monday to Friday (three 60-minute lessons, a
-- 30-minute recess, three more); on Monday the last hour is split in two
-- halves with two teachers, which count once.
INSERT INTO hours.sessions (centre_id, group_id, school_year, regime, slot, subject, kind, teacher_id, split_half)
SELECT 1, 1, '2018-2019', 'eso', weekslot(d, p.starts, p.ends), p.subject, p.kind::session_kind,
       p.teacher, CASE WHEN d = 1 AND p.n = 6 THEN 1 END
FROM generate_series(1, 5) AS d
CROSS JOIN (VALUES (1, '08:00'::time, '09:00'::time, 'Matemàtiques', 'lesson', 1),
                   (2, '09:00', '10:00', 'Llengua catalana', 'lesson', 2),
                   (3, '10:00', '11:00', 'Anglès', 'lesson', 3),
                   (0, '11:00', '11:30', 'Esbarjo', 'recess', NULL),
                   (4, '11:30', '12:30', 'Ciències socials', 'lesson', 4),
                   (5, '12:30', '13:30', 'Ciències de la naturalesa', 'lesson', 5),
                   (6, '13:30', '14:30', 'Tecnologia', 'lesson', 6)) AS p (n, starts, ends, subject, kind, teacher);
INSERT INTO hours.sessions (centre_id, group_id, school_year, regime, slot, subject, kind, teacher_id, split_half)
VALUES (1, 1, '2018-2019', 'eso', slot('dl 13:30-14:30'), 'Tecnologia (desdoblament)', 'lesson', 7, 2);
-- 3r Primària A: 08:45-12:15 with a recess at 10:45 and 14:30-16:00, one tutor
INSERT INTO hours.sessions (centre_id, group_id, school_year, regime, slot, subject, kind, teacher_id)
SELECT 1, 2, '2018-2019', 'primaria', weekslot(d, p.starts, p.ends), p.subject, p.kind::session_kind, p.teacher
FROM generate_series(1, 5) AS d
CROSS JOIN (VALUES ('08:45'::time, '09:45'::time, 'Llengua catalana', 'lesson', 8),
                   ('09:45', '10:45', 'Matemàtiques', 'lesson', 8),
                   ('10:45', '11:15', 'Esbarjo', 'recess', NULL),
                   ('11:15', '12:15', 'Medi', 'lesson', 8),
                   ('14:30', '16:00', 'Plàstica', 'tutorial', 8)) AS p (starts, ends, subject, kind, teacher);
-- EOI: Monday and Wednesday afternoons, 130 and 129 minutes
INSERT INTO hours.sessions (centre_id, group_id, school_year, regime, slot, subject, kind, teacher_id) VALUES
    (2, 3, '2018-2019', 'eoi_ordinary', slot('dl 17:00-19:10'), 'Anglès B1', 'lesson', 9),
    (2, 3, '2018-2019', 'eoi_ordinary', slot('dc 17:00-19:10'), 'Anglès B1', 'lesson', 9),
    (2, 4, '2018-2019', 'eoi_ordinary', slot('dl 17:00-19:09'), 'Francès A2', 'lesson', 10),
    (2, 4, '2018-2019', 'eoi_ordinary', slot('dc 17:00-19:09'), 'Francès A2', 'lesson', 10);

-- the centre's calendar: two local holidays of Terrassa, three free-disposal days
INSERT INTO hours.local_holidays (municipality, day, name) VALUES
    ('Terrassa', '2018-10-29', 'Festa major'), ('Terrassa', '2019-03-04', 'Festa local');
INSERT INTO hours.free_days (centre_id, school_year, day) VALUES
    (1, '2018-2019', '2018-11-02'), (1, '2018-2019', '2018-12-07'), (1, '2018-2019', '2019-03-05');

-- Checked by hand for 1r ESO A.  Lective weekdays from Wednesday 12
-- September 2018 to Friday 21 June 2019, by month: September 13 (12-14,
-- 17-21, 24-28); October 21 (23 weekdays, less the 12th and the local
-- holiday on the 29th); November 20 (22, less the 1st and the free day on
-- the 2nd); December 13 (15 weekdays to the 21st, less the 6th and the free
-- day on the 7th); January 18 (from the 8th); February 20; March 19 (21,
-- less the local holiday on the 4th and the free day on the 5th); April 16
-- (22, less the 15th-22nd of Easter: 6 weekdays); May 22 (23, less the
-- 1st); June 15 (to the 21st).  177 days; 6 hours each: 1062 hours.
SELECT to_char(d.day, 'YYYY-MM') AS month, count(*) AS days, sum(d.minutes) / 60 AS hours
FROM group_class_days('hours', 1, 1) AS d GROUP BY 1 ORDER BY 1;
SELECT lective_hours('hours', 1, 1) AS eso_hours, 177 * 6 AS by_hand;
SELECT count(*) AS lessons, count(DISTINCT session_id) AS sessions FROM group_lessons('hours', 1, 1);

-- 3r Primària A: 4 h 30 min of classes a day (recess not counted); on the
-- 11 intensive days (21 December, 10-21 June) only 09:00-13:00 is held:
-- 08:45-09:45 becomes 09:00-09:45 and the afternoon goes, 2 h 45 min.
-- (177 - 11) * 270 + 11 * 165 = 46635 minutes = 777.25 hours.
SELECT l.day, l.subject, l.starts, l.ends, l.held_start, l.held_end
FROM group_lessons('hours', 1, 2) AS l WHERE l.day IN ('2018-12-20', '2018-12-21') ORDER BY l.day, l.starts;
SELECT d.day, d.minutes FROM group_class_days('hours', 1, 2) AS d
WHERE d.day IN ('2018-12-20', '2018-12-21', '2019-06-07', '2019-06-10') ORDER BY d.day;
SELECT lective_hours('hours', 1, 2) AS primaria_hours, ((177 - 11) * 270 + 11 * 165) / 60.0 AS by_hand;

-- EOI: the centre's course from 26 September 2018 to 7 June 2019; Mondays
-- and Wednesdays: 29 + 31 = 60 class days before the final exams
INSERT INTO hours.course_dates VALUES (2, '2018-2019', 'eoi_ordinary', '2018-09-26', '2019-06-07');
SELECT lective_hours('hours', 2, 3) AS b1_before_exams, lective_hours('hours', 2, 4) AS a2_before_exams;
SELECT * FROM eoi_course_hours_violations('hours', 2, 3);
INSERT INTO hours.dated_activities (centre_id, school_year, regime, kind, first_day, last_day, description)
VALUES (2, '2018-2019', 'eoi_ordinary', 'final_exams', '2019-05-27', '2019-06-07', 'Exàmens finals');
SELECT count(*) AS class_days, lective_hours('hours', 2, 3) AS b1_hours FROM group_class_days('hours', 2, 3);
-- exactly 130 hours complies; 129 does not
SELECT count(*) AS b1_violations FROM eoi_course_hours_violations('hours', 2, 3);
SELECT * FROM eoi_course_hours_violations('hours', 2, 4);
-- not an EOI group: nothing to report
SELECT count(*) AS eso_violations FROM eoi_course_hours_violations('hours', 1, 1);

-- 2n ESO A: 6 hours a day for the whole group, as 1r ESO A; its languages
-- split three ways, each part with a week of its own: Anglès has Tuesday
-- 15:00-16:00, Francès Tuesday and Thursday 15:00-16:00, Alemany no lesson
-- of its own yet.  Each pupil's hours are the whole group's and their
-- part's; the group's figure is the fewest any pupil gets (Alemany's).  The
-- union of every row, as 0.2 counted, would give Francès's Thursday to all.
INSERT INTO hours.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 5, '2n ESO A', '2018-2019', 'eso', 2, 27);
INSERT INTO hours.group_parts (centre_id, group_id, split, part, pupils)
VALUES (1, 5, 'idiomes', 'Anglès', 12), (1, 5, 'idiomes', 'Francès', 10), (1, 5, 'idiomes', 'Alemany', 5);
INSERT INTO hours.sessions (centre_id, group_id, school_year, regime, slot, subject, kind, teacher_id, split, part)
SELECT 1, 5, '2018-2019', 'eso', weekslot(d, p.starts, p.ends), p.subject, p.kind::session_kind, p.teacher, NULL, NULL
FROM generate_series(1, 5) AS d
CROSS JOIN (VALUES ('08:00'::time, '09:00'::time, 'Matemàtiques', 'lesson', 2), ('09:00', '10:00', 'Llengua catalana', 'lesson', 1),
                   ('10:00', '11:00', 'Ciències socials', 'lesson', 5), ('11:00', '11:30', 'Esbarjo', 'recess', NULL),
                   ('11:30', '12:30', 'Música', 'lesson', 6), ('12:30', '13:30', 'Tecnologia', 'lesson', 4),
                   ('13:30', '14:30', 'Educació física', 'lesson', 8)) AS p (starts, ends, subject, kind, teacher)
UNION ALL
VALUES (1, 5, '2018-2019', 'eso'::regime, slot('dt 15:00-16:00'), 'Anglès', 'lesson'::session_kind, 3, 'idiomes', 'Anglès'),
       (1, 5, '2018-2019', 'eso', slot('dt 15:00-16:00'), 'Francès', 'lesson', 7, 'idiomes', 'Francès'),
       (1, 5, '2018-2019', 'eso', slot('dj 15:00-16:00'), 'Francès', 'lesson', 7, 'idiomes', 'Francès');
SELECT p AS pupils FROM group_pupils('hours', 1, 5) AS p;
SELECT c.pupils->0->>'part' AS part, count(*) AS days, sum(c.minutes) AS minutes,
       count(*) FILTER (WHERE extract(isodow FROM c.day) = 2) AS tuesdays,
       count(*) FILTER (WHERE extract(isodow FROM c.day) = 4) AS thursdays
FROM group_pupil_class_days('hours', 1, 5) AS c GROUP BY 1 ORDER BY 1;
SELECT lective_hours('hours', 1, 5) AS group_hours, 177 * 6 AS alemany_by_hand,
       (SELECT sum(minutes) / 60 FROM group_class_days('hours', 1, 5)) AS class_days_hours,
       (SELECT d.minutes FROM group_class_days('hours', 1, 5) AS d WHERE d.day = '2019-01-10') AS a_thursday;
-- a group without parts is one kind of pupil, as before
SELECT p AS pupils_of_1r_eso_a FROM group_pupils('hours', 1, 1) AS p;
SELECT p AS pupils_of_3r_primaria FROM group_pupils('hours', 1, 2) AS p;

-- bad input
SELECT * FROM pg_temp.error_of($$SELECT lective_hours('hours', 1, 99)$$);
SELECT * FROM pg_temp.error_of($$SELECT lective_hours('hours', 7, 1)$$);
SELECT * FROM pg_temp.error_of($$SELECT count(*) FROM eoi_course_hours_violations('nohours', 2, 3)$$);

SET client_min_messages = warning;
DROP SCHEMA hours CASCADE;
RESET client_min_messages;
