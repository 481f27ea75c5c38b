-- Messages in Catalan (issue 17): under lc_messages = 'ca_ES.UTF-8' every
-- family of refusal speaks Catalan, with its exact text: a row rule, the set
-- rules of a group, a teacher and a centre, approval, an authorisation, the
-- calendar, an outing at commit, bad input (a slot, a weektime, a FET file,
-- a COPY of a school's export), a WARNING, and the rows of check() and of
-- a report-only rule.  Then,
-- in the same session, RESET lc_messages brings English back.
--
-- Needs the ca_ES.UTF-8 locale (tools/install-deps generates it) and the
-- installed catalogue <localedir>/ca/LC_MESSAGES/schooltime-15.mo (make
-- install): run with NLS_TEST=1 (doc/messages.md).
SET search_path = schooltime, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql
\pset null '(null)'
SELECT create_model('nls');
INSERT INTO nls.centres (id, code, name, ownership, territory, municipality) VALUES
    (1, '08045678', 'Institut Les Vinyes', 'public', 'Vallès Occidental', 'Sabadell');
INSERT INTO nls.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28),
    (1, 2, '1r ESO B', '2018-2019', 'eso', 1, 27),
    (1, 3, '3r A', '2018-2019', 'primaria', 3, 25);
INSERT INTO nls.teachers (id, name, centre_id, role) VALUES
    (1, 'Marta Puig', 1, 'director'), (2, 'Jordi Vila', 1, 'teacher');
INSERT INTO nls.duties (centre_id, teacher_id, school_year, slot, kind)
VALUES (1, 2, '2018-2019', slot('dl 12:00-13:00'), 'guard');
INSERT INTO nls.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id) VALUES
    (1, 1, '2018-2019', 'eso', 'dl 08:00-09:00', 'Matemàtiques', 1),
    (1, 1, '2018-2019', 'eso', 'dl 09:00-10:00', 'Llengua catalana', 2);

SET lc_messages = 'ca_ES.UTF-8';
\x on

-- a row rule: a session outside the ESO window
SELECT * FROM pg_temp.outcome_of($$INSERT INTO nls.sessions (centre_id, group_id, school_year, regime, slot, subject)
                                  VALUES (1, 1, '2018-2019', 'eso', 'dc 18:00-19:30', 'Tecnologia')$$);
-- set rules: two sessions of a group at once; a teacher in two places; too
-- long without a break
SELECT * FROM pg_temp.outcome_of($$INSERT INTO nls.sessions (centre_id, group_id, school_year, regime, slot, subject)
                                  VALUES (1, 1, '2018-2019', 'eso', 'dl 09:30-10:30', 'Música')$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO nls.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
                                  VALUES (1, 2, '2018-2019', 'eso', 'dl 12:30-13:30', 'Anglès', 2)$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO nls.sessions (centre_id, group_id, school_year, regime, slot, subject)
                                  VALUES (1, 1, '2018-2019', 'eso', 'dl 10:00-11:00', 'Música'),
                                         (1, 1, '2018-2019', 'eso', 'dl 11:00-12:00', 'Història')$$);
-- approval: the group lacks most of its week
SELECT * FROM pg_temp.outcome_of($$UPDATE nls.class_groups SET approval = 'provisional' WHERE id = 1$$);
-- an authorisation the document does not allow
SELECT * FROM pg_temp.outcome_of($$INSERT INTO nls.authorisations (centre_id, school_year, rule, authorised_by, authorised_on, reason)
                                  VALUES (1, '2018-2019', 'daily_max', 'Direcció', '2018-09-01', 'Massa hores')$$);
-- the calendar: a free-disposal day on a Saturday; a third local holiday
SELECT * FROM pg_temp.outcome_of($$INSERT INTO nls.free_days (centre_id, school_year, day) VALUES (1, '2018-2019', '2018-10-06')$$);
INSERT INTO nls.local_holidays (municipality, day, name) VALUES
    ('Sabadell', '2018-09-10', 'Festa major'), ('Sabadell', '2019-05-13', 'Festa local');
SELECT * FROM pg_temp.outcome_of($$INSERT INTO nls.local_holidays (municipality, day, name) VALUES ('Sabadell', '2019-06-10', 'Tercera festa')$$);
-- bad input: a slot, a weektime, a weekday
SELECT * FROM pg_temp.error_of($$SELECT 'dl 25:00-26:00'::schooltime.weekslot$$);
SELECT * FROM pg_temp.error_of($$SELECT 'dl 10:00-09:00'::schooltime.weekslot$$);
SELECT * FROM pg_temp.error_of($$SELECT 'dx 08:00'::schooltime.weektime$$);
SELECT * FROM pg_temp.error_of($$SELECT schooltime.weektime(8, '08:00')$$);
-- a FET file: its reader, free of PostgreSQL, words its errors in Catalan too
SELECT * FROM pg_temp.error_of($$SELECT schooltime.fet_read('<timetable/>')$$);
SELECT * FROM pg_temp.error_of($$SELECT schooltime.fet_read('<fet version="6.8.5"><Days_List><Number_of_Days>6</Number_of_Days>'
                                                            '<Day><Name>Dilluns</Name></Day></Days_List></fet>')$$);
