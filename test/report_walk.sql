-- pgTAP: the report-only rules that check()'s group walk measures in C
-- (src/report_rules.c: teachers_per_group, eso_split, batx_split, and
-- optional_ratio, worded by optional_ratio_violations()) give, row
-- for row and in the same order, what the SQL they replaced gave (kept
-- below as pg_temp.reference_walk_rules(), the queries of part 60 of the
-- 0.3 upgrade script before the move), over a random model of two centres:
-- lessons shared by groups, co-teachers, halves, parts of named splits
-- (whose names sort differently by byte and by collation), lessons taking
-- every part of a split, sessions pinned to an area, recess entries and
-- sessions without a teacher; for the whole model, each centre, each group
-- (with its centre and alone), for every year and for each, in English
-- and in Catalan.  Then the same with optional-subject blocks: options
-- that take whole groups, parts of splits with their pupils known and not
-- known (halves, parts without pupils), lessons whose rows name different
-- subjects, several lessons of one option, and a centre's year that
-- declares its optional_subject_groups.  check() returns each of their
-- violations once.
BEGIN;
SET client_min_messages = warning;
SELECT plan(28);

-- the queries of report_rule_violations() for these four rules before they moved into the walk
CREATE FUNCTION pg_temp.reference_walk_rules(model name, school_year schooltime.school_year,
                                             centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $reference$
DECLARE
    sessions text := schooltime.lesson_relation(model, 'sessions');
    group_parts text := schooltime.lesson_relation(model, 'group_parts');
    lessons text := schooltime.lesson_relation(model, 'lessons');
    blocks text := schooltime.lesson_relation(model, 'blocks');
BEGIN
    -- teachers_per_group (4.2): the distinct teachers of every lesson the
    -- group attends, all of the lesson's rows (co-teachers, and the teachers
    -- of a lesson it shares with other groups), and of its sessions that are
    -- lessons of their own
    RETURN QUERY EXECUTE format($q$
        SELECT (ROW('teachers_per_group', r.severity, schooltime.section_text(l.section), g.centre_id, 'group', g.id, g.name,
                   NULL::integer, NULL::date, NULL::schooltime.weektimerange,
                   t.teachers::numeric, l.max_teachers::numeric, 'teachers',
                   format($3, g.name, t.teachers, l.max_teachers),
                   format($4, t.teachers, CASE WHEN schooltime.messages_in_catalan() THEN rg.name_ca ELSE rg.name_en END,
                          schooltime.course_text(l.first_level, l.last_level), g.school_year,
                          l.max_teachers, schooltime.section_text(l.section)),
                   $5,
                   NULL::bigint)::schooltime.violation).*
        FROM (SELECT x.centre_id, x.group_id, count(DISTINCT x.teacher_id)::integer AS teachers
              FROM (SELECT s.centre_id, s.group_id, s.teacher_id
                    FROM %2$s AS s
                    WHERE s.lesson_id IS NULL AND s.kind <> 'recess' AND s.teacher_id IS NOT NULL
                      AND ($1 IS NULL OR s.centre_id = $1) AND ($2 IS NULL OR s.group_id = $2)
                      AND (%3$L IS NULL OR s.school_year = %3$L)
                    UNION ALL
                    SELECT a.centre_id, a.group_id, o.teacher_id
                    FROM (SELECT DISTINCT s.centre_id, s.group_id, s.lesson_id
                          FROM %2$s AS s
                          WHERE s.lesson_id IS NOT NULL AND s.kind <> 'recess'
                            AND ($1 IS NULL OR s.centre_id = $1) AND ($2 IS NULL OR s.group_id = $2)
                            AND (%3$L IS NULL OR s.school_year = %3$L)) AS a
                    JOIN %2$s AS o ON o.centre_id = a.centre_id AND o.lesson_id = a.lesson_id
                    WHERE o.kind <> 'recess' AND o.teacher_id IS NOT NULL) AS x
              GROUP BY x.centre_id, x.group_id) AS t
        JOIN %1$I.class_groups AS g ON g.centre_id = t.centre_id AND g.id = t.group_id
        JOIN schooltime.regimes AS rg ON rg.regime = g.regime
        CROSS JOIN LATERAL (SELECT * FROM schooltime.group_teacher_limits AS gl
                            WHERE gl.school_year = g.school_year AND gl.regime = g.regime
                              AND g.level BETWEEN gl.first_level AND gl.last_level
                            ORDER BY gl.first_level DESC LIMIT 1) AS l
        JOIN schooltime.rules AS r ON r.code = 'teachers_per_group'
        WHERE t.teachers > l.max_teachers
        ORDER BY g.centre_id, g.id
    $q$, model, sessions, school_year)
    USING centre_id, group_id,
        -- the messages, in the session's language: format() fills them row by row
        schooltime.gettext('group "%s" has %s different teachers, more than %s'),
        -- translator: the quotation is section 4.2's, on the number of teachers of a group
        schooltime.gettext('The lessons the group attends have %s different teachers (co-teachers, and the teachers of lessons it shares with other groups, included); for %s %s in %s the catalogue allows at most %s, schooltime''s reading of the document''s "as few as possible, especially in the first courses" (%s).'),
        schooltime.gettext('Give more of the group''s subjects to the same teachers, or set the figure for these courses in schooltime.group_teacher_limits.');

    -- eso_split and batx_split (4.1.1.1): for each split of the group (its
    -- halves, and every split of group_parts) the split sessions of a subject
    -- are the fewest lessons of it any part of the split has; a lesson that
    -- takes every part of a split takes the group whole and is no split
    -- session of it.  The group's figure is its best split's.
    RETURN QUERY EXECUTE format($q$
        WITH req AS (
            SELECT g.centre_id, g.id AS group_id, g.name, g.school_year, g.regime, g.pupils,
                   q.requirement, q.rule, q.subject_name, q.areas, q.first_level, q.last_level, q.pupils_above,
                   q.public_only, q.min_split_sessions, q.section
            FROM %1$I.class_groups AS g
            JOIN %1$I.centres AS c ON c.id = g.centre_id
            JOIN schooltime.split_requirements AS q
              ON q.school_year = g.school_year AND q.regime = g.regime
             AND g.level BETWEEN q.first_level AND q.last_level
             AND (q.pupils_above IS NULL OR g.pupils > q.pupils_above)
             AND (NOT q.public_only OR c.ownership = 'public')
            WHERE ($1 IS NULL OR g.centre_id = $1) AND ($2 IS NULL OR g.id = $2)
              AND (%4$L IS NULL OR g.school_year = %4$L)
        ), asked AS (
            SELECT DISTINCT req.centre_id, req.group_id FROM req
        ), shape AS (
            -- every part of every split of the groups asked: split '' is the halves
            SELECT a.centre_id, a.group_id, ''::text AS split, h.part
            FROM asked AS a CROSS JOIN (VALUES ('1'), ('2')) AS h (part)
            UNION ALL
            SELECT p.centre_id, p.group_id, p.split, p.part
            FROM %3$s AS p JOIN asked AS a ON a.centre_id = p.centre_id AND a.group_id = p.group_id
        ), rows AS (
            SELECT s.centre_id, s.group_id, s.subject, p.area AS pinned, s.lesson_id,
                   CASE WHEN s.split_half IS NOT NULL THEN '' ELSE s.split END AS split,
                   coalesce(s.split_half::text, s.part) AS part
            FROM %2$s AS s
            LEFT JOIN %1$I.session_subject_areas AS p ON p.centre_id = s.centre_id AND p.session_id = s.id
            WHERE s.kind <> 'recess'
              AND (s.centre_id, s.group_id) IN (SELECT a.centre_id, a.group_id FROM asked AS a)
        ), split_sizes AS (
            SELECT sh.centre_id, sh.group_id, sh.split, count(*) AS parts
            FROM shape AS sh
            GROUP BY sh.centre_id, sh.group_id, sh.split
        ), whole AS (
            -- lessons that take every part of one of the group's splits (the
            -- splits' sizes joined, not counted again for each lesson: a
            -- subquery per lesson read all of shape each time, which grew
            -- with the region's groups squared)
            SELECT r.centre_id, r.group_id, r.lesson_id, r.split
            FROM rows AS r
            LEFT JOIN split_sizes AS z ON z.centre_id = r.centre_id AND z.group_id = r.group_id AND z.split = r.split
            WHERE r.lesson_id IS NOT NULL AND r.split IS NOT NULL
            GROUP BY r.centre_id, r.group_id, r.lesson_id, r.split
            HAVING count(DISTINCT r.part) >= coalesce(max(z.parts), 0)
        ), ses AS (
            -- the group's lessons counted per subject (and pinned area), in all
            -- and per part: a few rows per group to classify instead of one per session
            SELECT c.centre_id, c.group_id, c.subject, c.pinned, c.split, c.part, GROUPING(c.split) = 1 AS total,
                   count(*) FILTER (WHERE c.lesson_id IS NULL) + count(DISTINCT c.lesson_id) AS sessions
            FROM (SELECT r.centre_id, r.group_id, r.subject, r.pinned, r.lesson_id,
                         CASE WHEN w.lesson_id IS NULL THEN r.split END AS split,
                         CASE WHEN w.lesson_id IS NULL THEN r.part END AS part
                  FROM rows AS r
                  LEFT JOIN whole AS w ON w.centre_id = r.centre_id AND w.group_id = r.group_id
                                      AND w.lesson_id = r.lesson_id AND w.split = r.split) AS c
            GROUP BY GROUPING SETS ((c.centre_id, c.group_id, c.subject, c.pinned),
                                    (c.centre_id, c.group_id, c.subject, c.pinned, c.split, c.part))
        ), named AS MATERIALIZED (
            -- each distinct subject matched once
            SELECT n.subject, schooltime.subject_area(n.subject) AS area
            FROM (SELECT DISTINCT ses.subject FROM ses WHERE ses.pinned IS NULL) AS n
        ), counts AS (
            SELECT ses.centre_id, ses.group_id, coalesce(ses.pinned, named.area) AS area, ses.total, ses.split, ses.part,
                   sum(ses.sessions) AS sessions
            FROM ses LEFT JOIN named ON named.subject = ses.subject AND ses.pinned IS NULL
            WHERE ses.total OR ses.split IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5, 6
        ), found AS (
            -- the requirements whose subject the group is taught, with all the
            -- sentences need (each later step carries it, so that no step joins
            -- back to a step whose size the planner cannot know)
            SELECT req.centre_id, req.group_id, req.requirement, req.name, req.regime, req.pupils, req.rule, req.subject_name,
                   req.areas, req.first_level, req.last_level, req.pupils_above, req.public_only, req.min_split_sessions,
                   req.section, sum(k.sessions)::integer AS sessions
            FROM req JOIN counts AS k ON k.centre_id = req.centre_id AND k.group_id = req.group_id
                                     AND k.total AND k.area = ANY (req.areas)
            GROUP BY req.centre_id, req.group_id, req.requirement, req.name, req.regime, req.pupils, req.rule, req.subject_name,
                     req.areas, req.first_level, req.last_level, req.pupils_above, req.public_only, req.min_split_sessions,
                     req.section
        ), splits AS (
            -- each split's figure, carrying the requirement's columns (joining
            -- back to found, whose size the planner cannot estimate, made a
            -- nested loop over every pair of rows)
            SELECT p.centre_id, p.group_id, p.requirement, p.name, p.regime, p.pupils, p.rule, p.subject_name,
                   p.first_level, p.last_level, p.pupils_above, p.public_only, p.min_split_sessions, p.section,
                   p.total_sessions, p.split, min(p.sessions) AS figure, sum(p.sessions) AS in_use,
                   array_agg(p.part ORDER BY p.part) AS parts, array_agg(p.sessions ORDER BY p.part) AS part_sessions
            FROM (SELECT f.centre_id, f.group_id, f.requirement, f.name, f.regime, f.pupils, f.rule, f.subject_name,
                         f.first_level, f.last_level, f.pupils_above, f.public_only, f.min_split_sessions, f.section,
                         f.sessions AS total_sessions, sh.split, sh.part, coalesce(sum(k.sessions), 0)::integer AS sessions
                  FROM found AS f
                  JOIN shape AS sh ON sh.centre_id = f.centre_id AND sh.group_id = f.group_id
                  LEFT JOIN counts AS k ON k.centre_id = f.centre_id AND k.group_id = f.group_id AND NOT k.total
                                       AND k.split = sh.split AND k.part = sh.part AND k.area = ANY (f.areas)
                  GROUP BY f.centre_id, f.group_id, f.requirement, f.name, f.regime, f.pupils, f.rule, f.subject_name,
                           f.first_level, f.last_level, f.pupils_above, f.public_only, f.min_split_sessions, f.section,
                           f.sessions, sh.split, sh.part) AS p
            GROUP BY p.centre_id, p.group_id, p.requirement, p.name, p.regime, p.pupils, p.rule, p.subject_name,
                     p.first_level, p.last_level, p.pupils_above, p.public_only, p.min_split_sessions, p.section,
                     p.total_sessions, p.split
        ), judged AS (
            SELECT s.centre_id, s.group_id, s.requirement, s.name, s.regime, s.pupils, s.rule, s.subject_name,
                   s.first_level, s.last_level, s.pupils_above, s.public_only, s.min_split_sessions, s.section,
                   s.total_sessions AS sessions,
                   max(s.figure)::integer AS figure,
                   -- the best split, the halves first on a tie
                   (array_agg(s.split ORDER BY s.figure DESC, s.split))[1] AS best,
                   -- the named split to suggest: the best of those in use, the busiest on a tie
                   (array_agg(s.split ORDER BY s.figure DESC, s.in_use DESC, s.split) FILTER (WHERE s.split <> '' AND s.in_use > 0))[1] AS suggested,
                   (array_agg(array_to_string(ARRAY(SELECT format($13, x) FROM unnest(s.parts) AS x), ', ')
                              ORDER BY s.figure DESC, s.in_use DESC, s.split) FILTER (WHERE s.split <> '' AND s.in_use > 0))[1] AS suggested_parts,
                   max(s.part_sessions[1]) FILTER (WHERE s.split = '') AS half1,
                   max(s.part_sessions[2]) FILTER (WHERE s.split = '') AS half2,
                   string_agg(format($14, s.split,
                                     schooltime.series_words(ARRAY(SELECT format($15, x.n, x.part)
                                                                   FROM unnest(s.parts, s.part_sessions) AS x (part, n)))),
                              '; ' ORDER BY s.split) FILTER (WHERE s.split <> '' AND s.in_use > 0) AS named_splits
            FROM splits AS s
            GROUP BY s.centre_id, s.group_id, s.requirement, s.name, s.regime, s.pupils, s.rule, s.subject_name,
                     s.first_level, s.last_level, s.pupils_above, s.public_only, s.min_split_sessions, s.section,
                     s.total_sessions
        )
        SELECT (ROW(j.rule, r.severity, schooltime.section_text(j.section), j.centre_id, 'group', j.group_id, j.name,
                   NULL::integer, NULL::date, NULL::schooltime.weektimerange,
                   j.figure::numeric, j.min_split_sessions::numeric, 'split sessions',
                   CASE WHEN j.figure = 0 AND j.min_split_sessions = 1 THEN format($3, j.name, j.subject_name)
                        WHEN j.named_splits IS NULL OR j.figure = 0
                        THEN schooltime.format_message_plural(($4)[1], ($4)[2], j.figure, j.name, j.figure, j.subject_name,
                                                              j.min_split_sessions)
                        WHEN j.best = ''
                        THEN schooltime.format_message_plural(($5)[1], ($5)[2], j.figure, j.name, j.figure, j.subject_name,
                                                              j.min_split_sessions)
                        ELSE schooltime.format_message_plural(($6)[1], ($6)[2], j.figure, j.name, j.figure, j.subject_name, j.best,
                                                              j.min_split_sessions) END,
                   CASE WHEN j.public_only AND j.pupils_above IS NOT NULL
                        THEN format($7, d.regime_name, d.courses, j.pupils_above, d.required, j.pupils, d.sessions, j.subject_name,
                                    j.half1, j.half2, d.named, d.section)
                        WHEN j.public_only
                        THEN format($8, d.regime_name, d.courses, d.required, d.sessions, j.subject_name,
                                    j.half1, j.half2, d.named, d.section)
                        WHEN j.pupils_above IS NOT NULL
                        THEN format($9, d.regime_name, d.courses, j.pupils_above, d.required, j.pupils, d.sessions, j.subject_name,
                                    j.half1, j.half2, d.named, d.section)
                        ELSE format($10, d.regime_name, d.courses, d.required, d.sessions, j.subject_name,
                                    j.half1, j.half2, d.named, d.section) END,
                   CASE WHEN j.suggested IS NULL
                        THEN schooltime.format_message_plural(($11)[1], ($11)[2], j.min_split_sessions - j.figure,
                                                              j.subject_name, j.min_split_sessions - j.figure)
                        ELSE schooltime.format_message_plural(($12)[1], ($12)[2], j.min_split_sessions - j.figure,
                                                              j.subject_name, j.suggested, j.suggested_parts,
                                                              j.min_split_sessions - j.figure) END,
                   NULL::bigint)::schooltime.violation).*
        FROM judged AS j
        JOIN schooltime.regimes AS rg ON rg.regime = j.regime
        JOIN schooltime.rules AS r ON r.code = j.rule
        -- the pieces of the detail's sentence, in the session's language
        CROSS JOIN LATERAL (
            SELECT CASE WHEN schooltime.messages_in_catalan() THEN rg.name_ca ELSE rg.name_en END AS regime_name,
                   schooltime.course_text(j.first_level, j.last_level) AS courses,
                   CASE WHEN j.named_splits IS NULL
                        THEN schooltime.format_message_plural(($16)[1], ($16)[2], j.min_split_sessions,
                                                              j.subject_name, j.min_split_sessions)
                        ELSE schooltime.format_message_plural(($17)[1], ($17)[2], j.min_split_sessions,
                                                              j.subject_name, j.min_split_sessions) END AS required,
                   schooltime.format_message_plural(($18)[1], ($18)[2], j.sessions, j.sessions) AS sessions,
                   coalesce('; ' || j.named_splits, '') AS named,
                   schooltime.section_text(j.section) AS section) AS d
        WHERE j.figure < j.min_split_sessions
        ORDER BY j.centre_id, j.group_id, j.rule, j.requirement
    $q$, model, sessions, group_parts, school_year)
    USING centre_id, group_id,
        -- the messages, in the session's language: format() fills them row by row
        schooltime.gettext('group "%s" has no split session of %s'),
        schooltime.message_forms('group "%s" has %s split session of %s a week, fewer than %s',
                                 'group "%s" has %s split sessions of %s a week, fewer than %s'),
        schooltime.message_forms('group "%s" has %s split session of %s a week, in its halves, fewer than %s',
                                 'group "%s" has %s split sessions of %s a week, in its halves, fewer than %s'),
        schooltime.message_forms('group "%s" has %s split session of %s a week, in split "%s", fewer than %s',
                                 'group "%s" has %s split sessions of %s a week, in split "%s", fewer than %s'),
        -- translator: the requirement (the second %s, "one session of Química a week split in two halves...") and what the group has
        schooltime.gettext('In public centres, groups of %s %s with more than %s pupils have %s; the group, of %s pupils, has %s of %s, %s for half 1 and %s for half 2%s (%s).'),
        schooltime.gettext('In public centres, groups of %s %s have %s; the group has %s of %s, %s for half 1 and %s for half 2%s (%s).'),
        schooltime.gettext('Groups of %s %s with more than %s pupils have %s; the group, of %s pupils, has %s of %s, %s for half 1 and %s for half 2%s (%s).'),
        schooltime.gettext('Groups of %s %s have %s; the group has %s of %s, %s for half 1 and %s for half 2%s (%s).'),
        schooltime.message_forms('Split a weekly session of %s: one session for each half of the group, with split_half 1 and 2.',
                                 'Split %2$s weekly sessions of %1$s: one session for each half of the group, with split_half 1 and 2.'),
        schooltime.message_forms('Split a weekly session of %s: one session for each part of split "%s" (%s), each a lesson of its own, with split and part, or one for each half of the group, with split_half 1 and 2.',
                                 'Split %4$s weekly sessions of %1$s: one session for each part of split "%2$s" (%3$s), each a lesson of its own, with split and part, or one for each half of the group, with split_half 1 and 2.'),
        -- translator: a name quoted in a message; in Catalan «%s»
        schooltime.gettext('"%s"'),
        -- translator: what the parts of one of the group's splits have, "in split "Idiomes", 2 for "Anglès" and 1 for "Francès""
        schooltime.gettext('in split "%s", %s'),
        schooltime.gettext('%s for "%s"'),
        schooltime.message_forms('one session of %s a week split in two halves, each half in a session of its own',
                                 '%2$s sessions of %1$s a week split in two halves, each half in a session of its own'),
        schooltime.message_forms('one session of %s a week split, each half of the group, or each part of one of its splits, in a session of its own',
                                 '%2$s sessions of %1$s a week split, each half of the group, or each part of one of its splits, in a session of its own'),
        schooltime.message_forms('%s session', '%s sessions');

    -- optional_ratio (4.1.1.1): the average of a centre's optional-subject
    -- groups, per year and stage; where the centre declares none, each
    -- distinct option of its blocks (a subject and the parts of groups it
    -- takes) is one optional-subject group, of its parts' pupils
    IF group_id IS NULL THEN
        RETURN QUERY EXECUTE format($q$
            WITH declared AS (
                SELECT o.centre_id, o.school_year, o.regime, count(*)::integer AS groups, sum(o.pupils)::bigint AS pupils
                FROM %1$I.optional_subject_groups AS o
                WHERE ($1 IS NULL OR o.centre_id = $1) AND (%6$L IS NULL OR o.school_year = %6$L)
                GROUP BY 1, 2, 3
            ), block_lessons AS MATERIALIZED (
                -- the lessons of the blocks, then their rows by the sessions'
                -- (centre_id, lesson_id) index: joined from the sessions'
                -- side, every session of a centre was tried against each of
                -- its blocks, seconds over a region unless nested loops were
                -- priced out
                SELECT b.centre_id, b.school_year, b.regime, l.id AS lesson_id
                FROM %4$s AS b
                JOIN %3$s AS l ON l.centre_id = b.centre_id AND l.school_year = b.school_year AND l.block = b.name
                WHERE ($1 IS NULL OR b.centre_id = $1) AND (%6$L IS NULL OR b.school_year = %6$L)
                  AND NOT EXISTS (SELECT FROM declared AS d
                                  WHERE d.centre_id = b.centre_id AND d.school_year = b.school_year AND d.regime = b.regime)
            ), option_rows AS (
                SELECT bl.centre_id, bl.school_year, bl.regime, bl.lesson_id, s.subject, s.group_id, s.split, s.part, s.split_half
                FROM block_lessons AS bl
                JOIN %2$s AS s ON s.centre_id = bl.centre_id AND s.lesson_id = bl.lesson_id
                WHERE s.kind <> 'recess'
            ), lesson_options AS (
                -- a lesson of a block as an option: its subject, what it takes and those pupils
                SELECT t.centre_id, t.school_year, t.regime, t.lesson_id, t.subject,
                       array_agg(t.taken ORDER BY t.taken) AS takes,
                       string_agg(t.taken_text, ', ' ORDER BY t.taken) AS takes_text,
                       sum(t.pupils) AS pupils, bool_or(t.pupils IS NULL) AS unknown
                FROM (SELECT DISTINCT o.centre_id, o.school_year, o.regime, o.lesson_id,
                             min(o.subject) OVER (PARTITION BY o.centre_id, o.lesson_id) AS subject,
                             format('%%s/%%s/%%s', o.group_id, coalesce(o.split, ''), coalesce(o.part, o.split_half::text, '')) AS taken,
                             CASE WHEN o.split IS NOT NULL THEN format($2, o.part, g.name)
                                  WHEN o.split_half IS NOT NULL THEN format($3, o.split_half, g.name) ELSE g.name END AS taken_text,
                             CASE WHEN o.split IS NOT NULL THEN gp.pupils WHEN o.split_half IS NULL THEN g.pupils END AS pupils
                      FROM option_rows AS o
                      JOIN %1$I.class_groups AS g ON g.centre_id = o.centre_id AND g.id = o.group_id
                      LEFT JOIN %5$s AS gp ON gp.centre_id = o.centre_id AND gp.group_id = o.group_id
                                          AND gp.split = o.split AND gp.part = o.part) AS t
                GROUP BY 1, 2, 3, 4, 5
            ), options AS (
                -- the same subject for the same pupils is one option, however many lessons it has
                SELECT lo.centre_id, lo.school_year, lo.regime, lo.subject, lo.takes,
                       min(lo.takes_text) AS takes_text, min(lo.pupils) AS pupils, bool_or(lo.unknown) AS unknown
                FROM lesson_options AS lo
                GROUP BY 1, 2, 3, 4, 5
            ), t AS (
                SELECT d.centre_id, d.school_year, d.regime, d.groups, d.pupils, NULL::integer AS left_out, NULL::text AS left_out_text
                FROM declared AS d
                UNION ALL
                SELECT o.centre_id, o.school_year, o.regime,
                       count(*) FILTER (WHERE NOT o.unknown)::integer, sum(o.pupils) FILTER (WHERE NOT o.unknown)::bigint,
                       count(*) FILTER (WHERE o.unknown)::integer,
                       string_agg(format('%%s (%%s)', o.subject, o.takes_text), ', ' ORDER BY o.subject, o.takes) FILTER (WHERE o.unknown)
                FROM options AS o
                GROUP BY 1, 2, 3
            )
            SELECT (ROW('optional_ratio', r.severity, schooltime.section_text(l.section), c.id, 'centre', c.id, c.name,
                       NULL::integer, NULL::date, NULL::schooltime.weektimerange,
                       round(ceil(t.pupils * 100.0 / t.groups) / 100, 2), l.max_average_pupils, 'pupils',
                       format($4, c.name, schooltime.number_words(round(ceil(t.pupils * 100.0 / t.groups) / 100, 2)), d.regime_name,
                              t.school_year, schooltime.number_words(l.max_average_pupils)),
                       CASE WHEN t.left_out IS NULL AND l.public_only
                            THEN schooltime.format_message_plural(($6)[1], ($6)[2], t.groups,
                                                                  t.groups, d.regime_name, t.school_year, t.pupils, d.max_average, d.section)
                            WHEN t.left_out IS NULL
                            THEN schooltime.format_message_plural(($5)[1], ($5)[2], t.groups,
                                                                  t.groups, d.regime_name, t.school_year, t.pupils, d.max_average, d.section)
                            WHEN l.public_only
                            THEN schooltime.format_message_plural(($8)[1], ($8)[2], t.groups,
                                                                  d.regime_name, t.school_year, t.groups, t.pupils, d.max_average, d.section)
                                 || d.left_out
                            ELSE schooltime.format_message_plural(($7)[1], ($7)[2], t.groups,
                                                                  d.regime_name, t.school_year, t.groups, t.pupils, d.max_average, d.section)
                                 || d.left_out END,
                       format($10, d.regime_name, t.pupils, ceil(t.pupils / l.max_average_pupils)),
                       NULL::bigint)::schooltime.violation).*
            FROM t
            JOIN %1$I.centres AS c ON c.id = t.centre_id
            JOIN schooltime.optional_group_limits AS l
              ON l.school_year = t.school_year AND l.regime = t.regime AND (NOT l.public_only OR c.ownership = 'public')
            JOIN schooltime.regimes AS rg ON rg.regime = t.regime
            JOIN schooltime.rules AS r ON r.code = 'optional_ratio'
            CROSS JOIN LATERAL (SELECT CASE WHEN schooltime.messages_in_catalan() THEN rg.name_ca ELSE rg.name_en END AS regime_name,
                                       schooltime.number_words(l.max_average_pupils) AS max_average,
                                       schooltime.section_text(l.section) AS section,
                                       CASE WHEN coalesce(t.left_out, 0) = 0 THEN ''
                                            ELSE ' ' || schooltime.format_message_plural(($9)[1], ($9)[2], t.left_out, t.left_out_text)
                                       END AS left_out) AS d
            WHERE t.groups > 0 AND t.pupils > l.max_average_pupils * t.groups
            ORDER BY c.id, t.school_year, t.regime
        $q$, model, sessions, lessons, blocks, group_parts, school_year)
        USING centre_id,
            -- the messages, in the session's language: format() fills them row by row
            schooltime.gettext('part "%s" of %s'),
            schooltime.gettext('half %s of %s'),
            schooltime.gettext('centre "%s" has %s pupils on average per optional-subject group of %s in %s, more than %s'),
            schooltime.message_forms('Its %s optional-subject group of %s in %s has %s pupils; the average per group is at most %s (%s).',
                                     'Its %s optional-subject groups of %s in %s have %s pupils; the average per group is at most %s (%s).'),
            schooltime.message_forms('Its %s optional-subject group of %s in %s has %s pupils; in public centres the average per group is at most %s (%s).',
                                     'Its %s optional-subject groups of %s in %s have %s pupils; in public centres the average per group is at most %s (%s).'),
            schooltime.message_forms('It declares no optional-subject groups of %s in %s, so the options of its blocks are read, each option (a subject and the parts of groups it takes) one group of its parts'' pupils (group_parts.pupils): its %s option has %s pupils; the average per group is at most %s (%s).',
                                     'It declares no optional-subject groups of %s in %s, so the options of its blocks are read, each option (a subject and the parts of groups it takes) one group of its parts'' pupils (group_parts.pupils): its %s options have %s pupils; the average per group is at most %s (%s).'),
            schooltime.message_forms('It declares no optional-subject groups of %s in %s, so the options of its blocks are read, each option (a subject and the parts of groups it takes) one group of its parts'' pupils (group_parts.pupils): its %s option has %s pupils; in public centres the average per group is at most %s (%s).',
                                     'It declares no optional-subject groups of %s in %s, so the options of its blocks are read, each option (a subject and the parts of groups it takes) one group of its parts'' pupils (group_parts.pupils): its %s options have %s pupils; in public centres the average per group is at most %s (%s).'),
            -- translator: the options whose pupils are not known, "Música (part "Música" of 4t ESO A), ..."
            schooltime.message_forms('Left out, the pupils of a part it takes not being known: %s.',
                                     'Left out, the pupils of a part each takes not being known: %s.'),
            schooltime.gettext('Open more optional-subject groups of %s or enrol fewer pupils in them: %s pupils need at least %s groups.');
    END IF;
