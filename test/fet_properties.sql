-- pgTAP: a FET timetable's clashes, found by fet_validate() through the
-- model's kernels, are exactly the clashes an independent reading of the
-- FET file finds, over random timetables: the project's fixture with its
-- activities placed at random (an *_activities.xml result written here).
-- A group clashes on a day when two activities at overlapping clock times
-- take pupils of it in common (FET's subgroups: atoms); a teacher when two
-- activities at overlapping times both name the teacher.
BEGIN;
SET client_min_messages = warning;
\set fet `cat sql/fet/institut.fet`
CREATE TEMPORARY TABLE fet_file AS SELECT :'fet'::text AS fet;
SELECT plan(83);

SELECT schooltime.create_model('fet_props');
INSERT INTO fet_props.centres (id, code, name, territory, municipality)
VALUES (1, '08000901', 'Institut de propietats', 'Barcelona', 'Barcelona');
CREATE TEMPORARY TABLE maps AS
SELECT (SELECT jsonb_agg(d) FROM schooltime.fet_propose_days(fet) AS d) AS days,
       (SELECT jsonb_agg(p) FROM schooltime.fet_propose_periods(fet) AS p) AS periods,
       (SELECT jsonb_agg(y) FROM schooltime.fet_propose_years(fet) AS y) AS years
FROM fet_file;
-- the fixture's facts, read once: activities, days, hours, the class group of each atom
CREATE TEMPORARY TABLE parsed AS SELECT schooltime.fet_read(fet) AS j FROM fet_file;
CREATE TEMPORARY TABLE acts AS
SELECT (a->>'id')::integer AS id, (a->>'duration')::integer AS duration,
       ARRAY(SELECT jsonb_array_elements_text(a->'teachers')) AS teachers,
       ARRAY(SELECT jsonb_array_elements_text(a->'students')) AS students
FROM parsed, jsonb_array_elements(j->'activities') AS a WHERE (a->>'active')::boolean;
CREATE TEMPORARY TABLE class_of_atom AS
SELECT DISTINCT s.atom, y->>'students_set' AS class_group
FROM parsed, maps, jsonb_array_elements(maps.years) AS y, schooltime.fet_students(parsed.j) AS s
WHERE s.students_set = y->>'students_set' AND y->>'regime' IS NOT NULL;
CREATE TEMPORARY TABLE clock AS
SELECT h.n - 1 AS hour, h.name, (p->>'starts')::time AS starts, (p->>'ends')::time AS ends
FROM parsed, maps, jsonb_array_elements_text(parsed.j->'hours') WITH ORDINALITY AS h (name, n),
     jsonb_array_elements(maps.periods) AS p
WHERE p->>'hour' = h.name;

SELECT is((SELECT count(*) FROM acts), 11::bigint, 'the fixture has 11 active activities');

-- random timetables: each active activity at a random day and a random hour it fits from
SELECT setseed(0.1313);
CREATE TEMPORARY TABLE trials AS
SELECT t AS trial, a.id, 1 + floor(random() * 5)::integer AS weekday,
       floor(random() * (5 - a.duration + 1))::integer AS hour
FROM generate_series(1, 40) AS t CROSS JOIN acts AS a;
CREATE FUNCTION pg_temp.result(trial integer) RETURNS text LANGUAGE sql AS $$
    SELECT '<Activities_Timetable>' || string_agg(
        format('<Activity><Id>%s</Id><Day>%s</Day><Hour>%s</Hour></Activity>', x.id,
               (parsed.j->'days'->>(x.weekday - 1)), (parsed.j->'hours'->>x.hour)), '') || '</Activities_Timetable>'
    FROM trials AS x, parsed WHERE x.trial = result.trial
$$;

-- what an independent reading finds: pairs of activities at overlapping times
CREATE TEMPORARY TABLE placed AS
SELECT x.trial, x.id, x.weekday, c1.starts, c2.ends, a.teachers, a.students
FROM trials AS x JOIN acts AS a ON a.id = x.id
JOIN clock AS c1 ON c1.hour = x.hour JOIN clock AS c2 ON c2.hour = x.hour + a.duration - 1;
CREATE TEMPORARY TABLE expected_groups AS
SELECT DISTINCT p.trial, ca.class_group, p.weekday
FROM placed AS p JOIN placed AS q ON q.trial = p.trial AND q.weekday = p.weekday AND q.id < p.id
     AND q.starts < p.ends AND p.starts < q.ends
CROSS JOIN LATERAL (SELECT s.atom FROM unnest(p.students) AS n, schooltime.fet_students((SELECT j FROM parsed)) AS s
                    WHERE s.students_set = n
                    INTERSECT
                    SELECT s.atom FROM unnest(q.students) AS n, schooltime.fet_students((SELECT j FROM parsed)) AS s
                    WHERE s.students_set = n) AS shared
JOIN class_of_atom AS ca ON ca.atom = shared.atom;
CREATE TEMPORARY TABLE expected_teachers AS
SELECT DISTINCT p.trial, t AS teacher, p.weekday
FROM placed AS p JOIN placed AS q ON q.trial = p.trial AND q.weekday = p.weekday AND q.id < p.id
     AND q.starts < p.ends AND p.starts < q.ends
CROSS JOIN LATERAL unnest(p.teachers) AS t
WHERE t = ANY (q.teachers);

-- the random timetables hold clashes to find, of both kinds
SELECT cmp_ok((SELECT count(DISTINCT trial) FROM expected_groups), '>=', 10::bigint, 'many random timetables have a group clash');
SELECT cmp_ok((SELECT count(DISTINCT trial) FROM expected_teachers), '>=', 10::bigint, 'many random timetables have a teacher clash');

-- what fet_validate() finds
CREATE TEMPORARY TABLE found AS
SELECT x.trial, v.rule, v.subject_name, v.weekday
FROM generate_series(1, 40) AS x (trial), fet_file, maps,
     schooltime.fet_validate('fet_props', 1, '2018-2019', fet, days, periods, years, pg_temp.result(x.trial)) AS v
WHERE v.rule IN ('group_overlap', 'teacher_overlap');

SELECT set_eq(format('SELECT DISTINCT subject_name, weekday FROM found WHERE trial = %s AND rule = %L', t, 'group_overlap'),
              format('SELECT class_group, weekday FROM expected_groups WHERE trial = %s', t),
              format('random timetable %s: the groups that clash, and the days', t))
FROM generate_series(1, 40) AS t;
SELECT set_eq(format('SELECT DISTINCT subject_name, weekday FROM found WHERE trial = %s AND rule = %L', t, 'teacher_overlap'),
              format('SELECT teacher, weekday FROM expected_teachers WHERE trial = %s', t),
              format('random timetable %s: the teachers in two places at once, and the days', t))
FROM generate_series(1, 40) AS t;

SELECT * FROM finish();
ROLLBACK;
