-- Importing a FET timetable (issue 13): the maps schooltime asks for and
-- proposes, validation without storing, the import of every shape (joint
-- lesson, co-teaching, subgroups, an optional-subject block, a meeting, a
-- guard, a lesson with no teacher, two hours, an inactive activity), one
-- transaction (a file that breaks a rule is refused whole with that rule's
-- error naming the FET activity; a centre and year imported twice is
-- refused), and every bad input, with its exact error and nothing stored.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
\set fet `cat sql/fet/institut.fet`
CREATE TEMPORARY TABLE fet_file AS SELECT :'fet'::text AS fet;
SELECT create_model('fi');
INSERT INTO fi.centres (id, code, name, ownership, territory, municipality) VALUES
    (1, '08000301', 'Institut de proves FET', 'public', 'Barcelona', 'Barcelona'),
    (2, '08000302', 'Institut veí', 'public', 'Barcelona', 'Barcelona');

-- 1. The maps a FET file cannot give, proposed from its names
SELECT * FROM fet_propose_days((SELECT fet FROM fet_file));
SELECT * FROM fet_propose_periods((SELECT fet FROM fet_file));
SELECT * FROM fet_propose_years((SELECT fet FROM fet_file));
SELECT * FROM fet_propose_duties((SELECT fet FROM fet_file));
-- names the proposals read, and names they refuse to guess
SELECT name, (fet_read_class_name(name)).*
FROM (VALUES ('3ESO'), ('1º Bach A'), ('2n Batxillerat B'), ('1-BAT-A'), ('P4'), ('5 AÑOS'), ('3r Primària'),
             ('1FPBEE'), ('4ESO-B-FP'), ('1DAW'), ('PCPI'), ('2008-2009'), ('6º'), ('5ESO')) AS n (name);
SELECT name, t.* FROM (VALUES ('1ª 08:15 - FP08:15'), ('8:30 - 9:25'), ('3ª SESION'), ('Hora 10.15'), ('ESO 8h00 a 9h00'))
    AS n (name), fet_read_hour_name(name) AS t;
SELECT subject, fet_read_duty_name(subject)
FROM (VALUES ('Guardia'), ('Guàrdia de pati'), ('Reunión ETCP'), ('Reunió de departament'), ('Tutoria famílies'),
             ('Direcció'), ('FCT')) AS s (subject);

-- the maps this test passes: the proposals, kept in tables a user could edit
CREATE TEMPORARY TABLE day_map AS SELECT * FROM fet_propose_days((SELECT fet FROM fet_file));
CREATE TEMPORARY TABLE period_map AS SELECT * FROM fet_propose_periods((SELECT fet FROM fet_file));
CREATE TEMPORARY TABLE year_map AS SELECT * FROM fet_propose_years((SELECT fet FROM fet_file));
CREATE FUNCTION pg_temp.maps(OUT days jsonb, OUT periods jsonb, OUT years jsonb) LANGUAGE sql AS $$
    SELECT (SELECT jsonb_agg(d) FROM day_map AS d), (SELECT jsonb_agg(p) FROM period_map AS p),
           (SELECT jsonb_agg(y) FROM year_map AS y)
$$;
CREATE FUNCTION pg_temp.validate(fet text, centre bigint DEFAULT 1) RETURNS SETOF schooltime.violation LANGUAGE sql AS $$
    SELECT v.* FROM pg_temp.maps() AS m, schooltime.fet_validate('fi', centre, '2018-2019', fet, m.days, m.periods, m.years) AS v
$$;
CREATE FUNCTION pg_temp.import(fet text, replace boolean DEFAULT false, centre bigint DEFAULT 1)
RETURNS SETOF schooltime.fet_import_summary LANGUAGE sql AS $$
    SELECT i.* FROM pg_temp.maps() AS m,
           schooltime.fet_import('fi', centre, '2018-2019', fet, m.days, m.periods, m.years, replace => replace) AS i