END
$reference$;

SELECT has_function('schooltime', 'report_walk_violations', ARRAY['name', 'schooltime.school_year', 'bigint', 'bigint']);
SELECT is((SELECT source::text FROM schooltime.violation_sources WHERE name = 'timetable'),
          'schooltime.check_walk_violations(name,schooltime.school_year,bigint,bigint)', 'check() walks the model once for the timetable rules and these');
SELECT is((SELECT source::text FROM schooltime.violation_sources WHERE name = 'reports'),
          'schooltime.report_rule_violations_in_sql(name,schooltime.school_year,bigint,bigint)', 'and takes only the rest of the report-only rules from SQL');

-- A random model: two centres, a public one and a private one
SELECT schooltime.create_model('rw');
INSERT INTO rw.centres (id, code, name, ownership, territory, municipality) VALUES
    (1, '08000001', 'Institut', 'public', 'Barcelona', 'Barcelona'),
    (2, '08000002', 'Escola', 'private', 'Barcelona', 'Barcelona');
INSERT INTO rw.class_groups (centre_id, id, name, school_year, regime, level, pupils)
SELECT c, (c - 1) * 10 + g, format('%s %s', CASE WHEN g <= 6 THEN g % 4 + 1 || 'r ESO' ELSE g - 6 || 'r Batx' END, chr(64 + g)),
       '2018-2019', CASE WHEN g <= 6 THEN 'eso' ELSE 'batxillerat' END::schooltime.regime,
       CASE WHEN g <= 6 THEN g % 4 + 1 ELSE g - 6 END, 20 + (c * 7 + g * 5) % 13
