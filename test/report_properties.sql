-- pgTAP: the reports over many cases.  busy_minutes() against PostgreSQL's
-- own multiranges; teacher_week_figures() against busy_minutes(); the
-- attendance verdict against the threshold written as arithmetic; the
-- report-only rules quiet on a compliant model, and every one of their rows
-- in schooltime.check(); over a random week of lessons, blocks and parts,
-- the week documents, the iCalendar export and the report-only rules
-- against what plain SQL says of the same rows.
BEGIN;
SET client_min_messages = warning;
SELECT plan(34);

SELECT has_function('schooltime', 'report_rule_violations', ARRAY['name', 'bigint', 'bigint']);
SELECT function_returns('schooltime', 'report_rule_violations', ARRAY['name', 'bigint', 'bigint'], 'setof schooltime.violation');
SELECT is_aggregate('schooltime', 'busy_minutes', ARRAY['schooltime.weekslot']);
SELECT has_function('schooltime', 'teacher_hours', ARRAY['name', 'schooltime.school_year', 'bigint']);
SELECT has_function('schooltime', 'teacher_week_figures', ARRAY['schooltime.weekslot[]', 'schooltime.weekslot[]', 'schooltime.school_year']);
SELECT function_returns('schooltime', 'keeps_continuous_assessment', ARRAY['schooltime.regime', 'text', 'numeric', 'numeric'], 'boolean');
SELECT has_function('schooltime', 'attendance_status', ARRAY['schooltime.regime', 'text', 'numeric', 'numeric']);
SELECT set_has($$SELECT p.oid::regprocedure::text FROM pg_proc AS p WHERE p.pronamespace = 'schooltime'::regnamespace$$,
               $$VALUES ('schooltime.week_grid(name,bigint,bigint,text)'), ('schooltime.teacher_week_grid(name,bigint,schooltime.school_year,text)'),
                        ('schooltime.week_svg(name,bigint,bigint,text)'), ('schooltime.teacher_week_svg(name,bigint,schooltime.school_year,text)'),
                        ('schooltime.week_html(name,bigint,bigint,text)'), ('schooltime.teacher_week_html(name,bigint,schooltime.school_year,text)'),
                        ('schooltime.subject_area(text)')$$,
               'the grids and documents, for groups and teachers, and the subject areas');
SELECT is((SELECT position FROM schooltime.model_parts WHERE name = 'reports'), 60, 'reports are part 60 of the model');
SELECT is((SELECT position FROM schooltime.violation_sources WHERE name = 'reports'), 60, 'check() gathers the report-only rules');

-- the catalogue
SELECT col_is_pk('schooltime', 'split_requirements', ARRAY['school_year', 'regime', 'requirement'], 'split requirements are keyed by school year, regime and requirement');
SELECT col_is_pk('schooltime', 'optional_group_limits', ARRAY['school_year', 'regime'], 'optional-group limits are keyed by school year and regime');
SELECT col_is_pk('schooltime', 'group_teacher_limits', ARRAY['school_year', 'regime', 'first_level'], 'teachers-per-group limits are keyed by school year, regime and first level');
SELECT is_empty($$SELECT r.school_year, r.requirement, a FROM schooltime.split_requirements AS r, unnest(r.areas) AS a
                  WHERE NOT EXISTS (SELECT FROM schooltime.subject_areas AS s WHERE s.area = a)$$,
                'every area a split requirement names is a subject area');
SELECT is_empty($$SELECT 'group_teacher_limits' FROM schooltime.group_teacher_limits WHERE source NOT LIKE 'schooltime''s reading, not the document''s%'
                  UNION ALL SELECT 'split_requirements' FROM schooltime.split_requirements WHERE source !~ '4\.1\.1\.1|^Carried over from the 2018-2019 document'
                  UNION ALL SELECT 'optional_group_limits' FROM schooltime.optional_group_limits WHERE source !~ '4\.1\.1\.1|^Carried over from the 2018-2019 document'
                  UNION ALL SELECT 'subject_areas' FROM schooltime.subject_areas WHERE source = ''$$,
                'every shipped figure cites its source; every teachers-per-group figure says it is schooltime''s reading');
SELECT set_eq($$SELECT DISTINCT school_year::text FROM schooltime.split_requirements$$,
              $$SELECT DISTINCT school_year::text FROM schooltime.timetable_limits$$,
              'the split requirements cover the school years the catalogue ships');

