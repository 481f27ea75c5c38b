-- The outings part of the reference model: its tables, keys and triggers;
-- a model from schooltime 0.1 gains it with upgrade_model(), keeping every
-- row; two models judge their outings apart; the trigger functions refuse
-- to be misused.
SET search_path = schooltime, public;
\i sql/include/error_of.sql

SELECT name, position, builder, description FROM model_parts ORDER BY position;
SELECT create_model('outing_m');
SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default, c.is_generated
FROM information_schema.columns AS c
WHERE c.table_schema = 'outing_m'
  AND c.table_name IN ('outings', 'outing_groups', 'outing_escorts', 'outing_pupils', 'adapted_escort_ratios')
ORDER BY c.table_name, c.ordinal_position;
SELECT conrelid::regclass AS "table", conname, pg_get_constraintdef(oid)
FROM pg_constraint
WHERE conrelid IN ('outing_m.outings'::regclass, 'outing_m.outing_groups'::regclass, 'outing_m.outing_escorts'::regclass,
                   'outing_m.outing_pupils'::regclass, 'outing_m.adapted_escort_ratios'::regclass)
   OR (conrelid = 'outing_m.authorisations'::regclass AND conname = 'authorisations_outing_fkey')
ORDER BY 1, 2;
SELECT indrelid::regclass AS "table", indexrelid::regclass AS index, pg_get_indexdef(indexrelid)
FROM pg_index
WHERE indrelid IN ('outing_m.outings'::regclass, 'outing_m.outing_groups'::regclass, 'outing_m.outing_escorts'::regclass,
                   'outing_m.outing_pupils'::regclass, 'outing_m.adapted_escort_ratios'::regclass)
   OR indexrelid = 'outing_m.authorisations_centre_id_outing_id_idx'::regclass
ORDER BY 1, 2;
-- the outing triggers, on the outing tables and on what outings are judged by
SELECT tgrelid::regclass AS "table", tgname, pg_get_triggerdef(oid)
FROM pg_trigger
WHERE NOT tgisinternal AND tgname LIKE 'schooltime_outing%'
  AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'outing_m'::regnamespace)
ORDER BY 1, 2;
SELECT tgrelid::regclass AS "table", tgdeferrable, tginitdeferred
FROM pg_trigger WHERE tgname = 'schooltime_outing_rules'
  AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'outing_m'::regnamespace)
ORDER BY 1;
-- every table and every column that is not obvious says what it holds
SELECT c.relname, obj_description(c.oid, 'pg_class') AS comment
FROM pg_class AS c WHERE c.relnamespace = 'outing_m'::regnamespace AND c.relkind = 'r'
  AND c.relname IN ('outings', 'outing_groups', 'outing_escorts', 'outing_pupils', 'adapted_escort_ratios') ORDER BY c.relname;
SELECT c.relname, a.attname AS uncommented_column FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid
WHERE c.relnamespace = 'outing_m'::regnamespace
  AND c.relname IN ('outings', 'outing_groups', 'outing_escorts', 'outing_pupils', 'adapted_escort_ratios')
  AND a.attnum > 0 AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL
  AND a.attname NOT IN ('id', 'centre_id', 'outing_id', 'group_id')
ORDER BY 1, a.attnum;

