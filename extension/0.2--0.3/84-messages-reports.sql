-- Messages in the language of the session (issue 17), continued: check()
-- and its EOI source, attendance, teachers' hours and the week grids'
-- language, functions of 0.1--0.2 unchanged but for their messages.

CREATE FUNCTION schooltime.eoi_course_violations(model name, school_year schooltime.school_year,
                                                 centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
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
        '   AND ($1 IS NULL OR g.centre_id = $1) AND ($2 IS NULL OR g.id = $2)'
        '   AND ($3 IS NULL OR g.school_year = $3) ORDER BY g.centre_id, g.id', model)
        USING eoi_course_violations.centre_id, eoi_course_violations.group_id, eoi_course_violations.school_year
    LOOP
        BEGIN
            RETURN QUERY SELECT * FROM schooltime.eoi_course_hours_violations(model, g.centre_id, g.id);
        EXCEPTION WHEN no_data_found THEN
            -- the course hours cannot be counted: that is worth a row, not silence
            v.rule := 'eoi_course_hours';
            v.severity := (SELECT r.severity FROM schooltime.rules AS r WHERE r.code = 'eoi_course_hours');
            v.sections := schooltime.format_message('section %s', '2.4');
            v.centre_id := g.centre_id;
            v.subject := 'group';
            v.subject_id := g.id;
            v.subject_name := g.name;
            v.unit := 'hours';
            v.message := schooltime.format_message('the course hours of group "%s" cannot be counted', g.name);
            GET STACKED DIAGNOSTICS v.detail = MESSAGE_TEXT, v.hint = PG_EXCEPTION_HINT;
            v.detail := v.detail || '.';
            RETURN NEXT v;
        END;
    END LOOP;
END
$eoi$;
COMMENT ON FUNCTION schooltime.eoi_course_violations(name, schooltime.school_year, bigint, bigint) IS
'eoi_course_hours of every EOI group of a model in one school year (NULL: every year), or of one centre, or one group; a group whose course cannot be counted (no course dates) is reported too';

