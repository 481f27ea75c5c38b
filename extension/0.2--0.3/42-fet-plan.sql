-- From a FET file and its maps to the rows of a model: the plan that both
-- schooltime.fet_validate() and schooltime.fet_import() carry out.
--
--   class groups  each entry of the year map with a regime: a FET year or
--                 group; its pupils are the FET atoms it holds (subgroups,
--                 or the group or year itself when it has none)
--   group parts   a class group of several atoms splits into them: one
--                 split, "subgrups FET", whose parts are the atoms, so that
--                 any FET students set is a set of (group, part) rows
--   lessons       an active FET activity with students: the cross product of
--                 its class groups (whole, or the parts it takes of them) and
--                 its teachers (none: one row without a teacher)
--   duties        an active activity with teachers and no students, or whose
--                 students are a year the year map gives a duty kind
--                 (meetings): one duty per teacher
--
-- Every gap is an error naming what is missing and the FET activity that
-- needs it; nothing is guessed.

CREATE TYPE schooltime.fet_class AS (
    students_set  text,                   -- the FET year or group, and the class group's name
    regime        schooltime.regime,
    level         smallint,
    fet_year      text,                   -- the FET year it is listed in (itself for a year)
    pupils        integer
);
COMMENT ON TYPE schooltime.fet_class IS
'A class group a FET import makes: the FET year or group it comes from (and is named after), its regime and level, its FET year and its pupils.';

CREATE TYPE schooltime.fet_part AS (
    class_group   text,
    split         text,
    part          text,                   -- a FET atom: subgroup, or group or year without subgroups
    pupils        integer                 -- NULL when FET does not say
);
COMMENT ON TYPE schooltime.fet_part IS
'A part of a class group a FET import makes: one FET atom of the class group, in the split "subgrups FET".';

CREATE TYPE schooltime.fet_row AS (
    activity      bigint,                 -- the FET activity id
    class_group   text,                   -- NULL for a duty
    split         text,
    part          text,
    teacher       text,                   -- NULL for a lesson without a teacher
    subject       text,
    weekday       integer,
    starts        time,
    ends          time,
    duty          schooltime.duty_kind    -- a duty's kind; NULL for a lesson row
);
COMMENT ON TYPE schooltime.fet_row IS
'One row a FET import writes: a session of a lesson (class group, or one part of it, with one teacher) or a teacher''s duty, at its weekday and clock times.';

CREATE TYPE schooltime.fet_activity AS (
    id            bigint,
    line          integer,                -- where it begins in the FET file
    subject       text,
    teachers      text[],
    students      text[],
    day           text,                   -- FET day and hour, as the file names them
    hour          text,
    duration      integer
);
COMMENT ON TYPE schooltime.fet_activity IS
'A FET activity a FET import carries: its id, line, subject, teachers, students sets, FET day and hour and duration in FET hours, for messages.';

CREATE TYPE schooltime.fet_plan AS (
    institution   text,
    fet_version   text,
    classes       schooltime.fet_class[],
    parts         schooltime.fet_part[],
    teachers      text[],
    rows          schooltime.fet_row[],
    activities    schooltime.fet_activity[],
    inactive      integer,                -- activities FET leaves out (Active false)
    empty         integer                 -- active activities with neither teachers nor students
);
COMMENT ON TYPE schooltime.fet_plan IS
'What a FET import writes: class groups, their parts, teachers, and the rows of lessons and duties, with the FET activities they come from.';

