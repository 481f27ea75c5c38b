-- When outings are judged: whole, at COMMIT, once per outing and
-- transaction, whatever order their rows come in; again after anything
-- that could change them (SET CONSTRAINTS ... IMMEDIATE, ROLLBACK TO
-- SAVEPOINT, a change to a group, a centre or an authorisation, TRUNCATE);
-- as the owner of the tables, whatever the writer may see; and the report
-- schooltime.outing_violations() that gives the same judgement on demand.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('outing_c');
SET search_path = outing_c, schooltime, public;
\i sql/include/outing_setup.sql

-- an outing entered over several statements, invalid until the last of
-- them (no escorts, then pupils not yet listed), is judged once, at COMMIT
-- (schooltime says so at DEBUG1 each time it judges an outing)
BEGIN;
SELECT pg_temp.new_outing(1, 'Museu de la Música', '2019-03-12');
INSERT INTO outing_groups (centre_id, outing_id, group_id, pupils) VALUES (1, 1, 3, 25), (1, 1, 4, 16);
INSERT INTO outing_pupils (centre_id, outing_id, group_id, pupil, family_authorisation)
SELECT 1, 1, 3, 'Alumne 3.' || lpad(k::text, 2, '0'), 'yearly' FROM generate_series(1, 25) AS k;
INSERT INTO outing_pupils (centre_id, outing_id, group_id, pupil, family_authorisation)
SELECT 1, 1, 4, 'Alumne 4.' || lpad(k::text, 2, '0'), 'yearly' FROM generate_series(1, 16) AS k;
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 1, 1), (1, 1, 2);
INSERT INTO outing_escorts (centre_id, outing_id, name) VALUES (1, 1, 'Monitor del museu');
SELECT count(*) AS pending_row_events FROM outing_pupils;
-- the report judges it once beforehand, so that the server's own DEBUG1
-- chatter while its caches grow (catcache rehashing) is not shown below
SELECT count(*) AS violations_so_far FROM schooltime.outing_violations('outing_c', 1);
SET client_min_messages = debug1;
COMMIT;
RESET client_min_messages;

-- two outings in one transaction: each judged once
BEGIN;
SELECT pg_temp.new_outing(2, 'Parc de la Ciutadella', '2019-03-20');
SELECT pg_temp.add_pupils(2, 3, 10);
SELECT pg_temp.add_pupils(2, 4, 10);
SELECT pg_temp.new_outing(3, 'Biblioteca del barri', '2019-03-21');
SELECT pg_temp.add_pupils(3, 1, 15);
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 2, 1), (1, 2, 2), (1, 3, 3), (1, 3, 4);
SET client_min_messages = debug1;
COMMIT;
RESET client_min_messages;

-- an outing left invalid fails at COMMIT with the exact error, and nothing
-- of the transaction is kept
BEGIN;
SELECT pg_temp.new_outing(4, 'Fàbrica de xocolata', '2019-04-04');
SELECT pg_temp.add_pupils(4, 3, 21);
SELECT pg_temp.add_pupils(4, 4, 20);
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 4, 1), (1, 4, 2);
SELECT count(*) AS pupils_in_the_transaction FROM outing_pupils WHERE outing_id = 4;
COMMIT;
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS outing_4_kept FROM outings WHERE id = 4;

-- one bad outing among good ones: the error names the bad one
BEGIN;
UPDATE outings SET name = name || ' (2)' WHERE id IN (1, 2, 3);
DELETE FROM outing_escorts WHERE outing_id = 3 AND teacher_id = 4;
COMMIT;
SELECT id, name FROM outings ORDER BY id;

-- SET CONSTRAINTS ... IMMEDIATE judges what is pending at once, and every
-- statement after it at its end
BEGIN;
SELECT pg_temp.add_pupils(1, 4, 19);
SET client_min_messages = debug1;
SET CONSTRAINTS outing_c.schooltime_outing_rules IMMEDIATE;
RESET client_min_messages;
-- (judged at the end of each statement: add_pupils() counts the pupil in
-- outing_groups before it lists it, so the count is refused first)
SELECT code, constraint_name, message FROM pg_temp.error_of($$SELECT pg_temp.add_pupils(1, 4, 1)$$);
SELECT code, constraint_name, message FROM pg_temp.error_of($$UPDATE outings SET programme_min_escorts = 4 WHERE id = 1$$);
SET client_min_messages = debug1;
UPDATE outings SET name = 'Museu de la Música de Barcelona' WHERE id = 1;
RESET client_min_messages;
COMMIT;
SELECT name, (SELECT count(*) FROM outing_pupils WHERE outing_id = 1) AS pupils FROM outings WHERE id = 1;