FROM generate_series(1, 2) AS c, generate_series(1, 8) AS g
UNION ALL SELECT 1, 9, '1r ESO Z', '2019-2020', 'eso', 1, 30;
INSERT INTO rw.teachers (id, name, centre_id) SELECT t, 'Docent ' || t, 1 + t % 2 FROM generate_series(1, 30) AS t;
-- splits whose parts sort differently by byte and by collation, and a split of one part
INSERT INTO rw.group_parts (centre_id, group_id, split, part, pupils)
SELECT g.centre_id, g.id, s.split, s.part, 9
FROM rw.class_groups AS g
CROSS JOIN (VALUES ('idiomes', 'Francès'), ('idiomes', 'alemany'), ('idiomes', 'Anglès'), ('tallers', 'T2'), ('tallers', 'T1'),
                   ('Única', 'sola')) AS s (split, part)
WHERE s.split <> 'Única' OR g.id % 3 = 0;
CREATE TEMPORARY TABLE random_lessons ON COMMIT DROP AS
SELECT l AS id, 1 + l % 2 AS centre_id,
       schooltime.weekslot(1 + floor(random() * 5)::integer, make_time(h, 0, 0), make_time(h + 1, 0, 0)) AS slot,
       floor(random() * 9)::integer AS shape, 1 + floor(random() * 8)::integer AS g, 1 + floor(random() * 15)::integer AS t,
       (ARRAY['Tecnologia', 'Anglès', 'Física i química', 'Matemàtiques', 'Química', 'Biologia', 'Francès', 'Música',
              'Llengua catalana'])[1 + floor(random() * 9)::integer] AS subject,
       random() < 0.3 AS co_taught, (ARRAY['Francès', 'alemany', 'Anglès'])[1 + floor(random() * 3)::integer] AS part,
       (1 + floor(random() * 2))::smallint AS half, random() < 0.2 AS without_teacher
