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
COMMENT ON COLUMN schooltime.unchecked_writes.event IS 'unchecked INSERT, UPDATE, DELETE, approval or outing; or trigger disabled, trigger enabled';
SELECT pg_catalog.pg_extension_config_dump('schooltime.unchecked_writes', '');
SELECT pg_catalog.pg_extension_config_dump('schooltime.unchecked_writes_id_seq', '');
GRANT SELECT ON schooltime.unchecked_writes TO PUBLIC;

-- SECURITY DEFINER: whoever's write goes unchecked must be recorded, and
-- may not write the record themselves.
CREATE FUNCTION schooltime.record_unchecked_write(relation oid, operation text)
RETURNS void
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    INSERT INTO schooltime.unchecked_writes (by_user, session_user_name, relation, event)
    SELECT current_user, session_user, relation::regclass::text, 'unchecked ' || operation
$$;
REVOKE ALL ON FUNCTION schooltime.record_unchecked_write(oid, text) FROM PUBLIC;
COMMENT ON FUNCTION schooltime.record_unchecked_write(oid, text) IS
'internal: records that a write of a table went unchecked because schooltime.enforce was off';

CREATE FUNCTION schooltime.enforcement_on(relation regclass, operation text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'schooltime_enforcement_on' LANGUAGE C STRICT;
COMMENT ON FUNCTION schooltime.enforcement_on(regclass, text) IS
'whether schooltime''s checks run (schooltime.enforce); when they do not, records the unchecked write of the table, once per transaction';

CREATE FUNCTION schooltime.record_trigger_switches()
RETURNS event_trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $switches$
BEGIN
    INSERT INTO schooltime.unchecked_writes (by_user, session_user_name, relation, event, trigger_name)
    SELECT current_user, session_user, t.tgrelid::regclass::text,
           CASE WHEN t.tgenabled = 'D' THEN 'trigger disabled' ELSE 'trigger enabled' END, t.tgname
    FROM pg_event_trigger_ddl_commands() AS c
    JOIN pg_trigger AS t ON t.tgrelid = c.objid
    JOIN pg_proc AS p ON p.oid = t.tgfoid
    WHERE c.classid = 'pg_class'::regclass AND c.command_tag = 'ALTER TABLE'
      AND p.pronamespace = 'schooltime'::regnamespace AND NOT t.tgisinternal
      -- only a change of state: disabled now and not last recorded so, or the reverse
      AND (t.tgenabled = 'D') IS DISTINCT FROM coalesce(
              (SELECT w.event = 'trigger disabled' FROM schooltime.unchecked_writes AS w
               WHERE w.relation = t.tgrelid::regclass::text AND w.trigger_name = t.tgname
               ORDER BY w.id DESC LIMIT 1), false)
    -- one ALTER TABLE may switch several triggers: record them in a fixed order
    ORDER BY t.tgrelid::regclass::text, t.tgname;
END
$switches$;
COMMENT ON FUNCTION schooltime.record_trigger_switches() IS
'event trigger: records in schooltime.unchecked_writes every ALTER TABLE that disables or enables a schooltime trigger';
CREATE EVENT TRIGGER schooltime_trigger_switches ON ddl_command_end
    WHEN TAG IN ('ALTER TABLE')
    EXECUTE FUNCTION schooltime.record_trigger_switches();
