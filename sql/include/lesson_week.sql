-- A week of every shape of lesson, for the reports' tests: a joint lesson,
-- a co-taught one, parts of a split in parallel, laboratory parts, an
-- optional-subject block of two groups, a split in three with a part of
-- unknown pupils.  Creates the model "lw" in a public centre.
\set ECHO none
SET client_min_messages = warning;
SELECT schooltime.create_model('lw') AS created \gset
INSERT INTO lw.centres (id, code, name, ownership, territory, municipality) VALUES
    (1, '08000301', 'Institut Montseny', 'public', 'Vallès Occidental', 'Terrassa');
INSERT INTO lw.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r Batxillerat A', '2018-2019', 'batxillerat', 1, 30),
    (1, 2, '1r Batxillerat B', '2018-2019', 'batxillerat', 1, 29),
    (1, 3, '4t ESO A', '2018-2019', 'eso', 4, 27),
    (1, 4, '4t ESO B', '2018-2019', 'eso', 4, 26),
    (1, 5, '2n ESO A', '2018-2019', 'eso', 2, 28);
INSERT INTO lw.teachers (id, name, centre_id) VALUES
    (1, 'Laia Ferrer', 1), (2, 'Pau Roca', 1), (3, 'Mireia Camps', 1), (4, 'Oriol Sala', 1),
    (5, 'Anna Grau', 1), (6, 'Jan Vives', 1), (7, 'Clara Pons', 1), (8, 'Marc Puig', 1), (9, 'Berta Coll', 1);
-- 4t ESO A: languages in three, the laboratory in two, options; 4t ESO B:
-- options; 2n ESO A: three workshops, the third's pupils not recorded
INSERT INTO lw.group_parts (centre_id, group_id, split, part, pupils) VALUES
    (1, 3, 'idiomes', 'Anglès', 12), (1, 3, 'idiomes', 'Francès', 9), (1, 3, 'idiomes', 'Alemany', 6),
    (1, 3, 'laboratori', 'L1', 14), (1, 3, 'laboratori', 'L2', 13),
    (1, 3, 'optatives', 'Música', 10), (1, 3, 'optatives', 'Informàtica', 17),
    (1, 4, 'optatives', 'Música', 10), (1, 4, 'optatives', 'Informàtica', 16),
    (1, 5, 'tallers', 'T1', 10), (1, 5, 'tallers', 'T2', 10), (1, 5, 'tallers', 'T3', NULL);
INSERT INTO lw.blocks (centre_id, school_year, name, regime) VALUES
    (1, '2018-2019', 'Optatives 4t, dijous', 'eso'), (1, '2018-2019', 'Optatives 4t, divendres', 'eso'),
    (1, '2018-2019', 'Tallers 2n', 'eso');

-- lessons: (id, slot, subject, block, rows group:teacher[:split:part])
CREATE TEMPORARY TABLE week_lessons (id bigint, slot text, subject text, block text, rows text[]);
INSERT INTO week_lessons VALUES
    (1, 'dl 08:00-09:00', 'Educació física', NULL, '{1:1,2:1}'),                       -- joint lesson
    (2, 'dl 09:00-10:00', 'Matemàtiques', NULL, '{3:2,3:3}'),                          -- co-taught
    (3, 'dt 09:00-10:00', 'Anglès', NULL, '{3:4:idiomes:Anglès}'),                     -- parts in parallel
    (4, 'dt 09:00-10:00', 'Francès', NULL, '{3:5:idiomes:Francès}'),
    (5, 'dt 09:00-10:00', 'Alemany', NULL, '{3:6:idiomes:Alemany}'),
    (6, 'dj 10:00-11:00', 'Música', 'Optatives 4t, dijous', '{3:7:optatives:Música,4:7:optatives:Música}'),
    (7, 'dj 10:00-11:00', 'Informàtica', 'Optatives 4t, dijous', '{3:8:optatives:Informàtica,4:8:optatives:Informàtica}'),
    (8, 'dv 10:00-11:00', 'Música', 'Optatives 4t, divendres', '{3:7:optatives:Música,4:7:optatives:Música}'),
    (9, 'dv 10:00-11:00', 'Informàtica', 'Optatives 4t, divendres', '{3:8:optatives:Informàtica,4:8:optatives:Informàtica}'),
    (10, 'dl 10:00-11:00', 'Tecnologia', NULL, '{5:2:tallers:T1}'),                   -- two of three workshops
    (11, 'dl 11:30-12:30', 'Tecnologia', NULL, '{5:2:tallers:T2}'),
    (12, 'dt 10:00-11:00', 'Ciències de la naturalesa', NULL,                          -- all three: not split
         '{5:3:tallers:T1,5:3:tallers:T2,5:3:tallers:T3}'),
    (13, 'dc 12:00-13:00', 'Teatre', 'Tallers 2n', '{5:9:tallers:T3}'),               -- an option of unknown pupils
    (14, 'dc 12:00-13:00', 'Robòtica', 'Tallers 2n', '{5:4:tallers:T1,5:4:tallers:T2}');
INSERT INTO lw.lessons (centre_id, id, school_year, slot, block)
SELECT 1, l.id, '2018-2019', schooltime.slot(l.slot), l.block FROM week_lessons AS l;
INSERT INTO lw.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, lesson_id, split, part)
SELECT 1, g.id, g.school_year, g.regime, schooltime.slot(l.slot), l.subject, split_part(r, ':', 2)::bigint, l.id,
       nullif(split_part(r, ':', 3), ''), nullif(split_part(r, ':', 4), '')
FROM week_lessons AS l, unnest(l.rows) AS r
JOIN lw.class_groups AS g ON g.id = split_part(r, ':', 1)::bigint;
-- sessions of their own: the laboratory parts in parallel, the foreign
-- language of 2n ESO A by halves
INSERT INTO lw.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, split, part, split_half)
SELECT 1, g.id, g.school_year, g.regime, schooltime.slot(v.slot), v.subject, v.teacher, v.split, v.part, v.half
FROM (VALUES (3, 'dt 10:00-11:00', 'Física', 5, 'laboratori', 'L1', NULL::smallint),
             (3, 'dt 10:00-11:00', 'Química', 6, 'laboratori', 'L2', NULL),
             (5, 'dj 08:00-09:00', 'Anglès', 4, NULL, NULL, 1),
             (5, 'dj 08:00-09:00', 'Tecnologia', 2, NULL, NULL, 2)) AS v (grp, slot, subject, teacher, split, part, half)
JOIN lw.class_groups AS g ON g.id = v.grp;
DROP TABLE week_lessons;
RESET client_min_messages;
\set ECHO all
