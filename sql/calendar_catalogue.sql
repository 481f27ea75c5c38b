-- The calendar catalogue: each 2018-2019 date boundary of the order, the
-- other years CALENDAR.md documents, sources and unconfirmed facts, and the
-- errors of a calendar schooltime does not know.
SET search_path = schooltime, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql

-- 2018-2019 boundaries (Ordre ENS/60/2018), catalogue only
SELECT d::date AS day, to_char(d, 'Dy') AS dow,
       is_lective(d::date, 'eso') AS eso, is_lective(d::date, 'batxillerat') AS batxillerat,
       is_lective(d::date, 'primaria') AS primaria, is_lective(d::date, 'adults') AS adults
FROM unnest(ARRAY['2018-09-10', '2018-09-11', '2018-09-12', '2018-09-13', '2018-09-14', '2018-09-18',
                  '2018-09-19', '2018-09-20', '2018-10-11', '2018-10-12', '2018-10-15', '2018-11-01',
                  '2018-11-02', '2018-12-06', '2018-12-07', '2018-12-21', '2018-12-22', '2018-12-24',
                  '2019-01-07', '2019-01-08', '2019-04-12', '2019-04-13', '2019-04-22', '2019-04-23',
                  '2019-05-01', '2019-05-02', '2019-06-21', '2019-06-22', '2019-06-24']::date[]) AS d
ORDER BY 1;

-- why a day is not lective
SELECT c.day, c.status, c.reason
FROM school_calendar('2018-2019', 'eso') AS c
WHERE c.day IN ('2018-09-01', '2018-09-11', '2018-09-15', '2018-10-12', '2018-12-08', '2018-12-22',
                '2018-12-25', '2019-01-07', '2019-04-22', '2019-06-22', '2019-08-31')
ORDER BY c.day;
SELECT min(c.day), max(c.day), count(*) FROM school_calendar('2018-2019', 'eso') AS c;

-- lective days per teaching (weekdays, by month) in 2018-2019
SELECT 'eso' AS regime, to_char(d, 'YYYY-MM') AS month, count(*) FROM lective_days('2018-2019', 'eso') AS d GROUP BY 2
UNION ALL
SELECT 'batxillerat', to_char(d, 'YYYY-MM'), count(*) FROM lective_days('2018-2019', 'batxillerat') AS d
WHERE d < '2018-10-01' GROUP BY 2
ORDER BY 1, 2;
SELECT r AS regime, count(d) AS lective_days, min(d) AS first_day, max(d) AS last_day
FROM unnest(ARRAY['infantil', 'primaria', 'eso', 'batxillerat', 'batxillerat_night', 'adults']::regime[]) AS r
CROSS JOIN LATERAL lective_days('2018-2019', r) AS d
GROUP BY r ORDER BY r;

-- intensive days of infantil and primària, and not of ESO
SELECT c.day, c.intensive, c.window_start, c.window_end
FROM school_calendar('2018-2019', 'primaria') AS c
WHERE c.day IN ('2018-12-20', '2018-12-21', '2019-06-07', '2019-06-10', '2019-06-21')
ORDER BY c.day;
SELECT count(*) FILTER (WHERE c.intensive) AS primaria_intensive_days FROM school_calendar('2018-2019', 'primaria') AS c;
SELECT count(*) FILTER (WHERE c.intensive) AS eso_intensive_days FROM school_calendar('2018-2019', 'eso') AS c;

-- the other years CALENDAR.md documents
SELECT y, r, min(d) AS first_day, max(d) AS last_day, count(d) AS lective_days
FROM (VALUES ('2020-2021'), ('2024-2025'), ('2025-2026')) AS years (y)
CROSS JOIN unnest(ARRAY['eso', 'batxillerat']::regime[]) AS r
CROSS JOIN LATERAL lective_days(y, r) AS d
GROUP BY y, r ORDER BY y, r;
SELECT d::date AS day, is_lective(d::date, 'eso') AS eso
FROM unnest(ARRAY['2020-09-11', '2020-09-14', '2020-12-21', '2020-12-22', '2021-01-07', '2021-01-08',
                  '2021-03-26', '2021-03-27', '2021-04-05', '2021-04-06', '2021-06-22', '2021-06-23',
                  '2024-09-06', '2024-09-09', '2024-12-20', '2024-12-21', '2025-01-07', '2025-01-08',
                  '2025-04-11', '2025-04-21', '2025-04-22', '2025-06-20', '2025-09-05', '2025-09-08',
                  '2025-12-19', '2025-12-22', '2026-01-07', '2026-01-08', '2026-03-27', '2026-04-06',
                  '2026-04-07', '2026-06-19', '2026-06-22']::date[]) AS d
