-- Models created by an earlier version keep working as they were; they gain
-- what this version brings when their owner runs schooltime.upgrade_model().
-- (An extension script cannot create them itself: tables it created would
-- become members of the extension, and DROP EXTENSION would take them.)
-- A WARNING, because PostgreSQL hides notices while an extension script runs.
DO $notice$
DECLARE
    model record;
BEGIN
    FOR model IN
        SELECT DISTINCT n.nspname
        FROM pg_catalog.pg_trigger AS t
        JOIN pg_catalog.pg_class AS c ON c.oid = t.tgrelid
        JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
        WHERE t.tgfoid = 'schooltime.session_row_rules()'::pg_catalog.regprocedure
          AND c.relname = 'sessions' AND t.tgname = 'schooltime_row_rules'
        ORDER BY 1
    LOOP
        RAISE WARNING 'schema % holds a schooltime model from an earlier version', model.nspname
            USING HINT = format('Run SELECT schooltime.upgrade_model(%L); to add what this version brings.', model.nspname);
    END LOOP;
END
$notice$;
