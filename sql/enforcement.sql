-- The switch that turns the checks off: only a superuser can use it, and
-- every use is recorded; a table owner can disable the triggers, and that
-- is recorded too.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('enf');
INSERT INTO enf.centres (id, code, name, territory, municipality) VALUES (1, '08000501', 'Institut de proves', 'Barcelona', 'Barcelona');
INSERT INTO enf.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28), (1, 2, '1r ESO B', '2018-2019', 'eso', 1, 27);
CREATE ROLE regress_schooltime_secretary;
GRANT USAGE ON SCHEMA enf TO regress_schooltime_secretary;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA enf TO regress_schooltime_secretary;
GRANT UPDATE (approval) ON enf.class_groups TO regress_schooltime_secretary;

-- a superuser turns enforcement off for a load: the writes go through, and
-- the first unchecked write of each table in the transaction is recorded
BEGIN;
SET LOCAL schooltime.enforce = off;
INSERT INTO enf.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', slot('Sat 07:00-12:00'), 'Càrrega antiga');
INSERT INTO enf.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', slot('Sat 09:00-10:00'), 'Càrrega antiga');
COMMIT;
SELECT relation, event, trigger_name, by_user = current_user AS by_me FROM unchecked_writes WHERE relation LIKE 'enf.%' ORDER BY id;
SHOW schooltime.enforce;
-- on again: the same write is refused
INSERT INTO enf.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', slot('Sat 09:00-10:00'), 'Càrrega nova');

-- anyone else cannot turn it off, nor forge or erase the record
SET ROLE regress_schooltime_secretary;
SELECT code, message FROM pg_temp.error_of('SET schooltime.enforce = off');
SELECT code, message FROM pg_temp.error_of('SET LOCAL schooltime.enforce = off');
SELECT code, message FROM pg_temp.error_of($$SELECT set_config('schooltime.enforce', 'off', false)$$);
SELECT code, message FROM pg_temp.error_of($$INSERT INTO schooltime.unchecked_writes (relation, event) VALUES ('x', 'y')$$);
SELECT code, message FROM pg_temp.error_of($$DELETE FROM schooltime.unchecked_writes$$);
SELECT code, message FROM pg_temp.error_of($$SELECT schooltime.record_trigger_switches()$$);
-- nor disable the triggers of a table it does not own
SELECT code, message FROM pg_temp.error_of($$ALTER TABLE enf.sessions DISABLE TRIGGER schooltime_row_rules$$);
SELECT count(*) AS records_they_can_read FROM schooltime.unchecked_writes WHERE relation LIKE 'enf.%';
RESET ROLE;

-- the table's owner can disable a trigger: that is recorded, and so is enabling it again
ALTER TABLE enf.sessions DISABLE TRIGGER schooltime_row_rules;
INSERT INTO enf.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 2, '2018-2019', 'eso', slot('Sun 09:00-10:00'), 'Sense regles');
ALTER TABLE enf.sessions ADD COLUMN note text;
ALTER TABLE enf.sessions ENABLE TRIGGER schooltime_row_rules;
ALTER TABLE enf.sessions DISABLE TRIGGER ALL;
ALTER TABLE enf.sessions ENABLE TRIGGER ALL;
SELECT relation, event, trigger_name FROM unchecked_writes WHERE relation LIKE 'enf.%' AND event LIKE 'trigger%' ORDER BY id;

-- A setting made before the library is loaded, by someone who may not
-- make it, is ignored when the library defines it.
\c
SET search_path = schooltime, public;
SET ROLE regress_schooltime_secretary;
SET schooltime.enforce = off;
INSERT INTO enf.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', slot('Sat 11:00-12:00'), 'Intent');
SHOW schooltime.enforce;
RESET ROLE;

SELECT count(*) AS sessions FROM enf.sessions;
SET client_min_messages = warning;
DROP SCHEMA enf CASCADE;
RESET client_min_messages;
DROP ROLE regress_schooltime_secretary;