-- busy_minutes against range_agg(): 300 random sets of 1 to 40 slots
CREATE TEMPORARY TABLE random_slots ON COMMIT DROP AS
SELECT set_id, schooltime.weekslot(d, make_time(h, m, 0), make_time(h, m, 0) + len * interval '1 minute') AS slot
FROM (SELECT setseed(0.2018)) AS seed,
     LATERAL (SELECT set_id, 1 + floor(random() * 7)::integer AS d, 7 + floor(random() * 10)::integer AS h,
                     floor(random() * 60)::integer AS m, 1 + floor(random() * 240)::integer AS len
              FROM generate_series(1, 300) AS set_id, generate_series(1, 40) AS k
              WHERE k <= 1 + (set_id % 40)) AS r;
SELECT is_empty($$
    SELECT set_id FROM random_slots GROUP BY set_id
    HAVING schooltime.busy_minutes(slot)
           <> (SELECT sum(schooltime.minute_of_week(upper(r)) - schooltime.minute_of_week(lower(r)))
               FROM unnest(range_agg(slot::schooltime.weektimerange)) AS r)
$$, 'busy_minutes is the length of the union of the slots, as range_agg() computes it, for 300 random sets');
SELECT is((SELECT schooltime.busy_minutes(slot) FROM random_slots),
          (SELECT sum(schooltime.minute_of_week(upper(r)) - schooltime.minute_of_week(lower(r)))::integer
           FROM unnest((SELECT range_agg(slot::schooltime.weektimerange) FROM random_slots)) AS r),
          'and for all of them at once');

-- the teacher's week read by the kernel: the total is the busy minutes of the working week
SELECT is_empty($$
    SELECT set_id FROM random_slots GROUP BY set_id
    HAVING (schooltime.teacher_week_figures(array_agg(slot) FILTER (WHERE set_id % 2 = 0 OR random() < 0.5), array_agg(slot), '2018-2019')).total_minutes
           <> coalesce(schooltime.busy_minutes(slot) FILTER (WHERE schooltime.weekday(slot) <= 5), 0)
$$, 'teacher_week_figures totals the busy minutes of Monday to Friday, overlaps once');
SELECT is_empty($$
    SELECT set_id FROM random_slots GROUP BY set_id
    HAVING (schooltime.teacher_week_figures(array_agg(slot), NULL, '2018-2019')).lesson_minutes
           <> coalesce(schooltime.busy_minutes(slot) FILTER (WHERE schooltime.weekday(slot) <= 5), 0)
$$, 'and the lessons alone likewise');

-- attendance: a share strictly above the threshold loses continuous assessment
CREATE TEMPORARY TABLE random_pupils ON COMMIT DROP AS
SELECT r.regime, lective, floor(random() * (lective + 1))::numeric AS absent
FROM (SELECT setseed(0.35)) AS seed, generate_series(1, 2000) AS k,
     LATERAL (SELECT 1 + floor(random() * 20000)::numeric AS lective) AS l,
     LATERAL (SELECT (enum_range(NULL::schooltime.regime))[1 + k % 12] AS regime) AS r;
INSERT INTO random_pupils
SELECT t.regime, l, l * t.max_absence_percent / 100 + delta
FROM schooltime.attendance_thresholds AS t, (VALUES (100), (3000), (7777)) AS v (l), (VALUES (-1), (0), (1)) AS e (delta)
WHERE t.school_year = '2018-2019';
SELECT is_empty($$
    SELECT p.* FROM random_pupils AS p
    LEFT JOIN schooltime.attendance_thresholds AS t ON t.school_year = '2018-2019' AND t.regime = p.regime
    WHERE schooltime.keeps_continuous_assessment(p.regime, '2018-2019', p.lective, p.absent)
          IS DISTINCT FROM (p.absent * 100 <= t.max_absence_percent * p.lective)
$$, 'keeps_continuous_assessment is absent <= threshold x lective, NULL where the regime has no threshold');
SELECT is_empty($$
    SELECT p.* FROM random_pupils AS p, schooltime.attendance_status(p.regime, '2018-2019', p.lective, p.absent) AS s
    WHERE NOT (s.absence_percent >= p.absent * 100 / p.lective AND s.absence_percent < p.absent * 100 / p.lective + 0.01)
       OR (s.keeps_continuous_assessment = (s.absence_percent > s.max_absence_percent))
$$, 'the share shown is rounded up to hundredths, and is above the threshold exactly when the pupil loses it');

