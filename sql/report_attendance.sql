-- Attendance (3.2): whether a pupil keeps continuous assessment, from the
-- lective and unjustified absent minutes, against the regime's share of
-- lective time in schooltime.attendance_thresholds ("superiors al": a share
-- above the threshold loses it, one equal to it keeps it).
SET search_path = schooltime, public;
\i sql/include/error_of.sql

-- both sides of each threshold, in minutes
SELECT regime, lective, unjustified,
       keeps_continuous_assessment(regime, '2018-2019', lective, unjustified) AS keeps,
       (attendance_status(regime, '2018-2019', lective, unjustified)).*
FROM (VALUES
    ('eoi_ordinary'::regime, 6000, 2099), ('eoi_ordinary', 6000, 2100), ('eoi_ordinary', 6000, 2101),
    ('eoi_intensive', 200, 70), ('eoi_intensive', 200, 70.01),
    ('eoi_blended', 3, 1), ('eoi_blended', 20, 7),
    ('arts', 500, 100), ('arts', 500, 100.5), ('arts', 500, 101),
    ('sports', 3000, 600), ('sports', 3000, 601),
    ('eoi_ordinary', 0, 0), ('eoi_ordinary', 100, 100), ('arts', 100, 0)
) AS v (regime, lective, unjustified);

-- a share shown above the threshold is one that loses continuous assessment:
-- 35.0001 % is shown 35.01 %, rounded up
SELECT (attendance_status('eoi_ordinary', '2018-2019', 1000000, 350001)).*;

-- regimes the document gives no threshold for: the rule does not bind them
SELECT regime, keeps_continuous_assessment(regime, '2018-2019', 1000, 900) AS keeps,
       (attendance_status(regime, '2018-2019', 1000, 900)).*
FROM (VALUES ('eso'::regime), ('primaria'), ('batxillerat'), ('fp')) AS v (regime);

-- the threshold is the catalogue's, per school year
SELECT keeps_continuous_assessment('arts', '2020-2021', 100, 20) AS at_20, keeps_continuous_assessment('arts', '2020-2021', 100, 21) AS at_21;
BEGIN;
UPDATE attendance_thresholds SET max_absence_percent = 25 WHERE school_year = '2020-2021' AND regime = 'arts';
SELECT keeps_continuous_assessment('arts', '2020-2021', 100, 21) AS at_21, keeps_continuous_assessment('arts', '2018-2019', 100, 21) AS other_year;
ROLLBACK;

-- NULL in, NULL out
SELECT keeps_continuous_assessment(NULL, '2018-2019', 100, 1) AS no_regime,
       keeps_continuous_assessment('arts', NULL, 100, 1) AS no_year,
       keeps_continuous_assessment('arts', '2018-2019', NULL, 1) AS no_lective,
       keeps_continuous_assessment('arts', '2018-2019', 100, NULL) AS no_absence;

-- nonsense is refused
SELECT * FROM pg_temp.error_of($$SELECT keeps_continuous_assessment('arts', '2018-2019', -1, 0)$$);
SELECT * FROM pg_temp.error_of($$SELECT keeps_continuous_assessment('arts', '2018-2019', 100, -0.5)$$);
SELECT * FROM pg_temp.error_of($$SELECT keeps_continuous_assessment('eoi_ordinary', '2018-2019', 100, 100.5)$$);
SELECT * FROM pg_temp.error_of($$SELECT keeps_continuous_assessment('arts', '2018-19', 100, 1)$$);
SELECT * FROM pg_temp.error_of($$SELECT keeps_continuous_assessment('arts', '2018-2020', 100, 1)$$);
SELECT * FROM pg_temp.error_of($$SELECT keeps_continuous_assessment('arts', '2030-2031', 100, 1)$$);
SELECT * FROM pg_temp.error_of($$SELECT keeps_continuous_assessment('batxillerat_night', '2030-2031', 100, 1)$$);

-- over a table of the analyst's own
CREATE TEMPORARY TABLE my_pupils (name text, regime regime, lective numeric, absent numeric);
INSERT INTO my_pupils VALUES ('Anna', 'eoi_ordinary', 7200, 2520), ('Bernat', 'eoi_ordinary', 7200, 2521),
                             ('Carla', 'sports', 1800, 360), ('Dídac', 'sports', 1800, 361), ('Elna', 'eso', 1000, 500);
SELECT name, regime, s.absence_percent, s.max_absence_percent, s.keeps_continuous_assessment
FROM my_pupils, LATERAL attendance_status(regime, '2018-2019', lective, absent) AS s
ORDER BY name;
SELECT count(*) FILTER (WHERE keeps_continuous_assessment(regime, '2018-2019', lective, absent)) AS keep,
       count(*) FILTER (WHERE NOT keeps_continuous_assessment(regime, '2018-2019', lective, absent)) AS lose,
       count(*) FILTER (WHERE keeps_continuous_assessment(regime, '2018-2019', lective, absent) IS NULL) AS not_bound
FROM my_pupils;
