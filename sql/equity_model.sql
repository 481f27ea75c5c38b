-- The equity part of the reference model (issue 16): its tables, keys,
-- trigger and views; enrolment rows that cannot be are refused with clear
-- errors (and by CHECK constraints of the same names when the trigger is
-- off); COPY loads good rows and refuses a file with a bad one whole; a model
-- without the part gains it with upgrade_model(), keeping every row.
SET search_path = schooltime, public;
\i sql/include/error_of.sql

SELECT name, position, builder FROM model_parts WHERE name = 'equity';
SELECT name, position, source FROM violation_sources WHERE name = 'equity';
SELECT create_model('eqm');
SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default
FROM information_schema.columns AS c
WHERE c.table_schema = 'eqm' AND c.table_name IN ('municipalities', 'zones', 'centre_zones', 'enrolment', 'zone_nee_maximums')
ORDER BY c.table_name, c.ordinal_position;
SELECT conrelid::regclass AS "table", conname, pg_get_constraintdef(oid)
FROM pg_constraint
WHERE conrelid IN ('eqm.municipalities'::regclass, 'eqm.zones'::regclass, 'eqm.centre_zones'::regclass,
                   'eqm.enrolment'::regclass, 'eqm.zone_nee_maximums'::regclass)
ORDER BY 1, 2;
SELECT tgrelid::regclass AS "table", tgname, pg_get_triggerdef(oid)
FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = 'eqm.enrolment'::regclass;
SELECT c.relname, c.relkind, c.reloptions FROM pg_class AS c
WHERE c.relnamespace = 'eqm'::regnamespace AND c.relname LIKE 'equity%' ORDER BY 1;
-- every table, view and column that is not obvious says what it holds
SELECT c.relname FROM pg_class AS c
WHERE c.relnamespace = 'eqm'::regnamespace AND c.relkind IN ('r', 'v') AND obj_description(c.oid, 'pg_class') IS NULL;
SELECT c.relname, a.attname AS uncommented_column FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid
WHERE c.relnamespace = 'eqm'::regnamespace
  AND c.relname IN ('municipalities', 'zones', 'centre_zones', 'enrolment', 'zone_nee_maximums')
  AND a.attnum > 0 AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL
  AND a.attname NOT IN ('id', 'centre_id', 'zone_id', 'school_year')
ORDER BY 1, a.attnum;

SET search_path = eqm, schooltime, public;
INSERT INTO centres (id, code, name, territory, municipality) VALUES
    (1, '08000001', 'Escola La Riera', 'Maresme - Vallès Oriental', 'Vilanova'),
    (2, '08000002', 'Institut Les Vinyes', 'Maresme - Vallès Oriental', 'Vilanova');
INSERT INTO municipalities VALUES ('Vilanova', '089999', 25000, 2022);
INSERT INTO zones (id, code, name, municipality) VALUES (1, 'Z-01', 'Vilanova', 'Vilanova');
INSERT INTO centre_zones VALUES (1, '2022-2023', 'primaria', 1), (2, '2022-2023', 'secundaria', 1);

-- a good row: the stage is filled in from the level
INSERT INTO enrolment (centre_id, school_year, regime, level, groups, pupils, foreign_pupils, nee_a_pupils, nee_b_pupils,
                       late_pupils, late_nee_a_pupils, late_nee_b_pupils, places_offered, places_reserved_nee_a, places_reserved_nee_b)
VALUES (1, '2022-2023', 'infantil', 1, 2, 50, 10, 2, 8, 3, 0, 1, 50, 2, 4);
SELECT centre_id, school_year, regime, level, stage, pupils FROM enrolment;

-- rows that cannot be
CREATE TEMPORARY TABLE bad_rows (name text, statement text);
INSERT INTO bad_rows VALUES
    ('a level ESO lacks', $$INSERT INTO enrolment (centre_id, school_year, regime, level, pupils) VALUES (2, '2022-2023', 'eso', 5, 30)$$),
    ('a regime the indicators do not count', $$INSERT INTO enrolment (centre_id, school_year, regime, level, pupils) VALUES (2, '2022-2023', 'batxillerat', 1, 30)$$),
    ('a year the catalogue lacks', $$INSERT INTO enrolment (centre_id, school_year, regime, level, pupils) VALUES (1, '2031-2032', 'primaria', 1, 30)$$),
    ('a level of another stage', $$INSERT INTO enrolment (centre_id, school_year, regime, level, stage, pupils) VALUES (2, '2022-2023', 'eso', 1, 'primaria', 30)$$),
    ('negative pupils', $$INSERT INTO enrolment (centre_id, school_year, regime, level, pupils) VALUES (2, '2022-2023', 'eso', 1, -1)$$),
    ('negative reserve', $$INSERT INTO enrolment (centre_id, school_year, regime, level, pupils, places_offered, places_reserved_nee_a, places_reserved_nee_b) VALUES (2, '2022-2023', 'eso', 1, 30, 30, -1, 0)$$),
    ('more foreign pupils than pupils', $$INSERT INTO enrolment (centre_id, school_year, regime, level, pupils, foreign_pupils) VALUES (2, '2022-2023', 'eso', 1, 30, 31)$$),
    ('more NEE A and B than pupils', $$INSERT INTO enrolment (centre_id, school_year, regime, level, pupils, nee_a_pupils, nee_b_pupils) VALUES (2, '2022-2023', 'eso', 1, 30, 10, 21)$$),
    ('more late NEE than late arrivals', $$INSERT INTO enrolment (centre_id, school_year, regime, level, pupils, nee_b_pupils, late_pupils, late_nee_b_pupils) VALUES (2, '2022-2023', 'eso', 1, 30, 5, 2, 3)$$),
    ('more late NEE A than NEE A', $$INSERT INTO enrolment (centre_id, school_year, regime, level, pupils, nee_a_pupils, late_pupils, late_nee_a_pupils) VALUES (2, '2022-2023', 'eso', 1, 30, 1, 4, 2)$$),
    ('more reserved than offered', $$INSERT INTO enrolment (centre_id, school_year, regime, level, pupils, places_offered, places_reserved_nee_a, places_reserved_nee_b) VALUES (2, '2022-2023', 'eso', 1, 30, 30, 20, 11)$$),
    ('a reserve without an offer', $$INSERT INTO enrolment (centre_id, school_year, regime, level, pupils, places_reserved_nee_a, places_reserved_nee_b) VALUES (2, '2022-2023', 'eso', 1, 30, 2, 2)$$),
    ('an update breaking a count', $$UPDATE enrolment SET foreign_pupils = 51 WHERE centre_id = 1$$);
