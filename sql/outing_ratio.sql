-- outing_ratio (6.5.1) and outing_escorts (6.5), judged at commit: both
-- sides of every boundary, one day against more than one, a mix of stages,
-- public against subsidised centres, the centre's adapted ratios for pupils
-- with special needs, and the director's exception with and without what
-- it needs.  Each case is judged as COMMIT would judge it and then undone.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('outing_r');
SET search_path = outing_r, schooltime, public;
\i sql/include/outing_setup.sql

-- outing 1: 20 pupils of 5è A and two teachers, one day
BEGIN;
SELECT pg_temp.new_outing(1, 'Museu de la Ciència', '2019-03-12');
SELECT pg_temp.add_pupils(1, 3, 20);
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 1, 1), (1, 1, 2);
COMMIT;
-- outing 2: colònies, two nights away, 36 pupils of 5è with specific authorisations
BEGIN;
SELECT pg_temp.new_outing(2, 'Colònies a Prades', '2019-05-06', '2019-05-08');
SELECT pg_temp.add_pupils(2, 3, 18, 'specific');
SELECT pg_temp.add_pupils(2, 4, 18, 'specific');
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 2, 3), (1, 2, 4);
COMMIT;
-- outing 3: a mix of stages, 25 of P4 and 22 of 1r with four escorts
BEGIN;
SELECT pg_temp.new_outing(3, 'Granja escola', '2019-04-02');
SELECT pg_temp.add_pupils(3, 1, 25);
SELECT pg_temp.add_pupils(3, 2, 22);
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 3, 1), (1, 3, 2), (1, 3, 3);
INSERT INTO outing_escorts (centre_id, outing_id, name) VALUES (1, 3, 'Monitora de la granja');
COMMIT;
-- outing 4: a subsidised centre, 41 pupils of 5è with two teachers
BEGIN;
SELECT pg_temp.new_outing(4, 'Teatre Lliure', '2019-02-14', centre => 2);
SELECT pg_temp.add_pupils(4, 7, 41, centre => 2);
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (2, 4, 5), (2, 4, 6);
COMMIT;
SELECT o.id, o.name, o.multi_day, (SELECT sum(pupils) FROM outing_groups AS g WHERE g.outing_id = o.id) AS pupils,
       (SELECT count(*) FROM outing_escorts AS e WHERE e.outing_id = o.id) AS escorts
FROM outings AS o ORDER BY o.id;

