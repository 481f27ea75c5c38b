-- Rules calendar_free_days and calendar_class_days.  Each is computed in
-- one place, a "findings" function returning schooltime.violation rows
-- together with what they involve; the triggers raise the first finding
-- that concerns the row written, and schooltime.calendar_violations()
-- returns them all for the compliance report.

CREATE FUNCTION schooltime.calendar_raise(finding schooltime.violation, schema_name name, table_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $raise$
BEGIN
    RAISE EXCEPTION USING MESSAGE = finding.message, ERRCODE = 'check_violation', CONSTRAINT = finding.rule,
                          SCHEMA = schema_name, TABLE = table_name,
                          DETAIL = coalesce(finding.detail, ''), HINT = coalesce(finding.hint, '');
END
$raise$;
COMMENT ON FUNCTION schooltime.calendar_raise(schooltime.violation, name, name) IS
'internal: raises a violation as a check_violation whose constraint_name is the rule''s code';

CREATE FUNCTION schooltime.calendar_violation(rule text, centre_id bigint, subject text, subject_id bigint,
                                              subject_name text, day date, measured numeric, limit_value numeric,
                                              unit text, message text, detail text, hint text,
                                              authorisation_id bigint DEFAULT NULL)
RETURNS schooltime.violation
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ROW(r.code, r.severity, 'section ' || array_to_string(r.sections, ', '), calendar_violation.centre_id,
               calendar_violation.subject, calendar_violation.subject_id, calendar_violation.subject_name,
               extract(isodow FROM calendar_violation.day)::integer, calendar_violation.day, NULL::schooltime.weektimerange,
               calendar_violation.measured, calendar_violation.limit_value, calendar_violation.unit,
               calendar_violation.message, calendar_violation.detail, calendar_violation.hint,
               calendar_violation.authorisation_id)::schooltime.violation
    FROM schooltime.rules AS r WHERE r.code = calendar_violation.rule
$$;
COMMENT ON FUNCTION schooltime.calendar_violation(text, bigint, text, bigint, text, date, numeric, numeric, text, text, text, text, bigint) IS
'internal: a violation row of a calendar rule, with the rule''s severity and sections from schooltime.rules';

CREATE FUNCTION schooltime.ordinal(n integer)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT n || CASE WHEN n % 100 IN (11, 12, 13) THEN 'th' WHEN n % 10 = 1 THEN 'st'
                     WHEN n % 10 = 2 THEN 'nd' WHEN n % 10 = 3 THEN 'rd' ELSE 'th' END
$$;
COMMENT ON FUNCTION schooltime.ordinal(integer) IS 'internal: 1st, 2nd, 3rd, 4th...';

-- The regimes a centre teaches in a year: those of its groups, else those
-- of its course_dates, else every regime the year's catalogue dates.
CREATE FUNCTION schooltime.centre_regimes(model name, centre_id bigint, school_year schooltime.school_year)
RETURNS schooltime.regime[]
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $regimes$
DECLARE
    found schooltime.regime[];
BEGIN
    EXECUTE format('SELECT array_agg(DISTINCT g.regime ORDER BY g.regime) FROM %I.class_groups AS g '
                   'WHERE g.centre_id = $1 AND g.school_year = $2', model)
        INTO found USING centre_regimes.centre_id, centre_regimes.school_year;
    IF found IS NULL THEN
        EXECUTE format('SELECT array_agg(DISTINCT d.regime ORDER BY d.regime) FROM %I.course_dates AS d '
                       'WHERE d.centre_id = $1 AND d.school_year = $2', model)
            INTO found USING centre_regimes.centre_id, centre_regimes.school_year;
    END IF;
    IF found IS NULL THEN
        SELECT array_agg(rt.regime ORDER BY rt.regime) INTO found
        FROM schooltime.calendar_regime_teachings AS rt
        JOIN schooltime.calendar_class_periods AS cp ON cp.teaching = rt.teaching AND cp.school_year = centre_regimes.school_year
        WHERE cp.last_day IS NOT NULL;
    END IF;
    RETURN coalesce(found, '{}');
END
$regimes$;
COMMENT ON FUNCTION schooltime.centre_regimes(name, bigint, schooltime.school_year) IS
'internal: the regimes a centre of a model teaches in a school year: those of its groups, else of its course_dates, else every regime whose class period the catalogue gives in full';

------------------------------------------------------------------------
-- calendar_free_days

CREATE FUNCTION schooltime.free_day_findings(model name, centre_id bigint, school_year schooltime.school_year)
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
    subject := format('centre "%s"', centre.name);
    cite := format('(section 1; %s)', y.order_name);
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
                format('free-disposal day of %s on %s is outside the %s school year', subject,
                       schooltime.calendar_day_text(d), free_day_findings.school_year),
                format('The %s school year runs from %s to %s %s.', free_day_findings.school_year,
                       y.course_start, y.course_end, cite),
                'Record the day under the school year it belongs to.');
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
                         string_agg(coalesce(rn.name_en, c.regime::text), ', ' ORDER BY c.regime) AS teachings
                  FROM unnest(cal_day, cal_regime, cal_reason) AS c (day, regime, reason)
                  LEFT JOIN schooltime.regimes AS rn ON rn.regime = c.regime
                  WHERE c.day = d
                  GROUP BY c.reason) AS r;
            finding := schooltime.calendar_violation('calendar_free_days', free_day_findings.centre_id, 'centre',
                free_day_findings.centre_id, centre.name, d, NULL, NULL, NULL,
                format('free-disposal day of %s on %s is not on an otherwise lective day', subject,
                       schooltime.calendar_day_text(d)),
                format('A free-disposal day takes the place of a day that would otherwise be lective; in %s, %s is not lective for the centre''s teachings (%s) %s.',
                       free_day_findings.school_year, schooltime.calendar_day_text(d),
                       coalesce(why, 'it teaches no regime with known class dates'), cite),
                'Choose a day on which the centre would otherwise have classes.');
            days := ARRAY[d];
            RETURN NEXT;
            CONTINUE;
        END IF;

        IF y.free_days_not_on_course_edges THEN
            SELECT string_agg(format('the %s day of classes of %s', CASE WHEN p.first_day = d THEN 'first' ELSE 'last' END,
                                     coalesce(rn.name_en, p.regime::text)), ' and ' ORDER BY p.regime)
              INTO edge
            FROM unnest(period_regime, period_first, period_last) AS p (regime, first_day, last_day)
            LEFT JOIN schooltime.regimes AS rn ON rn.regime = p.regime
            WHERE p.first_day = d OR (p.last_day = d AND p.last_day <> y.course_end);
            IF edge IS NOT NULL THEN
                finding := schooltime.calendar_violation('calendar_free_days', free_day_findings.centre_id, 'centre',
                    free_day_findings.centre_id, centre.name, d, NULL, NULL, NULL,
                    format('free-disposal day of %s on %s is %s', subject, schooltime.calendar_day_text(d), edge),
                    format('In %s free-disposal days may not fall on the first or last day of the course; %s %s.',
                           free_day_findings.school_year,
                           (SELECT string_agg(format('classes of %s run from %s to %s', coalesce(rn.name_en, p.regime::text),
                                                     p.first_day, p.last_day), '; ' ORDER BY p.regime)
                            FROM unnest(period_regime, period_first, period_last) AS p (regime, first_day, last_day)
                            LEFT JOIN schooltime.regimes AS rn ON rn.regime = p.regime),
                           cite),
                    'Choose another lective day.');
                days := ARRAY[d];
                RETURN NEXT;
                CONTINUE;
            END IF;
        END IF;

        IF y.free_days_not_adjoining_vacations THEN
            SELECT n.name_en, n.first_day, n.last_day INTO vac
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
                    format('free-disposal day of %s on %s adjoins the %s', subject, schooltime.calendar_day_text(d),
                           vac.name_en),
                    format('In %s free-disposal days may not adjoin the Christmas or Easter vacations; the %s runs from %s to %s and no lective day lies between it and %s %s.',
                           free_day_findings.school_year, vac.name_en, vac.first_day, vac.last_day, d, cite),
                    'Choose a day with at least one lective day between it and the vacation.');
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
                format('free-disposal days of %s on %s and %s are consecutive', subject,
                       schooltime.calendar_day_text(chosen[k - 1]), schooltime.calendar_day_text(d)),
                format('In %s consecutive free-disposal days need the territorial services'' authorisation; no lective day lies between %s and %s %s.',
                       free_day_findings.school_year, chosen[k - 1], d, cite),
                format('Record the authorisation in %I.authorisations (rule calendar_free_days, for the centre), or choose days with a lective day between them.', model),
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
                    format('free-disposal day of %s on %s is the %s chosen for %s, more than the %s allowed', subject,
                           schooltime.calendar_day_text(chosen_in_order[k]), schooltime.ordinal(k),
                           free_day_findings.school_year, allowance),
                    format('In %s a centre chooses at most %s free-disposal days%s%s; the centre has chosen %s: %s %s.',
                           free_day_findings.school_year, y.free_days_max,
                           CASE WHEN extra > 0 THEN format(', plus %s for its local holidays on non-lective days', extra) ELSE '' END,
                           coalesce(' (' || y.free_days_max_note || ')', ''),
                           cardinality(chosen), array_to_string(chosen, ', '), cite),
                    'Remove a free-disposal day; if the order allows more, correct free_days_max in schooltime.calendar_years.');
                days := chosen;
                RETURN NEXT;
            END LOOP;
        END IF;
    END IF;
