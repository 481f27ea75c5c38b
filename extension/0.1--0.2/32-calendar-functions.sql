-- The calendar of a teaching, with or without a centre: which days are
-- lective and why the others are not, the lessons a group really has in
-- its course, its lective hours, and the EOI course-hours rule built on
-- them.  Functions that read a model take its schema name first and never
-- resolve a table through search_path.

CREATE FUNCTION schooltime.calendar_day_text(day date)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT to_char(day, 'FMDay YYYY-MM-DD') $$;
COMMENT ON FUNCTION schooltime.calendar_day_text(date) IS
'internal: a date as calendar messages write it, ''Saturday 2018-12-22''';

CREATE FUNCTION schooltime.calendar_year(school_year schooltime.school_year)
RETURNS schooltime.calendar_years
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $year$
DECLARE
    y schooltime.calendar_years;
BEGIN
    SELECT * INTO y FROM schooltime.calendar_years AS cy WHERE cy.school_year = calendar_year.school_year;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no school calendar for %', calendar_year.school_year
            USING ERRCODE = 'no_data_found',
                  DETAIL = 'schooltime.calendar_years has no row for that school year.',
                  HINT = 'INSERT the year''s calendar order into schooltime.calendar_years, calendar_class_periods and calendar_non_lective_days.';
    END IF;
    RETURN y;
END
$year$;
COMMENT ON FUNCTION schooltime.calendar_year(schooltime.school_year) IS
'the catalogue row of a school year''s calendar; no_data_found if the year is not catalogued';

CREATE FUNCTION schooltime.school_year_of(day date)
RETURNS schooltime.school_year
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $of$
DECLARE
    found_year schooltime.school_year;
BEGIN
    IF day IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT cy.school_year INTO found_year FROM schooltime.calendar_years AS cy
    WHERE school_year_of.day BETWEEN cy.course_start AND cy.course_end;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no school calendar holds %', school_year_of.day
            USING ERRCODE = 'no_data_found',
                  DETAIL = format('The catalogued school years are %s.',
                                  (SELECT coalesce(string_agg(cy.school_year, ', ' ORDER BY cy.school_year), 'none')
                                   FROM schooltime.calendar_years AS cy)),
                  HINT = 'INSERT the year''s calendar order into schooltime.calendar_years.';
    END IF;
    RETURN found_year;
END
$of$;
COMMENT ON FUNCTION schooltime.school_year_of(date) IS
'the school year whose course period (schooltime.calendar_years) holds a date; no_data_found if none does';

