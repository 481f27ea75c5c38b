-- Decret 11/2021's rules in schooltime.check() (issue 16): nee_entry_share,
-- late_nee_enrolment and nee_reserve, each on both sides of its limit; the
-- raise read in percent or in points; a zone's own maximum; a year the
-- maximum is not in force; what cannot be judged; one centre or a group.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
-- the catalogue edits below are undone at the end
BEGIN;
SELECT create_model('eqr');
SET search_path = eqr, schooltime, public;
INSERT INTO centres (id, code, name, territory, municipality) VALUES
    (1, '08000011', 'Escola A', 'Vallès Occidental', 'Ribes'), (2, '08000012', 'Escola B', 'Vallès Occidental', 'Ribes'),
    (3, '08000013', 'Escola C', 'Vallès Occidental', 'Ribes');
INSERT INTO zones (id, code, name, municipality) VALUES (1, 'R-1', 'Ribes nord', 'Ribes');
INSERT INTO centre_zones VALUES (1, '2022-2023', 'primaria', 1), (2, '2022-2023', 'primaria', 1),
                                (1, '2021-2022', 'primaria', 1), (2, '2021-2022', 'primaria', 1);
CREATE FUNCTION pg_temp.found() RETURNS TABLE (rule text, centre text, measured numeric, limit_value numeric, unit text, message text)
LANGUAGE sql AS $$ SELECT rule, subject_name, measured, limit_value, unit, message FROM schooltime.equity_violations('eqr') $$;

-- nee_entry_share (art. 59): two centres of 100 pupils at I3, B with 9 NEE.
-- A with a NEE: the zone's share is (a + 9) / 200, its maximum 1.1 times it;
-- A is above it when a > 0.55 * (a + 9), that is from a = 12 (at a = 11 it is exactly 11 %).
INSERT INTO enrolment (centre_id, school_year, regime, level, groups, pupils, nee_a_pupils, nee_b_pupils) VALUES
    (1, '2022-2023', 'infantil', 1, 4, 100, 1, 10), (2, '2022-2023', 'infantil', 1, 4, 100, 0, 9);
SELECT * FROM pg_temp.found();
UPDATE enrolment SET nee_b_pupils = 11 WHERE centre_id = 1 AND level = 1;
SELECT * FROM pg_temp.found();
SELECT rule, severity, sections, subject, subject_id, detail, hint FROM schooltime.equity_violations('eqr');
-- the raise read in points: the maximum is the share plus 10 points, (a + 9) / 2 + 10:
-- a = 29 is at it, a = 30 above it
UPDATE schooltime.equity_figures SET unit = 'points' WHERE school_year = '2022-2023' AND figure = 'nee_max_raise';
SELECT * FROM pg_temp.found();
UPDATE enrolment SET nee_b_pupils = 28 WHERE centre_id = 1 AND level = 1;
SELECT * FROM pg_temp.found();
UPDATE enrolment SET nee_b_pupils = 29 WHERE centre_id = 1 AND level = 1;
SELECT * FROM pg_temp.found();
SELECT detail FROM schooltime.equity_violations('eqr');
UPDATE schooltime.equity_figures SET unit = 'percent' WHERE school_year = '2022-2023' AND figure = 'nee_max_raise';
-- a zone's own maximum replaces the raised share: 30 % is at it, 31 % above it
INSERT INTO zone_nee_maximums VALUES (1, '2022-2023', 'infantil', 1, 30, 'Resolució de prova 1/2022');
SELECT * FROM pg_temp.found();
UPDATE enrolment SET nee_b_pupils = 30 WHERE centre_id = 1 AND level = 1;
SELECT * FROM pg_temp.found();
SELECT detail FROM schooltime.equity_violations('eqr');
DELETE FROM zone_nee_maximums;
-- before 2022-2023 the maximum is not in force (DT 3): the same figures report nothing
INSERT INTO enrolment (centre_id, school_year, regime, level, groups, pupils, nee_a_pupils, nee_b_pupils) VALUES
    (1, '2021-2022', 'infantil', 1, 4, 100, 0, 40), (2, '2021-2022', 'infantil', 1, 4, 100, 0, 5);
SELECT rule, message FROM schooltime.equity_violations('eqr') WHERE message LIKE '%2021-2022%';
DELETE FROM enrolment;