-- Raises a map's error: SQLSTATE 22023, naming the map and the entry.
CREATE FUNCTION schooltime.fet_map_error(map text, entry integer, problem text, hint text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'entry % of the % map %', entry, map, problem
        USING ERRCODE = 'invalid_parameter_value',
              HINT = coalesce(hint, format('See doc/import.md for the shape of the %s map; schooltime.fet_propose_%s() proposes one.',
                                           map, CASE map WHEN 'day' THEN 'days' WHEN 'period' THEN 'periods'
                                                         WHEN 'year' THEN 'years' ELSE 'duties' END));
END
$$;
COMMENT ON FUNCTION schooltime.fet_map_error(text, integer, text, text) IS
'internal: raises the error of an entry of a FET import map (22023)';

-- A map's entries, checked: an array of objects, each field of the given
-- type.  Returns the entries as records (jsonb) with their position.
CREATE FUNCTION schooltime.fet_map_entries(map jsonb, map_name text, required text[], optional text[])
RETURNS TABLE (n integer, entry jsonb)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $entries$
DECLARE
    field text;
    value jsonb;
    kind text;
BEGIN
    IF map IS NULL THEN
        RAISE EXCEPTION 'the % map must be given', map_name
            USING ERRCODE = 'null_value_not_allowed',
                  DETAIL = 'A FET file does not say it: schooltime asks for it rather than guess.',
                  HINT = format('schooltime.fet_propose_%s() proposes one from the file''s names: review it and pass it, e.g. (SELECT jsonb_agg(m) FROM my_%s_map AS m).',
                                CASE map_name WHEN 'day' THEN 'days' WHEN 'period' THEN 'periods' ELSE 'years' END, map_name);
    END IF;
    IF jsonb_typeof(map) <> 'array' THEN
        RAISE EXCEPTION 'the % map is not a JSON array', map_name
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = format('Pass an array of objects, one per entry (see doc/import.md).');
    END IF;
    FOR n, entry IN SELECT t.n::integer, t.e FROM jsonb_array_elements(map) WITH ORDINALITY AS t (e, n) LOOP
        IF jsonb_typeof(entry) <> 'object' THEN
            PERFORM schooltime.fet_map_error(map_name, n, format('is a JSON %s, not an object', jsonb_typeof(entry)));
        END IF;
        FOREACH field IN ARRAY required || optional LOOP
            value := entry->split_part(field, ':', 1);
            kind := split_part(field, ':', 2);
            IF value IS NULL OR jsonb_typeof(value) = 'null' THEN
                IF field = ANY (required) THEN
                    PERFORM schooltime.fet_map_error(map_name, n, format('has no "%s"', split_part(field, ':', 1)));
                END IF;
                CONTINUE;
            END IF;
            IF NOT (CASE kind
                        WHEN 'text' THEN jsonb_typeof(value) = 'string'
                        WHEN 'integer' THEN jsonb_typeof(value) = 'number' AND value::text ~ '^-?[0-9]{1,6}$'
                                            OR jsonb_typeof(value) = 'string' AND value #>> '{}' ~ '^-?[0-9]{1,6}$'
                        WHEN 'time' THEN jsonb_typeof(value) = 'string'
                                         AND value #>> '{}' ~ '^([01]?[0-9]|2[0-3]):[0-5][0-9](:00)?$|^24:00(:00)?$'
                        WHEN 'regime' THEN jsonb_typeof(value) = 'string'
                                           AND value #>> '{}' = ANY (enum_range(NULL::schooltime.regime)::text[])
                        WHEN 'duty_kind' THEN jsonb_typeof(value) = 'string'
                                              AND value #>> '{}' = ANY (enum_range(NULL::schooltime.duty_kind)::text[])
                        ELSE false END) THEN
                PERFORM schooltime.fet_map_error(map_name, n,
                    format('has %s = %s, which is not %s', split_part(field, ':', 1), value,
                           CASE kind WHEN 'text' THEN 'a string'
                                     WHEN 'integer' THEN 'a whole number'
                                     WHEN 'time' THEN 'a clock time such as "08:15"'
                                     WHEN 'regime' THEN 'a regime of schooltime (' || array_to_string(enum_range(NULL::schooltime.regime)::text[], ', ') || ')'
                                     ELSE 'a duty kind of schooltime (' || array_to_string(enum_range(NULL::schooltime.duty_kind)::text[], ', ') || ')' END));
            END IF;
        END LOOP;
        RETURN NEXT;
    END LOOP;
END
$entries$;
COMMENT ON FUNCTION schooltime.fet_map_entries(jsonb, text, text[], text[]) IS
'internal: the entries of a FET import map, each checked to be an object whose fields (name:type) have their types; a wrong entry is an error naming it (22023)';

-- "activity 351 (Educación Física; EF1, EF2; 1BAC-A, 1BAC-B)": an activity for messages.
CREATE FUNCTION schooltime.fet_activity_text(a schooltime.fet_activity)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('FET activity %s (%s; %s; %s)', a.id, a.subject,
                  CASE WHEN cardinality(a.teachers) = 0 THEN 'no teacher'
                       ELSE 'teachers ' || array_to_string(a.teachers, ', ') END,
                  CASE WHEN cardinality(a.students) = 0 THEN 'no students'
                       ELSE 'students ' || array_to_string(a.students, ', ') END)
$$;
COMMENT ON FUNCTION schooltime.fet_activity_text(schooltime.fet_activity) IS
'internal: a FET activity named for a message: its id, subject, teachers and students sets';

-- The scratch tables of a plan: temporary, dropped at commit, emptied by
-- each plan (an import and a validation in one transaction share them).
CREATE FUNCTION schooltime.fet_scratch_tables()
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $scratch$
BEGIN
    IF to_regclass('pg_temp.schooltime_fet_acts') IS NULL THEN
        CREATE TEMPORARY TABLE schooltime_fet_acts (ord integer, id bigint, act schooltime.fet_activity) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_days (n integer, day text, weekday integer) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_periods
            (n integer, hour text, regime schooltime.regime, fet_year text, starts time, ends time) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_years
            (n integer, students_set text, regime schooltime.regime, level smallint, duty schooltime.duty_kind) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_duties (n integer, subject text, duty schooltime.duty_kind) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_class_atoms (class_group text, atom text, atom_students integer, part text) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_activity_atoms
            (activity bigint, atom text, class_group text, regime schooltime.regime, duty schooltime.duty_kind) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_activity_kinds
            (activity bigint, unmapped bigint, duty_atoms bigint, class_atoms bigint,
             duty schooltime.duty_kind, duty_year text) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_rows (
            activity bigint, class_group text, split text, part text, teacher text, subject text,
            weekday integer, starts time, ends time, duty schooltime.duty_kind,
            regime schooltime.regime, fet_year text, day text, first_hour text, last_hour text, ord integer) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_group_ids (name text, id bigint) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_teacher_ids (name text, id bigint) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_lessons (
            n bigint, id bigint, activity bigint, slot schooltime.weekslot, subject text, block text) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_blocks (name text, regime schooltime.regime, slot schooltime.weekslot, fet_year text) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_row_activities (n bigint, activity bigint) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_lesson_rows (
            n bigint, lesson bigint, activity bigint, class_group text, split text, part text, teacher text,
            subject text, regime schooltime.regime, fet_year text) ON COMMIT DROP;
    ELSE
        DELETE FROM schooltime_fet_acts;
        DELETE FROM schooltime_fet_days;
        DELETE FROM schooltime_fet_periods;
        DELETE FROM schooltime_fet_years;
        DELETE FROM schooltime_fet_duties;
        DELETE FROM schooltime_fet_class_atoms;
        DELETE FROM schooltime_fet_activity_atoms;
        DELETE FROM schooltime_fet_activity_kinds;
        DELETE FROM schooltime_fet_rows;
        DELETE FROM schooltime_fet_group_ids;
        DELETE FROM schooltime_fet_teacher_ids;
        DELETE FROM schooltime_fet_lessons;
        DELETE FROM schooltime_fet_blocks;
        DELETE FROM schooltime_fet_row_activities;
        DELETE FROM schooltime_fet_lesson_rows;
    END IF;
END
$scratch$;
COMMENT ON FUNCTION schooltime.fet_scratch_tables() IS
'internal: creates (or empties) the temporary tables a FET import plan and its writer work in; they are dropped at commit';

CREATE FUNCTION schooltime.fet_plan(fet text, activities text, days jsonb, periods jsonb, years jsonb,
                                    duties jsonb DEFAULT NULL)
RETURNS schooltime.fet_plan
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
-- the scratch tables have no statistics: estimates far above the few
-- thousand rows they hold would make the server JIT-compile queries that
-- take milliseconds, for a second
SET jit = off
AS $plan$
DECLARE
    parsed jsonb := schooltime.fet_read(fet, activities);
    plan schooltime.fet_plan;
    atoms schooltime.fet_atom[];
    hours text[];
    day_map record;
    entry record;
    bad record;
    unplaced schooltime.fet_activity;
    problem text;
    n_missing bigint;
BEGIN
    IF parsed->>'mode' IS NOT NULL AND parsed->>'mode' <> 'Official' THEN
        RAISE EXCEPTION 'the FET file is a timetable of FET''s mode "%", not of its official mode', parsed->>'mode'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'In that mode FET''s days are not the days of the week (mornings and afternoons, terms, block planning).',
                  HINT = 'schooltime imports a weekly timetable: the FET files of the official mode.';
    END IF;
    plan.institution := parsed->>'institution';
    plan.fet_version := parsed->>'version';
    atoms := ARRAY(SELECT s FROM schooltime.fet_students(parsed) AS s);
    hours := ARRAY(SELECT jsonb_array_elements_text(parsed->'hours'));

    -- the activities FET places, as messages name them
    plan.activities := ARRAY(
        SELECT ROW((a->>'id')::bigint, (a->>'line')::integer, a->>'subject',
                   ARRAY(SELECT jsonb_array_elements_text(a->'teachers')),
                   ARRAY(SELECT jsonb_array_elements_text(a->'students')),
                   a->>'day', a->>'hour', (a->>'duration')::integer)::schooltime.fet_activity
        FROM jsonb_array_elements(parsed->'activities') WITH ORDINALITY AS t (a, n)
        WHERE (a->>'active')::boolean
          AND (jsonb_array_length(a->'teachers') > 0 OR jsonb_array_length(a->'students') > 0)
        ORDER BY t.n);
    plan.inactive := (SELECT count(*) FROM jsonb_array_elements(parsed->'activities') AS a
                      WHERE NOT (a->>'active')::boolean);
    plan.empty := (SELECT count(*) FROM jsonb_array_elements(parsed->'activities') AS a
                   WHERE (a->>'active')::boolean AND jsonb_array_length(a->'teachers') = 0
                     AND jsonb_array_length(a->'students') = 0);

    -- an activity FET did not place cannot be imported
    SELECT a.* INTO unplaced FROM unnest(plan.activities) AS a WHERE a.day IS NULL LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% has no placed time', schooltime.fet_activity_text(unplaced)
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('%s of the file''s %s active activities %s none (the first begins at line %s); %s',
                                  (SELECT count(*) FROM unnest(plan.activities) AS a WHERE a.day IS NULL),
                                  cardinality(plan.activities),
                                  CASE WHEN (SELECT count(*) FROM unnest(plan.activities) AS a WHERE a.day IS NULL) = 1 THEN 'has' ELSE 'have' END,
                                  unplaced.line,
                                  CASE WHEN parsed->>'placements_from' = 'constraints'
                                       THEN 'an activity is placed by a constraint "activity preferred starting time" of weight 100, as fet-cl writes in its *_data_and_timetable.fet.'
                                       ELSE 'the activities file does not place them.' END),
                  HINT = 'Pass a solved timetable: the *_data_and_timetable.fet file fet-cl writes, or the .fet file with the *_activities.xml result beside it.';
    END IF;

    PERFORM schooltime.fet_scratch_tables();
    INSERT INTO pg_temp.schooltime_fet_acts
    SELECT i, (plan.activities[i]).id, plan.activities[i] FROM generate_subscripts(plan.activities, 1) AS i;

    ------------------------------------------------------------------
    -- the maps, checked against the file
    INSERT INTO pg_temp.schooltime_fet_days
    SELECT m.n, m.entry->>'day', (m.entry->>'weekday')::integer
    FROM schooltime.fet_map_entries(days, 'day', '{day:text,weekday:integer}', '{}') AS m;
    FOR day_map IN SELECT * FROM pg_temp.schooltime_fet_days ORDER BY n LOOP
        IF day_map.weekday NOT BETWEEN 1 AND 7 THEN
            PERFORM schooltime.fet_map_error('day', day_map.n,
                format('gives day "%s" weekday %s; an ISO weekday runs from 1 (Monday) to 7 (Sunday)', day_map.day, day_map.weekday));
        END IF;
        IF NOT parsed->'days' ? day_map.day THEN
            PERFORM schooltime.fet_map_error('day', day_map.n, format('names day "%s", which the FET file does not have', day_map.day),
                format('The file''s days are %s.', (SELECT string_agg(format('"%s"', d), ', ') FROM jsonb_array_elements_text(parsed->'days') AS d)));
        END IF;
        IF EXISTS (SELECT FROM pg_temp.schooltime_fet_days AS o WHERE o.day = day_map.day AND o.n < day_map.n) THEN
            PERFORM schooltime.fet_map_error('day', day_map.n, format('maps day "%s" again', day_map.day));
        END IF;
    END LOOP;

    INSERT INTO pg_temp.schooltime_fet_periods
    SELECT m.n, m.entry->>'hour', (m.entry->>'regime')::schooltime.regime, m.entry->>'fet_year',
           (m.entry->>'starts')::time, (m.entry->>'ends')::time
    FROM schooltime.fet_map_entries(periods, 'period', '{hour:text,starts:time,ends:time}', '{regime:regime,fet_year:text}') AS m;
    FOR bad IN SELECT * FROM pg_temp.schooltime_fet_periods ORDER BY n LOOP
        problem := CASE
            WHEN NOT parsed->'hours' ? bad.hour THEN format('names hour "%s", which the FET file does not have', bad.hour)
            WHEN bad.ends <= bad.starts THEN format('gives hour "%s" an end (%s) not after its start (%s)%s', bad.hour,
                                                    left(bad.ends::text, 5), left(bad.starts::text, 5),
                                                    CASE WHEN bad.ends = '00:00' THEN '; midnight is 24:00' ELSE '' END)
            WHEN bad.regime IS NOT NULL AND bad.fet_year IS NOT NULL THEN 'gives both a regime and a fet_year; an entry applies to one or the other'
            WHEN bad.fet_year IS NOT NULL AND NOT EXISTS (SELECT FROM unnest(atoms) AS a WHERE a.students_set = bad.fet_year AND a.kind IN ('year', 'group'))
                THEN format('names fet_year "%s", which is not a year or group of the FET file', bad.fet_year)
            WHEN EXISTS (SELECT FROM pg_temp.schooltime_fet_periods AS o WHERE o.hour = bad.hour AND o.n < bad.n
                           AND o.regime IS NOT DISTINCT FROM bad.regime AND o.fet_year IS NOT DISTINCT FROM bad.fet_year)
                THEN format('gives hour "%s" a second time for %s', bad.hour,
                            coalesce('regime ' || bad.regime, 'fet_year "' || bad.fet_year || '"', 'every regime'))
            END;
        IF problem IS NOT NULL THEN
            PERFORM schooltime.fet_map_error('period', bad.n, problem);
        END IF;
    END LOOP;

    INSERT INTO pg_temp.schooltime_fet_years
    SELECT m.n, m.entry->>'students_set', (m.entry->>'regime')::schooltime.regime, (m.entry->>'level')::smallint,
           (m.entry->>'duty')::schooltime.duty_kind
    FROM schooltime.fet_map_entries(years, 'year', '{students_set:text}', '{regime:regime,level:integer,duty:duty_kind}') AS m;
    FOR bad IN SELECT * FROM pg_temp.schooltime_fet_years ORDER BY n LOOP
        problem := CASE
            WHEN NOT EXISTS (SELECT FROM unnest(atoms) AS a WHERE a.students_set = bad.students_set AND a.kind IN ('year', 'group'))
                THEN format('names "%s", which is not a year or group of the FET file', bad.students_set)
            WHEN bad.regime IS NOT NULL AND bad.duty IS NOT NULL
                THEN format('gives "%s" both a regime and a duty kind', bad.students_set)
            WHEN bad.level IS NOT NULL AND bad.level NOT BETWEEN 1 AND 6
                THEN format('gives "%s" level %s; a level runs from 1 to 6', bad.students_set, bad.level)
            WHEN bad.duty IS NOT NULL AND NOT EXISTS (SELECT FROM unnest(atoms) AS a WHERE a.students_set = bad.students_set AND a.kind = 'year')
                THEN format('gives group "%s" a duty kind; only a whole FET year (of meetings, say) can be duties', bad.students_set)
            WHEN EXISTS (SELECT FROM pg_temp.schooltime_fet_years AS o WHERE o.students_set = bad.students_set AND o.n < bad.n)
                THEN format('maps "%s" again', bad.students_set)
            END;
        IF problem IS NOT NULL THEN
            PERFORM schooltime.fet_map_error('year', bad.n, problem);
        END IF;
    END LOOP;

    IF duties IS NOT NULL THEN
        INSERT INTO pg_temp.schooltime_fet_duties
        SELECT m.n, m.entry->>'subject', (m.entry->>'duty')::schooltime.duty_kind
        FROM schooltime.fet_map_entries(duties, 'duty', '{subject:text,duty:duty_kind}', '{}') AS m;
    END IF;

    ------------------------------------------------------------------
    -- class groups and their atoms; an atom in two class groups is an error
    INSERT INTO pg_temp.schooltime_fet_class_atoms
    SELECT DISTINCT y.students_set, a.atom, a.atom_students, NULL::text
    FROM pg_temp.schooltime_fet_years AS y JOIN unnest(atoms) AS a ON a.students_set = y.students_set AND a.kind IN ('year', 'group')
    WHERE y.regime IS NOT NULL OR y.duty IS NOT NULL;

    SELECT a.atom, min(a.class_group) AS first, max(a.class_group) AS second INTO bad
    FROM pg_temp.schooltime_fet_class_atoms AS a GROUP BY a.atom HAVING count(*) > 1 ORDER BY a.atom LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'FET subgroup "%" would be in two entries of the year map, "%" and "%"', bad.atom, bad.first, bad.second
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A pupil belongs to one class group; the entries of the year map must not share FET subgroups.',
                  HINT = 'Map the groups that are classes (1ESO-A, 1ESO-B), not the option groups that cut across them, or map their year as one class group.';
    END IF;

    -- a part is named by its atom, less the class group's name where the
    -- atom's name begins with it (1ESO-A-BI4 is part BI4 of 1ESO-A), unless
    -- that makes two parts of one group alike
    UPDATE pg_temp.schooltime_fet_class_atoms AS ca
    SET part = CASE WHEN left(ca.atom, length(ca.class_group)) = ca.class_group
                    THEN nullif(btrim(substr(ca.atom, length(ca.class_group) + 1), ' -_.:/'), '') END;
    UPDATE pg_temp.schooltime_fet_class_atoms AS ca SET part = ca.atom
    WHERE ca.part IS NULL
       OR EXISTS (SELECT FROM pg_temp.schooltime_fet_class_atoms AS o
                  WHERE o.class_group = ca.class_group AND o.atom <> ca.atom
                    AND coalesce(o.part, o.atom) = ca.part);

    ------------------------------------------------------------------
    -- what each activity's students are: atoms of class groups, of duty years, or of nothing mapped
    INSERT INTO pg_temp.schooltime_fet_activity_atoms
    SELECT DISTINCT act.id, a.atom, ca.class_group, y.regime, y.duty
    FROM unnest(plan.activities) AS act
    CROSS JOIN LATERAL unnest(act.students) AS s (name)
    JOIN unnest(atoms) AS a ON a.students_set = s.name
    LEFT JOIN pg_temp.schooltime_fet_class_atoms AS ca ON ca.atom = a.atom
    LEFT JOIN pg_temp.schooltime_fet_years AS y ON y.students_set = ca.class_group;

    INSERT INTO pg_temp.schooltime_fet_activity_kinds
    SELECT aa.activity, count(*) FILTER (WHERE aa.class_group IS NULL), count(*) FILTER (WHERE aa.duty IS NOT NULL),
           count(*) FILTER (WHERE aa.class_group IS NOT NULL AND aa.duty IS NULL),
           min(aa.duty), min(aa.class_group) FILTER (WHERE aa.duty IS NOT NULL)
    FROM pg_temp.schooltime_fet_activity_atoms AS aa GROUP BY aa.activity;

    -- a year with no entry at all: "no regime"; else a subgroup left out of every class group
    SELECT x.act, x.id INTO bad
    FROM pg_temp.schooltime_fet_activity_kinds AS k JOIN pg_temp.schooltime_fet_acts AS x ON x.id = k.activity
    WHERE k.unmapped > 0 ORDER BY x.ord LIMIT 1;
    IF FOUND THEN
        SELECT bad.act, aa.atom,
               (SELECT a.fet_year FROM unnest(atoms) AS a WHERE a.atom = aa.atom AND a.kind = 'year' ORDER BY a.fet_year LIMIT 1) AS fet_year
        INTO bad
        FROM pg_temp.schooltime_fet_activity_atoms AS aa
        WHERE aa.activity = bad.id AND aa.class_group IS NULL
        ORDER BY aa.atom LIMIT 1;
        n_missing := (SELECT count(*) FROM pg_temp.schooltime_fet_activity_kinds AS k WHERE k.unmapped > 0);
        IF NOT EXISTS (SELECT FROM pg_temp.schooltime_fet_years AS y JOIN unnest(atoms) AS a ON a.students_set = y.students_set
                       WHERE a.fet_year = bad.fet_year) THEN
            RAISE EXCEPTION 'FET year "%" has no regime in the year map', bad.fet_year
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = format('%s needs it (%s).', schooltime.fet_activity_text(bad.act),
                                      CASE WHEN n_missing = 1 THEN 'no other activity does' ELSE n_missing || ' activities do' END),
                      HINT = format('Add {"students_set": "%s", "regime": ..., "level": ...} to the year map, or entries for its groups that are classes; schooltime.fet_propose_years() proposes them.', bad.fet_year);
        END IF;
        SELECT * INTO entry FROM pg_temp.schooltime_fet_years AS y
        WHERE y.students_set = bad.fet_year OR y.students_set IN (SELECT a.students_set FROM unnest(atoms) AS a WHERE a.fet_year = bad.fet_year)
        ORDER BY y.n LIMIT 1;
        IF entry.regime IS NULL AND entry.duty IS NULL THEN
            RAISE EXCEPTION 'FET year "%" has no regime in the year map', bad.fet_year
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = format('Its entry "%s" (entry %s) gives none, and %s needs it (%s).',
                                      entry.students_set, entry.n, schooltime.fet_activity_text(bad.act),
                                      CASE WHEN n_missing = 1 THEN 'no other activity does' ELSE n_missing || ' activities do' END),
                      HINT = 'Give the entry a regime and a level, or a duty kind if its activities are meetings.';
        END IF;
        RAISE EXCEPTION 'FET subgroup "%" of year "%" is in no class group of the year map', bad.atom, bad.fet_year
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('%s needs it (%s).', schooltime.fet_activity_text(bad.act),
                                  CASE WHEN n_missing = 1 THEN 'no other activity takes pupils in no class group'
                                       ELSE n_missing || ' activities take pupils in no class group' END),
                  HINT = 'The class groups of a year must hold every one of its pupils: add the group that holds this subgroup, or map the year as one class group.';
    END IF;

    SELECT x.act INTO bad FROM pg_temp.schooltime_fet_activity_kinds AS k JOIN pg_temp.schooltime_fet_acts AS x ON x.id = k.activity
    WHERE k.duty_atoms > 0 AND k.class_atoms > 0 ORDER BY x.ord LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% takes pupils and a year the year map makes duties', schooltime.fet_activity_text(bad.act)
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'An activity is either a lesson of pupils or a duty of teachers, not both.',
                  HINT = 'Give the duty year a regime, or correct the activity in FET.';
    END IF;
    SELECT x.act INTO bad FROM pg_temp.schooltime_fet_activity_kinds AS k JOIN pg_temp.schooltime_fet_acts AS x ON x.id = k.activity
    WHERE cardinality((x.act).teachers) = 0 AND k.duty_atoms > 0 ORDER BY x.ord LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% is a duty of no teacher', schooltime.fet_activity_text(bad.act)
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Its students are a year the year map makes duties, and it names no teacher to give them to.',
                  HINT = 'Add the teachers in FET, or make the activity inactive.';
    END IF;

    ------------------------------------------------------------------
    -- class groups, parts, teachers
    plan.classes := ARRAY(
        SELECT ROW(y.students_set, y.regime, y.level,
                   (SELECT a.fet_year FROM unnest(atoms) AS a WHERE a.students_set = y.students_set ORDER BY a.fet_year = y.students_set DESC, a.fet_year LIMIT 1),
                   coalesce(nullif(CASE WHEN EXISTS (SELECT FROM jsonb_array_elements(parsed->'years') AS e WHERE e->>'name' = y.students_set)
                                        THEN (SELECT (e->>'students')::integer FROM jsonb_array_elements(parsed->'years') AS e WHERE e->>'name' = y.students_set)
                                        ELSE (SELECT (g->>'students')::integer FROM jsonb_array_elements(parsed->'years') AS e,
                                                     jsonb_array_elements(e->'groups') AS g WHERE g->>'name' = y.students_set LIMIT 1) END, 0),
                            (SELECT sum(ca.atom_students) FROM pg_temp.schooltime_fet_class_atoms AS ca WHERE ca.class_group = y.students_set)::integer, 0)
               )::schooltime.fet_class
        FROM pg_temp.schooltime_fet_years AS y
        WHERE y.regime IS NOT NULL
          AND y.students_set IN (SELECT DISTINCT aa.class_group FROM pg_temp.schooltime_fet_activity_atoms AS aa)
        ORDER BY y.n);
    SELECT c.* INTO bad FROM unnest(plan.classes) AS c WHERE c.level IS NULL LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'class group "%" has no level in the year map', bad.students_set
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('Its regime is %s; a class group''s level is its course within the stage (1 for 1r ESO).', bad.regime),
                  HINT = 'Give its entry a level.';
    END IF;
    plan.parts := ARRAY(
        SELECT ROW(ca.class_group, 'subgrups FET', ca.part, nullif(ca.atom_students, 0))::schooltime.fet_part
        FROM pg_temp.schooltime_fet_class_atoms AS ca
        JOIN (SELECT o.class_group FROM pg_temp.schooltime_fet_class_atoms AS o GROUP BY o.class_group HAVING count(*) > 1) AS split
          ON split.class_group = ca.class_group
        WHERE ca.class_group IN (SELECT c.students_set FROM unnest(plan.classes) AS c)
        ORDER BY ca.class_group, ca.part);
    plan.teachers := ARRAY(
        SELECT DISTINCT t FROM unnest(plan.activities) AS act, unnest(act.teachers) AS t ORDER BY t);

    ------------------------------------------------------------------
    -- the rows, with the weekday and clock times each needs
    WITH acts AS (
        SELECT x.act, x.ord FROM pg_temp.schooltime_fet_acts AS x
    ), class_sizes AS (
        SELECT ca.class_group, count(*) AS atoms FROM pg_temp.schooltime_fet_class_atoms AS ca GROUP BY ca.class_group
    ), lesson_groups AS (
        -- each class group an activity takes: whole, or some of its parts
        SELECT aa.activity, aa.class_group, min(cs.atoms) = count(*) AS whole,
               array_agg(ca.part ORDER BY ca.part) AS taken
        FROM pg_temp.schooltime_fet_activity_atoms AS aa JOIN class_sizes AS cs ON cs.class_group = aa.class_group
        JOIN pg_temp.schooltime_fet_class_atoms AS ca ON ca.atom = aa.atom
        WHERE aa.duty IS NULL
        GROUP BY aa.activity, aa.class_group
    ), lesson_rows AS (
        SELECT lg.activity, lg.class_group,
               CASE WHEN lg.whole THEN NULL ELSE 'subgrups FET' END AS split,
               p.part, t.teacher
        FROM lesson_groups AS lg
        CROSS JOIN LATERAL (SELECT NULL::text AS part WHERE lg.whole
                            UNION ALL SELECT x FROM unnest(lg.taken) AS x WHERE NOT lg.whole) AS p
        JOIN acts ON (acts.act).id = lg.activity
        CROSS JOIN LATERAL (SELECT x AS teacher FROM unnest((acts.act).teachers) AS x
                            UNION ALL SELECT NULL WHERE cardinality((acts.act).teachers) = 0) AS t
    ), duty_rows AS (
        SELECT (acts.act).id AS activity, t AS teacher,
               coalesce(k.duty,
                        (SELECT d.duty FROM pg_temp.schooltime_fet_duties AS d WHERE d.subject = (acts.act).subject ORDER BY d.n LIMIT 1),
                        schooltime.fet_read_duty_name((acts.act).subject)) AS duty,
               k.duty_year
        FROM acts
        LEFT JOIN pg_temp.schooltime_fet_activity_kinds AS k ON k.activity = (acts.act).id
        CROSS JOIN LATERAL unnest((acts.act).teachers) AS t
        WHERE cardinality((acts.act).students) = 0 OR k.duty_atoms > 0
    ), every_row AS (
        SELECT r.activity, r.class_group, r.split, r.part, r.teacher, NULL::schooltime.duty_kind AS duty,
               c.regime, c.fet_year
        FROM lesson_rows AS r JOIN unnest(plan.classes) AS c ON c.students_set = r.class_group
        UNION ALL
        SELECT d.activity, NULL, NULL, NULL, d.teacher, d.duty, NULL, d.duty_year FROM duty_rows AS d
    )
    INSERT INTO pg_temp.schooltime_fet_rows
    SELECT r.activity, r.class_group, r.split, r.part, r.teacher, (acts.act).subject,
           dm.weekday,
           (SELECT p.starts FROM pg_temp.schooltime_fet_periods AS p
            WHERE p.hour = (acts.act).hour
              AND (p.fet_year IN (r.class_group, r.fet_year) OR p.regime = r.regime OR (p.fet_year IS NULL AND p.regime IS NULL))
            ORDER BY p.fet_year IS NULL, p.regime IS NULL LIMIT 1),
           (SELECT p.ends FROM pg_temp.schooltime_fet_periods AS p
            WHERE p.hour = hours[array_position(hours, (acts.act).hour) + (acts.act).duration - 1]
              AND (p.fet_year IN (r.class_group, r.fet_year) OR p.regime = r.regime OR (p.fet_year IS NULL AND p.regime IS NULL))
            ORDER BY p.fet_year IS NULL, p.regime IS NULL LIMIT 1),
           r.duty, r.regime, r.fet_year, (acts.act).day, (acts.act).hour,
           hours[array_position(hours, (acts.act).hour) + (acts.act).duration - 1], acts.ord
    FROM every_row AS r
    JOIN acts ON (acts.act).id = r.activity
    LEFT JOIN pg_temp.schooltime_fet_days AS dm ON dm.day = (acts.act).day;

    SELECT r.*, x.act INTO bad FROM pg_temp.schooltime_fet_rows AS r JOIN pg_temp.schooltime_fet_acts AS x ON x.id = r.activity
    WHERE r.weekday IS NULL ORDER BY r.ord LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'FET day "%" is not in the day map', bad.day
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('%s is placed on it.', schooltime.fet_activity_text(bad.act)),
                  HINT = format('Add {"day": "%s", "weekday": ...} to the day map (1 is Monday); schooltime.fet_propose_days() proposes one.', bad.day);
    END IF;
    SELECT r.*, x.act, CASE WHEN r.starts IS NULL THEN r.first_hour ELSE r.last_hour END AS missing INTO bad
    FROM pg_temp.schooltime_fet_rows AS r JOIN pg_temp.schooltime_fet_acts AS x ON x.id = r.activity
    WHERE r.starts IS NULL OR r.ends IS NULL ORDER BY r.ord LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'FET hour "%" has no clock time for % in the period map', bad.missing,
                        CASE WHEN bad.class_group IS NULL THEN 'duties'
                             ELSE format('class group "%s" (regime %s, FET year "%s")', bad.class_group, bad.regime, bad.fet_year) END
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('%s is placed at it.', schooltime.fet_activity_text(bad.act)),
                  HINT = format('Add an entry {"hour": "%s", "starts": ..., "ends": ...} for %s, or one with neither regime nor fet_year for every class group%s.',
                                bad.missing,
                                CASE WHEN bad.class_group IS NULL THEN 'the duty year' ELSE 'regime ' || bad.regime || ' or fet_year "' || bad.fet_year || '"' END,
                                CASE WHEN bad.class_group IS NULL THEN ' and duties' ELSE '' END);
    END IF;
    SELECT r.*, x.act INTO bad FROM pg_temp.schooltime_fet_rows AS r JOIN pg_temp.schooltime_fet_acts AS x ON x.id = r.activity
    WHERE r.ends <= r.starts ORDER BY r.ord LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the period map makes % end (%) before it starts (%)', schooltime.fet_activity_text(bad.act),
                        left(bad.ends::text, 5), left(bad.starts::text, 5)
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('It starts at FET hour "%s" and ends with hour "%s"%s.', bad.first_hour, bad.last_hour,
                                  CASE WHEN bad.class_group IS NOT NULL THEN format(', as class group "%s" (regime %s) has them', bad.class_group, bad.regime) ELSE '' END),
                  HINT = 'Check the clock times of those hours in the period map.';
    END IF;

    plan.rows := ARRAY(
        SELECT ROW(r.activity, r.class_group, r.split, r.part, r.teacher, r.subject, r.weekday, r.starts, r.ends, r.duty)::schooltime.fet_row
        FROM pg_temp.schooltime_fet_rows AS r ORDER BY r.ord, r.class_group, r.part, r.teacher);
    RETURN plan;
END
$plan$;
COMMENT ON FUNCTION schooltime.fet_plan(text, text, jsonb, jsonb, jsonb, jsonb) IS
'internal: what importing a FET file with its day, period, year and duty maps would write (class groups, parts, teachers, lesson rows, duties), refusing with an error that names the FET activity whatever the file or the maps leave open (22023)';