FROM (SELECT setseed(0.4242)) AS seed, generate_series(1, 600) AS l, LATERAL (SELECT 8 + floor(random() * 7)::integer + l * 0 AS h) AS hour;
SET LOCAL schooltime.enforce = off;
INSERT INTO rw.lessons (centre_id, id, school_year, slot)
SELECT l.centre_id, l.id, '2018-2019', l.slot FROM random_lessons AS l;
INSERT INTO rw.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, lesson_id, split, part, split_half)
SELECT l.centre_id, (l.centre_id - 1) * 10 + r.g, '2018-2019', g.regime, l.slot, l.subject,
       CASE WHEN NOT l.without_teacher THEN 2 * r.t - l.centre_id % 2 END, l.id, r.split, r.part, r.half
FROM random_lessons AS l
CROSS JOIN LATERAL (VALUES (0, l.g, l.t, NULL, NULL, NULL::smallint), (0, CASE WHEN l.co_taught THEN l.g END, l.t % 15 + 1, NULL, NULL, NULL),
                           (1, l.g, l.t, NULL, NULL, NULL), (1, l.g % 8 + 1, l.t, NULL, NULL, NULL),
                           (2, l.g, l.t, 'idiomes', l.part, NULL),
                           (3, l.g, l.t, NULL, NULL, l.half),
                           (4, l.g, l.t, 'tallers', 'T1', NULL), (4, l.g, l.t, 'tallers', 'T2', NULL),
                           (5, l.g, l.t, 'idiomes', l.part, NULL), (5, l.g % 8 + 1, l.t, 'idiomes', l.part, NULL),
                           (6, l.g, l.t, NULL, NULL, 1), (6, l.g, l.t, NULL, NULL, 2),
                           (7, l.g, l.t, 'idiomes', 'Francès', NULL), (7, l.g, l.t % 15 + 1, 'idiomes', 'alemany', NULL),
                           (7, l.g, l.t, 'idiomes', 'Anglès', NULL),
                           (8, l.g, l.t, 'tallers', 'T1', NULL), (8, l.g, l.t, 'tallers', 'T1', NULL)) AS r (shape, g, t, split, part, half)