-- late_nee_enrolment: at 2n primària (not an entry level), A had x NEE of 100 at the
-- start of the course, B 9 of 100; one late arrival with NEE came to A.
-- At x = 11 A was at the maximum (11 %), at x = 12 above it.
INSERT INTO enrolment (centre_id, school_year, regime, level, groups, pupils, nee_a_pupils, nee_b_pupils, late_pupils, late_nee_a_pupils, late_nee_b_pupils) VALUES
    (1, '2022-2023', 'primaria', 2, 4, 101, 0, 12, 1, 0, 1), (2, '2022-2023', 'primaria', 2, 4, 100, 0, 9, 0, 0, 0);
SELECT * FROM pg_temp.found();
UPDATE enrolment SET nee_b_pupils = 13 WHERE centre_id = 1;
SELECT * FROM pg_temp.found();
SELECT detail, hint FROM schooltime.equity_violations('eqr');
-- the late arrival had no NEE: nothing to report, however high the share
UPDATE enrolment SET late_nee_b_pupils = 0, nee_b_pupils = 40 WHERE centre_id = 1;
SELECT * FROM pg_temp.found();
DELETE FROM enrolment;

-- nee_reserve (art. 55): at 3r primària the zone has 20 NEE of 200 (10 %); A offers
-- 25 places, so 2.5, that is 3, would take in the zone's share: 3 reserved is enough, 2 short
INSERT INTO enrolment (centre_id, school_year, regime, level, groups, pupils, nee_a_pupils, nee_b_pupils, places_offered, places_reserved_nee_a, places_reserved_nee_b) VALUES
    (1, '2022-2023', 'primaria', 3, 4, 100, 2, 10, 25, 1, 2), (2, '2022-2023', 'primaria', 3, 4, 100, 0, 8, 0, 0, 0);
SELECT * FROM pg_temp.found();
UPDATE enrolment SET places_reserved_nee_b = 1 WHERE centre_id = 1;
SELECT * FROM pg_temp.found();
SELECT detail, hint FROM schooltime.equity_violations('eqr');
-- places not recorded: nothing to judge
UPDATE enrolment SET places_offered = NULL, places_reserved_nee_a = NULL, places_reserved_nee_b = NULL WHERE centre_id = 1;
SELECT * FROM pg_temp.found();
DELETE FROM enrolment;

-- what cannot be judged: a centre without a zone, a year the catalogue has no raise for
INSERT INTO enrolment (centre_id, school_year, regime, level, pupils, nee_b_pupils) VALUES (3, '2022-2023', 'infantil', 1, 50, 5);
INSERT INTO schooltime.equity_levels (school_year, regime, level, stage, level_name, entry_level, source)
VALUES ('2031-2032', 'infantil', 1, 'primaria', 'I3', true, 'test');
INSERT INTO centre_zones VALUES (1, '2031-2032', 'primaria', 1);
INSERT INTO enrolment (centre_id, school_year, regime, level, pupils, nee_b_pupils) VALUES (1, '2031-2032', 'infantil', 1, 50, 5);
SELECT rule, centre, measured, limit_value, message FROM pg_temp.found();
SELECT DISTINCT detail, hint FROM schooltime.equity_violations('eqr') ORDER BY 1;

-- one centre, a group, and the whole report
INSERT INTO enrolment (centre_id, school_year, regime, level, pupils, nee_b_pupils) VALUES
    (1, '2022-2023', 'infantil', 1, 100, 40), (2, '2022-2023', 'infantil', 1, 100, 5);
SELECT rule, subject_name FROM schooltime.equity_violations('eqr', 1);
SELECT count(*) AS for_a_group FROM schooltime.equity_violations('eqr', 1, 7);
SELECT rule, severity, count(*) FROM schooltime.check('eqr') GROUP BY rule, severity ORDER BY rule;
-- the compliance views are of the current school year
SET LOCAL schooltime.today = '2023-03-01';
SELECT rule, violations, centres FROM compliance_by_rule WHERE rule IN ('nee_entry_share', 'late_nee_enrolment', 'nee_reserve') ORDER BY rule;
-- one year's equity rules are judged on that year's zones alone
SELECT y, count(*) FROM unnest(ARRAY['2022-2023', '2031-2032', '2023-2024']) AS y
LEFT JOIN LATERAL schooltime.equity_violations('eqr', y::schooltime.school_year) AS v ON true
WHERE v.rule IS NOT NULL GROUP BY y ORDER BY y;
SELECT (SELECT count(*) FROM schooltime.equity_violations('eqr')) AS every_year,
       (SELECT count(*) FROM schooltime.equity_violations('eqr', '2022-2023'::schooltime.school_year))
     + (SELECT count(*) FROM schooltime.equity_violations('eqr', '2031-2032'::schooltime.school_year)) AS two_years;
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.equity_violations(NULL)$$);
ROLLBACK;
