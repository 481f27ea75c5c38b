-- Rule calendar_free_days: a centre's free-disposal days, at most the
-- year's number, each on an otherwise lective day, and the conditions of
-- the later orders; local holidays of a centre's municipality.
SET search_path = schooltime, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql
SELECT create_model('cal');
INSERT INTO cal.centres (id, code, name, territory, municipality) VALUES
    (1, '08045678', 'Institut Les Vinyes', 'Vallès Occidental', 'Sabadell'),
    (2, '08019999', 'Escola La Riera', 'Vallès Occidental', 'Terrassa'),
    (3, '08017777', 'Institut Nou', 'Barcelonès', 'Badalona');
INSERT INTO cal.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28),
    (1, 2, '1r Batxillerat', '2018-2019', 'batxillerat', 1, 30),
    (2, 3, '3r Primària', '2018-2019', 'primaria', 3, 24),
    (3, 4, '2n ESO A', '2024-2025', 'eso', 2, 27),
    (3, 5, '2n ESO A', '2025-2026', 'eso', 2, 27);

-- a centre with local holidays: Terrassa's are not lective at La Riera, and are at Les Vinyes (Sabadell)
INSERT INTO cal.local_holidays (municipality, day, name) VALUES
    ('Terrassa', '2018-10-29', 'Festa major'), ('Terrassa', '2019-03-04', 'Festa local');
SELECT is_lective('cal', 2, '2018-10-29', 'primaria') AS riera_oct29, is_lective('cal', 1, '2018-10-29', 'eso') AS vinyes_oct29,
       is_lective('2018-10-29', 'primaria') AS catalogue_oct29;
SELECT c.day, c.status, c.reason FROM school_calendar('cal', 2, '2018-2019', 'primaria') AS c
WHERE c.day IN ('2018-10-29', '2019-03-04') ORDER BY c.day;
SELECT (SELECT count(*) FROM lective_days('cal', 2, '2018-2019', 'primaria')) AS riera_days,
       (SELECT count(*) FROM lective_days('cal', 1, '2018-2019', 'eso')) AS vinyes_days;
-- at most two local holidays a year per municipality
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.local_holidays VALUES ('Terrassa', '2019-05-20', 'Tercera festa')$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.local_holidays VALUES ('Terrassa', '2027-09-09', 'Festa del curs següent')$$);

-- 2018-2019: at most 5 (unconfirmed), each on an otherwise lective day
INSERT INTO cal.free_days (centre_id, school_year, day, description) VALUES
    (1, '2018-2019', '2018-11-02', 'pont de Tots Sants'), (1, '2018-2019', '2018-12-07', 'pont de la Constitució'),
    (1, '2018-2019', '2019-02-25', NULL), (1, '2018-2019', '2019-03-04', 'Carnestoltes');
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (1, '2018-2019', '2019-03-05')$$);
INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (1, '2018-2019', '2019-03-05');
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (1, '2018-2019', '2019-04-12')$$);
SELECT is_lective('cal', 1, '2019-03-05', 'eso') AS free_day_lective,
       (SELECT reason FROM school_calendar('cal', 1, '2018-2019', 'eso') WHERE day = '2019-03-04') AS reason;
-- on a holiday, in a vacation, on a weekend, before classes, outside the school year, on a local holiday
SELECT d AS day, o.code, o.constraint_name, o.table_name, o.message, o.detail, o.hint
FROM unnest(ARRAY['2018-10-12', '2018-12-24', '2018-12-22', '2018-09-11', '2019-06-25', '2019-09-02']::date[]) AS d
CROSS JOIN LATERAL pg_temp.outcome_of(format($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (2, '2018-2019', %L)$$, d)) AS o
ORDER BY d;
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (2, '2018-2019', '2018-10-29')$$);
-- the day before and after: lective, accepted
SELECT d AS day, o.code FROM unnest(ARRAY['2018-10-11', '2018-12-21', '2019-01-08', '2018-09-12', '2019-06-21']::date[]) AS d
CROSS JOIN LATERAL pg_temp.outcome_of(format($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (2, '2018-2019', %L)$$, d)) AS o
ORDER BY d;
-- 2018-09-12 is lective for ESO, not for batxillerat: enough for a centre that teaches both
SELECT * FROM pg_temp.outcome_of($$UPDATE cal.free_days SET day = '2018-09-12' WHERE centre_id = 1 AND day = '2019-02-25'$$);
SELECT * FROM pg_temp.outcome_of($$UPDATE cal.free_days SET day = '2018-09-11' WHERE centre_id = 1 AND day = '2019-02-25'$$);
-- a local holiday cannot be declared on a day a centre of the municipality took as a free day
INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (2, '2018-2019', '2018-11-02');
SELECT * FROM pg_temp.outcome_of($$UPDATE cal.local_holidays SET day = '2018-11-02' WHERE municipality = 'Terrassa' AND day = '2018-10-29'$$);