-- a compliant model: the report-only rules find nothing
SELECT schooltime.create_model('rq');
INSERT INTO rq.centres (id, code, name, territory, municipality) VALUES (1, '08000001', 'Institut', 'Barcelona', 'Barcelona');
INSERT INTO rq.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 30), (1, 2, '2n Batxillerat A', '2018-2019', 'batxillerat', 2, 30),
    (1, 3, 'B2 Anglès', '2018-2019', 'eoi_ordinary', 4, 20);
INSERT INTO rq.teachers (id, name, centre_id) SELECT t, 'Docent ' || t, 1 FROM generate_series(1, 20) AS t;
INSERT INTO rq.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, split_half)
SELECT 1, g, '2018-2019', CASE g WHEN 1 THEN 'eso' ELSE 'batxillerat' END::schooltime.regime,
       schooltime.weekslot(d, make_time(7 + h, 0, 0), make_time(8 + h, 0, 0)), subject, t, half
FROM (VALUES (1, 1, 1, 'Tecnologia', 1, NULL::smallint), (1, 1, 2, 'Tecnologia', 1, 1::smallint), (1, 1, 2, 'Tecnologia', 2, 2::smallint),
             (1, 2, 1, 'Biologia i geologia', 3, 1), (1, 2, 1, 'Física i química', 4, 2),
             (1, 2, 2, 'Física i química', 4, 1), (1, 2, 2, 'Biologia i geologia', 3, 2),
             (1, 3, 1, 'Anglès', 5, 1), (1, 3, 1, 'Anglès', 6, 2), (1, 3, 2, 'Matemàtiques', 7, NULL),
             (2, 4, 1, 'Física', 11, 1), (2, 4, 1, 'Física', 12, 2), (2, 4, 2, 'Química', 13, 1), (2, 4, 2, 'Química', 14, 2),
             (2, 5, 1, 'Llengua catalana i literatura', 15, 1), (2, 5, 1, 'Llengua catalana i literatura', 16, 2),
             (2, 5, 2, 'Llengua castellana i literatura', 17, 1), (2, 5, 2, 'Llengua castellana i literatura', 18, 2),
             (2, 5, 3, 'English', 19, 1), (2, 5, 3, 'English', 20, 2)) AS v (g, d, h, subject, t, half);
INSERT INTO rq.optional_subject_groups (centre_id, school_year, regime, level, subject, pupils) VALUES
    (1, '2018-2019', 'eso', 1, 'Robòtica', 25), (1, '2018-2019', 'eso', 1, 'Teatre', 15);
INSERT INTO rq.pupil_attendance (centre_id, group_id, pupil, lective_minutes, unjustified_minutes) VALUES
    (1, 3, 'Anna', 1000, 350), (1, 3, 'Bernat', 1000, 0);
SELECT is_empty($$SELECT * FROM schooltime.report_rule_violations('rq')$$, 'a compliant model: no report-only violation');
SELECT is_empty($$SELECT * FROM schooltime.check('rq') WHERE rule IN ('teachers_per_group', 'eso_split', 'batx_split', 'optional_ratio', 'attendance')$$,
                'and none in check() either');

-- one step over each boundary: exactly one row per rule, none authorised, all in check()
INSERT INTO rq.optional_subject_groups (centre_id, school_year, regime, level, subject, pupils) VALUES (1, '2018-2019', 'eso', 2, 'Cuina', 21);
UPDATE rq.pupil_attendance SET unjustified_minutes = 351 WHERE pupil = 'Anna';
DELETE FROM rq.sessions WHERE group_id = 2 AND subject = 'Química' AND split_half = 2;
DELETE FROM rq.sessions WHERE group_id = 1 AND subject = 'Anglès' AND split_half = 2;
INSERT INTO rq.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
SELECT 1, 1, '2018-2019', 'eso', schooltime.weekslot(4 + (k - 1) / 3, make_time(8 + (k - 1) % 3, 0, 0), make_time(9 + (k - 1) % 3, 0, 0)), 'Matèria', 7 + k
FROM generate_series(1, 5) AS k;
SELECT results_eq($$SELECT rule, subject_name, measured, limit_value FROM schooltime.report_rule_violations('rq') ORDER BY rule$$,
                  $$VALUES ('attendance', 'Anna', 35.10, 35.00), ('batx_split', '2n Batxillerat A', 0, 1),
                           ('eso_split', '1r ESO A', 0, 1), ('optional_ratio', 'Institut', 20.34, 20.00),
                           ('teachers_per_group', '1r ESO A', 11, 10)$$,
                  'one step over each boundary: one row per rule, with its figure and limit');