JOIN rw.class_groups AS g ON g.centre_id = l.centre_id AND g.id = (l.centre_id - 1) * 10 + r.g
WHERE r.shape = l.shape AND r.g IS NOT NULL;
-- sessions that are lessons of their own, some split in halves, some recess entries
INSERT INTO rw.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, split_half, kind)
SELECT g.centre_id, g.id, g.school_year, g.regime,
       schooltime.weekslot(1 + floor(random() * 5)::integer, make_time(h, 0, 0), make_time(h + 1, 0, 0)),
       (ARRAY['Tecnologia', 'Anglès', 'Física', 'Química', 'Biologia'])[1 + floor(random() * 5)::integer],
       CASE WHEN random() < 0.9 THEN 1 + floor(random() * 30)::integer END,
       CASE WHEN random() < 0.3 THEN (1 + floor(random() * 2))::smallint END,
       CASE WHEN random() < 0.1 THEN 'recess' ELSE 'lesson' END::schooltime.session_kind
FROM generate_series(1, 170) AS k,
     LATERAL (SELECT 15 + floor(random() * 3)::integer + k * 0 AS h) AS hour,
     LATERAL (SELECT * FROM rw.class_groups AS c ORDER BY c.centre_id, c.id OFFSET (k * 7) % 17 LIMIT 1) AS g;