END
$findings$;
COMMENT ON FUNCTION schooltime.free_day_findings(name, bigint, schooltime.school_year) IS
'internal: every violation of rule calendar_free_days by a centre''s free-disposal days in a school year, each with the days it involves (what the trigger and the report share)';

------------------------------------------------------------------------
-- calendar_class_days

CREATE FUNCTION schooltime.class_day_findings(model name, centre_id bigint)
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
        cite := format('(section 1; %s)', y.order_name);
        SELECT r.name_en INTO regime_name FROM schooltime.regimes AS r WHERE r.regime = cd.regime;
        SELECT cp.* INTO p FROM schooltime.calendar_class_periods AS cp
        JOIN schooltime.calendar_regime_teachings AS rt ON rt.teaching = cp.teaching
        WHERE cp.school_year = cd.school_year AND rt.regime = cd.regime;
        activity_id := NULL;
        regime := cd.regime;
        school_year := cd.school_year;
        what := format('classes of %s at centre "%s" in %s', regime_name, centre.name, cd.school_year);
        IF cd.first_day < y.course_start OR cd.last_day > y.course_end THEN
            finding := schooltime.calendar_violation('calendar_class_days', class_day_findings.centre_id, 'centre',
                class_day_findings.centre_id, centre.name, CASE WHEN cd.first_day < y.course_start THEN cd.first_day ELSE cd.last_day END,
                NULL, NULL, NULL,
                format('%s run from %s to %s, outside the school year', what, cd.first_day, cd.last_day),
                format('The %s school year runs from %s to %s %s.', cd.school_year, y.course_start, y.course_end, cite),
                'Record dates inside the school year.');
            RETURN NEXT;
            CONTINUE;
        END IF;
        IF p.first_day_from IS NOT NULL AND cd.first_day < p.first_day_from THEN
            finding := schooltime.calendar_violation('calendar_class_days', class_day_findings.centre_id, 'centre',
                class_day_findings.centre_id, centre.name, cd.first_day, NULL, NULL, NULL,
                format('%s start on %s, before the first day of classes the order sets (%s)', what,
                       schooltime.calendar_day_text(cd.first_day), p.first_day_from),
                format('%s %s.', rtrim(p.source, '.'), cite),
                format('Start classes on %s or later.', p.first_day_from));
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
                    format('%s start on %s, after the latest delayed start the order allows (%s)', what,
                           schooltime.calendar_day_text(cd.first_day), greatest(p.first_day_until, y.delayed_start_until)),
                    format('The territorial services may authorise a delayed start, not past %s %s.',
                           y.delayed_start_until, cite),
                    format('Start classes on %s or earlier.', greatest(p.first_day_until, y.delayed_start_until)));
            ELSE
                finding := schooltime.calendar_violation('calendar_class_days', class_day_findings.centre_id, 'centre',
                    class_day_findings.centre_id, centre.name, cd.first_day, NULL, NULL, NULL,
                    format('%s start on %s, after the latest first day of classes the order sets (%s)', what,
                           schooltime.calendar_day_text(cd.first_day), p.first_day_until),
                    format('%s; a later start needs the territorial services'' authorisation%s %s.', rtrim(p.source, '.'),
                           coalesce(format(', not past %s', y.delayed_start_until), ''), cite),
                    format('Start classes on %s or earlier, or record the territorial services'' authorisation in %I.authorisations (rule calendar_class_days, for the centre).',
                           p.first_day_until, model),
                    authorisation);
            END IF;
            RETURN NEXT;
        END IF;
        IF p.last_day IS NOT NULL AND cd.last_day > p.last_day THEN
            finding := schooltime.calendar_violation('calendar_class_days', class_day_findings.centre_id, 'centre',
                class_day_findings.centre_id, centre.name, cd.last_day, NULL, NULL, NULL,
                format('%s end on %s, after the last day of classes the order sets (%s)', what,
                       schooltime.calendar_day_text(cd.last_day), p.last_day),
                format('%s %s.', rtrim(p.source, '.'), cite),
                format('End classes on %s or earlier.', p.last_day));
            RETURN NEXT;
        END IF;
    END LOOP;

    -- dated activities, against the calendar of their regime
    FOR pair IN EXECUTE format('SELECT DISTINCT a.school_year, a.regime FROM %I.dated_activities AS a '
                               'WHERE a.centre_id = $1 ORDER BY 1, 2', model)
                USING class_day_findings.centre_id
    LOOP
        y := schooltime.calendar_year(pair.school_year);
        cite := format('(section 1; %s)', y.order_name);
        SELECT r.name_en INTO regime_name FROM schooltime.regimes AS r WHERE r.regime = pair.regime;
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
            what := format('%s of %s', CASE a.kind WHEN 'exam' THEN 'exam' WHEN 'final_exams' THEN 'final exam period'
                                                   WHEN 'evaluation' THEN 'evaluation session' WHEN 'open_day' THEN 'open day'
                                                   ELSE 'activity' END,
                           CASE WHEN a.group_id IS NOT NULL THEN format('group "%s"', a.group_name)
                                ELSE format('%s at centre "%s"', regime_name, centre.name) END);
            IF period.first_day IS NULL OR period.last_day IS NULL THEN
                finding := schooltime.calendar_violation('calendar_class_days', class_day_findings.centre_id,
                    CASE WHEN a.group_id IS NULL THEN 'centre' ELSE 'group' END,
                    coalesce(a.group_id, class_day_findings.centre_id), coalesce(a.group_name, centre.name),
                    a.first_day, NULL, NULL, NULL,
                    format('%s on %s cannot be placed in the course: the %s day of classes of %s in %s is not known',
                           what, schooltime.calendar_day_text(a.first_day),
                           CASE WHEN period.first_day IS NULL THEN 'first' ELSE 'last' END, regime_name, pair.school_year),
                    format('Dated activities of a teaching fall between its first and last day of classes; %s %s.',
                           rtrim(coalesce(period.source, 'the catalogue gives no dates for it'), '.'), cite),
                    format('Record the centre''s dates in %I.course_dates.', model));
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
                        CASE WHEN st IS NULL THEN format('%s on %s is outside the %s school year', what,
                                                         schooltime.calendar_day_text(e), pair.school_year)
                             WHEN st = 'before_classes' THEN format('%s on %s is before the first day of classes of %s (%s)',
                                                                    what, schooltime.calendar_day_text(e), regime_name, period.first_day)
                             WHEN st = 'after_classes' THEN format('%s on %s is after the last day of classes of %s (%s)',
                                                                   what, schooltime.calendar_day_text(e), regime_name, period.last_day)
                             ELSE format('%s on %s is not on a lective day: %s', what, schooltime.calendar_day_text(e), why) END,
                        format('Dated activities of a teaching fall between its first and last day of classes and on lective days; in %s classes of %s run from %s to %s, and %s is not lective: %s %s.',
                               pair.school_year, regime_name, period.first_day, period.last_day,
                               schooltime.calendar_day_text(e), coalesce(why, 'outside the school year'), cite),
                        format('Move the activity to a lective day between %s and %s.', period.first_day, period.last_day));
                    RETURN NEXT;
                END IF;
            END LOOP;
        END LOOP;
    END LOOP;