SELECT is_empty($$SELECT * FROM schooltime.report_rule_violations('rq') WHERE authorisation_id IS NOT NULL$$,
                'none of them can be authorised');
SELECT is_empty($$SELECT * FROM schooltime.report_rule_violations('rq') EXCEPT ALL SELECT * FROM schooltime.check('rq')$$,
                'check() returns every one of them, as they are');

-- A random week of lessons (issue 12): whole groups with and without a
-- co-teacher, two groups together, a part of a split, the same part of two
-- groups, a half, every part of a split or both halves in one lesson, some in
-- a block, and sessions that are lessons of their own; loaded with the
-- checks off, since only the reports' reading of the rows is asked here
SELECT schooltime.create_model('rl');
INSERT INTO rl.centres (id, code, name, ownership, territory, municipality) VALUES (1, '08000009', 'Institut', 'public', 'Barcelona', 'Barcelona');
INSERT INTO rl.class_groups (centre_id, id, name, school_year, regime, level, pupils)
SELECT 1, g, format('%sr ESO %s', 1 + g % 3, chr(64 + g)), '2018-2019', 'eso', 1 + g % 3, 28 FROM generate_series(1, 6) AS g;
INSERT INTO rl.teachers (id, name, centre_id) SELECT t, 'Docent ' || t, 1 FROM generate_series(1, 12) AS t;
INSERT INTO rl.group_parts (centre_id, group_id, split, part, pupils)
SELECT 1, g, 'idiomes', p, 9 FROM generate_series(1, 6) AS g, unnest(ARRAY['A', 'B', 'C']) AS p
UNION ALL SELECT 1, g, 'tallers', p, 14 FROM generate_series(1, 6) AS g, unnest(ARRAY['T1', 'T2']) AS p;
INSERT INTO rl.blocks (centre_id, school_year, name, regime) VALUES (1, '2018-2019', 'Bloc', 'eso');
CREATE TEMPORARY TABLE random_lessons ON COMMIT DROP AS
SELECT l AS id, schooltime.weekslot(1 + floor(random() * 5)::integer, make_time(h, 0, 0), make_time(h + 1, 0, 0)) AS slot,
       floor(random() * 7)::integer AS shape, 1 + floor(random() * 6)::integer AS g, 1 + floor(random() * 12)::integer AS t,
       (ARRAY['Tecnologia', 'Anglès', 'Física i química', 'Matemàtiques'])[1 + floor(random() * 4)::integer] AS subject,
       random() < 0.3 AS co_taught, (ARRAY['A', 'B', 'C'])[1 + floor(random() * 3)::integer] AS part,
       (1 + floor(random() * 2))::smallint AS half, random() < 0.15 AS in_block
FROM (SELECT setseed(0.1212)) AS seed, generate_series(1, 240) AS l, LATERAL (SELECT 8 + floor(random() * 7)::integer + l * 0 AS h) AS hour;
SET LOCAL schooltime.enforce = off;
INSERT INTO rl.lessons (centre_id, id, school_year, slot, block)
SELECT 1, l.id, '2018-2019', l.slot, CASE WHEN l.in_block THEN 'Bloc' END FROM random_lessons AS l;
INSERT INTO rl.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, lesson_id, split, part, split_half)
SELECT 1, r.g, '2018-2019', 'eso', l.slot, l.subject, r.t, l.id, r.split, r.part, r.half
FROM random_lessons AS l
CROSS JOIN LATERAL (VALUES (0, l.g, l.t, NULL, NULL, NULL::smallint), (0, CASE WHEN l.co_taught THEN l.g END, l.t % 12 + 1, NULL, NULL, NULL),
                           (1, l.g, l.t, NULL, NULL, NULL), (1, l.g % 6 + 1, l.t, NULL, NULL, NULL),
                           (2, l.g, l.t, 'idiomes', l.part, NULL),
                           (3, l.g, l.t, NULL, NULL, l.half),
                           (4, l.g, l.t, 'tallers', 'T1', NULL), (4, l.g, l.t, 'tallers', 'T2', NULL),
                           (5, l.g, l.t, 'idiomes', l.part, NULL), (5, l.g % 6 + 1, l.t, 'idiomes', l.part, NULL),
                           (6, l.g, l.t, NULL, NULL, 1), (6, l.g, l.t, NULL, NULL, 2)) AS r (shape, g, t, split, part, half)