-- sessions whose subject's name does not say its area
INSERT INTO rw.session_subject_areas (centre_id, session_id, area)
SELECT s.centre_id, s.id, (ARRAY['technology', 'foreign_language', 'music'])[1 + s.id % 3]
FROM rw.sessions AS s WHERE s.subject = 'Música' AND s.id % 4 <> 0;
SET LOCAL schooltime.enforce = on;

-- limits within reach of the random week, requirements of every wording
UPDATE schooltime.group_teacher_limits SET max_teachers = CASE WHEN first_level = 1 THEN 4 ELSE NULL END
WHERE school_year IN ('2018-2019', '2019-2020') AND regime IN ('eso', 'batxillerat');
UPDATE schooltime.split_requirements SET min_split_sessions = 1 + length(requirement) % 3, pupils_above = CASE WHEN regime = 'batxillerat' THEN 22 END
WHERE school_year IN ('2018-2019', '2019-2020') AND regime IN ('eso', 'batxillerat');
INSERT INTO schooltime.split_requirements
    (school_year, regime, requirement, rule, subject_name, areas, first_level, last_level, pupils_above, public_only, min_split_sessions, section, source)
VALUES ('2018-2019', 'eso', 'music', 'eso_split', 'Música', '{music}', 1, 4, NULL, false, 2, '4.1.1.1', 'test'),
       ('2018-2019', 'eso', 'languages', 'eso_split', 'Llengües', '{foreign_language,catalan}', 1, 4, 24, false, 3, '4.1.1.1', 'test');

