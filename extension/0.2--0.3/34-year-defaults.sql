-- A row written without a school year is of this school year: the model's
-- year-keyed tables default to schooltime.current_school_year() (today's,
-- or that of the setting schooltime.today).  Sessions are left without a
-- default: a session is of its group's year, which its foreign key checks.
CREATE FUNCTION schooltime.model_part_year_defaults(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $part$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT c.oid::regclass AS tab
        FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
        JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attname = 'school_year' AND NOT a.attisdropped
        WHERE n.nspname = schema_name AND c.relkind IN ('r', 'p')
          AND c.relname IN ('class_groups', 'duties', 'lessons', 'blocks', 'course_dates', 'free_days', 'dated_activities')
        ORDER BY c.relname
    LOOP
        EXECUTE format('ALTER TABLE %s ALTER COLUMN school_year SET DEFAULT schooltime.current_school_year()', t.tab);
    END LOOP;
END
$part$;
COMMENT ON FUNCTION schooltime.model_part_year_defaults(name) IS
'model part "year_defaults": the school year of a row written without one is this school year (schooltime.current_school_year()) in class_groups, duties, lessons, blocks, course_dates, free_days and dated_activities';
INSERT INTO schooltime.model_parts (name, position, builder, description) VALUES
    ('year_defaults', 85, 'schooltime.model_part_year_defaults(name)',
     'a row written without a school year is of this school year');
