-- Many years in one model (issue 15): create_model(schema, partitioned =>
-- true) makes the tables that grow with every school year (sessions, duties,
-- lessons) partitioned by school year, one partition a year, so that a past
-- year can be detached and attached back.  doc/partitions.md says what a DBA
-- does with them and why the model is built as it is:
--
-- - The model is built as a plain one by the same parts, and the tables are
--   then made partitioned while they are empty (model_partition_table): one
--   definition of every table, in its part, for both kinds of model.
-- - A partitioned table's keys hold its partition key, so the primary key of
--   sessions is (centre_id, id, school_year), and a foreign key to a session
--   (authorisations, session_subject_areas) names its school year too.
-- - Row triggers are cloned by PostgreSQL to every partition; a statement
--   trigger fires only on the table a statement names, so the statement
--   triggers of the parent (the set rules, with their transition tables) are
--   copied to every partition: a write into the parent and a write into one
--   year's partition are both checked (model_partition_triggers).
-- - No DEFAULT partition: a row of a year that has no partition is refused,
--   and attaching a year never scans another partition.

-- The tables a partitioned model partitions, in the order they are made
-- partitioned (lessons first: sessions refer to it).
CREATE FUNCTION schooltime.partitioned_model_tables()
RETURNS text[]
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT '{lessons,sessions,duties}'::text[] $$;
COMMENT ON FUNCTION schooltime.partitioned_model_tables() IS
'the tables of a model that create_model(..., partitioned => true) partitions by school year (PARTITION BY LIST (school_year)): lessons, sessions and duties, the tables that grow with every school year';

-- Makes an empty plain table of a model partitioned by school year, keeping
-- its name, columns, defaults, identity, checks, comments, indexes, keys,
-- foreign keys (its own and those that refer to it), triggers and the views
-- that read it.  Keys gain school_year; a table whose foreign key refers to
-- it without school_year gains a column school_year for the key.
CREATE FUNCTION schooltime.model_partition_table(target regclass)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $partition$
DECLARE
    schema_name name;
    table_name name;
    staging name;
    sequence_name text;
    table_comment text;
    keys text[];
    indexes text[];
    own_fkeys text[];
    incoming record;
    incoming_fkeys text[] := '{}';
    triggers text[];
    views record;
    view_defs text[] := '{}';
    comments text[];
    ddl text;
    has_rows boolean;
