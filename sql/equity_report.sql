-- The local pact's synthesis report (issue 16): the model's views computed
-- by hand on a small municipality (indices, trend from the base year, the
-- centres over and under the municipal share, Bofill's classification); the
-- public form's small cells; privileges: a role granted the public view
-- reads the municipal report and no centre's counts; the HTML documents;
-- and the graduated-support tool.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
-- the catalogue edits below are undone at the end
BEGIN;
SELECT create_model('eqp');
SET search_path = eqp, schooltime, public;
INSERT INTO centres (id, code, name, territory, municipality) VALUES
    (1, '08000021', 'Escola <Mar> & Sol', 'Maresme - Vallès Oriental', 'Vilamar'),
    (2, '08000022', 'Escola Pins', 'Maresme - Vallès Oriental', 'Vilamar'),
    (3, '08000023', 'Institut Far', 'Maresme - Vallès Oriental', 'Vilamar'),
    (4, '08000024', 'Institut Port', 'Maresme - Vallès Oriental', 'Vilamar'),
    (5, '08000025', 'Escola Única', 'Maresme - Vallès Oriental', 'Poblet');
INSERT INTO municipalities VALUES ('Vilamar', '089001', 30000, 2018), ('Poblet', '089002', 2000, 2018);
-- the worked example of EQUITY.md 1.4 as a municipality's primary stage, in 2018-2019 and 2022-2023
INSERT INTO enrolment (centre_id, school_year, regime, level, groups, pupils, foreign_pupils, nee_a_pupils, nee_b_pupils) VALUES
    (1, '2018-2019', 'infantil', 1, 1, 25, 10, 1, 6), (1, '2018-2019', 'primaria', 1, 3, 75, 20, 2, 9),
    (2, '2018-2019', 'infantil', 1, 1, 25, 2, 1, 1), (2, '2018-2019', 'primaria', 1, 3, 75, 8, 0, 2),
    (1, '2022-2023', 'infantil', 1, 1, 25, 8, 1, 5), (1, '2022-2023', 'primaria', 1, 3, 75, 17, 2, 8),
    (2, '2022-2023', 'infantil', 1, 1, 25, 4, 1, 2), (2, '2022-2023', 'primaria', 1, 3, 75, 11, 0, 3),
    -- secondary: 30 of 120 and 6 of 120 foreign (D = 0.5 * (|30/36 - 90/204| + |6/36 - 114/204|) = 0.3922)
    (3, '2018-2019', 'eso', 1, 4, 120, 30, 3, 10), (4, '2018-2019', 'eso', 1, 4, 120, 6, 2, 6),
    -- a municipality with one centre: no index
    (5, '2018-2019', 'infantil', 1, 1, 20, 5, 0, 3);
SELECT municipality, school_year, stage, scope, level_name, category, centres, pupils, category_pupils,
       round(share::numeric, 4) AS share, round(dissimilarity::numeric, 4) AS d, round(isolation::numeric, 4) AS xpx,
       round(exposure::numeric, 4) AS xpy, round(adjusted_isolation::numeric, 4) AS eta2, base_year,
       round(base_dissimilarity::numeric, 4) AS base_d, round(dissimilarity_change_percent::numeric, 2) AS change,
       catalonia_dissimilarity, centres_above_share AS above, centres_below_share AS below,
       centres_over_high_share AS over_half, centres_few_per_group AS few, classification
FROM equity_indicators WHERE category = 'foreign' ORDER BY municipality, school_year, stage, scope DESC;
-- the same figures straight from the aggregates
SELECT school_year, dissimilarity(centre_id, foreign_pupils, pupils) AS d FROM enrolment
WHERE stage = 'primaria' AND centre_id IN (1, 2) GROUP BY school_year ORDER BY 1;
SELECT centre_id, school_year, stage, scope, category, category_pupils, pupils, round(share::numeric, 4) AS share,
       municipal_category_pupils, municipal_pupils, round(gap_points::numeric, 2) AS gap, round(location_quotient::numeric, 4) AS lq,
       zone_gap_points, against_municipality
FROM equity_centre_shares WHERE category = 'foreign' AND school_year = '2018-2019' ORDER BY centre_id, scope DESC;
-- zones: both escoles in one zone, the gap to the zone
INSERT INTO zones (id, code, name, municipality) VALUES (1, 'V-1', 'Vilamar', 'Vilamar');
INSERT INTO centre_zones VALUES (1, '2018-2019', 'primaria', 1), (2, '2018-2019', 'primaria', 1);
SELECT centre_id, scope, zone_category_pupils, zone_pupils, round(zone_gap_points::numeric, 2) AS zone_gap
FROM equity_centre_shares WHERE category = 'foreign' AND school_year = '2018-2019' AND stage = 'primaria' ORDER BY centre_id, scope DESC;
-- Bofill's classification follows the catalogue's medians: very high when above both
UPDATE schooltime.equity_figures SET value = 0.39 WHERE school_year = '2018-2019' AND figure = 'bofill_median_secundaria';
SELECT DISTINCT classification FROM equity_indicators WHERE municipality = 'Vilamar' AND school_year = '2018-2019';
UPDATE schooltime.equity_figures SET value = 0.4 WHERE school_year = '2018-2019' AND figure = 'bofill_median_secundaria';
UPDATE schooltime.equity_figures SET value = 0.5 WHERE school_year = '2018-2019' AND figure = 'bofill_median_primaria';
SELECT DISTINCT classification FROM equity_indicators WHERE municipality = 'Vilamar' AND school_year = '2018-2019';
-- without a recorded population, or under the minimum, no classification
UPDATE municipalities SET population = 9999 WHERE name = 'Vilamar';
SELECT DISTINCT classification FROM equity_indicators WHERE municipality = 'Vilamar' AND school_year = '2018-2019';
UPDATE municipalities SET population = 30000 WHERE name = 'Vilamar';

-- the public form: nothing per centre, small cells left out (threshold 5)
SELECT municipality, school_year, stage, scope, category, centres, pupils, category_pupils,
       round(share::numeric, 4) AS share, round(dissimilarity::numeric, 4) AS d, suppressed
FROM equity_indicators_public WHERE school_year = '2018-2019' AND stage = 'primaria'
ORDER BY municipality, scope DESC, category;
UPDATE schooltime.equity_figures SET value = 3 WHERE school_year = '2018-2019' AND figure = 'small_cell_threshold';
SELECT scope, category, category_pupils, suppressed FROM equity_indicators_public
WHERE municipality = 'Vilamar' AND school_year = '2018-2019' AND stage = 'primaria' AND category = 'nee_a' ORDER BY scope DESC;

-- privileges: the municipality's analyst may read the public report, and no centre's counts
CREATE ROLE regress_equity_reader;
GRANT USAGE ON SCHEMA eqp TO regress_equity_reader;
GRANT SELECT ON eqp.equity_indicators_public TO regress_equity_reader;
SET ROLE regress_equity_reader;
SELECT count(*) AS public_rows FROM eqp.equity_indicators_public WHERE municipality = 'Vilamar';
SELECT * FROM pg_temp.error_of($$SELECT * FROM eqp.enrolment$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM eqp.equity_centre_shares$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM eqp.equity_indicators$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.equity_violations('eqp')$$);
SELECT xml_is_well_formed_document(schooltime.equity_synthesis_html('eqp', 'Vilamar', '2018-2019')) AS public_document;
SELECT * FROM pg_temp.error_of($$SELECT schooltime.equity_synthesis_html('eqp', 'Vilamar', '2018-2019', 'en', false)$$);
RESET ROLE;

-- the documents: well-formed in both languages, public and not; what each holds
SELECT l, p, xml_is_well_formed_document(schooltime.equity_synthesis_html('eqp', 'Vilamar', '2018-2019', l, p)) AS well_formed,
       schooltime.equity_synthesis_html('eqp', 'Vilamar', '2018-2019', l, p) LIKE '%Escola &lt;Mar&gt; &amp; Sol%' AS names_a_centre
FROM (VALUES ('en'), ('ca')) AS a (l), (VALUES (true), (false)) AS b (p) ORDER BY 1, 2;
SELECT schooltime.equity_synthesis_html('eqp', 'Vilamar', '2022-2023', 'ca');
SELECT schooltime.equity_synthesis_html('eqp', 'Poblet', '2022-2023') LIKE '%No enrolment recorded%' AS empty_year;
SELECT * FROM pg_temp.error_of($$SELECT schooltime.equity_synthesis_html('eqp', 'Vilamar', '2018-2019', 'fr')$$);

-- graduated support: ranks by the index the user gives, levels from the catalogue
SELECT * FROM schooltime.graduated_support('graduated_example',
    (SELECT array_agg(c ORDER BY c) FROM generate_series(1, 20) AS c),
    (SELECT array_agg(CASE WHEN c = 20 THEN NULL ELSE 70 + 3 * c + (c % 3) END ORDER BY c) FROM generate_series(1, 20) AS c));
-- ties share the better rank; the boundary of a percent is inclusive (2 of 20 is 10 %)
SELECT centre_id, needier_rank, support_level FROM schooltime.graduated_support('graduated_example', ARRAY[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
    ARRAY[50, 50, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77]::numeric[]) WHERE support_level IS NOT NULL;
-- a scheme on index values, where higher is needier
INSERT INTO schooltime.support_schemes (scheme, needier, description_en, description_ca, source, unconfirmed)
VALUES ('complexity_test', 'higher', 'A test scheme on a complexity score.', 'Un esquema de prova.', 'test', true);
INSERT INTO schooltime.support_thresholds (scheme, support_level, name_en, name_ca, basis, bound) VALUES
    ('complexity_test', 1, 'high', 'alta', 'index_value', 60), ('complexity_test', 2, 'maximum', 'màxima', 'index_value', 80);
SELECT centre_id, index_value, support_level, support_name_ca FROM schooltime.graduated_support('complexity_test', ARRAY[1, 2, 3, 4], ARRAY[59.9, 60, 79.99, 80]);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.graduated_support('nowhere', ARRAY[1], ARRAY[1])$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.graduated_support('graduated_example', ARRAY[1, 2], ARRAY[1])$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.graduated_support('graduated_example', ARRAY[1, 1], ARRAY[1, 2])$$);
ROLLBACK;
