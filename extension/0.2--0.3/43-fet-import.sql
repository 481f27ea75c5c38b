-- Validating and importing a FET timetable (issue 13).
--
-- schooltime.fet_validate() writes the plan of a FET file (42-fet-plan.sql)
-- into a scratch copy of the model, in the caller's temporary schema, and
-- returns what schooltime.check() finds there, each violation naming the FET
-- activities, teachers and students sets it comes from; nothing is stored.
-- schooltime.fet_import() validates the same way, refuses a timetable that
-- breaks a rule checked on every write with that rule's ordinary error
-- (naming the FET activity), and otherwise writes the plan into the model in
-- one transaction, a statement per table, with every trigger on.


CREATE TYPE schooltime.fet_import_summary AS (
    class_groups        integer,    -- class groups written (new or found by name)
    group_parts         integer,    -- their parts
    teachers_added      integer,    -- teachers new to the centre
    lessons             integer,
    sessions            integer,
    blocks              integer,    -- optional-subject blocks found
    duties              integer,
    inactive_activities integer     -- FET activities that are not active, left out
);
COMMENT ON TYPE schooltime.fet_import_summary IS
'What schooltime.fet_import() wrote: class groups, parts, teachers new to the centre, lessons, sessions, blocks and duties, and the inactive FET activities it left out.';

-- Writes a plan into the tables of a schema: the model, or its scratch copy
-- (explicit_ids: every row gets the id of its place in the plan, so that a
-- violation found there leads back to the FET activity).
CREATE FUNCTION schooltime.fet_write(target name, model name, centre_id bigint, school_year schooltime.school_year,
                                     plan schooltime.fet_plan, explicit_ids boolean)
RETURNS schooltime.fet_import_summary
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $write$
DECLARE
    summary schooltime.fet_import_summary;
    clash record;
    written bigint;
