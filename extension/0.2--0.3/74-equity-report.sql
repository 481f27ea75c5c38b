-- Balanced schooling: the local pact's synthesis report (phase 3 of the
-- Diputació de Barcelona's model, [MA]).  Three views in each model, made by
-- the equity part:
--
--   equity_centre_shares      each centre's share of each category, per year,
--                             stage (whole, or its entry level), against its
--                             municipality's and its zone's: for administrators;
--   equity_indicators         per municipality, year, stage and category: the
--                             indices, their trend from the base year, the
--                             centres over and under the municipal share, the
--                             counts of the Síndic and Bofill, Bofill's
--                             classification: for administrators;
--   equity_indicators_public  the same with small cells left out, and nothing
--                             per centre: what may be published (art. 6.2).
--
-- A view reads its tables with its owner's rights, so a role granted only
-- the public view reads the municipal report and never a centre's counts.
-- The HTML document is laid out from the views, like the week documents.

CREATE FUNCTION schooltime.model_equity_views(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $views$
BEGIN
    EXECUTE format($sql$
        CREATE OR REPLACE VIEW %1$I.equity_centre_shares AS
        WITH per_centre AS NOT MATERIALIZED (
            SELECT e.centre_id, c.name AS centre_name, c.ownership, c.municipality, cz.zone_id,
                   e.school_year, e.stage, s.scope, s.level_name, k.category,
                   sum(k.pupils)::bigint AS category_pupils, sum(e.pupils)::bigint AS pupils, sum(e.groups)::bigint AS groups
            FROM %1$I.enrolment AS e
            JOIN %1$I.centres AS c ON c.id = e.centre_id
            JOIN schooltime.equity_levels AS l ON l.school_year = e.school_year AND l.regime = e.regime AND l.level = e.level
            LEFT JOIN %1$I.centre_zones AS cz ON cz.centre_id = e.centre_id AND cz.school_year = e.school_year AND cz.stage = e.stage
            CROSS JOIN LATERAL (SELECT 'stage' AS scope, NULL::text AS level_name
                                UNION ALL SELECT 'entry', l.level_name WHERE l.entry_level) AS s
            CROSS JOIN LATERAL (VALUES ('foreign', e.foreign_pupils), ('nee', e.nee_a_pupils + e.nee_b_pupils),
                                       ('nee_a', e.nee_a_pupils), ('nee_b', e.nee_b_pupils)) AS k (category, pupils)
            GROUP BY e.centre_id, c.name, c.ownership, c.municipality, cz.zone_id, e.school_year, e.stage, s.scope, s.level_name, k.category
        ), zone_totals AS NOT MATERIALIZED (
            -- a zone may span municipalities: its totals are an aggregate, not a
            -- window, so that a condition on the municipality reaches the centres
            SELECT p.zone_id, p.school_year, p.stage, p.scope, p.category,
                   sum(p.category_pupils) AS zone_category_pupils, sum(p.pupils) AS zone_pupils
            FROM per_centre AS p WHERE p.zone_id IS NOT NULL
            GROUP BY p.zone_id, p.school_year, p.stage, p.scope, p.category
        ), with_areas AS NOT MATERIALIZED (
            SELECT p.*,
                   sum(p.category_pupils) OVER m AS municipal_category_pupils, sum(p.pupils) OVER m AS municipal_pupils,
                   zt.zone_category_pupils, zt.zone_pupils
            FROM per_centre AS p
            LEFT JOIN zone_totals AS zt ON zt.zone_id = p.zone_id AND zt.school_year = p.school_year AND zt.stage = p.stage
                                        AND zt.scope = p.scope AND zt.category = p.category
            WINDOW m AS (PARTITION BY p.municipality, p.school_year, p.stage, p.scope, p.category)
        )
        SELECT a.centre_id, a.centre_name, a.ownership, a.municipality, a.zone_id, a.school_year, a.stage, a.scope, a.level_name,
               a.category, a.groups, a.pupils, a.category_pupils,
               a.category_pupils::double precision / nullif(a.pupils, 0) AS share,
               a.municipal_category_pupils::bigint AS municipal_category_pupils, a.municipal_pupils::bigint AS municipal_pupils,
               a.zone_category_pupils::bigint AS zone_category_pupils, a.zone_pupils::bigint AS zone_pupils,
               schooltime.share_gap_points(a.category_pupils, a.pupils, a.municipal_category_pupils::bigint, a.municipal_pupils::bigint) AS gap_points,
               schooltime.share_gap_points(a.category_pupils, a.pupils, a.zone_category_pupils::bigint, a.zone_pupils::bigint) AS zone_gap_points,
               schooltime.location_quotient(a.category_pupils, a.pupils, a.municipal_category_pupils::bigint, a.municipal_pupils::bigint) AS location_quotient,
               CASE WHEN a.pupils = 0 THEN NULL
                    WHEN a.category_pupils * a.municipal_pupils > a.municipal_category_pupils * a.pupils THEN 'above'
                    WHEN a.category_pupils * a.municipal_pupils < a.municipal_category_pupils * a.pupils THEN 'below'
                    ELSE 'equal' END AS against_municipality
        FROM with_areas AS a;
        COMMENT ON VIEW %1$I.equity_centre_shares IS 'Each centre''s share of each category of pupils (foreign, nee = NEE A and B, nee_a, nee_b) per school year and stage (scope stage: the whole stage; entry: its entry level), against its municipality''s and its zone''s: the gap in percentage points, the location quotient, and whether it is above or below the municipal share. Per-centre composition: for administrators only (Decret 11/2021, art. 6.2).';

        CREATE OR REPLACE VIEW %1$I.equity_indicators AS
        WITH grouped AS NOT MATERIALIZED (
            SELECT s.municipality, s.school_year, s.stage, s.scope, s.level_name, s.category,
                   count(*) FILTER (WHERE s.pupils > 0) AS centres,
                   sum(s.pupils)::bigint AS pupils, sum(s.category_pupils)::bigint AS category_pupils,
                   schooltime.category_share(s.category_pupils, s.pupils) AS share,
                   schooltime.dissimilarity(s.category_pupils, s.pupils) AS dissimilarity,
                   schooltime.isolation(s.category_pupils, s.pupils) AS isolation,
                   schooltime.exposure(s.category_pupils, s.pupils) AS exposure,
                   schooltime.adjusted_isolation(s.category_pupils, s.pupils) AS adjusted_isolation,
                   count(*) FILTER (WHERE s.against_municipality = 'above') AS centres_above_share,
                   count(*) FILTER (WHERE s.against_municipality = 'below') AS centres_below_share,
                   count(*) FILTER (WHERE s.pupils > 0 AND s.category_pupils * 100 > hs.value * s.pupils) AS centres_over_high_share,
                   count(*) FILTER (WHERE s.groups > 0 AND s.category_pupils <= fg.value * s.groups) AS centres_few_per_group
            FROM %1$I.equity_centre_shares AS s
            LEFT JOIN schooltime.equity_figures AS hs ON hs.school_year = s.school_year AND hs.figure = 'high_share_percent'
            LEFT JOIN schooltime.equity_figures AS fg ON fg.school_year = s.school_year AND fg.figure = 'few_per_group'
            GROUP BY s.municipality, s.school_year, s.stage, s.scope, s.level_name, s.category
        ), sized AS NOT MATERIALIZED (
            -- an area with fewer centres than the catalogue's min_centres has no index
            SELECT g.municipality, g.school_year, g.stage, g.scope, g.level_name, g.category, g.centres, g.pupils,
                   g.category_pupils, g.share,
                   CASE WHEN g.centres >= coalesce(mc.value, 2) THEN g.dissimilarity END AS dissimilarity,
                   CASE WHEN g.centres >= coalesce(mc.value, 2) THEN g.isolation END AS isolation,
                   CASE WHEN g.centres >= coalesce(mc.value, 2) THEN g.exposure END AS exposure,
                   CASE WHEN g.centres >= coalesce(mc.value, 2) THEN g.adjusted_isolation END AS adjusted_isolation,
                   g.centres_above_share, g.centres_below_share, g.centres_over_high_share, g.centres_few_per_group,
                   (bf.value::integer)::text || '-' || (bf.value::integer + 1)::text AS base_year
            FROM grouped AS g
            LEFT JOIN schooltime.equity_figures AS mc ON mc.school_year = g.school_year AND mc.figure = 'min_centres'
            LEFT JOIN schooltime.equity_figures AS bf ON bf.school_year = g.school_year AND bf.figure = 'trend_base_year'
        ), classified AS NOT MATERIALIZED (
            -- Fundació Bofill: above the median in primary or secondary is high, in both very high
            SELECT s.municipality, s.school_year,
                   CASE WHEN count(*) FILTER (WHERE s.dissimilarity IS NOT NULL AND md.value IS NOT NULL) = 0 THEN NULL
                        WHEN min(mp.value) IS NULL OR min(mu.population) IS NULL OR min(mu.population) < min(mp.value) THEN NULL
                        WHEN count(*) FILTER (WHERE s.dissimilarity > md.value) = 2 THEN 'very high'
                        WHEN count(*) FILTER (WHERE s.dissimilarity > md.value) >= 1 THEN 'high'
                        ELSE 'low' END AS classification
            FROM sized AS s
            LEFT JOIN schooltime.equity_figures AS md ON md.school_year = s.school_year AND md.figure = 'bofill_median_' || s.stage
            LEFT JOIN schooltime.equity_figures AS mp ON mp.school_year = s.school_year AND mp.figure = 'bofill_min_population'
            LEFT JOIN %1$I.municipalities AS mu ON mu.name = s.municipality
            WHERE s.category = 'foreign' AND s.scope = 'stage' AND s.stage IN ('primaria', 'secundaria')
            GROUP BY s.municipality, s.school_year
        )
        SELECT s.municipality, s.school_year, s.stage, s.scope, s.level_name, s.category, s.centres, s.pupils,
               s.category_pupils, s.share, s.dissimilarity, s.isolation, s.exposure, s.adjusted_isolation,
               s.base_year, b.pupils AS base_pupils, b.category_pupils AS base_category_pupils, b.dissimilarity AS base_dissimilarity,
               (s.dissimilarity - b.dissimilarity) / nullif(b.dissimilarity, 0) * 100 AS dissimilarity_change_percent,
               r.value AS catalonia_dissimilarity,
               s.centres_above_share, s.centres_below_share, s.centres_over_high_share, s.centres_few_per_group,
               c.classification
        FROM sized AS s
        LEFT JOIN sized AS b ON b.municipality = s.municipality AND b.school_year = s.base_year AND b.stage = s.stage
                            AND b.scope = s.scope AND b.category = s.category
        LEFT JOIN schooltime.segregation_references AS r
          ON r.area = 'Catalunya' AND r.school_year = s.school_year AND r.stage = s.stage
         AND r.entry_level = (s.scope = 'entry') AND r.category = s.category
        LEFT JOIN classified AS c ON c.municipality = s.municipality AND c.school_year = s.school_year;
        COMMENT ON VIEW %1$I.equity_indicators IS 'The local pact''s synthesis of balanced schooling, per municipality, school year, stage (scope stage: the whole stage; entry: its entry level) and category of pupils: centres, pupils, the category''s share, the dissimilarity, isolation, exposure and adjusted isolation indices (none with fewer centres than min_centres), the pupils and dissimilarity of the base year and the change in percent, Catalonia''s published index, the centres above and below the municipal share, over high_share_percent and with at most few_per_group per class group, and Fundació Bofill''s classification of the municipality. Unsuppressed: for administrators; publish equity_indicators_public.';

        CREATE OR REPLACE VIEW %1$I.equity_indicators_public WITH (security_barrier) AS
        SELECT i.municipality, i.school_year, i.stage, i.scope, i.level_name, i.category, i.centres, i.pupils,
               CASE WHEN NOT x.suppressed THEN i.category_pupils END AS category_pupils,
               CASE WHEN NOT x.suppressed THEN i.share END AS share,
               CASE WHEN NOT x.suppressed THEN i.dissimilarity END AS dissimilarity,
               CASE WHEN NOT x.suppressed THEN i.isolation END AS isolation,
               CASE WHEN NOT x.suppressed THEN i.exposure END AS exposure,
               CASE WHEN NOT x.suppressed THEN i.adjusted_isolation END AS adjusted_isolation,
               i.base_year,
               CASE WHEN NOT x.suppressed AND NOT x.base_suppressed THEN i.base_dissimilarity END AS base_dissimilarity,
               CASE WHEN NOT x.suppressed AND NOT x.base_suppressed THEN i.dissimilarity_change_percent END AS dissimilarity_change_percent,
               i.catalonia_dissimilarity,
               CASE WHEN NOT x.suppressed THEN i.centres_above_share END AS centres_above_share,
               CASE WHEN NOT x.suppressed THEN i.centres_below_share END AS centres_below_share,
               CASE WHEN NOT x.suppressed THEN i.centres_over_high_share END AS centres_over_high_share,
               CASE WHEN NOT x.suppressed THEN i.centres_few_per_group END AS centres_few_per_group,
               i.classification, x.suppressed
        FROM %1$I.equity_indicators AS i
        LEFT JOIN schooltime.equity_figures AS t ON t.school_year = i.school_year AND t.figure = 'small_cell_threshold'
        LEFT JOIN schooltime.equity_figures AS bt ON bt.school_year = i.base_year AND bt.figure = 'small_cell_threshold'
        LEFT JOIN schooltime.equity_figures AS mc ON mc.school_year = i.school_year AND mc.figure = 'min_centres'
        CROSS JOIN LATERAL (
            -- a year without a threshold in the catalogue publishes no cell of a category
            -- (an area of one centre would publish that centre's composition)
            SELECT coalesce(i.category_pupils < t.value OR i.pupils - i.category_pupils < t.value OR i.centres < mc.value, true) AS suppressed,
                   coalesce(i.base_category_pupils < bt.value OR i.base_pupils - i.base_category_pupils < bt.value, i.base_pupils IS NOT NULL) AS base_suppressed
        ) AS x;
        COMMENT ON VIEW %1$I.equity_indicators_public IS 'What of equity_indicators may be published (Decret 11/2021, art. 6.2): nothing per centre, and every count, share, index and count of centres of a category left out (suppressed true) where the category, or the other pupils, number fewer than the year''s small_cell_threshold in schooltime.equity_figures, or the area has fewer centres than min_centres. A security barrier: grant it alone to those who may read the municipal report.';
    $sql$, schema_name);
END
$views$;
COMMENT ON FUNCTION schooltime.model_equity_views(name) IS
'internal: (re)creates a model''s views of balanced schooling: equity_centre_shares, equity_indicators and equity_indicators_public';

------------------------------------------------------------------------
-- The HTML document

CREATE FUNCTION schooltime.equity_word(word text, language text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN language = 'ca' THEN w.ca ELSE w.en END
    FROM (VALUES
        ('title', 'Balanced schooling in %s, %s', 'Escolaritat equilibrada a %s, %s'),
        ('subtitle', 'Synthesis report of the indicators of balanced schooling: phase 3 of a local pact against school segregation.',
                     'Informe síntesi d''indicadors d''escolaritat equilibrada: fase 3 d''un pacte local contra la segregació educativa.'),
        ('public', 'Public form: nothing per centre; cells of fewer than %s pupils are left out (·).',
                   'Versió pública: res per centre; s''ometen les cel·les de menys de %s alumnes (·).'),
        ('private', 'For administrators only: it holds each centre''s composition, which may not be published (Decret 11/2021, art. 6.2).',
                    'Només per a l''administració: conté la composició de cada centre, que no es pot difondre (Decret 11/2021, art. 6.2).'),
        ('classification', 'Segregation level (Fundació Bofill)', 'Nivell de segregació (Fundació Bofill)'),
        ('low', 'low', 'baix'), ('high', 'high', 'alt'), ('very high', 'very high', 'molt alt'),
        ('category', 'Pupils', 'Alumnat'), ('scope', 'Level', 'Nivell'), ('stage', 'whole stage', 'tota l''etapa'),
        ('centres', 'Centres', 'Centres'), ('count', 'Pupils of the category', 'Alumnes de la categoria'),
        ('share', 'Share', 'Proporció'), ('dissimilarity', 'Dissimilarity', 'Dissimilitud'),
        ('base', 'Dissimilarity %s', 'Dissimilitud %s'), ('change', 'Change', 'Variació'),
        ('catalonia', 'Catalonia', 'Catalunya'), ('isolation', 'Isolation', 'Aïllament'), ('exposure', 'Exposure', 'Exposició'),
        ('adjusted', 'Adjusted isolation', 'Aïllament ajustat'),
        ('above', 'Centres above the share', 'Centres per sobre'), ('below', 'Centres below the share', 'Centres per sota'),
        ('over_high', 'Centres over %s %%', 'Centres amb més del %s %%'), ('few', 'Centres with %s or fewer per group', 'Centres amb %s o menys per grup'),
        ('foreign', 'foreign', 'estranger'), ('nee', 'NEE (A and B)', 'NEE (A i B)'),
        ('nee_a', 'NEE A (special needs)', 'NEE A (necessitats especials)'), ('nee_b', 'NEE B (socio-economic)', 'NEE B (socioeconòmiques)'),
        ('centre_shares', 'Centres over and under the municipal share', 'Centres per sobre i per sota de la proporció municipal'),
        ('centre', 'Centre', 'Centre'), ('municipal_share', 'Municipal share', 'Proporció municipal'),
        ('gap', 'Gap (points)', 'Diferència (punts)'), ('zone_gap', 'Gap to the zone (points)', 'Diferència amb la zona (punts)'),
        ('quotient', 'Location quotient', 'Quocient de localització'),
        ('none', 'No enrolment recorded for this municipality and year.', 'No hi ha matrícula registrada per a aquest municipi i curs.'),
        ('sources', 'How to read it', 'Com llegir-lo'),
        ('read_d', 'Dissimilarity: the share of the category''s pupils who would have to change centre for an even spread, 0 (even) to 1 (Síndic de Greuges).',
                   'Dissimilitud: la part de l''alumnat de la categoria que hauria de canviar de centre per a una distribució equilibrada, de 0 (equilibrada) a 1 (Síndic de Greuges).'),
        ('read_i', 'Isolation and exposure: the chance that a pupil of the category meets, at school, one of the same category or one of the others; adjusted isolation is 0 for an even spread whatever the share.',
                   'Aïllament i exposició: la probabilitat que un alumne de la categoria coincideixi al centre amb un de la mateixa categoria o amb un dels altres; l''aïllament ajustat és 0 amb una distribució equilibrada sigui quina sigui la proporció.'),
        ('read_change', 'Change: the dissimilarity against the base year, in percent; Catalonia: the index the Síndic published for Catalonia that year.',
                        'Variació: la dissimilitud respecte del curs de referència, en percentatge; Catalunya: l''índex que el Síndic va publicar per a Catalunya aquell curs.')
    ) AS w (word, en, ca)
    WHERE w.word = equity_word.word
$$;
COMMENT ON FUNCTION schooltime.equity_word(text, text) IS
'internal: a word or sentence of the synthesis report in English or Catalan';

CREATE FUNCTION schooltime.equity_number(value double precision, digits integer)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT coalesce(to_char(round(value::numeric, digits), CASE WHEN digits = 0 THEN 'FM999999990' ELSE 'FM999999990.' || repeat('0', digits) END), '·') $$;
COMMENT ON FUNCTION schooltime.equity_number(double precision, integer) IS
'internal: a figure of the synthesis report with so many decimals; · for a figure left out or undefined';

CREATE FUNCTION schooltime.equity_synthesis_html(model name, municipality text, school_year schooltime.school_year,
                                                 language text DEFAULT 'en', for_public boolean DEFAULT true)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $html$
DECLARE
    lang text := lower(language);
    out text[] := '{}';
    stage record;
    r record;
    threshold numeric;
    high numeric;
    few numeric;
    base text;
    classification text;
    source_view text := CASE WHEN for_public THEN 'equity_indicators_public' ELSE 'equity_indicators' END;
    rows integer := 0;
BEGIN
    IF model IS NULL OR municipality IS NULL OR school_year IS NULL OR for_public IS NULL THEN
        RAISE EXCEPTION 'the model, the municipality, the school year and the form must be given'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF lang IS NULL OR lang NOT IN ('en', 'ca') THEN
        RAISE EXCEPTION 'unknown language "%" for the synthesis report', language
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Write ''ca'' for Catalan or ''en'' for English.';
    END IF;
    IF to_regclass(format('%I.equity_indicators_public', model)) IS NULL THEN
        RAISE EXCEPTION 'schema % holds no schooltime model of this version', quote_ident(model)
            USING ERRCODE = 'undefined_table',
                  HINT = format('Run SELECT schooltime.upgrade_model(%L); to add what this version brings.', model);
    END IF;
    SELECT max(f.value) FILTER (WHERE f.figure = 'small_cell_threshold'), max(f.value) FILTER (WHERE f.figure = 'high_share_percent'),
           max(f.value) FILTER (WHERE f.figure = 'few_per_group')
      INTO threshold, high, few
      FROM schooltime.equity_figures AS f WHERE f.school_year = equity_synthesis_html.school_year;
    EXECUTE format('SELECT max(i.base_year), max(i.classification) FROM %I.%I AS i WHERE i.municipality = $1 AND i.school_year = $2',
                   model, source_view)
       INTO base, classification USING municipality, school_year;

    out := out || '<!DOCTYPE html>'::text;
    out := out || format('<html xmlns="http://www.w3.org/1999/xhtml" lang="%s">', lang);
    out := out || format('<head><meta charset="utf-8"/><title>%s</title>',
                         schooltime.xml_text(format(schooltime.equity_word('title', lang), municipality, school_year)));
    out := out || ('<style>body{font-family:sans-serif}table{border-collapse:collapse;margin-bottom:1em}'
                   'th,td{border:1px solid #999;padding:2px 6px}td.n{text-align:right}'
                   'p.note{color:#555}p.private{color:#c0392b;font-weight:bold}</style></head>')::text;
    out := out || format('<body><h1>%s</h1><p>%s</p>',
                         schooltime.xml_text(format(schooltime.equity_word('title', lang), municipality, school_year)),
                         schooltime.xml_text(schooltime.equity_word('subtitle', lang)));
    out := out || CASE WHEN for_public
                       THEN format('<p class="note">%s</p>', schooltime.xml_text(format(schooltime.equity_word('public', lang),
                                                                                       coalesce(schooltime.number_text(threshold), '·'))))
                       ELSE format('<p class="private">%s</p>', schooltime.xml_text(schooltime.equity_word('private', lang))) END;
    IF classification IS NOT NULL THEN
        out := out || format('<p class="classification">%s: <strong>%s</strong></p>',
                             schooltime.xml_text(schooltime.equity_word('classification', lang)),
                             schooltime.xml_text(schooltime.equity_word(classification, lang)));
    END IF;
    FOR stage IN SELECT s.stage, CASE WHEN lang = 'ca' THEN s.name_ca ELSE s.name_en END AS name
                 FROM schooltime.equity_stages AS s ORDER BY s.position LOOP
        out := out || format('<h2>%s</h2><table class="indicators"><thead><tr>', schooltime.xml_text(stage.name));
        out := out || (SELECT string_agg(format('<th>%s</th>', schooltime.xml_text(h)), '' ORDER BY o)
                       FROM unnest(ARRAY[schooltime.equity_word('category', lang), schooltime.equity_word('scope', lang),
                                         schooltime.equity_word('centres', lang), schooltime.equity_word('count', lang),
                                         schooltime.equity_word('share', lang), schooltime.equity_word('dissimilarity', lang),
                                         format(schooltime.equity_word('base', lang), coalesce(base, '')), schooltime.equity_word('change', lang),
                                         schooltime.equity_word('catalonia', lang), schooltime.equity_word('isolation', lang),
                                         schooltime.equity_word('exposure', lang), schooltime.equity_word('adjusted', lang),
                                         schooltime.equity_word('above', lang), schooltime.equity_word('below', lang),
                                         format(schooltime.equity_word('over_high', lang), coalesce(schooltime.number_text(high), '·')),
                                         format(schooltime.equity_word('few', lang), coalesce(schooltime.number_text(few), '·'))])
                            WITH ORDINALITY AS x (h, o));
        out := out || '</tr></thead><tbody>'::text;
        FOR r IN EXECUTE format(
                'SELECT i.* FROM %I.%I AS i WHERE i.municipality = $1 AND i.school_year = $2 AND i.stage = $3 '
                'ORDER BY array_position(ARRAY[''foreign'', ''nee'', ''nee_a'', ''nee_b''], i.category), i.scope DESC',
                model, source_view)
            USING municipality, school_year, stage.stage
        LOOP
            rows := rows + 1;
            out := out || format('<tr><th>%s</th><td>%s</td>%s</tr>',
                schooltime.xml_text(schooltime.equity_word(r.category, lang)),
                schooltime.xml_text(coalesce(r.level_name, schooltime.equity_word('stage', lang))),
                (SELECT string_agg(format('<td class="n">%s</td>', schooltime.xml_text(v)), '' ORDER BY o)
                 FROM unnest(ARRAY[r.centres::text, schooltime.equity_number(r.category_pupils, 0),
                                   schooltime.equity_number(r.share * 100, 1) || CASE WHEN r.share IS NULL THEN '' ELSE ' %' END,
                                   schooltime.equity_number(r.dissimilarity, 2), schooltime.equity_number(r.base_dissimilarity, 2),
                                   schooltime.equity_number(r.dissimilarity_change_percent, 1)
                                       || CASE WHEN r.dissimilarity_change_percent IS NULL THEN '' ELSE ' %' END,
                                   schooltime.equity_number(r.catalonia_dissimilarity, 2),
                                   schooltime.equity_number(r.isolation, 2), schooltime.equity_number(r.exposure, 2),
                                   schooltime.equity_number(r.adjusted_isolation, 2),
                                   schooltime.equity_number(r.centres_above_share, 0), schooltime.equity_number(r.centres_below_share, 0),
                                   schooltime.equity_number(r.centres_over_high_share, 0), schooltime.equity_number(r.centres_few_per_group, 0)])
                      WITH ORDINALITY AS x (v, o)));
        END LOOP;
        out := out || '</tbody></table>'::text;
    END LOOP;
    IF rows = 0 THEN
        out := out || format('<p>%s</p>', schooltime.xml_text(schooltime.equity_word('none', lang)));
    END IF;
    IF NOT for_public AND rows > 0 THEN
        out := out || format('<h2>%s</h2><table class="centres"><thead><tr>%s</tr></thead><tbody>',
            schooltime.xml_text(schooltime.equity_word('centre_shares', lang)),
            (SELECT string_agg(format('<th>%s</th>', schooltime.xml_text(h)), '' ORDER BY o)
             FROM unnest(ARRAY[schooltime.equity_word('centre', lang), schooltime.equity_word('scope', lang),
                               schooltime.equity_word('category', lang), schooltime.equity_word('count', lang),
                               schooltime.equity_word('share', lang), schooltime.equity_word('municipal_share', lang),
                               schooltime.equity_word('gap', lang), schooltime.equity_word('quotient', lang),
                               schooltime.equity_word('zone_gap', lang)]) WITH ORDINALITY AS x (h, o)));
        FOR r IN EXECUTE format(
                'SELECT s.*, st.position FROM %I.equity_centre_shares AS s JOIN schooltime.equity_stages AS st ON st.stage = s.stage '
                'WHERE s.municipality = $1 AND s.school_year = $2 AND s.category IN (''foreign'', ''nee'') AND s.pupils > 0 '
                'ORDER BY st.position, s.scope DESC, s.category, s.gap_points DESC, s.centre_name', model)
            USING municipality, school_year
        LOOP
            out := out || format('<tr class="%s"><th>%s</th><td>%s</td><td>%s</td>%s</tr>', r.against_municipality,
                schooltime.xml_text(r.centre_name), schooltime.xml_text(coalesce(r.level_name, r.stage)),
                schooltime.xml_text(schooltime.equity_word(r.category, lang)),
                (SELECT string_agg(format('<td class="n">%s</td>', schooltime.xml_text(v)), '' ORDER BY o)
                 FROM unnest(ARRAY[r.category_pupils::text || ' / ' || r.pupils::text,
                                   schooltime.equity_number(r.share * 100, 1) || ' %',
                                   schooltime.equity_number(r.municipal_category_pupils * 100.0 / nullif(r.municipal_pupils, 0), 1) || ' %',
                                   schooltime.equity_number(r.gap_points, 1), schooltime.equity_number(r.location_quotient, 2),
                                   schooltime.equity_number(r.zone_gap_points, 1)]) WITH ORDINALITY AS x (v, o)));
        END LOOP;
        out := out || '</tbody></table>'::text;
    END IF;
    out := out || format('<h2>%s</h2><ul><li>%s</li><li>%s</li><li>%s</li></ul>',
                         schooltime.xml_text(schooltime.equity_word('sources', lang)),
                         schooltime.xml_text(schooltime.equity_word('read_d', lang)),
                         schooltime.xml_text(schooltime.equity_word('read_i', lang)),
                         schooltime.xml_text(schooltime.equity_word('read_change', lang)));
    out := out || '</body></html>'::text;
    RETURN array_to_string(out, E'\n') || E'\n';
END
$html$;
COMMENT ON FUNCTION schooltime.equity_synthesis_html(name, text, schooltime.school_year, text, boolean) IS
'the local pact''s synthesis report of a municipality and school year as a standalone HTML document (well-formed XHTML, UTF-8) in English or Catalan: per stage and category, the indices, their trend from the base year, Catalonia''s published index, the centres over and under the municipal share, and Fundació Bofill''s classification. The public form (the default) reads only the model''s equity_indicators_public, so a role granted that view alone can make it; with for_public false it reads equity_indicators and lists every centre''s share against the municipality''s and the zone''s, for administrators (Decret 11/2021, art. 6.2)';
