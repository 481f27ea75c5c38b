-- pgTAP property of schooltime.places(): over random weeks of random groups
-- (lessons of their own, halves, a joint lesson), every place it offers for
-- a random lesson is one the triggers accept, and every place it closes is
-- one the triggers refuse with a rule among those it named.
BEGIN;
SET client_min_messages = warning;
SELECT plan(3);
SELECT setseed(0.1818);

SELECT schooltime.create_model('plprop');
INSERT INTO plprop.centres (id, code, name, territory, municipality)
VALUES (1, '43999999', 'Institut de proves', 'Tarragona', 'Reus');
INSERT INTO plprop.class_groups (centre_id, id, name, school_year, regime, level, pupils)
SELECT 1, g, format('Grup %s', g), '2018-2019', (ARRAY['eso', 'batxillerat', 'fp'])[1 + g % 3]::schooltime.regime, 1, 25
FROM generate_series(1, 6) AS g;
INSERT INTO plprop.teachers (id, name, centre_id) SELECT t, format('Docent %s', t), 1 FROM generate_series(1, 8) AS t;

-- A random week: for each group, on each day, a few one-hour lessons at
-- random starts among the hours 08:00-18:00, written one statement at a
-- time so that the triggers keep each group's and teacher's week legal.
CREATE FUNCTION pg_temp.try(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    RETURN 'ok';
EXCEPTION WHEN check_violation OR foreign_key_violation OR unique_violation THEN
    RETURN 'refused';
END
$$;
SELECT count(*) FILTER (WHERE pg_temp.try(format(
    'INSERT INTO plprop.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, split_half) '
    'SELECT 1, g.id, g.school_year, g.regime, schooltime.weekslot(%s, %L, %L), %L, %s, %s FROM plprop.class_groups AS g WHERE g.id = %s',
    d, make_time(h, 0, 0), make_time(h + 1, 0, 0), 'Classe', coalesce(t::text, 'NULL'), coalesce(half::text, 'NULL'), g)) = 'ok') > 0
FROM (SELECT g, d, 8 + (random() * 9)::integer AS h,
             CASE WHEN random() < 0.15 THEN NULL ELSE 1 + (random() * 7)::integer END AS t,
             CASE WHEN random() < 0.2 THEN 1 + (random() < 0.5)::integer END AS half
      FROM generate_series(1, 6) AS g, generate_series(1, 5) AS d, generate_series(1, 5) AS k) AS w;

-- The lessons to place: one or two groups (a joint lesson), a teacher or
-- none, 60 or 120 minutes, whole groups or half 1.
CREATE TEMPORARY TABLE lessons ON COMMIT DROP AS
SELECT n, ARRAY[g1] || CASE WHEN joint THEN ARRAY[1 + (g1 % 6)] ELSE '{}' END AS groups,
       CASE WHEN t IS NULL THEN '{}'::bigint[] ELSE ARRAY[t] END AS teachers, minutes, half
FROM (SELECT n, 1 + (random() * 5)::integer AS g1, random() < 0.3 AS joint,
             CASE WHEN random() < 0.2 THEN NULL ELSE 1 + (random() * 7)::bigint END AS t,
             (ARRAY[60, 120])[1 + (random() < 0.3)::integer] AS minutes, random() < 0.2 AS half
      FROM generate_series(1, 12) AS n) AS l;

-- Every place of every lesson: what places() says, what the triggers say.
CREATE FUNCTION pg_temp.trigger_verdict(groups bigint[], teachers bigint[], slot schooltime.weekslot, half boolean)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    refused text;
BEGIN
    BEGIN
        INSERT INTO plprop.lessons (centre_id, id, school_year, slot) VALUES (1, 999999, '2018-2019', slot);
        INSERT INTO plprop.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, lesson_id, split_half)
        SELECT 1, g.id, g.school_year, g.regime, slot, 'Lliçó', t.t, 999999, CASE WHEN half THEN 1 END
        FROM plprop.class_groups AS g
        LEFT JOIN unnest(teachers) AS t (t) ON true
        WHERE g.id = ANY (groups);
        RAISE EXCEPTION USING ERRCODE = 'UNDO0';
    EXCEPTION
        WHEN SQLSTATE 'UNDO0' THEN RETURN 'ok';
        WHEN check_violation OR foreign_key_violation OR unique_violation THEN
            GET STACKED DIAGNOSTICS refused = CONSTRAINT_NAME;
            RETURN refused;
    END;
END
$$;
CREATE TEMPORARY TABLE verdicts ON COMMIT DROP AS
SELECT l.n, p.slot, p.open, ARRAY(SELECT DISTINCT r.rule FROM unnest(p.reasons) AS r) AS named,
       pg_temp.trigger_verdict(l.groups, l.teachers, p.slot, l.half) AS triggers
FROM lessons AS l,
     LATERAL schooltime.places('plprop', 1, l.groups, l.minutes, l.teachers,
                               CASE WHEN l.half THEN array_fill('split_half'::text, ARRAY[cardinality(l.groups)]) END,
                               CASE WHEN l.half THEN array_fill('1'::text, ARRAY[cardinality(l.groups)]) END,
                               starts => 'grid', step => 30, with_reasons => true) AS p;

SELECT is((SELECT count(*) FROM verdicts WHERE open AND triggers <> 'ok'), 0::bigint,
          'every place places() offers is one the triggers accept');
SELECT is((SELECT count(*) FROM verdicts WHERE NOT open AND (triggers = 'ok' OR NOT triggers = ANY (named))), 0::bigint,
          'every place places() closes is one the triggers refuse, with a rule it named');
SELECT ok((SELECT count(*) FILTER (WHERE open) > 20 AND count(*) FILTER (WHERE NOT open) > 20
                  AND count(DISTINCT triggers) FILTER (WHERE NOT open) >= 3
           FROM verdicts),
          'the random lessons have open places and places closed by at least three rules');

SELECT * FROM finish();
ROLLBACK;