CREATE TEMPORARY TABLE cases (n serial, name text, statement text);
INSERT INTO cases (name, statement) VALUES
    -- one day, 5è: 20 pupils per escort
    ('40 pupils of 5è with two escorts', $$SELECT pg_temp.add_pupils(1, 4, 20)$$),
    ('41 pupils of 5è with two escorts', $$SELECT pg_temp.add_pupils(1, 4, 21)$$),
    ('41 pupils of 5è with three escorts, one not a teacher',
     $$SELECT pg_temp.add_pupils(1, 4, 21); INSERT INTO outing_escorts (centre_id, outing_id, name) VALUES (1, 1, 'Pare de l''Ona')$$),
    ('60 pupils of 5è with three escorts',
     $$SELECT pg_temp.add_pupils(1, 4, 40); INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 1, 3)$$),
    ('61 pupils of 5è with three escorts',
     $$SELECT pg_temp.add_pupils(1, 4, 41); INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 1, 3)$$),
    ('the ratio counts the pupils listed when outing_groups says fewer',
     $$SELECT pg_temp.add_pupils(1, 4, 21); UPDATE outing_groups SET pupils = 0 WHERE outing_id = 1 AND group_id = 4$$),
    -- more than one day, 5è: 18 pupils per escort
    ('two nights away with 36 pupils of 5è and two escorts', $$UPDATE outings SET name = 'Colònies al Montseny' WHERE id = 2$$),
    ('two nights away with 37 pupils of 5è and two escorts', $$SELECT pg_temp.add_pupils(2, 4, 1, 'specific')$$),
    ('the same 37 pupils back the same day', $$SELECT pg_temp.add_pupils(2, 4, 1, 'specific'); UPDATE outings SET ends_on = starts_on WHERE id = 2$$),
    ('one night away is more than one day', $$SELECT pg_temp.add_pupils(2, 4, 1, 'specific'); UPDATE outings SET ends_on = starts_on + 1 WHERE id = 2$$),
    -- a mix of stages: 25/10 + 22/15 = 3.97, so four escorts
    ('25 of P4 and 22 of 1r with four escorts', $$UPDATE outings SET name = 'Granja escola de Sant Cugat' WHERE id = 3$$),
    ('25 of P4 and 22 of 1r with three escorts', $$DELETE FROM outing_escorts WHERE outing_id = 3 AND name IS NOT NULL$$),
    ('25 of P4 and 30 of 1r with four escorts', $$SELECT pg_temp.add_pupils(3, 2, 8)$$),
    ('25 of P4 and 31 of 1r with four escorts', $$SELECT pg_temp.add_pupils(3, 2, 9)$$),
    ('a mix of three stages',
     $$SELECT pg_temp.add_pupils(3, 3, 1); DELETE FROM outing_escorts WHERE outing_id = 3 AND teacher_id = 3$$),
    -- the ratio binds public centres only; two escorts with a teacher bind every centre
    ('a subsidised centre: 61 pupils with two escorts', $$SELECT pg_temp.add_pupils(4, 7, 20, centre => 2)$$),
    ('a subsidised centre: one escort', $$DELETE FROM outing_escorts WHERE outing_id = 4 AND teacher_id = 6$$),
    ('the subsidised centre becomes public', $$UPDATE centres SET ownership = 'public' WHERE id = 2$$),
    -- outing_escorts: at least two, at least one a teacher
    ('one escort', $$DELETE FROM outing_escorts WHERE outing_id = 1 AND teacher_id = 2$$),
    ('two escorts, one a teacher', $$DELETE FROM outing_escorts WHERE outing_id = 1 AND teacher_id = 2;
                                    INSERT INTO outing_escorts (centre_id, outing_id, name) VALUES (1, 1, 'Vetlladora')$$),
    ('two escorts, no teacher', $$DELETE FROM outing_escorts WHERE outing_id = 1;
                                 INSERT INTO outing_escorts (centre_id, outing_id, name) VALUES (1, 1, 'Vetlladora'), (1, 1, 'Monitor')$$),
    ('no escort at all', $$DELETE FROM outing_escorts WHERE outing_id = 1$$),
    ('the annual programme asks for three escorts, it has two', $$UPDATE outings SET programme_min_escorts = 3 WHERE id = 1$$),
    ('the annual programme asks for three escorts, it has three',
     $$UPDATE outings SET programme_min_escorts = 3 WHERE id = 1; INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 1, 4)$$),
    ('the annual programme cannot lower the minimum', $$UPDATE outings SET programme_min_escorts = 1 WHERE id = 1;
                                                        DELETE FROM outing_escorts WHERE outing_id = 1 AND teacher_id = 2$$);
CREATE TEMPORARY TABLE outcomes AS
SELECT c.n, c.name, o.* FROM cases AS c, LATERAL pg_temp.at_commit(c.statement) AS o;

-- accepted
SELECT n, name FROM outcomes WHERE code = 'ok' ORDER BY n;
-- refused as COMMIT refuses them: the rule, the outing, the pupils per
-- stage, the escorts present and required, the section, and a hint
\x on
SELECT n, name, code, constraint_name, table_name, message, detail, hint FROM outcomes WHERE code <> 'ok' ORDER BY n;
\x off
-- nothing was kept: the four outings still have their 144 pupils and 10 escorts
SELECT (SELECT count(*) FROM outing_pupils) AS pupils, (SELECT count(*) FROM outing_escorts) AS escorts,
       (SELECT ownership FROM centres WHERE id = 2) AS centre_2;

