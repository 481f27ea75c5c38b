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

-- The report-only rules that check()'s group walk measures in C, with the
-- rows it reads anyway (src/report_rules.c): a whole region's in one read
-- of its sessions instead of a query per rule.
CREATE FUNCTION schooltime.report_walk_violations(model name, school_year schooltime.school_year,
                                                  centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
    AS 'MODULE_PATHNAME', 'report_walk_violations' LANGUAGE C STABLE;
COMMENT ON FUNCTION schooltime.report_walk_violations(name, schooltime.school_year, bigint, bigint) IS
'internal: the report-only rules measured in C over one school year of a model (NULL: every year), and one centre, one group or all (a group_id alone is every group of that id): teachers_per_group, then eso_split and batx_split, then optional_ratio (left out when a group is named; worded by optional_ratio_violations()); report_rule_violations() returns its rows with attendance''s';

-- The model the report-only rules read: named, and of this version (its
-- reports' tables made), or an error in report_rule_violations()'s words.
CREATE FUNCTION schooltime.report_rule_model(model name)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $model$
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
END
$model$;
COMMENT ON FUNCTION schooltime.report_rule_model(name) IS
'internal: raises report_rule_violations()''s error when model is NULL or holds no schooltime model of this version (no pupil_attendance table)';

-- optional_ratio (4.1.1.1) worded.  The walk (src/report_rules.c) reads
-- the sessions of the blocks' lessons of the centres that declare no
-- optional_subject_groups for a year and stage, and hands over, per centre,
-- year and stage of those blocks, its options (each distinct subject and
-- set of parts of groups it takes, of one or more lessons) whose pupils are
-- known, counted with their pupils, and those whose pupils are not known,
-- one array element per part they take, for their words; the declared
-- groups are read here.  Rows by centre, school year and stage.
CREATE FUNCTION schooltime.optional_ratio_violations(model name, school_year schooltime.school_year, centre_id bigint,
                                                     block_centres bigint[], block_years text[], block_regimes text[],
                                                     block_groups integer[], block_pupils bigint[],
                                                     unknown_blocks integer[], unknown_options integer[], unknown_subjects text[],
                                                     unknown_groups bigint[], unknown_splits text[], unknown_parts text[],
                                                     unknown_halves smallint[])
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $report$
BEGIN
    -- optional_ratio (4.1.1.1): the average of a centre's optional-subject
    -- groups, per year and stage; where the centre declares none, each
    -- distinct option of its blocks (a subject and the parts of groups it
    -- takes) is one optional-subject group, of its parts' pupils
    RETURN QUERY EXECUTE format($q$
        WITH declared AS (
            SELECT o.centre_id, o.school_year, o.regime, count(*)::integer AS groups, sum(o.pupils)::bigint AS pupils
            FROM %1$I.optional_subject_groups AS o
            WHERE ($1 IS NULL OR o.centre_id = $1) AND (%3$L IS NULL OR o.school_year = %3$L)
            GROUP BY 1, 2, 3
        ), unknown_taken AS (
            -- what each option whose pupils are not known takes, in its words
            SELECT DISTINCT u.block, u.option, u.subject,
                   format('%%s/%%s/%%s', u.group_id, coalesce(u.split, ''), coalesce(u.part, u.split_half::text, '')) AS taken,
                   CASE WHEN u.split IS NOT NULL THEN format($2, u.part, g.name)
                        WHEN u.split_half IS NOT NULL THEN format($3, u.split_half, g.name) ELSE g.name END AS taken_text
            FROM ROWS FROM (pg_catalog.unnest($16), pg_catalog.unnest($17), pg_catalog.unnest($18), pg_catalog.unnest($19),
                            pg_catalog.unnest($20), pg_catalog.unnest($21), pg_catalog.unnest($22))
                 AS u (block, option, subject, group_id, split, part, split_half)
            JOIN %1$I.class_groups AS g ON g.centre_id = ($11)[u.block] AND g.id = u.group_id
        ), unknown_options AS (
            SELECT ut.block, ut.option, min(ut.subject) AS subject, array_agg(ut.taken ORDER BY ut.taken) AS takes,
                   string_agg(ut.taken_text, ', ' ORDER BY ut.taken) AS takes_text
            FROM unknown_taken AS ut
            GROUP BY 1, 2
        ), left_out AS (
            SELECT uo.block, count(*)::integer AS left_out,
                   string_agg(format('%%s (%%s)', uo.subject, uo.takes_text), ', ' ORDER BY uo.subject, uo.takes) AS left_out_text
            FROM unknown_options AS uo
            GROUP BY 1
        ), t AS (
            SELECT d.centre_id, d.school_year, d.regime, d.groups, d.pupils, NULL::integer AS left_out, NULL::text AS left_out_text
            FROM declared AS d
            UNION ALL
            SELECT b.centre_id, b.school_year::schooltime.school_year, b.regime::schooltime.regime, b.groups,
                   CASE WHEN b.groups > 0 THEN b.pupils END, coalesce(lo.left_out, 0), lo.left_out_text
            FROM ROWS FROM (pg_catalog.unnest($11), pg_catalog.unnest($12), pg_catalog.unnest($13), pg_catalog.unnest($14),
                            pg_catalog.unnest($15)) WITH ORDINALITY AS b (centre_id, school_year, regime, groups, pupils, block)
            LEFT JOIN left_out AS lo ON lo.block = b.block
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
    $q$, model, NULL, school_year)
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
        schooltime.gettext('Open more optional-subject groups of %s or enrol fewer pupils in them: %s pupils need at least %s groups.'),
        block_centres, block_years, block_regimes, block_groups, block_pupils,
        unknown_blocks, unknown_options, unknown_subjects, unknown_groups, unknown_splits, unknown_parts, unknown_halves;
END
$report$;
COMMENT ON FUNCTION schooltime.optional_ratio_violations(name, schooltime.school_year, bigint, bigint[], text[], text[], integer[], bigint[], integer[], integer[], text[], bigint[], text[], text[], smallint[]) IS
'internal: optional_ratio''s rows for one school year of a model (NULL: every year) and one centre (NULL: all), from its optional_subject_groups and, where a centre declares none for a year and stage, from the options of its blocks the walk counted (block_*: one element per centre, year and stage, its options of known pupils and their pupils; unknown_*: one element per part an option of unknown pupils takes, unknown_blocks its index in block_*); report_walk_violations() and check() return them';

-- The report-only rule that stays in SQL: attendance, per pupil, a query
-- over its own table.  check() takes it from here (its source "reports"),
-- and the rest from the walk of its first source (check_walk_violations).
CREATE FUNCTION schooltime.report_rule_violations_in_sql(model name, school_year schooltime.school_year,
                                                         centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $report$
BEGIN
    PERFORM schooltime.report_rule_model(model);
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
END
$report$;
COMMENT ON FUNCTION schooltime.report_rule_violations_in_sql(name, schooltime.school_year, bigint, bigint) IS
'internal: the report-only rule computed in SQL, attendance, for one school year of a model (NULL: every year), and one centre, one group or all: check()''s source "reports"; report_rule_violations() returns them after those of the walk';

CREATE FUNCTION schooltime.report_rule_violations(model name, school_year schooltime.school_year,
                                                  centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $report$
BEGIN
    PERFORM schooltime.report_rule_model(model);
    -- teachers_per_group (4.2), then eso_split and batx_split (4.1.1.1),
    -- then optional_ratio (4.1.1.1, left out when a group is named):
    -- measured in check()'s group walk (src/report_rules.c says how).
    -- teachers_per_group counts the distinct teachers of every lesson the
    -- group attends, all of the lesson's rows (co-teachers, and the teachers
    -- of a lesson it shares with other groups), and of its sessions that
    -- are lessons of their own.  The split rules count, for each split of
    -- the group (its halves, and every split of group_parts), the split
    -- sessions of a subject as the fewest lessons of it any part of the
    -- split has; a lesson that takes every part of a split takes the group
    -- whole and is no split session of it; the group's figure is its best
    -- split's.
    RETURN QUERY SELECT * FROM schooltime.report_walk_violations(model, school_year, centre_id, group_id);
    RETURN QUERY SELECT * FROM schooltime.report_rule_violations_in_sql(model, school_year, centre_id, group_id);
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

-- check() reads the model once for the timetable rules and the report-only
-- rules measured in C: its first source walks for both, and its source
-- "reports" keeps only the rules computed in SQL, so that each violation
-- comes once (part 85 registers both).
CREATE FUNCTION schooltime.check_walk_violations(model name, school_year schooltime.school_year,
                                                 centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
    AS 'MODULE_PATHNAME', 'check_walk_violations' LANGUAGE C STABLE;
COMMENT ON FUNCTION schooltime.check_walk_violations(name, schooltime.school_year, bigint, bigint) IS
'internal: check()''s source "timetable", for one school year of a model (NULL: every year), and one centre, one group or all: the rows of timetable_violations() and then those of report_walk_violations() (teachers_per_group, eso_split, batx_split, optional_ratio; none in a model that upgrade_model() has not brought up to the reports), from one walk over the model';