END
$findings$;
COMMENT ON FUNCTION schooltime.class_day_findings(name, bigint) IS
'internal: every violation of rule calendar_class_days at a centre of a model: its course_dates against the order, and its dated activities against their regime''s calendar, each with the activity (or NULL for course dates), regime and school year it concerns';

CREATE FUNCTION schooltime.calendar_violations(model name, centre_id bigint DEFAULT NULL)
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
    FOR c IN EXECUTE format('SELECT ce.id FROM %I.centres AS ce WHERE $1 IS NULL OR ce.id = $1 ORDER BY ce.id', model)
             USING calendar_violations.centre_id
    LOOP
        FOR y IN EXECUTE format('SELECT DISTINCT f.school_year FROM %I.free_days AS f WHERE f.centre_id = $1 ORDER BY 1', model)
                 USING c
        LOOP
            RETURN QUERY SELECT (f.finding).* FROM schooltime.free_day_findings(model, c, y) AS f;
        END LOOP;
        RETURN QUERY SELECT (f.finding).* FROM schooltime.class_day_findings(model, c) AS f;
    END LOOP;
END
$violations$;
COMMENT ON FUNCTION schooltime.calendar_violations(name, bigint) IS
'every violation of the calendar rules (calendar_free_days, calendar_class_days) in a model, for one centre or all; the same findings the write-time triggers raise, with authorised ones carrying their authorisation_id';