BEGIN
    SELECT n.nspname, c.relname INTO schema_name, table_name
    FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
    WHERE c.oid = target AND c.relkind = 'r';
    IF NOT FOUND THEN
        RETURN;  -- partitioned already, or not a table
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT FROM %s)', target) INTO has_rows;
    IF has_rows THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('table %s has rows', target),
                  ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = schooltime.gettext('A model''s tables are made partitioned when the model is created, while they are empty.');
    END IF;
    staging := table_name || '_partitioned';

    -- what the new table must have again, each as the DDL that makes it
    SELECT array_agg(format('ALTER TABLE %s ADD CONSTRAINT %I %s', target, k.conname,
                            CASE WHEN k.conkey @> ARRAY[a.attnum] THEN pg_get_constraintdef(k.oid)
                                 ELSE regexp_replace(pg_get_constraintdef(k.oid), '\)', ', school_year)') END)
                     ORDER BY k.oid)
    INTO keys
    FROM pg_constraint AS k
    JOIN pg_attribute AS a ON a.attrelid = target AND a.attname = 'school_year'
    WHERE k.conrelid = target AND k.contype IN ('p', 'u');
    SELECT array_agg(pg_get_indexdef(i.indexrelid) ORDER BY i.indexrelid) INTO indexes
    FROM pg_index AS i
    WHERE i.indrelid = target
      AND NOT EXISTS (SELECT FROM pg_constraint AS k WHERE k.conindid = i.indexrelid AND k.conrelid = target);
    SELECT array_agg(format('ALTER TABLE %s ADD CONSTRAINT %I %s', target, k.conname, pg_get_constraintdef(k.oid))
                     ORDER BY k.oid)
    INTO own_fkeys
    FROM pg_constraint AS k WHERE k.conrelid = target AND k.contype = 'f';
    SELECT array_agg(pg_get_triggerdef(t.oid) ORDER BY t.oid) INTO triggers
    FROM pg_trigger AS t WHERE t.tgrelid = target AND NOT t.tgisinternal;
    SELECT array_agg(format('COMMENT ON %s IS %L', d.what, d.description)) INTO comments
    FROM (
        SELECT format('INDEX %I.%I', schema_name, ic.relname) AS what, obj_description(ic.oid, 'pg_class') AS description
        FROM pg_index AS i JOIN pg_class AS ic ON ic.oid = i.indexrelid
        WHERE i.indrelid = target
        UNION ALL
        SELECT format('CONSTRAINT %I ON %s', k.conname, target), obj_description(k.oid, 'pg_constraint')
        FROM pg_constraint AS k WHERE k.conrelid = target AND k.contype IN ('p', 'u', 'f')
        UNION ALL
        SELECT format('TRIGGER %I ON %s', t.tgname, target), obj_description(t.oid, 'pg_trigger')
        FROM pg_trigger AS t WHERE t.tgrelid = target AND NOT t.tgisinternal
    ) AS d
    WHERE d.description IS NOT NULL;
    table_comment := obj_description(target, 'pg_class');

    -- foreign keys that refer to it: without school_year they gain it
    FOR incoming IN
        SELECT k.oid, k.conname, k.conrelid::regclass AS referrer, pg_get_constraintdef(k.oid) AS def,
               EXISTS (SELECT FROM pg_attribute AS a
                       WHERE a.attrelid = k.confrelid AND a.attname = 'school_year' AND a.attnum = ANY (k.confkey)) AS with_year,
               EXISTS (SELECT FROM pg_attribute AS a
                       WHERE a.attrelid = k.conrelid AND a.attname = 'school_year' AND NOT a.attisdropped) AS referrer_has_year
        FROM pg_constraint AS k
        WHERE k.confrelid = target AND k.contype = 'f' AND k.conrelid <> target
        ORDER BY k.oid
    LOOP
        IF NOT incoming.with_year AND NOT incoming.referrer_has_year THEN
            EXECUTE format('ALTER TABLE %s ADD COLUMN school_year schooltime.school_year NOT NULL', incoming.referrer);
            EXECUTE format('COMMENT ON COLUMN %s.school_year IS %L', incoming.referrer,
                           format('the school year of the row of %s it refers to: in a partitioned model a foreign key to %s names the partition key too', table_name, table_name));
        END IF;
        incoming_fkeys := incoming_fkeys || format('ALTER TABLE %s ADD CONSTRAINT %I %s', incoming.referrer, incoming.conname,
            CASE WHEN incoming.with_year THEN incoming.def
                 ELSE regexp_replace(incoming.def, '^FOREIGN KEY \(([^)]*)\) REFERENCES ([^(]*)\(([^)]*)\)',
                                     'FOREIGN KEY (\1, school_year) REFERENCES \2(\3, school_year)') END);
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', incoming.referrer, incoming.conname);
    END LOOP;

    -- views that read it, and views that read those, made again in order
    FOR views IN
        WITH RECURSIVE readers (view_oid) AS (
            SELECT r.ev_class FROM pg_depend AS d JOIN pg_rewrite AS r ON r.oid = d.objid
            WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = target AND r.ev_class <> target
            UNION
            SELECT r.ev_class FROM readers JOIN pg_depend AS d ON d.refobjid = readers.view_oid
            JOIN pg_rewrite AS r ON r.oid = d.objid
            WHERE d.classid = 'pg_rewrite'::regclass AND r.ev_class <> readers.view_oid
        )
        SELECT v.oid::regclass AS view_name, pg_get_viewdef(v.oid) AS def, v.reloptions,
               obj_description(v.oid, 'pg_class') AS description
        FROM pg_class AS v WHERE v.oid IN (SELECT view_oid FROM readers) AND v.relkind = 'v'
        ORDER BY v.oid
    LOOP
        view_defs := view_defs || format('CREATE VIEW %s%s AS %s', views.view_name,
                                         CASE WHEN views.reloptions IS NULL THEN ''
                                              ELSE format(' WITH (%s)', array_to_string(views.reloptions, ', ')) END,
                                         views.def);
        IF views.description IS NOT NULL THEN
            view_defs := view_defs || format('COMMENT ON VIEW %s IS %L', views.view_name, views.description);
        END IF;
        view_defs := view_defs || ARRAY(
            SELECT format('COMMENT ON COLUMN %s.%I IS %L', views.view_name, a.attname, col_description(a.attrelid, a.attnum))
            FROM pg_attribute AS a
            WHERE a.attrelid = views.view_name AND a.attnum > 0 AND col_description(a.attrelid, a.attnum) IS NOT NULL);
    END LOOP;
    EXECUTE format('CREATE TABLE %I.%I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY '
                   'INCLUDING GENERATED INCLUDING COMMENTS INCLUDING STORAGE INCLUDING COMPRESSION) '
                   'PARTITION BY LIST (school_year)', schema_name, staging, target);
    SELECT s.relname INTO sequence_name
    FROM pg_depend AS d JOIN pg_class AS s ON s.oid = d.objid AND s.relkind = 'S'
    WHERE d.refobjid = target AND d.deptype IN ('a', 'i') AND d.classid = 'pg_class'::regclass;
    -- the views that read it go with it (CASCADE), and come back below
    EXECUTE format('DROP TABLE %s CASCADE', target);
    EXECUTE format('ALTER TABLE %I.%I RENAME TO %I', schema_name, staging, table_name);
    IF sequence_name IS NOT NULL THEN
        EXECUTE format('ALTER SEQUENCE %s RENAME TO %I',
                       pg_get_serial_sequence(format('%I.%I', schema_name, table_name), 'id'), sequence_name);
    END IF;
    IF table_comment IS NOT NULL THEN
        EXECUTE format('COMMENT ON TABLE %I.%I IS %L', schema_name, table_name, table_comment);
    END IF;
    FOREACH ddl IN ARRAY coalesce(keys, '{}') || coalesce(indexes, '{}') || coalesce(own_fkeys, '{}')
                         || coalesce(triggers, '{}') || incoming_fkeys || view_defs || coalesce(comments, '{}') LOOP
        EXECUTE ddl;
    END LOOP;
