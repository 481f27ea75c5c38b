-- Models created by an earlier version keep working as they were; they gain
-- what this version brings when their owner runs schooltime.upgrade_model().
-- A model is behind when it lacks a table or column that a model part of
-- this version creates (schooltime.model_behind()).  A WARNING, because
-- PostgreSQL hides notices while an extension script runs.
CREATE FUNCTION schooltime.model_behind(schema_name name)
RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT to_regclass(pg_catalog.format('%I.lessons', schema_name)) IS NULL
        OR to_regclass(pg_catalog.format('%I.group_parts', schema_name)) IS NULL
        OR to_regclass(pg_catalog.format('%I.enrolment', schema_name)) IS NULL
        OR NOT EXISTS (SELECT FROM pg_catalog.pg_attribute AS a
                       WHERE a.attrelid = pg_catalog.to_regclass(pg_catalog.format('%I.sessions', schema_name))
                         AND a.attname = 'lesson_id' AND NOT a.attisdropped)
$$;
COMMENT ON FUNCTION schooltime.model_behind(name) IS
'whether the model in a schema was made by an earlier version of schooltime and lacks what this one brings (run schooltime.upgrade_model() on it)';

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
          AND schooltime.model_behind(n.nspname)
        ORDER BY 1
    LOOP
        RAISE WARNING 'schema % holds a schooltime model from an earlier version', model.nspname
            USING HINT = format('Run SELECT schooltime.upgrade_model(%L); to add what this version brings.', model.nspname);
    END LOOP;
END
$notice$;
