-- pgTAP property of lessons and parts: over a week built of every shape
-- (joint lessons, co-teaching, parts of three splits, an optional-subject
-- block, halves), hundreds of random writes (sessions of their own, of a
-- part or a half, co-teachers' and joint rows of existing lessons) are
-- each refused by the triggers exactly when schooltime.check() reports a
-- write-time rule broken by the same write, and the rule the trigger names
-- is one check() reports.
BEGIN;
SET client_min_messages = warning;
SELECT plan(4);
SELECT setseed(0.2027);

SELECT schooltime.create_model('lprop');
INSERT INTO lprop.centres (id, code, name, territory, municipality)
VALUES (1, '17999999', 'Institut de proves', 'Girona', 'Girona');
INSERT INTO lprop.class_groups (centre_id, id, name, school_year, regime, level, pupils)
SELECT 1, g, format('4t ESO %s', chr(64 + g)), '2018-2019', 'eso', 4, 25 FROM generate_series(1, 6) AS g;
INSERT INTO lprop.teachers (id, name, centre_id) SELECT t, format('Docent %s', t), 1 FROM generate_series(1, 10) AS t;
INSERT INTO lprop.group_parts (centre_id, group_id, split, part)
SELECT 1, g, 'idiomes', p FROM generate_series(1, 2) AS g, unnest(ARRAY['Anglès', 'Francès', 'Alemany']) AS p
UNION ALL SELECT 1, 1, 'laboratori', p FROM unnest(ARRAY['L1', 'L2']) AS p
UNION ALL SELECT 1, g, 'optatives', p FROM generate_series(3, 4) AS g, unnest(ARRAY['Música', 'Informàtica']) AS p;
INSERT INTO lprop.blocks (centre_id, school_year, name, regime) VALUES (1, '2018-2019', 'Optatives', 'eso');

-- The lessons of the base week: (lesson, slot, block, rows of group:teacher[:split:part])
CREATE TEMPORARY TABLE base_lessons (id bigint, slot text, block text, rows text[]) ON COMMIT DROP;
INSERT INTO base_lessons VALUES
    (1, 'dl 08:00-09:00', NULL, '{5:1,6:1}'),                                   -- joint lesson
    (2, 'dl 09:00-10:00', NULL, '{1:2,1:3}'),                                   -- co-teaching
    (3, 'dt 09:00-10:00', NULL, '{1:4:idiomes:Anglès,2:4:idiomes:Anglès}'),     -- parts of two groups, one teacher
    (4, 'dt 09:00-10:00', NULL, '{1:5:idiomes:Francès,2:5:idiomes:Francès}'),
    (5, 'dt 09:00-10:00', NULL, '{1:6:idiomes:Alemany,2:6:idiomes:Alemany}'),
    (6, 'dc 10:00-11:00', 'Optatives', '{3:7:optatives:Música,4:7:optatives:Música}'),   -- a block
    (7, 'dc 10:00-11:00', 'Optatives', '{3:8:optatives:Informàtica,4:8:optatives:Informàtica}');

SELECT lives_ok($$
    INSERT INTO lprop.lessons (centre_id, id, school_year, slot, block)
    SELECT 1, l.id, '2018-2019', schooltime.slot(l.slot), l.block FROM base_lessons AS l;
    INSERT INTO lprop.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, lesson_id, split, part)
    SELECT 1, split_part(r, ':', 1)::bigint, '2018-2019', 'eso', schooltime.slot(l.slot), 'Lliçó ' || l.id,
           split_part(r, ':', 2)::bigint, l.id, nullif(split_part(r, ':', 3), ''), nullif(split_part(r, ':', 4), '')
    FROM base_lessons AS l, unnest(l.rows) AS r;
    INSERT INTO lprop.sessions (centre_id, group_id, school_year, regime, slot, subject, split_half)
    SELECT 1, g, '2018-2019', 'eso', schooltime.slot(s), 'Comuna', h
    FROM generate_series(1, 6) AS g,
         (VALUES ('dj 08:00-11:00', NULL::smallint), ('dj 11:30-13:30', NULL), ('dv 08:00-09:00', 1), ('dv 08:00-09:00', 2)) AS v (s, h)
$$, 'a week of every shape (joint, co-taught, parts of three splits, a block, halves) is accepted');

-- The write-time rules check() reports (errors only; the groups are drafts).
CREATE FUNCTION pg_temp.reported() RETURNS text[] LANGUAGE sql AS $$
    SELECT coalesce(array_agg(DISTINCT v.rule ORDER BY v.rule), '{}')
    FROM schooltime.check('lprop') AS v
    WHERE v.severity = 'error' AND v.authorisation_id IS NULL
      AND v.rule IN ('weekday', 'window', 'session_length', 'group_overlap', 'continuous', 'daily_max',
                     'teacher_overlap', 'teacher_midday', 'teacher_week')
$$;
SELECT is(pg_temp.reported(), '{}'::text[], 'check() reports no write-time rule broken in the base week');

