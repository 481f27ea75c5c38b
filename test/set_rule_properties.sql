-- pgTAP properties of the set rules over generated timetables: a week built
-- right up to every limit (runs of exactly 180 minutes, breaks of exactly
-- 30, days of exactly the daily maximum, teachers' weeks of exactly 37 h 30
-- with exactly 60 free minutes at midday) is always accepted, and moving any
-- one session or duty by one minute across a limit is always refused by the
-- rule that limit belongs to.
BEGIN;
SET client_min_messages = warning;
SELECT plan(6);
SELECT setseed(0.2018);

SELECT schooltime.create_model('prop');
INSERT INTO prop.centres (id, code, name, territory, municipality) VALUES (1, '25999999', 'Centre de proves', 'Lleida', 'Lleida');

-- 80 groups of the regimes with runs and daily limits; limits as RULES.md gives them
CREATE TEMPORARY TABLE regimes (regime schooltime.regime, daily_max integer) ON COMMIT DROP;
INSERT INTO regimes VALUES ('eso', 420), ('batxillerat', 420), ('fp', 420), ('arts', 420), ('sports', 480);
INSERT INTO prop.class_groups (centre_id, id, name, school_year, regime, level, pupils)
SELECT 1, g, format('Grup %s', g), '2018-2019', (SELECT regime FROM regimes ORDER BY regime OFFSET g % 5 LIMIT 1), 1, 25
FROM generate_series(1, 80) AS g;

