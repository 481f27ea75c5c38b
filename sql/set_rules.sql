-- Set rules on write: group_overlap, continuous and daily_max for every
-- regime they apply to, and teacher_overlap, teacher_midday and
-- teacher_week, each on both sides of its boundary, with the exact error.
-- Checked once per statement over the groups and teachers it touched.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('sr');
INSERT INTO sr.centres (id, code, name, territory, municipality) VALUES
    (1, '08000101', 'Institut Mediterrània', 'Barcelona', 'Barcelona'),
    (2, '08000102', 'Escola d''Art i Esports', 'Barcelona', 'Barcelona');
INSERT INTO sr.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28),
    (1, 2, '1r Batxillerat A', '2018-2019', 'batxillerat', 1, 30),
    (1, 3, '1r SMX', '2018-2019', 'fp', 1, 25),
    (1, 4, '1r Batxillerat nocturn', '2018-2019', 'batxillerat_night', 1, 20),
    (1, 5, '3r A', '2018-2019', 'primaria', 3, 25),
    (1, 6, 'P5 A', '2018-2019', 'infantil', 3, 22),
    (2, 7, '1r Gràfica publicitària', '2018-2019', 'arts', 1, 20),
    (2, 8, '1r Esquí', '2018-2019', 'sports', 1, 18),
    (1, 9, '1r ESO B', '2018-2019', 'eso', 1, 27),
    (1, 10, '1r ESO A', '2020-2021', 'eso', 1, 28);
INSERT INTO sr.teachers (id, name, centre_id) VALUES
    (1, 'Marta Puig', 1), (2, 'Jordi Vila', 1), (3, 'Núria Soler', 2);

-- An INSERT of sessions for a group, one per spec: 'Mon 09:00-10:00' and
-- optionally a kind (recess, outdoor_practice), a half (half1, half2) and a
-- teacher (t=2).
CREATE FUNCTION pg_temp.sessions(group_id bigint, VARIADIC specs text[]) RETURNS text
LANGUAGE sql AS $$
    SELECT format('INSERT INTO sr.sessions (centre_id, group_id, school_year, regime, slot, subject, kind, split_half, teacher_id) '
                  'SELECT g.centre_id, g.id, g.school_year, g.regime, schooltime.slot(v.slot), v.subject, '
                  'v.kind::schooltime.session_kind, v.half, v.teacher FROM sr.class_groups AS g, (VALUES %s) AS v '
                  '(slot, subject, kind, half, teacher) WHERE g.id = %s',
                  string_agg(format('(%L, %L, %L, %s::smallint, %s::bigint)',
                                    substring(spec FROM '^\S+ \S+'),
                                    CASE WHEN spec ~ 'recess' THEN 'Esbarjo' ELSE 'Classe ' || n END,
                                    coalesce(substring(spec FROM '(recess|outdoor_practice|research_work)'), 'lesson'),
                                    coalesce(substring(spec FROM 'half(\d)'), 'NULL'),
                                    coalesce(substring(spec FROM 't=(\d+)'), 'NULL')), ', ' ORDER BY n),
                  group_id)
    FROM unnest(specs) WITH ORDINALITY AS s (spec, n)
$$;
-- An INSERT of duties for a teacher: 'Mon 09:00-10:00 guard'.
CREATE FUNCTION pg_temp.duties(teacher_id bigint, centre_id bigint, VARIADIC specs text[]) RETURNS text
LANGUAGE sql AS $$
    SELECT format('INSERT INTO sr.duties (centre_id, teacher_id, school_year, slot, kind) VALUES %s',
                  string_agg(format('(%s, %s, %L, schooltime.slot(%L), %L)', centre_id, teacher_id, '2018-2019',
                                    substring(spec FROM '^\S+ \S+'), coalesce(substring(spec FROM '\S+$'), 'other')),
                             ', '))
    FROM unnest(specs) AS spec
$$;

CREATE TEMPORARY TABLE cases (n serial, rule text, name text, statement text);
INSERT INTO cases (rule, name, statement) VALUES
-- group_overlap (4.1)
('group_overlap', 'ESO: sessions that touch do not overlap',
    pg_temp.sessions(1, 'Mon 09:00-10:00', 'Mon 10:00-11:00')),
('group_overlap', 'ESO: one shared minute is an overlap',
    pg_temp.sessions(1, 'Mon 09:00-10:01', 'Mon 10:00-11:00')),
('group_overlap', 'ESO: the two halves of a split group run in parallel',
    pg_temp.sessions(1, 'Mon 09:00-10:00 half1', 'Mon 09:00-10:00 half2')),
('group_overlap', 'ESO: a half may not overlap itself',
    pg_temp.sessions(1, 'Mon 09:00-10:00 half1', 'Mon 09:30-10:30 half1')),
