-- Privileges.  A department role owns the model; a clerk may only add
-- sessions.  The clerk cannot change the catalogue, cannot turn the checks
-- off by any switch, cannot call schooltime's internal functions to its
-- advantage, and nothing schooltime runs for it runs with more rights than
-- its own.  The owner can switch a trigger off, and that is recorded under
-- its name.  (doc/reliability.md, "Privileges".)
SET search_path = schooltime, public;
\i sql/include/error_of.sql
CREATE ROLE regress_robust_owner;
CREATE ROLE regress_robust_clerk;
DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO regress_robust_owner', current_database()); END $$;

-- the department's owner creates its model and its data
SET ROLE regress_robust_owner;
SELECT create_model('robust_priv');
INSERT INTO robust_priv.centres (id, code, name, territory, municipality)
VALUES (1, '08000601', 'Institut de proves', 'Barcelona', 'Barcelona');
INSERT INTO robust_priv.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28);
INSERT INTO robust_priv.teachers (id, name, centre_id) VALUES (1, 'Marta Puig', 1);
INSERT INTO robust_priv.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
VALUES (1, 1, '2018-2019', 'eso', slot('Mon 08:00-11:00'), 'Matemàtiques', 1);
-- The clerk may insert sessions.  The set rules read the group's and the
-- teacher's whole week as the writer, and lock the group, the teacher and
-- the centre with FOR NO KEY UPDATE, which PostgreSQL allows only to a role
-- with UPDATE on some column: so a writer needs SELECT on the model and
-- UPDATE of one column of those three tables (their names here).
GRANT USAGE ON SCHEMA robust_priv TO regress_robust_clerk;
GRANT INSERT ON robust_priv.sessions TO regress_robust_clerk;
GRANT SELECT ON ALL TABLES IN SCHEMA robust_priv TO regress_robust_clerk;
GRANT UPDATE (name) ON robust_priv.class_groups, robust_priv.teachers, robust_priv.centres TO regress_robust_clerk;
RESET ROLE;

SET ROLE regress_robust_clerk;
-- its writes are checked like anyone's: a compliant session goes in, a
-- session that breaks a row rule or a set rule is refused with the rule's error
SELECT code, constraint_name FROM pg_temp.outcome_of($$INSERT INTO robust_priv.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
    VALUES (1, 1, '2018-2019', 'eso', slot('Mon 11:30-12:30'), 'Llengua catalana', 1)$$);
SELECT code, constraint_name, message FROM pg_temp.outcome_of($$INSERT INTO robust_priv.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'eso', slot('Sat 09:00-10:00'), 'Dissabte')$$);
SELECT code, constraint_name, message FROM pg_temp.outcome_of($$INSERT INTO robust_priv.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'eso', slot('Mon 10:00-11:00'), 'Solapada')$$);
SELECT code, constraint_name, message FROM pg_temp.outcome_of($$INSERT INTO robust_priv.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'eso', slot('Mon 11:00-12:00'), 'Sense esbarjo')$$);
-- and it can do nothing else to the timetable
SELECT code, message FROM pg_temp.error_of($$UPDATE robust_priv.sessions SET subject = 'x'$$);
SELECT code, message FROM pg_temp.error_of($$DELETE FROM robust_priv.sessions$$);
SELECT code, message FROM pg_temp.error_of($$UPDATE robust_priv.class_groups SET approval = 'provisional'$$);
SELECT code, message FROM pg_temp.error_of($$INSERT INTO robust_priv.authorisations (centre_id, school_year, rule, group_id, authorised_by, authorised_on, reason)
    VALUES (1, '2018-2019', 'continuous', 1, 'Jo', '2018-09-01', 'Perquè sí')$$);

-- it cannot change any catalogue table, in any way: every table of schema
-- schooltime refuses its INSERT, UPDATE, DELETE and TRUNCATE (listed here
-- only if one does not)
CREATE TEMPORARY TABLE catalogue_attempts (relation text, operation text, code text);
DO $$
DECLARE
    t regclass;
    op text;
    outcome record;
