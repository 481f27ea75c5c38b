-- Per-row rules on write: weekday, window and session_length for every
-- regime, on both sides of each boundary, with the exact error.  The
-- expected figures are written here, not read from the catalogue, so that a
-- wrong catalogue figure fails this test.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('rr');
INSERT INTO rr.centres (id, code, name, territory, municipality)
VALUES (1, '08000001', 'Centre de proves', 'Barcelona', 'Barcelona');

-- the 2018-2019 figures of RULES.md, one group per regime
CREATE TEMPORARY TABLE figures (regime regime PRIMARY KEY, group_id integer, group_name text,
                                window_start time, window_end time, min_minutes integer, max_minutes integer);
INSERT INTO figures VALUES
    ('infantil',          1, 'P4 A',              '08:30', '18:00', NULL, NULL),
    ('primaria',          2, '3r A',              '08:30', '18:00', NULL, NULL),
    ('eso',               3, '1r ESO A',          '08:00', '19:00', NULL, NULL),
    ('batxillerat',       4, '1r Batxillerat A',  '08:00', '19:00', NULL, NULL),
    ('batxillerat_night', 5, '1r Batxillerat N',  '17:00', '24:00', NULL, NULL),
    ('fp',                6, '1r SMX A',          '08:00', '19:00', NULL, NULL),
    ('adults',            7, 'GES 1',             '09:00', '22:00', NULL, NULL),
    ('eoi_ordinary',      8, 'Anglès B1 A',       '08:00', '22:00', 60, 150),
    ('eoi_intensive',     9, 'Alemany A2 intensiu', '08:00', '22:00', 60, 150),
    ('eoi_blended',      10, 'Francès B2 semipresencial', '08:00', '22:00', 60, 150),
    ('arts',             11, '1r Il·lustració',   '08:00', '22:00', 60, 180),
    ('sports',           12, '1r Esquí alpí',     '08:00', '22:00', 50, 180);
SELECT count(*) = (SELECT count(*) FROM unnest(enum_range(NULL::regime))) AS every_regime_covered FROM figures;

INSERT INTO rr.class_groups (centre_id, id, name, school_year, regime, level, pupils)
SELECT 1, group_id, group_name, '2018-2019', regime, 1, 20 FROM figures;

CREATE FUNCTION pg_temp.session_insert(f figures, day integer, starts time, ends time, kind text DEFAULT 'lesson')
RETURNS text LANGUAGE sql AS $$
    SELECT format('INSERT INTO rr.sessions (centre_id, group_id, school_year, regime, slot, subject, kind) '
                  'VALUES (1, %s, %L, %L, schooltime.weekslot(%s, %L, %L), %L, %L)',
                  f.group_id, '2018-2019', f.regime, day, starts, ends, 'Prova', kind)
$$;

-- the cases: a name, a day, a start and an end for each regime
CREATE TEMPORARY TABLE cases AS
SELECT f.regime, c.name, c.day, c.starts, c.ends, c.kind
FROM figures AS f
CROSS JOIN LATERAL (VALUES
    -- window: the first and the last minute are in, one minute more is out
    ('starts as the window opens',       1, f.window_start, f.window_start + interval '60 minutes', 'lesson'),
    ('starts a minute early',            1, f.window_start - interval '1 minute', f.window_start + interval '59 minutes', 'lesson'),
    ('ends as the window closes',        2, f.window_end - interval '60 minutes', f.window_end, 'lesson'),
    ('ends a minute late',               2, f.window_end - interval '59 minutes', f.window_end + interval '1 minute', 'lesson'),
    -- weekday: Friday is in, the weekend is out
    ('on Friday',                        5, f.window_start + interval '60 minutes', f.window_start + interval '120 minutes', 'lesson'),
    ('on Saturday',                      6, f.window_start + interval '60 minutes', f.window_start + interval '120 minutes', 'lesson'),
    ('on Sunday',                        7, f.window_start + interval '60 minutes', f.window_start + interval '120 minutes', 'lesson'),
    -- session_length: the bounds are in, a minute beyond is out
    ('lasts the minimum',                3, f.window_start + interval '60 minutes', f.window_start + interval '60 minutes' + make_interval(mins => coalesce(f.min_minutes, 1)), 'lesson'),
    ('lasts a minute less than the minimum', 3, f.window_start + interval '60 minutes', f.window_start + interval '60 minutes' + make_interval(mins => coalesce(f.min_minutes, 1) - 1), 'lesson'),
    ('lasts the maximum',                4, f.window_start + interval '60 minutes', f.window_start + interval '60 minutes' + make_interval(mins => coalesce(f.max_minutes, 120)), 'lesson'),
    ('lasts a minute more than the maximum', 4, f.window_start + interval '60 minutes', f.window_start + interval '60 minutes' + make_interval(mins => coalesce(f.max_minutes, 120) + 1), 'lesson'),
    -- a recess is a gap, not a class session: no length bounds
    ('a 20-minute recess',               3, f.window_start + interval '120 minutes', f.window_start + interval '140 minutes', 'recess')
) AS c (name, day, starts, ends, kind)
-- a slot cannot end after 24:00 at all: night batxillerat has no "a minute late"
WHERE NOT (f.window_end = '24:00' AND c.name = 'ends a minute late')
  -- a lesson with no length bounds: "a minute less than the minimum" is a 0-minute slot
  AND NOT (f.min_minutes IS NULL AND c.name = 'lasts a minute less than the minimum');