END
$partition$;
COMMENT ON FUNCTION schooltime.model_partition_table(regclass) IS
'internal: makes an empty table of a model partitioned by school year (PARTITION BY LIST (school_year)), with its columns, defaults, identity, checks, indexes, triggers, comments and the views that read it; its primary key and unique keys gain school_year, and so do the foreign keys that refer to it (their table gains a column school_year if it has none)';

-- A statement trigger fires on the table its statement names: the parent's
-- statement triggers are copied to each partition, so that a write into one
-- year's partition is checked as one into the parent.  A partition also
-- takes its ids from the parent's identity sequence (PostgreSQL 15 gives a
-- partition no identity of its own).  Row triggers need nothing: PostgreSQL
-- clones them to every partition.
CREATE FUNCTION schooltime.model_partition_triggers(parent regclass)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $triggers$
DECLARE
    part regclass;
    col record;
    trig record;
    wanted text;
    present text;
BEGIN
    FOR part IN SELECT i.inhrelid::regclass FROM pg_inherits AS i WHERE i.inhparent = parent ORDER BY i.inhrelid LOOP
        FOR col IN
            SELECT a.attname, pg_get_serial_sequence(parent::text, a.attname) AS sequence_name
            FROM pg_attribute AS a
            WHERE a.attrelid = parent AND a.attidentity <> '' AND NOT a.attisdropped
              AND NOT EXISTS (SELECT FROM pg_attribute AS pa JOIN pg_attrdef AS d ON d.adrelid = pa.attrelid AND d.adnum = pa.attnum
                              WHERE pa.attrelid = part AND pa.attname = a.attname)
        LOOP
            EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT pg_catalog.nextval(%L::regclass)',
                           part, col.attname, col.sequence_name);
        END LOOP;
        -- schooltime's statement triggers the parent no longer has
        FOR trig IN
            SELECT t.tgname FROM pg_trigger AS t
            WHERE t.tgrelid = part AND NOT t.tgisinternal AND t.tgparentid = 0 AND t.tgtype & 1 = 0
              AND obj_description(t.oid, 'pg_trigger') LIKE 'schooltime: a copy of %'
              AND NOT EXISTS (SELECT FROM pg_trigger AS p WHERE p.tgrelid = parent AND p.tgname = t.tgname)
        LOOP
            EXECUTE format('DROP TRIGGER %I ON %s', trig.tgname, part);
        END LOOP;
        FOR trig IN
            SELECT t.tgname, pg_get_triggerdef(t.oid) AS def FROM pg_trigger AS t
            WHERE t.tgrelid = parent AND NOT t.tgisinternal AND t.tgtype & 1 = 0
            ORDER BY t.tgname
        LOOP
            wanted := replace(trig.def, format(' ON %s ', parent), format(' ON %s ', part));
            present := NULL;
            SELECT pg_get_triggerdef(t.oid) INTO present FROM pg_trigger AS t WHERE t.tgrelid = part AND t.tgname = trig.tgname;
            IF present IS DISTINCT FROM wanted THEN
                IF present IS NOT NULL THEN
                    EXECUTE format('DROP TRIGGER %I ON %s', trig.tgname, part);
                END IF;
                EXECUTE wanted;
                -- the mark by which a detached partition's copies are found
                EXECUTE format('COMMENT ON TRIGGER %I ON %s IS %L', trig.tgname, part,
                               format('schooltime: a copy of trigger %s of table %s, which PostgreSQL would not fire for a write into this partition',
                                      trig.tgname, parent));
            END IF;
        END LOOP;
    END LOOP;
