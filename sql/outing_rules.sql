-- outing_programmed (6.1), outing_communicated (6.2), outing_authorisation
-- (6.3) and outing_abroad (6.6), judged at commit, on both sides of every
-- boundary.  Each case is judged as COMMIT would judge it and then undone.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('outing_x');
SET search_path = outing_x, schooltime, public;
\i sql/include/outing_setup.sql

-- outing 1: one day, 20 pupils of 5è A with yearly authorisations, the
-- families told on 2019-02-20, authorised by the director on 2019-02-10
BEGIN;
SELECT pg_temp.new_outing(1, 'Museu Marítim', '2019-03-12');
SELECT pg_temp.add_pupils(1, 3, 20);
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 1, 1), (1, 1, 2);
COMMIT;
-- outing 2: two nights away, 20 pupils of 5è A with specific authorisations
BEGIN;
SELECT pg_temp.new_outing(2, 'Colònies a l''Espluga', '2019-05-06', '2019-05-08');
SELECT pg_temp.add_pupils(2, 3, 20, 'specific');
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 2, 3), (1, 2, 4);
COMMIT;
-- outing 3: a trip abroad, 8 minors and 2 adults of 1r Batxillerat, every
-- minor with a police-stamped authorisation issued on 2019-01-15
BEGIN;
SELECT pg_temp.new_outing(3, 'Viatge a Roma', '2019-04-10', '2019-04-15');
UPDATE outings SET abroad = true WHERE id = 3;
SELECT pg_temp.add_pupils(3, 6, 8, 'specific');
SELECT pg_temp.add_pupils(3, 6, 2, 'none', is_minor => false);
UPDATE outing_pupils SET travel_documents = true WHERE outing_id = 3;
UPDATE outing_pupils SET police_authorisation_issued_on = '2019-01-15' WHERE outing_id = 3 AND minor;
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 3, 1), (1, 3, 2);
COMMIT;
SELECT id, name, starts_on, ends_on, multi_day, abroad, in_annual_programme, director_authorised_on, families_informed_on
FROM outings ORDER BY id;

