-- The shapes of a real school's week (issue 12): joint lessons, co-teaching,
-- optional-subject blocks and splits of groups into parts.  Each shape is
-- accepted when it is legal and refused, with the exact error, when it
-- clashes; the day rules are judged for every set of pupils; bad input to
-- lessons, blocks and parts is refused with an error that says what to do.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('ls');
INSERT INTO ls.centres (id, code, name, territory, municipality) VALUES
    (1, '08000201', 'Institut Montseny', 'Vallès Occidental', 'Terrassa'),
    (2, '08000202', 'Institut Serra', 'Vallès Occidental', 'Terrassa');
INSERT INTO ls.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r Batxillerat A', '2018-2019', 'batxillerat', 1, 30),
    (1, 2, '1r Batxillerat B', '2018-2019', 'batxillerat', 1, 29),
    (1, 3, '1r Batxillerat C', '2018-2019', 'batxillerat', 1, 28),
    (1, 4, '4t ESO A', '2018-2019', 'eso', 4, 27),
    (1, 5, '4t ESO B', '2018-2019', 'eso', 4, 26),
    (1, 6, '4t ESO A', '2020-2021', 'eso', 4, 25),
    (2, 7, '1r ESO A', '2018-2019', 'eso', 1, 25);
INSERT INTO ls.teachers (id, name, centre_id) VALUES
    (1, 'Laia Ferrer', 1), (2, 'Pau Roca', 1), (3, 'Mireia Camps', 1), (4, 'Oriol Sala', 1),
    (5, 'Anna Grau', 1), (6, 'Jan Vives', 1), (7, 'Clara Pons', 1);
-- 4t ESO A splits in three for languages and in two for the laboratory;
-- both groups of 4t split into options.
INSERT INTO ls.group_parts (centre_id, group_id, split, part, pupils) VALUES
    (1, 4, 'idiomes', 'Anglès', 12), (1, 4, 'idiomes', 'Francès', 9), (1, 4, 'idiomes', 'Alemany', 6),
    (1, 4, 'laboratori', 'L1', 14), (1, 4, 'laboratori', 'L2', 13),
    (1, 4, 'optatives', 'Música', 14), (1, 4, 'optatives', 'Informàtica', 13),
    (1, 5, 'optatives', 'Música', 10), (1, 5, 'optatives', 'Informàtica', 16);

-- A lesson: one teaching event at one time, its rows the groups or parts it
-- takes by the teachers who teach it.
CREATE FUNCTION pg_temp.lesson(lesson_id bigint, slot text, subject text, block text, VARIADIC rows text[])
RETURNS text LANGUAGE sql AS $$
    SELECT format('INSERT INTO ls.lessons (centre_id, id, school_year, slot, block) VALUES (1, %s, %L, schooltime.slot(%L), %L); '
                  'INSERT INTO ls.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, lesson_id, split, part) '
                  'SELECT g.centre_id, g.id, g.school_year, g.regime, schooltime.slot(%L), %L, r.teacher, %s, r.split, r.part '
                  'FROM (VALUES %s) AS r (group_id, teacher, split, part) JOIN ls.class_groups AS g ON g.id = r.group_id',
                  lesson_id, '2018-2019', slot, block, slot, subject, lesson_id,
                  string_agg(format('(%s, %s, %L, %L)', split_part(r, ':', 1), nullif(split_part(r, ':', 2), ''),
                                    nullif(split_part(r, ':', 3), ''), nullif(split_part(r, ':', 4), '')), ', '))
    FROM unnest(rows) AS r
$$;
-- A session of its own: group, slot, subject, teacher, and optionally a part.
CREATE FUNCTION pg_temp.session(group_id bigint, slot text, subject text, teacher bigint,
                                split text DEFAULT NULL, part text DEFAULT NULL, half smallint DEFAULT NULL)
RETURNS text LANGUAGE sql AS $$
    SELECT format('INSERT INTO ls.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, split, part, split_half) '
                  'SELECT g.centre_id, g.id, g.school_year, g.regime, schooltime.slot(%L), %L, %s, %L, %L, %s '
                  'FROM ls.class_groups AS g WHERE g.id = %s',
                  slot, subject, coalesce(teacher::text, 'NULL'), split, part, coalesce(half::text, 'NULL'), group_id)
$$;