END
$triggers$;
COMMENT ON FUNCTION schooltime.model_partition_triggers(regclass) IS
'internal: gives every partition of a partitioned table of a model the statement triggers of the table (PostgreSQL fires a statement trigger only on the table a statement names, so a write into a partition would otherwise escape the set rules), and ids from the table''s identity sequence';

-- A table detached from a model keeps the statement triggers copied to it;
-- they would judge its writes against the model it has left: they go.  A
-- detached year is a table of its own, neither checked nor reported.
CREATE FUNCTION schooltime.model_detached_triggers_drop()
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $detached$
DECLARE
    trig record;
BEGIN
    FOR trig IN
        SELECT t.tgname, t.tgrelid::regclass AS tab
        FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND t.tgtype & 1 = 0
          AND c.relkind = 'r' AND NOT c.relispartition
          AND obj_description(t.oid, 'pg_trigger') LIKE 'schooltime: a copy of %'
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', trig.tgname, trig.tab);
    END LOOP;
END
$detached$;
COMMENT ON FUNCTION schooltime.model_detached_triggers_drop() IS
'internal: drops the statement triggers schooltime copied to a partition of a model''s table (their comment says so) once it is detached, so is no partition: a detached year is neither checked nor reported';

CREATE FUNCTION schooltime.model_partitions_changed()
RETURNS event_trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $changed$
DECLARE
    parent regclass;
    any_partitioned boolean := false;
BEGIN
    FOR parent IN
        SELECT DISTINCT c.oid::regclass
        FROM pg_event_trigger_ddl_commands() AS e JOIN pg_class AS c ON c.oid = e.objid
        WHERE e.classid = 'pg_class'::regclass AND c.relkind = 'p'
    LOOP
        any_partitioned := true;
        IF EXISTS (SELECT FROM pg_trigger AS t
                   WHERE t.tgrelid = parent AND NOT t.tgisinternal AND t.tgtype & 1 = 0
                     AND t.tgfoid IN ('schooltime.timetable_set_rules()'::regprocedure,
                                      'schooltime.lesson_block_rules()'::regprocedure)) THEN
            PERFORM schooltime.model_partition_triggers(parent);
        END IF;
    END LOOP;
    IF any_partitioned THEN
        PERFORM schooltime.model_detached_triggers_drop();
    END IF;
END
$changed$;
COMMENT ON FUNCTION schooltime.model_partitions_changed() IS
'event trigger: after an ALTER TABLE of a partitioned table of a model (ATTACH or DETACH PARTITION), gives an attached partition the table''s statement triggers and ids (schooltime.model_partition_triggers()) and takes them from a detached one (schooltime.model_detached_triggers_drop())';
CREATE EVENT TRIGGER schooltime_model_partitions ON ddl_command_end
    WHEN TAG IN ('ALTER TABLE')
    EXECUTE FUNCTION schooltime.model_partitions_changed();
COMMENT ON EVENT TRIGGER schooltime_model_partitions IS
'schooltime: after ATTACH or DETACH PARTITION on a partitioned table of a model, an attached year''s partition is checked like the table, and a detached one no longer (schooltime.model_partitions_changed())';

CREATE FUNCTION schooltime.add_school_year_partition(model name, school_year schooltime.school_year)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $add$
DECLARE
    t record;
    found_any boolean := false;
