-- A group's or a teacher's week, readable: as rows for psql, and as SVG and
-- HTML documents, with the sessions involved in each violation of
-- schooltime.check() marked "!n" and every violation listed.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('wg');
INSERT INTO wg.centres (id, code, name, territory, municipality) VALUES
    (1, '08000001', 'Institut Mediterrània', 'Barcelona', 'Barcelona');
INSERT INTO wg.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28), (1, 2, '2n ESO A', '2018-2019', 'eso', 2, 28),
    (1, 3, '3r ESO A', '2018-2019', 'eso', 3, 28);
INSERT INTO wg.teachers (id, name, centre_id) VALUES (1, 'Marta Puig', 1), (2, 'Jordi Vila', 1), (3, 'Núria Soler', 1);

-- 1r ESO A, loaded with enforcement off: a run of 181 minutes on Monday, two
-- sessions that overlap on Tuesday; its teacher Marta Puig is on guard
-- while she teaches on Monday
SET schooltime.enforce = off;
INSERT INTO wg.sessions (centre_id, group_id, school_year, regime, slot, subject, kind, teacher_id, split_half) VALUES
    (1, 1, '2018-2019', 'eso', slot('Mon 08:00-09:00'), 'Matemàtiques', 'lesson', 1, NULL),
    (1, 1, '2018-2019', 'eso', slot('Mon 09:00-10:00'), 'Tecnologia', 'lesson', 1, 1),
    (1, 1, '2018-2019', 'eso', slot('Mon 09:00-10:00'), 'Tecnologia', 'lesson', 2, 2),
    (1, 1, '2018-2019', 'eso', slot('Mon 10:00-11:01'), 'Anglès', 'lesson', 2, NULL),
    (1, 1, '2018-2019', 'eso', slot('Mon 11:01-11:31'), 'Esbarjo', 'recess', NULL, NULL),
    (1, 1, '2018-2019', 'eso', slot('Tue 08:00-09:00'), 'Matemàtiques', 'lesson', 1, NULL),
    (1, 1, '2018-2019', 'eso', slot('Tue 08:30-09:30'), 'Música', 'lesson', NULL, NULL);
INSERT INTO wg.duties (centre_id, teacher_id, school_year, slot, kind, description) VALUES
    (1, 1, '2018-2019', slot('Mon 08:30-09:30'), 'guard', NULL),
    (1, 1, '2018-2019', slot('Tue 15:00-17:00'), 'coordination', 'Departament de Ciències & Tecnologia');
RESET schooltime.enforce;
-- the centre's singular timetable lets 1r ESO A keep its afternoons free
INSERT INTO wg.authorisations (centre_id, school_year, rule, group_id, authorised_by, authorised_on, reason)
VALUES (1, '2018-2019', 'free_afternoons', 1, 'Serveis Territorials a Barcelona', '2018-07-02', 'Organització horària singular');
-- 2n ESO A: a compliant morning, with a subject whose name XML must escape
INSERT INTO wg.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, split_half) VALUES
    (1, 2, '2018-2019', 'eso', slot('Wed 08:00-09:00'), 'Ciències "experimentals" <laboratori> & camp', 3, 1),
    (1, 2, '2018-2019', 'eso', slot('Wed 08:00-09:00'), 'L''anglès', 2, 2),
    (1, 2, '2018-2019', 'eso', slot('Wed 09:00-11:00'), 'Matemàtiques', 3, NULL);

-- what check() finds for them
SELECT rule, severity, subject, subject_id, weekday, slot, measured, limit_value, authorisation_id IS NOT NULL AS authorised
FROM schooltime.check('wg') WHERE subject IN ('group', 'teacher') ORDER BY subject, subject_id, rule, slot;

-- the group's week, in English and in Catalan
SELECT * FROM week_grid('wg', 1, 1);
SELECT * FROM week_grid('wg', 1, 1, 'ca');
SELECT * FROM week_grid('wg', 1, 2, 'CA');
-- a group with no sessions: the header, and what check() says of its empty week
SELECT * FROM week_grid('wg', 1, 3);

-- a teacher's week: sessions with their group, duties, the teacher's violations
SELECT * FROM teacher_week_grid('wg', 1, '2018-2019');
SELECT * FROM teacher_week_grid('wg', 1, '2018-2019', 'ca');
SELECT * FROM teacher_week_grid('wg', 3, '2020-2021');

-- the documents are well-formed XML (libxml2, through PostgreSQL's xml type),
-- and name every violation of the group or teacher by rule and message
SELECT d.what, xml_is_well_formed_document(d.doc) AS well_formed,
       (SELECT count(*) FROM schooltime.check('wg') AS v WHERE v.subject = d.subject AND v.subject_id = d.id) AS violations,
       (SELECT count(*) FROM schooltime.check('wg') AS v
        WHERE v.subject = d.subject AND v.subject_id = d.id
          AND strpos(d.doc, ' ' || v.rule || '</') > 0
          AND strpos(regexp_replace(d.doc, '<[^>]*>', '', 'g'), xml_text(v.message)) > 0) AS named
FROM (VALUES ('svg of 1r ESO A', week_svg('wg', 1, 1), 'group', 1),
             ('svg of 2n ESO A', week_svg('wg', 1, 2, 'ca'), 'group', 2),
             ('html of 1r ESO A', week_html('wg', 1, 1), 'group', 1),
             ('html of 2n ESO A', week_html('wg', 1, 2, 'ca'), 'group', 2),
             ('svg of Marta Puig', teacher_week_svg('wg', 1, '2018-2019'), 'teacher', 1),
             ('html of Marta Puig', teacher_week_html('wg', 1, '2018-2019', 'ca'), 'teacher', 1)) AS d (what, doc, subject, id);
SELECT (xpath('/svg:svg/svg:title/text()', week_svg('wg', 1, 2)::xml, ARRAY[ARRAY['svg', 'http://www.w3.org/2000/svg']]))[1]::text AS svg_title,
       (xpath('//h:td/h:span[@class="lesson"]/text()', week_html('wg', 1, 2)::xml, ARRAY[ARRAY['h', 'http://www.w3.org/1999/xhtml']]))[1]::text AS first_cell,
       (xpath('//h:li[@class="authorised"]//text()', week_html('wg', 1, 1)::xml, ARRAY[ARRAY['h', 'http://www.w3.org/1999/xhtml']]))::text[] AS authorised_item;
SELECT xml_text('<a href="x">L''"&"</a>');

-- bad input
SELECT code, message, hint FROM pg_temp.error_of($$SELECT * FROM week_grid('wg', 1, 1, 'fr')$$);
SELECT code, message, hint FROM pg_temp.error_of($$SELECT * FROM week_grid('wg', 1, 99)$$);
SELECT code, message, hint FROM pg_temp.error_of($$SELECT * FROM week_grid('wg', NULL, 1)$$);
SELECT code, message, hint FROM pg_temp.error_of($$SELECT week_svg('no_such_schema', 1, 1)$$);
SELECT code, message, hint FROM pg_temp.error_of($$SELECT * FROM teacher_week_grid('wg', 99, '2018-2019')$$);
SELECT code, message, hint FROM pg_temp.error_of($$SELECT * FROM teacher_week_grid('wg', 1, NULL)$$);

SET client_min_messages = warning;
DROP SCHEMA wg CASCADE;
RESET client_min_messages;
