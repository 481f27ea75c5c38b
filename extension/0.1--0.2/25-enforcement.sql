-- The one switch that turns schooltime's checks off, and its record.
--
-- schooltime.enforce (a superuser-only setting, defined by the library) lets
-- writes through unchecked; a table's owner can disable its triggers with
-- ALTER TABLE.  Both leave a trace in schooltime.unchecked_writes, and
-- schooltime.check() finds whatever got in.

CREATE TABLE schooltime.unchecked_writes (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            timestamptz NOT NULL DEFAULT now(),
    by_user       name NOT NULL DEFAULT current_user,
    session_user_name name NOT NULL DEFAULT session_user,
    relation      text NOT NULL,
    event         text NOT NULL,
    trigger_name  name,
    transaction   bigint NOT NULL DEFAULT txid_current()
);
COMMENT ON TABLE schooltime.unchecked_writes IS
'Every use of the switches that let writes through unchecked: the first write of each table in each transaction while schooltime.enforce was off, and every ALTER TABLE that disabled or enabled a schooltime trigger. Rows are only added, by schooltime itself.';
COMMENT ON COLUMN schooltime.unchecked_writes.event IS 'unchecked INSERT, UPDATE, DELETE, approval or outing; or trigger disabled (DISABLE TRIGGER, or ENABLE REPLICA TRIGGER), trigger enabled';
COMMENT ON COLUMN schooltime.unchecked_writes.by_user IS 'the role that wrote (current_user at the write), which may differ from session_user_name after SET ROLE';
SELECT pg_catalog.pg_extension_config_dump('schooltime.unchecked_writes', '');
SELECT pg_catalog.pg_extension_config_dump('schooltime.unchecked_writes_id_seq', '');
GRANT SELECT ON schooltime.unchecked_writes TO PUBLIC;

CREATE FUNCTION schooltime.enforcement_on(relation regclass, operation text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'schooltime_enforcement_on' LANGUAGE C STRICT;
COMMENT ON FUNCTION schooltime.enforcement_on(regclass, text) IS
'whether schooltime''s checks run (schooltime.enforce); when they do not, records the unchecked write of the table, once per transaction';

-- The records are written by the library as the owner of unchecked_writes,
-- with the writer's name taken first: no function here is SECURITY DEFINER,
-- so there is none a user could call to write a record, and by_user is who
-- wrote (src/enforcement.c).
CREATE FUNCTION schooltime.record_trigger_switches() RETURNS event_trigger
    AS 'MODULE_PATHNAME', 'schooltime_record_trigger_switches' LANGUAGE C;
COMMENT ON FUNCTION schooltime.record_trigger_switches() IS
'event trigger: records in schooltime.unchecked_writes every ALTER TABLE that switches a schooltime trigger off (DISABLE, or ENABLE REPLICA, after which ordinary sessions no longer fire it) or on again';
CREATE EVENT TRIGGER schooltime_trigger_switches ON ddl_command_end
    WHEN TAG IN ('ALTER TABLE')
    EXECUTE FUNCTION schooltime.record_trigger_switches();
COMMENT ON EVENT TRIGGER schooltime_trigger_switches IS
'schooltime: records in schooltime.unchecked_writes every ALTER TABLE that switches a schooltime trigger off or on again (schooltime.record_trigger_switches())';
