-- A week, readable, with lessons, blocks and parts (issue 12): a group's
-- grid shows a block as one cell with its options, parallel parts side by
-- side with their names, a co-taught lesson with its teachers and a joint
-- lesson with its other groups; a teacher's grid shows a joint lesson once,
-- naming its groups.  A violation that names a part marks that part's
-- cells, an overlap the cells that clash; the documents stay well-formed.
SET search_path = schooltime, public;
\i sql/include/lesson_week.sql

-- Violations, loaded with the checks off: 4t ESO B's Música part has 480
-- minutes on Wednesday (its Informàtica part 420); 4t ESO A's Anglès part
-- has a second lesson during its language hour; Laia Ferrer has a guard
-- during her joint lesson.
SET schooltime.enforce = off;
INSERT INTO lw.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, split, part) VALUES
    (1, 4, '2018-2019', 'eso', slot('dc 08:00-11:00'), 'Matèries comunes', NULL, NULL, NULL),
    (1, 4, '2018-2019', 'eso', slot('dc 11:30-14:30'), 'Matèries comunes', NULL, NULL, NULL),
    (1, 4, '2018-2019', 'eso', slot('dc 15:00-17:00'), 'Música', 7, 'optatives', 'Música'),
    (1, 4, '2018-2019', 'eso', slot('dc 15:00-16:00'), 'Informàtica', 8, 'optatives', 'Informàtica'),
    (1, 3, '2018-2019', 'eso', slot('dt 09:30-10:00'), 'Conversa', 9, 'idiomes', 'Anglès');
INSERT INTO lw.duties (centre_id, teacher_id, school_year, slot, kind) VALUES
    (1, 1, '2018-2019', slot('dl 08:30-09:30'), 'guard');
RESET schooltime.enforce;
SELECT rule, subject, subject_name, weekday, slot, message
FROM schooltime.check('lw', 1) WHERE rule IN ('daily_max', 'group_overlap', 'teacher_overlap') ORDER BY rule, subject_name, message;

-- 4t ESO A: the co-taught lesson with both teachers, the languages side by
-- side, the laboratory parts, a block a cell on Thursday and on Friday; the
-- overlap marks Anglès and Conversa, not Francès and Alemany beside them
SELECT * FROM week_grid('lw', 1, 3);
-- 4t ESO B: the Música part's day marks its Wednesday lesson and the whole
-- group's, not the Informàtica part's lesson
SELECT * FROM week_grid('lw', 1, 4, 'ca');
-- 1r Batxillerat A: the joint lesson names its other group
SELECT * FROM week_grid('lw', 1, 1) WHERE band NOT LIKE '!%';
-- 2n ESO A: workshops, a lesson of all of them, the workshops' block, halves
SELECT * FROM week_grid('lw', 1, 5) WHERE band NOT LIKE '!%';

-- teachers: the joint lesson once, naming both groups (and marked once);
-- the co-taught lesson with the other teacher; an option of a block
SELECT * FROM teacher_week_grid('lw', 1, '2018-2019');
SELECT * FROM teacher_week_grid('lw', 2, '2018-2019', 'ca');
SELECT * FROM teacher_week_grid('lw', 7, '2018-2019') WHERE band NOT LIKE '!%';

-- the entries of a layout: each lesson once, with the parts of the group it
-- takes; a block at one time one entry with its options; a teacher's joint
-- lesson one entry for its two rows
SELECT e->>'label' AS label, e->'whole' AS whole, e->'parts' AS parts, e->'options' AS options
FROM jsonb_array_elements(week_layout('lw', 1, 3, NULL, NULL, 'en')->'entries') AS e
WHERE (e->>'day')::integer IN (2, 4);
SELECT count(*) FILTER (WHERE e->>'kind' <> 'duty') AS laia_lessons, count(*) FILTER (WHERE e->>'kind' = 'duty') AS laia_duties,
       (SELECT count(*) FROM lw.sessions WHERE teacher_id = 1) AS laia_rows
FROM jsonb_array_elements(week_layout('lw', NULL, NULL, 1, '2018-2019', 'en')->'entries') AS e;

-- the documents are well-formed XML and name every violation; the SVG draws
-- a block's options a line each
SELECT d.what, xml_is_well_formed_document(d.doc) AS well_formed,
       (SELECT count(*) FROM schooltime.check('lw') AS v WHERE v.subject = d.subject AND v.subject_id = d.id) AS violations,
       (SELECT count(*) FROM schooltime.check('lw') AS v
        WHERE v.subject = d.subject AND v.subject_id = d.id
          AND strpos(d.doc, ' ' || v.rule || '</') > 0
          AND strpos(regexp_replace(d.doc, '<[^>]*>', '', 'g'), xml_text(v.message)) > 0) AS named
FROM (VALUES ('svg of 4t ESO A', week_svg('lw', 1, 3), 'group', 3),
             ('html of 4t ESO B', week_html('lw', 1, 4, 'ca'), 'group', 4),
             ('svg of Laia Ferrer', teacher_week_svg('lw', 1, '2018-2019'), 'teacher', 1),
             ('html of Laia Ferrer', teacher_week_html('lw', 1, '2018-2019'), 'teacher', 1)) AS d (what, doc, subject, id);
SELECT (xpath('//svg:g[@class="option"]/svg:title/text()', week_svg('lw', 1, 3)::xml,
              ARRAY[ARRAY['svg', 'http://www.w3.org/2000/svg']]))::text[] AS svg_options,
       (xpath('count(//h:td[starts-with(@class, "entry ")][h:a[starts-with(@class, "mark ")]])', week_html('lw', 1, 4)::xml,
              ARRAY[ARRAY['h', 'http://www.w3.org/1999/xhtml']]))[1]::text AS html_marked_cells;

-- which parts a finding names, as data: the same rows as the timetable
-- source of check(), each with its parts (NULL: the whole group, or not a group's)
SELECT (t.finding).rule, (t.finding).subject_name, (t.finding).weekday, t.parts
FROM timetable_violation_parts('lw', 1, 4) AS t ORDER BY 1, 3, 4::text;
SELECT (SELECT count(*) FROM timetable_violation_parts('lw') WHERE parts IS NOT NULL) AS naming_parts,
       (SELECT count(*) FROM timetable_violation_parts('lw') AS t WHERE (t.finding).subject <> 'group' AND t.parts IS NOT NULL) AS not_a_group_naming_parts,
       (SELECT array_agg(t.finding ORDER BY t.finding::text) FROM timetable_violation_parts('lw') AS t)
       = (SELECT array_agg(v ORDER BY v::text) FROM timetable_violations('lw') AS v) AS same_rows;
SELECT parts_clash(false, '[{"split": "idiomes", "part": "Anglès"}]', false, '[{"split": "idiomes", "part": "Francès"}]') AS one_split,
       parts_clash(false, '[{"split": "idiomes", "part": "Anglès"}]', false, '[{"split": "idiomes", "part": "Anglès"}]') AS same_part,
       parts_clash(false, '[{"split": "idiomes", "part": "Anglès"}]', false, '[{"split": "laboratori", "part": "L1"}]') AS two_splits,
       parts_clash(true, '[]', false, '[{"split": "", "part": "1"}]') AS whole_group,
       parts_concern('[{"split": "optatives", "part": "Informàtica"}]', '[{"split": "optatives", "part": "Música"}]') AS other_part,
       parts_concern('[{"split": "laboratori", "part": "L1"}]', '[{"split": "optatives", "part": "Música"}]') AS other_split;

SET client_min_messages = warning;
DROP SCHEMA lw CASCADE;
RESET client_min_messages;
