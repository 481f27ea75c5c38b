-- iCalendar export of lessons (issue 12): a group's calendar has one event
-- per lesson it attends, naming the part of the group it takes, its block,
-- the other groups of a joint lesson and every teacher; a teacher's
-- calendar has one event per lesson, a joint lesson once, naming its
-- groups, and held on every day one of them has it.  tools/tests/calendar-ical
-- expands these calendars with an independent parser.
SET search_path = schooltime, public;
SET datestyle = 'ISO, YMD';
\i sql/include/lesson_week.sql

-- 4t ESO A: the co-taught lesson with both teachers, each language part and
-- laboratory part its own event, each option of the blocks too
SELECT l AS line FROM regexp_split_to_table(replace(ical_group('lw', 1, 3), E'\r\n ', ''), E'\r\n') WITH ORDINALITY AS t (l, n)
WHERE l ~ '^(UID|SUMMARY|DESCRIPTION):' ORDER BY n;
-- 1r Batxillerat A: the joint lesson names the other group
SELECT l AS line FROM regexp_split_to_table(replace(ical_group('lw', 1, 1), E'\r\n ', ''), E'\r\n') WITH ORDINALITY AS t (l, n)
WHERE l ~ '^(UID|SUMMARY|DESCRIPTION):' ORDER BY n;

-- Laia Ferrer's joint lesson is one event, naming both groups; 1r
-- Batxillerat B's final exams in the week of 13 May leave it to 1r
-- Batxillerat A those days, so only B's calendar skips them
INSERT INTO lw.dated_activities (centre_id, school_year, regime, group_id, kind, first_day, last_day, description)
VALUES (1, '2018-2019', 'batxillerat', 2, 'final_exams', '2019-05-13', '2019-05-17', 'Exàmens de 1r B');
SELECT regexp_replace(l, '^DTSTAMP:[0-9]{8}T[0-9]{6}Z$', 'DTSTAMP:<export time>') AS line
FROM regexp_split_to_table(replace(ical_teacher('lw', 1, '2018-2019'), E'\r\n ', ''), E'\r\n') WITH ORDINALITY AS t (l, n)
WHERE n > 24 ORDER BY n;
SELECT g AS group_id, l AS line
FROM generate_series(1, 2) AS g, regexp_split_to_table(replace(ical_group('lw', 1, g), E'\r\n ', ''), E'\r\n') AS l
WHERE l LIKE 'EXDATE%' OR l LIKE 'UID%' ORDER BY g, l DESC;

-- the co-taught lesson is the same event on both teachers' calendars
SELECT t AS teacher_id, l AS line
FROM generate_series(2, 3) AS t, regexp_split_to_table(replace(ical_teacher('lw', t, '2018-2019'), E'\r\n ', ''), E'\r\n') AS l
WHERE l ~ '^(UID|SUMMARY|DESCRIPTION):' AND (l LIKE '%Matemàtiques%' OR l LIKE '%-l2-%' OR l LIKE '%Teachers%') ORDER BY t, l DESC;
-- an option of a block: one event a lesson, naming the parts of both groups
SELECT l AS line FROM regexp_split_to_table(replace(ical_teacher('lw', 7, '2018-2019'), E'\r\n ', ''), E'\r\n') WITH ORDINALITY AS t (l, n)
WHERE l ~ '^(UID|SUMMARY|DESCRIPTION):' ORDER BY n;

-- one event per lesson: the teachers' calendars hold each of their lessons
-- once, the groups' each lesson they attend once
SELECT t.id AS teacher_id,
       (SELECT count(*) FROM regexp_split_to_table(ical_teacher('lw', t.id, '2018-2019'), E'\r\n') AS l WHERE l = 'BEGIN:VEVENT') AS events,
       (SELECT count(DISTINCT coalesce('l' || s.lesson_id, 's' || s.id)) FROM lw.sessions AS s WHERE s.teacher_id = t.id) AS lessons
FROM lw.teachers AS t ORDER BY t.id;
SELECT g.id AS group_id,
       (SELECT count(*) FROM regexp_split_to_table(ical_group('lw', 1, g.id), E'\r\n') AS l WHERE l = 'BEGIN:VEVENT') AS events,
       (SELECT count(DISTINCT coalesce('l' || s.lesson_id, 's' || s.id)) FROM lw.sessions AS s WHERE s.group_id = g.id) AS lessons
FROM lw.class_groups AS g ORDER BY g.id;

-- every line is folded within 75 octets and ends with CRLF
SELECT bool_and(octet_length(l) <= 75) AS short_lines, count(*) FILTER (WHERE l LIKE ' %') > 0 AS folded
FROM (SELECT ical_teacher('lw', 7, '2018-2019') AS t) AS x
CROSS JOIN LATERAL regexp_split_to_table(left(x.t, -2), E'\r\n') AS l;

SET client_min_messages = warning;
DROP SCHEMA lw CASCADE;
RESET client_min_messages;
