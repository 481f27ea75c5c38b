-- Kept plans (issue 15): a small statement's checks run from plans the
-- backend keeps; a bulk statement plans its own; a change of a table the
-- plans read drops them; and the checks refuse exactly what they refused
-- before, whichever plans they run.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('kp');
INSERT INTO kp.centres (id, code, name, territory, municipality) VALUES
    (1, '08000101', 'Institut Mediterrània', 'Barcelona', 'Barcelona');
INSERT INTO kp.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28),
    (1, 2, '1r ESO B', '2018-2019', 'eso', 1, 27),
    (1, 3, '1r ESO C', '2018-2019', 'eso', 1, 26);
INSERT INTO kp.teachers (id, name, centre_id) VALUES (1, 'Marta Puig', 1), (2, 'Jordi Vila', 1);

SELECT kept_plans() AS "no plans before a statement is checked";
INSERT INTO kp.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
VALUES (1, 1, '2018-2019', 'eso', slot('dl 09:00-10:00'), 'Matemàtiques', 1);
SELECT kept_plans() > 0 AS "a single-row INSERT keeps the plans of its checks";
SELECT kept_plans() AS plans \gset
INSERT INTO kp.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
VALUES (1, 2, '2018-2019', 'eso', slot('dl 09:00-10:00'), 'Anglès', 2);
SELECT kept_plans() = :plans AS "the next one runs the same plans";

-- the kept plans refuse what fresh ones refuse: an overlap of the group, of the teacher
SELECT * FROM pg_temp.outcome_of($$INSERT INTO kp.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'eso', schooltime.slot('dl 09:30-10:30'), 'Música')$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO kp.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
    VALUES (1, 3, '2018-2019', 'eso', schooltime.slot('dl 09:30-10:30'), 'Música', 1)$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO kp.duties (centre_id, teacher_id, school_year, slot, kind)
    VALUES (1, 2, '2018-2019', schooltime.slot('dl 09:00-09:30'), 'guard')$$);
-- and accept what they accept, in sessions and in duties (whose transition
-- table has the same name and other columns: their plans are their own)
SELECT * FROM pg_temp.outcome_of($$INSERT INTO kp.duties (centre_id, teacher_id, school_year, slot, kind)
    VALUES (1, 2, '2018-2019', schooltime.slot('dl 10:00-11:00'), 'guard')$$);
SELECT * FROM pg_temp.outcome_of($$UPDATE kp.sessions SET slot = schooltime.slot('dl 10:00-11:00') WHERE group_id = 2$$);
SELECT * FROM pg_temp.outcome_of($$UPDATE kp.sessions SET slot = schooltime.slot('dl 09:00-10:00'), group_id = 1 WHERE group_id = 2$$);
SELECT kept_plans() > :plans AS "UPDATE and duties keep plans of their own";
SELECT kept_plans() AS plans \gset

-- a bulk statement (more than 64 rows) plans its queries for its size and keeps none
INSERT INTO kp.sessions (centre_id, group_id, school_year, regime, slot, subject)
SELECT 1, 3, '2018-2019', 'eso', slot(format('%s %s-%s', d, lpad(h::text, 2, '0') || ':00', lpad((h + 1)::text, 2, '0') || ':00')), 'Classe'
FROM unnest(ARRAY['dl', 'dt', 'dc', 'dj', 'dv']) AS d, generate_series(15, 17) AS h;
SELECT count(*) AS "group 3's sessions", kept_plans() = :plans AS "the bulk INSERT kept no plan"
FROM kp.sessions WHERE group_id = 3;
SELECT * FROM pg_temp.outcome_of($$INSERT INTO kp.sessions (centre_id, group_id, school_year, regime, slot, subject)
SELECT 1, 3, '2018-2019', 'eso', schooltime.slot(format('%s 17:30-18:30', d)), 'Classe'
FROM unnest(ARRAY['dl', 'dt', 'dc', 'dj', 'dv']) AS d, generate_series(1, 14) AS n$$);

-- a change of a table the plans read drops them; the checks make new ones
ALTER TABLE kp.sessions ADD COLUMN room text;
SELECT kept_plans() AS "plans after ALTER TABLE";
SELECT * FROM pg_temp.outcome_of($$INSERT INTO kp.sessions (centre_id, group_id, school_year, regime, slot, subject, room)
    VALUES (1, 1, '2018-2019', 'eso', schooltime.slot('dl 09:30-10:30'), 'Música', 'Aula 3')$$);
INSERT INTO kp.sessions (centre_id, group_id, school_year, regime, slot, subject, room)
VALUES (1, 1, '2018-2019', 'eso', slot('dt 09:00-10:00'), 'Música', 'Aula 3');
SELECT kept_plans() > 0 AS "new plans kept";
SET client_min_messages = warning;
SELECT upgrade_model('kp');
RESET client_min_messages;
SELECT kept_plans() AS "plans after upgrade_model()";
SELECT * FROM pg_temp.outcome_of($$INSERT INTO kp.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'eso', schooltime.slot('dt 09:30-10:30'), 'Música')$$);
ANALYZE kp.sessions;
SELECT kept_plans() AS "plans after ANALYZE";

-- schooltime.keep_plans off: every statement plans afresh, and refuses the same
SET schooltime.keep_plans = off;
INSERT INTO kp.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', slot('dj 09:00-10:00'), 'Música');
SELECT * FROM pg_temp.outcome_of($$INSERT INTO kp.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'eso', schooltime.slot('dj 09:30-10:30'), 'Música')$$);
SELECT kept_plans() AS "plans kept with schooltime.keep_plans off";
RESET schooltime.keep_plans;

-- dropping the model drops its plans; a new model of the same name (the
-- same query texts, other tables) is checked by plans of its own
INSERT INTO kp.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', slot('dc 09:00-10:00'), 'Música');
SELECT kept_plans() > 0 AS "plans kept before DROP";
SET client_min_messages = warning;
DROP SCHEMA kp CASCADE;
RESET client_min_messages;
SELECT kept_plans() AS "plans after DROP SCHEMA";
SELECT create_model('kp');
INSERT INTO kp.centres (id, code, name, territory, municipality) VALUES
    (1, '08000101', 'Institut Mediterrània', 'Barcelona', 'Barcelona');
INSERT INTO kp.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28);
INSERT INTO kp.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', slot('dl 09:00-10:00'), 'Matemàtiques');
SELECT * FROM pg_temp.outcome_of($$INSERT INTO kp.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'eso', schooltime.slot('dl 09:30-10:30'), 'Música')$$);
SELECT count(*) AS "sessions of the new model" FROM kp.sessions;
SET client_min_messages = warning;
DROP SCHEMA kp CASCADE;
RESET client_min_messages;
