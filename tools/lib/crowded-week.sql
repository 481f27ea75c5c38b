-- A crowded week, for looking at the week documents in a browser
-- (tools/tests/browser-documents, tools/screenshots): group 2n ESO A of
-- model "crowded" has a co-taught lesson with three teachers of long names,
-- its language split in three parallel parts, halves, a block of three
-- options, a joint lesson with 2n ESO B, a 15-minute tutorial, a lesson with
-- a long name, two lessons that overlap, a lesson after the window closes
-- and a whole-week authorised violation; errors and warnings on every day.
-- Teacher 8 teaches a half, an option and has duties that clash with them.
-- Loaded with enforcement off, as a department's data loaded before a rule
-- was tightened would be.
CREATE EXTENSION IF NOT EXISTS schooltime;
SELECT schooltime.create_model('crowded');
INSERT INTO crowded.centres (id, code, name, ownership, territory, municipality)
VALUES (1, '08099001', 'Institut Can Puig de la Serra', 'public', 'Vallès Occidental', 'Terrassa');
INSERT INTO crowded.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '2n ESO A', '2018-2019', 'eso', 2, 28), (1, 2, '2n ESO B', '2018-2019', 'eso', 2, 27);
INSERT INTO crowded.teachers (id, code, name, centre_id) VALUES
    (1, 'T01', 'Maria Josep Puigdomènech i Casals', 1), (2, 'T02', 'Jordi Vilaseca Font', 1),
    (3, 'T03', 'Montserrat Rovira-Bellaterra', 1), (4, 'T04', 'Anna Ferrer', 1), (5, 'T05', 'Pierre Dubois', 1),
    (6, 'T06', 'Katharina Müller', 1), (7, 'T07', 'Pau Roca', 1), (8, 'T08', 'Núria Castells i Bosch', 1),
    (9, 'T09', 'Marc Soler', 1), (10, 'T10', 'Laia Vidal', 1), (11, 'T11', 'Clara Pons', 1), (12, 'T12', 'Oriol Mas', 1);
INSERT INTO crowded.group_parts (centre_id, group_id, split, part, pupils) VALUES
    (1, 1, 'idiomes', 'Anglès', 14), (1, 1, 'idiomes', 'Francès', 8), (1, 1, 'idiomes', 'Alemany', 6),
    (1, 1, 'optatives', 'Música', 10), (1, 1, 'optatives', 'Teatre', 9), (1, 1, 'optatives', 'Robòtica', 9);
INSERT INTO crowded.blocks (centre_id, school_year, name, regime) VALUES (1, '2018-2019', 'Optatives 2n ESO', 'eso');
INSERT INTO crowded.lessons (centre_id, id, school_year, slot, block) VALUES
    (1, 1, '2018-2019', schooltime.slot('dl 08:00-09:00'), NULL),
    (1, 2, '2018-2019', schooltime.slot('dl 09:00-10:00'), NULL),
    (1, 3, '2018-2019', schooltime.slot('dl 09:00-10:00'), NULL),
    (1, 4, '2018-2019', schooltime.slot('dl 09:00-10:00'), NULL),
    (1, 5, '2018-2019', schooltime.slot('dt 08:00-09:00'), NULL),
    (1, 6, '2018-2019', schooltime.slot('dc 10:00-11:00'), 'Optatives 2n ESO'),
    (1, 7, '2018-2019', schooltime.slot('dc 10:00-11:00'), 'Optatives 2n ESO'),
    (1, 8, '2018-2019', schooltime.slot('dc 10:00-11:00'), 'Optatives 2n ESO');
SET schooltime.enforce = off;
-- lessons of several rows: co-teaching, parallel parts, a joint lesson, a block
INSERT INTO crowded.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, lesson_id, split, part)
SELECT 1, v.grp, '2018-2019', 'eso', l.slot, v.subject, v.teacher, v.lesson, v.split, v.part
FROM (VALUES (1, 1, 'Matemàtiques', 1, NULL, NULL), (1, 1, 'Matemàtiques', 2, NULL, NULL), (1, 1, 'Matemàtiques', 3, NULL, NULL),
             (1, 2, 'Anglès', 4, 'idiomes', 'Anglès'), (1, 3, 'Francès', 5, 'idiomes', 'Francès'),
             (1, 4, 'Alemany', 6, 'idiomes', 'Alemany'),
             (1, 5, 'Educació física', 10, NULL, NULL), (2, 5, 'Educació física', 10, NULL, NULL),
             (1, 6, 'Música', 11, 'optatives', 'Música'), (1, 7, 'Teatre', 12, 'optatives', 'Teatre'),
             (1, 8, 'Robòtica', 8, 'optatives', 'Robòtica'))
     AS v (grp, lesson, subject, teacher, split, part)