-- what the tables refuse by themselves
SET search_path = outing_m, schooltime, public;
\i sql/include/outing_setup.sql
CREATE TEMPORARY TABLE bad_rows (name text, statement text);
INSERT INTO bad_rows VALUES
    ('ends before it starts', $$INSERT INTO outings (centre_id, school_year, name, starts_on, ends_on) VALUES (1, '2018-2019', 'x', '2019-03-12', '2019-03-11')$$),
    ('outside its school year', $$INSERT INTO outings (centre_id, school_year, name, starts_on, ends_on) VALUES (1, '2018-2019', 'x', '2019-09-02', '2019-09-02')$$),
    ('never ends', $$INSERT INTO outings (centre_id, school_year, name, starts_on, ends_on) VALUES (1, '2018-2019', 'x', '2019-03-12', 'infinity')$$),
    ('no name', $$INSERT INTO outings (centre_id, school_year, name, starts_on, ends_on) VALUES (1, '2018-2019', ' ', '2019-03-12', '2019-03-12')$$),
    ('an escort both teacher and named', $$INSERT INTO outing_escorts (centre_id, outing_id, teacher_id, name) VALUES (1, 1, 1, 'Anna')$$),
    ('an escort neither', $$INSERT INTO outing_escorts (centre_id, outing_id) VALUES (1, 1)$$),
    ('a teacher twice', $$INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 1, 1), (1, 1, 1)$$),
    ('negative pupils going', $$INSERT INTO outing_groups (centre_id, outing_id, group_id, pupils) VALUES (1, 1, 3, -1)$$),
    ('a group of another centre', $$INSERT INTO outing_groups (centre_id, outing_id, group_id, pupils) VALUES (1, 1, 7, 1)$$),
    ('a pupil of a group that does not go', $$INSERT INTO outing_pupils (centre_id, outing_id, group_id, pupil) VALUES (1, 1, 4, 'Alumne')$$),
    ('a pupil twice', $$INSERT INTO outing_pupils (centre_id, outing_id, group_id, pupil) VALUES (1, 1, 3, 'Alumne 3.01')$$),
    ('an adapted ratio of 0', $$INSERT INTO adapted_escort_ratios (centre_id, school_year, stage, multi_day, pupils_per_escort, nofc_reference) VALUES (1, '2018-2019', 'eso', false, 0, 'NOFC')$$),
    ('an adapted ratio not in the NOFC', $$INSERT INTO adapted_escort_ratios (centre_id, school_year, stage, multi_day, pupils_per_escort, nofc_reference) VALUES (1, '2018-2019', 'eso', false, 5, '')$$),
    ('the programme lowering the minimum to 0', $$UPDATE outings SET programme_min_escorts = 0$$),
    ('an authorisation naming an outing that does not exist',
     $$INSERT INTO authorisations (centre_id, school_year, rule, outing_id, authorised_by, authorised_on, reason, school_council_heard)
       VALUES (1, '2018-2019', 'outing_ratio', 99, 'Directora', '2019-02-20', 'Guides', true)$$);
BEGIN;
SELECT pg_temp.new_outing(1, 'Museu', '2019-03-12');
SELECT pg_temp.add_pupils(1, 3, 2);
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 1, 2), (1, 1, 3);
COMMIT;
SELECT b.name, e.code, e.constraint_name FROM bad_rows AS b, LATERAL pg_temp.outcome_of(b.statement) AS e;
-- the generated multi_day follows the dates
BEGIN;
UPDATE outings SET ends_on = '2019-03-13' WHERE id = 1;
UPDATE outing_pupils SET family_authorisation = 'specific';
COMMIT;
SELECT starts_on, ends_on, multi_day FROM outings;

-- two models judge their outings apart: the same keys in each, one transaction
SELECT create_model('outing_m2');
BEGIN;
INSERT INTO outing_m2.centres SELECT * FROM outing_m.centres;
INSERT INTO outing_m2.class_groups SELECT * FROM outing_m.class_groups;
INSERT INTO outing_m2.teachers SELECT * FROM outing_m.teachers;
INSERT INTO outing_m2.outings (centre_id, id, school_year, name, starts_on, ends_on, in_annual_programme,
                               director_authorised_on, families_informed_on)
SELECT centre_id, id, school_year, name, starts_on, ends_on, in_annual_programme, director_authorised_on, families_informed_on
FROM outing_m.outings;
INSERT INTO outing_m2.outing_groups SELECT * FROM outing_m.outing_groups;
INSERT INTO outing_m2.outing_pupils SELECT * FROM outing_m.outing_pupils;
INSERT INTO outing_m2.outing_escorts SELECT * FROM outing_m.outing_escorts;
UPDATE outing_m.outings SET name = 'Museu Picasso';
SET client_min_messages = debug1;
COMMIT;
RESET client_min_messages;
SELECT count(*) AS outings_in_outing_m2 FROM outing_m2.outings;
SET client_min_messages = warning;
DROP SCHEMA outing_m2 CASCADE;
RESET client_min_messages;