------------------------------------------------------------------------
-- The triggers

-- A count limit needs every writer of the centre's free days in line: lock
-- the centre's row, then read with a snapshot taken after the lock.
CREATE FUNCTION schooltime.calendar_lock_centre(model name, centre_id bigint)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $lock$
BEGIN
    IF current_setting('transaction_isolation') = 'repeatable read' THEN
        RAISE EXCEPTION 'the calendar of centre % cannot be checked in a REPEATABLE READ transaction', centre_id
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = 'Its rules count the free-disposal days other transactions have committed, which a REPEATABLE READ snapshot cannot see.',
                  HINT = 'Write free-disposal days, local holidays and course dates in a READ COMMITTED or SERIALIZABLE transaction.';
    END IF;
    EXECUTE format('SELECT 1 FROM %I.centres AS c WHERE c.id = $1 FOR NO KEY UPDATE', model) USING centre_id;
END
$lock$;
COMMENT ON FUNCTION schooltime.calendar_lock_centre(name, bigint) IS
'internal: locks a centre''s row (FOR NO KEY UPDATE) so that concurrent writers of its calendar are checked one after the other; refuses REPEATABLE READ, whose snapshot could not see the other writer''s rows';

CREATE FUNCTION schooltime.calendar_free_days_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $check$
DECLARE
    f schooltime.violation;
