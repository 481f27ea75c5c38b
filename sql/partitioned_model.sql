-- A partitioned model (issue 15): create_model(schema, partitioned => true)
-- makes lessons, sessions and duties partitioned by school year.  Its rules
-- hold like a plain model's, for a write into the table and one into a
-- year's partition; approval holds; a detached year is neither checked nor
-- reported, and attached back it is reported again, violations included
-- (attaching is no way round enforcement: check() finds what it brings);
-- upgrade_model() keeps every partition checked.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
-- today is in school year 2018-2019, which create_model() gives partitions
SET schooltime.today = '2019-03-01';
SELECT create_model('pm', partitioned => true);
-- create_model(name) is what it was: a plain model, and no ambiguity
SELECT create_model('pm_plain');
SELECT create_model('pm_plain_too', false);
SELECT c.oid::regclass AS table_name, c.relkind
FROM pg_class AS c WHERE c.oid IN ('pm.sessions'::regclass, 'pm_plain.sessions'::regclass, 'pm_plain_too.sessions'::regclass)
ORDER BY c.oid::regclass::text;
SELECT * FROM pg_temp.error_of('SELECT schooltime.create_model(''pm_null'', NULL)');

-- the years' partitions: adding one is idempotent
SELECT add_school_year_partition('pm', '2019-2020');
SELECT add_school_year_partition('pm', '2019-2020');
SELECT c.inhparent::regclass AS parent, c.inhrelid::regclass AS partition_name,
       pg_get_expr(p.relpartbound, p.oid) AS bound
FROM pg_inherits AS c JOIN pg_class AS p ON p.oid = c.inhrelid
WHERE c.inhparent IN ('pm.sessions'::regclass, 'pm.duties'::regclass, 'pm.lessons'::regclass)
ORDER BY c.inhparent::regclass::text, c.inhrelid::regclass::text;
SELECT * FROM pg_temp.error_of('SELECT schooltime.add_school_year_partition(''pm_plain'', ''2019-2020'')');
SELECT * FROM pg_temp.error_of('SELECT schooltime.add_school_year_partition(''pm'', NULL)');

-- keys hold the school year; foreign keys to a session name it too
SELECT conrelid::regclass AS table_name, conname, pg_get_constraintdef(oid) AS definition
FROM pg_constraint
WHERE (conrelid IN ('pm.sessions'::regclass, 'pm.duties'::regclass, 'pm.lessons'::regclass) AND contype IN ('p', 'u'))
   OR (confrelid = 'pm.sessions'::regclass AND contype = 'f')
ORDER BY conrelid::regclass::text, conname;

INSERT INTO pm.centres (id, code, name, territory, municipality) VALUES
    (1, '17000301', 'Institut Cap de Creus', 'Girona', 'Cadaqués');
INSERT INTO pm.teachers (id, name, centre_id, role) VALUES
    (1, 'Directora', 1, 'director'), (2, 'Cap d''estudis', 1, 'head_of_studies'),
    (3, 'Guàrdia de matí', 1, 'teacher'), (4, 'Guàrdia de tarda', 1, 'teacher'),
    (5, 'Professora de llengua', 1, 'teacher');
INSERT INTO pm.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28),
    (1, 2, '1r ESO A', '2019-2020', 'eso', 1, 27);