\x on
-- 1. Joint lesson: one teacher teaches three groups together.
SELECT * FROM pg_temp.error_of(pg_temp.lesson(1, 'dl 08:00-09:00', 'Educació física', NULL, '1:1', '2:1', '3:1'));
-- ... and a second lesson of that teacher at the same time is refused, once.
SELECT * FROM pg_temp.outcome_of(pg_temp.session(4, 'dl 08:30-09:30', 'Educació física', 1));
-- ... but at 09:00, when the joint lesson is over, it is accepted.
SELECT * FROM pg_temp.outcome_of(pg_temp.session(4, 'dl 09:00-10:00', 'Educació física', 1));

-- 2. Co-teaching: two teachers in one lesson of one group.
SELECT * FROM pg_temp.error_of(pg_temp.lesson(2, 'dl 10:00-11:00', 'Matemàtiques', NULL, '4:2', '4:3'));
-- ... and a second lesson of the group at the same time is refused, once.
SELECT * FROM pg_temp.outcome_of(pg_temp.session(4, 'dl 10:30-11:30', 'Tutoria', 4));

-- 3. Parts of one split run in parallel: the group split in three for languages.
SELECT * FROM pg_temp.error_of(pg_temp.lesson(3, 'dt 09:00-10:00', 'Anglès', NULL, '4:2:idiomes:Anglès'));
SELECT * FROM pg_temp.error_of(pg_temp.lesson(4, 'dt 09:00-10:00', 'Francès', NULL, '4:3:idiomes:Francès'));
SELECT * FROM pg_temp.error_of(pg_temp.lesson(5, 'dt 09:00-10:00', 'Alemany', NULL, '4:4:idiomes:Alemany'));
-- ... parts of two splits do not: a pupil is in one part of each.
SELECT * FROM pg_temp.outcome_of(pg_temp.session(4, 'dt 09:30-10:30', 'Física', 5, 'laboratori', 'L1'));
-- ... nor does a half with a part of another split.
SELECT * FROM pg_temp.outcome_of(pg_temp.session(4, 'dt 09:00-10:00', 'Tecnologia', 5, half => 1::smallint));
-- ... nor the whole group with a part.
SELECT * FROM pg_temp.outcome_of(pg_temp.session(4, 'dt 09:59-10:30', 'Tutoria', 5));
-- ... and the two laboratory halves in parallel are fine, after the languages.
SELECT * FROM pg_temp.error_of(pg_temp.session(4, 'dt 10:00-11:00', 'Física', 5, 'laboratori', 'L1')
                               || '; ' || pg_temp.session(4, 'dt 10:00-11:00', 'Química', 6, 'laboratori', 'L2'));

-- 4. The day of every set of pupils: 4t ESO B has six hours on Wednesday
-- and its Música part one or two more; 420 minutes a day are allowed.
SELECT * FROM pg_temp.error_of(pg_temp.session(5, 'dc 08:00-11:00', 'Matèries comunes', 7)
                               || '; ' || pg_temp.session(5, 'dc 11:30-14:30', 'Matèries comunes', 7));
SELECT * FROM pg_temp.outcome_of(pg_temp.session(5, 'dc 15:00-16:00', 'Música', 6, 'optatives', 'Música'));
SELECT * FROM pg_temp.outcome_of(pg_temp.session(5, 'dc 15:00-17:00', 'Música', 6, 'optatives', 'Música'));
-- ... the same two hours for both parts, in one lesson of both: the whole
-- group's day, named so.
SELECT * FROM pg_temp.outcome_of(pg_temp.lesson(12, 'dc 15:00-17:00', 'Optativa', NULL,
                                                '5:6:optatives:Música', '5:2:optatives:Informàtica'));

-- 5. An optional-subject block: at one hour the pupils of 4t ESO A and B
-- split into Música and Informàtica, each option a lesson of its teacher.
INSERT INTO ls.blocks (centre_id, school_year, name, regime) VALUES
    (1, '2018-2019', 'Optatives 4t, dijous', 'eso'), (1, '2018-2019', 'Modalitat 1r Batxillerat', 'batxillerat');
SELECT * FROM pg_temp.error_of(pg_temp.lesson(10, 'dj 10:00-11:00', 'Música', 'Optatives 4t, dijous',
                                              '4:6:optatives:Música', '5:6:optatives:Música'));
SELECT * FROM pg_temp.error_of(pg_temp.lesson(11, 'dj 10:00-11:00', 'Informàtica', 'Optatives 4t, dijous',
                                              '4:2:optatives:Informàtica', '5:2:optatives:Informàtica'));
-- ... and an option's teacher is not free for another lesson at that hour.
SELECT * FROM pg_temp.outcome_of(pg_temp.session(1, 'dj 10:00-11:00', 'Música', 6));