-- 2024-2025: 4, not on the first or last day of the course, not adjoining Christmas or Easter
INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (3, '2024-2025', '2024-10-11'), (3, '2024-2025', '2024-12-19');
SELECT d AS day, o.code, o.constraint_name, o.message, o.detail, o.hint
FROM unnest(ARRAY['2024-09-09', '2024-09-10', '2025-06-20', '2025-06-19', '2024-12-20', '2025-01-08', '2025-01-09',
                  '2025-04-11', '2025-04-10', '2025-04-22', '2025-04-23']::date[]) AS d
CROSS JOIN LATERAL pg_temp.outcome_of(format($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (3, '2024-2025', %L)$$, d)) AS o
ORDER BY d;
INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (3, '2024-2025', '2025-03-03'), (3, '2024-2025', '2025-05-02');
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (3, '2024-2025', '2025-05-30')$$);

-- 2025-2026: consecutive days need the territorial services' authorisation
INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (3, '2025-2026', '2025-10-31');
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (3, '2025-2026', '2025-10-30')$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (3, '2025-2026', '2025-11-03')$$);
SELECT o.code FROM pg_temp.outcome_of($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (3, '2025-2026', '2025-11-04')$$) AS o;
INSERT INTO cal.authorisations (centre_id, school_year, rule, authorised_by, authorised_on, reason)
VALUES (3, '2025-2026', 'calendar_free_days', 'Serveis territorials del Barcelonès', '2025-09-20', 'pont de Tots Sants');
INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (3, '2025-2026', '2025-11-03');
-- the allowance grows by one for a local holiday on a non-lective day (a Saturday)
INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (3, '2025-2026', '2026-02-16'), (3, '2025-2026', '2026-05-04');
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (3, '2025-2026', '2026-05-11')$$);
INSERT INTO cal.local_holidays (municipality, day, name) VALUES ('Badalona', '2026-05-09', 'Festa major (dissabte)'), ('Badalona', '2026-05-11', 'Sant Anastasi');
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (3, '2025-2026', '2026-05-12')$$);
INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (3, '2025-2026', '2026-05-13');
SELECT * FROM pg_temp.outcome_of($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (3, '2025-2026', '2026-05-20')$$);

-- the report: the same findings, authorised ones with their authorisation
-- (the catalogue edits of this test are rolled back: edited rows stay local)
BEGIN;
UPDATE calendar_years SET free_days_max = 3 WHERE school_year = '2018-2019';
SELECT rule, severity, sections, centre_id, subject, subject_id, subject_name, weekday, day, measured, limit_value, unit,
       message, authorisation_id IS NOT NULL AS authorised
FROM calendar_violations('cal') ORDER BY centre_id, day;
SELECT count(*) AS centre_2 FROM calendar_violations('cal', 2);
ROLLBACK;
SELECT count(*) AS after_restoring_the_limit FROM calendar_violations('cal');

-- a warning never blocks a write
BEGIN;
UPDATE rules SET severity = 'warning' WHERE code = 'calendar_free_days';
SELECT o.code FROM pg_temp.outcome_of($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (1, '2018-2019', '2018-12-25')$$) AS o;
ROLLBACK;

-- REPEATABLE READ cannot see what a concurrent writer committed: refused
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT * FROM pg_temp.error_of($$INSERT INTO cal.free_days (centre_id, school_year, day) VALUES (1, '2018-2019', '2019-02-26')$$);
ROLLBACK;

-- bad input to the functions
SELECT * FROM pg_temp.error_of($$SELECT is_lective('cal', 9, '2018-10-29', 'eso')$$);
SELECT * FROM pg_temp.error_of($$SELECT is_lective('nomodel', 1, '2018-10-29', 'eso')$$);
SELECT * FROM pg_temp.error_of($$SELECT count(*) FROM calendar_violations('nomodel')$$);

SET client_min_messages = warning;
DROP SCHEMA cal CASCADE;
RESET client_min_messages;