-- A week from a pattern, written into the table or into a named partition.
CREATE FUNCTION pg_temp.week(target text, grp bigint, days integer[], VARIADIC slots text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format($sql$
        INSERT INTO %s (centre_id, group_id, school_year, regime, slot, subject, kind)
        SELECT g.centre_id, g.id, g.school_year, g.regime,
               schooltime.weekslot(d, split_part(split_part(s, ' ', 1), '-', 1)::time, split_part(split_part(s, ' ', 1), '-', 2)::time),
               CASE WHEN s LIKE '%% recess' THEN 'Esbarjo' ELSE 'Classe' END,
               CASE WHEN s LIKE '%% recess' THEN 'recess' ELSE 'lesson' END::schooltime.session_kind
        FROM pm.class_groups AS g, unnest($1) AS d, unnest($2) AS s
        WHERE g.id = $3$sql$, target) USING days, slots, grp;
END
$$;
-- guards and the directive team, both years: 2018-2019 into the table,
-- 2019-2020 straight into its partition
INSERT INTO pm.duties (centre_id, teacher_id, school_year, slot, kind)
SELECT 1, t, '2018-2019', weekslot(d, s::time, e::time), k::duty_kind
FROM generate_series(1, 5) AS d,
     (VALUES (1, '08:00', '13:30', 'directive'), (2, '12:30', '17:30', 'directive'),
             (3, '08:00', '11:00', 'guard'), (3, '11:30', '13:30', 'guard'),
             (4, '11:00', '11:30', 'recess_guard'), (4, '13:30', '17:30', 'guard')) AS duty (t, s, e, k);
INSERT INTO pm.duties_2019_2020 (centre_id, teacher_id, school_year, slot, kind)
SELECT centre_id, teacher_id, '2019-2020', slot, kind FROM pm.duties WHERE school_year = '2018-2019';
-- 30 hours a week for each year's group: into the table, into the partition
SELECT pg_temp.week('pm.sessions', 1, '{1,2,3,4,5}', '08:00-11:00', '11:00-11:30 recess', '11:30-12:30', '15:00-17:00');
SELECT pg_temp.week('pm.sessions_2019_2020', 2, '{1,2,3,4,5}', '08:00-11:00', '11:00-11:30 recess', '11:30-12:30', '15:00-17:00');
SELECT tableoid::regclass AS partition_name, school_year, count(*) FROM pm.sessions GROUP BY 1, 2 ORDER BY school_year;
SELECT tableoid::regclass AS partition_name, school_year, count(*) FROM pm.duties GROUP BY 1, 2 ORDER BY school_year;
-- ids come from one sequence, whichever table the row was written into
SELECT count(DISTINCT id) = count(*) AS ids_distinct FROM pm.sessions;

-- Set rules on their boundary, into the table and into the partition: a
-- session that overlaps the group's by a minute is refused, one that
-- touches it is not.
SELECT * FROM pg_temp.outcome_of(
  'INSERT INTO pm.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id) VALUES (1, 1, ''2018-2019'', ''eso'', ''dl 16:59-17:30'', ''Llengua'', 5)');
SELECT * FROM pg_temp.outcome_of(
  'INSERT INTO pm.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id) VALUES (1, 1, ''2018-2019'', ''eso'', ''dl 17:00-17:30'', ''Llengua'', 5)');
SELECT * FROM pg_temp.outcome_of(
  'INSERT INTO pm.sessions_2019_2020 (centre_id, group_id, school_year, regime, slot, subject, teacher_id) VALUES (1, 2, ''2019-2020'', ''eso'', ''dl 16:59-17:30'', ''Llengua'', 5)');
SELECT * FROM pg_temp.outcome_of(
  'INSERT INTO pm.sessions_2019_2020 (centre_id, group_id, school_year, regime, slot, subject, teacher_id) VALUES (1, 2, ''2019-2020'', ''eso'', ''dl 17:00-17:30'', ''Llengua'', 5)');
-- an UPDATE routed through the table, and one of the partition
SELECT * FROM pg_temp.outcome_of(
  'UPDATE pm.sessions SET slot = ''dl 10:59-12:00'' WHERE group_id = 1 AND slot = ''dl 11:30-12:30''');
SELECT * FROM pg_temp.outcome_of(
  'UPDATE pm.sessions_2019_2020 SET slot = ''dl 10:59-12:00'' WHERE group_id = 2 AND slot = ''dl 11:30-12:30''');
-- a row rule, cloned to the partitions by PostgreSQL
SELECT * FROM pg_temp.outcome_of(
  'INSERT INTO pm.sessions_2019_2020 (centre_id, group_id, school_year, regime, slot, subject) VALUES (1, 2, ''2019-2020'', ''eso'', ''ds 09:00-10:00'', ''Llengua'')');
-- the teacher's rules across sessions and duties of a year's partition
SELECT * FROM pg_temp.outcome_of(
  'INSERT INTO pm.duties_2019_2020 (centre_id, teacher_id, school_year, slot, kind) VALUES (1, 3, ''2019-2020'', ''dl 10:59-11:30'', ''guard'')');
SELECT * FROM pg_temp.outcome_of(
  'INSERT INTO pm.duties_2019_2020 (centre_id, teacher_id, school_year, slot, kind) VALUES (1, 3, ''2019-2020'', ''dl 11:00-11:30'', ''guard'')');
-- a bulk statement (more than 64 rows: the plans made for its keys) into
-- the table, with one duty a minute into another, is refused whole; into
-- the partition, without it, it loads
SELECT code, constraint_name, message FROM pg_temp.error_of($$
    INSERT INTO pm.duties (centre_id, teacher_id, school_year, slot, kind, description)
    SELECT 1, 5, '2019-2020', weekslot(d, '08:00'::time + (i * 10) * interval '1 minute', '08:10'::time + (i * 10) * interval '1 minute'),
           'coordination'::duty_kind, 'bulk'
    FROM generate_series(1, 5) AS d, generate_series(0, 13) AS i
    UNION ALL SELECT 1, 5, '2019-2020', 'dv 10:09-10:15', 'coordination', 'bulk'$$);
SELECT code, constraint_name, message FROM pg_temp.error_of($$
    INSERT INTO pm.duties_2019_2020 (centre_id, teacher_id, school_year, slot, kind, description)
    SELECT 1, 5, '2019-2020', weekslot(d, '08:00'::time + (i * 10) * interval '1 minute', '08:10'::time + (i * 10) * interval '1 minute'),
           'coordination', 'bulk'
    FROM generate_series(1, 5) AS d, generate_series(0, 13) AS i$$);
SELECT count(*) AS bulk_duties FROM pm.duties WHERE description = 'bulk';
DELETE FROM pm.duties WHERE description = 'bulk';
-- a year without a partition is refused (no DEFAULT partition)
SELECT code, message FROM pg_temp.error_of(
  'INSERT INTO pm.duties (centre_id, teacher_id, school_year, slot, kind) VALUES (1, 3, ''2020-2021'', ''dl 11:00-11:30'', ''guard'')');
-- a pinned subject area names its session's year: another year's is no session
SELECT code, constraint_name, message FROM pg_temp.outcome_of(format(
  'INSERT INTO pm.session_subject_areas (centre_id, session_id, school_year, area) VALUES (1, %s, %L, ''language'')',
  (SELECT min(id) FROM pm.sessions WHERE school_year = '2018-2019'), '2018-2019'));
SELECT code, constraint_name, message FROM pg_temp.outcome_of(format(
  'INSERT INTO pm.session_subject_areas (centre_id, session_id, school_year, area) VALUES (1, %s, %L, ''language'')',
  (SELECT min(id) FROM pm.sessions WHERE school_year = '2018-2019'), '2019-2020'));

-- Lessons are partitioned too: a lesson and its rows, in the year's partition
INSERT INTO pm.lessons_2019_2020 (centre_id, id, school_year, slot) VALUES (1, 1, '2019-2020', 'dl 17:00-18:00');
SELECT * FROM pg_temp.outcome_of(
  'INSERT INTO pm.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, lesson_id) VALUES (1, 2, ''2019-2020'', ''eso'', ''dl 17:00-18:00'', ''Llengua'', 5, 1)');
SELECT * FROM pg_temp.outcome_of(
  'INSERT INTO pm.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, lesson_id) VALUES (1, 1, ''2018-2019'', ''eso'', ''dl 17:00-18:00'', ''Llengua'', 5, 1)');

-- Approval: both years' groups leave draft, and an approved timetable
-- stays compliant, whichever table the write names.
UPDATE pm.class_groups SET approval = 'provisional' WHERE id IN (1, 2);
SELECT id, school_year, approval FROM pm.class_groups ORDER BY id;
SELECT code, constraint_name, message FROM pg_temp.outcome_of(
  'DELETE FROM pm.sessions WHERE group_id = 1 AND slot = ''dv 15:00-17:00''');
SELECT code, constraint_name, message FROM pg_temp.outcome_of(
  'DELETE FROM pm.sessions_2019_2020 WHERE group_id = 2 AND slot = ''dv 15:00-17:00''');

-- check() reads both years: compliant
SELECT count(*) AS violations FROM schooltime.check('pm');

-- Detached, a year is a table of its own: its sessions are not reported,
-- and writes into it are not checked.  Its groups stay (class_groups is not
-- partitioned), so check() of the whole model finds that year's group
-- without its week (weekly_hours, free_afternoons): doc/partitions.md;
-- check() of the years kept does not.
ALTER TABLE pm.sessions DETACH PARTITION pm.sessions_2019_2020;
SELECT tgname FROM pg_trigger WHERE tgrelid = 'pm.sessions_2019_2020'::regclass AND NOT tgisinternal ORDER BY tgname;
INSERT INTO pm.sessions_2019_2020 (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
VALUES (1, 2, '2019-2020', 'eso', 'dl 08:30-09:30', 'Reforç', 5);
SELECT rule, subject, subject_name, weekday FROM schooltime.check('pm') ORDER BY rule, subject_id;
-- check() of a year kept in the model reads that year alone: compliant
SELECT count(*) AS violations FROM schooltime.check('pm', school_year => '2018-2019');
-- Attached back, it is reported again, with the overlap written while it
-- was out: attaching passes no rule by, check() finds what it brings.
ALTER TABLE pm.sessions ATTACH PARTITION pm.sessions_2019_2020 FOR VALUES IN ('2019-2020');
SELECT tgname FROM pg_trigger WHERE tgrelid = 'pm.sessions_2019_2020'::regclass AND NOT tgisinternal ORDER BY tgname;
SELECT rule, subject, subject_name, weekday FROM schooltime.check('pm') ORDER BY rule, subject_id;
SELECT school_year, count(*) AS violations
FROM unnest(ARRAY['2018-2019', '2019-2020']) AS school_year, schooltime.check('pm', school_year => school_year::schooltime.school_year)
GROUP BY school_year ORDER BY school_year;
-- and its writes are checked again
SELECT code, constraint_name FROM pg_temp.outcome_of(
  'INSERT INTO pm.sessions_2019_2020 (centre_id, group_id, school_year, regime, slot, subject, teacher_id) VALUES (1, 2, ''2019-2020'', ''eso'', ''dt 08:30-09:30'', ''Reforç'', 5)');
DELETE FROM pm.sessions WHERE subject = 'Reforç';
SELECT count(*) AS violations FROM schooltime.check('pm');

-- upgrade_model(): a partition that lost a statement trigger gets it back
DROP TRIGGER schooltime_set_rules_insert ON pm.duties_2019_2020;
SET client_min_messages = warning;
SELECT upgrade_model('pm');
RESET client_min_messages;
SELECT c.relname, count(t.tgname) AS statement_triggers
FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace AND n.nspname = 'pm'
LEFT JOIN pg_trigger AS t ON t.tgrelid = c.oid AND NOT t.tgisinternal AND t.tgtype & 1 = 0
WHERE c.relname ~ '^(sessions|duties|lessons)' AND c.relkind IN ('r', 'p')
GROUP BY c.relname ORDER BY c.relname;
SELECT * FROM pg_temp.outcome_of(
  'INSERT INTO pm.duties_2019_2020 (centre_id, teacher_id, school_year, slot, kind) VALUES (1, 3, ''2019-2020'', ''dl 10:59-11:30'', ''guard'')');
RESET schooltime.today;
SET client_min_messages = warning;
DROP SCHEMA pm, pm_plain, pm_plain_too CASCADE;
RESET client_min_messages;
