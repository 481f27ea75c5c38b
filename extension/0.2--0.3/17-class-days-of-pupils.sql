-- The hours a group gets are the hours each of its pupils gets.  Since 0.3
-- a group's rows may be its parts' (halves, languages, optional subjects),
-- each part with a week of its own; a pupil is in one part of every split,
-- so the group's pupils are told apart by the combinations of parts, one of
-- each split, as the write-time rules judge them (src/kernels/parts.c).
-- 0.2 laid the union of all the group's rows over the calendar, which
-- counts hours no single pupil has when parts' weeks differ.

CREATE FUNCTION schooltime.group_pupils(model name, centre_id bigint, group_id bigint)
RETURNS SETOF jsonb
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $pupils$
BEGIN
    PERFORM schooltime.calendar_group(model, group_pupils.centre_id, group_pupils.group_id);
    RETURN QUERY EXECUTE format($q$
        WITH RECURSIVE used AS (
            -- the splits the group's week uses; the halves as split ''
            SELECT DISTINCT CASE WHEN s.split_half IS NOT NULL THEN '' ELSE s.split END AS split
            FROM %1$s AS s
            WHERE s.centre_id = $1 AND s.group_id = $2 AND s.kind <> 'recess'
              AND (s.split_half IS NOT NULL OR s.split IS NOT NULL)
        ), parts AS (
            -- every part of those splits, with a lesson or not: its pupils count too
            SELECT '' AS split, h::text AS part FROM generate_series(1, 2) AS h WHERE EXISTS (SELECT FROM used WHERE used.split = '')
            UNION
            SELECT s.split, s.part FROM %1$s AS s
            WHERE s.centre_id = $1 AND s.group_id = $2 AND s.kind <> 'recess' AND s.split_half IS NULL AND s.split IS NOT NULL
            UNION
            SELECT p.split, p.part FROM %2$s AS p
            WHERE p.centre_id = $1 AND p.group_id = $2 AND p.split IN (SELECT used.split FROM used)
        ), splits AS (
            SELECT used.split, row_number() OVER (ORDER BY used.split) AS n FROM used
        ), chosen (n, parts) AS (
            SELECT 0::bigint, '[]'::jsonb
            UNION ALL
            SELECT c.n + 1, c.parts || jsonb_build_array(jsonb_build_object('split', p.split, 'part', p.part))
            FROM chosen AS c JOIN splits AS s ON s.n = c.n + 1 JOIN parts AS p ON p.split = s.split
        )
        SELECT c.parts FROM chosen AS c WHERE c.n = (SELECT count(*) FROM splits) ORDER BY c.parts::text
    $q$, schooltime.lesson_relation(model, 'sessions'), schooltime.lesson_relation(model, 'group_parts'))
        USING group_pupils.centre_id, group_pupils.group_id;
END
$pupils$;
COMMENT ON FUNCTION schooltime.group_pupils(name, bigint, bigint) IS
'the pupils of a group of a model as its week tells them apart: each combination of one part of every split its sessions use (jsonb [{"split": ..., "part": ...}], the halves as split "" and part "1" or "2", every part of group_parts counted, with lessons or not); one empty array [] when the whole group has one week';