WHERE r.shape = l.shape AND r.g IS NOT NULL;
INSERT INTO rl.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id, split_half)
SELECT 1, 1 + floor(random() * 6)::integer, '2018-2019', 'eso',
       schooltime.weekslot(1 + floor(random() * 5)::integer, make_time(h, 0, 0), make_time(h + 1, 0, 0)),
       (ARRAY['Tecnologia', 'Anglès', 'Matemàtiques'])[1 + floor(random() * 3)::integer], 1 + floor(random() * 12)::integer,
       CASE WHEN random() < 0.3 THEN (1 + floor(random() * 2))::smallint END
FROM generate_series(1, 40) AS k, LATERAL (SELECT 15 + floor(random() * 3)::integer + k * 0 AS h) AS hour;
SET LOCAL schooltime.enforce = on;

SELECT is_empty($$
    SELECT g.id FROM rl.class_groups AS g
    WHERE jsonb_array_length(schooltime.week_layout('rl', 1, g.id, NULL, NULL, 'en')->'entries')
          <> (SELECT count(DISTINCT coalesce('b' || l.block || s.slot::text, 'l' || s.lesson_id, 's' || s.id))
              FROM rl.sessions AS s LEFT JOIN rl.lessons AS l ON l.centre_id = s.centre_id AND l.id = s.lesson_id
              WHERE s.group_id = g.id)
$$, 'a group''s week has one entry per lesson it attends, the lessons of a block at one time one entry');
SELECT is_empty($$
    SELECT g.id FROM rl.class_groups AS g
    WHERE (SELECT jsonb_agg(DISTINCT p ORDER BY p)
           FROM jsonb_array_elements(schooltime.week_layout('rl', 1, g.id, NULL, NULL, 'en')->'entries') AS e,
                jsonb_array_elements(e->'parts') AS p)
          IS DISTINCT FROM
          (SELECT jsonb_agg(DISTINCT jsonb_build_object('split', coalesce(s.split, ''), 'part', coalesce(s.part, s.split_half::text))
                            ORDER BY jsonb_build_object('split', coalesce(s.split, ''), 'part', coalesce(s.part, s.split_half::text)))
           FROM rl.sessions AS s WHERE s.group_id = g.id AND (s.split IS NOT NULL OR s.split_half IS NOT NULL))
$$, 'and its entries are for exactly the parts and halves its rows take');
SELECT is_empty($$
    SELECT t.id FROM rl.teachers AS t
    WHERE (SELECT count(*) FROM jsonb_array_elements(schooltime.week_layout('rl', NULL, NULL, t.id, '2018-2019', 'en')->'entries') AS e
           WHERE e->>'kind' <> 'duty')
          <> (SELECT count(DISTINCT coalesce('l' || s.lesson_id, 's' || s.id)) FROM rl.sessions AS s WHERE s.teacher_id = t.id)
$$, 'a teacher''s week has one entry per lesson, however many groups and parts it takes');
SELECT is_empty($$
    SELECT 'group ' || g.id FROM rl.class_groups AS g
    WHERE (SELECT count(*) FROM regexp_split_to_table(schooltime.ical_group('rl', 1, g.id), E'\r\n') AS l WHERE l LIKE 'RRULE:FREQ=WEEKLY;%')
          <> (SELECT count(DISTINCT coalesce('l' || s.lesson_id, 's' || s.id)) FROM rl.sessions AS s WHERE s.group_id = g.id)
    UNION ALL
    SELECT 'teacher ' || t.id FROM rl.teachers AS t
    WHERE (SELECT count(*) FROM regexp_split_to_table(schooltime.ical_teacher('rl', t.id, '2018-2019'), E'\r\n') AS l WHERE l LIKE 'RRULE:FREQ=WEEKLY;%')
          <> (SELECT count(DISTINCT coalesce('l' || s.lesson_id, 's' || s.id)) FROM rl.sessions AS s WHERE s.teacher_id = t.id)
$$, 'the iCalendar of a group has a weekly event per lesson it attends, that of a teacher one per lesson taught');