-- What the teachers' weeks count: the joint lesson once, the co-taught one
-- for each of its teachers.
SELECT teacher_name, lesson_minutes FROM schooltime.teacher_hours('ls', '2018-2019') ORDER BY teacher_id;

-- 6. Moving a lesson moves its rows; a move that clashes is refused.
SELECT * FROM pg_temp.error_of($$UPDATE ls.lessons SET slot = schooltime.slot('dl 11:00-12:00') WHERE centre_id = 1 AND id = 2$$);
SELECT slot, count(*) FROM ls.sessions WHERE lesson_id = 2 GROUP BY slot;
SELECT * FROM pg_temp.outcome_of($$UPDATE ls.lessons SET slot = schooltime.slot('dt 09:30-10:30') WHERE centre_id = 1 AND id = 2$$);

-- 7. Bad input, each refused with what is wrong and what to do.
-- a part that names a split the group does not have, or a part the split lacks
SELECT * FROM pg_temp.outcome_of(pg_temp.session(5, 'dv 08:00-09:00', 'Francès', 3, 'idiomes', 'Francès'));
SELECT * FROM pg_temp.outcome_of(pg_temp.session(4, 'dv 08:00-09:00', 'Xinès', 3, 'idiomes', 'Xinès'));
SELECT * FROM pg_temp.outcome_of(pg_temp.session(1, 'dv 08:00-09:00', 'Xinès', 3, 'idiomes', 'Xinès'));
-- a part of one split in a lesson that also takes the whole group
SELECT * FROM pg_temp.outcome_of(pg_temp.lesson(20, 'dv 09:00-10:00', 'Tutoria', NULL, '4:7', '4:7:idiomes:Anglès'));
-- a lesson whose groups belong to different school years, or centres
SELECT * FROM pg_temp.outcome_of(pg_temp.lesson(21, 'dv 10:00-11:00', 'Tutoria', NULL, '4:7', '6:7'));
SELECT * FROM pg_temp.outcome_of(
    $$INSERT INTO ls.sessions (centre_id, group_id, school_year, regime, slot, subject, lesson_id)
      VALUES (2, 7, '2018-2019', 'eso', schooltime.slot('dl 08:00-09:00'), 'Educació física', 1)$$);
-- a teacher listed twice in one lesson
SELECT * FROM pg_temp.outcome_of(pg_temp.lesson(22, 'dv 11:30-12:30', 'Tutoria', NULL, '4:7', '4:7'));
-- a row of a lesson at another time than its lesson
SELECT * FROM pg_temp.outcome_of(
    $$INSERT INTO ls.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, lesson_id)
      VALUES (1, 5, '2018-2019', 'eso', schooltime.slot('dl 08:30-09:30'), 'Educació física', 1, 1)$$);
-- a block that mixes regimes: a batxillerat group in the 4t ESO block...
SELECT * FROM pg_temp.outcome_of(pg_temp.lesson(23, 'dj 10:00-11:00', 'Música', 'Optatives 4t, dijous', '1:7'));
-- ... a lesson moved into a block of another regime, a block given another regime
SELECT * FROM pg_temp.outcome_of($$UPDATE ls.lessons SET block = 'Modalitat 1r Batxillerat' WHERE centre_id = 1 AND id = 10$$);
SELECT * FROM pg_temp.outcome_of($$UPDATE ls.blocks SET regime = 'batxillerat' WHERE name = 'Optatives 4t, dijous'$$);
\x off
-- nothing of the refused writes is stored
SELECT count(*) AS sessions, count(DISTINCT lesson_id) AS lessons FROM ls.sessions;

-- A part in use cannot go: the foreign key says so when the transaction commits.
BEGIN;
DELETE FROM ls.group_parts WHERE group_id = 4 AND split = 'laboratori' AND part = 'L2';
COMMIT;

-- What check() reports of parts, with the checks off for the writes that
-- put the violations there: the part that breaks a rule is named.
SET schooltime.enforce = off;
INSERT INTO ls.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, split, part)
VALUES (1, 5, '2018-2019', 'eso', schooltime.slot('dc 15:00-17:00'), 'Música', 6, 'optatives', 'Música');
RESET schooltime.enforce;
SELECT rule, subject_name, weekday, measured, limit_value, message
FROM schooltime.check('ls') WHERE rule IN ('group_overlap', 'teacher_overlap', 'continuous', 'daily_max')
ORDER BY rule, subject_name;

SET client_min_messages = warning;
DROP SCHEMA ls CASCADE;
RESET client_min_messages;