('group_overlap', 'ESO: a half may not overlap the whole group',
    pg_temp.sessions(1, 'Mon 09:00-10:00', 'Mon 09:00-10:00 half2')),
('group_overlap', 'ESO: a recess entry may not overlap a class',
    pg_temp.sessions(1, 'Mon 09:00-11:00', 'Mon 10:45-11:15 recess')),
('group_overlap', 'different groups may meet at the same time',
    pg_temp.sessions(1, 'Tue 09:00-10:00') || '; ' || pg_temp.sessions(9, 'Tue 09:00-10:00')),
-- continuous (2.2.1, 2.5, 2.6): 180 minutes in a row, a break of 30
('continuous', 'ESO: 180 minutes in a row',
    pg_temp.sessions(1, 'Wed 08:00-09:00', 'Wed 09:00-10:00', 'Wed 10:00-11:00')),
('continuous', 'ESO: 181 minutes in a row',
    pg_temp.sessions(1, 'Wed 08:00-09:00', 'Wed 09:00-10:00', 'Wed 10:00-11:01')),
('continuous', 'ESO: a 29-minute gap does not break a run',
    pg_temp.sessions(1, 'Wed 08:00-10:00', 'Wed 10:29-11:30')),
('continuous', 'ESO: a 30-minute gap breaks it',
    pg_temp.sessions(1, 'Wed 08:00-10:00', 'Wed 10:30-12:30')),
('continuous', 'ESO: a 30-minute recess entry breaks it',
    pg_temp.sessions(1, 'Wed 08:00-11:00', 'Wed 11:00-11:30 recess', 'Wed 11:30-14:30')),
('continuous', 'ESO: two halves in parallel run as one',
    pg_temp.sessions(1, 'Wed 08:00-10:00 half1', 'Wed 08:00-11:01 half2')),
('continuous', 'batxillerat: 180 minutes in a row',
    pg_temp.sessions(2, 'Wed 08:00-11:00')),
('continuous', 'batxillerat: 181 minutes in a row',
    pg_temp.sessions(2, 'Wed 08:00-11:01')),
('continuous', 'FP: 180 minutes in a row',
    pg_temp.sessions(3, 'Wed 15:00-18:00')),
('continuous', 'FP: 181 minutes in a row',
    pg_temp.sessions(3, 'Wed 15:00-18:01')),
('continuous', 'arts: 180 minutes in a row',
    pg_temp.sessions(7, 'Wed 16:00-18:00', 'Wed 18:00-19:00')),
('continuous', 'arts: 181 minutes in a row',
    pg_temp.sessions(7, 'Wed 16:00-18:00', 'Wed 18:00-19:01')),
('continuous', 'sports: 180 minutes in a row',
    pg_temp.sessions(8, 'Wed 09:00-12:00')),
('continuous', 'sports: 240 minutes in a row of outdoor practice, without authorisation',
    pg_temp.sessions(8, 'Wed 09:00-12:00 outdoor_practice', 'Wed 12:00-13:00 outdoor_practice')),
('continuous', 'night batxillerat: no limit on runs',
    pg_temp.sessions(4, 'Wed 17:00-21:00')),
('continuous', 'primària: no limit on runs',
    pg_temp.sessions(5, 'Wed 09:00-13:00')),
-- daily_max (2.2.1, 2.2.2, 2.5, 2.6)
('daily_max', 'ESO: 420 class minutes a day',
    pg_temp.sessions(1, 'Thu 08:00-11:00', 'Thu 11:30-14:30', 'Thu 15:00-16:00')),
('daily_max', 'ESO: 421 class minutes a day',
    pg_temp.sessions(1, 'Thu 08:00-11:00', 'Thu 11:30-14:30', 'Thu 15:00-16:01')),
('daily_max', 'ESO: recess is not class time',
    pg_temp.sessions(1, 'Thu 08:00-11:00', 'Thu 11:00-11:30 recess', 'Thu 11:30-14:30', 'Thu 15:00-16:00')),
('daily_max', 'batxillerat: 421 class minutes a day',
    pg_temp.sessions(2, 'Thu 08:00-11:00', 'Thu 11:30-14:30', 'Thu 15:00-16:01')),
('daily_max', 'FP: 421 class minutes a day',
    pg_temp.sessions(3, 'Thu 08:00-11:00', 'Thu 11:30-14:30', 'Thu 15:00-16:01')),
('daily_max', 'arts: 421 class minutes a day',
    pg_temp.sessions(7, 'Thu 08:00-11:00', 'Thu 11:30-14:30', 'Thu 15:00-16:01')),
('daily_max', 'sports: 480 class minutes a day',
    pg_temp.sessions(8, 'Thu 08:00-11:00', 'Thu 11:30-14:30', 'Thu 15:00-17:00')),