BEGIN
    IF NOT schooltime.enforcement_on(TG_RELID, TG_OP) THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    PERFORM schooltime.calendar_lock_centre(TG_TABLE_SCHEMA, NEW.centre_id);
    -- a new statement: in READ COMMITTED its snapshot sees what the lock waited for
    -- the findings that involve the day written, those about the day itself first
    SELECT (x.finding).* INTO f
    FROM schooltime.free_day_findings(TG_TABLE_SCHEMA, NEW.centre_id, NEW.school_year) WITH ORDINALITY AS x (finding, days, n)
    WHERE NEW.day = ANY (x.days) AND (x.finding).authorisation_id IS NULL AND (x.finding).severity = 'error'
    ORDER BY (x.finding).day = NEW.day DESC, x.n
    LIMIT 1;
    IF f.rule IS NOT NULL THEN
        PERFORM schooltime.calendar_raise(f, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    SELECT (x.finding).* INTO f FROM schooltime.class_day_findings(TG_TABLE_SCHEMA, NEW.centre_id) AS x
    WHERE (x.finding).day = NEW.day AND x.activity_id IS NOT NULL
      AND (x.finding).authorisation_id IS NULL AND (x.finding).severity = 'error'
    LIMIT 1;
    IF f.rule IS NOT NULL THEN
        PERFORM schooltime.calendar_raise(f, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END
$check$;
COMMENT ON FUNCTION schooltime.calendar_free_days_check() IS
'AFTER INSERT OR UPDATE row trigger on a model''s free_days: rule calendar_free_days for the day written (count, otherwise lective day, and the year''s conditions), and calendar_class_days for dated activities that would fall on it; locks the centre''s row first';

CREATE FUNCTION schooltime.calendar_local_holidays_check()
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
        RAISE EXCEPTION 'municipality % has % local holidays in %, more than %', NEW.municipality,
                        cardinality(holidays), y.school_year, y.local_holidays_max
            USING ERRCODE = 'check_violation', CONSTRAINT = 'local_holidays_per_year',
                  SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
                  DETAIL = format('A municipality sets at most %s local holidays a school year; %s has %s.',
                                  y.local_holidays_max, NEW.municipality, array_to_string(holidays, ', ')),
                  HINT = 'Remove a local holiday of that school year, or correct local_holidays_max in schooltime.calendar_years.';
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
COMMENT ON FUNCTION schooltime.calendar_local_holidays_check() IS
'AFTER INSERT OR UPDATE row trigger on a model''s local_holidays: at most the year''s local_holidays_max per municipality (constraint local_holidays_per_year), and no free-disposal day or dated activity of a centre of the municipality on the holiday (rules calendar_free_days, calendar_class_days)';

CREATE FUNCTION schooltime.calendar_course_dates_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $check$
DECLARE
    f schooltime.violation;
BEGIN
    IF NOT schooltime.enforcement_on(TG_RELID, TG_OP) THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    PERFORM schooltime.calendar_lock_centre(TG_TABLE_SCHEMA, NEW.centre_id);
    SELECT (x.finding).* INTO f FROM schooltime.class_day_findings(TG_TABLE_SCHEMA, NEW.centre_id) AS x
    WHERE x.regime = NEW.regime AND x.school_year = NEW.school_year
      AND (x.finding).authorisation_id IS NULL AND (x.finding).severity = 'error'
    ORDER BY x.activity_id NULLS FIRST
    LIMIT 1;
    IF f.rule IS NOT NULL THEN
        PERFORM schooltime.calendar_raise(f, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    SELECT (x.finding).* INTO f FROM schooltime.free_day_findings(TG_TABLE_SCHEMA, NEW.centre_id, NEW.school_year) AS x
    WHERE NOT ((x.finding).day > NEW.first_day AND (x.finding).day < NEW.last_day)
      AND (x.finding).unit IS NULL AND (x.finding).authorisation_id IS NULL AND (x.finding).severity = 'error'
    LIMIT 1;
    IF f.rule IS NOT NULL THEN
        PERFORM schooltime.calendar_raise(f, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END
$check$;
COMMENT ON FUNCTION schooltime.calendar_course_dates_check() IS
'AFTER INSERT OR UPDATE row trigger on a model''s course_dates: the dates lie within what the order sets (rule calendar_class_days), the regime''s dated activities still fall inside them, and no free-disposal day falls outside them or on their first or last day (calendar_free_days)';

CREATE FUNCTION schooltime.calendar_activities_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $check$
DECLARE
    f schooltime.violation;
BEGIN
    IF NOT schooltime.enforcement_on(TG_RELID, TG_OP) THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    SELECT (x.finding).* INTO f FROM schooltime.class_day_findings(TG_TABLE_SCHEMA, NEW.centre_id) AS x
    WHERE x.activity_id = NEW.id AND (x.finding).authorisation_id IS NULL AND (x.finding).severity = 'error'
    LIMIT 1;
    IF f.rule IS NOT NULL THEN
        PERFORM schooltime.calendar_raise(f, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END
$check$;
COMMENT ON FUNCTION schooltime.calendar_activities_check() IS
'AFTER INSERT OR UPDATE row trigger on a model''s dated_activities: rule calendar_class_days (the activity''s first and last day are lective days of its regime''s course at the centre)';

------------------------------------------------------------------------

-- iCalendar (RFC 5545) export of a group's or a teacher's timetable for a
-- course: one weekly recurring event per session, bounded by the course,
-- with the days it is not held as exceptions and the intensive days as
-- overridden occurrences, so that a calendar app shows the real year.

CREATE FUNCTION schooltime.ical_escape(value text)
RETURNS text
AS 'MODULE_PATHNAME', 'schooltime_ical_escape'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.ical_escape(text) IS
'a text as an iCalendar TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma escaped, line breaks written \n, other control characters but tab made spaces';

CREATE FUNCTION schooltime.ical_fold(line text)
RETURNS text
AS 'MODULE_PATHNAME', 'schooltime_ical_fold'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.ical_fold(text) IS
'an iCalendar content line folded as RFC 5545 (3.1) requires: CRLF and a space inserted so that no line is longer than 75 octets, never inside a UTF-8 character';

CREATE FUNCTION schooltime.ical_local_time(day date, at time)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT to_char(day + at, 'YYYYMMDD"T"HH24MISS') $$;
COMMENT ON FUNCTION schooltime.ical_local_time(date, time) IS
'internal: a local date and time as iCalendar writes it, 20180912T080000';

CREATE FUNCTION schooltime.ical_utc_time(day date, at time)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT to_char(((day + at) AT TIME ZONE 'Europe/Madrid') AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS"Z"') $$;
COMMENT ON FUNCTION schooltime.ical_utc_time(date, time) IS
'internal: a date and time of Catalonia (Europe/Madrid) in UTC as iCalendar writes it, 20190621T060000Z';

-- The events of a group's sessions (of one teacher's only, if teacher_id is
-- given), as unfolded content lines.
CREATE FUNCTION schooltime.ical_group_events(model name, centre_id bigint, group_id bigint, teacher_id bigint DEFAULT NULL)
RETURNS SETOF text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $events$
DECLARE
    g record;
    s record;
    k integer;
    stamp text := to_char(transaction_timestamp() AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS"Z"');
    uid text;
    tz text := ';TZID=Europe/Madrid:';
BEGIN
    g := schooltime.calendar_group(model, ical_group_events.centre_id, ical_group_events.group_id);
    FOR s IN EXECUTE format($q$
        WITH l AS (
            SELECT * FROM schooltime.group_lessons($1, $2, $3) AS l WHERE $4 IS NULL OR l.teacher_id = $4
        ), per_session AS (
            SELECT l.session_id, l.subject, l.kind, l.teacher_id, l.starts, l.ends,
                   min(l.day) AS first_day, max(l.day) AS last_day, array_agg(l.day ORDER BY l.day) AS held_days,
                   array_agg(l.day ORDER BY l.day) FILTER (WHERE l.held_start <> l.starts OR l.held_end <> l.ends) AS changed_days,
                   array_agg(l.held_start ORDER BY l.day) FILTER (WHERE l.held_start <> l.starts OR l.held_end <> l.ends) AS changed_starts,
                   array_agg(l.held_end ORDER BY l.day) FILTER (WHERE l.held_start <> l.starts OR l.held_end <> l.ends) AS changed_ends
            FROM l GROUP BY l.session_id, l.subject, l.kind, l.teacher_id, l.starts, l.ends
        )
        SELECT p.*, t.name AS teacher_name,
               ARRAY(SELECT x::date FROM generate_series(p.first_day, p.last_day, interval '7 days') AS x
                     WHERE x::date <> ALL (p.held_days) ORDER BY 1) AS skipped_days
        FROM per_session AS p LEFT JOIN %I.teachers AS t ON t.id = p.teacher_id
        ORDER BY extract(isodow FROM p.first_day), p.starts, p.session_id
        $q$, model)
        USING model, ical_group_events.centre_id, ical_group_events.group_id, ical_group_events.teacher_id
    LOOP
        uid := 'UID:' || schooltime.ical_escape(format('schooltime-%s-c%s-s%s-%s', model, ical_group_events.centre_id,
                                                       s.session_id, g.school_year));
        RETURN NEXT 'BEGIN:VEVENT';
        RETURN NEXT uid;
        RETURN NEXT 'DTSTAMP:' || stamp;
        RETURN NEXT 'DTSTART' || tz || schooltime.ical_local_time(s.first_day, s.starts);
        RETURN NEXT 'DTEND' || tz || schooltime.ical_local_time(s.first_day, s.ends);
        RETURN NEXT 'RRULE:FREQ=WEEKLY;UNTIL=' || schooltime.ical_utc_time(s.last_day, s.starts);
        IF cardinality(s.skipped_days) > 0 THEN
            RETURN NEXT 'EXDATE' || tz || (SELECT string_agg(schooltime.ical_local_time(x, s.starts), ',' ORDER BY x)
                                           FROM unnest(s.skipped_days) AS x);
        END IF;
        RETURN NEXT 'SUMMARY:' || schooltime.ical_escape(format('%s (%s)', s.subject, g.name));
        RETURN NEXT 'DESCRIPTION:' || schooltime.ical_escape(concat_ws(E'\n',
            format('%s of group %s, %s.', initcap(replace(s.kind::text, '_', ' ')), g.name, g.school_year),
            'Teacher: ' || s.teacher_name));
        RETURN NEXT 'CATEGORIES:' || schooltime.ical_escape(s.kind::text);
        RETURN NEXT 'TRANSP:OPAQUE';
        RETURN NEXT 'END:VEVENT';
        -- occurrences held only in part (intensive days)
        FOR k IN 1 .. coalesce(cardinality(s.changed_days), 0) LOOP
            RETURN NEXT 'BEGIN:VEVENT';
            RETURN NEXT uid;
            RETURN NEXT 'DTSTAMP:' || stamp;
            RETURN NEXT 'RECURRENCE-ID' || tz || schooltime.ical_local_time(s.changed_days[k], s.starts);
            RETURN NEXT 'DTSTART' || tz || schooltime.ical_local_time(s.changed_days[k], s.changed_starts[k]);
            RETURN NEXT 'DTEND' || tz || schooltime.ical_local_time(s.changed_days[k], s.changed_ends[k]);
            RETURN NEXT 'SUMMARY:' || schooltime.ical_escape(format('%s (%s)', s.subject, g.name));
            RETURN NEXT 'DESCRIPTION:' || schooltime.ical_escape('Intensive day: only the part inside the intensive timetable is held.');
            RETURN NEXT 'END:VEVENT';
        END LOOP;
    END LOOP;
END
$events$;
COMMENT ON FUNCTION schooltime.ical_group_events(name, bigint, bigint, bigint) IS
'internal: the VEVENT content lines (unfolded) of a group''s sessions, or of one teacher''s sessions in it: a weekly rule from the first to the last lesson, EXDATE for each week it is not held, an overriding event for each occurrence held only in part';

CREATE FUNCTION schooltime.ical_calendar(calendar_name text, events text[])
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT string_agg(schooltime.ical_fold(line), E'\r\n' ORDER BY n) || E'\r\n'
    FROM unnest(ARRAY[
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//schooltime//schooltime ' || (SELECT e.extversion FROM pg_catalog.pg_extension AS e WHERE e.extname = 'schooltime') || '//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:' || schooltime.ical_escape(calendar_name),
        'X-WR-TIMEZONE:Europe/Madrid',
        'BEGIN:VTIMEZONE',
        'TZID:Europe/Madrid',
        'BEGIN:DAYLIGHT',
        'TZOFFSETFROM:+0100',
        'TZOFFSETTO:+0200',
        'TZNAME:CEST',
        'DTSTART:19700329T020000',
        'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
        'END:DAYLIGHT',
        'BEGIN:STANDARD',
        'TZOFFSETFROM:+0200',
        'TZOFFSETTO:+0100',
        'TZNAME:CET',
        'DTSTART:19701025T030000',
        'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
        'END:STANDARD',
        'END:VTIMEZONE'] || coalesce(events, '{}') || ARRAY['END:VCALENDAR']) WITH ORDINALITY AS l (line, n)
$$;
COMMENT ON FUNCTION schooltime.ical_calendar(text, text[]) IS
'internal: a VCALENDAR object (PRODID, VERSION, the Europe/Madrid VTIMEZONE) around the given event lines, each line folded, CRLF line endings';

CREATE FUNCTION schooltime.ical_group(model name, centre_id bigint, group_id bigint)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $group$
DECLARE
    g record;
BEGIN
    g := schooltime.calendar_group(model, ical_group.centre_id, ical_group.group_id);
    RETURN schooltime.ical_calendar(format('%s, %s', g.name, g.school_year),
                                    ARRAY(SELECT schooltime.ical_group_events(model, ical_group.centre_id, ical_group.group_id)));
END
$group$;
COMMENT ON FUNCTION schooltime.ical_group(name, bigint, bigint) IS
'the timetable of a group of a model for its course as iCalendar (RFC 5545) text: one weekly recurring event per class session, from its first to its last lesson, with the non-lective days as exceptions and intensive days as changed occurrences';

CREATE FUNCTION schooltime.ical_teacher(model name, teacher_id bigint, school_year schooltime.school_year)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $teacher$
DECLARE
    teacher_name text;
    g record;
    events text[] := '{}';
BEGIN
    IF to_regclass(format('%I.sessions', model)) IS NULL THEN
        PERFORM schooltime.calendar_centre(model, 0);
    END IF;
    EXECUTE format('SELECT t.name FROM %I.teachers AS t WHERE t.id = $1', model) INTO teacher_name USING ical_teacher.teacher_id;
    IF teacher_name IS NULL THEN
        RAISE EXCEPTION 'teacher % does not exist in schema %', ical_teacher.teacher_id, quote_ident(model)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR g IN EXECUTE format('SELECT DISTINCT s.centre_id, s.group_id FROM %I.sessions AS s '
                            'WHERE s.teacher_id = $1 AND s.school_year = $2 ORDER BY 1, 2', model)
             USING ical_teacher.teacher_id, ical_teacher.school_year
    LOOP
        events := events || ARRAY(SELECT schooltime.ical_group_events(model, g.centre_id, g.group_id, ical_teacher.teacher_id));
    END LOOP;
    RETURN schooltime.ical_calendar(format('%s, %s', teacher_name, ical_teacher.school_year), events);
END
$teacher$;
COMMENT ON FUNCTION schooltime.ical_teacher(name, bigint, schooltime.school_year) IS
'the teaching timetable of a teacher of a model for a school year as iCalendar (RFC 5545) text: the teacher''s sessions in every group, each on its group''s calendar';
