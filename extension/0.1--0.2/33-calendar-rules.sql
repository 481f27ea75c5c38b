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
    SELECT ROW(r.code, r.severity, 'section ' || array_to_string(r.sections, ', '), centre_id, subject, subject_id,
               subject_name, extract(isodow FROM day)::integer, day, NULL::schooltime.weektimerange,
               measured, limit_value, unit, message, detail, hint, authorisation_id)::schooltime.violation
    FROM schooltime.rules AS r WHERE r.code = rule
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
AS $findings$
DECLARE
    y schooltime.calendar_years;
    centre record;
    regimes schooltime.regime[];
    chosen date[];
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
    EXECUTE format('SELECT coalesce(array_agg(f.day ORDER BY f.day), ''{}'') FROM %I.free_days AS f '
                   'WHERE f.centre_id = $1 AND f.school_year = $2', model)
        INTO chosen USING free_day_findings.centre_id, free_day_findings.school_year;
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
            SELECT string_agg(format('%s: %s', coalesce(rn.name_en, c.regime::text), c.reason), '; ' ORDER BY c.regime)
              INTO why
            FROM unnest(cal_day, cal_regime, cal_reason) AS c (day, regime, reason)
            LEFT JOIN schooltime.regimes AS rn ON rn.regime = c.regime
            WHERE c.day = d;
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
                    format('In %s free-disposal days may not fall on the first or last day of the course %s.',
                           free_day_findings.school_year, cite),
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
                           lower(vac.name_en)),
                    format('In %s free-disposal days may not adjoin the Christmas or Easter vacations; the %s runs from %s to %s and no lective day lies between it and %s %s.',
                           free_day_findings.school_year, lower(vac.name_en), vac.first_day, vac.last_day, d, cite),
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
            FOR k IN allowance + 1 .. cardinality(chosen) LOOP
                finding := schooltime.calendar_violation('calendar_free_days', free_day_findings.centre_id, 'centre',
                    free_day_findings.centre_id, centre.name, chosen[k], cardinality(chosen), allowance, 'days',
                    format('free-disposal day of %s on %s is the %s of %s, more than the %s allowed', subject,
                           schooltime.calendar_day_text(chosen[k]), schooltime.ordinal(k), free_day_findings.school_year,
                           allowance),
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
                format('%s %s.', p.source, cite),
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
                    format('%s A later start needs the territorial services'' authorisation%s %s.', p.source,
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
                format('%s %s.', p.source, cite),
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
                           coalesce(period.source, 'the catalogue gives no dates for it'), cite),
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
    PERFORM schooltime.calendar_lock_centre(TG_TABLE_SCHEMA, NEW.centre_id);
    -- a new statement: in READ COMMITTED its snapshot sees what the lock waited for
    SELECT (x.finding).* INTO f FROM schooltime.free_day_findings(TG_TABLE_SCHEMA, NEW.centre_id, NEW.school_year) AS x
    WHERE NEW.day = ANY (x.days) AND (x.finding).authorisation_id IS NULL AND (x.finding).severity = 'error'
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
AS $check$
DECLARE
    y schooltime.calendar_years;
    holidays date[];
    c bigint;
    f schooltime.violation;
BEGIN
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
