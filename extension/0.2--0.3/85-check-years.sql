-- check() for one school year (issue 15).  A department keeps its years in
-- one model: every source of schooltime.violation_sources takes the year
-- and reads that year's rows alone, (model name, school_year, centre_id,
-- group_id), NULL meaning every year as in 0.2.  The 0.2 sources keep their
-- names and (model, centre_id, group_id) arguments and read every year; the
-- two forms cannot be confused, a call naming no year having no match among
-- the first (their school_year has no default).

CREATE FUNCTION schooltime.timetable_violations(model name, school_year schooltime.school_year,
                                                centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
AS 'MODULE_PATHNAME', 'timetable_violations' LANGUAGE C STABLE;
COMMENT ON FUNCTION schooltime.timetable_violations(name, schooltime.school_year, bigint, bigint) IS
'every violation of the rules of sessions, groups, teachers and centres (row, set and approval rules, and the warnings) in one school year of a model (NULL: every year), or of one centre, or one group; a teacher''s week is every row of theirs in that year, at whatever centre';

CREATE FUNCTION schooltime.calendar_violations(model name, centre_id bigint, school_year schooltime.school_year)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $violations$
DECLARE
    c bigint;
    y schooltime.school_year;
BEGIN
    IF to_regclass(format('%I.free_days', model)) IS NULL THEN
        PERFORM schooltime.calendar_centre(model, coalesce(calendar_violations.centre_id, 0));
    END IF;
    -- only the centres with calendar rows of their own can break a calendar
    -- rule (free days, course dates, dated activities): one set-based query
    -- instead of three per centre of the region
    FOR c IN EXECUTE format('SELECT ce.id FROM %1$I.centres AS ce WHERE ($1 IS NULL OR ce.id = $1)'
                            ' AND (ce.id IN (SELECT f.centre_id FROM %1$I.free_days AS f WHERE $2 IS NULL OR f.school_year = $2)'
                            '   OR ce.id IN (SELECT d.centre_id FROM %1$I.course_dates AS d WHERE $2 IS NULL OR d.school_year = $2)'
                            '   OR ce.id IN (SELECT a.centre_id FROM %1$I.dated_activities AS a WHERE $2 IS NULL OR a.school_year = $2))'
                            ' ORDER BY ce.id', model)
             USING calendar_violations.centre_id, calendar_violations.school_year
    LOOP
        FOR y IN EXECUTE format('SELECT DISTINCT f.school_year FROM %I.free_days AS f'
                                ' WHERE f.centre_id = $1 AND ($2 IS NULL OR f.school_year = $2) ORDER BY 1', model)
                 USING c, calendar_violations.school_year
        LOOP
            RETURN QUERY SELECT (f.finding).* FROM schooltime.free_day_findings(model, c, y) AS f;
        END LOOP;
        RETURN QUERY SELECT (f.finding).* FROM schooltime.class_day_findings(model, c) AS f
                     WHERE calendar_violations.school_year IS NULL OR f.school_year = calendar_violations.school_year;
    END LOOP;
END
$violations$;
COMMENT ON FUNCTION schooltime.calendar_violations(name, bigint, schooltime.school_year) IS
'every violation of the calendar rules (calendar_free_days, calendar_class_days) in a model, for one centre or all (NULL), in one school year or all (NULL); the same findings the write-time triggers raise, with authorised ones carrying their authorisation_id';

CREATE OR REPLACE FUNCTION schooltime.calendar_violations(model name, centre_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM schooltime.calendar_violations(model, centre_id, NULL::schooltime.school_year) $$;

CREATE FUNCTION schooltime.calendar_source(model name, school_year schooltime.school_year,
                                           centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    -- the parameters are qualified: the violation's own centre_id column would hide them
    SELECT v.* FROM schooltime.calendar_violations(calendar_source.model, calendar_source.centre_id, calendar_source.school_year) AS v
    WHERE calendar_source.group_id IS NULL
       OR (v.subject = 'group' AND v.centre_id = calendar_source.centre_id AND v.subject_id = calendar_source.group_id)
$$;
COMMENT ON FUNCTION schooltime.calendar_source(name, schooltime.school_year, bigint, bigint) IS
'calendar_free_days and calendar_class_days of one school year of a model (NULL: every year), or of one centre, or one group, for schooltime.check()';

CREATE OR REPLACE FUNCTION schooltime.calendar_source(model name, centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM schooltime.calendar_source(model, NULL::schooltime.school_year, centre_id, group_id) $$;

CREATE FUNCTION schooltime.outing_source(model name, school_year schooltime.school_year,
                                         centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $source$
BEGIN
    -- outings are not a group's
    IF outing_source.group_id IS NOT NULL THEN
        RETURN;
    END IF;
    -- every row is an outing's (subject 'outing'): the year is its outing's
    RETURN QUERY EXECUTE format(
        'SELECT v.* FROM schooltime.outing_violations($1) AS v'
        ' WHERE ($2 IS NULL OR v.centre_id OPERATOR(pg_catalog.=) $2)'
        '   AND ($3 IS NULL OR v.subject_id IN (SELECT o.id FROM %I.outings AS o WHERE o.school_year OPERATOR(pg_catalog.=) $3))',
        model)
        USING outing_source.model, outing_source.centre_id, outing_source.school_year;
END
$source$;
COMMENT ON FUNCTION schooltime.outing_source(name, schooltime.school_year, bigint, bigint) IS
'the outing rules of one school year of a model (NULL: every year), or of one centre (outings are not a group''s), for schooltime.check()';

CREATE OR REPLACE FUNCTION schooltime.outing_source(model name, centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM schooltime.outing_source(model, NULL::schooltime.school_year, centre_id, group_id) $$;

UPDATE schooltime.violation_sources AS s
SET source = v.source::regprocedure
FROM (VALUES ('timetable', 'schooltime.check_walk_violations(name, schooltime.school_year, bigint, bigint)'),
             ('eoi_course', 'schooltime.eoi_course_violations(name, schooltime.school_year, bigint, bigint)'),
             ('calendar', 'schooltime.calendar_source(name, schooltime.school_year, bigint, bigint)'),
             ('outings', 'schooltime.outing_source(name, schooltime.school_year, bigint, bigint)'),
             ('reports', 'schooltime.report_rule_violations_in_sql(name, schooltime.school_year, bigint, bigint)')) AS v (name, source)
WHERE s.name = v.name;
-- the timetable source's walk gives the report-only rules measured in C
-- (part 60): the reports source gives the rest, so each comes once
UPDATE schooltime.violation_sources
SET description = CASE name
        WHEN 'timetable' THEN 'the rules of sessions, groups, teachers and centres, and the report-only rules measured with them: teachers_per_group, eso_split, batx_split, optional_ratio'
        ELSE 'the report-only rule computed in SQL: attendance (the timetable source gives the others)' END
WHERE name IN ('timetable', 'reports');
COMMENT ON TABLE schooltime.violation_sources IS
'The rule families schooltime.check() gathers, in order; each source takes (model name, school_year schooltime.school_year, centre_id bigint, group_id bigint), a NULL meaning every year, every centre or every group, and returns SETOF schooltime.violation. Shipped with the extension, not meant to be edited.';

-- The compliance views are of the current school year: a department keeps
-- its past years in the model, and what it acts on is this year's.  A past
-- year is schooltime.check(model, school_year => ...) away.  The views keep
-- 0.2's columns: model part "reports" (before this one) replaces them with
-- 0.2's definitions when a model is upgraded, and a view can be replaced
-- only by one with the same columns.
CREATE FUNCTION schooltime.model_part_compliance_years(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $part$
BEGIN
    EXECUTE format($sql$
        CREATE OR REPLACE VIEW %1$I.compliance_by_centre AS
        WITH v AS (SELECT * FROM schooltime.check(%2$L, schooltime.current_school_year())),
             per_rule AS (SELECT v.centre_id, v.rule, count(*) AS n FROM v
                          WHERE v.authorisation_id IS NULL GROUP BY v.centre_id, v.rule)
        SELECT c.id AS centre_id, c.code, c.name, c.territory,
               (SELECT count(*) FROM %1$I.class_groups AS g
                WHERE g.centre_id = c.id AND g.school_year = schooltime.current_school_year()) AS groups,
               count(v.rule) FILTER (WHERE v.authorisation_id IS NULL) AS violations,
               count(v.rule) FILTER (WHERE v.authorisation_id IS NULL AND v.severity = 'error') AS errors,
               count(v.rule) FILTER (WHERE v.authorisation_id IS NULL AND v.severity = 'warning') AS warnings,
               count(v.rule) FILTER (WHERE v.authorisation_id IS NOT NULL) AS authorised,
               coalesce((SELECT jsonb_object_agg(p.rule, p.n) FROM per_rule AS p WHERE p.centre_id = c.id), '{}') AS by_rule
        FROM %1$I.centres AS c
        LEFT JOIN v ON v.centre_id = c.id
        GROUP BY c.id;
        COMMENT ON VIEW %1$I.compliance_by_centre IS 'Compliance of each centre in the current school year (schooltime.check() of schooltime.current_school_year()): its class groups of the year, its violations (errors and warnings, and per rule in by_rule) and, apart, the authorised exceptions.';

        CREATE OR REPLACE VIEW %1$I.compliance_by_centre_rule AS
        SELECT c.id AS centre_id, c.name AS centre_name, c.territory, v.rule, v.severity,
               count(*) FILTER (WHERE v.authorisation_id IS NULL) AS violations,
               count(*) FILTER (WHERE v.authorisation_id IS NOT NULL) AS authorised
        FROM schooltime.check(%2$L, schooltime.current_school_year()) AS v
        JOIN %1$I.centres AS c ON c.id = v.centre_id
        GROUP BY c.id, v.rule, v.severity;
        COMMENT ON VIEW %1$I.compliance_by_centre_rule IS 'For each centre and each rule it breaks in the current school year (schooltime.check() of schooltime.current_school_year()): the rule''s severity, its violations, and apart the authorised exceptions.';

        CREATE OR REPLACE VIEW %1$I.compliance_by_rule AS
        WITH v AS (SELECT * FROM schooltime.check(%2$L, schooltime.current_school_year()))
        SELECT r.code AS rule, r.severity, schooltime.section_text(array_to_string(r.sections, ', ')) AS sections, r.subject,
               count(v.rule) FILTER (WHERE v.authorisation_id IS NULL) AS violations,
               count(v.rule) FILTER (WHERE v.authorisation_id IS NOT NULL) AS authorised,
               count(DISTINCT v.centre_id) FILTER (WHERE v.authorisation_id IS NULL) AS centres,
               count(DISTINCT (v.subject, v.subject_id)) FILTER (WHERE v.rule IS NOT NULL AND v.authorisation_id IS NULL) AS subjects
        FROM schooltime.rules AS r
        LEFT JOIN v ON v.rule = r.code
        GROUP BY r.code;
        COMMENT ON VIEW %1$I.compliance_by_rule IS 'Every rule of schooltime.rules across the whole model in the current school year (schooltime.check() of schooltime.current_school_year()): its violations, the centres and the subjects (groups, teachers, outings, pupils...) that break it, and apart the authorised exceptions.';

        CREATE OR REPLACE VIEW %1$I.compliance_by_territory_rule AS
        SELECT c.territory, v.rule, v.severity,
               count(*) FILTER (WHERE v.authorisation_id IS NULL) AS violations,
               count(*) FILTER (WHERE v.authorisation_id IS NOT NULL) AS authorised,
               count(DISTINCT v.centre_id) FILTER (WHERE v.authorisation_id IS NULL) AS centres
        FROM schooltime.check(%2$L, schooltime.current_school_year()) AS v
        JOIN %1$I.centres AS c ON c.id = v.centre_id
        GROUP BY c.territory, v.rule, v.severity;
        COMMENT ON VIEW %1$I.compliance_by_territory_rule IS 'For each territory (centres.territory) and each rule broken there in the current school year (schooltime.check() of schooltime.current_school_year()): the violations, the centres that break it, and apart the authorised exceptions.';
    $sql$, schema_name, schema_name);
END
$part$;
COMMENT ON FUNCTION schooltime.model_part_compliance_years(name) IS
'model part "compliance_years": the compliance views (compliance_by_centre, compliance_by_centre_rule, compliance_by_rule, compliance_by_territory_rule) of the current school year, schooltime.current_school_year(), with 0.2''s columns';
INSERT INTO schooltime.model_parts (name, position, builder, description) VALUES
    ('compliance_years', 61, 'schooltime.model_part_compliance_years(name)',
     'the compliance views report the current school year');
