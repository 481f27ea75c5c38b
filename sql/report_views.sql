-- The compliance views every model gets: per centre, per centre and rule,
-- per rule across the region, per territory and rule; authorised
-- exceptions counted apart.  Each is schooltime.check() summed up.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('cv');
SELECT c.relname, obj_description(c.oid, 'pg_class') IS NOT NULL AS commented
FROM pg_class AS c WHERE c.relnamespace = 'cv'::regnamespace AND c.relkind = 'v' ORDER BY 1;

INSERT INTO cv.centres (id, code, name, territory, municipality) VALUES
    (1, '08000001', 'Institut Mediterrània', 'Barcelona', 'Barcelona'),
    (2, '17000002', 'Institut Ter', 'Girona', 'Girona'),
    (3, '17000003', 'Escola Nova', 'Girona', 'Olot');
INSERT INTO cv.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28), (1, 2, '1r ESO B', '2018-2019', 'eso', 1, 28),
    (2, 3, '2n ESO A', '2018-2019', 'eso', 2, 28);
INSERT INTO cv.teachers (id, name, centre_id) VALUES (1, 'Marta Puig', 1), (2, 'Jordi Vila', 2);
SET schooltime.enforce = off;
INSERT INTO cv.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
SELECT 1, 1, '2018-2019', 'eso', slot(s), 'Matemàtiques', 1 FROM unnest(ARRAY['Mon 08:00-09:00', 'Mon 09:00-10:00', 'Mon 10:00-11:01']) AS s;
RESET schooltime.enforce;
INSERT INTO cv.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id) VALUES
    (2, 3, '2018-2019', 'eso', slot('Tue 08:00-09:00'), 'Tecnologia', 2);
INSERT INTO cv.authorisations (centre_id, school_year, rule, authorised_by, authorised_on, reason)
VALUES (1, '2018-2019', 'free_afternoons', 'Serveis Territorials a Barcelona', '2018-07-02', 'Organització horària singular');
INSERT INTO cv.optional_subject_groups (centre_id, school_year, regime, level, subject, pupils) VALUES
    (2, '2018-2019', 'eso', 1, 'Robòtica', 21), (2, '2018-2019', 'eso', 1, 'Teatre', 21);

SELECT rule, severity, centre_id, subject, subject_id, authorisation_id IS NOT NULL AS authorised
FROM schooltime.check('cv') ORDER BY centre_id, rule, subject, subject_id, slot;

-- the views are of the current school year: "today" in 2018-2019
SET schooltime.today = '2019-01-15';
SELECT * FROM cv.compliance_by_centre ORDER BY centre_id;
SELECT * FROM cv.compliance_by_centre_rule ORDER BY centre_id, rule;
SELECT * FROM cv.compliance_by_rule ORDER BY rule;
SELECT * FROM cv.compliance_by_territory_rule ORDER BY territory, rule;

-- the views add up to check()
SELECT (SELECT sum(violations) FROM cv.compliance_by_rule) AS by_rule,
       (SELECT sum(violations) FROM cv.compliance_by_centre) AS by_centre,
       (SELECT sum(violations) FROM cv.compliance_by_territory_rule) AS by_territory,
       (SELECT count(*) FROM schooltime.check('cv') WHERE authorisation_id IS NULL) AS unauthorised,
       (SELECT sum(authorised) FROM cv.compliance_by_rule) AS authorised,
       (SELECT count(*) FROM schooltime.check('cv') WHERE authorisation_id IS NOT NULL) AS check_authorised;

-- another year kept in the model: check() reads every year, check() of a
-- year that year's rows alone, and the views the current year's
INSERT INTO cv.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 11, '1r ESO A', '2019-2020', 'eso', 1, 28);
SET schooltime.enforce = off;
INSERT INTO cv.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
SELECT 1, 11, '2019-2020', 'eso', slot(s), 'Música', 1 FROM unnest(ARRAY['Wed 08:00-09:00', 'Wed 09:00-10:00', 'Wed 10:00-11:01']) AS s;
RESET schooltime.enforce;
SELECT y.school_year, v.rule, v.centre_id, v.subject, v.subject_id, v.measured, v.limit_value
FROM (VALUES ('2018-2019'), ('2019-2020'), ('2020-2021')) AS y (school_year)
CROSS JOIN LATERAL schooltime.check('cv', school_year => y.school_year) AS v
WHERE v.rule IN ('continuous', 'weekly_hours', 'teacher_days')
ORDER BY 1, 2, 3, 4, 5;
-- every violation is of one year: the years' reports add up to the whole
SELECT (SELECT count(*) FROM schooltime.check('cv')) AS every_year,
       (SELECT count(*) FROM schooltime.check('cv', '2018-2019')) + (SELECT count(*) FROM schooltime.check('cv', '2019-2020')) AS two_years,
       (SELECT count(*) FROM schooltime.check('cv', school_year => NULL)) AS null_year,
       (SELECT count(*) FROM schooltime.check('cv', school_year => '2018-2019', centre_id => 1)) AS centre_1_in_2018,
       (SELECT count(*) FROM schooltime.check('cv', '2019-2020', 1, 11)) AS group_11;
SELECT sum(violations) AS violations_2018 FROM cv.compliance_by_centre;
SET schooltime.today = '2019-10-01';
SELECT centre_id, groups, violations, by_rule FROM cv.compliance_by_centre ORDER BY centre_id;
RESET schooltime.today;
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.check('cv', school_year => '2019-20')$$);

-- a model brought up to date gets them too, owned by the model's owner
CREATE ROLE report_owner;
CREATE SCHEMA cv_old AUTHORIZATION report_owner;
SET ROLE report_owner;
SELECT model_part_core('cv_old');
RESET ROLE;
SET client_min_messages = warning;
SELECT upgrade_model('cv_old');
RESET client_min_messages;
SELECT c.relname, pg_get_userbyid(c.relowner) AS owner
FROM pg_class AS c WHERE c.relnamespace = 'cv_old'::regnamespace AND c.relkind = 'v' ORDER BY 1;
SET ROLE report_owner;
SELECT count(*) AS rules FROM cv_old.compliance_by_rule;
RESET ROLE;

SET client_min_messages = warning;
DROP SCHEMA cv CASCADE;
DROP SCHEMA cv_old CASCADE;
DROP ROLE report_owner;
RESET client_min_messages;