CREATE TEMPORARY TABLE cases (n serial, name text, statement text);
INSERT INTO cases (name, statement) VALUES
    -- 6.1: in the annual programme or valued by the school council, and authorised by the director
    ('neither in the annual programme nor valued by the school council', $$UPDATE outings SET in_annual_programme = false WHERE id = 1$$),
    ('valued by the school council instead', $$UPDATE outings SET in_annual_programme = false, valued_by_school_council = true WHERE id = 1$$),
    ('not authorised by the director', $$UPDATE outings SET director_authorised_on = NULL WHERE id = 1$$),
    ('authorised by the director on its first day', $$UPDATE outings SET director_authorised_on = starts_on WHERE id = 1$$),
    ('authorised by the director the day after it started', $$UPDATE outings SET director_authorised_on = starts_on + 1 WHERE id = 1$$),
    -- 6.2: an activity that changes the usual spaces of the whole centre is communicated beforehand
    ('the usual spaces kept: nothing to communicate', $$UPDATE outings SET communicated_on = NULL WHERE id = 1$$),
    ('the whole centre''s spaces change, not communicated', $$UPDATE outings SET changes_centre_spaces = true WHERE id = 1$$),
    ('communicated on its first day', $$UPDATE outings SET changes_centre_spaces = true, communicated_on = starts_on WHERE id = 1$$),
    ('communicated the day after it started', $$UPDATE outings SET changes_centre_spaces = true, communicated_on = starts_on + 1 WHERE id = 1$$),
    -- 6.3: every minor has the family's written authorisation
    ('one day, a minor without authorisation', $$UPDATE outing_pupils SET family_authorisation = 'none' WHERE pupil = 'Alumne 3.07' AND outing_id = 1$$),
    ('one day, an adult without authorisation', $$UPDATE outing_pupils SET family_authorisation = 'none', minor = false WHERE pupil = 'Alumne 3.07' AND outing_id = 1$$),
    ('one day, seven minors without authorisation', $$UPDATE outing_pupils SET family_authorisation = 'none' WHERE outing_id = 1 AND pupil BETWEEN 'Alumne 3.10' AND 'Alumne 3.16'$$),
    ('one day, yearly authorisations, the families told on its first day', $$UPDATE outings SET families_informed_on = starts_on WHERE id = 1$$),
    ('one day, yearly authorisations, the families told the day after', $$UPDATE outings SET families_informed_on = starts_on + 1 WHERE id = 1$$),
    ('one day, yearly authorisations, the families never told', $$UPDATE outings SET families_informed_on = NULL WHERE id = 1$$),
    ('one day, specific authorisations, the families never told', $$UPDATE outings SET families_informed_on = NULL WHERE id = 1;
                                                                     UPDATE outing_pupils SET family_authorisation = 'specific' WHERE outing_id = 1$$),
    ('two nights away, minors with a yearly authorisation or none',
     $$UPDATE outing_pupils SET family_authorisation = 'yearly' WHERE outing_id = 2 AND pupil IN ('Alumne 3.03', 'Alumne 3.04');
       UPDATE outing_pupils SET family_authorisation = 'none' WHERE outing_id = 2 AND pupil = 'Alumne 3.05'$$),
    ('two nights away, an adult without authorisation', $$UPDATE outing_pupils SET family_authorisation = 'none', minor = false WHERE outing_id = 2 AND pupil = 'Alumne 3.05'$$),
    ('the outing becomes two nights away with yearly authorisations', $$UPDATE outings SET ends_on = starts_on + 2 WHERE id = 1$$),
    ('a pupil who goes is not listed', $$UPDATE outing_groups SET pupils = 21 WHERE outing_id = 1$$),
    ('41 pupils go, 20 are listed', $$UPDATE outing_groups SET pupils = 41 WHERE outing_id = 1$$),
    -- 6.6: abroad, travel documents for every pupil, a police-stamped authorisation covering the trip for every minor
    ('abroad, the whole trip covered', $$UPDATE outings SET name = 'Viatge a Roma i Florència' WHERE id = 3$$),
    ('abroad, an adult without travel documents', $$UPDATE outing_pupils SET travel_documents = false WHERE outing_id = 3 AND NOT minor AND pupil = 'Alumne 6.09'$$),
    ('abroad, a minor without a police-stamped authorisation',
     $$UPDATE outing_pupils SET police_authorisation_issued_on = NULL WHERE outing_id = 3 AND pupil = 'Alumne 6.01'$$),
    ('abroad, an adult needs no police-stamped authorisation', $$UPDATE outing_pupils SET police_authorisation_issued_on = NULL WHERE outing_id = 3 AND NOT minor$$),
    ('abroad, an authorisation issued the day before that expires the day before the return',
     $$UPDATE outing_pupils SET police_authorisation_issued_on = '2019-01-14' WHERE outing_id = 3 AND pupil = 'Alumne 6.02'$$),
    ('abroad, an authorisation issued on the day of departure', $$UPDATE outing_pupils SET police_authorisation_issued_on = '2019-04-10' WHERE outing_id = 3 AND minor$$),
    ('abroad, an authorisation issued after departure', $$UPDATE outing_pupils SET police_authorisation_issued_on = '2019-04-11' WHERE outing_id = 3 AND pupil = 'Alumne 6.03'$$),
    ('abroad, the trip extended by a day', $$UPDATE outings SET ends_on = '2019-04-16' WHERE id = 3$$),
    ('the same trip within the State: no documents needed', $$UPDATE outings SET abroad = false WHERE id = 3;
                                                              UPDATE outing_pupils SET travel_documents = false, police_authorisation_issued_on = NULL WHERE outing_id = 3$$);
CREATE TEMPORARY TABLE outcomes AS
SELECT c.n, c.name, o.* FROM cases AS c, LATERAL pg_temp.at_commit(c.statement) AS o;

-- accepted
SELECT n, name FROM outcomes WHERE code = 'ok' ORDER BY n;
-- refused as COMMIT refuses them
\x on
SELECT n, name, code, constraint_name, table_name, message, detail, hint FROM outcomes WHERE code <> 'ok' ORDER BY n;
\x off
-- nothing was kept
SELECT id, name, ends_on, abroad, changes_centre_spaces, communicated_on, families_informed_on FROM outings ORDER BY id;
SELECT family_authorisation, minor, count(*) FROM outing_pupils GROUP BY 1, 2 ORDER BY 1, 2;

-- "three months from the date of issue" is read as calendar months, to the
-- same day of the month (or the month's last day): an authorisation issued
-- on 2018-11-30 is valid until 2019-02-28
BEGIN;
SELECT pg_temp.new_outing(4, 'Intercanvi a Lió', '2019-02-25', '2019-02-28');
UPDATE outings SET abroad = true WHERE id = 4;
SELECT pg_temp.add_pupils(4, 6, 1, 'specific');
UPDATE outing_pupils SET travel_documents = true, police_authorisation_issued_on = '2018-11-30' WHERE outing_id = 4;
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 4, 3), (1, 4, 4);
COMMIT;
SELECT code, message, detail FROM pg_temp.at_commit($$UPDATE outings SET ends_on = '2019-03-01' WHERE id = 4$$);

SET client_min_messages = warning;
DROP SCHEMA outing_x CASCADE;
RESET client_min_messages;