-- a judgement made inside a savepoint that is rolled back does not count:
-- the outing is judged again at COMMIT, as it is then
BEGIN;
SELECT pg_temp.new_outing(5, 'Teatre de titelles', '2019-04-11');
SELECT pg_temp.add_pupils(5, 1, 12);
SAVEPOINT escorts;
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 5, 1), (1, 5, 2);
SET client_min_messages = debug1;
SET CONSTRAINTS ALL IMMEDIATE;
RESET client_min_messages;
ROLLBACK TO SAVEPOINT escorts;
SET client_min_messages = debug1;
COMMIT;
RESET client_min_messages;
SELECT count(*) AS outing_5_kept FROM outings WHERE id = 5;

-- a row moved from one outing to another: both outings are judged...
BEGIN;
UPDATE outing_pupils SET outing_id = 2 WHERE outing_id = 1 AND pupil = 'Alumne 4.16';
UPDATE outing_groups SET pupils = pupils + CASE outing_id WHEN 1 THEN -1 ELSE 1 END
WHERE group_id = 4 AND outing_id IN (1, 2);
SET client_min_messages = debug1;
SELECT code FROM pg_temp.at_commit('SELECT 1');
RESET client_min_messages;
ROLLBACK;
-- ...and the one it left is judged without it
BEGIN;
UPDATE outing_pupils SET outing_id = 2 WHERE outing_id = 1 AND pupil = 'Alumne 4.16';
SELECT code, constraint_name, message, detail FROM pg_temp.at_commit('SELECT 1');
ROLLBACK;

-- what the outing is judged by, changed elsewhere: a group's level (here),
-- a centre's ownership and an authorisation withdrawn (outing_ratio.sql).
-- 5è B goes on outings 1 and 6; as a 4t group its pupils need one escort
-- per 15, not per 20
BEGIN;
SELECT pg_temp.new_outing(6, 'CosmoCaixa', '2019-05-14');
SELECT pg_temp.add_pupils(6, 4, 31);
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 6, 3), (1, 6, 4);
COMMIT;
SELECT code, constraint_name, message, detail FROM pg_temp.at_commit($$UPDATE class_groups SET level = 4, name = '4t B' WHERE id = 4$$);
SELECT code FROM pg_temp.at_commit($$UPDATE class_groups SET name = '5è Blau' WHERE id = 4$$);

-- deleting: an escort less is judged; a whole outing goes with its rows
SELECT code, constraint_name, message FROM pg_temp.at_commit($$DELETE FROM outing_escorts WHERE outing_id = 6 AND teacher_id = 4$$);
SELECT code FROM pg_temp.at_commit($$DELETE FROM outings WHERE id = 6$$);

-- TRUNCATE fires no row trigger: every outing of the model is judged at once
SELECT code, constraint_name, message FROM pg_temp.error_of($$TRUNCATE outing_escorts$$);
SELECT code FROM pg_temp.outcome_of($$TRUNCATE outings CASCADE$$);
SELECT count(*) AS outings_left FROM outings;

-- the judgement sees every row, whatever the writer may see: a clerk who
-- may only add pupils, with row security hiding the others from her
CREATE ROLE regress_outing_clerk;
GRANT USAGE ON SCHEMA outing_c TO regress_outing_clerk;
GRANT SELECT, INSERT ON outing_pupils TO regress_outing_clerk;
GRANT SELECT, UPDATE ON outing_groups TO regress_outing_clerk;
ALTER TABLE outing_pupils ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_pupils ON outing_pupils TO regress_outing_clerk USING (pupil LIKE 'Nou %');
BEGIN;
SET LOCAL ROLE regress_outing_clerk;
SELECT count(*) AS pupils_the_clerk_sees FROM outing_c.outing_pupils WHERE outing_id = 1;
INSERT INTO outing_c.outing_pupils (centre_id, outing_id, group_id, pupil, family_authorisation)
VALUES (1, 1, 4, 'Nou alumne', 'yearly');
UPDATE outing_c.outing_groups SET pupils = pupils + 1 WHERE outing_id = 1 AND group_id = 4;
COMMIT;
-- the report reads with the caller's rights
SET ROLE regress_outing_clerk;
SELECT code, message FROM pg_temp.error_of($$SELECT * FROM schooltime.outing_violations('outing_c')$$);
RESET ROLE;
DROP POLICY own_pupils ON outing_pupils;
ALTER TABLE outing_pupils DISABLE ROW LEVEL SECURITY;
REVOKE ALL ON outing_pupils, outing_groups FROM regress_outing_clerk;
REVOKE ALL ON SCHEMA outing_c FROM regress_outing_clerk;
DROP ROLE regress_outing_clerk;