$$;
CREATE FUNCTION pg_temp.stored() RETURNS TABLE (class_groups bigint, sessions bigint, lessons bigint, duties bigint, teachers bigint)
LANGUAGE sql AS $$
    SELECT (SELECT count(*) FROM fi.class_groups), (SELECT count(*) FROM fi.sessions), (SELECT count(*) FROM fi.lessons),
           (SELECT count(*) FROM fi.duties), (SELECT count(*) FROM fi.teachers)
$$;

-- 2. Validation: what importing would bring, each violation naming its FET
--    activities, teachers and students sets; nothing is stored
\x on
SELECT rule, severity, subject_name, weekday, slot, message, detail
FROM pg_temp.validate((SELECT fet FROM fet_file))
WHERE rule IN ('weekly_hours', 'indicative_day') AND subject_name = '1r ESO B';
\x off
SELECT rule, severity, count(*) FROM pg_temp.validate((SELECT fet FROM fet_file)) GROUP BY 1, 2 ORDER BY 1;
SELECT * FROM pg_temp.stored();

-- 3. The import, in one transaction
SELECT * FROM pg_temp.import((SELECT fet FROM fet_file));
SELECT g.name, g.regime, g.level, g.pupils, g.approval,
       (SELECT string_agg(p.part || ' (' || p.pupils || ')', ', ' ORDER BY p.part) FROM fi.group_parts AS p
        WHERE p.group_id = g.id AND p.split = 'subgrups FET') AS parts
FROM fi.class_groups AS g ORDER BY g.name;
SELECT t.name, t.code, t.centre_id, t.role FROM fi.teachers AS t ORDER BY t.name;
-- every lesson's rows: the cross product of its groups (or parts) and teachers
SELECT l.external_id, l.slot, l.block, l.description, g.name AS "group", s.part, t.name AS teacher
FROM fi.lessons AS l JOIN fi.sessions AS s ON s.lesson_id = l.id AND s.centre_id = l.centre_id
JOIN fi.class_groups AS g ON g.id = s.group_id LEFT JOIN fi.teachers AS t ON t.id = s.teacher_id
ORDER BY l.slot, g.name, s.part, t.name;
SELECT b.name, b.regime, b.description FROM fi.blocks AS b ORDER BY b.name;
-- the meeting and the guard are duties; the inactive activity 11 is not there
SELECT t.name AS teacher, d.slot, d.kind, d.description FROM fi.duties AS d JOIN fi.teachers AS t ON t.id = d.teacher_id
ORDER BY d.slot, t.name;
-- check() after the import finds what the validation found, rule by rule
-- (the centre is another, so is its name)
CREATE TEMPORARY TABLE found_after AS
SELECT rule, severity, subject, nullif(subject_name, 'Institut de proves FET') AS name, weekday, slot, measured FROM schooltime.check('fi', 1);
CREATE TEMPORARY TABLE found_before AS
SELECT rule, severity, subject, nullif(subject_name, 'Institut veí') AS name, weekday, slot, measured FROM pg_temp.validate((SELECT fet FROM fet_file), 2);
SELECT count(*) AS violations, (SELECT count(*) FROM found_before) AS validated FROM found_after;
(SELECT * FROM found_after EXCEPT ALL SELECT * FROM found_before)
UNION ALL
(SELECT * FROM found_before EXCEPT ALL SELECT * FROM found_after);

-- 4. The same centre and year twice: refused, with a hint; replace is explicit
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import((SELECT fet FROM fet_file))$$);
SELECT * FROM pg_temp.import(replace((SELECT fet FROM fet_file), '<Teacher>TEC</Teacher>', '<Teacher>MAT</Teacher>'), replace => true);
SELECT l.external_id, t.name AS teacher FROM fi.lessons AS l JOIN fi.sessions AS s ON s.lesson_id = l.id
LEFT JOIN fi.teachers AS t ON t.id = s.teacher_id WHERE l.external_id = 'FET activity 10';
SELECT * FROM pg_temp.stored();
-- an approved timetable is not replaced (approved here with the checks off, as a superuser may)
BEGIN;
SET LOCAL schooltime.enforce = off;
UPDATE fi.class_groups SET approval = 'provisional' WHERE name = '4t ESO A';
COMMIT;
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import((SELECT fet FROM fet_file), replace => true)$$);
BEGIN;
SET LOCAL schooltime.enforce = off;
UPDATE fi.class_groups SET approval = 'draft' WHERE name = '4t ESO A';
COMMIT;

