-- Messages in the language of the session (issue 17), continued: the
-- calendar's functions of 0.1--0.2, unchanged but for what they word.  The
-- reasons calendar_days() gives (and school_calendar() shows) come in the
-- session's language too: the catalogue's Catalan names of holidays and
-- regimes under a Catalan lc_messages, its English ones otherwise.  Dates
-- are written by schooltime.date_text(): ISO 8601 in English, as before,
-- "12 de setembre de 2018" in Catalan.  The catalogue's citations of its
-- sources (calendar_class_periods.source, calendar_years.free_days_max_note,
-- order_name) are data in English and are quoted as they are.

CREATE OR REPLACE FUNCTION schooltime.calendar_day_text(day date)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT schooltime.weekday_text(extract(isodow FROM day)::integer) OPERATOR(pg_catalog.||) ' '
             OPERATOR(pg_catalog.||) schooltime.date_text(day) $$;
COMMENT ON FUNCTION schooltime.calendar_day_text(date) IS
'internal: a date as calendar messages write it, ''Saturday 2018-12-22'' (''dissabte 22 de desembre de 2018'' under a Catalan lc_messages)';

CREATE OR REPLACE FUNCTION schooltime.class_period(model name, centre_id bigint, school_year schooltime.school_year,
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
        RAISE EXCEPTION USING MESSAGE = schooltime.gettext('a class period needs a school year and a regime'),
            ERRCODE = 'null_value_not_allowed';
    END IF;
    y := schooltime.calendar_year(class_period.school_year);
    SELECT CASE WHEN schooltime.messages_in_catalan() THEN r.name_ca ELSE r.name_en END INTO regime_name FROM schooltime.regimes AS r WHERE r.regime = class_period.regime;
    regime_name := coalesce(regime_name, class_period.regime::text);
    SELECT rt.teaching INTO class_period.teaching
    FROM schooltime.calendar_regime_teachings AS rt WHERE rt.regime = class_period.regime;
    IF class_period.teaching IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('regime %s follows no calendar teaching', class_period.regime),
                  ERRCODE = 'no_data_found',
                  HINT = schooltime.gettext('INSERT a row for it into schooltime.calendar_regime_teachings.');
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
    source := CASE WHEN from_centre THEN schooltime.format_message('the centre''s course_dates for %s', regime_name)
                   ELSE coalesce(p.source, y.order_name) END;
    IF (first_day IS NULL OR last_day IS NULL) AND NOT missing_ok THEN
        RAISE EXCEPTION USING MESSAGE = CASE WHEN first_day IS NULL
                      THEN schooltime.format_message('the first day of classes of %s in %s is not known', regime_name, class_period.school_year)
                      ELSE schooltime.format_message('the last day of classes of %s in %s is not known', regime_name, class_period.school_year) END,
                  ERRCODE = 'no_data_found',
                  DETAIL = coalesce(p.source, schooltime.format_message('schooltime.calendar_class_periods has no row for teaching %s in %s.',
                                                     class_period.teaching, class_period.school_year)),
                  HINT = CASE WHEN model IS NULL
                              THEN schooltime.gettext('Where the order leaves the dates to each centre, ask for the centre''s calendar once its course_dates are recorded.')
                              ELSE schooltime.format_message('Record the centre''s dates in %s.course_dates, or add them to schooltime.calendar_class_periods.', quote_ident(model)) END;
    END IF;
END
$period$;

CREATE OR REPLACE FUNCTION schooltime.calendar_centre(model name, centre_id bigint, OUT name text, OUT municipality text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $centre$
BEGIN
    IF model IS NULL OR centre_id IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.gettext('a centre''s calendar needs a model schema and a centre id'),
            ERRCODE = 'null_value_not_allowed';
    END IF;
    IF to_regclass(format('%I.free_days', model)) IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('schema %s holds no schooltime model with a calendar', quote_ident(model)),
                  ERRCODE = 'invalid_schema_name',
                  HINT = schooltime.gettext('Create one with schooltime.create_model(), or bring an older one up to date with schooltime.upgrade_model().');
    END IF;
    EXECUTE format('SELECT c.name, c.municipality FROM %I.centres AS c WHERE c.id = $1', model)
        INTO calendar_centre.name, calendar_centre.municipality USING calendar_centre.centre_id;
    IF calendar_centre.name IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('centre %s does not exist in schema %s', calendar_centre.centre_id, quote_ident(model)),
            ERRCODE = 'invalid_parameter_value';
    END IF;
END
$centre$;

CREATE OR REPLACE FUNCTION schooltime.calendar_days(model name, centre_id bigint, school_year schooltime.school_year,
                                         regime schooltime.regime, first_day date, last_day date)
RETURNS TABLE (day date, lective boolean, status text, reason text, intensive boolean,
               window_start time, window_end time)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET datestyle = 'ISO, YMD'
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
               WHEN 'before_classes' THEN schooltime.format_message('before the first day of classes (%s)',
                                                                     schooltime.date_text(calendar_days.first_day))
               WHEN 'after_classes' THEN schooltime.format_message('after the last day of classes (%s)',
                                                                    schooltime.date_text(calendar_days.last_day))
               WHEN 'vacation' THEN s.general_name
               WHEN 'holiday' THEN s.general_name
               WHEN 'local_holiday' THEN schooltime.format_message('local holiday: %s', s.local_name)
               WHEN 'weekend' THEN schooltime.weekday_text(extract(isodow FROM s.day)::integer)
               WHEN 'free_day' THEN CASE WHEN nullif(s.free_note, '') IS NULL THEN schooltime.gettext('free-disposal day')
                                         ELSE schooltime.format_message('free-disposal day: %s', s.free_note) END
           END,
           s.status = 'lective' AND s.intensive_start IS NOT NULL,
           CASE WHEN s.status = 'lective' THEN s.intensive_start END,
           CASE WHEN s.status = 'lective' THEN s.intensive_end END
    FROM (
        SELECT d.day, nl.kind AS general_kind, nl.name AS general_name, lh.name AS local_name, fd.note AS free_note,
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
            SELECT n.kind, CASE WHEN schooltime.messages_in_catalan() THEN n.name_ca ELSE n.name_en END AS name
            FROM schooltime.calendar_non_lective_days AS n
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

CREATE OR REPLACE FUNCTION schooltime.calendar_group(model name, centre_id bigint, group_id bigint,
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
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('group %s of centre %s does not exist in schema %s',
                        coalesce(calendar_group.group_id::text, '<NULL>'), calendar_group.centre_id, quote_ident(model)),
            ERRCODE = 'invalid_parameter_value';
    END IF;
END
$group$;

CREATE OR REPLACE FUNCTION schooltime.eoi_course_hours_violations(model name, centre_id bigint, group_id bigint)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET datestyle = 'ISO, YMD'
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
    fewest_pupils jsonb;
    exam_note text;
    exam_first date[];
    exam_last date[];
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
    -- The course a group gets is the one its pupils get: of the combinations
    -- of its parts (part 17), the one with the fewest minutes, as
    -- lective_hours() counts them; that pupil's week is the one reported.
    WITH per_pupils AS (
        SELECT * FROM schooltime.group_pupil_class_days(model, eoi_course_hours_violations.centre_id, eoi_course_hours_violations.group_id)
    )
    SELECT t.minutes, t.days, t.pupils INTO course_minutes, class_days, fewest_pupils
    FROM (SELECT p.pupils, coalesce(sum(c.minutes), 0) AS minutes, count(c.day)::integer AS days
          FROM schooltime.group_pupils(model, eoi_course_hours_violations.centre_id, eoi_course_hours_violations.group_id) AS p (pupils)
          LEFT JOIN per_pupils AS c ON c.pupils = p.pupils
          GROUP BY p.pupils) AS t
    ORDER BY t.minutes, t.pupils::text
    LIMIT 1;
    IF course_minutes >= limit_hours * 60 THEN
        RETURN;
    END IF;
    SELECT CASE WHEN schooltime.messages_in_catalan() THEN r.name_ca ELSE r.name_en END INTO regime_name FROM schooltime.regimes AS r WHERE r.regime = g.regime;
    -- those pupils' weekly timetable: the whole group's rows and their parts',
    -- time taught by two teachers or to two parts counted once
    EXECUTE format('SELECT coalesce(schooltime.busy_minutes(s.slot), 0) FROM %s AS s '
                   'WHERE s.centre_id = $1 AND s.group_id = $2 AND s.kind <> ''recess'' '
                   'AND (s.split_half IS NULL AND s.split IS NULL '
                   '     OR $3 @> jsonb_build_array(jsonb_build_object(''split'', CASE WHEN s.split_half IS NOT NULL THEN '''' ELSE s.split END, '
                   '                                                 ''part'', coalesce(s.split_half::text, s.part))))',
                   schooltime.lesson_relation(model, 'sessions'))
        INTO weekly_minutes USING eoi_course_hours_violations.centre_id, eoi_course_hours_violations.group_id, fewest_pupils;
    EXECUTE format('SELECT array_agg(a.first_day ORDER BY a.first_day), array_agg(a.last_day ORDER BY a.first_day) '
                   'FROM %I.dated_activities AS a WHERE a.centre_id = $1 AND a.school_year = $2 AND a.kind = ''final_exams'' '
                   'AND (a.group_id = $3 OR (a.group_id IS NULL AND a.regime = $4))', model)
        INTO exam_first, exam_last USING eoi_course_hours_violations.centre_id, g.school_year, eoi_course_hours_violations.group_id, g.regime;
    SELECT string_agg(CASE WHEN e.first_day = e.last_day THEN schooltime.date_text(e.first_day)
                           ELSE schooltime.format_message('%s to %s', schooltime.date_text(e.first_day), schooltime.date_text(e.last_day)) END,
                      ', ' ORDER BY e.ord)
      INTO exam_note
      FROM unnest(exam_first, exam_last) WITH ORDINALITY AS e (first_day, last_day, ord);
    v.rule := 'eoi_course_hours';
    v.severity := rule_row.severity;
    v.sections := schooltime.format_message('section %s', array_to_string(rule_row.sections, ', '));
    v.centre_id := eoi_course_hours_violations.centre_id;
    v.subject := 'group';
    v.subject_id := eoi_course_hours_violations.group_id;
    v.subject_name := g.name;
    v.measured := round(course_minutes / 60.0, 2);
    v.limit_value := limit_hours;
    v.unit := 'hours';
    v.message := schooltime.format_message('group "%s" gets %s of classes in its %s course, fewer than the %s h an EOI course needs',
                        g.name, schooltime.hours_text(course_minutes), g.school_year, limit_hours);
    v.detail := CASE WHEN exam_note IS NULL
        THEN schooltime.format_message('In %s an %s course has at least %s lective hours, final exam periods excluded; '
                       'the group''s weekly timetable of %s over its %s class days from %s to %s gives %s (%s).',
                       g.school_year, regime_name, limit_hours, schooltime.hours_text(weekly_minutes), class_days,
                       schooltime.date_text(period.first_day), schooltime.date_text(period.last_day),
                       schooltime.hours_text(course_minutes), v.sections)
        ELSE schooltime.format_message('In %s an %s course has at least %s lective hours, final exam periods excluded; '
                       'the group''s weekly timetable of %s over its %s class days from %s to %s (final exams %s left out) gives %s (%s).',
                       g.school_year, regime_name, limit_hours, schooltime.hours_text(weekly_minutes), class_days,
                       schooltime.date_text(period.first_day), schooltime.date_text(period.last_day), exam_note,
                       schooltime.hours_text(course_minutes), v.sections) END;
    v.hint := schooltime.format_message('Add weekly class time until the course reaches %s h (it is %s short), or record a longer course in %s.course_dates.',
                     limit_hours, schooltime.hours_text(limit_hours * 60 - course_minutes), quote_ident(model));
    RETURN NEXT v;
END
$eoi$;
COMMENT ON FUNCTION schooltime.eoi_course_hours_violations(name, bigint, bigint) IS
'rule eoi_course_hours (2.4) for one group of a model: a violation when an EOI group''s lective hours in its course, as its pupils get them (schooltime.lective_hours: each combination of its parts, the fewest; final exam periods left out), are fewer than the year''s course_min_hours; the DETAIL gives the weekly timetable and class days of the pupils with the fewest; empty when it complies or is not an EOI group';

CREATE OR REPLACE FUNCTION schooltime.calendar_violation(rule text, centre_id bigint, subject text, subject_id bigint,
                                              subject_name text, day date, measured numeric, limit_value numeric,
                                              unit text, message text, detail text, hint text,
                                              authorisation_id bigint DEFAULT NULL)
RETURNS schooltime.violation
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ROW(r.code, r.severity, schooltime.format_message('section %s', array_to_string(r.sections, ', ')), calendar_violation.centre_id,
               calendar_violation.subject, calendar_violation.subject_id, calendar_violation.subject_name,
               extract(isodow FROM calendar_violation.day)::integer, calendar_violation.day, NULL::schooltime.weektimerange,
               calendar_violation.measured, calendar_violation.limit_value, calendar_violation.unit,
               calendar_violation.message, calendar_violation.detail, calendar_violation.hint,
               calendar_violation.authorisation_id)::schooltime.violation
    FROM schooltime.rules AS r WHERE r.code = calendar_violation.rule
$$;

CREATE OR REPLACE FUNCTION schooltime.free_day_findings(model name, centre_id bigint, school_year schooltime.school_year)
RETURNS TABLE (finding schooltime.violation, days date[])
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET datestyle = 'ISO, YMD'
AS $findings$
DECLARE
    y schooltime.calendar_years;
    centre record;
    regimes schooltime.regime[];
    chosen date[];
    chosen_in_order date[];
    cal_day date[];
    cal_regime schooltime.regime[];
    cal_status text[];
    cal_reason text[];
    period_regime schooltime.regime[];
    period_first date[];
    period_last date[];
    local_list date[];
    d date;
    k integer;
    extra integer := 0;
    allowance integer;
    subject text;
    cite text;
    why text;
    edge text;
    vac record;
    authorisation bigint;
BEGIN
    IF NOT EXISTS (SELECT FROM schooltime.rules AS r WHERE r.code = 'calendar_free_days') THEN
        RETURN;
    END IF;
    centre := schooltime.calendar_centre(model, free_day_findings.centre_id);
    y := schooltime.calendar_year(free_day_findings.school_year);
    EXECUTE format('SELECT coalesce(array_agg(f.day ORDER BY f.day), ''{}''), coalesce(array_agg(f.day ORDER BY f.id), ''{}'') '
                   'FROM %I.free_days AS f WHERE f.centre_id = $1 AND f.school_year = $2', model)
        INTO chosen, chosen_in_order USING free_day_findings.centre_id, free_day_findings.school_year;
    IF cardinality(chosen) = 0 THEN
        RETURN;
    END IF;
    subject := schooltime.format_message('centre "%s"', centre.name);
    cite := schooltime.format_message('(section 1; %s)', y.order_name);
    regimes := schooltime.centre_regimes(model, free_day_findings.centre_id, free_day_findings.school_year);

    -- the calendar of each regime the centre teaches, computed once
    SELECT array_agg(p.regime ORDER BY p.ord), array_agg(p.first_day ORDER BY p.ord), array_agg(p.last_day ORDER BY p.ord)
      INTO period_regime, period_first, period_last
    FROM (SELECT rg.regime, rg.ord, cp.first_day, coalesce(cp.last_day, y.course_end) AS last_day
          FROM unnest(regimes) WITH ORDINALITY AS rg (regime, ord)
          CROSS JOIN LATERAL schooltime.class_period(model, free_day_findings.centre_id, free_day_findings.school_year,
                                                     rg.regime, true) AS cp) AS p;
    SELECT array_agg(c.day ORDER BY p.ord, c.day), array_agg(p.regime ORDER BY p.ord, c.day),
           array_agg(c.status ORDER BY p.ord, c.day), array_agg(c.reason ORDER BY p.ord, c.day)
      INTO cal_day, cal_regime, cal_status, cal_reason
    FROM unnest(period_regime, period_first, period_last) WITH ORDINALITY AS p (regime, first_day, last_day, ord)
    CROSS JOIN LATERAL schooltime.calendar_days(model, free_day_findings.centre_id, free_day_findings.school_year,
                                                p.regime, p.first_day, p.last_day) AS c;
    cal_day := coalesce(cal_day, '{}');

    EXECUTE format('SELECT a.id FROM %I.authorisations AS a WHERE a.centre_id = $1 AND a.school_year = $2 '
                   'AND a.rule = ''calendar_free_days'' AND a.group_id IS NULL AND a.session_id IS NULL '
                   'AND a.outing_id IS NULL ORDER BY a.id LIMIT 1', model)
        INTO authorisation USING free_day_findings.centre_id, free_day_findings.school_year;

    FOR k IN 1 .. cardinality(chosen) LOOP
        d := chosen[k];
        IF d < y.course_start OR d > y.course_end THEN
            finding := schooltime.calendar_violation('calendar_free_days', free_day_findings.centre_id, 'centre',
                free_day_findings.centre_id, centre.name, d, NULL, NULL, NULL,
                schooltime.format_message('free-disposal day of %s on %s is outside the %s school year', subject,
                       schooltime.calendar_day_text(d), free_day_findings.school_year),
                schooltime.format_message('The %s school year runs from %s to %s %s.', free_day_findings.school_year,
                       schooltime.date_text(y.course_start), schooltime.date_text(y.course_end), cite),
                schooltime.gettext('Record the day under the school year it belongs to.'));
            days := ARRAY[d];
            RETURN NEXT;
            CONTINUE;
        END IF;

        -- an otherwise lective day for at least one of the centre's regimes
        IF NOT EXISTS (SELECT FROM unnest(cal_day, cal_status) AS c (day, status)
                       WHERE c.day = d AND c.status IN ('lective', 'free_day')) THEN
            -- one reason, with the teachings it holds for: most often every one
            SELECT string_agg(format('%s: %s', r.teachings, r.reason), '; ' ORDER BY r.first_regime)
              INTO why
            FROM (SELECT c.reason, min(c.regime) AS first_regime,
                         string_agg(coalesce(CASE WHEN schooltime.messages_in_catalan() THEN rn.name_ca ELSE rn.name_en END, c.regime::text), ', ' ORDER BY c.regime) AS teachings
                  FROM unnest(cal_day, cal_regime, cal_reason) AS c (day, regime, reason)
                  LEFT JOIN schooltime.regimes AS rn ON rn.regime = c.regime
                  WHERE c.day = d
                  GROUP BY c.reason) AS r;
            finding := schooltime.calendar_violation('calendar_free_days', free_day_findings.centre_id, 'centre',
                free_day_findings.centre_id, centre.name, d, NULL, NULL, NULL,
                schooltime.format_message('free-disposal day of %s on %s is not on an otherwise lective day', subject,
                       schooltime.calendar_day_text(d)),
                schooltime.format_message('A free-disposal day takes the place of a day that would otherwise be lective; in %s, %s is not lective for the centre''s teachings (%s) %s.',
                       free_day_findings.school_year, schooltime.calendar_day_text(d),
                       coalesce(why, schooltime.gettext('it teaches no regime with known class dates')), cite),
                schooltime.gettext('Choose a day on which the centre would otherwise have classes.'));
            days := ARRAY[d];
            RETURN NEXT;
            CONTINUE;
        END IF;

        IF y.free_days_not_on_course_edges THEN
            SELECT string_agg(CASE WHEN p.first_day = d
                                   THEN schooltime.format_message('the first day of classes of %s', coalesce(CASE WHEN schooltime.messages_in_catalan() THEN rn.name_ca ELSE rn.name_en END, p.regime::text))
                                   ELSE schooltime.format_message('the last day of classes of %s', coalesce(CASE WHEN schooltime.messages_in_catalan() THEN rn.name_ca ELSE rn.name_en END, p.regime::text)) END,
                              -- translator: between the first or last days of classes of several regimes
                              schooltime.gettext(' and ') ORDER BY p.regime)
              INTO edge
            FROM unnest(period_regime, period_first, period_last) AS p (regime, first_day, last_day)
            LEFT JOIN schooltime.regimes AS rn ON rn.regime = p.regime
            WHERE p.first_day = d OR (p.last_day = d AND p.last_day <> y.course_end);
            IF edge IS NOT NULL THEN
                finding := schooltime.calendar_violation('calendar_free_days', free_day_findings.centre_id, 'centre',
                    free_day_findings.centre_id, centre.name, d, NULL, NULL, NULL,
                    schooltime.format_message('free-disposal day of %s on %s is %s', subject, schooltime.calendar_day_text(d), edge),
                    schooltime.format_message('In %s free-disposal days may not fall on the first or last day of the course; %s %s.',
                           free_day_findings.school_year,
                           (SELECT string_agg(schooltime.format_message('classes of %s run from %s to %s', coalesce(CASE WHEN schooltime.messages_in_catalan() THEN rn.name_ca ELSE rn.name_en END, p.regime::text),
                                                     schooltime.date_text(p.first_day), schooltime.date_text(p.last_day)), '; ' ORDER BY p.regime)
                            FROM unnest(period_regime, period_first, period_last) AS p (regime, first_day, last_day)
                            LEFT JOIN schooltime.regimes AS rn ON rn.regime = p.regime),
                           cite),
                    schooltime.gettext('Choose another lective day.'));
                days := ARRAY[d];
                RETURN NEXT;
                CONTINUE;
            END IF;
        END IF;

        IF y.free_days_not_adjoining_vacations THEN
            SELECT CASE WHEN schooltime.messages_in_catalan() THEN n.name_ca ELSE n.name_en END AS name_en,
                   n.first_day, n.last_day INTO vac
            FROM schooltime.calendar_non_lective_days AS n
            WHERE n.school_year = free_day_findings.school_year AND n.kind = 'vacation'
              AND EXISTS (
                  SELECT FROM unnest(period_regime) AS p (regime)
                  WHERE EXISTS (SELECT FROM unnest(cal_day, cal_regime, cal_status) AS c (day, regime, status)
                                WHERE c.regime = p.regime AND c.day = d AND c.status IN ('lective', 'free_day'))
                    AND ((d < n.first_day AND NOT EXISTS (
                              SELECT FROM unnest(cal_day, cal_regime, cal_status) AS c (day, regime, status)
                              WHERE c.regime = p.regime AND c.day > d AND c.day < n.first_day
                                AND c.status IN ('lective', 'free_day')))
                      OR (d > n.last_day AND NOT EXISTS (
                              SELECT FROM unnest(cal_day, cal_regime, cal_status) AS c (day, regime, status)
                              WHERE c.regime = p.regime AND c.day > n.last_day AND c.day < d
                                AND c.status IN ('lective', 'free_day')))))
            ORDER BY n.first_day LIMIT 1;
            IF vac.name_en IS NOT NULL THEN
                finding := schooltime.calendar_violation('calendar_free_days', free_day_findings.centre_id, 'centre',
                    free_day_findings.centre_id, centre.name, d, NULL, NULL, NULL,
                    schooltime.format_message('free-disposal day of %s on %s adjoins the %s', subject, schooltime.calendar_day_text(d),
                           vac.name_en),
                    schooltime.format_message('In %s free-disposal days may not adjoin the Christmas or Easter vacations; the %s runs from %s to %s and no lective day lies between it and %s %s.',
                           free_day_findings.school_year, vac.name_en, schooltime.date_text(vac.first_day),
                           schooltime.date_text(vac.last_day), schooltime.date_text(d), cite),
                    schooltime.gettext('Choose a day with at least one lective day between it and the vacation.'));
                days := ARRAY[d];
                RETURN NEXT;
                vac := NULL;
                CONTINUE;
            END IF;
        END IF;

        IF y.free_days_consecutive_authorised AND k > 1 AND chosen[k - 1] >= y.course_start
           AND EXISTS (
               SELECT FROM unnest(period_regime) AS p (regime)
               WHERE EXISTS (SELECT FROM unnest(cal_day, cal_regime, cal_status) AS c (day, regime, status)
                             WHERE c.regime = p.regime AND c.day = chosen[k - 1] AND c.status = 'free_day')
                 AND EXISTS (SELECT FROM unnest(cal_day, cal_regime, cal_status) AS c (day, regime, status)
                             WHERE c.regime = p.regime AND c.day = d AND c.status = 'free_day')
                 AND NOT EXISTS (SELECT FROM unnest(cal_day, cal_regime, cal_status) AS c (day, regime, status)
                                 WHERE c.regime = p.regime AND c.day > chosen[k - 1] AND c.day < d
                                   AND c.status = 'lective')) THEN
            finding := schooltime.calendar_violation('calendar_free_days', free_day_findings.centre_id, 'centre',
                free_day_findings.centre_id, centre.name, d, NULL, NULL, NULL,
                schooltime.format_message('free-disposal days of %s on %s and %s are consecutive', subject,
                       schooltime.calendar_day_text(chosen[k - 1]), schooltime.calendar_day_text(d)),
                schooltime.format_message('In %s consecutive free-disposal days need the territorial services'' authorisation; no lective day lies between %s and %s %s.',
                       free_day_findings.school_year, schooltime.date_text(chosen[k - 1]), schooltime.date_text(d), cite),
                schooltime.format_message('Record the authorisation in %s.authorisations (rule calendar_free_days, for the centre), or choose days with a lective day between them.', quote_ident(model)),
                authorisation);
            days := ARRAY[chosen[k - 1], d];
            RETURN NEXT;
        END IF;
    END LOOP;

    -- the count, against the year's allowance
    IF y.free_days_max IS NOT NULL THEN
        IF y.free_days_local_holiday_adds THEN
            EXECUTE format('SELECT coalesce(array_agg(h.day), ''{}'') FROM %I.local_holidays AS h '
                           'WHERE h.municipality = $1 AND h.day BETWEEN $2 AND $3', model)
                INTO local_list USING centre.municipality, y.course_start, y.course_end;
            SELECT count(*) INTO extra FROM unnest(local_list) AS lh (day)
            WHERE NOT EXISTS (SELECT FROM unnest(cal_day, cal_status) AS c (day, status)
                              WHERE c.day = lh.day AND c.status = 'local_holiday');
        END IF;
        allowance := y.free_days_max + extra;
        IF cardinality(chosen) > allowance THEN
            -- the days chosen last (in the order they were recorded) are the ones over the limit
            FOR k IN allowance + 1 .. cardinality(chosen_in_order) LOOP
                finding := schooltime.calendar_violation('calendar_free_days', free_day_findings.centre_id, 'centre',
                    free_day_findings.centre_id, centre.name, chosen_in_order[k], cardinality(chosen), allowance, 'days',
                    schooltime.format_message('free-disposal day of %s on %s is the %s chosen for %s, more than the %s allowed', subject,
                           schooltime.calendar_day_text(chosen_in_order[k]), schooltime.ordinal_text(k),
                           free_day_findings.school_year, allowance),
                    CASE WHEN extra > 0
                    THEN schooltime.format_message('In %s a centre chooses at most %s free-disposal days, plus %s for its local holidays on non-lective days%s; the centre has chosen %s: %s %s.',
                           free_day_findings.school_year, y.free_days_max, extra,
                           coalesce(' (' || y.free_days_max_note || ')', ''),
                           cardinality(chosen), (SELECT string_agg(schooltime.date_text(c.day), ', ' ORDER BY c.ord)
                                                 FROM unnest(chosen) WITH ORDINALITY AS c (day, ord)), cite)
                    ELSE schooltime.format_message('In %s a centre chooses at most %s free-disposal days%s; the centre has chosen %s: %s %s.',
                           free_day_findings.school_year, y.free_days_max,
                           coalesce(' (' || y.free_days_max_note || ')', ''),
                           cardinality(chosen), (SELECT string_agg(schooltime.date_text(c.day), ', ' ORDER BY c.ord)
                                                 FROM unnest(chosen) WITH ORDINALITY AS c (day, ord)), cite) END,
                    schooltime.gettext('Remove a free-disposal day; if the order allows more, correct free_days_max in schooltime.calendar_years.'));
                days := chosen;
                RETURN NEXT;
            END LOOP;
        END IF;
    END IF;
END
$findings$;

CREATE OR REPLACE FUNCTION schooltime.class_day_findings(model name, centre_id bigint)
RETURNS TABLE (finding schooltime.violation, activity_id bigint, regime schooltime.regime,
               school_year schooltime.school_year)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET datestyle = 'ISO, YMD'
AS $findings$
DECLARE
    centre record;
    y schooltime.calendar_years;
    cd record;
    p schooltime.calendar_class_periods;
    pair record;
    a record;
    period record;
    regime_name text;
    cal_day date[];
    cal_status text[];
    cal_reason text[];
    e date;
    st text;
    why text;
    what text;
    authorisation bigint;
    cite text;
BEGIN
    IF NOT EXISTS (SELECT FROM schooltime.rules AS r WHERE r.code = 'calendar_class_days') THEN
        RETURN;
    END IF;
    centre := schooltime.calendar_centre(model, class_day_findings.centre_id);

    -- the centre's own course dates, against the order
    FOR cd IN EXECUTE format('SELECT d.school_year, d.regime, d.first_day, d.last_day FROM %I.course_dates AS d '
                             'WHERE d.centre_id = $1 ORDER BY d.school_year, d.regime', model)
              USING class_day_findings.centre_id
    LOOP
        y := schooltime.calendar_year(cd.school_year);
        cite := schooltime.format_message('(section 1; %s)', y.order_name);
        SELECT CASE WHEN schooltime.messages_in_catalan() THEN r.name_ca ELSE r.name_en END INTO regime_name FROM schooltime.regimes AS r WHERE r.regime = cd.regime;
        SELECT cp.* INTO p FROM schooltime.calendar_class_periods AS cp
        JOIN schooltime.calendar_regime_teachings AS rt ON rt.teaching = cp.teaching
        WHERE cp.school_year = cd.school_year AND rt.regime = cd.regime;
        activity_id := NULL;
        regime := cd.regime;
        school_year := cd.school_year;
        what := schooltime.format_message('classes of %s at centre "%s" in %s', regime_name, centre.name, cd.school_year);
        IF cd.first_day < y.course_start OR cd.last_day > y.course_end THEN
            finding := schooltime.calendar_violation('calendar_class_days', class_day_findings.centre_id, 'centre',
                class_day_findings.centre_id, centre.name, CASE WHEN cd.first_day < y.course_start THEN cd.first_day ELSE cd.last_day END,
                NULL, NULL, NULL,
                schooltime.format_message('%s run from %s to %s, outside the school year', what,
                                          schooltime.date_text(cd.first_day), schooltime.date_text(cd.last_day)),
                schooltime.format_message('The %s school year runs from %s to %s %s.', cd.school_year,
                                          schooltime.date_text(y.course_start), schooltime.date_text(y.course_end), cite),
                schooltime.gettext('Record dates inside the school year.'));
            RETURN NEXT;
            CONTINUE;
        END IF;
        IF p.first_day_from IS NOT NULL AND cd.first_day < p.first_day_from THEN
            finding := schooltime.calendar_violation('calendar_class_days', class_day_findings.centre_id, 'centre',
                class_day_findings.centre_id, centre.name, cd.first_day, NULL, NULL, NULL,
                schooltime.format_message('%s start on %s, before the first day of classes the order sets (%s)', what,
                       schooltime.calendar_day_text(cd.first_day), schooltime.date_text(p.first_day_from)),
                format('%s %s.', rtrim(p.source, '.'), cite),
                schooltime.format_message('Start classes on %s or later.', schooltime.date_text(p.first_day_from)));
            RETURN NEXT;
        END IF;
        IF p.first_day_until IS NOT NULL AND cd.first_day > p.first_day_until THEN
            EXECUTE format('SELECT a.id FROM %I.authorisations AS a WHERE a.centre_id = $1 AND a.school_year = $2 '
                           'AND a.rule = ''calendar_class_days'' AND a.group_id IS NULL AND a.session_id IS NULL '
                           'AND a.outing_id IS NULL ORDER BY a.id LIMIT 1', model)
                INTO authorisation USING class_day_findings.centre_id, cd.school_year;
            IF authorisation IS NOT NULL AND y.delayed_start_until IS NOT NULL
               AND cd.first_day > greatest(p.first_day_until, y.delayed_start_until) THEN
                authorisation := NULL;
                finding := schooltime.calendar_violation('calendar_class_days', class_day_findings.centre_id, 'centre',
                    class_day_findings.centre_id, centre.name, cd.first_day, NULL, NULL, NULL,
                    schooltime.format_message('%s start on %s, after the latest delayed start the order allows (%s)', what,
                           schooltime.calendar_day_text(cd.first_day), schooltime.date_text(greatest(p.first_day_until, y.delayed_start_until))),
                    schooltime.format_message('The territorial services may authorise a delayed start, not past %s %s.',
                           schooltime.date_text(y.delayed_start_until), cite),
                    schooltime.format_message('Start classes on %s or earlier.', schooltime.date_text(greatest(p.first_day_until, y.delayed_start_until))));
            ELSE
                finding := schooltime.calendar_violation('calendar_class_days', class_day_findings.centre_id, 'centre',
                    class_day_findings.centre_id, centre.name, cd.first_day, NULL, NULL, NULL,
                    schooltime.format_message('%s start on %s, after the latest first day of classes the order sets (%s)', what,
                           schooltime.calendar_day_text(cd.first_day), schooltime.date_text(p.first_day_until)),
                    CASE WHEN y.delayed_start_until IS NULL
                    THEN schooltime.format_message('%s; a later start needs the territorial services'' authorisation %s.',
                                                   rtrim(p.source, '.'), cite)
                    ELSE schooltime.format_message('%s; a later start needs the territorial services'' authorisation, not past %s %s.',
                                                   rtrim(p.source, '.'), schooltime.date_text(y.delayed_start_until), cite) END,
                    schooltime.format_message('Start classes on %s or earlier, or record the territorial services'' authorisation in %s.authorisations (rule calendar_class_days, for the centre).',
                           schooltime.date_text(p.first_day_until), quote_ident(model)),
                    authorisation);
            END IF;
            RETURN NEXT;
        END IF;
        IF p.last_day IS NOT NULL AND cd.last_day > p.last_day THEN
            finding := schooltime.calendar_violation('calendar_class_days', class_day_findings.centre_id, 'centre',
                class_day_findings.centre_id, centre.name, cd.last_day, NULL, NULL, NULL,
                schooltime.format_message('%s end on %s, after the last day of classes the order sets (%s)', what,
                       schooltime.calendar_day_text(cd.last_day), schooltime.date_text(p.last_day)),
                format('%s %s.', rtrim(p.source, '.'), cite),
                schooltime.format_message('End classes on %s or earlier.', schooltime.date_text(p.last_day)));
            RETURN NEXT;
        END IF;
    END LOOP;

    -- dated activities, against the calendar of their regime
    FOR pair IN EXECUTE format('SELECT DISTINCT a.school_year, a.regime FROM %I.dated_activities AS a '
                               'WHERE a.centre_id = $1 ORDER BY 1, 2', model)
                USING class_day_findings.centre_id
    LOOP
        y := schooltime.calendar_year(pair.school_year);
        cite := schooltime.format_message('(section 1; %s)', y.order_name);
        SELECT CASE WHEN schooltime.messages_in_catalan() THEN r.name_ca ELSE r.name_en END INTO regime_name FROM schooltime.regimes AS r WHERE r.regime = pair.regime;
        period := schooltime.class_period(model, class_day_findings.centre_id, pair.school_year, pair.regime, true);
        IF period.first_day IS NOT NULL AND period.last_day IS NOT NULL THEN
            SELECT array_agg(c.day ORDER BY c.day), array_agg(c.status ORDER BY c.day), array_agg(c.reason ORDER BY c.day)
              INTO cal_day, cal_status, cal_reason
            FROM schooltime.calendar_days(model, class_day_findings.centre_id, pair.school_year, pair.regime,
                                          period.first_day, period.last_day) AS c;
        END IF;
        FOR a IN EXECUTE format('SELECT a.id, a.group_id, g.name AS group_name, a.kind, a.first_day, a.last_day '
                                'FROM %1$I.dated_activities AS a LEFT JOIN %1$I.class_groups AS g '
                                'ON g.centre_id = a.centre_id AND g.id = a.group_id '
                                'WHERE a.centre_id = $1 AND a.school_year = $2 AND a.regime = $3 ORDER BY a.first_day, a.id', model)
                 USING class_day_findings.centre_id, pair.school_year, pair.regime
        LOOP
            activity_id := a.id;
            regime := pair.regime;
            school_year := pair.school_year;
            what := CASE WHEN a.group_id IS NOT NULL THEN
                        CASE a.kind WHEN 'exam' THEN schooltime.format_message('exam of group "%s"', a.group_name)
                                    WHEN 'final_exams' THEN schooltime.format_message('final exam period of group "%s"', a.group_name)
                                    WHEN 'evaluation' THEN schooltime.format_message('evaluation session of group "%s"', a.group_name)
                                    WHEN 'open_day' THEN schooltime.format_message('open day of group "%s"', a.group_name)
                                    ELSE schooltime.format_message('activity of group "%s"', a.group_name) END
                    ELSE
                        CASE a.kind WHEN 'exam' THEN schooltime.format_message('exam of %s at centre "%s"', regime_name, centre.name)
                                    WHEN 'final_exams' THEN schooltime.format_message('final exam period of %s at centre "%s"', regime_name, centre.name)
                                    WHEN 'evaluation' THEN schooltime.format_message('evaluation session of %s at centre "%s"', regime_name, centre.name)
                                    WHEN 'open_day' THEN schooltime.format_message('open day of %s at centre "%s"', regime_name, centre.name)
                                    ELSE schooltime.format_message('activity of %s at centre "%s"', regime_name, centre.name) END
                    END;
            IF period.first_day IS NULL OR period.last_day IS NULL THEN
                finding := schooltime.calendar_violation('calendar_class_days', class_day_findings.centre_id,
                    CASE WHEN a.group_id IS NULL THEN 'centre' ELSE 'group' END,
                    coalesce(a.group_id, class_day_findings.centre_id), coalesce(a.group_name, centre.name),
                    a.first_day, NULL, NULL, NULL,
                    CASE WHEN period.first_day IS NULL
                    THEN schooltime.format_message('%s on %s cannot be placed in the course: the first day of classes of %s in %s is not known',
                           what, schooltime.calendar_day_text(a.first_day), regime_name, pair.school_year)
                    ELSE schooltime.format_message('%s on %s cannot be placed in the course: the last day of classes of %s in %s is not known',
                           what, schooltime.calendar_day_text(a.first_day), regime_name, pair.school_year) END,
                    schooltime.format_message('Dated activities of a teaching fall between its first and last day of classes; %s %s.',
                           rtrim(coalesce(period.source, schooltime.gettext('the catalogue gives no dates for it')), '.'), cite),
                    schooltime.format_message('Record the centre''s dates in %s.course_dates.', quote_ident(model)));
                RETURN NEXT;
                CONTINUE;
            END IF;
            FOREACH e IN ARRAY (CASE WHEN a.first_day = a.last_day THEN ARRAY[a.first_day] ELSE ARRAY[a.first_day, a.last_day] END) LOOP
                st := NULL;
                why := NULL;
                SELECT c.status, c.reason INTO st, why FROM unnest(cal_day, cal_status, cal_reason) AS c (day, status, reason)
                WHERE c.day = e;
                IF st IS DISTINCT FROM 'lective' THEN
                    finding := schooltime.calendar_violation('calendar_class_days', class_day_findings.centre_id,
                        CASE WHEN a.group_id IS NULL THEN 'centre' ELSE 'group' END,
                        coalesce(a.group_id, class_day_findings.centre_id), coalesce(a.group_name, centre.name),
                        e, NULL, NULL, NULL,
                        CASE WHEN st IS NULL THEN schooltime.format_message('%s on %s is outside the %s school year', what,
                                                         schooltime.calendar_day_text(e), pair.school_year)
                             WHEN st = 'before_classes' THEN schooltime.format_message('%s on %s is before the first day of classes of %s (%s)',
                                                                    what, schooltime.calendar_day_text(e), regime_name, schooltime.date_text(period.first_day))
                             WHEN st = 'after_classes' THEN schooltime.format_message('%s on %s is after the last day of classes of %s (%s)',
                                                                   what, schooltime.calendar_day_text(e), regime_name, schooltime.date_text(period.last_day))
                             ELSE schooltime.format_message('%s on %s is not on a lective day: %s', what, schooltime.calendar_day_text(e), why) END,
                        schooltime.format_message('Dated activities of a teaching fall between its first and last day of classes and on lective days; in %s classes of %s run from %s to %s, and %s is not lective: %s %s.',
                               pair.school_year, regime_name, schooltime.date_text(period.first_day), schooltime.date_text(period.last_day),
                               schooltime.calendar_day_text(e), coalesce(why, schooltime.gettext('outside the school year')), cite),
                        schooltime.format_message('Move the activity to a lective day between %s and %s.',
                                                  schooltime.date_text(period.first_day), schooltime.date_text(period.last_day)));
                    RETURN NEXT;
                END IF;
            END LOOP;
        END LOOP;
    END LOOP;
END
$findings$;

CREATE OR REPLACE FUNCTION schooltime.calendar_lock_centre(model name, centre_id bigint)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $lock$
BEGIN
    IF current_setting('transaction_isolation') = 'repeatable read' THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('the calendar of centre %s cannot be checked in a REPEATABLE READ transaction', centre_id),
                  ERRCODE = 'feature_not_supported',
                  DETAIL = schooltime.gettext('Its rules count the free-disposal days other transactions have committed, which a REPEATABLE READ snapshot cannot see.'),
                  HINT = schooltime.gettext('Write free-disposal days, local holidays and course dates in a READ COMMITTED or SERIALIZABLE transaction.');
    END IF;
    EXECUTE format('SELECT 1 FROM %I.centres AS c WHERE c.id = $1 FOR NO KEY UPDATE', model) USING centre_id;
END
$lock$;

CREATE OR REPLACE FUNCTION schooltime.calendar_local_holidays_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET datestyle = 'ISO, YMD'
AS $check$
DECLARE
    y schooltime.calendar_years;
    holidays date[];
    c bigint;
    f schooltime.violation;
BEGIN
    IF NOT schooltime.enforcement_on(TG_RELID, TG_OP) THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    y := schooltime.calendar_year(schooltime.school_year_of(NEW.day));
    FOR c IN EXECUTE format('SELECT ce.id FROM %I.centres AS ce WHERE ce.municipality = $1 ORDER BY ce.id', TG_TABLE_SCHEMA)
             USING NEW.municipality
    LOOP
        PERFORM schooltime.calendar_lock_centre(TG_TABLE_SCHEMA, c);
    END LOOP;
    EXECUTE format('SELECT array_agg(h.day ORDER BY h.day) FROM %I.%I AS h WHERE h.municipality = $1 AND h.day BETWEEN $2 AND $3',
                   TG_TABLE_SCHEMA, TG_TABLE_NAME)
        INTO holidays USING NEW.municipality, y.course_start, y.course_end;
    IF y.local_holidays_max IS NOT NULL AND cardinality(holidays) > y.local_holidays_max THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('municipality %s has %s local holidays in %s, more than %s', NEW.municipality,
                        cardinality(holidays), y.school_year, y.local_holidays_max),
                  ERRCODE = 'check_violation', CONSTRAINT = 'local_holidays_per_year',
                  SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
                  DETAIL = schooltime.format_message('A municipality sets at most %s local holidays a school year; %s has %s.',
                                  y.local_holidays_max, NEW.municipality,
                                  (SELECT string_agg(schooltime.date_text(h.day), ', ' ORDER BY h.ord)
                                   FROM unnest(holidays) WITH ORDINALITY AS h (day, ord))),
                  HINT = schooltime.gettext('Remove a local holiday of that school year, or correct local_holidays_max in schooltime.calendar_years.');
    END IF;
    FOR c IN EXECUTE format('SELECT ce.id FROM %I.centres AS ce WHERE ce.municipality = $1 ORDER BY ce.id', TG_TABLE_SCHEMA)
             USING NEW.municipality
    LOOP
        SELECT (x.finding).* INTO f FROM schooltime.free_day_findings(TG_TABLE_SCHEMA, c, y.school_year) AS x
        WHERE NEW.day = ANY (x.days) AND (x.finding).authorisation_id IS NULL AND (x.finding).severity = 'error'
        LIMIT 1;
        IF f.rule IS NOT NULL THEN
            PERFORM schooltime.calendar_raise(f, TG_TABLE_SCHEMA, TG_TABLE_NAME);
        END IF;
        SELECT (x.finding).* INTO f FROM schooltime.class_day_findings(TG_TABLE_SCHEMA, c) AS x
        WHERE (x.finding).day = NEW.day AND x.activity_id IS NOT NULL
          AND (x.finding).authorisation_id IS NULL AND (x.finding).severity = 'error'
        LIMIT 1;
        IF f.rule IS NOT NULL THEN
            PERFORM schooltime.calendar_raise(f, TG_TABLE_SCHEMA, TG_TABLE_NAME);
        END IF;
    END LOOP;
    RETURN NULL;
END
$check$;


CREATE OR REPLACE FUNCTION schooltime.school_calendar(model name, centre_id bigint, school_year schooltime.school_year,
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
        RAISE EXCEPTION USING MESSAGE = schooltime.gettext('a centre''s calendar needs the model''s schema'),
                  ERRCODE = 'null_value_not_allowed',
                  HINT = schooltime.gettext('Call schooltime.school_calendar(school_year, regime) for the catalogue''s calendar.');
    END IF;
    period := schooltime.class_period(model, school_calendar.centre_id, school_calendar.school_year, school_calendar.regime);
    RETURN QUERY SELECT * FROM schooltime.calendar_days(model, school_calendar.centre_id, school_calendar.school_year,
                                                        school_calendar.regime, period.first_day, period.last_day);
END
$calendar$;