CREATE FUNCTION schooltime.group_pupil_class_days(model name, centre_id bigint, group_id bigint)
RETURNS TABLE (pupils jsonb, day date, minutes integer)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $days$
BEGIN
    RETURN QUERY EXECUTE format($q$
        WITH held AS (
            SELECT l.day, l.held_start, l.held_end,
                   CASE WHEN s.split_half IS NOT NULL THEN '' ELSE s.split END AS split,
                   coalesce(s.split_half::text, s.part) AS part
            FROM schooltime.group_lessons($1, $2, $3) AS l
            JOIN %1$s AS s ON s.centre_id = $2 AND s.id = l.session_id
        ), attended AS (
            -- the whole group's lessons, and those of the pupils' own parts
            SELECT p.pupils, h.day, h.held_start, h.held_end
            FROM schooltime.group_pupils($1, $2, $3) AS p (pupils)
            JOIN held AS h
              ON h.split IS NULL OR p.pupils @> jsonb_build_array(jsonb_build_object('split', h.split, 'part', h.part))
        ), marked AS (
            -- their union, one island of lessons in a row at a time
            SELECT a.pupils, a.day, a.held_start, a.held_end,
                   CASE WHEN a.held_start <= max(a.held_end) OVER (PARTITION BY a.pupils, a.day ORDER BY a.held_start, a.held_end
                                                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                        THEN 0 ELSE 1 END AS starts_island
            FROM attended AS a
        ), islands AS (
            SELECT m.pupils, m.day, m.held_start, m.held_end,
                   sum(m.starts_island) OVER (PARTITION BY m.pupils, m.day ORDER BY m.held_start, m.held_end) AS island
            FROM marked AS m
        )
        SELECT i.pupils, i.day, sum(i.minutes)::integer
        FROM (SELECT isl.pupils, isl.day,
                     (extract(epoch FROM max(isl.held_end)) - extract(epoch FROM min(isl.held_start)))::integer / 60 AS minutes
              FROM islands AS isl GROUP BY isl.pupils, isl.day, isl.island) AS i
        GROUP BY i.pupils, i.day
        ORDER BY i.pupils::text, i.day
    $q$, schooltime.lesson_relation(model, 'sessions'))
        USING model, group_pupil_class_days.centre_id, group_pupil_class_days.group_id;
END
$days$;
COMMENT ON FUNCTION schooltime.group_pupil_class_days(name, bigint, bigint) IS
'each day the pupils of each combination of parts of a group (schooltime.group_pupils()) have classes in its course, with their lective minutes that day: the union of the whole group''s held lessons and those of their parts';

CREATE OR REPLACE FUNCTION schooltime.group_class_days(model name, centre_id bigint, group_id bigint)
RETURNS TABLE (day date, minutes integer)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    -- a combination of parts without classes that day has none
    WITH per_pupils AS (
        SELECT * FROM schooltime.group_pupil_class_days(model, centre_id, group_id)
    ), pupils AS (
        SELECT p.pupils FROM schooltime.group_pupils(model, centre_id, group_id) AS p (pupils)
    )
    SELECT d.day, min(coalesce(c.minutes, 0))::integer
    FROM (SELECT DISTINCT pp.day FROM per_pupils AS pp) AS d
    CROSS JOIN pupils AS p
    LEFT JOIN per_pupils AS c ON c.day = d.day AND c.pupils = p.pupils
    GROUP BY d.day
    ORDER BY d.day
$$;
COMMENT ON FUNCTION schooltime.group_class_days(name, bigint, bigint) IS
'each day a group of a model has classes in its course, with the lective minutes each of its pupils has that day at least (the union of the held lessons of the whole group and of a pupil''s parts; 0 when some parts have no class that day)';

CREATE OR REPLACE FUNCTION schooltime.lective_hours(model name, centre_id bigint, group_id bigint)
RETURNS numeric
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH per_pupils AS (
        SELECT * FROM schooltime.group_pupil_class_days(model, centre_id, group_id)
    )
    SELECT round(min((SELECT coalesce(sum(c.minutes), 0) FROM per_pupils AS c WHERE c.pupils = p.pupils)) / 60.0, 2)
    FROM schooltime.group_pupils(model, centre_id, group_id) AS p (pupils)
$$;
COMMENT ON FUNCTION schooltime.lective_hours(name, bigint, bigint) IS
'the lective hours a group of a model gets in its course, as its pupils get them: its weekly timetable (lesson, tutorial, research_work and outdoor_practice sessions) laid over the lective days of its calendar, intensive days held only inside their window, final exam periods left out, for each combination of its parts (schooltime.group_pupils()), the fewest; rounded to hundredths of an hour';