-- 5. A timetable that breaks a rule checked on every write is refused whole,
--    with that rule's error naming the FET activity, and nothing is stored
-- two lessons of 1r ESO B at once (Català moved onto the joint lesson)
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import(replace((SELECT fet FROM fet_file),
    E'<Activity_Id>12</Activity_Id>\n\t<Preferred_Day>Divendres</Preferred_Day>\n\t<Preferred_Hour>12:30-13:30</Preferred_Hour>',
    E'<Activity_Id>12</Activity_Id>\n\t<Preferred_Day>Dilluns</Preferred_Day>\n\t<Preferred_Hour>08:00-09:00</Preferred_Hour>'),
    centre => 2)$$);
-- a teacher on guard while teaching (the guard moved onto the joint lesson): refused on the duties
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import(replace((SELECT fet FROM fet_file),
    E'<Activity_Id>8</Activity_Id>\n\t<Preferred_Day>Dimecres</Preferred_Day>',
    E'<Activity_Id>8</Activity_Id>\n\t<Preferred_Day>Dilluns</Preferred_Day>'), centre => 2)$$);
-- four hours in a row: a period map with no break at 11:00
UPDATE period_map SET starts = '11:00', ends = '12:00' WHERE hour = '11:30-12:30';
UPDATE period_map SET starts = '12:00', ends = '13:00' WHERE hour = '12:30-13:30';
-- (Educació física and Català moved to Thursday, around Tecnologia: four hours in a row for 1r ESO B)
CREATE FUNCTION pg_temp.four_hours() RETURNS text LANGUAGE sql AS $$
    SELECT replace(replace((SELECT fet FROM fet_file),
        E'<Activity_Id>12</Activity_Id>\n\t<Preferred_Day>Divendres</Preferred_Day>\n\t<Preferred_Hour>12:30-13:30</Preferred_Hour>',
        E'<Activity_Id>12</Activity_Id>\n\t<Preferred_Day>Dijous</Preferred_Day>\n\t<Preferred_Hour>11:30-12:30</Preferred_Hour>'),
        E'<Activity_Id>1</Activity_Id>\n\t<Preferred_Day>Dilluns</Preferred_Day>',
        E'<Activity_Id>1</Activity_Id>\n\t<Preferred_Day>Dijous</Preferred_Day>')
$$;
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import(pg_temp.four_hours(), centre => 2)$$);
-- ... which validation lists, without storing it
SELECT rule, subject_name, message FROM pg_temp.validate(pg_temp.four_hours(), 2) WHERE rule = 'continuous';
-- a clock past the window
UPDATE period_map SET starts = '19:00', ends = '20:00' WHERE hour = '12:30-13:30';
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import((SELECT fet FROM fet_file), centre => 2)$$);
DELETE FROM period_map;
INSERT INTO period_map SELECT * FROM fet_propose_periods((SELECT fet FROM fet_file));
SELECT * FROM pg_temp.stored();

-- 6. Bad input: each refused with an error naming the element, nothing stored
-- not XML, not FET, a FET version schooltime does not know
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import('timetable', centre => 2)$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import('<timetable/>', centre => 2)$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import(replace((SELECT fet FROM fet_file), '"6.8.5"', '"4.0.0"'), centre => 2)$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.validate(replace((SELECT fet FROM fet_file), '<Mode>Official</Mode>', '<Mode>Mornings_Afternoons</Mode>'), 2)$$);
-- an activity FET did not place
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import(replace((SELECT fet FROM fet_file),
    '<Weight_Percentage>100</Weight_Percentage>' || E'\n\t<Activity_Id>10</Activity_Id>',
    '<Weight_Percentage>95</Weight_Percentage>' || E'\n\t<Activity_Id>10</Activity_Id>'), centre => 2)$$);
