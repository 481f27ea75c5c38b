-- Models created by an earlier version keep working as they were; they gain
-- what this version brings when their owner runs schooltime.upgrade_model().
-- A model is behind when it lacks a table or column that a model part
-- creates (schooltime.model_parts.creates, schooltime.model_behind()).  A
-- WARNING, because PostgreSQL hides notices while an extension script runs.
CREATE FUNCTION schooltime.model_behind(schema_name name)
RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (
        SELECT FROM schooltime.model_parts AS p, unnest(p.creates) AS c (object)
        WHERE CASE WHEN pg_catalog.strpos(c.object, '.') = 0
                   THEN pg_catalog.to_regclass(pg_catalog.format('%I.%I', schema_name, c.object)) IS NULL
                   ELSE NOT EXISTS (
                       SELECT FROM pg_catalog.pg_attribute AS a
                       WHERE a.attrelid = pg_catalog.to_regclass(pg_catalog.format('%I.%I', schema_name,
                                                                                   pg_catalog.split_part(c.object, '.', 1)))
                         AND a.attname = pg_catalog.split_part(c.object, '.', 2) AND NOT a.attisdropped)
              END)
        -- a slot column still of the 0.2 domain (model part weekslot_columns moves it)
        OR EXISTS (SELECT FROM pg_catalog.pg_attribute AS a JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
                   JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
                   WHERE n.nspname = schema_name AND a.attnum > 0 AND NOT a.attisdropped
                     AND a.atttypid = 'schooltime.weekslot_before_0_3'::pg_catalog.regtype)
        -- a class group's school year without a default (model part year_defaults sets it)
        OR EXISTS (SELECT FROM pg_catalog.pg_attribute AS a
                   WHERE a.attrelid = pg_catalog.to_regclass(pg_catalog.format('%I.class_groups', schema_name))
                     AND a.attname = 'school_year' AND NOT a.attisdropped AND NOT a.atthasdef)
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