-- the report: every violation of every outing, inside a transaction too
-- (it reads what the caller sees), with the authorisations beside them
BEGIN;
SELECT pg_temp.new_outing(7, 'Excursió a Montserrat', '2019-05-20', '2019-05-21');
UPDATE outings SET in_annual_programme = false, director_authorised_on = NULL, changes_centre_spaces = true WHERE id = 7;
SELECT pg_temp.add_pupils(7, 3, 20, 'yearly');
SELECT pg_temp.add_pupils(7, 1, 5, 'none');
UPDATE outing_groups SET pupils = 30 WHERE outing_id = 7 AND group_id = 3;
INSERT INTO outing_escorts (centre_id, outing_id, name) VALUES (1, 7, 'Monitor');
\x on
SELECT * FROM outing_violations('outing_c', 7);
\x off
SELECT rule, count(*) FROM outing_violations('outing_c') GROUP BY rule ORDER BY rule;
SELECT count(*) AS for_an_unknown_outing FROM outing_violations('outing_c', 999);
ROLLBACK;
SELECT code, message, hint FROM pg_temp.error_of($$SELECT * FROM outing_violations(NULL)$$);
SELECT code, message FROM pg_temp.error_of($$SELECT * FROM outing_violations('no_such_schema')$$);
SELECT code, message, hint FROM pg_temp.error_of($$SELECT * FROM outing_violations('pg_catalog')$$);

-- severity is data: a department that makes outing_ratio a warning lets such
-- outings be written; the report still lists them, as warnings.  (Each
-- catalogue change here is rolled back; constraints are made immediate so
-- that the judgement happens inside the transaction.)
BEGIN;
UPDATE rules SET severity = 'warning' WHERE code = 'outing_ratio';
SELECT pg_temp.new_outing(8, 'Port de Barcelona', '2019-06-03');
SELECT pg_temp.add_pupils(8, 3, 41);
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 8, 1), (1, 8, 2);
SET CONSTRAINTS ALL IMMEDIATE;
SELECT rule, severity, subject_id, message FROM outing_violations('outing_c');
UPDATE rules SET severity = 'error' WHERE code = 'outing_ratio';
SELECT rule, severity, subject_id FROM outing_violations('outing_c');
-- a written outing is judged again when it is next written
SELECT code, constraint_name FROM pg_temp.error_of($$UPDATE outings SET name = 'Port Vell' WHERE id = 8$$);
ROLLBACK;

-- the catalogue is read at each judgement: a department's new ratio applies
-- to the next write, and the report measures every outing against it
BEGIN;
UPDATE escort_ratios SET pupils_per_escort = 21 WHERE school_year = '2018-2019' AND stage = 'primaria_5_6' AND NOT multi_day;
SELECT pg_temp.new_outing(8, 'Port de Barcelona', '2019-06-03');
SELECT pg_temp.add_pupils(8, 3, 41);
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 8, 1), (1, 8, 2);
SET CONSTRAINTS ALL IMMEDIATE;
SELECT count(*) AS violations_at_21_per_escort FROM outing_violations('outing_c');
UPDATE escort_ratios SET pupils_per_escort = 20 WHERE school_year = '2018-2019' AND stage = 'primaria_5_6' AND NOT multi_day;
SELECT rule, subject_id, measured, limit_value FROM outing_violations('outing_c');
SELECT code, constraint_name FROM pg_temp.error_of($$UPDATE outings SET name = 'Port Vell' WHERE id = 8$$);
ROLLBACK;
-- a school year with no outing figures is refused, not guessed
SELECT code, message, hint FROM pg_temp.at_commit($$INSERT INTO outings (centre_id, id, school_year, name, starts_on, ends_on)
                                                    VALUES (1, 9, '2030-2031', 'Futur', '2030-10-01', '2030-10-01')$$);

SET client_min_messages = warning;
DROP SCHEMA outing_c CASCADE;
RESET client_min_messages;