BEGIN
    FOR t IN SELECT c.oid FROM pg_class AS c WHERE c.relnamespace = 'schooltime'::regnamespace AND c.relkind = 'r' LOOP
        FOREACH op IN ARRAY ARRAY[format('INSERT INTO %s DEFAULT VALUES', t),
                                  format('UPDATE %1$s SET %2$I = %2$I', t,
                                         (SELECT a.attname FROM pg_attribute AS a
                                          WHERE a.attrelid = t AND a.attnum > 0 AND NOT a.attisdropped
                                            AND a.attidentity = '' AND a.attgenerated = ''
                                          ORDER BY a.attnum LIMIT 1)),
                                  format('DELETE FROM %s', t), format('TRUNCATE %s', t)] LOOP
            SELECT * INTO outcome FROM pg_temp.outcome_of(op);
            INSERT INTO catalogue_attempts VALUES (t::text, split_part(op, ' ', 1), outcome.code);
        END LOOP;
    END LOOP;
END
$$;
SELECT count(DISTINCT relation) >= 17 AS every_catalogue_table_tried,
       count(*) = 4 * count(DISTINCT relation) AS four_ways_each,
       bool_and(code = '42501') AS all_refused_for_privilege
FROM catalogue_attempts;
SELECT relation, operation, code FROM catalogue_attempts WHERE code IS DISTINCT FROM '42501' ORDER BY 1, 2;
DROP TABLE catalogue_attempts;
-- nor carry a year over, nor register a table of its own as catalogue
SELECT code, message FROM pg_temp.error_of($$SELECT schooltime.carry_over_school_year('2018-2019', '2019-2020')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT schooltime.register_catalogue_table('robust_priv.sessions', '{id}')$$);

-- it cannot turn the checks off: not the setting, in any way it can be made
SELECT code, message FROM pg_temp.error_of('SET schooltime.enforce = off');
SELECT code, message FROM pg_temp.error_of('SET LOCAL schooltime.enforce = off');
SELECT code, message FROM pg_temp.error_of($$SELECT set_config('schooltime.enforce', 'off', true)$$);
SELECT code, message FROM pg_temp.error_of('ALTER ROLE regress_robust_clerk SET schooltime.enforce = off');
SELECT code, message FROM pg_temp.error_of($$DO 'BEGIN EXECUTE format(''ALTER DATABASE %I SET schooltime.enforce = off'', current_database()); END'$$);
SELECT code, message FROM pg_temp.error_of($$CREATE FUNCTION pg_temp.unchecked() RETURNS void LANGUAGE sql SET schooltime.enforce = off AS 'SELECT'$$);
-- nor the replication role, under which ordinary triggers do not fire
SELECT code, message FROM pg_temp.error_of('SET session_replication_role = replica');
-- nor the triggers: not disable them, not make them fire only on replicas,
-- not drop or replace them, not touch the event trigger that records it
SELECT code, message FROM pg_temp.error_of('ALTER TABLE robust_priv.sessions DISABLE TRIGGER schooltime_row_rules');
SELECT code, message FROM pg_temp.error_of('ALTER TABLE robust_priv.sessions DISABLE TRIGGER ALL');
SELECT code, message FROM pg_temp.error_of('ALTER TABLE robust_priv.sessions ENABLE REPLICA TRIGGER schooltime_set_rules_insert');
SELECT code, message FROM pg_temp.error_of('DROP TRIGGER schooltime_row_rules ON robust_priv.sessions');
SELECT code, message FROM pg_temp.error_of($$CREATE OR REPLACE TRIGGER schooltime_row_rules BEFORE INSERT ON robust_priv.sessions
    FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()$$);
SELECT code, message FROM pg_temp.error_of('ALTER EVENT TRIGGER schooltime_trigger_switches DISABLE');
SELECT code, message FROM pg_temp.error_of('DROP EVENT TRIGGER schooltime_trigger_switches');
-- nor through schooltime's internal functions, which run with its own rights
SELECT code, message FROM pg_temp.error_of($$SELECT schooltime.model_replace_trigger('robust_priv.sessions', 'schooltime_row_rules', 'SELECT 1')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT schooltime.model_ensure(false, 'DROP TRIGGER schooltime_set_rules_insert ON robust_priv.sessions')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT schooltime.upgrade_model('robust_priv')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT schooltime.create_model('robust_clerk_model')$$);
-- nor write, change or erase the record of unchecked writes
SELECT code, message FROM pg_temp.error_of($$INSERT INTO schooltime.unchecked_writes (relation, event) VALUES ('robust_priv.sessions', 'forged')$$);
SELECT code, message FROM pg_temp.error_of($$UPDATE schooltime.unchecked_writes SET by_user = 'someone'$$);
SELECT code, message FROM pg_temp.error_of($$DELETE FROM schooltime.unchecked_writes$$);
SELECT code, message FROM pg_temp.error_of($$SELECT schooltime.record_trigger_switches()$$);
-- enforcement_on, which any trigger may call, records nothing while the checks run
SELECT enforcement_on('robust_priv.sessions', 'forged') AS checks_run;
RESET ROLE;
SELECT count(*) AS records FROM unchecked_writes WHERE relation LIKE 'robust_priv.%';