-- the report-only rules with every limit out of reach, so that every
-- figure is reported: teachers of every lesson the group attends, and the
-- best split's fewest lessons of a part, a lesson of every part of a split
-- not counted
UPDATE schooltime.group_teacher_limits SET max_teachers = 1 WHERE school_year = '2018-2019' AND regime = 'eso';
UPDATE schooltime.split_requirements SET min_split_sessions = 99 WHERE school_year = '2018-2019' AND regime = 'eso';
SELECT set_eq($$SELECT subject_id, measured FROM schooltime.report_rule_violations('rl') WHERE rule = 'teachers_per_group'$$,
              $$SELECT s.group_id, count(DISTINCT o.teacher_id)::numeric
                FROM rl.sessions AS s JOIN rl.sessions AS o ON o.centre_id = s.centre_id AND (o.lesson_id = s.lesson_id OR o.id = s.id)
                WHERE o.teacher_id IS NOT NULL GROUP BY s.group_id HAVING count(DISTINCT o.teacher_id) > 1$$,
              'teachers_per_group counts the teachers of every row of every lesson a group attends');
SELECT set_eq($$SELECT v.subject_id, q.requirement, v.measured
                FROM schooltime.report_rule_violations('rl') AS v
                JOIN schooltime.split_requirements AS q ON q.school_year = '2018-2019' AND q.regime = 'eso'
                 AND v.message LIKE '% of ' || q.subject_name || ' a week%'
                WHERE v.rule = 'eso_split'$$,
              $$WITH r AS (
                    SELECT s.group_id, s.lesson_id, s.id, schooltime.subject_area(s.subject) AS area,
                           CASE WHEN s.split_half IS NOT NULL THEN '' ELSE s.split END AS split, coalesce(s.split_half::text, s.part) AS part
                    FROM rl.sessions AS s
                ), parts AS (
                    SELECT g.id AS group_id, '' AS split, h::text AS part FROM rl.class_groups AS g, generate_series(1, 2) AS h
                    UNION ALL SELECT p.group_id, p.split, p.part FROM rl.group_parts AS p
                ), taught AS (
                    SELECT g.id AS group_id, q.requirement, q.areas
                    FROM rl.class_groups AS g JOIN schooltime.split_requirements AS q
                      ON q.school_year = g.school_year AND q.regime = g.regime AND g.level BETWEEN q.first_level AND q.last_level
                    WHERE EXISTS (SELECT FROM r WHERE r.group_id = g.id AND r.area = ANY (q.areas))
                ), per_part AS (
                    SELECT t.group_id, t.requirement, p.split, p.part,
                           (SELECT count(DISTINCT coalesce(x.lesson_id, -x.id)) FROM r AS x
                            WHERE x.group_id = t.group_id AND x.area = ANY (t.areas) AND x.split = p.split AND x.part = p.part
                              AND (x.lesson_id IS NULL
                                   OR EXISTS (SELECT FROM parts AS other WHERE other.group_id = t.group_id AND other.split = p.split
                                                AND NOT EXISTS (SELECT FROM r AS y WHERE y.group_id = t.group_id AND y.lesson_id = x.lesson_id
                                                                  AND y.split = other.split AND y.part = other.part)))) AS lessons
                    FROM taught AS t JOIN parts AS p ON p.group_id = t.group_id
                )
                SELECT f.group_id, f.requirement, max(f.fewest)::numeric
                FROM (SELECT group_id, requirement, split, min(lessons) AS fewest FROM per_part GROUP BY 1, 2, 3) AS f
                GROUP BY 1, 2$$,
              'eso_split is, for each subject a group is taught, the best split''s fewest lessons of a part, lessons of every part of the split left out');
SELECT cmp_ok((SELECT count(*) FROM schooltime.report_rule_violations('rl') WHERE rule = 'eso_split' AND measured > 0), '>', 0::bigint,
              'and the random week splits some subjects, so the figures are not all zero');

SELECT * FROM finish();
ROLLBACK;