-- a students set or a teacher the file does not define
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import(replace((SELECT fet FROM fet_file), '<Students>4t ESO Música</Students>', '<Students>4t ESO Teatre</Students>'), centre => 2)$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import(replace((SELECT fet FROM fet_file), '<Teacher>SUP</Teacher>', '<Teacher>SUPORT</Teacher>'), centre => 2)$$);
-- a file of 100 MB
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import((SELECT fet FROM fet_file) || repeat(' ', 100 * 1024 * 1024), centre => 2)$$);
-- a day or an hour the maps do not hold
DELETE FROM day_map WHERE day = 'Dimecres';
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import((SELECT fet FROM fet_file), centre => 2)$$);
INSERT INTO day_map VALUES ('Dimecres', 3, 'by hand');
DELETE FROM period_map WHERE hour = '11:30-12:30';
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import((SELECT fet FROM fet_file), centre => 2)$$);
-- clocks per regime: an ESO clock does not serve FP, nor a clock for another FET year
INSERT INTO period_map VALUES ('11:30-12:30', 'fp', NULL, '11:45', '12:45', 'by hand');
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import((SELECT fet FROM fet_file), centre => 2)$$);
INSERT INTO period_map VALUES ('11:30-12:30', NULL, '1r ESO', '11:30', '12:30', 'by hand');
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import((SELECT fet FROM fet_file), centre => 2)$$);
INSERT INTO period_map VALUES ('11:30-12:30', NULL, '4t ESO', '11:30', '12:30', 'by hand');
SELECT rule, count(*) FROM pg_temp.validate((SELECT fet FROM fet_file), 2) GROUP BY 1 ORDER BY 1;
-- a FET year with no regime, left out or left NULL
UPDATE year_map SET regime = NULL, level = NULL WHERE students_set = '4t ESO A';
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import((SELECT fet FROM fet_file), centre => 2)$$);
DELETE FROM year_map WHERE students_set = '4t ESO A';
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import((SELECT fet FROM fet_file), centre => 2)$$);
-- a class group and an option group that share pupils
INSERT INTO year_map VALUES ('4t ESO A', 'eso', 4, NULL, 'by hand'), ('4t ESO Música', 'eso', 4, NULL, 'by hand');
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import((SELECT fet FROM fet_file), centre => 2)$$);
DELETE FROM year_map WHERE students_set = '4t ESO Música';
-- a subgroup left out of the class groups: 1r ESO's classes without 1r ESO B
DELETE FROM year_map WHERE students_set = '1r ESO B';
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import((SELECT fet FROM fet_file), centre => 2)$$);
INSERT INTO year_map VALUES ('1r ESO B', 'eso', 1, NULL, 'by hand');
-- the meeting year as pupils, and a duty year mixed with pupils
UPDATE year_map SET duty = NULL WHERE students_set = 'Reunions';
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import((SELECT fet FROM fet_file), centre => 2)$$);
UPDATE year_map SET duty = 'coordination' WHERE students_set = 'Reunions';
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import(replace((SELECT fet FROM fet_file), '<Students>Reunions</Students>', E'<Students>Reunions</Students>\n\t<Students>4t ESO A</Students>'), centre => 2)$$);
-- maps of the wrong shape
SELECT * FROM pg_temp.error_of($$SELECT * FROM fet_import('fi', 2, '2018-2019', (SELECT fet FROM fet_file), NULL, (SELECT periods FROM pg_temp.maps()), (SELECT years FROM pg_temp.maps()))$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM fet_import('fi', 2, '2018-2019', (SELECT fet FROM fet_file), '{"Dilluns": 1}', (SELECT periods FROM pg_temp.maps()), (SELECT years FROM pg_temp.maps()))$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM fet_import('fi', 2, '2018-2019', (SELECT fet FROM fet_file), '[["Dilluns", 1]]', (SELECT periods FROM pg_temp.maps()), (SELECT years FROM pg_temp.maps()))$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM fet_import('fi', 2, '2018-2019', (SELECT fet FROM fet_file), '[{"day": "Dilluns", "weekday": 8}]', (SELECT periods FROM pg_temp.maps()), (SELECT years FROM pg_temp.maps()))$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM fet_import('fi', 2, '2018-2019', (SELECT fet FROM fet_file), '[{"day": "Monday", "weekday": 1}]', (SELECT periods FROM pg_temp.maps()), (SELECT years FROM pg_temp.maps()))$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM fet_import('fi', 2, '2018-2019', (SELECT fet FROM fet_file), (SELECT days FROM pg_temp.maps()), '[{"hour": "08:00-09:00", "starts": "8 o''clock", "ends": "09:00"}]', (SELECT years FROM pg_temp.maps()))$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM fet_import('fi', 2, '2018-2019', (SELECT fet FROM fet_file), (SELECT days FROM pg_temp.maps()), '[{"hour": "08:00-09:00", "starts": "09:00", "ends": "08:00"}]', (SELECT years FROM pg_temp.maps()))$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM fet_import('fi', 2, '2018-2019', (SELECT fet FROM fet_file), (SELECT days FROM pg_temp.maps()), (SELECT periods FROM pg_temp.maps()), '[{"students_set": "1r ESO A", "regime": "secundaria", "level": 1}]')$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM fet_import('fi', 2, '2018-2019', (SELECT fet FROM fet_file), (SELECT days FROM pg_temp.maps()), (SELECT periods FROM pg_temp.maps()), '[{"students_set": "1r ESO C", "regime": "eso", "level": 1}]')$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM fet_import('fi', 2, '2018-2019', (SELECT fet FROM fet_file), (SELECT days FROM pg_temp.maps()), (SELECT periods FROM pg_temp.maps()),
    (SELECT jsonb_agg(CASE WHEN y.students_set = '1r ESO A' THEN to_jsonb(y) - 'level' ELSE to_jsonb(y) END) FROM year_map AS y))$$);
