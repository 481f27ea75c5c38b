-- The compliance report: schooltime.check() gathers the violations of every
-- rule family of a model, each from the set-returning function that shares
-- its code with the family's triggers.  Families register themselves in
-- schooltime.violation_sources.

CREATE FUNCTION schooltime.timetable_violations(model name, centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
    AS 'MODULE_PATHNAME', 'timetable_violations' LANGUAGE C STABLE;
COMMENT ON FUNCTION schooltime.timetable_violations(name, bigint, bigint) IS
'every violation of the timetable rules in a model (or one centre, or one group): weekday, window, session_length, group_overlap, continuous, daily_max, weekly_hours, free_afternoons, fp_single_shift, primary_day, indicative_day for groups; teacher_overlap, teacher_midday, teacher_week for teachers; guard_coverage, directive_presence for centres; authorised ones carry their authorisation_id';

CREATE FUNCTION schooltime.eoi_course_violations(model name, centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $eoi$
DECLARE
    g record;
    v schooltime.violation;
BEGIN
    FOR g IN EXECUTE format(
        'SELECT g.centre_id, g.id, g.name, g.school_year FROM %I.class_groups AS g'
        ' WHERE g.regime = ANY (ARRAY[''eoi_ordinary'', ''eoi_intensive'', ''eoi_blended'']::schooltime.regime[])'
        '   AND ($1 IS NULL OR g.centre_id = $1) AND ($2 IS NULL OR g.id = $2) ORDER BY g.centre_id, g.id', model)
        USING eoi_course_violations.centre_id, eoi_course_violations.group_id
    LOOP
        BEGIN
            RETURN QUERY SELECT * FROM schooltime.eoi_course_hours_violations(model, g.centre_id, g.id);
        EXCEPTION WHEN no_data_found THEN
            -- the course hours cannot be counted: that is worth a row, not silence
            v.rule := 'eoi_course_hours';
            v.severity := (SELECT r.severity FROM schooltime.rules AS r WHERE r.code = 'eoi_course_hours');
            v.sections := 'section 2.4';
            v.centre_id := g.centre_id;
            v.subject := 'group';
            v.subject_id := g.id;
            v.subject_name := g.name;
            v.unit := 'hours';
            v.message := format('the course hours of group "%s" cannot be counted', g.name);
            GET STACKED DIAGNOSTICS v.detail = MESSAGE_TEXT, v.hint = PG_EXCEPTION_HINT;
            v.detail := v.detail || '.';
            RETURN NEXT v;
        END;
    END LOOP;
END
$eoi$;
COMMENT ON FUNCTION schooltime.eoi_course_violations(name, bigint, bigint) IS
'eoi_course_hours of every EOI group of a model (or one centre, or one group); a group whose course cannot be counted (no course dates) is reported too';

CREATE FUNCTION schooltime.calendar_source(model name, centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT v.* FROM schooltime.calendar_violations(calendar_source.model, calendar_source.centre_id) AS v
    WHERE calendar_source.group_id IS NULL
       OR (v.subject = 'group' AND v.centre_id = calendar_source.centre_id AND v.subject_id = calendar_source.group_id)
$$;
COMMENT ON FUNCTION schooltime.calendar_source(name, bigint, bigint) IS
'calendar_free_days and calendar_class_days of a model (or one centre, or one group), for schooltime.check()';

CREATE FUNCTION schooltime.outing_source(model name, centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    -- the parameters are qualified: the violation's own centre_id column would hide them
    SELECT v.* FROM schooltime.outing_violations(outing_source.model) AS v
    WHERE outing_source.group_id IS NULL
      AND (outing_source.centre_id IS NULL OR v.centre_id = outing_source.centre_id)
$$;
COMMENT ON FUNCTION schooltime.outing_source(name, bigint, bigint) IS
'the outing rules of a model (or one centre; outings are not a group''s), for schooltime.check()';

CREATE TABLE schooltime.violation_sources (
    name         text PRIMARY KEY,
    position     integer NOT NULL UNIQUE,
    source       regprocedure NOT NULL,
    description  text NOT NULL
);
COMMENT ON TABLE schooltime.violation_sources IS
'The rule families schooltime.check() gathers, in order; each source takes (model name, centre_id bigint, group_id bigint) and returns SETOF schooltime.violation. Shipped with the extension, not meant to be edited.';
GRANT SELECT ON schooltime.violation_sources TO PUBLIC;
INSERT INTO schooltime.violation_sources VALUES
    ('timetable', 10, 'schooltime.timetable_violations(name, bigint, bigint)', 'the rules of sessions, groups, teachers and centres'),
    ('eoi_course', 20, 'schooltime.eoi_course_violations(name, bigint, bigint)', 'eoi_course_hours, over the calendar'),
    ('calendar', 30, 'schooltime.calendar_source(name, bigint, bigint)', 'calendar_free_days and calendar_class_days'),
    ('outings', 40, 'schooltime.outing_source(name, bigint, bigint)', 'the rules of outings');

CREATE FUNCTION schooltime.check(model name, centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $check$
DECLARE
    source regprocedure;
BEGIN
    IF model IS NULL THEN
        RAISE EXCEPTION 'the model''s schema must be named' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF to_regclass(format('%I.sessions', model)) IS NULL THEN
        RAISE EXCEPTION 'schema % holds no schooltime model', quote_ident(model)
            USING ERRCODE = 'undefined_table', HINT = 'Create one with schooltime.create_model().';
    END IF;
    IF group_id IS NOT NULL AND centre_id IS NULL THEN
        RAISE EXCEPTION 'a group is named by its centre and its id'
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Pass the centre_id as well as the group_id.';
    END IF;
    FOR source IN SELECT s.source FROM schooltime.violation_sources AS s ORDER BY s.position LOOP
        RETURN QUERY EXECUTE format('SELECT * FROM %s($1, $2, $3)', source::regproc)
            USING model, centre_id, group_id;
    END LOOP;
END
$check$;
COMMENT ON FUNCTION schooltime.check(name, bigint, bigint) IS
'the compliance report: one row per violation of every rule schooltime knows, errors and warnings alike, in a model (or one centre, or one group), with the rule, severity, section, centre, subject, day, the measured figure and the limit, the sentence a refused write would get, and the authorisation that sets it aside, if any. It finds what the write-time checks could not see: data loaded with enforcement off, data a changed limit made non-compliant, and every approval-time and warning rule.';