SELECT * FROM pg_temp.error_of($$SELECT schooltime.fet_read('<fet version="6.8.5"><Days_List></fet>')$$);
\x off
-- a COPY of a school's export with a bad slot names the line (PostgreSQL's
-- own CONTEXT stays English: PostgreSQL 15 has no Catalan catalogue)
COPY nls.sessions (centre_id, group_id, school_year, regime, slot, subject) FROM STDIN WITH (FORMAT csv);
1,2,2018-2019,eso,dt 08:00-09:00,Matemàtiques
1,2,2018-2019,eso,dt 9:00-10,Llengua catalana
\.

-- a WARNING: a school year added without its general holidays, which the
-- message names by their Catalan names and dates (the year is taken away
-- again: other tests share the catalogue)
INSERT INTO calendar_years (school_year, course_start, course_end, free_days_max, order_name, source)
VALUES ('2027-2028', '2027-09-01', '2028-08-31', 4, 'l''ordre de calendari del curs 2027-2028', 'Dades de prova');
DELETE FROM calendar_years WHERE school_year = '2027-2028';

-- an outing judged at commit, in a model of its own
SELECT create_model('nls_out');
SET search_path = nls_out, schooltime, public;
\i sql/include/outing_setup.sql
BEGIN;
SELECT pg_temp.new_outing(1, 'Museu Marítim', '2019-03-12');
SELECT pg_temp.add_pupils(1, 3, 20);
INSERT INTO outing_escorts (centre_id, outing_id, teacher_id) VALUES (1, 1, 1), (1, 1, 2);
COMMIT;
\x on
SELECT * FROM pg_temp.at_commit($$UPDATE outing_pupils SET family_authorisation = 'none' WHERE pupil = 'Alumne 3.07' AND outing_id = 1$$);
SELECT * FROM pg_temp.at_commit($$UPDATE outing_groups SET pupils = 45 WHERE outing_id = 1$$);
SELECT * FROM pg_temp.at_commit($$UPDATE outings SET director_authorised_on = '2019-03-13' WHERE id = 1$$);
\x off
SET search_path = schooltime, public;

-- check(): what a week loaded with enforcement off breaks, worded in Catalan
BEGIN;
SET LOCAL schooltime.enforce = off;
INSERT INTO nls.sessions (centre_id, group_id, school_year, regime, slot, subject)
SELECT 1, 3, '2018-2019', 'primaria', weekslot(d, '09:00', '13:00'), 'Classe'
FROM generate_series(1, 5) AS d;
COMMIT;
\x on
SELECT rule, severity, sections, subject_name, weekday, measured, limit_value, unit, message, detail, hint
FROM schooltime.check('nls', 1, 3) ORDER BY rule, weekday NULLS FIRST, message LIMIT 4;
SELECT rule, message, detail, hint FROM schooltime.check('nls_out') ORDER BY rule, message LIMIT 1;
-- a report-only rule: 1r ESO A is taught Tecnologia, none of it split
INSERT INTO nls.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
VALUES (1, 1, '2018-2019', 'eso', 'dt 08:00-09:00', 'Tecnologia', 2);
SELECT rule, sections, message, detail, hint FROM schooltime.report_rule_violations('nls', 1, 1);
-- where a lesson can go instead: a closed place's reasons, its teacher
-- named by name in subject_name as check() names it, not by the label
SELECT r.rule, r.subject, r.subject_name, r.message, r.detail
FROM schooltime.places('nls', 1, ARRAY[2]::bigint[], 60, ARRAY[2]::bigint[], starts => 'grid', with_reasons => true) AS p,
     unnest(p.reasons) AS r
WHERE p.slot = slot('dl 12:00-13:00') AND r.subject = 'teacher';

-- the words the messages use, as SQL functions give them
\x off
SELECT schooltime.date_text('2018-09-12') AS setembre, schooltime.date_text('2019-04-01') AS abril,
       schooltime.calendar_day_text('2019-10-01') AS dia, schooltime.weekday_text(3) AS dimecres,
       schooltime.ordinal_text(6) AS ordinal, schooltime.number_words(20.50) AS decimal;
SELECT schooltime.format_message('schema %s holds no schooltime model', 'horaris') AS format_message,
       schooltime.gettext('a message schooltime does not know') AS unknown,
       schooltime.format_message_plural('%s pupil', '%s pupils', 3, 3) AS unknown_plural;
-- a message takes %s and %<n>$s only: anything else is refused
\x on
SELECT * FROM pg_temp.error_of($$SELECT schooltime.format_message('%d minutes', 3)$$);
\x off

-- English again, in the same session
RESET lc_messages;
\x on
SELECT * FROM pg_temp.outcome_of($$INSERT INTO nls.sessions (centre_id, group_id, school_year, regime, slot, subject)
                                  VALUES (1, 1, '2018-2019', 'eso', 'dc 18:00-19:30', 'Tecnologia')$$);
SELECT * FROM pg_temp.outcome_of($$INSERT INTO nls.free_days (centre_id, school_year, day) VALUES (1, '2018-2019', '2018-10-06')$$);
\x off
SELECT schooltime.date_text('2018-09-12') AS date, schooltime.calendar_day_text('2019-10-01') AS day,
       schooltime.ordinal_text(6) AS ordinal, schooltime.number_words(20.50) AS decimal;
