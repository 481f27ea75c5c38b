-- iCalendar export: RFC 5545 text escaping and line folding, and the
-- calendar of a group and of a teacher (the file is parsed with an
-- independent parser by tools/tests/calendar-ical).
SET search_path = schooltime, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql

-- escaping a TEXT value
SELECT ical_escape(E'Mates, grup A; aula 3\\B') AS escaped;
SELECT ical_escape(E'línia 1\nlínia 2\r\nlínia 3\rfi') AS line_breaks, ical_escape(E'tab\there, bell\x07 gone') AS controls;
SELECT ical_escape('') = '' AS empty, ical_escape(NULL) IS NULL AS null_in;
-- folding a content line at 75 octets, never inside a UTF-8 character
SELECT octet_length(l) AS octets, ical_fold(l) = l AS unchanged
FROM (VALUES (repeat('a', 74)), (repeat('a', 75))) AS t (l);
SELECT replace(ical_fold(repeat('a', 76)), E'\r\n', '<CRLF>') AS folded_76;
SELECT o AS octets_before, replace(ical_fold(repeat('a', o) || 'àé'), E'\r\n', '<CRLF>') AS folded
FROM generate_series(72, 75) AS o;
SELECT max(octet_length(p)) AS longest, count(*) AS physical_lines,
       replace(string_agg(substr(p, 1, 1), '' ORDER BY n), ' ', '_') AS first_chars,
       replace(ical_fold(repeat('€', 60)), E'\r\n ', '') = repeat('€', 60) AS unfolds_back
FROM regexp_split_to_table(ical_fold(repeat('€', 60)), E'\r\n') WITH ORDINALITY AS t (p, n);
SELECT * FROM pg_temp.error_of($$SELECT ical_fold(E'DESCRIPTION:a\nb')$$);

-- a small model: one ESO group, two weekly lessons, a free-disposal day and a local holiday
SELECT create_model('ical');
INSERT INTO ical.centres (id, code, name, territory, municipality)
VALUES (1, '08045678', 'Institut Les Vinyes', 'Vallès Occidental', 'Sabadell');
INSERT INTO ical.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '4t ESO A', '2018-2019', 'eso', 4, 28), (1, 2, '3r Primària', '2018-2019', 'primaria', 3, 22);
INSERT INTO ical.teachers (id, code, name, centre_id) VALUES (1, 'T01', 'Anna Puig, tutora; Matemàtiques', 1), (2, 'T02', 'Bernat Soler', 1);
INSERT INTO ical.sessions (centre_id, id, group_id, school_year, regime, slot, subject, kind, teacher_id) VALUES
    (1, 10, 1, '2018-2019', 'eso', slot('dl 08:00-09:00'), 'Matemàtiques', 'lesson', 1),
    (1, 11, 1, '2018-2019', 'eso', slot('dc 10:00-11:00'), 'Ciències, laboratori; grup A', 'lesson', 2),
    (1, 12, 1, '2018-2019', 'eso', slot('dc 11:00-11:30'), 'Esbarjo', 'recess', NULL),
    (1, 20, 2, '2018-2019', 'primaria', slot('dv 08:45-09:45'), 'Llengua', 'lesson', 1),
    (1, 21, 2, '2018-2019', 'primaria', slot('dv 15:00-16:30'), 'Plàstica', 'tutorial', 1);
INSERT INTO ical.local_holidays VALUES ('Sabadell', '2019-03-04', 'Festa local');
INSERT INTO ical.free_days (centre_id, school_year, day) VALUES (1, '2018-2019', '2019-02-27');

-- the whole calendar of the group, its lines unfolded (DTSTAMP is the export's time)
SELECT regexp_replace(l, '^DTSTAMP:[0-9]{8}T[0-9]{6}Z$', 'DTSTAMP:<export time>') AS line
FROM regexp_split_to_table(replace(ical_group('ical', 1, 1), E'\r\n ', ''), E'\r\n') WITH ORDINALITY AS t (l, n)
ORDER BY n;
-- every physical line ends with CRLF and is at most 75 octets; the text ends with CRLF
SELECT bool_and(octet_length(l) <= 75) AS short_lines,
       bool_and(position(E'\n' IN l) = 0 AND position(E'\r' IN l) = 0) AS no_stray_breaks,
       count(*) FILTER (WHERE l LIKE ' %') AS continuation_lines
FROM (SELECT ical_group('ical', 1, 1) AS t) AS x
CROSS JOIN LATERAL regexp_split_to_table(left(x.t, -2), E'\r\n') AS l;
SELECT right(ical_group('ical', 1, 1), 2) = E'\r\n' AS ends_with_crlf;
-- weekly occurrences: the rule's weeks less the exceptions are the group's lessons
SELECT count(*) AS lessons FROM group_lessons('ical', 1, 1);
-- intensive days: the Friday lessons of primària on 21 December and 14 and 21 June
SELECT regexp_replace(l, '^DTSTAMP:[0-9]{8}T[0-9]{6}Z$', 'DTSTAMP:<export time>') AS line
FROM regexp_split_to_table(replace(ical_group('ical', 1, 2), E'\r\n ', ''), E'\r\n') WITH ORDINALITY AS t (l, n)
WHERE n > 24 ORDER BY n;
-- a teacher's calendar gathers their sessions of every group
SELECT count(*) FILTER (WHERE l = 'BEGIN:VEVENT') AS events, count(*) FILTER (WHERE l LIKE 'RECURRENCE-ID%') AS overrides,
       string_agg(l, ' | ') FILTER (WHERE l LIKE 'SUMMARY%' OR l LIKE 'X-WR-CALNAME%') AS names
FROM regexp_split_to_table(replace(ical_teacher('ical', 1, '2018-2019'), E'\r\n ', ''), E'\r\n') AS l;
SELECT count(*) FILTER (WHERE l = 'BEGIN:VEVENT') AS events
FROM regexp_split_to_table(ical_teacher('ical', 2, '2020-2021'), E'\r\n') AS l;

-- bad input
SELECT * FROM pg_temp.error_of($$SELECT ical_group('ical', 1, 9)$$);
SELECT * FROM pg_temp.error_of($$SELECT ical_teacher('ical', 9, '2018-2019')$$);
SELECT * FROM pg_temp.error_of($$SELECT ical_teacher('noical', 1, '2018-2019')$$);

SET client_min_messages = warning;
DROP SCHEMA ical CASCADE;
RESET client_min_messages;