SELECT results_eq($$SELECT * FROM schooltime.report_walk_violations('rw', NULL)$$,
                  $$SELECT * FROM pg_temp.reference_walk_rules('rw', NULL)$$,
                  'the walk gives the rows the SQL gave, in its order, over the whole model');
SELECT is_empty($$SELECT c.id FROM rw.centres AS c
                  WHERE (SELECT array_agg(v::text) FROM schooltime.report_walk_violations('rw', NULL, c.id) AS v)
                        IS DISTINCT FROM (SELECT array_agg(v::text) FROM pg_temp.reference_walk_rules('rw', NULL, c.id) AS v)$$,
                'and for each centre');
SELECT is_empty($$SELECT g.id FROM rw.class_groups AS g
                  WHERE (SELECT array_agg(v::text) FROM schooltime.report_walk_violations('rw', NULL, g.centre_id, g.id) AS v)
                        IS DISTINCT FROM (SELECT array_agg(v::text) FROM pg_temp.reference_walk_rules('rw', NULL, g.centre_id, g.id) AS v)$$,
                'and for each group of its centre, its lessons'' rows in other groups counted');
SELECT is_empty($$SELECT g.id FROM rw.class_groups AS g
                  WHERE (SELECT array_agg(v::text) FROM schooltime.report_walk_violations('rw', NULL, NULL, g.id) AS v)
                        IS DISTINCT FROM (SELECT array_agg(v::text) FROM pg_temp.reference_walk_rules('rw', NULL, NULL, g.id) AS v)$$,
                'and for a group named without its centre');
SELECT is_empty($$SELECT y.school_year FROM (VALUES ('2018-2019'::schooltime.school_year), ('2019-2020')) AS y (school_year)
                  WHERE (SELECT array_agg(v::text) FROM schooltime.report_walk_violations('rw', y.school_year) AS v)
                        IS DISTINCT FROM (SELECT array_agg(v::text) FROM pg_temp.reference_walk_rules('rw', y.school_year) AS v)
                     OR (SELECT array_agg(v::text) FROM schooltime.report_walk_violations('rw', y.school_year, 1) AS v)
                        IS DISTINCT FROM (SELECT array_agg(v::text) FROM pg_temp.reference_walk_rules('rw', y.school_year, 1) AS v)$$,
                'and for each school year, of the model and of a centre');
SELECT cmp_ok((SELECT count(*) FROM schooltime.report_walk_violations('rw', '2019-2020')), '>', 0::bigint,
              'the other year has violations of its own');
SET LOCAL lc_messages = 'ca_ES.UTF-8';
SELECT results_eq($$SELECT * FROM schooltime.report_walk_violations('rw', NULL)$$,
                  $$SELECT * FROM pg_temp.reference_walk_rules('rw', NULL)$$,
                  'and in Catalan');
RESET lc_messages;

-- the comparison is not empty: every wording is there
SELECT cmp_ok((SELECT count(*) FROM schooltime.report_walk_violations('rw', NULL) WHERE rule = 'teachers_per_group'), '>', 3::bigint,
              'groups over their teachers'' limit');
SELECT cmp_ok((SELECT count(*) FROM schooltime.report_walk_violations('rw', NULL) WHERE rule = 'batx_split'), '>', 3::bigint,
              'batxillerat groups short of split sessions');
SELECT cmp_ok((SELECT count(*) FROM schooltime.report_walk_violations('rw', NULL) WHERE message LIKE '%has no split session%'), '>', 0::bigint,
              'groups with no split session of a subject');
SELECT cmp_ok((SELECT count(*) FROM schooltime.report_walk_violations('rw', NULL) WHERE message LIKE '%in its halves%'), '>', 0::bigint,
              'groups whose best split is their halves');
SELECT cmp_ok((SELECT count(*) FROM schooltime.report_walk_violations('rw', NULL) WHERE message LIKE '%in split "%'), '>', 0::bigint,
              'groups whose best split is a named one');
SELECT cmp_ok((SELECT count(*) FROM schooltime.report_walk_violations('rw', NULL)
               WHERE hint LIKE '%each part of split "%' AND detail LIKE '%; in split "%' AND detail LIKE '%pupils have%'), '>', 0::bigint,
              'details that list the named splits in use, and hints that suggest one');

-- optional_ratio: blocks whose options take whole groups, parts of splits
-- with their pupils known and not known (halves, parts of tallers whose
-- pupils are not recorded), some lessons' rows naming another subject
-- (which sorts first by collation and last by byte), and a year of centre
-- 1 that declares its optional-subject groups instead
SET LOCAL schooltime.enforce = off;
UPDATE rw.group_parts SET pupils = NULL WHERE split = 'tallers' AND part = 'T2' AND group_id % 2 = 0;
INSERT INTO rw.blocks (centre_id, school_year, name, regime)
SELECT c, '2018-2019', b, r::schooltime.regime
FROM generate_series(1, 2) AS c, (VALUES ('Optatives', 'eso'), ('Modalitat', 'batxillerat')) AS v (b, r)
UNION ALL SELECT 1, '2019-2020', 'Optatives', 'eso';
UPDATE rw.lessons AS l SET block = CASE WHEN g.regimes = '{eso}' THEN 'Optatives' ELSE 'Modalitat' END
FROM (SELECT s.centre_id, s.lesson_id, array_agg(DISTINCT s.regime) AS regimes
      FROM rw.sessions AS s WHERE s.lesson_id IS NOT NULL GROUP BY 1, 2) AS g
WHERE g.centre_id = l.centre_id AND g.lesson_id = l.id AND l.id % 3 <> 0 AND cardinality(g.regimes) = 1;
UPDATE rw.sessions SET subject = 'Àlgebra' WHERE lesson_id % 7 = 1 AND id % 2 = 0;
-- one option, two lessons: the same subject and parts
INSERT INTO rw.lessons (centre_id, id, school_year, slot, block)
SELECT l.centre_id, l.id + 1000, l.school_year, schooltime.weekslot(5, '19:00', '20:00'), l.block
FROM rw.lessons AS l WHERE l.block IS NOT NULL AND l.id % 5 = 1;
INSERT INTO rw.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, lesson_id, split, part, split_half, kind)
SELECT s.centre_id, s.group_id, s.school_year, s.regime, schooltime.weekslot(5, '19:00', '20:00'), s.subject, s.teacher_id,
       s.lesson_id + 1000, s.split, s.part, s.split_half, s.kind