-- Each day: block A from 08:00 (180 minutes in two or three sessions of at
-- least 60 minutes, for the arts and sports cycles' session bounds), a
-- 30-minute break, block B (the same), a 30-minute break, block C up to the
-- daily maximum.  The parts are random, the boundaries exact.
CREATE TEMPORARY TABLE plan (group_id bigint, day integer, block char, part integer, starts integer, ends integer) ON COMMIT DROP;
INSERT INTO plan
SELECT g.id, d, b.block, p.part, b.base + p.offset_start, b.base + p.offset_end
FROM prop.class_groups AS g
JOIN regimes AS r USING (regime)
CROSS JOIN generate_series(1, 5) AS d
CROSS JOIN LATERAL (VALUES ('A', 480, 180), ('B', 690, 180), ('C', 900, r.daily_max - 360)) AS b (block, base, length)
CROSS JOIN LATERAL (
    SELECT row_number() OVER () AS part, cut AS offset_start, lead(cut, 1, b.length) OVER (ORDER BY cut) AS offset_end
    FROM (SELECT 0 AS cut
          UNION SELECT unnest(CASE WHEN random() < 0.5 THEN ARRAY[60, 120]
                                   ELSE ARRAY[60 + (random() * 60)::integer] END) WHERE b.length = 180) AS cuts
) AS p;

CREATE FUNCTION pg_temp.hm(minutes integer) RETURNS time LANGUAGE sql IMMUTABLE AS
$$ SELECT make_time(minutes / 60, minutes % 60, 0) $$;

SELECT lives_ok($$
    INSERT INTO prop.sessions (centre_id, id, group_id, school_year, regime, slot, subject)
    SELECT 1, row_number() OVER (ORDER BY p.group_id, p.day, p.starts), p.group_id, g.school_year, g.regime,
           schooltime.weekslot(p.day, pg_temp.hm(p.starts), pg_temp.hm(p.ends)), 'Classe ' || p.block || p.part
    FROM plan AS p JOIN prop.class_groups AS g ON g.id = p.group_id
$$, 'a generated week at every group limit is accepted in one statement');

-- The rule a change breaks, or 'ok'; the change is always undone.
CREATE FUNCTION pg_temp.rule_broken(change text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    broken text;
BEGIN
    BEGIN
        EXECUTE change;
        RAISE EXCEPTION USING ERRCODE = 'UNDO0';
    EXCEPTION
        WHEN SQLSTATE 'UNDO0' THEN RETURN 'ok';
        WHEN check_violation THEN GET STACKED DIAGNOSTICS broken = CONSTRAINT_NAME; RETURN broken;
    END;
END
$$;
CREATE FUNCTION pg_temp.move(group_id bigint, day integer, starts integer, new_starts integer, new_ends integer) RETURNS text
LANGUAGE sql AS $$
    SELECT format('UPDATE prop.sessions SET slot = schooltime.weekslot(%s, %L, %L) WHERE group_id = %s AND slot = schooltime.weekslot(%s, %L, %L)',
                  day, pg_temp.hm(new_starts), pg_temp.hm(new_ends), group_id, day, pg_temp.hm(starts),
                  (SELECT pg_temp.hm(p.ends) FROM plan AS p WHERE p.group_id = move.group_id AND p.day = move.day AND p.starts = move.starts))
$$;

-- one random day of each group, and the changes with the rule each must break
CREATE TEMPORARY TABLE changes ON COMMIT DROP AS
SELECT g.id AS group_id, d.day, c.expected, c.change
FROM prop.class_groups AS g
CROSS JOIN LATERAL (SELECT (1 + (random() * 4)::integer + 0 * g.id)::integer AS day) AS d
CROSS JOIN LATERAL (
    SELECT 'group_overlap' AS expected,
           (SELECT pg_temp.move(g.id, d.day, p.starts, p.starts - 1, p.ends - 1) FROM plan AS p
            WHERE p.group_id = g.id AND p.day = d.day AND p.block = 'A' AND p.part = 2) AS change
    UNION ALL
    SELECT 'continuous',
           (SELECT pg_temp.move(g.id, d.day, p.starts, p.starts, p.ends + 1) FROM plan AS p
            WHERE p.group_id = g.id AND p.day = d.day AND p.block = 'A' ORDER BY p.part DESC LIMIT 1)
    UNION ALL
    SELECT 'daily_max',
           (SELECT pg_temp.move(g.id, d.day, p.starts, p.starts, p.ends + 1) FROM plan AS p
            WHERE p.group_id = g.id AND p.day = d.day AND p.block = 'C' ORDER BY p.part DESC LIMIT 1)
    UNION ALL
    SELECT 'ok',
           (SELECT pg_temp.move(g.id, d.day, p.starts, p.starts + 1, p.ends + 1) FROM plan AS p
            WHERE p.group_id = g.id AND p.day = d.day AND p.block = 'C' AND p.part = 1)
) AS c;

SELECT is((SELECT count(*)::integer FROM changes WHERE change IS NOT NULL), 320, 'four changes for each of the 80 groups');
SELECT is_empty($$
    SELECT group_id, day, expected, pg_temp.rule_broken(change) AS got FROM changes
    WHERE pg_temp.rule_broken(change) IS DISTINCT FROM expected
$$, 'one minute across a limit always breaks its rule (overlap, continuous run, daily maximum); a minute that crosses none never does');

-- Teachers: 08:00-12:30 and 13:30-16:30 every weekday is exactly 37 h 30 min
-- with exactly 60 free minutes between 12:00 and 16:00.
INSERT INTO prop.teachers (id, name, centre_id) SELECT t, format('Docent %s', t), 1 FROM generate_series(1, 40) AS t;
SELECT lives_ok($$
    INSERT INTO prop.duties (centre_id, teacher_id, school_year, slot, kind)
    SELECT 1, t, '2018-2019', schooltime.weekslot(d, s::time, e::time), 'other'
    FROM generate_series(1, 40) AS t, generate_series(1, 5) AS d,
         (VALUES ('08:00', '12:30'), ('13:30', '16:30')) AS p (s, e)
$$, 'forty teachers at exactly 37 h 30 min a week and 60 free minutes at midday are accepted');
CREATE TEMPORARY TABLE teacher_changes ON COMMIT DROP AS
SELECT t, d.day, c.expected, format('UPDATE prop.duties SET slot = schooltime.weekslot(%s, %L, %L) WHERE teacher_id = %s AND slot = schooltime.weekslot(%s, ''13:30'', ''16:30'')',
                                     d.day, c.starts, c.ends, t, d.day) AS change
FROM generate_series(1, 40) AS t
CROSS JOIN LATERAL (SELECT (1 + (random() * 4)::integer + 0 * t)::integer AS day) AS d
CROSS JOIN (VALUES ('teacher_overlap', '12:29', '15:30'), ('teacher_midday', '13:29', '16:29'),
                   ('teacher_week', '13:30', '16:31'), ('ok', '13:31', '16:30')) AS c (expected, starts, ends);
SELECT is_empty($$
    SELECT t, day, expected, pg_temp.rule_broken(change) AS got FROM teacher_changes
    WHERE pg_temp.rule_broken(change) IS DISTINCT FROM expected
$$, 'one minute across a teacher''s limit always breaks its rule (overlap, midday, week); one minute back never does');

SELECT is((SELECT count(*)::integer FROM prop.sessions), (SELECT count(*)::integer FROM plan), 'every change was undone');

SELECT * FROM finish();
ROLLBACK;