('daily_max', 'sports: 481 class minutes a day',
    pg_temp.sessions(8, 'Thu 08:00-11:00', 'Thu 11:30-14:30', 'Thu 15:00-17:01')),
('daily_max', 'primària: 300 lective minutes, recess included',
    pg_temp.sessions(5, 'Thu 09:00-11:00', 'Thu 11:00-11:30 recess', 'Thu 11:30-12:30', 'Thu 15:00-16:30')),
('daily_max', 'primària: 301 lective minutes, recess included',
    pg_temp.sessions(5, 'Thu 09:00-11:00', 'Thu 11:00-11:30 recess', 'Thu 11:30-12:30', 'Thu 15:00-16:31')),
('daily_max', 'infantil: 301 lective minutes, recess included',
    pg_temp.sessions(6, 'Thu 09:00-11:00', 'Thu 11:00-11:30 recess', 'Thu 11:30-12:30', 'Thu 15:00-16:31')),
('daily_max', 'night batxillerat: a 300-minute day, its 20-minute recess included',
    pg_temp.sessions(4, 'Thu 17:00-19:30', 'Thu 19:30-19:50 recess', 'Thu 19:50-22:00')),
('daily_max', 'night batxillerat: a 301-minute day',
    pg_temp.sessions(4, 'Thu 17:00-19:30', 'Thu 19:30-19:50 recess', 'Thu 19:50-22:01')),
-- teacher_overlap (5.2)
('teacher_overlap', 'a teacher in two groups one after the other',
    pg_temp.sessions(1, 'Fri 09:00-10:00 t=1') || '; ' || pg_temp.sessions(9, 'Fri 10:00-11:00 t=1')),
('teacher_overlap', 'a teacher in two groups at once',
    pg_temp.sessions(1, 'Fri 09:00-10:00 t=1', 'Fri 10:00-11:00') || '; ' || pg_temp.sessions(9, 'Fri 09:59-11:00 t=1')),
('teacher_overlap', 'a teacher on guard during her own class',
    pg_temp.sessions(1, 'Fri 09:00-10:00 t=1') || '; ' || pg_temp.duties(1, 1, 'Fri 09:30-10:30 guard')),
('teacher_overlap', 'a teacher in two centres at once',
    pg_temp.sessions(1, 'Fri 12:00-13:00 t=1') || '; ' || pg_temp.sessions(7, 'Fri 12:30-13:30 t=1')),
('teacher_overlap', 'one teacher for both halves at once',
    pg_temp.sessions(1, 'Fri 09:00-10:00 half1 t=2', 'Fri 09:00-10:00 half2 t=2')),
('teacher_overlap', 'the same teacher in two school years does not clash',
    pg_temp.sessions(1, 'Fri 09:00-10:00 t=1') || '; ' || pg_temp.sessions(10, 'Fri 09:00-10:00 t=1')),
-- teacher_midday (5.2)
('teacher_midday', 'a split day with 60 free minutes at midday',
    pg_temp.sessions(1, 'Tue 08:00-11:00 t=2', 'Tue 11:30-13:00 t=2') || '; ' || pg_temp.duties(2, 1, 'Tue 14:00-17:00 coordination')),
('teacher_midday', 'a split day with 59 free minutes at midday',
    pg_temp.sessions(1, 'Tue 08:00-11:00 t=2', 'Tue 11:30-13:00 t=2') || '; ' || pg_temp.duties(2, 1, 'Tue 13:59-17:00 coordination')),
('teacher_midday', 'a morning that ends at 15:00 is not split',
    pg_temp.duties(2, 1, 'Tue 08:00-15:00 other')),
('teacher_midday', 'an afternoon that starts at noon is not split',
    pg_temp.duties(2, 1, 'Tue 12:00-20:00 other')),
-- teacher_week (6.4): 37 h 30 min, Monday to Friday
('teacher_week', '2250 minutes a week',
    pg_temp.duties(3, 2, 'Mon 08:00-13:30 other', 'Mon 16:00-18:00 other', 'Tue 08:00-13:30 other', 'Tue 16:00-18:00 other',
                   'Wed 08:00-13:30 other', 'Wed 16:00-18:00 other', 'Thu 08:00-13:30 other', 'Thu 16:00-18:00 other',
                   'Fri 08:00-13:30 other', 'Fri 16:00-18:00 other')),
('teacher_week', '2251 minutes a week',
    pg_temp.duties(3, 2, 'Mon 08:00-13:30 other', 'Mon 16:00-18:00 other', 'Tue 08:00-13:30 other', 'Tue 16:00-18:00 other',
                   'Wed 08:00-13:30 other', 'Wed 16:00-18:00 other', 'Thu 08:00-13:30 other', 'Thu 16:00-18:00 other',
                   'Fri 08:00-13:30 other', 'Fri 16:00-18:01 other')),
