-- The report-only rules read lessons, blocks and parts (issue 12):
-- teachers_per_group counts every teacher of every lesson a group attends;
-- eso_split and batx_split count a split session for each split of the
-- group, its halves and every split of group_parts; optional_ratio, for a
-- centre that declares no optional_subject_groups, averages the options of
-- its blocks.  doc/reports.md says how each reads the shapes.

-- A model made by an earlier version keeps working until its owner runs
-- upgrade_model(): the reports read its sessions as lessons of their own,
-- with no parts, lessons or blocks.
CREATE FUNCTION schooltime.lesson_relation(model name, relation text)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $relation$
DECLARE
    sessions regclass := to_regclass(format('%I.sessions', model));
    missing text[];
BEGIN
    IF relation = 'sessions' THEN
        SELECT array_agg(format('NULL::%s AS %I', c.type_name, c.column_name) ORDER BY c.n) INTO missing
        FROM (VALUES (1, 'lesson_id', 'bigint'), (2, 'split', 'text'), (3, 'part', 'text')) AS c (n, column_name, type_name)
        WHERE NOT EXISTS (SELECT FROM pg_attribute AS a
                          WHERE a.attrelid = sessions AND a.attname = c.column_name AND NOT a.attisdropped);
        IF missing IS NULL THEN
            RETURN format('%I.sessions', model);
        END IF;
        RETURN format('(SELECT s.*, %s FROM %I.sessions AS s)', array_to_string(missing, ', '), model);
    ELSIF relation IN ('group_parts', 'lessons', 'blocks') THEN
        IF to_regclass(format('%I.%I', model, relation)) IS NOT NULL THEN
            RETURN format('%I.%I', model, relation);
        END IF;
        RETURN CASE relation
            WHEN 'group_parts' THEN '(SELECT NULL::bigint AS centre_id, NULL::bigint AS group_id, NULL::text AS split, '
                                    'NULL::text AS part, NULL::integer AS pupils WHERE false)'
            WHEN 'lessons' THEN '(SELECT NULL::bigint AS centre_id, NULL::bigint AS id, NULL::schooltime.school_year AS school_year, '
                                'NULL::schooltime.weekslot AS slot, NULL::text AS block, NULL::text AS external_id, '
                                'NULL::text AS description WHERE false)'
            ELSE '(SELECT NULL::bigint AS centre_id, NULL::schooltime.school_year AS school_year, NULL::text AS name, '
                 'NULL::schooltime.regime AS regime, NULL::text AS description WHERE false)' END;
    END IF;
    RAISE EXCEPTION USING MESSAGE = schooltime.format_message('unknown relation "%s" of a model', relation),
        ERRCODE = 'invalid_parameter_value',
        HINT = schooltime.gettext('Name sessions, group_parts, lessons or blocks.');
END
$relation$;
COMMENT ON FUNCTION schooltime.lesson_relation(name, text) IS
'internal: a FROM item that reads a model''s sessions, group_parts, lessons or blocks with the columns version 0.3 gives them, also in a model an earlier version made and upgrade_model() has not brought up yet (its sessions have no lesson, split or part, and it has no parts, lessons or blocks)';

COMMENT ON COLUMN schooltime.group_teacher_limits.max_teachers IS
'most distinct teachers of the lessons a group attends (every teacher of each lesson, co-teachers and those of lessons shared with other groups included; recess entries not counted); NULL: no limit';

CREATE FUNCTION schooltime.series_text(items text[])
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN cardinality(items) <= 1 THEN items[1]
                ELSE array_to_string(items[1:cardinality(items) - 1], ', ') || ' and ' || items[cardinality(items)] END
$$;
COMMENT ON FUNCTION schooltime.series_text(text[]) IS
'internal: items as a sentence lists them, ''a'', ''a and b'', ''a, b and c''';