-- The first and last day of classes of a regime, at a centre (its own
-- course_dates first) or in general (model NULL).
CREATE FUNCTION schooltime.class_period(model name, centre_id bigint, school_year schooltime.school_year,
                                        regime schooltime.regime, missing_ok boolean DEFAULT false,
                                        OUT first_day date, OUT last_day date, OUT teaching text,
                                        OUT from_centre boolean, OUT source text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $period$
DECLARE
    y schooltime.calendar_years;
    p schooltime.calendar_class_periods;
    own_first date;
    own_last date;
    regime_name text;
BEGIN
    IF class_period.school_year IS NULL OR class_period.regime IS NULL THEN
        RAISE EXCEPTION 'a class period needs a school year and a regime'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    y := schooltime.calendar_year(class_period.school_year);
    SELECT r.name_en INTO regime_name FROM schooltime.regimes AS r WHERE r.regime = class_period.regime;
    regime_name := coalesce(regime_name, class_period.regime::text);
    SELECT rt.teaching INTO class_period.teaching
    FROM schooltime.calendar_regime_teachings AS rt WHERE rt.regime = class_period.regime;
    IF class_period.teaching IS NULL THEN
        RAISE EXCEPTION 'regime % follows no calendar teaching', class_period.regime
            USING ERRCODE = 'no_data_found',
                  HINT = 'INSERT a row for it into schooltime.calendar_regime_teachings.';
    END IF;
    SELECT * INTO p FROM schooltime.calendar_class_periods AS cp
    WHERE cp.school_year = class_period.school_year AND cp.teaching = class_period.teaching;
    IF model IS NOT NULL THEN
        PERFORM schooltime.calendar_centre(model, class_period.centre_id);
        EXECUTE format('SELECT first_day, last_day FROM %I.course_dates WHERE centre_id = $1 AND school_year = $2 AND regime = $3', model)
            INTO own_first, own_last USING class_period.centre_id, class_period.school_year, class_period.regime;
    END IF;
    from_centre := own_first IS NOT NULL;
    first_day := coalesce(own_first, p.first_day_until, p.first_day_from);
    last_day := coalesce(own_last, p.last_day);
    source := CASE WHEN from_centre THEN format('the centre''s course_dates for %s', regime_name)
                   ELSE coalesce(p.source, y.order_name) END;
    IF (first_day IS NULL OR last_day IS NULL) AND NOT missing_ok THEN
        RAISE EXCEPTION 'the % day of classes of % in % is not known', CASE WHEN first_day IS NULL THEN 'first' ELSE 'last' END,
                        regime_name, class_period.school_year
            USING ERRCODE = 'no_data_found',
                  DETAIL = coalesce(p.source, format('schooltime.calendar_class_periods has no row for teaching %s in %s.',
                                                     class_period.teaching, class_period.school_year)),
                  HINT = CASE WHEN model IS NULL
                              THEN 'Where the order leaves the dates to each centre, ask for the centre''s calendar once its course_dates are recorded.'
                              ELSE format('Record the centre''s dates in %I.course_dates, or add them to schooltime.calendar_class_periods.', model) END;
    END IF;
END
$period$;
COMMENT ON FUNCTION schooltime.class_period(name, bigint, schooltime.school_year, schooltime.regime, boolean) IS
'first and last day of classes of a regime in a school year: the centre''s own course_dates if it recorded them, else the catalogue''s (a start "no later than" counts from its latest day); model NULL reads the catalogue only. no_data_found when a day is unknown, unless missing_ok';

CREATE FUNCTION schooltime.calendar_centre(model name, centre_id bigint, OUT name text, OUT municipality text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $centre$
BEGIN
    IF model IS NULL OR centre_id IS NULL THEN
        RAISE EXCEPTION 'a centre''s calendar needs a model schema and a centre id'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF to_regclass(format('%I.free_days', model)) IS NULL THEN
        RAISE EXCEPTION 'schema % holds no schooltime model with a calendar', quote_ident(model)
            USING ERRCODE = 'invalid_schema_name',
                  HINT = 'Create one with schooltime.create_model(), or bring an older one up to date with schooltime.upgrade_model().';
    END IF;
    EXECUTE format('SELECT c.name, c.municipality FROM %I.centres AS c WHERE c.id = $1', model)
        INTO calendar_centre.name, calendar_centre.municipality USING calendar_centre.centre_id;
    IF calendar_centre.name IS NULL THEN
        RAISE EXCEPTION 'centre % does not exist in schema %', calendar_centre.centre_id, quote_ident(model)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$centre$;
COMMENT ON FUNCTION schooltime.calendar_centre(name, bigint) IS
'internal: the name and municipality of a model''s centre; invalid_parameter_value if there is none';

-- Every day of a school year for a regime, lective or not and why, given
-- the class period.  The one place the calendar is computed.
CREATE FUNCTION schooltime.calendar_days(model name, centre_id bigint, school_year schooltime.school_year,
                                         regime schooltime.regime, first_day date, last_day date)
RETURNS TABLE (day date, lective boolean, status text, reason text, intensive boolean,
               window_start time, window_end time)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $days$
DECLARE
    y schooltime.calendar_years;
    weekday_first integer;
    weekday_last integer;
    local_days date[] := '{}';
    local_names text[] := '{}';
    free_dates date[] := '{}';
    free_notes text[] := '{}';
BEGIN
    y := schooltime.calendar_year(calendar_days.school_year);
    SELECT tl.first_weekday, tl.last_weekday INTO weekday_first, weekday_last
    FROM schooltime.timetable_limits AS tl
    WHERE tl.school_year = calendar_days.school_year AND tl.regime = calendar_days.regime;
    weekday_first := coalesce(weekday_first, y.first_weekday);
    weekday_last := coalesce(weekday_last, y.last_weekday);
    IF model IS NOT NULL THEN
        EXECUTE format('SELECT coalesce(array_agg(h.day ORDER BY h.day), ''{}''), coalesce(array_agg(h.name ORDER BY h.day), ''{}'') '
                       'FROM %1$I.local_holidays AS h JOIN %1$I.centres AS c ON c.municipality = h.municipality '
                       'WHERE c.id = $1 AND h.day BETWEEN $2 AND $3', model)
            INTO local_days, local_names USING calendar_days.centre_id, y.course_start, y.course_end;
        EXECUTE format('SELECT coalesce(array_agg(f.day ORDER BY f.day), ''{}''), coalesce(array_agg(coalesce(f.description, '''') ORDER BY f.day), ''{}'') '
                       'FROM %I.free_days AS f WHERE f.centre_id = $1 AND f.school_year = $2', model)
            INTO free_dates, free_notes USING calendar_days.centre_id, calendar_days.school_year;
    END IF;
    RETURN QUERY
    SELECT s.day, s.status = 'lective', s.status,
           CASE s.status
               WHEN 'before_classes' THEN format('before the first day of classes (%s)', calendar_days.first_day)
               WHEN 'after_classes' THEN format('after the last day of classes (%s)', calendar_days.last_day)
               WHEN 'vacation' THEN s.general_name
               WHEN 'holiday' THEN s.general_name
               WHEN 'local_holiday' THEN 'local holiday: ' || s.local_name
               WHEN 'weekend' THEN to_char(s.day, 'FMDay')
               WHEN 'free_day' THEN 'free-disposal day' || coalesce(': ' || nullif(s.free_note, ''), '')
           END,
           s.status = 'lective' AND s.intensive_start IS NOT NULL,
           CASE WHEN s.status = 'lective' THEN s.intensive_start END,
           CASE WHEN s.status = 'lective' THEN s.intensive_end END
    FROM (
        SELECT d.day, nl.kind AS general_kind, nl.name_en AS general_name, lh.name AS local_name, fd.note AS free_note,
               i.window_start::time AS intensive_start, i.window_end::time AS intensive_end,
               CASE WHEN calendar_days.first_day IS NULL OR d.day < calendar_days.first_day THEN 'before_classes'
                    WHEN calendar_days.last_day IS NULL OR d.day > calendar_days.last_day THEN 'after_classes'
                    WHEN nl.kind IS NOT NULL THEN nl.kind
                    WHEN extract(isodow FROM d.day) NOT BETWEEN weekday_first AND weekday_last THEN 'weekend'
                    WHEN lh.name IS NOT NULL THEN 'local_holiday'
                    WHEN fd.note IS NOT NULL THEN 'free_day'
                    ELSE 'lective' END AS status
        FROM (SELECT g::date AS day FROM generate_series(y.course_start, y.course_end, interval '1 day') AS g) AS d
        LEFT JOIN LATERAL (
            SELECT n.kind, n.name_en FROM schooltime.calendar_non_lective_days AS n
            WHERE n.school_year = calendar_days.school_year AND d.day BETWEEN n.first_day AND n.last_day
            ORDER BY n.kind = 'vacation' DESC, n.first_day LIMIT 1) AS nl ON true
        LEFT JOIN LATERAL (
            SELECT local_names[k] AS name FROM generate_subscripts(local_days, 1) AS k
            WHERE local_days[k] = d.day LIMIT 1) AS lh ON true
        LEFT JOIN LATERAL (
            SELECT free_notes[k] AS note FROM generate_subscripts(free_dates, 1) AS k
            WHERE free_dates[k] = d.day LIMIT 1) AS fd ON true
        LEFT JOIN LATERAL (
            SELECT cid.window_start, cid.window_end FROM schooltime.calendar_intensive_days AS cid
            WHERE cid.school_year = calendar_days.school_year AND cid.regime = calendar_days.regime
              AND d.day BETWEEN cid.first_day AND cid.last_day
            ORDER BY cid.first_day LIMIT 1) AS i ON true
    ) AS s
    ORDER BY s.day;
END
$days$;
COMMENT ON FUNCTION schooltime.calendar_days(name, bigint, schooltime.school_year, schooltime.regime, date, date) IS
'internal: every day of a school year for a regime between the given first and last day of classes: lective or not, the status (the first that applies of before_classes, after_classes, vacation, holiday, weekend, local_holiday, free_day; else lective) and reason, and the window of an intensive day; model NULL leaves out local holidays and free-disposal days';

CREATE FUNCTION schooltime.school_calendar(model name, centre_id bigint, school_year schooltime.school_year,
                                           regime schooltime.regime)
RETURNS TABLE (day date, lective boolean, status text, reason text, intensive boolean,
               window_start time, window_end time)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $calendar$
DECLARE
    period record;
BEGIN
    IF model IS NULL THEN
        RAISE EXCEPTION 'a centre''s calendar needs the model''s schema'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Call schooltime.school_calendar(school_year, regime) for the catalogue''s calendar.';
    END IF;
    period := schooltime.class_period(model, school_calendar.centre_id, school_calendar.school_year, school_calendar.regime);
    RETURN QUERY SELECT * FROM schooltime.calendar_days(model, school_calendar.centre_id, school_calendar.school_year,
                                                        school_calendar.regime, period.first_day, period.last_day);
END
$calendar$;
COMMENT ON FUNCTION schooltime.school_calendar(name, bigint, schooltime.school_year, schooltime.regime) IS
'every day of a school year for a regime at a centre of a model: lective or not, why not (status and reason), and the window of an intensive day; counts the centre''s course dates, free-disposal days and its municipality''s local holidays';

CREATE FUNCTION schooltime.school_calendar(school_year schooltime.school_year, regime schooltime.regime)
RETURNS TABLE (day date, lective boolean, status text, reason text, intensive boolean,
               window_start time, window_end time)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $calendar$
DECLARE
    period record;
BEGIN
    period := schooltime.class_period(NULL, NULL, school_calendar.school_year, school_calendar.regime);
    RETURN QUERY SELECT * FROM schooltime.calendar_days(NULL, NULL, school_calendar.school_year,
                                                        school_calendar.regime, period.first_day, period.last_day);
END
$calendar$;
COMMENT ON FUNCTION schooltime.school_calendar(schooltime.school_year, schooltime.regime) IS
'every day of a school year for a regime as the catalogue alone has it (no centre: no local holidays, no free-disposal days)';

CREATE FUNCTION schooltime.is_lective(model name, centre_id bigint, day date, regime schooltime.regime)
RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.lective
    FROM schooltime.school_calendar(model, centre_id, schooltime.school_year_of(day), regime) AS c
    WHERE c.day = is_lective.day
$$;
COMMENT ON FUNCTION schooltime.is_lective(name, bigint, date, schooltime.regime) IS
'whether a date is a lective day for a regime at a centre of a model (its course dates, free-disposal days and local holidays counted)';

CREATE FUNCTION schooltime.is_lective(day date, regime schooltime.regime)
RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.lective
    FROM schooltime.school_calendar(schooltime.school_year_of(day), regime) AS c
    WHERE c.day = is_lective.day
$$;
COMMENT ON FUNCTION schooltime.is_lective(date, schooltime.regime) IS
'whether a date is a lective day for a regime as the catalogue has it (no centre''s local holidays or free-disposal days)';

CREATE FUNCTION schooltime.lective_days(model name, centre_id bigint, school_year schooltime.school_year,
                                        regime schooltime.regime)
RETURNS SETOF date
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.day FROM schooltime.school_calendar(model, centre_id, school_year, regime) AS c
    WHERE c.lective ORDER BY c.day
$$;
COMMENT ON FUNCTION schooltime.lective_days(name, bigint, schooltime.school_year, schooltime.regime) IS
'the lective days of a regime''s course at a centre of a model, in order';

CREATE FUNCTION schooltime.lective_days(school_year schooltime.school_year, regime schooltime.regime)
RETURNS SETOF date
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.day FROM schooltime.school_calendar(school_year, regime) AS c
    WHERE c.lective ORDER BY c.day
$$;
COMMENT ON FUNCTION schooltime.lective_days(schooltime.school_year, schooltime.regime) IS
'the lective days of a regime''s course as the catalogue has them, in order';

------------------------------------------------------------------------
-- A group's lessons over its course

CREATE FUNCTION schooltime.calendar_group(model name, centre_id bigint, group_id bigint,
                                          OUT name text, OUT school_year schooltime.school_year,
                                          OUT regime schooltime.regime)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $group$
BEGIN
    PERFORM schooltime.calendar_centre(model, calendar_group.centre_id);
    EXECUTE format('SELECT g.name, g.school_year, g.regime FROM %I.class_groups AS g WHERE g.centre_id = $1 AND g.id = $2', model)
        INTO calendar_group.name, calendar_group.school_year, calendar_group.regime
        USING calendar_group.centre_id, calendar_group.group_id;
    IF calendar_group.name IS NULL THEN
        RAISE EXCEPTION 'group % of centre % does not exist in schema %', calendar_group.group_id,
                        calendar_group.centre_id, quote_ident(model)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$group$;
COMMENT ON FUNCTION schooltime.calendar_group(name, bigint, bigint) IS
'internal: the name, school year and regime of a model''s group; invalid_parameter_value if there is none';

CREATE FUNCTION schooltime.group_lessons(model name, centre_id bigint, group_id bigint)
RETURNS TABLE (day date, session_id bigint, subject text, kind schooltime.session_kind, teacher_id bigint,
               starts time, ends time, held_start time, held_end time)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $lessons$
DECLARE
    g record;
    exam_days date[];
BEGIN
    g := schooltime.calendar_group(model, group_lessons.centre_id, group_lessons.group_id);
    EXECUTE format('SELECT coalesce(array_agg(DISTINCT d::date), ''{}'') FROM %I.dated_activities AS a '
                   'CROSS JOIN LATERAL generate_series(a.first_day, a.last_day, interval ''1 day'') AS d '
                   'WHERE a.centre_id = $1 AND a.school_year = $2 AND a.kind = ''final_exams'' '
                   'AND (a.group_id = $3 OR (a.group_id IS NULL AND a.regime = $4))', model)
        INTO exam_days USING group_lessons.centre_id, g.school_year, group_lessons.group_id, g.regime;
    RETURN QUERY EXECUTE format($q$
        SELECT l.day, l.id, l.subject, l.kind, l.teacher_id, l.starts, l.ends, l.held_start, l.held_end
        FROM (
            SELECT c.day, s.id, s.subject, s.kind, s.teacher_id,
                   schooltime.start_time(s.slot) AS starts, schooltime.end_time(s.slot) AS ends,
                   greatest(schooltime.start_time(s.slot), coalesce(c.window_start, schooltime.start_time(s.slot))) AS held_start,
                   least(schooltime.end_time(s.slot), coalesce(c.window_end, schooltime.end_time(s.slot))) AS held_end
            FROM schooltime.school_calendar($1, $2, $3, $4) AS c
            JOIN %I.sessions AS s
              ON s.centre_id = $2 AND s.group_id = $5
             AND schooltime.weekday(s.slot) = extract(isodow FROM c.day)::integer
            WHERE c.lective AND c.day <> ALL ($6) AND s.kind <> 'recess'
        ) AS l
        WHERE l.held_end > l.held_start
        ORDER BY l.day, l.starts, l.id
    $q$, model) USING model, group_lessons.centre_id, g.school_year, g.regime, group_lessons.group_id, exam_days;
END
$lessons$;
COMMENT ON FUNCTION schooltime.group_lessons(name, bigint, bigint) IS
'every lesson a group of a model has in its course: each class session (not recess) of its weekly timetable on each lective day of that weekday, leaving out its final exam periods; on an intensive day only the part inside the intensive window is held (held_start, held_end), and a session wholly outside it is not held';

CREATE FUNCTION schooltime.group_class_days(model name, centre_id bigint, group_id bigint)
RETURNS TABLE (day date, minutes integer)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    -- the union of the day's held lessons (parallel halves of a split group count once)
    WITH marked AS (
        SELECT l.day, l.held_start, l.held_end,
               CASE WHEN l.held_start <= max(l.held_end) OVER (PARTITION BY l.day ORDER BY l.held_start, l.held_end
                                                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                    THEN 0 ELSE 1 END AS starts_island
        FROM schooltime.group_lessons(model, centre_id, group_id) AS l
    ), islands AS (
        SELECT m.day, m.held_start, m.held_end,
               sum(m.starts_island) OVER (PARTITION BY m.day ORDER BY m.held_start, m.held_end) AS island
        FROM marked AS m
    )
    SELECT i.day, sum(i.minutes)::integer
    FROM (SELECT isl.day, (extract(epoch FROM max(isl.held_end)) - extract(epoch FROM min(isl.held_start)))::integer / 60 AS minutes
          FROM islands AS isl GROUP BY isl.day, isl.island) AS i
    GROUP BY i.day
    ORDER BY i.day
$$;
COMMENT ON FUNCTION schooltime.group_class_days(name, bigint, bigint) IS
'each day a group of a model has classes in its course, with its lective minutes that day (the union of its held lessons)';

CREATE FUNCTION schooltime.lective_hours(model name, centre_id bigint, group_id bigint)
RETURNS numeric
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT round(coalesce(sum(d.minutes), 0) / 60.0, 2)
    FROM schooltime.group_class_days(model, centre_id, group_id) AS d
$$;
COMMENT ON FUNCTION schooltime.lective_hours(name, bigint, bigint) IS
'the lective hours a group of a model gets in its course: its weekly timetable (lesson, tutorial, research_work and outdoor_practice sessions) laid over the lective days of its calendar, intensive days held only inside their window, final exam periods left out; rounded to hundredths of an hour';

CREATE FUNCTION schooltime.hours_text(minutes bigint)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN minutes % 60 = 0 THEN format('%s h', minutes / 60)
                ELSE format('%s h %s min', minutes / 60, minutes % 60) END
$$;
COMMENT ON FUNCTION schooltime.hours_text(bigint) IS
'internal: minutes as messages write them, ''129 h 30 min''';

CREATE FUNCTION schooltime.eoi_course_hours_violations(model name, centre_id bigint, group_id bigint)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $eoi$
DECLARE
    g record;
    period record;
    rule_row schooltime.rules;
    limit_hours integer;
    regime_name text;
    year_row schooltime.calendar_years;
    course_minutes bigint;
    class_days integer;
    weekly_minutes bigint;
    exam_note text;
    v schooltime.violation;
BEGIN
    g := schooltime.calendar_group(model, eoi_course_hours_violations.centre_id, eoi_course_hours_violations.group_id);
    IF g.regime NOT IN ('eoi_ordinary', 'eoi_intensive', 'eoi_blended') THEN
        RETURN;
    END IF;
    SELECT tl.course_min_hours INTO limit_hours FROM schooltime.timetable_limits AS tl
    WHERE tl.school_year = g.school_year AND tl.regime = g.regime;
    SELECT * INTO rule_row FROM schooltime.rules AS r WHERE r.code = 'eoi_course_hours';
    IF limit_hours IS NULL OR rule_row.code IS NULL THEN
        RETURN;
    END IF;
    period := schooltime.class_period(model, eoi_course_hours_violations.centre_id, g.school_year, g.regime);
    year_row := schooltime.calendar_year(g.school_year);
    SELECT coalesce(sum(d.minutes), 0), count(*) INTO course_minutes, class_days
    FROM schooltime.group_class_days(model, eoi_course_hours_violations.centre_id, eoi_course_hours_violations.group_id) AS d;
    IF course_minutes >= limit_hours * 60 THEN
        RETURN;
    END IF;
    SELECT r.name_en INTO regime_name FROM schooltime.regimes AS r WHERE r.regime = g.regime;
    EXECUTE format('SELECT coalesce(sum(schooltime.minutes(s.slot)), 0) FROM %I.sessions AS s '
                   'WHERE s.centre_id = $1 AND s.group_id = $2 AND s.kind <> ''recess''', model)
        INTO weekly_minutes USING eoi_course_hours_violations.centre_id, eoi_course_hours_violations.group_id;
    EXECUTE format('SELECT string_agg(CASE WHEN a.first_day = a.last_day THEN a.first_day::text '
                   'ELSE a.first_day || '' to '' || a.last_day END, '', '' ORDER BY a.first_day) '
                   'FROM %I.dated_activities AS a WHERE a.centre_id = $1 AND a.school_year = $2 AND a.kind = ''final_exams'' '
                   'AND (a.group_id = $3 OR (a.group_id IS NULL AND a.regime = $4))', model)
        INTO exam_note USING eoi_course_hours_violations.centre_id, g.school_year, eoi_course_hours_violations.group_id, g.regime;
    v.rule := 'eoi_course_hours';
    v.severity := rule_row.severity;
    v.sections := 'section ' || array_to_string(rule_row.sections, ', ');
    v.centre_id := eoi_course_hours_violations.centre_id;
    v.subject := 'group';
    v.subject_id := eoi_course_hours_violations.group_id;
    v.subject_name := g.name;
    v.measured := round(course_minutes / 60.0, 2);
    v.limit_value := limit_hours;
    v.unit := 'hours';
    v.message := format('group "%s" gets %s of classes in its %s course, fewer than the %s h an EOI course needs',
                        g.name, schooltime.hours_text(course_minutes), g.school_year, limit_hours);
    v.detail := format('In %s an %s course has at least %s lective hours, final exam periods excluded; '
                       'the group''s weekly timetable of %s over its %s class days from %s to %s%s gives %s (%s).',
                       g.school_year, regime_name, limit_hours, schooltime.hours_text(weekly_minutes), class_days,
                       period.first_day, period.last_day,
                       coalesce(format(' (final exams %s left out)', exam_note), ''),
                       schooltime.hours_text(course_minutes), v.sections);
    v.hint := format('Add weekly class time until the course reaches %s h (it is %s short), or record a longer course in %I.course_dates.',
                     limit_hours, schooltime.hours_text(limit_hours * 60 - course_minutes), model);
    RETURN NEXT v;
END
$eoi$;
COMMENT ON FUNCTION schooltime.eoi_course_hours_violations(name, bigint, bigint) IS
'rule eoi_course_hours (2.4) for one group of a model: a violation when an EOI group''s lective hours in its course (schooltime.lective_hours: final exam periods left out) are fewer than the year''s course_min_hours; empty when it complies or is not an EOI group';