BEGIN
    DELETE FROM pg_temp.schooltime_fet_group_ids;
    DELETE FROM pg_temp.schooltime_fet_teacher_ids;
    DELETE FROM pg_temp.schooltime_fet_lessons;
    DELETE FROM pg_temp.schooltime_fet_blocks;
    DELETE FROM pg_temp.schooltime_fet_row_activities;
    DELETE FROM pg_temp.schooltime_fet_lesson_rows;

    -- class groups: found by name in the model, or new
    IF NOT explicit_ids THEN
        EXECUTE format('INSERT INTO pg_temp.schooltime_fet_group_ids SELECT g.name, g.id FROM %I.class_groups AS g '
                       'WHERE g.centre_id = $1 AND g.school_year = $2 AND g.name IN (SELECT c.students_set FROM unnest($3) AS c)', model)
            USING centre_id, school_year, plan.classes;
        EXECUTE format('SELECT g.name, g.regime, g.level, c.regime AS fet_regime, c.level AS fet_level '
                       'FROM %I.class_groups AS g JOIN unnest($3) AS c ON c.students_set = g.name '
                       'WHERE g.centre_id = $1 AND g.school_year = $2 AND (g.regime, g.level) IS DISTINCT FROM (c.regime, c.level) LIMIT 1', model)
            INTO clash USING centre_id, school_year, plan.classes;
        IF clash.name IS NOT NULL THEN
            RAISE EXCEPTION 'class group "%" of the model is % level %, and the year map makes it % level %',
                            clash.name, clash.regime, clash.level, clash.fet_regime, clash.fet_level
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = 'The import writes the timetable of the centre''s class groups of that name; it does not change what a group is.',
                      HINT = 'Correct the year map, or the class group.';
        END IF;
    END IF;
    EXECUTE format('WITH new AS (INSERT INTO %I.class_groups (%s centre_id, name, school_year, regime, level, pupils) '
                   '  SELECT %s $1, c.students_set, $2, c.regime, c.level, c.pupils '
                   '  FROM unnest($3) WITH ORDINALITY AS c (students_set, regime, level, fet_year, pupils, n) '
                   '  WHERE c.students_set NOT IN (SELECT f.name FROM pg_temp.schooltime_fet_group_ids AS f) ORDER BY c.n '
                   '  RETURNING name, id) '
                   'INSERT INTO pg_temp.schooltime_fet_group_ids SELECT new.name, new.id FROM new',
                   target, CASE WHEN explicit_ids THEN 'id,' ELSE '' END, CASE WHEN explicit_ids THEN 'c.n,' ELSE '' END)
        USING centre_id, school_year, plan.classes;
    summary.class_groups := cardinality(plan.classes);

    -- the split of FET atoms is the import's own: a class group found by name gets it anew
    EXECUTE format('DELETE FROM %I.group_parts AS p USING pg_temp.schooltime_fet_group_ids AS g '
                   'WHERE p.centre_id = $1 AND p.group_id = g.id AND p.split = ''subgrups FET''', target)
        USING centre_id;
    EXECUTE format('INSERT INTO %I.group_parts (centre_id, group_id, split, part, pupils) '
                   'SELECT $1, g.id, p.split, p.part, p.pupils FROM unnest($2) AS p JOIN pg_temp.schooltime_fet_group_ids AS g ON g.name = p.class_group', target)
        USING centre_id, plan.parts;
    summary.group_parts := cardinality(plan.parts);

    -- teachers: the centre's of that name, or new (no code: FET's names are the school's own)
    IF NOT explicit_ids THEN
        EXECUTE format('INSERT INTO pg_temp.schooltime_fet_teacher_ids SELECT DISTINCT ON (t.name) t.name, t.id FROM %I.teachers AS t '
                       'WHERE t.centre_id = $1 AND t.name = ANY ($2) ORDER BY t.name, t.id', model)
            USING centre_id, plan.teachers;
    END IF;
    EXECUTE format('WITH new AS (INSERT INTO %I.teachers (%s name, centre_id) '
                   '  SELECT %s t.name, $1 FROM unnest($2) WITH ORDINALITY AS t (name, n) '
                   '  WHERE t.name NOT IN (SELECT f.name FROM pg_temp.schooltime_fet_teacher_ids AS f) ORDER BY t.n '
                   '  RETURNING name, id) '
                   'INSERT INTO pg_temp.schooltime_fet_teacher_ids SELECT new.name, new.id FROM new',
                   target, CASE WHEN explicit_ids THEN 'id,' ELSE '' END, CASE WHEN explicit_ids THEN 't.n,' ELSE '' END)
        USING centre_id, plan.teachers;
    GET DIAGNOSTICS written = ROW_COUNT;
    summary.teachers_added := written;

    -- lessons: one per FET activity and slot (an activity whose class groups
    -- keep different clocks is one lesson per clock)
    INSERT INTO pg_temp.schooltime_fet_lessons (n, activity, slot, subject)
    SELECT row_number() OVER (ORDER BY min(r.n)), r.activity,
           schooltime.weekslot(r.weekday, r.starts, r.ends), min(r.subject)
    FROM unnest(plan.rows) WITH ORDINALITY AS r (activity, class_group, split, part, teacher, subject, weekday, starts, ends, duty, n)
    WHERE r.duty IS NULL
    GROUP BY r.activity, r.weekday, r.starts, r.ends;
    ANALYZE pg_temp.schooltime_fet_lessons;

    -- every row of a lesson, with its lesson and class group
    INSERT INTO pg_temp.schooltime_fet_lesson_rows
    SELECT r.n, l.n, r.activity, r.class_group, r.split, r.part, r.teacher, r.subject, c.regime, c.fet_year
    FROM unnest(plan.rows) WITH ORDINALITY AS r (activity, class_group, split, part, teacher, subject, weekday, starts, ends, duty, n)
    JOIN unnest(plan.classes) AS c ON c.students_set = r.class_group
    JOIN pg_temp.schooltime_fet_lessons AS l ON l.activity = r.activity AND l.slot OPERATOR(pg_catalog.=) schooltime.weekslot(r.weekday, r.starts, r.ends)
    WHERE r.duty IS NULL;
    ANALYZE pg_temp.schooltime_fet_lesson_rows;

    -- optional-subject blocks: two lessons or more at one slot that take
    -- parts of class groups of one FET year, all of one regime (a FET
    -- hour's name may stand for two slots of one year: one block per name)
    INSERT INTO pg_temp.schooltime_fet_blocks
    SELECT DISTINCT ON (c.name) c.name, c.regime, c.slot, c.fet_year
    FROM (SELECT format('%s, %s %s', lr.fet_year, min((x.act).day), min((x.act).hour)) AS name,
                 min(lr.regime) AS regime, l.slot, lr.fet_year
          FROM pg_temp.schooltime_fet_lesson_rows AS lr
          JOIN pg_temp.schooltime_fet_lessons AS l ON l.n = lr.lesson
          JOIN pg_temp.schooltime_fet_acts AS x ON x.id = lr.activity
          WHERE lr.part IS NOT NULL
          GROUP BY lr.fet_year, l.slot
          HAVING count(DISTINCT lr.lesson) > 1 AND count(DISTINCT lr.regime) = 1) AS c
    ORDER BY c.name, c.slot;
    -- a lesson is an option of a block when it takes parts there and every row is of the block's regime
    WITH in_block AS (
        SELECT lr.lesson, min(b.name) AS block, min(b.regime) AS block_regime
        FROM pg_temp.schooltime_fet_lesson_rows AS lr
        JOIN pg_temp.schooltime_fet_lessons AS l ON l.n = lr.lesson
        JOIN pg_temp.schooltime_fet_blocks AS b ON b.fet_year = lr.fet_year AND b.slot OPERATOR(pg_catalog.=) l.slot
        WHERE lr.part IS NOT NULL
        GROUP BY lr.lesson
    ), regimes AS (
        SELECT lr.lesson, min(lr.regime) AS regime, count(DISTINCT lr.regime) AS n
        FROM pg_temp.schooltime_fet_lesson_rows AS lr GROUP BY lr.lesson
    )
    UPDATE pg_temp.schooltime_fet_lessons AS l SET block = ib.block
    FROM in_block AS ib JOIN regimes AS rg ON rg.lesson = ib.lesson
    WHERE l.n = ib.lesson AND rg.n = 1 AND rg.regime = ib.block_regime;
    EXECUTE format('INSERT INTO %I.blocks (centre_id, school_year, name, regime, description) '
                   'SELECT $1, $2, b.name, b.regime, ''options at one hour of FET year '' || b.fet_year '
                   'FROM pg_temp.schooltime_fet_blocks AS b WHERE b.name IN (SELECT l.block FROM pg_temp.schooltime_fet_lessons AS l)', target)
        USING centre_id, school_year;
    GET DIAGNOSTICS written = ROW_COUNT;
    summary.blocks := written;

    IF explicit_ids THEN
        UPDATE pg_temp.schooltime_fet_lessons AS l SET id = l.n;
        EXECUTE format('INSERT INTO %I.lessons (id, centre_id, school_year, slot, block, external_id, description) '
                       'SELECT l.id, $1, $2, l.slot, l.block, ''FET activity '' || l.activity, l.subject '
                       'FROM pg_temp.schooltime_fet_lessons AS l ORDER BY l.n', target)
            USING centre_id, school_year;
    ELSE
        EXECUTE format('WITH new AS (INSERT INTO %I.lessons (centre_id, school_year, slot, block, external_id, description) '
                       '  SELECT $1, $2, l.slot, l.block, ''FET activity '' || l.activity, l.subject '
                       '  FROM pg_temp.schooltime_fet_lessons AS l ORDER BY l.n '
                       '  RETURNING id, slot, external_id) '
                       'UPDATE pg_temp.schooltime_fet_lessons AS l SET id = new.id FROM new '
                       'WHERE new.external_id = ''FET activity '' || l.activity AND new.slot OPERATOR(pg_catalog.=) l.slot', target)
            USING centre_id, school_year;
    END IF;
    GET DIAGNOSTICS written = ROW_COUNT;
    summary.lessons := written;

    -- sessions: the rows of the lessons, one statement for all
    EXECUTE format('INSERT INTO %I.sessions (%s centre_id, group_id, school_year, regime, slot, subject, kind, teacher_id, lesson_id, split, part) '
                   'SELECT %s $1, g.id, $2, r.regime, l.slot, r.subject, ''lesson'', t.id, l.id, r.split, r.part '
                   'FROM pg_temp.schooltime_fet_lesson_rows AS r '
                   'JOIN pg_temp.schooltime_fet_lessons AS l ON l.n = r.lesson '
                   'JOIN pg_temp.schooltime_fet_group_ids AS g ON g.name = r.class_group '
                   'LEFT JOIN pg_temp.schooltime_fet_teacher_ids AS t ON t.name = r.teacher '
                   'ORDER BY r.n',
                   target, CASE WHEN explicit_ids THEN 'id,' ELSE '' END, CASE WHEN explicit_ids THEN 'r.n,' ELSE '' END)
        USING centre_id, school_year;
    GET DIAGNOSTICS written = ROW_COUNT;
    summary.sessions := written;

    -- duties: meetings, guards... one per teacher
    EXECUTE format('INSERT INTO %I.duties (%s centre_id, teacher_id, school_year, slot, kind, description) '
                   'SELECT %s $1, t.id, $2, schooltime.weekslot(r.weekday, r.starts, r.ends), r.duty, '
                   '       format(''%%s (FET activity %%s)'', r.subject, r.activity) '
                   'FROM unnest($3) WITH ORDINALITY AS r (activity, class_group, split, part, teacher, subject, weekday, starts, ends, duty, n) '
                   'JOIN pg_temp.schooltime_fet_teacher_ids AS t ON t.name = r.teacher '
                   'WHERE r.duty IS NOT NULL ORDER BY r.n',
                   target, CASE WHEN explicit_ids THEN 'id,' ELSE '' END, CASE WHEN explicit_ids THEN 'r.n,' ELSE '' END)
        USING centre_id, school_year, plan.rows;
    GET DIAGNOSTICS written = ROW_COUNT;
    summary.duties := written;
    summary.inactive_activities := plan.inactive;

    IF explicit_ids THEN
        -- a violation found in the scratch copy leads back to its FET activity
        INSERT INTO pg_temp.schooltime_fet_row_activities
        SELECT r.n, r.activity
        FROM unnest(plan.rows) WITH ORDINALITY AS r (activity, class_group, split, part, teacher, subject, weekday, starts, ends, duty, n);
        EXECUTE format('ANALYZE %1$I.class_groups, %1$I.group_parts, %1$I.teachers, %1$I.lessons, %1$I.sessions, %1$I.duties', target);
        ANALYZE pg_temp.schooltime_fet_row_activities, pg_temp.schooltime_fet_acts;
    END IF;
    RETURN summary;
END
$write$;
COMMENT ON FUNCTION schooltime.fet_write(name, name, bigint, schooltime.school_year, schooltime.fet_plan, boolean) IS
'internal: writes the plan of a FET import into a schema''s tables (the model, or its scratch copy with the plan''s own ids), one statement per table';

-- The model's tables, empty, in the caller's temporary schema, with the
-- rows of the centre a check reads beside a timetable: the centre and its
-- authorisations of the school year (those of a group follow the group's
-- name).  Returns the temporary schema's name.
CREATE FUNCTION schooltime.fet_scratch_model(model name, centre_id bigint, school_year schooltime.school_year)
RETURNS name
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $scratch$
DECLARE
    t record;
    scratch name;
BEGIN
    FOR t IN SELECT c.relname FROM pg_class AS c JOIN pg_namespace AS s ON s.oid = c.relnamespace
             WHERE s.nspname = model AND c.relkind IN ('r', 'p') ORDER BY c.relname LOOP
        IF to_regclass(format('pg_temp.%I', t.relname)) IS NOT NULL THEN
            RAISE EXCEPTION 'a temporary table "%" is in the way of the validation', t.relname
                USING ERRCODE = 'duplicate_table',
                      DETAIL = 'A FET validation copies the model''s tables, empty, into the session''s temporary schema, under their own names.',
                      HINT = format('Drop the temporary table %I, or validate in another session.', t.relname);
        END IF;
        EXECUTE format('CREATE TEMPORARY TABLE %I (LIKE %I.%I INCLUDING DEFAULTS) ON COMMIT DROP', t.relname, model, t.relname);
    END LOOP;
    scratch := pg_my_temp_schema()::regnamespace::name;
    EXECUTE format('INSERT INTO pg_temp.centres SELECT * FROM %I.centres AS c WHERE c.id = $1', model) USING centre_id;
    RETURN scratch;
END
$scratch$;
COMMENT ON FUNCTION schooltime.fet_scratch_model(name, bigint, schooltime.school_year) IS
'internal: an empty copy of a model''s tables in the caller''s temporary schema, dropped at commit, with the centre''s row, for validating a FET file without storing it';

CREATE FUNCTION schooltime.fet_drop_scratch_model(model name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $drop$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT c.relname FROM pg_class AS c JOIN pg_namespace AS s ON s.oid = c.relnamespace
             WHERE s.nspname = model AND c.relkind IN ('r', 'p') LOOP
        EXECUTE format('DROP TABLE IF EXISTS pg_temp.%I', t.relname);
    END LOOP;
END
$drop$;
COMMENT ON FUNCTION schooltime.fet_drop_scratch_model(name) IS
'internal: drops the scratch copy of a model that a FET validation made';

-- The model and the centre a FET import or validation names, checked.
CREATE FUNCTION schooltime.fet_check_target(model name, centre_id bigint, school_year schooltime.school_year)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $target$
DECLARE
    found boolean;
BEGIN
    IF model IS NULL OR centre_id IS NULL OR school_year IS NULL THEN
        RAISE EXCEPTION 'the model, the centre and the school year must be given'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Name the model''s schema, the centre''s id in it and the school year the timetable is for, e.g. ''2020-2021''.';
    END IF;
    IF to_regclass(format('%I.sessions', model)) IS NULL THEN
        RAISE EXCEPTION 'schema % holds no schooltime model', quote_ident(model)
            USING ERRCODE = 'undefined_table', HINT = 'Create one with schooltime.create_model().';
    END IF;
    IF schooltime.model_behind(model) THEN
        RAISE EXCEPTION 'the model in schema % has no lessons or parts of groups, which a FET timetable needs', quote_ident(model)
            USING ERRCODE = 'undefined_table',
                  HINT = format('Run SELECT schooltime.upgrade_model(%L); first.', model);
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT FROM %I.centres AS c WHERE c.id = $1)', model) INTO found USING centre_id;
    IF NOT found THEN
        RAISE EXCEPTION 'the model in schema % has no centre %', quote_ident(model), centre_id
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'Insert the centre first (its code, name, ownership, territory and municipality are not in a FET file).';
    END IF;
END
$target$;
COMMENT ON FUNCTION schooltime.fet_check_target(name, bigint, schooltime.school_year) IS
'internal: refuses a FET import or validation into a schema without an up-to-date model, or for a centre the model does not have';

-- What check() finds in the scratch copy, each violation naming the FET
-- activities behind it: those with a row of the violation's group or
-- teacher in the stretch (or on the day) it is about.
CREATE FUNCTION schooltime.fet_violations(scratch name, centre_id bigint)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $violations$
BEGIN
    RETURN QUERY EXECUTE format($sql$
        WITH found AS (
            SELECT v, row_number() OVER () AS n
            FROM (SELECT * FROM schooltime.timetable_violations($1, $2)
                  UNION ALL SELECT * FROM schooltime.report_rule_violations($1, $2)) AS v
        ), behind AS (
            -- the scratch rows' ids are their places in the plan: sessions and duties alike
            SELECT f.n, r.activity
            FROM found AS f
            JOIN %1$I.sessions AS s ON s.group_id = (f.v).subject_id
            JOIN pg_temp.schooltime_fet_row_activities AS r ON r.n = s.id
            WHERE (f.v).subject = 'group'
              AND (s.slot::schooltime.weektimerange OPERATOR(pg_catalog.&&) (f.v).slot OR ((f.v).slot IS NULL AND schooltime.weekday(s.slot) = (f.v).weekday))
            UNION
            SELECT f.n, r.activity
            FROM found AS f
            JOIN %1$I.sessions AS s ON s.teacher_id = (f.v).subject_id
            JOIN pg_temp.schooltime_fet_row_activities AS r ON r.n = s.id
            WHERE (f.v).subject = 'teacher'
              AND (s.slot::schooltime.weektimerange OPERATOR(pg_catalog.&&) (f.v).slot OR ((f.v).slot IS NULL AND schooltime.weekday(s.slot) = (f.v).weekday))
            UNION
            SELECT f.n, r.activity
            FROM found AS f
            JOIN %1$I.duties AS d ON d.teacher_id = (f.v).subject_id
            JOIN pg_temp.schooltime_fet_row_activities AS r ON r.n = d.id
            WHERE (f.v).subject = 'teacher'
              AND (d.slot::schooltime.weektimerange OPERATOR(pg_catalog.&&) (f.v).slot OR ((f.v).slot IS NULL AND schooltime.weekday(d.slot) = (f.v).weekday))
        ), numbered AS (
            SELECT b.n, b.activity, row_number() OVER (PARTITION BY b.n ORDER BY b.activity) AS k,
                   count(*) OVER (PARTITION BY b.n) AS of
            FROM behind AS b
        ), named AS (
            -- the first eight activities by name, and how many more
            SELECT nb.n, array_agg(nb.activity ORDER BY nb.activity) FILTER (WHERE nb.k <= 8) AS ids,
                   string_agg(schooltime.fet_activity_text(x.act) || '.', ' ' ORDER BY nb.activity) FILTER (WHERE nb.k <= 8)
                   || CASE WHEN min(nb.of) > 8 THEN format(' And %%s more FET activities.', min(nb.of) - 8) ELSE '' END AS texts,
                   min(nb.of) AS total
            FROM numbered AS nb JOIN pg_temp.schooltime_fet_acts AS x ON x.id = nb.activity
            GROUP BY nb.n
        )
        SELECT (f.v).rule, (f.v).severity, (f.v).sections, (f.v).centre_id, (f.v).subject, (f.v).subject_id,
               (f.v).subject_name, (f.v).weekday, (f.v).day, (f.v).slot, (f.v).measured, (f.v).limit_value, (f.v).unit,
               (f.v).message || CASE WHEN nm.ids IS NULL THEN ''
                                     WHEN nm.total = 1 THEN format(' (FET activity %%s)', nm.ids[1])
                                     WHEN nm.total <= 8 THEN format(' (FET activities %%s)', array_to_string(nm.ids, ', '))
                                     ELSE format(' (FET activities %%s and %%s more)', array_to_string(nm.ids, ', '), nm.total - 8) END,
               concat_ws(' ', (f.v).detail, nm.texts),
               (f.v).hint, (f.v).authorisation_id
        FROM found AS f LEFT JOIN named AS nm ON nm.n = f.n
        ORDER BY f.n
    $sql$, scratch)
    USING scratch, centre_id;
END
$violations$;
COMMENT ON FUNCTION schooltime.fet_violations(name, bigint) IS
'internal: the violations of the timetable and report-only rules in a FET validation''s scratch copy of a model, each naming the FET activities (with teachers and students sets) behind it';

CREATE FUNCTION schooltime.fet_validate(model name, centre_id bigint, school_year schooltime.school_year, fet text,
                                        days jsonb, periods jsonb, years jsonb,
                                        activities text DEFAULT NULL, duties jsonb DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $validate$
DECLARE
    plan schooltime.fet_plan;
    scratch name;
BEGIN
    PERFORM schooltime.fet_check_target(model, centre_id, school_year);
    plan := schooltime.fet_plan(fet, activities, days, periods, years, duties);
    scratch := schooltime.fet_scratch_model(model, centre_id, school_year);
    PERFORM schooltime.fet_write(scratch, model, centre_id, school_year, plan, true);
    RETURN QUERY SELECT * FROM schooltime.fet_violations(scratch, centre_id);
    PERFORM schooltime.fet_drop_scratch_model(model);
END
$validate$;
COMMENT ON FUNCTION schooltime.fet_validate(name, bigint, schooltime.school_year, text, jsonb, jsonb, jsonb, text, jsonb) IS
'validates a FET timetable without storing it: every violation of the timetable and report-only rules that importing it into the centre would bring, as schooltime.check() returns them, each naming the FET activities, teachers and students sets behind it; the file is judged on its own, in an empty copy of the model (with the centre''s row); refuses with an error naming the FET element what the file or the maps leave open';

CREATE FUNCTION schooltime.fet_import(model name, centre_id bigint, school_year schooltime.school_year, fet text,
                                      days jsonb, periods jsonb, years jsonb,
                                      activities text DEFAULT NULL, duties jsonb DEFAULT NULL,
                                      replace boolean DEFAULT false)
RETURNS schooltime.fet_import_summary
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $import$
DECLARE
    plan schooltime.fet_plan;
    scratch name;
    refused schooltime.violation;
    refusals schooltime.violation[];
    on_duty boolean;
    existing bigint;
    approved record;
    summary schooltime.fet_import_summary;
BEGIN
    PERFORM schooltime.fet_check_target(model, centre_id, school_year);
    -- one centre and year at a time
    EXECUTE format('SELECT (SELECT count(*) FROM %1$I.sessions AS s WHERE s.centre_id = $1 AND s.school_year = $2) '
                   '     + (SELECT count(*) FROM %1$I.lessons AS l WHERE l.centre_id = $1 AND l.school_year = $2) '
                   '     + (SELECT count(*) FROM %1$I.duties AS d WHERE d.centre_id = $1 AND d.school_year = $2)', model)
        INTO existing USING centre_id, school_year;
    IF existing > 0 AND NOT coalesce(replace, false) THEN
        RAISE EXCEPTION 'centre % already has a timetable for %', centre_id, school_year
            USING ERRCODE = 'duplicate_object',
                  DETAIL = format('The model in schema %s holds %s sessions, lessons and duties of the centre in that school year.',
                                  quote_ident(model), existing),
                  HINT = 'To replace it with the FET file, call schooltime.fet_import(..., replace => true); to check the file without storing it, call schooltime.fet_validate().';
    END IF;

    plan := schooltime.fet_plan(fet, activities, days, periods, years, duties);

    -- judged first on its own: a rule checked on every write refuses the
    -- import, as the triggers would (unless a superuser switched them off:
    -- then the triggers record the writes as unchecked, and so does this)
    scratch := schooltime.fet_scratch_model(model, centre_id, school_year);
    PERFORM schooltime.fet_write(scratch, model, centre_id, school_year, plan, true);
    refusals := ARRAY(
        SELECT v FROM schooltime.fet_violations(scratch, centre_id) AS v
        JOIN schooltime.rules AS r ON r.code = v.rule
        WHERE r.checked = 'on_write' AND v.severity = 'error' AND v.authorisation_id IS NULL);
    IF cardinality(refusals) > 0 AND current_setting('schooltime.enforce', true) IS DISTINCT FROM 'off' THEN
        refused := refusals[1];
        -- the statement a trigger would refuse: the duties' when a duty is in the clash
        on_duty := refused.subject = 'teacher' AND EXISTS (
            SELECT FROM pg_temp.duties AS d
            WHERE d.teacher_id = refused.subject_id
              AND (d.slot::schooltime.weektimerange OPERATOR(pg_catalog.&&) refused.slot OR (refused.slot IS NULL AND schooltime.weekday(d.slot) = refused.weekday)));
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = refused.rule, SCHEMA = model,
            TABLE = CASE WHEN on_duty THEN 'duties' ELSE 'sessions' END,
            MESSAGE = refused.message,
            DETAIL = concat_ws(' ', refused.detail, CASE WHEN cardinality(refusals) > 1
                THEN format('The FET file breaks rules checked on every write %s more time%s (schooltime.fet_validate() lists them all); nothing was imported.',
                            cardinality(refusals) - 1, CASE WHEN cardinality(refusals) > 2 THEN 's' ELSE '' END)
                ELSE 'Nothing was imported.' END),
            HINT = refused.hint;
    END IF;
    PERFORM schooltime.fet_drop_scratch_model(model);

    IF existing > 0 THEN
        -- replace: the centre's timetable of that year goes, its class groups and teachers stay
        EXECUTE format('SELECT g.name, g.approval FROM %I.class_groups AS g '
                       'WHERE g.centre_id = $1 AND g.school_year = $2 AND g.approval <> ''draft'' ORDER BY g.name LIMIT 1', model)
            INTO approved USING centre_id, school_year;
        IF approved.name IS NOT NULL THEN
            RAISE EXCEPTION 'the timetable of group "%" is %, and an import would replace it', approved.name, approved.approval
                USING ERRCODE = 'object_in_use',
                      DETAIL = 'An approved timetable changes only as a whole that keeps every rule; a FET import removes it first.',
                      HINT = 'Set the centre''s groups of that school year back to draft to replace their timetable.';
        END IF;
        EXECUTE format('DELETE FROM %I.sessions AS s WHERE s.centre_id = $1 AND s.school_year = $2', model) USING centre_id, school_year;
        EXECUTE format('DELETE FROM %I.lessons AS l WHERE l.centre_id = $1 AND l.school_year = $2', model) USING centre_id, school_year;
        EXECUTE format('DELETE FROM %I.blocks AS b WHERE b.centre_id = $1 AND b.school_year = $2', model) USING centre_id, school_year;
        EXECUTE format('DELETE FROM %I.duties AS d WHERE d.centre_id = $1 AND d.school_year = $2', model) USING centre_id, school_year;
        EXECUTE format('DELETE FROM %1$I.group_parts AS p USING %1$I.class_groups AS g '
                       'WHERE p.centre_id = $1 AND g.centre_id = p.centre_id AND g.id = p.group_id AND g.school_year = $2 '
                       '  AND p.split = ''subgrups FET''', model) USING centre_id, school_year;
    END IF;

    summary := schooltime.fet_write(model, model, centre_id, school_year, plan, false);
    RETURN summary;
END
$import$;
COMMENT ON FUNCTION schooltime.fet_import(name, bigint, schooltime.school_year, text, jsonb, jsonb, jsonb, text, jsonb, boolean) IS
'imports a FET timetable (the *_data_and_timetable.fet fet-cl writes, or a .fet file with its *_activities.xml) into a centre of a model for a school year, with the day, period and year maps (and optionally a duty map) that say what FET cannot: class groups (found by name or new), their parts, teachers (found by name or new), lessons with their sessions, optional-subject blocks and duties, all in one transaction; a timetable that breaks a rule checked on every write is refused whole with that rule''s error, naming the FET activity; a centre and year that already has a timetable is refused unless replace is true';