-- adapted ratios for pupils with special needs: the centre's NOFC sets 5
-- pupils per escort for 5è-6è on one-day outings.  They apply to the pupils
-- with special needs only, and only where stricter than the catalogue's.
INSERT INTO adapted_escort_ratios (centre_id, school_year, stage, multi_day, pupils_per_escort, nofc_reference)
VALUES (1, '2018-2019', 'primaria_5_6', false, 5, 'NOFC, article 42'),
       (1, '2018-2019', 'eso', false, 40, 'NOFC, article 43');
-- outing 5: 40 pupils of 1r ESO, 5 of them with special needs, two escorts
BEGIN;
SELECT pg_temp.new_outing(5, 'Platja de la Barceloneta', '2019-06-10');
SELECT pg_temp.add_pupils(5, 5, 35);
SELECT pg_temp.add_pupils(5, 5, 5, needs => true);
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 5, 1), (1, 5, 2);
COMMIT;
TRUNCATE cases;
INSERT INTO cases (name, statement) VALUES
    ('20 of 5è, 3 with special needs: 17/20 + 3/5 = 1.45',
     $$UPDATE outing_pupils SET special_needs = true WHERE outing_id = 1 AND pupil IN ('Alumne 3.01', 'Alumne 3.02', 'Alumne 3.03')$$),
    ('38 of 5è, none with special needs: 38/20 = 1.9', $$SELECT pg_temp.add_pupils(1, 4, 18)$$),
    ('38 of 5è, 3 with special needs: 35/20 + 3/5 = 2.35',
     $$SELECT pg_temp.add_pupils(1, 4, 18); UPDATE outing_pupils SET special_needs = true WHERE outing_id = 1 AND pupil IN ('Alumne 3.01', 'Alumne 3.02', 'Alumne 3.03')$$),
    ('a looser adapted ratio never lowers the need: 41 of ESO, 5 with special needs', $$SELECT pg_temp.add_pupils(5, 5, 1)$$),
    ('adapted ratios are the centre''s: the subsidised centre''s outing is not affected',
     $$INSERT INTO adapted_escort_ratios (centre_id, school_year, stage, multi_day, pupils_per_escort, nofc_reference)
       VALUES (2, '2018-2019', 'primaria_5_6', false, 1, 'NOFC'); UPDATE outing_pupils SET special_needs = true WHERE outing_id = 4$$);
TRUNCATE outcomes;
INSERT INTO outcomes SELECT c.n, c.name, o.* FROM cases AS c, LATERAL pg_temp.at_commit(c.statement) AS o;
SELECT n, name FROM outcomes WHERE code = 'ok' ORDER BY n;
\x on
SELECT n, name, code, constraint_name, message, detail FROM outcomes WHERE code <> 'ok' ORDER BY n;
\x off

