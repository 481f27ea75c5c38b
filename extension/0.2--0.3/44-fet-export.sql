-- The way back (issue 13): a centre's timetable of a school year as a FET
-- file that the FET GUI and fet-cl open, every activity locked where it is,
-- so that a school can correct a refused timetable in the tool it knows and
-- bring it back with schooltime.fet_import().
--
--   days       the weekdays the timetable uses, by their Catalan names
--   hours      FET has one grid of hours for the whole school, schooltime
--              minutes: every stretch between two clock times at which
--              something starts or ends is an hour, named by its clock
--              ("10:15-10:30"), so that the proposal of the period map
--              reads every time back exactly
--   students   each class group is a FET year; a split of it gives one FET
--              group per part ("4t ESO A Música"); two splits or more give
--              a FET group per part holding the subgroups of every
--              combination of parts, as FET counts pupils
--   activities each lesson (its groups or parts, its teachers), each session
--              of its own, each duty (a teacher, no students; the subject
--              names its kind, as the proposal of the duty map reads it),
--              locked by a constraint "activity preferred starting time" of
--              weight 100; an explicit recess is no activity

-- Text as XML element content.
CREATE FUNCTION schooltime.fet_xml(value text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT replace(replace(replace(replace(replace(replace(value, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                   '"', '&quot;'), E'\r', '&#13;'), E'\t', '&#9;')
$$;
COMMENT ON FUNCTION schooltime.fet_xml(text) IS
'internal: a text escaped as the content of an XML element or attribute of a FET file';

-- The subject a duty of a kind is exported as: what the duty map's proposal reads back.
CREATE FUNCTION schooltime.fet_duty_subject(kind schooltime.duty_kind)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE kind
        WHEN 'guard' THEN 'Guàrdia'
        WHEN 'recess_guard' THEN 'Guàrdia d''esbarjo'
        WHEN 'directive' THEN 'Direcció'
        WHEN 'coordination' THEN 'Reunió de coordinació'
        WHEN 'tutoring' THEN 'Tutoria'
        ELSE 'Altres tasques' END
$$;
COMMENT ON FUNCTION schooltime.fet_duty_subject(schooltime.duty_kind) IS
'internal: the FET subject a duty of a kind is exported as, which schooltime.fet_propose_duties() reads back as the same kind';

CREATE FUNCTION schooltime.fet_export(model name, centre_id bigint, school_year schooltime.school_year)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $export$
DECLARE
    institution text;
    result text;
    items bigint;
BEGIN
    PERFORM schooltime.fet_check_target(model, centre_id, school_year);
    EXECUTE format('SELECT c.name FROM %I.centres AS c WHERE c.id = $1', model) INTO institution USING centre_id;

    IF to_regclass('pg_temp.schooltime_fet_export_rows') IS NULL THEN
        CREATE TEMPORARY TABLE schooltime_fet_export_rows (
            item text, group_id bigint, group_name text, group_pupils integer, subject text, teacher_id bigint,
            teacher_name text, split text, part text, slot schooltime.weekslot, kind schooltime.duty_kind, note text) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_export_parts (group_id bigint, split text, part text, pupils integer) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_export_sets (group_id bigint, split text, part text, fet_name text) ON COMMIT DROP;
        CREATE TEMPORARY TABLE schooltime_fet_export_combos (group_id bigint, parts text[], fet_name text) ON COMMIT DROP;
    ELSE
        DELETE FROM schooltime_fet_export_rows;
        DELETE FROM schooltime_fet_export_parts;
        DELETE FROM schooltime_fet_export_sets;
        DELETE FROM schooltime_fet_export_combos;
    END IF;

    -- every row: a lesson's rows share its item; a session of its own and a duty are items of their own
    EXECUTE format($sql$
        INSERT INTO pg_temp.schooltime_fet_export_rows
        SELECT coalesce('lesson ' || s.lesson_id, 'session ' || s.id), s.group_id, g.name, g.pupils, s.subject,
               s.teacher_id, t.name,
               CASE WHEN s.split_half IS NOT NULL THEN 'halves' ELSE s.split END,
               CASE WHEN s.split_half IS NOT NULL THEN s.split_half::text ELSE s.part END,
               s.slot, NULL, coalesce(l.external_id, 'schooltime ' || coalesce('lesson ' || s.lesson_id, 'session ' || s.id))
        FROM %1$I.sessions AS s
        JOIN %1$I.class_groups AS g ON g.centre_id = s.centre_id AND g.id = s.group_id
        LEFT JOIN %1$I.lessons AS l ON l.centre_id = s.centre_id AND l.id = s.lesson_id
        LEFT JOIN %1$I.teachers AS t ON t.id = s.teacher_id
        WHERE s.centre_id = $1 AND s.school_year = $2 AND s.kind <> 'recess'
        UNION ALL
        SELECT 'duty ' || d.id, NULL, NULL, NULL, schooltime.fet_duty_subject(d.kind), d.teacher_id, t.name, NULL, NULL,
               d.slot, d.kind, coalesce(d.description, 'schooltime duty ' || d.id)
        FROM %1$I.duties AS d
        JOIN %1$I.teachers AS t ON t.id = d.teacher_id
        WHERE d.centre_id = $1 AND d.school_year = $2
    $sql$, model) USING centre_id, school_year;
    GET DIAGNOSTICS items = ROW_COUNT;
    IF items = 0 THEN
        RAISE EXCEPTION 'centre % has no timetable for % to export', centre_id, school_year
            USING ERRCODE = 'no_data_found',
                  HINT = 'Export a centre and school year that have sessions or duties.';
    END IF;

    -- the splits of the groups: their parts in group_parts, and the built-in halves
    EXECUTE format($sql$
        INSERT INTO pg_temp.schooltime_fet_export_parts
        SELECT p.group_id, p.split, p.part, p.pupils FROM %1$I.group_parts AS p
        WHERE p.centre_id = $1 AND p.group_id IN (SELECT r.group_id FROM pg_temp.schooltime_fet_export_rows AS r)
          AND (p.group_id, p.split) IN (SELECT r.group_id, r.split FROM pg_temp.schooltime_fet_export_rows AS r)
        UNION ALL
        SELECT DISTINCT r.group_id, 'halves', h::text, NULL::integer
        FROM pg_temp.schooltime_fet_export_rows AS r, generate_series(1, 2) AS h WHERE r.split = 'halves'
    $sql$, model) USING centre_id;
    -- one split: a FET group per part; several: a FET group per part, holding a subgroup per combination
    INSERT INTO pg_temp.schooltime_fet_export_sets
    SELECT p.group_id, p.split, p.part,
           CASE WHEN (SELECT count(DISTINCT o.split) FROM pg_temp.schooltime_fet_export_parts AS o WHERE o.group_id = p.group_id) = 1
                THEN g.group_name || ' ' || p.part
                ELSE g.group_name || ' ' || p.split || ' ' || p.part END
    FROM pg_temp.schooltime_fet_export_parts AS p
    JOIN (SELECT DISTINCT r.group_id, r.group_name FROM pg_temp.schooltime_fet_export_rows AS r) AS g ON g.group_id = p.group_id;
    WITH RECURSIVE splits AS (
        SELECT p.group_id, p.split, dense_rank() OVER (PARTITION BY p.group_id ORDER BY p.split) AS k
        FROM (SELECT DISTINCT group_id, split FROM pg_temp.schooltime_fet_export_parts) AS p
    ), several AS (
        SELECT group_id FROM splits GROUP BY group_id HAVING count(*) > 1
    ), combos (group_id, k, parts) AS (
        SELECT s.group_id, 1::bigint, ARRAY[p.part]
        FROM splits AS s JOIN pg_temp.schooltime_fet_export_parts AS p ON p.group_id = s.group_id AND p.split = s.split
        WHERE s.k = 1 AND s.group_id IN (SELECT group_id FROM several)
        UNION ALL
        SELECT c.group_id, c.k + 1, c.parts || p.part
        FROM combos AS c
        JOIN splits AS s ON s.group_id = c.group_id AND s.k = c.k + 1
        JOIN pg_temp.schooltime_fet_export_parts AS p ON p.group_id = s.group_id AND p.split = s.split
    )
    INSERT INTO pg_temp.schooltime_fet_export_combos
    SELECT c.group_id, c.parts,
           (SELECT DISTINCT r.group_name FROM pg_temp.schooltime_fet_export_rows AS r WHERE r.group_id = c.group_id) || ' '
               || array_to_string(c.parts, ' / ')
    FROM combos AS c
    WHERE c.k = (SELECT max(s.k) FROM splits AS s WHERE s.group_id = c.group_id);

    WITH teacher_names AS (
        -- FET names a teacher once: two of one name are told apart by their ids
        SELECT t.id, CASE WHEN count(*) OVER (PARTITION BY t.name) > 1 THEN format('%s (%s)', t.name, t.id) ELSE t.name END AS name
        FROM (SELECT DISTINCT r.teacher_id AS id, r.teacher_name AS name FROM pg_temp.schooltime_fet_export_rows AS r
              WHERE r.teacher_id IS NOT NULL) AS t
    ), bounds AS (
        SELECT DISTINCT b FROM pg_temp.schooltime_fet_export_rows AS r,
             LATERAL (VALUES (schooltime.start_time(r.slot)), (schooltime.end_time(r.slot))) AS v (b)
    ), stretches AS (
        SELECT b AS starts, lead(b) OVER (ORDER BY b) AS ends FROM bounds
    ), hours AS (
        -- a stretch in which something is taught or done on some day
        SELECT st.starts, st.ends, row_number() OVER (ORDER BY st.starts) AS n,
               format('%s-%s', to_char(st.starts, 'HH24:MI'),
                      CASE WHEN st.ends = '00:00' THEN '24:00' ELSE to_char(st.ends, 'HH24:MI') END) AS name
        FROM stretches AS st
        WHERE st.ends IS NOT NULL
          AND EXISTS (SELECT FROM pg_temp.schooltime_fet_export_rows AS r
                      WHERE schooltime.start_time(r.slot) <= st.starts
                        AND (schooltime.end_time(r.slot) >= st.ends OR schooltime.end_time(r.slot) = '00:00'))
    ), days AS (
        SELECT DISTINCT d FROM (SELECT generate_series(1, 5) AS d
                                UNION SELECT schooltime.weekday(r.slot) FROM pg_temp.schooltime_fet_export_rows AS r) AS w
    ), acts AS (
        SELECT row_number() OVER (ORDER BY min(schooltime.weekday(r.slot)), min(schooltime.start_time(r.slot)), r.item) AS id,
               r.item, (array_agg(r.slot))[1] AS slot,
               min(r.subject) AS subject, min(r.note) AS note,
               array_agg(DISTINCT tn.name) FILTER (WHERE tn.name IS NOT NULL) AS teachers,
               array_agg(DISTINCT coalesce(st.fet_name, r.group_name)) FILTER (WHERE r.group_name IS NOT NULL) AS students
        FROM pg_temp.schooltime_fet_export_rows AS r
        LEFT JOIN teacher_names AS tn ON tn.id = r.teacher_id
        LEFT JOIN pg_temp.schooltime_fet_export_sets AS st ON st.group_id = r.group_id AND st.split = r.split AND st.part = r.part
        GROUP BY r.item
    ), placed AS (
        SELECT a.*, schooltime.weekday(a.slot) AS weekday,
               (SELECT h.name FROM hours AS h WHERE h.starts = schooltime.start_time(a.slot)) AS first_hour,
               (SELECT count(*) FROM hours AS h WHERE h.starts >= schooltime.start_time(a.slot)
                  AND (h.ends <= schooltime.end_time(a.slot) OR schooltime.end_time(a.slot) = '00:00')) AS duration
        FROM acts AS a
    ), groups AS (
        SELECT DISTINCT r.group_id, r.group_name, r.group_pupils FROM pg_temp.schooltime_fet_export_rows AS r WHERE r.group_id IS NOT NULL
    )
    SELECT E'\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n\n<fet version="6.8.5">\n\n<Mode>Official</Mode>\n\n'
        || format(E'<Institution_Name>%s</Institution_Name>\n\n', schooltime.fet_xml(institution))
        || format(E'<Comments>%s</Comments>\n\n', schooltime.fet_xml(format(
               'Exported by schooltime from model %s, centre %s, school year %s: every activity is locked where it is. '
               'Hours are the stretches between the clock times at which something starts or ends.',
               model, centre_id, school_year)))
        || format(E'<Days_List>\n<Number_of_Days>%s</Number_of_Days>\n', (SELECT count(*) FROM days))
        || (SELECT string_agg(format(E'<Day>\n\t<Name>%s</Name>\n</Day>\n', initcap(schooltime.weekday_name(d, 'ca'))), '' ORDER BY d) FROM days)
        || E'</Days_List>\n\n'
        || format(E'<Hours_List>\n<Number_of_Hours>%s</Number_of_Hours>\n', (SELECT count(*) FROM hours))
        || (SELECT string_agg(format(E'<Hour>\n\t<Name>%s</Name>\n</Hour>\n', h.name), '' ORDER BY h.n) FROM hours AS h)
        || E'</Hours_List>\n\n<Subjects_List>\n'
        || (SELECT coalesce(string_agg(format(E'<Subject>\n\t<Name>%s</Name>\n\t<Comments></Comments>\n</Subject>\n',
                                              schooltime.fet_xml(s)), '' ORDER BY s), '')
            FROM (SELECT DISTINCT a.subject AS s FROM acts AS a) AS u)
        || E'</Subjects_List>\n\n<Activity_Tags_List>\n</Activity_Tags_List>\n\n<Teachers_List>\n'
        || (SELECT coalesce(string_agg(format(E'<Teacher>\n\t<Name>%s</Name>\n\t<Target_Number_of_Hours>0</Target_Number_of_Hours>\n' ||
                                              E'\t<Qualified_Subjects>\n\t</Qualified_Subjects>\n\t<Comments></Comments>\n</Teacher>\n',
                                              schooltime.fet_xml(t.name)), '' ORDER BY t.name), '')
            FROM teacher_names AS t)
        || E'</Teachers_List>\n\n<Students_List>\n'
        || (SELECT coalesce(string_agg(
                format(E'<Year>\n\t<Name>%s</Name>\n\t<Number_of_Students>%s</Number_of_Students>\n\t<Comments></Comments>\n' ||
                       E'\t<Number_of_Categories>0</Number_of_Categories>\n\t<Separator> </Separator>\n', schooltime.fet_xml(g.group_name),
                       g.group_pupils)
                || coalesce((SELECT string_agg(
                       format(E'\t<Group>\n\t\t<Name>%s</Name>\n\t\t<Number_of_Students>%s</Number_of_Students>\n\t\t<Comments></Comments>\n',
                              schooltime.fet_xml(st.fet_name), coalesce(p.pupils, 0))
                       || coalesce((SELECT string_agg(format(E'\t\t<Subgroup>\n\t\t\t<Name>%s</Name>\n\t\t\t<Number_of_Students>0</Number_of_Students>\n' ||
                                                             E'\t\t\t<Comments></Comments>\n\t\t</Subgroup>\n', schooltime.fet_xml(c.fet_name)),
                                                      '' ORDER BY c.fet_name)
                                    FROM pg_temp.schooltime_fet_export_combos AS c
                                    WHERE c.group_id = st.group_id AND st.part = ANY (c.parts)), '')
                       || E'\t</Group>\n', '' ORDER BY st.split, st.part)
                    FROM pg_temp.schooltime_fet_export_sets AS st
                    JOIN pg_temp.schooltime_fet_export_parts AS p ON p.group_id = st.group_id AND p.split = st.split AND p.part = st.part
                    WHERE st.group_id = g.group_id), '')
                || E'</Year>\n', '' ORDER BY g.group_name), '')
            FROM groups AS g)
        || E'</Students_List>\n\n<Activities_List>\n'
        || (SELECT string_agg(
                E'<Activity>\n'
                || coalesce((SELECT string_agg(format(E'\t<Teacher>%s</Teacher>\n', schooltime.fet_xml(t)), '' ORDER BY t)
                             FROM unnest(p.teachers) AS t), '')
                || format(E'\t<Subject>%s</Subject>\n', schooltime.fet_xml(p.subject))
                || coalesce((SELECT string_agg(format(E'\t<Students>%s</Students>\n', schooltime.fet_xml(s)), '' ORDER BY s)
                             FROM unnest(p.students) AS s), '')
                || format(E'\t<Duration>%s</Duration>\n\t<Total_Duration>%s</Total_Duration>\n\t<Id>%s</Id>\n' ||
                          E'\t<Activity_Group_Id>0</Activity_Group_Id>\n\t<Active>true</Active>\n\t<Comments>%s</Comments>\n</Activity>\n',
                          p.duration, p.duration, p.id, schooltime.fet_xml(p.note)),
                '' ORDER BY p.id)
            FROM placed AS p)
        || E'</Activities_List>\n\n<Buildings_List>\n</Buildings_List>\n\n<Rooms_List>\n</Rooms_List>\n\n<Time_Constraints_List>\n'
        || E'<ConstraintBasicCompulsoryTime>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintBasicCompulsoryTime>\n'
        || (SELECT string_agg(
                format(E'<ConstraintActivityPreferredStartingTime>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Activity_Id>%s</Activity_Id>\n' ||
                       E'\t<Preferred_Day>%s</Preferred_Day>\n\t<Preferred_Hour>%s</Preferred_Hour>\n\t<Permanently_Locked>true</Permanently_Locked>\n' ||
                       E'\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintActivityPreferredStartingTime>\n',
                       p.id, initcap(schooltime.weekday_name(p.weekday, 'ca')), p.first_hour),
                '' ORDER BY p.id)
            FROM placed AS p)
        || E'</Time_Constraints_List>\n\n<Space_Constraints_List>\n'
        || E'<ConstraintBasicCompulsorySpace>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintBasicCompulsorySpace>\n'
        || E'</Space_Constraints_List>\n\n</fet>\n'
    INTO result;
    RETURN result;
END
$export$;
COMMENT ON FUNCTION schooltime.fet_export(name, bigint, schooltime.school_year) IS
'a centre''s timetable of a school year as the text of a FET file that the FET GUI and fet-cl open: class groups as FET years, their parts as FET groups (and subgroups), lessons, sessions of their own and duties as activities locked where they are, every clock time exact (an hour is each stretch between the times at which something starts or ends); schooltime.fet_import() with the proposed maps brings it back';