-- a model without the centre, a schema without a model
SELECT * FROM pg_temp.error_of($$SELECT * FROM pg_temp.import((SELECT fet FROM fet_file), centre => 9)$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM fet_validate('nowhere', 1, '2018-2019', (SELECT fet FROM fet_file), NULL, NULL, NULL)$$);
-- after every refusal, the second centre holds nothing
SELECT count(*) FROM fi.sessions WHERE centre_id = 2;
SELECT count(*) FROM fi.class_groups WHERE centre_id = 2;

-- 7. The input file with the *_activities.xml result fet-cl writes beside it
SELECT * FROM fet_import('fi', 2, '2018-2019', (SELECT fet FROM fet_file),
    (SELECT days FROM pg_temp.maps()), (SELECT periods FROM pg_temp.maps()), (SELECT years FROM pg_temp.maps()),
    activities => '<?xml version="1.0" encoding="UTF-8"?>
<Activities_Timetable>
<Activity><Id>1</Id><Day>Dimarts</Day><Hour>08:00-09:00</Hour></Activity>
<Activity><Id>2</Id><Day>Dimarts</Day><Hour>09:00-10:00</Hour></Activity>
<Activity><Id>3</Id><Day>Dimarts</Day><Hour>10:00-11:00</Hour></Activity>
<Activity><Id>4</Id><Day>Dimarts</Day><Hour>10:00-11:00</Hour></Activity>
<Activity><Id>5</Id><Day>Dimecres</Day><Hour>11:30-12:30</Hour></Activity>
<Activity><Id>6</Id><Day>Dimecres</Day><Hour>11:30-12:30</Hour></Activity>
<Activity><Id>7</Id><Day>Dijous</Day><Hour>12:30-13:30</Hour></Activity>
<Activity><Id>8</Id><Day>Dijous</Day><Hour>08:00-09:00</Hour></Activity>
<Activity><Id>9</Id><Day>Divendres</Day><Hour>08:00-09:00</Hour></Activity>
<Activity><Id>10</Id><Day>Divendres</Day><Hour>09:00-10:00</Hour></Activity>
<Activity><Id>12</Id><Day>Dilluns</Day><Hour>12:30-13:30</Hour></Activity>
</Activities_Timetable>');
SELECT l.external_id, l.slot FROM fi.lessons AS l WHERE l.centre_id = 2 ORDER BY l.slot;

-- 8. A user who may write the model, with no superuser rights, imports
CREATE ROLE fet_head_of_studies LOGIN;
GRANT USAGE ON SCHEMA fi TO fet_head_of_studies;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA fi TO fet_head_of_studies;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA fi TO fet_head_of_studies;
INSERT INTO fi.centres (id, code, name, territory, municipality) VALUES (3, '08000303', 'Institut nou', 'Barcelona', 'Barcelona');
GRANT SELECT ON day_map, period_map, year_map, fet_file TO fet_head_of_studies;
SET ROLE fet_head_of_studies;
SELECT class_groups, lessons, sessions, duties FROM pg_temp.import((SELECT fet FROM fet_file), centre => 3);
RESET ROLE;
SELECT count(*) FROM fi.sessions WHERE centre_id = 3;
REVOKE ALL ON ALL TABLES IN SCHEMA fi FROM fet_head_of_studies;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA fi FROM fet_head_of_studies;
REVOKE USAGE ON SCHEMA fi FROM fet_head_of_studies;
REVOKE ALL ON day_map, period_map, year_map, fet_file FROM fet_head_of_studies;
DROP ROLE fet_head_of_studies;

-- 9. The way back: a centre's timetable as a FET file, every activity locked
--    where it is (fet-cl opens and solves it: tools/tests/fet-spain), which
--    fet_import() with the proposed maps brings back as it was
CREATE TEMPORARY TABLE exported AS SELECT fet_export('fi', 1, '2018-2019') AS fet;
SELECT j->'days' AS days, j->'hours' AS hours, j->'teachers' AS teachers
FROM exported, fet_read(fet) AS j;
SELECT y->>'name' AS year, (SELECT string_agg(g->>'name', ', ') FROM jsonb_array_elements(y->'groups') AS g) AS groups
FROM exported, jsonb_array_elements(fet_read(fet)->'years') AS y;
SELECT a->>'id' AS id, a->>'subject' AS subject, a->'teachers' AS teachers, a->'students' AS students,
       a->>'day' AS day, a->>'hour' AS hour, a->>'duration' AS duration, a->>'comments' AS comments
FROM exported, jsonb_array_elements(fet_read(fet)->'activities') AS a;
INSERT INTO fi.centres (id, code, name, territory, municipality) VALUES (4, '08000304', 'Institut de tornada', 'Barcelona', 'Barcelona');
SELECT i.* FROM exported,
     LATERAL (SELECT (SELECT jsonb_agg(d) FROM fet_propose_days(fet) AS d) AS days,
                     (SELECT jsonb_agg(p) FROM fet_propose_periods(fet) AS p) AS periods,
                     (SELECT jsonb_agg(jsonb_build_object('students_set', g.name, 'regime', g.regime, 'level', g.level))
                      FROM fi.class_groups AS g WHERE g.centre_id = 1) AS years) AS m,
     fet_import('fi', 4, '2018-2019', fet, m.days, m.periods, m.years) AS i;
-- the same sessions and duties, in the same slots, with the same teachers and parts
WITH rows AS (
    SELECT s.centre_id, g.name AS grp, s.slot, s.subject, t.name AS teacher, s.part
    FROM fi.sessions AS s JOIN fi.class_groups AS g ON g.centre_id = s.centre_id AND g.id = s.group_id
    LEFT JOIN fi.teachers AS t ON t.id = s.teacher_id
    UNION ALL
    SELECT d.centre_id, NULL, d.slot, d.kind::text, t.name, NULL
    FROM fi.duties AS d JOIN fi.teachers AS t ON t.id = d.teacher_id
)
(SELECT grp, slot, subject, teacher, part FROM rows WHERE centre_id = 1
 EXCEPT ALL SELECT grp, slot, subject, teacher, part FROM rows WHERE centre_id = 4)
UNION ALL
(SELECT grp, slot, subject, teacher, part FROM rows WHERE centre_id = 4
 EXCEPT ALL SELECT grp, slot, subject, teacher, part FROM rows WHERE centre_id = 1);
-- a centre and year with nothing to export
SELECT * FROM pg_temp.error_of($$SELECT fet_export('fi', 1, '2019-2020')$$);

-- the model goes, so that a later test may drop the extension
SET client_min_messages = warning;
DROP SCHEMA fi CASCADE;
RESET client_min_messages;