-- the director's exception (6.5.1) is an authorisation of rule outing_ratio
-- naming the outing, with a reason and the school council heard
TRUNCATE cases;
INSERT INTO cases (name, statement) VALUES
    ('41 pupils, two escorts, the director''s exception',
     $$SELECT pg_temp.add_pupils(1, 4, 21);
       INSERT INTO authorisations (centre_id, school_year, rule, outing_id, authorised_by, authorised_on, reason, school_council_heard)
       VALUES (1, '2018-2019', 'outing_ratio', 1, 'Directora, Marta Pons', '2019-02-20',
               'Museum guides accompany every group of ten', true)$$),
    ('the exception without the school council heard',
     $$SELECT pg_temp.add_pupils(1, 4, 21);
       INSERT INTO authorisations (centre_id, school_year, rule, outing_id, authorised_by, authorised_on, reason, school_council_heard)
       VALUES (1, '2018-2019', 'outing_ratio', 1, 'Directora, Marta Pons', '2019-02-20',
               'Museum guides accompany every group of ten', false)$$),
    ('the exception without a reason',
     $$SELECT pg_temp.add_pupils(1, 4, 21);
       INSERT INTO authorisations (centre_id, school_year, rule, outing_id, authorised_by, authorised_on, reason, school_council_heard)
       VALUES (1, '2018-2019', 'outing_ratio', 1, 'Directora, Marta Pons', '2019-02-20', NULL, true)$$),
    ('the exception with a blank reason',
     $$SELECT pg_temp.add_pupils(1, 4, 21);
       INSERT INTO authorisations (centre_id, school_year, rule, outing_id, authorised_by, authorised_on, reason, school_council_heard)
       VALUES (1, '2018-2019', 'outing_ratio', 1, 'Directora, Marta Pons', '2019-02-20', ' ', true)$$),
    ('an exception for another outing',
     $$SELECT pg_temp.add_pupils(1, 4, 21);
       INSERT INTO authorisations (centre_id, school_year, rule, outing_id, authorised_by, authorised_on, reason, school_council_heard)
       VALUES (1, '2018-2019', 'outing_ratio', 3, 'Directora, Marta Pons', '2019-02-20', 'Guides', true)$$),
    ('an exception recorded for another school year',
     $$SELECT pg_temp.add_pupils(1, 4, 21);
       INSERT INTO authorisations (centre_id, school_year, rule, outing_id, authorised_by, authorised_on, reason, school_council_heard)
       VALUES (1, '2020-2021', 'outing_ratio', 1, 'Directora, Marta Pons', '2019-02-20', 'Guides', true)$$),
    ('an exception cannot cover the whole centre',
     $$INSERT INTO authorisations (centre_id, school_year, rule, authorised_by, authorised_on, reason, school_council_heard)
       VALUES (1, '2018-2019', 'outing_ratio', 'Directora, Marta Pons', '2019-02-20', 'Guides', true)$$),
    ('an exception sets the ratio aside, not the two escorts',
     $$SELECT pg_temp.add_pupils(1, 4, 21); DELETE FROM outing_escorts WHERE outing_id = 1 AND teacher_id = 2;
       INSERT INTO authorisations (centre_id, school_year, rule, outing_id, authorised_by, authorised_on, reason, school_council_heard)
       VALUES (1, '2018-2019', 'outing_ratio', 1, 'Directora, Marta Pons', '2019-02-20', 'Guides', true)$$),
    ('no exception to outing_escorts',
     $$INSERT INTO authorisations (centre_id, school_year, rule, outing_id, authorised_by, authorised_on, reason, school_council_heard)
       VALUES (1, '2018-2019', 'outing_escorts', 1, 'Directora, Marta Pons', '2019-02-20', 'Guides', true)$$);
TRUNCATE outcomes;
INSERT INTO outcomes SELECT c.n, c.name, o.* FROM cases AS c, LATERAL pg_temp.at_commit(c.statement) AS o;
SELECT n, name FROM outcomes WHERE code = 'ok' ORDER BY n;
-- (PostgreSQL's own errors show the failing row, with the time it was recorded)
\x on
SELECT n, name, code, constraint_name, table_name, message,
       CASE WHEN detail LIKE 'Failing row contains%' THEN 'Failing row contains ...' ELSE detail END AS detail, hint
FROM outcomes WHERE code <> 'ok' ORDER BY n;
\x off

-- recorded for real, the exception stays beside the violation it sets aside
BEGIN;
SELECT pg_temp.add_pupils(1, 4, 21);
INSERT INTO authorisations (centre_id, id, school_year, rule, outing_id, authorised_by, authorised_on, reason, school_council_heard)
VALUES (1, 100, '2018-2019', 'outing_ratio', 1, 'Directora, Marta Pons', '2019-02-20',
        'Museum guides accompany every group of ten', true);
COMMIT;
SELECT rule, subject_name, measured, limit_value, unit, authorisation_id FROM outing_violations('outing_r');
-- withdrawn, it no longer covers the outing
SELECT code, constraint_name, message FROM pg_temp.at_commit($$DELETE FROM authorisations WHERE id = 100$$);
-- and deleting the outing takes its exception with it
DELETE FROM outings WHERE id = 1;
SELECT count(*) AS authorisations_left FROM authorisations;

SET client_min_messages = warning;
DROP SCHEMA outing_r CASCADE;
RESET client_min_messages;