FROM rw.sessions AS s JOIN rw.lessons AS l ON l.centre_id = s.centre_id AND l.id = s.lesson_id
WHERE l.block IS NOT NULL AND l.id % 5 = 1;
-- the 2019-2020 group's own sessions made options of that year's block
INSERT INTO rw.lessons (centre_id, id, school_year, slot, block)
SELECT 1, 2000 + k, '2019-2020', schooltime.weekslot(4, make_time(8 + k, 0, 0), make_time(9 + k, 0, 0)), 'Optatives'
FROM generate_series(1, 3) AS k;
INSERT INTO rw.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, lesson_id, split, part, split_half)
SELECT 1, 9, '2019-2020', 'eso', schooltime.weekslot(4, make_time(8 + k, 0, 0), make_time(9 + k, 0, 0)),
       (ARRAY['Música', 'Teatre', 'Música'])[k], k, 2000 + k, NULL, NULL, CASE WHEN k = 2 THEN 1 END::smallint
FROM generate_series(1, 3) AS k;
SET LOCAL schooltime.enforce = on;
UPDATE schooltime.optional_group_limits SET max_average_pupils = 6 WHERE school_year IN ('2018-2019', '2019-2020');

SELECT results_eq($$SELECT * FROM schooltime.report_walk_violations('rw', NULL)$$,
                  $$SELECT * FROM pg_temp.reference_walk_rules('rw', NULL)$$,
                  'with blocks, optional_ratio too: the rows the SQL gave, in its order');
SELECT is_empty($$SELECT y.school_year, c.id FROM (VALUES (NULL::schooltime.school_year), ('2018-2019'), ('2019-2020')) AS y (school_year),
                                                 rw.centres AS c
                  WHERE (SELECT array_agg(v::text) FROM schooltime.report_walk_violations('rw', y.school_year, c.id) AS v)
                        IS DISTINCT FROM (SELECT array_agg(v::text) FROM pg_temp.reference_walk_rules('rw', y.school_year, c.id) AS v)
                     OR (SELECT array_agg(v::text) FROM schooltime.report_walk_violations('rw', y.school_year) AS v)
                        IS DISTINCT FROM (SELECT array_agg(v::text) FROM pg_temp.reference_walk_rules('rw', y.school_year) AS v)$$,
                'and for each centre and each school year');
SELECT is_empty($$SELECT g.id FROM rw.class_groups AS g
                  WHERE (SELECT array_agg(v::text) FROM schooltime.report_walk_violations('rw', NULL, g.centre_id, g.id) AS v)
                        IS DISTINCT FROM (SELECT array_agg(v::text) FROM pg_temp.reference_walk_rules('rw', NULL, g.centre_id, g.id) AS v)
                     OR EXISTS (SELECT FROM schooltime.report_walk_violations('rw', NULL, g.centre_id, g.id) AS v
                                WHERE v.rule = 'optional_ratio')$$,
                'and a group''s report leaves optional_ratio out');
SET LOCAL lc_messages = 'ca_ES.UTF-8';
SELECT results_eq($$SELECT * FROM schooltime.report_walk_violations('rw', NULL)$$,
                  $$SELECT * FROM pg_temp.reference_walk_rules('rw', NULL)$$,
                  'and in Catalan');
RESET lc_messages;
SELECT cmp_ok((SELECT count(*) FROM schooltime.report_walk_violations('rw', NULL)
               WHERE rule = 'optional_ratio' AND detail LIKE 'It declares no optional-subject groups%Left out, %'), '>', 1::bigint,
              'centres over the average of their blocks'' options, some options left out');
SELECT cmp_ok((SELECT count(*) FROM (SELECT s.lesson_id FROM rw.sessions AS s JOIN rw.lessons AS l ON l.centre_id = s.centre_id AND l.id = s.lesson_id
                                     WHERE l.block IS NOT NULL GROUP BY s.centre_id, s.lesson_id
                                     HAVING count(DISTINCT s.subject) > 1 AND bool_or(s.split_half IS NOT NULL OR s.part = 'T2')) AS t),
              '>', 0::bigint, 'among them options left out whose lessons'' rows name two subjects (the least in collation order is the option''s)');
INSERT INTO rw.optional_subject_groups (centre_id, school_year, regime, level, subject, pupils)
VALUES (1, '2019-2020', 'eso', 1, 'Música', 14), (1, '2019-2020', 'eso', 1, 'Teatre', 11);
SELECT results_eq($$SELECT * FROM schooltime.report_walk_violations('rw', NULL)$$,
                  $$SELECT * FROM pg_temp.reference_walk_rules('rw', NULL)$$,
                  'a year whose groups are declared: those are read, not its blocks');
SELECT is((SELECT detail FROM schooltime.report_walk_violations('rw', '2019-2020') WHERE rule = 'optional_ratio'),
          'Its 2 optional-subject groups of ESO in 2019-2020 have 25 pupils; in public centres the average per group is at most 6 (section 4.1.1.1).',
          'the declared groups'' words');

-- check() returns each of them once
SELECT is_empty($$SELECT v.rule, v.subject_id, v.message FROM schooltime.check('rw') AS v
                  WHERE v.rule IN ('teachers_per_group', 'eso_split', 'batx_split', 'optional_ratio', 'attendance')
                  GROUP BY 1, 2, 3 HAVING count(*) > 1$$,
                'check() returns each report-only violation once');
SELECT bag_eq($$SELECT * FROM schooltime.check('rw')
                WHERE rule IN ('teachers_per_group', 'eso_split', 'batx_split', 'optional_ratio', 'attendance')$$,
              $$SELECT * FROM schooltime.report_rule_violations('rw')$$,
              'and all of those report_rule_violations() returns');
SELECT bag_eq($$SELECT * FROM schooltime.check('rw', 1)
                WHERE rule IN ('teachers_per_group', 'eso_split', 'batx_split', 'optional_ratio', 'attendance')$$,
              $$SELECT * FROM schooltime.report_rule_violations('rw', 1)$$,
              'for a centre too');
SELECT bag_eq($$SELECT * FROM schooltime.check('rw', school_year => '2019-2020')
                WHERE rule IN ('teachers_per_group', 'eso_split', 'batx_split', 'optional_ratio', 'attendance')$$,
              $$SELECT * FROM schooltime.report_rule_violations('rw', '2019-2020')$$,
              'and for a school year');

SELECT * FROM finish();
ROLLBACK;
