-- Balanced schooling: Decret 11/2021's rules that figures can check, as a
-- rule family of schooltime.check() (doc/design.md, decision 10).
--
--   nee_entry_share     (art. 59)  a centre's share of pupils with specific
--                       educational needs at an entry level above its zone's
--                       maximum;
--   late_nee_enrolment  (art. 49.2, 57.5, 60.3)  late arrivals with such needs
--                       assigned to a centre already above the maximum at the
--                       start of the course;
--   nee_reserve         (art. 55)  places reserved short of the intake the
--                       zone's share foresees for the places offered.
--
-- The maximum is the zone's share (the share each centre would have under a
-- balanced distribution, art. 59.2.a) raised by the catalogue's
-- nee_max_raise (in percent of the share, or in points), or the maximum the
-- Department set for the zone (the model's zone_nee_maximums).  Every
-- comparison is made on exact products of counts, never on rounded shares;
-- a measured share is shown rounded up and a limit rounded down to
-- hundredths, so that a reported excess always shows.  The rules report, a
-- decree binds the Department's admissions and not the rows that record
-- them: severity warning.

CREATE FUNCTION schooltime.equity_violations(model name, school_year schooltime.school_year,
                                             centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $rules$
BEGIN
    IF model IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.gettext('the schema of the model must be named'),
                  ERRCODE = 'null_value_not_allowed',
                  HINT = schooltime.gettext('Call schooltime.equity_violations(''timetables'') with the schema create_model() was given.');
    END IF;
    IF to_regclass(format('%I.enrolment', model)) IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('schema %s holds no schooltime model of this version', quote_ident(model)),
                  ERRCODE = 'undefined_table',
                  HINT = CASE WHEN to_regclass(format('%I.sessions', model)) IS NULL
                              THEN schooltime.gettext('Create one with schooltime.create_model().')
                              ELSE schooltime.format_message('Run SELECT schooltime.upgrade_model(%s); to add what this version brings.',
                                                             quote_literal(model)) END;
    END IF;
    -- the rules are about centres: a group has none of their violations
    IF group_id IS NOT NULL THEN
        RETURN;
    END IF;

    RETURN QUERY EXECUTE format($q$
        WITH e AS (
            SELECT e.centre_id, e.school_year, e.regime, e.level, e.stage, e.pupils::bigint AS pupils,
                   e.nee_a_pupils, e.nee_b_pupils, (e.nee_a_pupils + e.nee_b_pupils)::bigint AS nee,
                   e.late_pupils::bigint AS late, (e.late_nee_a_pupils + e.late_nee_b_pupils)::bigint AS late_nee,
                   e.places_offered::bigint AS offered, e.places_reserved_nee_a, e.places_reserved_nee_b,
                   (e.places_reserved_nee_a + e.places_reserved_nee_b)::bigint AS reserved, cz.zone_id
            FROM %1$I.enrolment AS e
            LEFT JOIN %1$I.centre_zones AS cz
              ON cz.centre_id = e.centre_id AND cz.school_year = e.school_year AND cz.stage = e.stage
            -- a year's zone figures are that year's rows alone: it is kept before the window sums
            WHERE (%5$L IS NULL OR e.school_year = %5$L)
        ), zone_level AS (
            -- each row with its zone's figures for its year and level, as window
            -- sums over every centre of the zone (before any centre is picked
            -- out): a join to the zone's aggregate was planned as a nested loop
            -- that aggregated the whole enrolment again for each row
            SELECT e.*,
                   CASE WHEN e.zone_id IS NOT NULL THEN sum(e.nee) OVER zone END::bigint AS zone_nee,
                   CASE WHEN e.zone_id IS NOT NULL THEN sum(e.pupils) OVER zone END::bigint AS zone_pupils,
                   CASE WHEN e.zone_id IS NOT NULL THEN sum(e.nee - e.late_nee) OVER zone END::bigint AS zone_start_nee,
                   CASE WHEN e.zone_id IS NOT NULL THEN sum(e.pupils - e.late) OVER zone END::bigint AS zone_start_pupils
            FROM e
            WINDOW zone AS (PARTITION BY e.zone_id, e.school_year, e.regime, e.level)
        ), judged AS (
            SELECT e.*, c.name AS centre_name, z.name AS zone_name, l.level_name, l.entry_level,
                   f.school_year IS NOT NULL AS has_figure, f.value AS raise, f.unit AS raise_unit,
                   m.maximum_percent, m.resolution
            FROM zone_level AS e
            JOIN %1$I.centres AS c ON c.id = e.centre_id
            JOIN schooltime.equity_levels AS l ON l.school_year = e.school_year AND l.regime = e.regime AND l.level = e.level
            LEFT JOIN %1$I.zones AS z ON z.id = e.zone_id
            LEFT JOIN schooltime.equity_figures AS f ON f.school_year = e.school_year AND f.figure = 'nee_max_raise'
            LEFT JOIN %1$I.zone_nee_maximums AS m
              ON m.zone_id = e.zone_id AND m.school_year = e.school_year AND m.regime = e.regime AND m.level = e.level
            WHERE $1 IS NULL OR e.centre_id = $1
        ), maxima AS (
            -- the maximum share, in percent, as a fraction: the zone's share of the
            -- whole year (art. 59) and at the start of the course (late arrivals)
            SELECT j.*, (j.maximum_percent IS NOT NULL OR j.raise IS NOT NULL) AS in_force,
                   CASE WHEN j.maximum_percent IS NOT NULL THEN j.maximum_percent
                        WHEN j.raise_unit = 'points' THEN j.zone_nee * 100 + j.raise * j.zone_pupils
                        ELSE j.zone_nee * (100 + j.raise) END AS max_num,
                   CASE WHEN j.maximum_percent IS NOT NULL THEN 1 ELSE j.zone_pupils END AS max_den,
                   CASE WHEN j.maximum_percent IS NOT NULL THEN j.maximum_percent
                        WHEN j.raise_unit = 'points' THEN j.zone_start_nee * 100 + j.raise * j.zone_start_pupils
                        ELSE j.zone_start_nee * (100 + j.raise) END AS start_max_num,
                   CASE WHEN j.maximum_percent IS NOT NULL THEN 1 ELSE j.zone_start_pupils END AS start_max_den,
                   CASE WHEN j.maximum_percent IS NOT NULL
                        THEN format($2, schooltime.number_words(j.maximum_percent), j.resolution)
                        WHEN j.raise_unit = 'points' THEN format($3, schooltime.number_words(j.raise))
                        ELSE format($4, schooltime.number_words(j.raise)) END AS max_text
            FROM judged AS j
        ), found AS (
            -- nee_entry_share: at an entry level, above the maximum
            SELECT 'nee_entry_share' AS rule, m.centre_id, m.centre_name, m.school_year, m.regime, m.level,
                   round(ceil(m.nee * 10000.0 / m.pupils) / 100, 2) AS measured,
                   round(floor(m.max_num * 100.0 / m.max_den) / 100, 2) AS limit_value, 'percent' AS unit,
                   format($5,
                          m.centre_name, schooltime.number_words(round(ceil(m.nee * 10000.0 / m.pupils) / 100, 2)), m.level_name, m.school_year,
                          schooltime.number_words(round(floor(m.max_num * 100.0 / m.max_den) / 100, 2))) AS message,
                   format($6,
                          m.nee, m.pupils, m.level_name, m.nee_a_pupils, m.nee_b_pupils, m.zone_name, m.zone_nee, m.zone_pupils,
                          schooltime.number_words(round(m.zone_nee * 100.0 / m.zone_pupils, 2)), m.max_text, %2$L) AS detail,
                   $7 AS hint
            FROM maxima AS m
            WHERE m.entry_level AND m.in_force AND m.pupils > 0 AND m.zone_pupils > 0
              AND m.nee * 100 * m.max_den > m.max_num * m.pupils
            UNION ALL
            -- late_nee_enrolment: late arrivals with NEE where the share at the start was already above it
            SELECT 'late_nee_enrolment', m.centre_id, m.centre_name, m.school_year, m.regime, m.level,
                   round(ceil((m.nee - m.late_nee) * 10000.0 / (m.pupils - m.late)) / 100, 2),
                   round(floor(m.start_max_num * 100.0 / m.start_max_den) / 100, 2), 'percent',
                   -- nls: the forms are marked by message_forms() below
                   schooltime.format_message_plural(($8)[1], ($8)[2], m.late_nee,
                          m.late_nee, m.centre_name, m.level_name, m.school_year,
                          schooltime.number_words(round(ceil((m.nee - m.late_nee) * 10000.0 / (m.pupils - m.late)) / 100, 2)),
                          schooltime.number_words(round(floor(m.start_max_num * 100.0 / m.start_max_den) / 100, 2))),
                   format($9,
                          m.nee - m.late_nee, m.pupils - m.late, m.level_name, m.zone_name, m.zone_start_nee, m.zone_start_pupils,
                          schooltime.number_words(round(m.zone_start_nee * 100.0 / m.zone_start_pupils, 2)), m.max_text, %3$L),
                   $10
            FROM maxima AS m
            WHERE m.late_nee > 0 AND m.in_force AND m.pupils - m.late > 0 AND m.zone_start_pupils > 0
              AND (m.nee - m.late_nee) * 100 * m.start_max_den > m.start_max_num * (m.pupils - m.late)
            UNION ALL
            -- nee_reserve: fewer places reserved than the zone's share of the places offered
            SELECT 'nee_reserve', m.centre_id, m.centre_name, m.school_year, m.regime, m.level,
                   m.reserved::numeric, ((m.zone_nee * m.offered + m.zone_pupils - 1) / m.zone_pupils)::numeric, 'places',
                   -- nls: the forms are marked by message_forms() below
                   schooltime.format_message_plural(($11)[1], ($11)[2], m.reserved,
                          m.centre_name, m.reserved, m.level_name, m.school_year,
                          (m.zone_nee * m.offered + m.zone_pupils - 1) / m.zone_pupils),
                   format($12,
                          m.offered, m.places_reserved_nee_a, m.places_reserved_nee_b, m.zone_name, m.zone_nee, m.zone_pupils, m.level_name,
                          schooltime.number_words(round(m.zone_nee * 100.0 / m.zone_pupils, 2)),
                          (m.zone_nee * m.offered + m.zone_pupils - 1) / m.zone_pupils, %4$L),
                   format($13, (m.zone_nee * m.offered + m.zone_pupils - 1) / m.zone_pupils)
            FROM maxima AS m
            WHERE m.offered > 0 AND m.zone_pupils > 0 AND m.reserved * m.zone_pupils < m.zone_nee * m.offered
            UNION ALL
            -- what cannot be judged is worth a row, not silence
            SELECT 'nee_entry_share', m.centre_id, m.centre_name, m.school_year, m.regime, m.level, NULL, NULL, 'percent',
                   CASE WHEN m.zone_id IS NULL
                        THEN format($14, m.centre_name, m.level_name, m.school_year, m.stage)
                        ELSE format($15, m.centre_name, m.level_name, m.school_year, m.school_year) END,
                   CASE WHEN m.zone_id IS NULL THEN $16 ELSE $17 END,
                   CASE WHEN m.zone_id IS NULL THEN format($18, m.stage, m.school_year) ELSE $19 END
            FROM maxima AS m
            WHERE m.entry_level AND m.pupils > 0
              AND (m.zone_id IS NULL OR (NOT m.has_figure AND m.maximum_percent IS NULL))
        )
        SELECT (ROW(f.rule, r.severity, array_to_string(r.sections, ', '), f.centre_id, 'centre', f.centre_id, f.centre_name,
                    NULL::integer, NULL::date, NULL::schooltime.weektimerange,
                    f.measured, f.limit_value, f.unit, f.message, f.detail, f.hint, NULL::bigint)::schooltime.violation).*
        FROM found AS f
        JOIN schooltime.rules AS r ON r.code = f.rule
        ORDER BY f.centre_id, f.school_year, f.rule, f.regime, f.level
    $q$, model,
        (SELECT array_to_string(r.sections, ', ') FROM schooltime.rules AS r WHERE r.code = 'nee_entry_share'),
        (SELECT array_to_string(r.sections, ', ') FROM schooltime.rules AS r WHERE r.code = 'late_nee_enrolment'),
        (SELECT array_to_string(r.sections, ', ') FROM schooltime.rules AS r WHERE r.code = 'nee_reserve'),
        school_year)
    USING centre_id,
        -- the messages, in the session's language: format() fills them row by row
        schooltime.gettext('the Department set its maximum at %s %% (%s)'),
        schooltime.gettext('its maximum is that share plus %s percentage points'),
        schooltime.gettext('its maximum is that share raised by %s %%'),
        schooltime.gettext('centre "%s" has %s %% of pupils with specific educational needs in %s in %s, above its zone''s maximum of %s %%'),
        schooltime.gettext('%s of its %s pupils in %s have specific educational needs (NEE A %s, NEE B %s); zone "%s" has %s of %s (%s %%), and %s (%s).'),
        schooltime.gettext('Assign the zone''s next pupils with specific educational needs to its centres below that share; if the Department set the zone another maximum, record it in zone_nee_maximums.'),
        schooltime.message_forms('%s late arrival with specific educational needs was assigned to centre "%s" in %s in %s, whose share of them was already %s %%, above its zone''s maximum of %s %%',
                                 '%s late arrivals with specific educational needs were assigned to centre "%s" in %s in %s, whose share of them was already %s %%, above its zone''s maximum of %s %%'),
        schooltime.gettext('At the start of the course %s of its %s pupils in %s had specific educational needs; zone "%s" had %s of %s (%s %%), and %s (%s).'),
        schooltime.gettext('Assign late arrivals with specific educational needs to the zone''s centres below its maximum, or cap the centre''s groups at the pupils enrolled at the start of the course (art. 60).'),
        schooltime.message_forms('centre "%s" reserves %s place for pupils with specific educational needs in %s in %s, fewer than the %s its zone''s share foresees',
                                 'centre "%s" reserves %s places for pupils with specific educational needs in %s in %s, fewer than the %s its zone''s share foresees'),
        schooltime.gettext('Of its %s places offered, it reserves %s for NEE A and %s for NEE B; in zone "%s", %s of the %s pupils in %s (%s %%) have specific educational needs, so %s of the places would take in the zone''s share (%s).'),
        schooltime.gettext('Reserve at least %s places, or record why the territorial services set this centre a smaller reserve (art. 55.2).'),
        schooltime.gettext('the share of pupils with specific educational needs of centre "%s" in %s in %s cannot be judged: the centre has no zone for stage %s'),
        schooltime.gettext('the share of pupils with specific educational needs of centre "%s" in %s in %s cannot be judged: the catalogue has no figure nee_max_raise for %s'),
        schooltime.gettext('Rules nee_entry_share, late_nee_enrolment and nee_reserve compare a centre with the other centres of its zone (Decret 11/2021, art. 4, 55, 59).'),
        schooltime.gettext('The maximum share of a zone is its share raised by nee_max_raise, whose row for the year is missing (Decret 11/2021, art. 59).'),
        schooltime.gettext('Record the centre''s zone for stage %s in %s in centre_zones.'),
        schooltime.gettext('Insert the year''s row into schooltime.equity_figures, or call schooltime.carry_over_school_year().');
END
$rules$;
COMMENT ON FUNCTION schooltime.equity_violations(name, schooltime.school_year, bigint, bigint) IS
'every violation of Decret 11/2021''s rules in a model''s enrolment, for one school year (NULL: every year) and one centre or all (none for a group): nee_entry_share (art. 59, a centre''s share of pupils with specific educational needs at an entry level above its zone''s maximum), late_nee_enrolment (art. 49.2, late arrivals with such needs assigned to a centre already above it) and nee_reserve (art. 55, fewer places reserved than the zone''s share of the places offered); a centre with no zone, or a year without the catalogue''s nee_max_raise, gives a row saying it cannot be judged. schooltime.check() includes them';

CREATE FUNCTION schooltime.equity_violations(model name, centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM schooltime.equity_violations(model, NULL::schooltime.school_year, centre_id, group_id) $$;
COMMENT ON FUNCTION schooltime.equity_violations(name, bigint, bigint) IS
'every violation of Decret 11/2021''s rules in a model''s enrolment, of every school year, for one centre or all: schooltime.equity_violations(model, school_year, centre_id, group_id) with no year';

INSERT INTO schooltime.violation_sources VALUES
    ('equity', 70, 'schooltime.equity_violations(name, schooltime.school_year, bigint, bigint)',
     'Decret 11/2021''s rules of balanced schooling: nee_entry_share, late_nee_enrolment, nee_reserve');