SELECT b.name, o.* FROM bad_rows AS b, LATERAL pg_temp.outcome_of(b.statement) AS o ORDER BY b.name;
-- on the boundaries, they go in
SELECT o.code FROM pg_temp.outcome_of($$INSERT INTO enrolment (centre_id, school_year, regime, level, pupils, foreign_pupils, nee_a_pupils, nee_b_pupils, late_pupils, late_nee_a_pupils, late_nee_b_pupils, places_offered, places_reserved_nee_a, places_reserved_nee_b)
    VALUES (2, '2022-2023', 'eso', 4, 30, 30, 10, 20, 30, 10, 20, 30, 10, 20)$$) AS o;
SELECT o.code FROM pg_temp.outcome_of($$INSERT INTO enrolment (centre_id, school_year, regime, level, stage, pupils) VALUES (2, '2022-2023', 'eso', 4, 'secundaria', 0)$$) AS o;
-- with the trigger off, the CHECK constraints of the same names still refuse them
SET session_replication_role = replica;
SELECT b.name, o.code, o.constraint_name
FROM bad_rows AS b,
     LATERAL pg_temp.outcome_of(replace(replace(b.statement, 'regime, level,', 'regime, level, stage,'), '''eso'', 1,', '''eso'', 1, ''secundaria'',')) AS o
WHERE b.name LIKE 'more%' OR b.name LIKE 'negative%' OR b.name LIKE 'a reserve%' ORDER BY b.name;
RESET session_replication_role;

-- COPY: good rows load; a file with one bad row is refused whole, naming it
COPY enrolment (centre_id, school_year, regime, level, groups, pupils, foreign_pupils, nee_a_pupils, nee_b_pupils) FROM stdin;
1	2022-2023	infantil	2	2	48	9	1	7
1	2022-2023	primaria	1	2	50	12	2	6
2	2022-2023	eso	1	4	120	30	4	20
\.
SELECT count(*), string_agg(DISTINCT stage, ', ' ORDER BY stage) FROM enrolment;
\set VERBOSITY verbose
COPY enrolment (centre_id, school_year, regime, level, groups, pupils, foreign_pupils) FROM stdin;
2	2022-2023	eso	2	4	118	25
2	2022-2023	eso	3	4	110	115
2	2022-2023	eso	4	4	100	20
\.
\set VERBOSITY default
SELECT count(*) FROM enrolment;

-- a model without the equity part (as made before this version) gains it
SELECT create_model('eqm_old');
INSERT INTO eqm_old.centres (id, code, name, territory, municipality) VALUES (1, '08000009', 'Escola Vella', 'Girona', 'Salt');
DROP VIEW eqm_old.equity_indicators_public, eqm_old.equity_indicators, eqm_old.equity_centre_shares;
DROP TABLE eqm_old.zone_nee_maximums, eqm_old.enrolment, eqm_old.centre_zones, eqm_old.zones, eqm_old.municipalities;
SELECT to_regclass('eqm_old.enrolment') AS enrolment_before;
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.equity_violations('eqm_old')$$);
SET client_min_messages = warning;
SELECT upgrade_model('eqm_old');
SELECT to_regclass('eqm_old.enrolment') AS enrolment_after, to_regclass('eqm_old.equity_indicators_public') AS public_view_after,
       (SELECT name FROM eqm_old.centres) AS kept;
-- and a second upgrade changes nothing
SELECT upgrade_model('eqm_old');
RESET client_min_messages;
SELECT count(*) AS equity_triggers FROM pg_trigger WHERE tgrelid = 'eqm_old.enrolment'::regclass AND NOT tgisinternal;
SET client_min_messages = warning;
DROP SCHEMA eqm, eqm_old CASCADE;
RESET client_min_messages;