-- the trigger functions refuse to be misused
SELECT code, message FROM pg_temp.error_of($$SELECT schooltime.outing_rules()$$);
CREATE TABLE public.own_outing_rows (centre_id bigint, outing_id integer, outing bigint);
CREATE TRIGGER wrong BEFORE INSERT ON own_outing_rows FOR EACH ROW EXECUTE FUNCTION schooltime.outing_rules();
SELECT code, message, hint FROM pg_temp.error_of($$INSERT INTO own_outing_rows VALUES (1, 1, 1)$$);
DROP TRIGGER wrong ON own_outing_rows;
CREATE TRIGGER wrong AFTER INSERT ON own_outing_rows FOR EACH ROW EXECUTE FUNCTION schooltime.outing_rules();
SELECT code, message FROM pg_temp.error_of($$INSERT INTO own_outing_rows VALUES (1, 1, 1)$$);
DROP TRIGGER wrong ON own_outing_rows;
CREATE TRIGGER wrong AFTER INSERT ON own_outing_rows FOR EACH ROW EXECUTE FUNCTION schooltime.outing_rules('trip=outing');
SELECT code, message, detail FROM pg_temp.error_of($$INSERT INTO own_outing_rows VALUES (1, 1, 1)$$);
DROP TRIGGER wrong ON own_outing_rows;
CREATE TRIGGER wrong AFTER INSERT ON own_outing_rows FOR EACH ROW EXECUTE FUNCTION schooltime.outing_rules('outing=missing');
SELECT code, message FROM pg_temp.error_of($$INSERT INTO own_outing_rows VALUES (1, 1, 1)$$);
DROP TRIGGER wrong ON own_outing_rows;
CREATE TRIGGER wrong AFTER INSERT ON own_outing_rows FOR EACH ROW EXECUTE FUNCTION schooltime.outing_rules('outing=outing');
-- (the outing's tables are those of the schema the table is in)
SELECT code, message, hint FROM pg_temp.error_of($$INSERT INTO own_outing_rows VALUES (1, 1, 1)$$);
DROP TRIGGER wrong ON own_outing_rows;
CREATE TRIGGER wrong BEFORE INSERT ON own_outing_rows FOR EACH ROW EXECUTE FUNCTION schooltime.outing_changed();
SELECT code, message FROM pg_temp.error_of($$INSERT INTO own_outing_rows VALUES (1, 1, 1)$$);
DROP TABLE own_outing_rows;
SET client_min_messages = warning;
DROP SCHEMA outing_m CASCADE;
RESET client_min_messages;

-- a model made by schooltime 0.1 gains outings from upgrade_model(), with
-- its rows kept; running it again changes nothing.  (The helper that takes
-- a schooltime type goes first, or the extension could not be dropped.)
DROP FUNCTION pg_temp.add_pupils;
DROP EXTENSION schooltime;
CREATE EXTENSION schooltime VERSION '0.1';
SELECT schooltime.create_model('outing_legacy');
INSERT INTO outing_legacy.centres (id, code, name, territory, municipality) VALUES (1, '08000001', 'Escola', 'Girona', 'Girona');
INSERT INTO outing_legacy.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 1, '6è A', '2018-2019', 'primaria', 6, 24);
INSERT INTO outing_legacy.teachers (id, name, centre_id) VALUES (1, 'Joan', 1), (2, 'Laia', 1);
ALTER EXTENSION schooltime UPDATE;  -- to the default version, which the tests after this one test
SET client_min_messages = warning;  -- (CREATE ... IF NOT EXISTS says what it skips)
SELECT schooltime.upgrade_model('outing_legacy');
SELECT schooltime.upgrade_model('outing_legacy');
RESET client_min_messages;
SELECT count(*) AS outing_triggers FROM pg_trigger
WHERE tgname LIKE 'schooltime_outing%' AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'outing_legacy'::regnamespace);
SELECT count(*) AS outing_fkey FROM pg_constraint
WHERE conrelid = 'outing_legacy.authorisations'::regclass AND conname = 'authorisations_outing_fkey';
BEGIN;
INSERT INTO outing_legacy.outings (centre_id, id, school_year, name, starts_on, ends_on, in_annual_programme, director_authorised_on, families_informed_on)
VALUES (1, 1, '2018-2019', 'Museu d''Art', '2019-03-12', '2019-03-12', true, '2019-03-01', '2019-03-01');
INSERT INTO outing_legacy.outing_groups (centre_id, outing_id, group_id, pupils) VALUES (1, 1, 1, 24);
INSERT INTO outing_legacy.outing_pupils (centre_id, outing_id, group_id, pupil, family_authorisation)
SELECT 1, 1, 1, 'Alumne ' || k, 'yearly' FROM generate_series(1, 24) AS k;
INSERT INTO outing_legacy.outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 1, 1), (1, 1, 2);
COMMIT;
SELECT code, constraint_name, message FROM pg_temp.at_commit($$DELETE FROM outing_legacy.outing_escorts WHERE teacher_id = 2$$);
SELECT (SELECT count(*) FROM outing_legacy.outings) AS outings, (SELECT count(*) FROM outing_legacy.class_groups) AS groups,
       (SELECT count(*) FROM outing_legacy.outing_escorts) AS escorts;
SET client_min_messages = warning;
DROP SCHEMA outing_legacy CASCADE;
RESET client_min_messages;
SELECT extversion FROM pg_extension WHERE extname = 'schooltime';
