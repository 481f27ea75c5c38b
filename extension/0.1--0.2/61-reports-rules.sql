-- The report-only rules: teachers_per_group (4.2), eso_split and batx_split
-- (4.1.1.1), optional_ratio (4.1.1.1) and attendance (3.2).  Each is one
-- set-based query over a model; schooltime.check() unions their rows with
-- those of every other rule family.  None of them can be authorised
-- (schooltime.rule_exceptions has no row for them), so authorisation_id is
-- always NULL.

CREATE FUNCTION schooltime.report_rule_violations(model name, centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $report$
BEGIN
    IF model IS NULL THEN
        RAISE EXCEPTION 'the schema of the model must be named'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Call schooltime.report_rule_violations(''timetables'') with the schema create_model() was given.';
    END IF;
    IF to_regclass(format('%I.pupil_attendance', model)) IS NULL THEN
        RAISE EXCEPTION 'schema % holds no schooltime model of this version', quote_ident(model)
            USING ERRCODE = 'undefined_table',
                  HINT = CASE WHEN to_regclass(format('%I.sessions', model)) IS NULL
                              THEN 'Create one with schooltime.create_model().'
                              ELSE format('Run SELECT schooltime.upgrade_model(%L); to add what this version brings.', model) END;
    END IF;

    -- teachers_per_group (4.2): distinct teachers of a group's sessions
    RETURN QUERY EXECUTE format($q$
        SELECT (ROW('teachers_per_group', r.severity, schooltime.section_text(l.section), g.centre_id, 'group', g.id, g.name,
                   NULL::integer, NULL::date, NULL::schooltime.weektimerange,
                   t.teachers::numeric, l.max_teachers::numeric, 'teachers',
                   format('group "%%s" has %%s different teachers, more than %%s', g.name, t.teachers, l.max_teachers),
                   format('The group''s sessions have %%s different teachers; for %%s %%s in %%s the catalogue allows at most %%s, schooltime''s reading of the document''s "as few as possible, especially in the first courses" (%%s).',
                          t.teachers, rg.name_en, schooltime.course_text(l.first_level, l.last_level), g.school_year,
                          l.max_teachers, schooltime.section_text(l.section)),
                   'Give more of the group''s subjects to the same teachers, or set the figure for these courses in schooltime.group_teacher_limits.',
                   NULL::bigint)::schooltime.violation).*
        FROM (SELECT s.centre_id, s.group_id, count(DISTINCT s.teacher_id)::integer AS teachers
              FROM %1$I.sessions AS s
              WHERE s.kind <> 'recess' AND s.teacher_id IS NOT NULL
                AND ($1 IS NULL OR s.centre_id = $1) AND ($2 IS NULL OR s.group_id = $2)
              GROUP BY s.centre_id, s.group_id) AS t
        JOIN %1$I.class_groups AS g ON g.centre_id = t.centre_id AND g.id = t.group_id
        JOIN schooltime.regimes AS rg ON rg.regime = g.regime
        CROSS JOIN LATERAL (SELECT * FROM schooltime.group_teacher_limits AS gl
                            WHERE gl.school_year = g.school_year AND gl.regime = g.regime
                              AND g.level BETWEEN gl.first_level AND gl.last_level
                            ORDER BY gl.first_level DESC LIMIT 1) AS l
        JOIN schooltime.rules AS r ON r.code = 'teachers_per_group'
        WHERE t.teachers > l.max_teachers
        ORDER BY g.centre_id, g.id
    $q$, model) USING centre_id, group_id;

    -- eso_split and batx_split (4.1.1.1): split sessions of the subjects the group is taught
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
        ), ses AS (
            -- the group's sessions counted per subject (and pinned area) first:
            -- a few rows per group to classify instead of one per session
            SELECT s.centre_id, s.group_id, s.subject, p.area AS pinned, count(*) AS sessions,
                   count(*) FILTER (WHERE s.split_half = 1) AS half1,
                   count(*) FILTER (WHERE s.split_half = 2) AS half2
            FROM %1$I.sessions AS s
            LEFT JOIN %1$I.session_subject_areas AS p ON p.centre_id = s.centre_id AND p.session_id = s.id
            WHERE s.kind <> 'recess'
              AND (s.centre_id, s.group_id) IN (SELECT req.centre_id, req.group_id FROM req)
            GROUP BY s.centre_id, s.group_id, s.subject, p.area
        ), named AS MATERIALIZED (
            -- each distinct subject matched once
            SELECT n.subject, schooltime.subject_area(n.subject) AS area
            FROM (SELECT DISTINCT ses.subject FROM ses WHERE ses.pinned IS NULL) AS n
        ), counts AS (
            SELECT ses.centre_id, ses.group_id, coalesce(ses.pinned, named.area) AS area,
                   sum(ses.sessions) AS sessions, sum(ses.half1) AS half1, sum(ses.half2) AS half2
            FROM ses LEFT JOIN named ON named.subject = ses.subject AND ses.pinned IS NULL
            GROUP BY 1, 2, 3
        ), found AS (
            SELECT req.centre_id, req.group_id, req.requirement,
                   sum(k.sessions)::integer AS sessions, sum(k.half1)::integer AS half1, sum(k.half2)::integer AS half2
            FROM req JOIN counts AS k ON k.centre_id = req.centre_id AND k.group_id = req.group_id AND k.area = ANY (req.areas)
            GROUP BY 1, 2, 3
        )
        SELECT (ROW(req.rule, r.severity, schooltime.section_text(req.section), req.centre_id, 'group', req.group_id, req.name,
                   NULL::integer, NULL::date, NULL::schooltime.weektimerange,
                   least(f.half1, f.half2)::numeric, req.min_split_sessions::numeric, 'split sessions',
                   CASE WHEN least(f.half1, f.half2) = 0 AND req.min_split_sessions = 1
                        THEN format('group "%%s" has no split session of %%s', req.name, req.subject_name)
                        ELSE format('group "%%s" has %%s split session%%s of %%s a week, fewer than %%s', req.name,
                                    least(f.half1, f.half2), CASE WHEN least(f.half1, f.half2) = 1 THEN '' ELSE 's' END,
                                    req.subject_name, req.min_split_sessions) END,
                   format('%%sgroups of %%s %%s%%s have %%s of %%s a week split in two halves, each half in a session of its own; the group%%s has %%s of %%s, %%s for half 1 and %%s for half 2 (%%s).',
                          CASE WHEN req.public_only THEN 'In public centres, ' ELSE '' END,
                          rg.name_en, schooltime.course_text(req.first_level, req.last_level),
                          CASE WHEN req.pupils_above IS NOT NULL THEN format(' with more than %%s pupils', req.pupils_above) ELSE '' END,
                          CASE WHEN req.min_split_sessions = 1 THEN 'one session' ELSE req.min_split_sessions || ' sessions' END,
                          req.subject_name,
                          CASE WHEN req.pupils_above IS NOT NULL THEN format(', of %%s pupils,', req.pupils) ELSE '' END,
                          CASE WHEN f.sessions = 1 THEN '1 session' ELSE f.sessions || ' sessions' END, req.subject_name,
                          f.half1, f.half2, schooltime.section_text(req.section)),
                   format('Split %%s weekly session%%s of %%s: one session for each half of the group, with split_half 1 and 2.',
                          CASE WHEN req.min_split_sessions - least(f.half1, f.half2) = 1 THEN 'a'
                               ELSE (req.min_split_sessions - least(f.half1, f.half2))::text END,
                          CASE WHEN req.min_split_sessions - least(f.half1, f.half2) = 1 THEN '' ELSE 's' END,
                          req.subject_name),
                   NULL::bigint)::schooltime.violation).*
        FROM req
        JOIN found AS f ON f.centre_id = req.centre_id AND f.group_id = req.group_id AND f.requirement = req.requirement
        JOIN schooltime.regimes AS rg ON rg.regime = req.regime
        JOIN schooltime.rules AS r ON r.code = req.rule
        WHERE least(f.half1, f.half2) < req.min_split_sessions
        ORDER BY req.centre_id, req.group_id, req.rule, req.requirement
    $q$, model) USING centre_id, group_id;

    -- optional_ratio (4.1.1.1): the average of a centre's optional-subject groups, per year and stage
    IF group_id IS NULL THEN
        RETURN QUERY EXECUTE format($q$
            SELECT (ROW('optional_ratio', r.severity, schooltime.section_text(l.section), c.id, 'centre', c.id, c.name,
                       NULL::integer, NULL::date, NULL::schooltime.weektimerange,
                       round(ceil(t.pupils * 100.0 / t.groups) / 100, 2), l.max_average_pupils, 'pupils',
                       format('centre "%%s" has %%s pupils on average per optional-subject group of %%s in %%s, more than %%s',
                              c.name, schooltime.number_text(round(ceil(t.pupils * 100.0 / t.groups) / 100, 2)), rg.name_en, t.school_year,
                              schooltime.number_text(l.max_average_pupils)),
                       format('Its %%s optional-subject group%%s of %%s in %%s %%s %%s pupils; %%sthe average per group is at most %%s (%%s).',
                              t.groups, CASE WHEN t.groups = 1 THEN '' ELSE 's' END, rg.name_en, t.school_year,
                              CASE WHEN t.groups = 1 THEN 'has' ELSE 'have' END, t.pupils,
                              CASE WHEN l.public_only THEN 'in public centres ' ELSE '' END,
                              schooltime.number_text(l.max_average_pupils), schooltime.section_text(l.section)),
                       format('Open more optional-subject groups of %%s or enrol fewer pupils in them: %%s pupils need at least %%s groups.',
                              rg.name_en, t.pupils, ceil(t.pupils / l.max_average_pupils)),
                       NULL::bigint)::schooltime.violation).*
            FROM (SELECT o.centre_id, o.school_year, o.regime, count(*)::integer AS groups, sum(o.pupils)::bigint AS pupils
                  FROM %1$I.optional_subject_groups AS o
                  WHERE $1 IS NULL OR o.centre_id = $1
                  GROUP BY 1, 2, 3) AS t
            JOIN %1$I.centres AS c ON c.id = t.centre_id
            JOIN schooltime.optional_group_limits AS l
              ON l.school_year = t.school_year AND l.regime = t.regime AND (NOT l.public_only OR c.ownership = 'public')
            JOIN schooltime.regimes AS rg ON rg.regime = t.regime
            JOIN schooltime.rules AS r ON r.code = 'optional_ratio'
            WHERE t.pupils > l.max_average_pupils * t.groups
            ORDER BY c.id, t.school_year, t.regime
        $q$, model) USING centre_id;
    END IF;

    -- attendance (3.2): every pupil above the threshold of the group's regime and year
    RETURN QUERY EXECUTE format($q$
        SELECT (ROW('attendance', r.severity, schooltime.section_text(st.section), a.centre_id, 'pupil', a.id, a.pupil,
                   NULL::integer, NULL::date, NULL::schooltime.weektimerange,
                   st.absence_percent, st.max_absence_percent, 'percent',
                   format('pupil "%%s" of group "%%s" has missed %%s %%%% of lective time without justification, more than %%s %%%%',
                          a.pupil, g.name, schooltime.number_text(st.absence_percent), schooltime.number_text(st.max_absence_percent)),
                   format('In %%s, pupils of %%s who miss more than %%s %%%% of lective time without justification lose continuous assessment; the pupil missed %%s of %%s lective minutes (%%s).',
                          g.school_year, rg.name_en, schooltime.number_text(st.max_absence_percent),
                          schooltime.number_text(a.unjustified_minutes), schooltime.number_text(a.lective_minutes),
                          schooltime.section_text(st.section)),
                   'Record as justified the absences that were; otherwise the pupil is assessed as the centre''s rules provide for those who lose continuous assessment.',
                   NULL::bigint)::schooltime.violation).*
        FROM %1$I.pupil_attendance AS a
        JOIN %1$I.class_groups AS g ON g.centre_id = a.centre_id AND g.id = a.group_id
        JOIN schooltime.attendance_thresholds AS th ON th.school_year = g.school_year AND th.regime = g.regime
        CROSS JOIN LATERAL schooltime.attendance_status(g.regime, g.school_year, a.lective_minutes, a.unjustified_minutes) AS st
        JOIN schooltime.regimes AS rg ON rg.regime = g.regime
        JOIN schooltime.rules AS r ON r.code = 'attendance'
        WHERE ($1 IS NULL OR a.centre_id = $1) AND ($2 IS NULL OR a.group_id = $2)
          AND NOT st.keeps_continuous_assessment
        ORDER BY a.centre_id, a.group_id, a.id
    $q$, model) USING centre_id, group_id;
END
$report$;
COMMENT ON FUNCTION schooltime.report_rule_violations(name, bigint, bigint) IS
'every violation of the report-only rules in a model, for one centre, one group or all: teachers_per_group (4.2), eso_split and batx_split (4.1.1.1), optional_ratio (4.1.1.1, one row per centre, year and stage; left out when a group is named) and attendance (3.2, one row per pupil); severity from schooltime.rules, figures from the catalogue; schooltime.check() includes them';

INSERT INTO schooltime.violation_sources VALUES
    ('reports', 60, 'schooltime.report_rule_violations(name, bigint, bigint)',
     'the report-only rules: teachers_per_group, eso_split, batx_split, optional_ratio, attendance');