-- Nothing schooltime runs has more rights than its caller: no function is
-- SECURITY DEFINER, and every SQL and PL/pgSQL function pins search_path
-- or, SQL, has a body bound when it was created (each query lists only
-- what breaks this).
SELECT p.oid::regprocedure AS security_definer FROM pg_proc AS p
WHERE p.pronamespace = 'schooltime'::regnamespace AND p.prosecdef;
SELECT p.oid::regprocedure AS unpinned FROM pg_proc AS p JOIN pg_language AS l ON l.oid = p.prolang
WHERE p.pronamespace = 'schooltime'::regnamespace AND l.lanname IN ('sql', 'plpgsql')
  AND NOT coalesce(p.proconfig, '{}') @> ARRAY['search_path=pg_catalog, pg_temp']
  AND NOT (l.lanname = 'sql' AND p.prosqlbody IS NOT NULL);
-- The library switches user in two places, both C running fixed SQL: to
-- read an outing's rows at COMMIT as the tables' owner (as foreign keys
-- do), and to write the record of an unchecked write as the record's owner,
-- shown here.

-- A superuser lets the clerk's writes through (a setting the clerk cannot
-- make): the write goes in, recorded under the clerk's name and the session's.
SET schooltime.enforce = off;
SET ROLE regress_robust_clerk;
INSERT INTO robust_priv.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', slot('Sat 09:00-10:00'), 'Dissabte');
RESET ROLE;
RESET schooltime.enforce;
SELECT relation, event, by_user, session_user_name = session_user AS by_this_session
FROM unchecked_writes WHERE relation LIKE 'robust_priv.%' ORDER BY id;

-- An unchecked write rolled back to a savepoint takes its record with it;
-- the next unchecked write of the table in the transaction is recorded again.
BEGIN;
SET LOCAL schooltime.enforce = off;
SAVEPOINT first_try;
INSERT INTO robust_priv.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', slot('Sat 11:00-12:00'), 'Desfeta');
ROLLBACK TO first_try;
INSERT INTO robust_priv.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', slot('Sat 12:00-13:00'), 'Dissabte migdia');
COMMIT;
SELECT relation, event, CASE WHEN by_user = current_user THEN '(this superuser)' ELSE by_user::text END AS by_user
FROM unchecked_writes WHERE relation LIKE 'robust_priv.%' ORDER BY id;

-- The owner cannot turn the setting off either, but may switch its own
-- table's triggers off: each switch, including ENABLE REPLICA (after which
-- ordinary sessions no longer fire the trigger), is recorded under its name.
SET ROLE regress_robust_owner;
SELECT code, message FROM pg_temp.error_of('SET schooltime.enforce = off');
SELECT code, message FROM pg_temp.error_of('SET session_replication_role = replica');
ALTER TABLE robust_priv.sessions ENABLE REPLICA TRIGGER schooltime_row_rules;
INSERT INTO robust_priv.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', slot('Sun 09:00-10:00'), 'Diumenge');
ALTER TABLE robust_priv.sessions ENABLE TRIGGER schooltime_row_rules;
ALTER TABLE robust_priv.sessions DISABLE TRIGGER schooltime_set_rules_insert;
ALTER TABLE robust_priv.sessions ENABLE ALWAYS TRIGGER schooltime_set_rules_insert;
ALTER TABLE robust_priv.sessions ADD COLUMN note text;
RESET ROLE;
SELECT relation, event, trigger_name, by_user FROM unchecked_writes
WHERE relation LIKE 'robust_priv.%' AND event LIKE 'trigger%' ORDER BY id;
-- what got in is there to be found
SELECT to_text(slot) AS slot, subject FROM robust_priv.sessions WHERE weekday(slot) > 5 ORDER BY slot;
SELECT rule, subject_name, weekday, to_text(slot) AS slot FROM schooltime.check('robust_priv') WHERE rule = 'weekday' ORDER BY weekday, slot;

SET client_min_messages = warning;
DROP SCHEMA robust_priv CASCADE;
RESET client_min_messages;
DO $$ BEGIN EXECUTE format('REVOKE CREATE ON DATABASE %I FROM regress_robust_owner', current_database()); END $$;
DROP ROLE regress_robust_clerk;
DROP ROLE regress_robust_owner;