CREATE OR REPLACE FUNCTION schooltime.eoi_course_violations(model name, centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM schooltime.eoi_course_violations(model, NULL::schooltime.school_year, centre_id, group_id) $$;

CREATE FUNCTION schooltime.check(model name, school_year schooltime.school_year,
                                 centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $check$
DECLARE
    source regprocedure;
BEGIN
    IF model IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.gettext('the model''s schema must be named'), ERRCODE = 'null_value_not_allowed';
    END IF;
    IF to_regclass(format('%I.sessions', model)) IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('schema %s holds no schooltime model', quote_ident(model)),
            ERRCODE = 'undefined_table', HINT = schooltime.gettext('Create one with schooltime.create_model().');
    END IF;
    IF group_id IS NOT NULL AND centre_id IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.gettext('a group is named by its centre and its id'),
            ERRCODE = 'invalid_parameter_value', HINT = schooltime.gettext('Pass the centre_id as well as the group_id.');
    END IF;
    FOR source IN SELECT s.source FROM schooltime.violation_sources AS s ORDER BY s.position LOOP
        RETURN QUERY EXECUTE format('SELECT * FROM %s($1, $2, $3, $4)', source::regproc)
            USING model, school_year, centre_id, group_id;
    END LOOP;
END
$check$;
COMMENT ON FUNCTION schooltime.check(name, schooltime.school_year, bigint, bigint) IS
'the compliance report of one school year: one row per violation of every rule schooltime knows, errors and warnings alike, in the year''s rows of a model (or of one centre, or one group), as schooltime.check(model, centre_id, group_id) gives them for every year; called as check(''timetables'', school_year => ''2026-2027''), or with schooltime.current_school_year(); a NULL year is every year. Each source of schooltime.violation_sources reads that year''s rows alone';

CREATE OR REPLACE FUNCTION schooltime.check(model name, centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM schooltime.check(model, NULL::schooltime.school_year, centre_id, group_id) $$;

CREATE OR REPLACE FUNCTION schooltime.attendance_status(regime schooltime.regime, school_year text,
                                             lective_minutes numeric, unjustified_minutes numeric,
                                             OUT absence_percent numeric, OUT max_absence_percent numeric,
                                             OUT keeps_continuous_assessment boolean, OUT section text)
RETURNS record
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $status$
DECLARE
    threshold schooltime.attendance_thresholds;
BEGIN
    IF school_year !~ '^[0-9]{4}-[0-9]{4}$'
       OR substr(school_year, 6, 4)::integer <> substr(school_year, 1, 4)::integer + 1 THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('invalid school year "%s"', school_year),
                  ERRCODE = 'invalid_text_representation',
                  DETAIL = schooltime.gettext('A school year is written as in the orders, such as 2018-2019.');
    END IF;
    IF lective_minutes < 0 OR unjustified_minutes < 0 THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.gettext('lective and unjustified absent minutes cannot be negative'),
                  ERRCODE = 'invalid_parameter_value',
                  DETAIL = schooltime.format_message('Lective minutes: %s; unjustified absent minutes: %s.', lective_minutes, unjustified_minutes),
                  HINT = schooltime.gettext('Pass the minutes of lective time the pupil had so far and the minutes of it missed without justification.');
    END IF;
    IF unjustified_minutes > lective_minutes THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('unjustified absent minutes (%s) exceed the lective minutes (%s)',
                                                                  unjustified_minutes, lective_minutes),
                  ERRCODE = 'invalid_parameter_value',
                  DETAIL = schooltime.gettext('A pupil cannot miss more lective time than there was.'),
                  HINT = schooltime.gettext('Count the absences over the same stretch of the course as the lective minutes.');
    END IF;
    SELECT * INTO threshold FROM schooltime.attendance_thresholds AS t
    WHERE t.school_year = attendance_status.school_year AND t.regime = attendance_status.regime;
    IF NOT FOUND AND NOT EXISTS (SELECT FROM schooltime.attendance_thresholds AS t
                                 WHERE t.school_year = attendance_status.school_year) THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('the catalogue has no attendance thresholds for school year %s', school_year),
                  ERRCODE = 'no_data_found',
                  HINT = schooltime.gettext('Insert the year''s rows into schooltime.attendance_thresholds, or call schooltime.carry_over_school_year().');
    END IF;
    -- Rounded up to hundredths, so that a share shown above the threshold
    -- is one that loses continuous assessment, and one shown at it keeps it.
    absence_percent := CASE WHEN lective_minutes = 0 THEN 0.00
                            ELSE round(ceil(unjustified_minutes * 10000 / lective_minutes) / 100, 2) END;
    IF threshold.regime IS NULL THEN
        RETURN;
    END IF;
    max_absence_percent := threshold.max_absence_percent;
    keeps_continuous_assessment := NOT (unjustified_minutes * 100 > threshold.max_absence_percent * lective_minutes);
    section := threshold.section;
END
$status$;

CREATE OR REPLACE FUNCTION schooltime.teacher_hours(model name, for_school_year schooltime.school_year DEFAULT NULL,
                                         for_teacher_id bigint DEFAULT NULL)
RETURNS TABLE (teacher_id bigint, teacher_name text, centre_id bigint, school_year schooltime.school_year,
               lesson_minutes integer, duty_minutes integer, total_minutes integer, limit_minutes integer,
               over_limit boolean, midday_days integer[])
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $hours$
BEGIN
    IF model IS NULL OR to_regclass(format('%I.duties', model)) IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('schema %s holds no schooltime model', coalesce(quote_ident(model), 'NULL')),
                  ERRCODE = 'undefined_table',
                  HINT = schooltime.gettext('Name the schema create_model() was given.');
    END IF;
    RETURN QUERY EXECUTE format($q$
        WITH items AS (
            SELECT s.teacher_id, s.school_year, s.slot, false AS is_duty
            FROM %1$I.sessions AS s
            WHERE s.teacher_id IS NOT NULL AND ($1 IS NULL OR s.school_year = $1) AND ($2 IS NULL OR s.teacher_id = $2)
            UNION ALL
            SELECT d.teacher_id, d.school_year, d.slot, true
            FROM %1$I.duties AS d
            WHERE ($1 IS NULL OR d.school_year = $1) AND ($2 IS NULL OR d.teacher_id = $2)
        ), weeks AS (
            SELECT i.teacher_id, i.school_year,
                   array_agg(i.slot) FILTER (WHERE NOT i.is_duty) AS lessons,
                   array_agg(i.slot) FILTER (WHERE i.is_duty) AS duties
            FROM items AS i
            GROUP BY i.teacher_id, i.school_year
        )
        SELECT t.id, t.name, t.centre_id, w.school_year::schooltime.school_year,
               f.lesson_minutes, f.duty_minutes, f.total_minutes, f.limit_minutes,
               f.total_minutes > f.limit_minutes, f.midday_days
        FROM weeks AS w
        JOIN %1$I.teachers AS t ON t.id = w.teacher_id
        CROSS JOIN LATERAL schooltime.teacher_week_figures(w.lessons, w.duties, w.school_year) AS f
        ORDER BY t.id, w.school_year
    $q$, model) USING for_school_year, for_teacher_id;
END
$hours$;

CREATE OR REPLACE FUNCTION schooltime.grid_language(language text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $language$
BEGIN
    IF lower(language) IN ('en', 'ca') THEN
        RETURN lower(language);
    END IF;
    RAISE EXCEPTION USING MESSAGE = schooltime.format_message('unknown language "%s" for a week grid', coalesce(language, '<NULL>')),
              ERRCODE = 'invalid_parameter_value',
              HINT = schooltime.gettext('Write ''ca'' for Catalan or ''en'' for English.');
END
$language$;

-- A section as a violation cites it, in the session's language (the
-- report-only rules' rows).
CREATE OR REPLACE FUNCTION schooltime.section_text(section text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN section !~ '^[0-9]' THEN section
                WHEN strpos(section, ',') > 0 THEN schooltime.format_message('sections %s', section)
                ELSE schooltime.format_message('section %s', section) END
$$;
COMMENT ON FUNCTION schooltime.section_text(text) IS
'internal: a section as violations cite it in the language of lc_messages, ''section 4.2'' or ''sections 3.2, 3.2.1'' (''apartat 4.2'' in Catalan); a citation that is not a number stays as it is';
