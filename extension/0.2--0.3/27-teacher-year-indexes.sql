-- A teacher's rows are read year by year: every set rule of a teacher, the
-- kept plans and check() ask for (teacher_id, school_year).  0.2 indexed
-- sessions and duties by teacher_id alone, so a model keeping five years
-- fetched five years of a teacher's rows to judge one (bench/growth: the
-- single-row INSERT went from 0.43 ms with one year kept to 0.53 ms with
-- five).  The index keeps its name, sessions_teacher_id_idx and
-- duties_teacher_id_idx, and gains the school year: model part "core"
-- (0.1--0.2, released) creates the name IF NOT EXISTS on every
-- upgrade_model(), and must find it there rather than build a second index.
CREATE FUNCTION schooltime.model_part_teacher_year_indexes(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $part$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT c.oid::regclass AS tab, c.relname AS table_name, i.indexrelid::regclass AS idx, x.relname AS index_name
        FROM pg_class AS c
        JOIN pg_namespace AS n ON n.oid = c.relnamespace
        JOIN pg_index AS i ON i.indrelid = c.oid
        JOIN pg_class AS x ON x.oid = i.indexrelid
        WHERE n.nspname = schema_name AND c.relname IN ('sessions', 'duties')
          AND x.relname = c.relname || '_teacher_id_idx'
          AND i.indnatts = 1
        ORDER BY c.relname
    LOOP
        EXECUTE format('CREATE INDEX %I ON %s (teacher_id, school_year)', t.index_name || '_by_year', t.tab);
        EXECUTE format('DROP INDEX %s', t.idx);
        EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', schema_name, t.index_name || '_by_year', t.index_name);
        EXECUTE format('COMMENT ON INDEX %I.%I IS %L', schema_name, t.index_name,
                       format('a teacher''s %s of one school year, as the teacher rules read them', t.table_name));
    END LOOP;
END
$part$;
COMMENT ON FUNCTION schooltime.model_part_teacher_year_indexes(name) IS
'model part "teacher_year_indexes": sessions and duties indexed by (teacher_id, school_year), under the names 0.2 gave their teacher_id indexes, so that judging a teacher''s week reads one year''s rows whatever the years kept';
INSERT INTO schooltime.model_parts (name, position, builder, description) VALUES
    ('teacher_year_indexes', 16, 'schooltime.model_part_teacher_year_indexes(name)',
     'sessions and duties indexed by teacher and school year');