ORDER BY 1;
SELECT school_year, teaching, first_day_from, first_day_until, last_day
FROM calendar_class_periods ORDER BY school_year, teaching;
SELECT school_year, free_days_max, free_days_max_note, free_days_not_on_course_edges AS edges,
       free_days_not_adjoining_vacations AS vacations, free_days_consecutive_authorised AS consecutive,
       free_days_local_holiday_adds AS local_adds, local_holidays_max, delayed_start_until
FROM calendar_years ORDER BY school_year;

-- every row carries its source; what is unconfirmed says so
SELECT t.tab, count(*) AS rows, count(*) FILTER (WHERE btrim(t.source) = '') AS without_source,
       count(*) FILTER (WHERE t.source ILIKE '%unconfirmed%') AS unconfirmed
FROM (SELECT 'calendar_years' AS tab, source FROM calendar_years
      UNION ALL SELECT 'calendar_class_periods', source FROM calendar_class_periods
      UNION ALL SELECT 'calendar_non_lective_days', source FROM calendar_non_lective_days
      UNION ALL SELECT 'calendar_intensive_days', source FROM calendar_intensive_days) AS t
GROUP BY t.tab ORDER BY t.tab;
SELECT r.regime, r.teaching FROM calendar_regime_teachings AS r ORDER BY r.regime;
SELECT count(*) AS unmapped_regimes FROM unnest(enum_range(NULL::regime)) AS r
WHERE r NOT IN (SELECT regime FROM calendar_regime_teachings);

-- what the catalogue cannot answer
SELECT * FROM pg_temp.error_of($$SELECT is_lective('2027-09-16', 'eso')$$);
SELECT * FROM pg_temp.error_of($$SELECT count(*) FROM lective_days('2018-2019', 'eoi_ordinary')$$);
SELECT * FROM pg_temp.error_of($$SELECT count(*) FROM lective_days('2026-2027', 'adults')$$);
SELECT * FROM pg_temp.error_of($$SELECT count(*) FROM lective_days('2027-2028', 'eso')$$);
SELECT is_lective(NULL, 'eso') AS null_day, count(*) AS no_days FROM lective_days(NULL, 'eso');

-- a department adds a year with INSERTs: no new code (rolled back at the end)
BEGIN;
INSERT INTO calendar_years (school_year, course_start, course_end, free_days_max, order_name, source)
VALUES ('2027-2028', '2027-09-01', '2028-08-31', 4, 'the calendar order for 2027-2028', 'Department test data');
INSERT INTO calendar_class_periods (school_year, teaching, first_day_from, first_day_until, last_day, source)
VALUES ('2027-2028', 'general', '2027-09-08', '2027-09-08', '2028-06-22', 'Department test data');
INSERT INTO calendar_non_lective_days (school_year, first_day, last_day, kind, name_en, name_ca, source)
VALUES ('2027-2028', '2027-12-23', '2028-01-07', 'vacation', 'Christmas vacation', 'vacances de Nadal', 'Department test data');
SELECT is_lective('2027-09-08', 'primaria') AS first_day, is_lective('2027-12-23', 'primaria') AS christmas,
       (SELECT origin FROM calendar_years WHERE school_year = '2027-2028') AS origin;
-- shipped rows are protected like the rest of the catalogue
SELECT * FROM pg_temp.outcome_of($$DELETE FROM calendar_non_lective_days WHERE school_year = '2018-2019' AND first_day = '2018-12-22'$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO calendar_class_periods (school_year, teaching, first_day_from, first_day_until, last_day, source)
                                   VALUES ('2027-2028', 'batxillerat', '2027-09-20', '2027-09-12', '2028-06-22', 'wrong')$$);
ROLLBACK;