('teacher_week', 'lessons and duties add up: 2251 minutes',
    pg_temp.sessions(7, 'Mon 08:00-09:00 t=3') || '; ' ||
    pg_temp.duties(3, 2, 'Mon 09:00-13:30 other', 'Mon 16:00-18:00 other', 'Tue 08:00-13:30 other', 'Tue 16:00-18:00 other',
                   'Wed 08:00-13:30 other', 'Wed 16:00-18:00 other', 'Thu 08:00-13:30 other', 'Thu 16:00-18:00 other',
                   'Fri 08:00-13:30 other', 'Fri 16:00-18:01 other'));

-- each case runs alone and is undone
CREATE TEMPORARY TABLE outcomes AS
SELECT c.n, c.rule, c.name, o.*
FROM cases AS c, LATERAL pg_temp.outcome_of(
    format('DO $case$ BEGIN %s; END $case$', c.statement)) AS o;

SELECT rule, name FROM outcomes WHERE code = 'ok' ORDER BY n;
\x on
SELECT rule, name, code, constraint_name, table_name, message, detail, hint
FROM outcomes WHERE code <> 'ok' ORDER BY n;
\x off
SELECT count(*) AS sessions_left, (SELECT count(*) FROM sr.duties) AS duties_left FROM sr.sessions;

-- Statements build on what is there: a session added to a day already full.
INSERT INTO sr.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id) VALUES
    (1, 1, '2018-2019', 'eso', slot('Mon 08:00-11:00'), 'Matemàtiques', 1),
    (1, 1, '2018-2019', 'eso', slot('Mon 11:30-14:30'), 'Llengua catalana', 2);
INSERT INTO sr.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', slot('Mon 14:30-14:31'), 'Tutoria');
INSERT INTO sr.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', slot('Mon 15:00-16:00'), 'Tutoria');
INSERT INTO sr.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', slot('Mon 16:30-16:31'), 'Tutoria');
-- UPDATE is checked too: moving a session onto another one
UPDATE sr.sessions SET slot = slot('Mon 10:00-11:00') WHERE subject = 'Tutoria';
-- and giving a class to a teacher who is busy then
INSERT INTO sr.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 9, '2018-2019', 'eso', slot('Mon 09:00-10:00'), 'Música');
UPDATE sr.sessions SET teacher_id = 1 WHERE group_id = 9;
SELECT group_id, to_text(slot), subject, teacher_id FROM sr.sessions ORDER BY group_id, slot;

-- A statement that breaks several rules reports the first and counts the rest.
INSERT INTO sr.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 9, '2018-2019', 'eso', slot('Tue 08:00-12:00'), 'Laboratori'),
       (1, 9, '2018-2019', 'eso', slot('Tue 11:00-16:00'), 'Taller'),
       (1, 2, '2018-2019', 'batxillerat', slot('Tue 08:00-12:00'), 'Laboratori');

-- Authorised exceptions: a sports run of outdoor practice over 180 minutes
-- needs an authorisation of the group, the centre or the session; an
-- authorisation does not cover a run of indoor classes.
INSERT INTO sr.authorisations (centre_id, school_year, rule, group_id, authorised_by, authorised_on, reason)
VALUES (2, '2018-2019', 'continuous', 8, 'Direcció de l''Escola d''Art i Esports', '2018-09-03',
        'Pràctiques d''esquí a la neu: la logística de pistes no permet una pausa a les tres hores');
SELECT * FROM pg_temp.outcome_of(pg_temp.sessions(8, 'Wed 09:00-12:00 outdoor_practice', 'Wed 12:00-13:30 outdoor_practice'));
SELECT code, constraint_name, message FROM pg_temp.outcome_of(pg_temp.sessions(8, 'Wed 09:00-12:00', 'Wed 12:00-13:30'));
-- it is not an exception to other rules, nor for other regimes
SELECT code, constraint_name, message FROM pg_temp.outcome_of(pg_temp.sessions(8, 'Wed 08:00-11:00 outdoor_practice',
    'Wed 11:00-12:00 outdoor_practice', 'Wed 12:30-14:30', 'Wed 15:00-17:01'));
SELECT * FROM pg_temp.error_of($$INSERT INTO sr.authorisations (centre_id, school_year, rule, group_id, authorised_by, authorised_on, reason)
    VALUES (1, '2018-2019', 'continuous', 1, 'Direcció', '2018-09-03', 'Horari compactat')$$);

SET client_min_messages = warning;
DROP SCHEMA sr CASCADE;
RESET client_min_messages;