JOIN crowded.lessons AS l ON l.centre_id = 1 AND l.id = v.lesson;
-- sessions of their own: halves, a 15-minute tutorial, an overlap, a
-- lesson after the window, long runs without a break
INSERT INTO crowded.sessions (centre_id, group_id, school_year, regime, slot, subject, kind, teacher_id, split_half)
SELECT 1, 1, '2018-2019', 'eso', schooltime.slot(v.slot), v.subject, v.kind::schooltime.session_kind, v.teacher, v.half
FROM (VALUES ('dl 10:00-11:00', 'Ciències de la naturalesa', 'lesson', 7, NULL),
             ('dl 11:00-12:00', 'Tecnologia', 'lesson', 8, 1), ('dl 11:00-12:00', 'Tecnologia', 'lesson', 9, 2),
             ('dl 12:00-12:30', 'Esbarjo', 'recess', NULL, NULL),
             ('dl 12:30-13:30', 'Llengua catalana i literatura', 'lesson', 2, NULL),
             ('dt 09:00-10:00', 'Música', 'lesson', 11, NULL),
             ('dt 10:00-10:15', 'Tutoria', 'lesson', 7, NULL),
             ('dt 10:15-11:15', 'Ciències socials, geografia i història', 'lesson', 12, NULL),
             ('dt 11:15-11:45', 'Esbarjo', 'recess', NULL, NULL),
             ('dt 11:45-13:45', 'Llengua castellana i literatura', 'lesson', 3, NULL),
             ('dc 08:00-09:00', 'Anglès', 'lesson', 4, NULL),
             ('dc 09:00-10:00', 'Matemàtiques', 'lesson', 1, NULL),
             ('dc 11:00-11:30', 'Esbarjo', 'recess', NULL, NULL),
             ('dc 11:30-13:30', 'Projecte interdisciplinari de recerca i servei comunitari', 'lesson', 9, NULL),
             ('dj 15:00-17:00', 'Educació visual i plàstica', 'lesson', 12, NULL),
             ('dj 08:00-09:00', 'Geografia', 'lesson', 12, NULL),
             ('dj 08:30-09:30', 'Reforç de lectura', 'lesson', 7, NULL),
             ('dj 09:30-10:30', 'Llengua catalana i literatura', 'lesson', 2, NULL),
             ('dj 18:00-19:30', 'Taller de teatre', 'lesson', 12, NULL),
             ('dv 08:00-09:00', 'Matemàtiques', 'lesson', 1, NULL),
             ('dv 09:00-10:00', 'Ciències de la naturalesa', 'lesson', 7, NULL),
             ('dv 10:00-11:00', 'Anglès', 'lesson', 4, NULL),
             ('dv 11:00-12:00', 'Tecnologia', 'lesson', 8, NULL),
             ('dv 12:00-13:00', 'Música', 'lesson', 11, NULL))
     AS v (slot, subject, kind, teacher, half);
-- 2n ESO B: the joint lesson and a little more
INSERT INTO crowded.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
VALUES (1, 2, '2018-2019', 'eso', schooltime.slot('dt 09:00-10:00'), 'Matemàtiques', 2);
-- teacher 8: a guard while teaching half 1, the directive team over an option
INSERT INTO crowded.duties (centre_id, teacher_id, school_year, slot, kind, description) VALUES
    (1, 8, '2018-2019', schooltime.slot('dl 11:30-12:30'), 'guard', 'Pati del darrere'),
    (1, 8, '2018-2019', schooltime.slot('dc 09:30-10:30'), 'coordination', 'Coordinació de la línia d''ESO'),
    (1, 8, '2018-2019', schooltime.slot('dj 12:00-13:00'), 'tutoring', NULL);
RESET schooltime.enforce;
-- the singular timetable: free afternoons authorised for the centre
INSERT INTO crowded.authorisations (centre_id, school_year, rule, group_id, authorised_by, authorised_on, reason)
VALUES (1, '2018-2019', 'free_afternoons', NULL, 'Serveis Territorials al Vallès Occidental', '2018-07-02', 'Horari singular');