CREATE TEMPORARY TABLE outcomes AS
SELECT c.regime, c.name, o.*
FROM cases AS c JOIN figures AS f USING (regime),
     LATERAL pg_temp.outcome_of(pg_temp.session_insert(f, c.day, c.starts, c.ends, c.kind)) AS o;

-- compliant cases are accepted
SELECT regime, name FROM outcomes WHERE code = 'ok' ORDER BY regime, name;

-- breaking cases are refused with check_violation naming the rule, the group
-- and the day, the figures and the section, and a hint
\x on
SELECT regime, name, code, constraint_name, table_name, message, detail, hint
FROM outcomes WHERE code <> 'ok' ORDER BY regime, name;
\x off

-- nothing was kept: every case was undone
SELECT count(*) AS sessions_left FROM rr.sessions;

-- as psql shows one of them
INSERT INTO rr.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 3, '2018-2019', 'eso', slot('dl 7:59-9:00'), 'Matemàtiques');

-- UPDATE is checked like INSERT: moving a valid session out of the window fails
INSERT INTO rr.sessions (centre_id, id, group_id, school_year, regime, slot, subject)
VALUES (1, 100, 3, '2018-2019', 'eso', slot('Tue 17:00-18:00'), 'Tecnologia');
UPDATE rr.sessions SET slot = slot('Tue 18:30-19:30') WHERE id = 100;
UPDATE rr.sessions SET slot = slot('Tue 18:00-19:00') WHERE id = 100;
SELECT id, to_text(slot) FROM rr.sessions;

-- changing a group's regime cascades to its sessions, which are checked
-- again: a 170-minute ESO session is too long for EOI
INSERT INTO rr.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 13, 'Grup que canvia', '2018-2019', 'eso', 1, 20);
INSERT INTO rr.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 13, '2018-2019', 'eso', slot('Wed 09:00-11:50'), 'Laboratori');
UPDATE rr.class_groups SET regime = 'eoi_ordinary' WHERE id = 13;
SELECT regime FROM rr.class_groups WHERE id = 13;

-- the school year picks the figures: the 2020-2021 order closed the
-- secondary window at 18:00
INSERT INTO rr.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 14, '1r ESO A', '2020-2021', 'eso', 1, 20);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO rr.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 14, '2020-2021', 'eso', slot('Thu 17:00-18:00'), 'Música')$$);
SELECT code, constraint_name, message, detail FROM pg_temp.outcome_of($$INSERT INTO rr.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 14, '2020-2021', 'eso', slot('Thu 17:01-18:01'), 'Música')$$);

-- a school year the catalogue has no figures for is refused, not guessed
INSERT INTO rr.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 15, '1r ESO A', '2030-2031', 'eso', 1, 20);
INSERT INTO rr.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 15, '2030-2031', 'eso', slot('Thu 10:00-11:00'), 'Música');

SET client_min_messages = warning;
DROP SCHEMA rr CASCADE;
RESET client_min_messages;