-- Random writes: a session of its own (the whole group, a half, or a part of
-- one of the group's splits), a co-teacher's row of a lesson, or a joint row
-- of a lesson for a group it does not take.
CREATE TEMPORARY TABLE writes (n integer, statement text) ON COMMIT DROP;
INSERT INTO writes
SELECT n, CASE
    WHEN kind < 0.6 THEN format(
        'INSERT INTO lprop.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, split, part, split_half) '
        'VALUES (1, %s, %L, %L, schooltime.weekslot(%s, %L, %L), %L, %s, %L, %L, %s)',
        g, '2018-2019', 'eso', day, make_time(start / 60, start % 60, 0),
        make_time((start + length) / 60, (start + length) % 60, 0), 'Assaig ' || n,
        coalesce(teacher::text, 'NULL'), part_split, part_name,
        CASE WHEN shape = 'half' THEN (1 + (random() < 0.5)::integer)::text ELSE 'NULL' END)
    WHEN kind < 0.8 THEN format(
        'INSERT INTO lprop.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, lesson_id, split, part) '
        'SELECT s.centre_id, s.group_id, s.school_year, s.regime, s.slot, s.subject, %s, s.lesson_id, s.split, s.part '
        'FROM lprop.sessions AS s WHERE s.lesson_id = %s AND NOT EXISTS (SELECT FROM lprop.sessions AS o '
        'WHERE o.lesson_id = s.lesson_id AND o.group_id = s.group_id AND o.split IS NOT DISTINCT FROM s.split '
        'AND o.part IS NOT DISTINCT FROM s.part AND o.teacher_id = %s) ORDER BY s.id LIMIT 1',
        coalesce(teacher, 9), lesson, coalesce(teacher, 9))
    ELSE format(
        'INSERT INTO lprop.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, lesson_id) '
        'SELECT 1, %s, %L, %L, l.slot, %L, (SELECT min(s.teacher_id) FROM lprop.sessions AS s WHERE s.lesson_id = l.id), l.id '
        'FROM lprop.lessons AS l WHERE l.id = %s AND l.block IS NULL '
        'AND NOT EXISTS (SELECT FROM lprop.sessions AS s WHERE s.lesson_id = l.id AND s.group_id = %s)',
        g, '2018-2019', 'eso', 'Conjunta ' || n, lesson, g, g)
    END
FROM (
    SELECT n, random() AS kind, 1 + (random() * 5)::integer AS g, 1 + (random() * 4)::integer AS day,
           480 + 30 * (random() * 18)::integer AS start, 60 * (1 + (random() * 3)::integer) AS length,
           CASE WHEN random() < 0.2 THEN NULL ELSE 1 + (random() * 9)::integer END AS teacher,
           1 + (random() * 6)::integer AS lesson,
           (ARRAY['whole', 'half', 'part'])[1 + (random() * 2)::integer] AS shape
    FROM generate_series(1, 400) AS n
) AS w
LEFT JOIN LATERAL (
    SELECT p.split AS part_split, p.part AS part_name FROM lprop.group_parts AS p
    WHERE w.shape = 'part' AND p.group_id = w.g ORDER BY random() + w.n * 0 LIMIT 1
) AS chosen ON true;

-- The rule a write breaks by the triggers ('ok' if accepted), and what
-- check() reports once the same write is let in; the write is undone.
CREATE FUNCTION pg_temp.verdicts(statement text, OUT refused_by text, OUT reported text[])
LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        EXECUTE statement;
        refused_by := 'ok';
        RAISE EXCEPTION USING ERRCODE = 'UNDO0';
    EXCEPTION
        WHEN SQLSTATE 'UNDO0' THEN NULL;
        WHEN check_violation OR foreign_key_violation OR unique_violation THEN
            GET STACKED DIAGNOSTICS refused_by = CONSTRAINT_NAME;
    END;
    BEGIN
        SET LOCAL schooltime.enforce = off;
        EXECUTE statement;
        reported := pg_temp.reported();
        RAISE EXCEPTION USING ERRCODE = 'UNDO0';
    EXCEPTION
        WHEN SQLSTATE 'UNDO0' THEN NULL;
    END;
    SET LOCAL schooltime.enforce = on;
END
$$;

CREATE TEMPORARY TABLE outcomes ON COMMIT DROP AS
SELECT w.n, w.statement, v.refused_by, v.reported FROM writes AS w, LATERAL pg_temp.verdicts(w.statement) AS v;

SELECT is((SELECT count(*) FROM outcomes
           WHERE (refused_by = 'ok') <> (reported = '{}') OR (refused_by <> 'ok' AND NOT refused_by = ANY (reported))),
          0::bigint,
          'every random write of lessons and parts is refused exactly when check() reports the rule the trigger names');
-- the property is not vacuous: the random writes are both accepted and refused, for several rules
SELECT ok((SELECT count(*) FILTER (WHERE refused_by = 'ok') BETWEEN 40 AND 360
                  AND count(DISTINCT refused_by) FILTER (WHERE refused_by <> 'ok') >= 4
           FROM outcomes),
          'the random writes include accepted ones and refusals by at least four rules');

SELECT * FROM finish();
ROLLBACK;