CREATE FUNCTION schooltime.report_rule_violations(model name, school_year schooltime.school_year,
                                                  centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $report$
DECLARE
    sessions text;
    group_parts text;
    lessons text;
    blocks text;
    nestloop_before text;
    jit_before text;
BEGIN
    IF model IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.gettext('the schema of the model must be named'),
            ERRCODE = 'null_value_not_allowed',
            HINT = schooltime.gettext('Call schooltime.report_rule_violations(''timetables'') with the schema create_model() was given.');
    END IF;
    IF to_regclass(format('%I.pupil_attendance', model)) IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('schema %s holds no schooltime model of this version', quote_ident(model)),
            ERRCODE = 'undefined_table',
            HINT = CASE WHEN to_regclass(format('%I.sessions', model)) IS NULL
                        THEN schooltime.gettext('Create one with schooltime.create_model().')
                        ELSE schooltime.format_message('Run SELECT schooltime.upgrade_model(%s); to add what this version brings.', quote_literal(model)) END;
    END IF;
    sessions := schooltime.lesson_relation(model, 'sessions');
    group_parts := schooltime.lesson_relation(model, 'group_parts');
    lessons := schooltime.lesson_relation(model, 'lessons');
    blocks := schooltime.lesson_relation(model, 'blocks');
    -- Over a whole region every query below aggregates every group, and the
    -- row counts of its steps are guesses (aggregates of aggregates): a guess
    -- of one row made the planner loop over the steps' results, quadratic
    -- in the groups (the split rules ran for more than 20 minutes over 5,000
    -- centres whose empty optional tables had never been analysed, and in
    -- 11 s without loops).  For one centre or group the loops over indexes
    -- are the fast plan, so they are left alone.  Loops are priced out, not
    -- forbidden, and that price would also push every small model's plan
    -- past jit_above_cost, compiling each query for nothing: JIT goes with
    -- them.  Both settings are put back before returning (transaction-local,
    -- so an error undoes them with the statement's subtransaction or
    -- transaction).
    IF report_rule_violations.centre_id IS NULL THEN
        nestloop_before := current_setting('enable_nestloop');
        jit_before := current_setting('jit');
        PERFORM set_config('enable_nestloop', 'off', true);
        PERFORM set_config('jit', 'off', true);
    END IF;

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
            ), option_rows AS (
                SELECT b.centre_id, b.school_year, b.regime, l.id AS lesson_id, s.subject, s.group_id, s.split, s.part, s.split_half
                FROM %4$s AS b
                JOIN %3$s AS l ON l.centre_id = b.centre_id AND l.school_year = b.school_year AND l.block = b.name
                JOIN %2$s AS s ON s.centre_id = l.centre_id AND s.lesson_id = l.id
                WHERE ($1 IS NULL OR b.centre_id = $1) AND (%6$L IS NULL OR b.school_year = %6$L) AND s.kind <> 'recess'
                  AND NOT EXISTS (SELECT FROM declared AS d
                                  WHERE d.centre_id = b.centre_id AND d.school_year = b.school_year AND d.regime = b.regime)
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

    -- attendance (3.2): every pupil above the threshold of the group's regime and year
    RETURN QUERY EXECUTE format($q$
        SELECT (ROW('attendance', r.severity, schooltime.section_text(st.section), a.centre_id, 'pupil', a.id, a.pupil,
                   NULL::integer, NULL::date, NULL::schooltime.weektimerange,
                   st.absence_percent, st.max_absence_percent, 'percent',
                   format($3, a.pupil, g.name, schooltime.number_words(st.absence_percent), schooltime.number_words(st.max_absence_percent)),
                   format($4, g.school_year, CASE WHEN schooltime.messages_in_catalan() THEN rg.name_ca ELSE rg.name_en END,
                          schooltime.number_words(st.max_absence_percent),
                          schooltime.number_words(a.unjustified_minutes), schooltime.number_words(a.lective_minutes),
                          schooltime.section_text(st.section)),
                   $5,
                   NULL::bigint)::schooltime.violation).*
        FROM %1$I.pupil_attendance AS a
        JOIN %1$I.class_groups AS g ON g.centre_id = a.centre_id AND g.id = a.group_id
        JOIN schooltime.attendance_thresholds AS th ON th.school_year = g.school_year AND th.regime = g.regime
        CROSS JOIN LATERAL schooltime.attendance_status(g.regime, g.school_year, a.lective_minutes, a.unjustified_minutes) AS st
        JOIN schooltime.regimes AS rg ON rg.regime = g.regime
        JOIN schooltime.rules AS r ON r.code = 'attendance'
        WHERE ($1 IS NULL OR a.centre_id = $1) AND ($2 IS NULL OR a.group_id = $2)
          AND (%2$L IS NULL OR g.school_year = %2$L)
          AND NOT st.keeps_continuous_assessment
        ORDER BY a.centre_id, a.group_id, a.id
    $q$, model, school_year)
    USING centre_id, group_id,
        -- the messages, in the session's language: format() fills them row by row
        schooltime.gettext('pupil "%s" of group "%s" has missed %s %% of lective time without justification, more than %s %%'),
        schooltime.gettext('In %s, pupils of %s who miss more than %s %% of lective time without justification lose continuous assessment; the pupil missed %s of %s lective minutes (%s).'),
        schooltime.gettext('Record as justified the absences that were; otherwise the pupil is assessed as the centre''s rules provide for those who lose continuous assessment.');
    IF nestloop_before IS NOT NULL THEN
        PERFORM set_config('enable_nestloop', nestloop_before, true);
        PERFORM set_config('jit', jit_before, true);
    END IF;
END
$report$;
COMMENT ON FUNCTION schooltime.report_rule_violations(name, schooltime.school_year, bigint, bigint) IS
'every violation of the report-only rules in a model, for one school year (NULL: every year), and one centre, one group or all: teachers_per_group (4.2; every teacher of every lesson the group attends), eso_split and batx_split (4.1.1.1; the best of the group''s splits, its halves and those of group_parts), optional_ratio (4.1.1.1, one row per centre, year and stage, of its optional_subject_groups or, if it declares none, of the options of its blocks; left out when a group is named) and attendance (3.2, one row per pupil); severity from schooltime.rules, figures from the catalogue; schooltime.check() includes them';

CREATE OR REPLACE FUNCTION schooltime.report_rule_violations(model name, centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM schooltime.report_rule_violations(model, NULL::schooltime.school_year, centre_id, group_id) $$;
COMMENT ON FUNCTION schooltime.report_rule_violations(name, bigint, bigint) IS
'every violation of the report-only rules in a model, of every school year, for one centre, one group or all: schooltime.report_rule_violations(model, school_year, centre_id, group_id) with no year';