BEGIN
    IF school_year IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.gettext('a partition needs a school year'),
                  ERRCODE = 'null_value_not_allowed', HINT = schooltime.gettext('Name one, such as ''2026-2027''.');
    END IF;
    FOR t IN
        SELECT c.oid::regclass AS parent, c.relname, c.relowner::regrole AS owner
        FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
        WHERE n.nspname = model AND c.relkind = 'p' AND c.relname = ANY (schooltime.partitioned_model_tables())
        ORDER BY array_position(schooltime.partitioned_model_tables(), c.relname::text)
    LOOP
        found_any := true;
        IF NOT EXISTS (SELECT FROM pg_inherits AS i JOIN pg_class AS p ON p.oid = i.inhrelid
                       WHERE i.inhparent = t.parent
                         AND pg_get_expr(p.relpartbound, p.oid) = format('FOR VALUES IN (%L)', school_year)) THEN
            EXECUTE format('CREATE TABLE %I.%I PARTITION OF %s FOR VALUES IN (%L)',
                           model, t.relname || '_' || replace(school_year, '-', '_'), t.parent, school_year);
            EXECUTE format('COMMENT ON TABLE %I.%I IS %L', model, t.relname || '_' || replace(school_year, '-', '_'),
                           format('The rows of %s of school year %s (a partition: write into %s or here, both are checked).',
                                  t.relname, school_year, t.parent));
            IF t.owner IS DISTINCT FROM current_user::regrole THEN
                EXECUTE format('ALTER TABLE %I.%I OWNER TO %I', model, t.relname || '_' || replace(school_year, '-', '_'), t.owner);
            END IF;
        END IF;
        PERFORM schooltime.model_partition_triggers(t.parent);
    END LOOP;
    IF NOT found_any THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('schema %s holds no partitioned schooltime model',
                                                                  coalesce(quote_ident(model), 'NULL')),
                  ERRCODE = 'wrong_object_type',
                  HINT = schooltime.gettext('Partitions are for a model made with schooltime.create_model(schema, partitioned => true).');
    END IF;
END
$add$;
COMMENT ON FUNCTION schooltime.add_school_year_partition(name, schooltime.school_year) IS
'adds to a partitioned model the partition of a school year of each of its partitioned tables (sessions_2026_2027, duties_2026_2027, lessons_2026_2027), with the statement triggers that check a write into it; does nothing for a table that has that year''s partition already. A row of a year without a partition is refused (no DEFAULT partition: doc/partitions.md)';

-- Position 95: after every part that (re)makes a statement trigger of the
-- tables, the partitions get the same.
CREATE FUNCTION schooltime.model_part_partition_triggers(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $part$
DECLARE
    parent regclass;
BEGIN
    FOR parent IN
        SELECT c.oid FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
        WHERE n.nspname = schema_name AND c.relkind = 'p' AND c.relname = ANY (schooltime.partitioned_model_tables())
    LOOP
        PERFORM schooltime.model_partition_triggers(parent);
    END LOOP;
END
$part$;
COMMENT ON FUNCTION schooltime.model_part_partition_triggers(name) IS
'model part "partition_triggers": in a partitioned model, every partition of sessions, duties and lessons has the statement triggers of its table (schooltime.model_partition_triggers()); nothing in a plain model';
INSERT INTO schooltime.model_parts (name, position, builder, description) VALUES
    ('partition_triggers', 95, 'schooltime.model_part_partition_triggers(name)',
     'in a partitioned model, each year''s partition checked like its table');

-- create_model(name) is called by users since 0.1: it stays, and this
-- overload, with no default for partitioned, leaves create_model('x')
-- meaning what it always did.
CREATE FUNCTION schooltime.create_model(schema_name name, partitioned boolean)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $model$
DECLARE
    t text;
BEGIN
    IF partitioned IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.gettext('partitioned must be true or false'),
                  ERRCODE = 'null_value_not_allowed';
    END IF;
    PERFORM schooltime.create_model(schema_name);
    IF partitioned THEN
        FOREACH t IN ARRAY schooltime.partitioned_model_tables() LOOP
            PERFORM schooltime.model_partition_table(format('%I.%I', schema_name, t)::regclass);
        END LOOP;
        PERFORM schooltime.add_school_year_partition(schema_name, schooltime.current_school_year());
    END IF;
END
$model$;
COMMENT ON FUNCTION schooltime.create_model(name, boolean) IS
'creates a model as schooltime.create_model(name); with partitioned true, its sessions, duties and lessons are partitioned by school year (PARTITION BY LIST (school_year)), their keys hold school_year, and the current school year has its partitions (add others with schooltime.add_school_year_partition()); see doc/partitions.md';
