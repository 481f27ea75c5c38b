-- The report-only rules: teachers_per_group (4.2), eso_split and
-- batx_split (4.1.1.1), optional_ratio (4.1.1.1) and attendance (3.2).
-- Each on both sides of its boundary: a model with exactly one violation
-- of each case, and report_rule_violations() returning exactly those rows.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('rp');

INSERT INTO rp.centres (id, code, name, ownership, territory, municipality) VALUES
    (1, '08000001', 'Institut Mediterrània', 'public', 'Consorci d''Educació de Barcelona', 'Barcelona'),
    (2, '17000002', 'Escola Sant Jordi', 'private_subsidised', 'Girona', 'Girona'),
    (3, '43000003', 'Escola Oficial d''Idiomes de Tarragona', 'public', 'Tarragona', 'Tarragona'),
    (4, '08000004', 'Escola d''Art del Treball', 'public', 'Consorci d''Educació de Barcelona', 'Barcelona');
INSERT INTO rp.teachers (id, name, centre_id)
SELECT t, 'Docent ' || t, 1 FROM generate_series(1, 80) AS t;
INSERT INTO rp.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    -- teachers_per_group
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28),
    (1, 2, '1r ESO B', '2018-2019', 'eso', 1, 28),
    (1, 3, '3r ESO A', '2018-2019', 'eso', 3, 28),
    (1, 4, '3r ESO B', '2018-2019', 'eso', 3, 28),
    (1, 5, '1r SMX', '2018-2019', 'fp', 1, 25),
    -- eso_split
    (1, 11, '2n ESO A', '2018-2019', 'eso', 2, 28),
    (1, 12, '2n ESO B', '2018-2019', 'eso', 2, 28),
    (1, 13, '4t ESO A', '2018-2019', 'eso', 4, 28),
    (1, 14, '2n ESO C', '2018-2019', 'eso', 2, 28),
    (1, 15, '2n ESO D', '2018-2019', 'eso', 2, 28),
    (2, 16, '2n ESO', '2018-2019', 'eso', 2, 28),
    -- batx_split
    (1, 21, '2n Batxillerat A', '2018-2019', 'batxillerat', 2, 26),
    (1, 22, '2n Batxillerat B', '2018-2019', 'batxillerat', 2, 25),
    (1, 23, '1r Batxillerat A', '2018-2019', 'batxillerat', 1, 30),
    -- attendance
    (3, 31, 'B1 Anglès', '2018-2019', 'eoi_ordinary', 3, 24),
    (4, 41, '1r Gràfica Publicitària', '2018-2019', 'arts', 1, 20);

-- Sessions of a group, one per spec: 'Mon 08:00-09:00 Subject' with an
-- optional half ('h1', 'h2') and teacher ('t=3') at the end.
CREATE FUNCTION pg_temp.lessons(centre bigint, grp bigint, VARIADIC specs text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rp.sessions (centre_id, group_id, school_year, regime, slot, subject, split_half, teacher_id)
    SELECT g.centre_id, g.id, g.school_year, g.regime, schooltime.slot(m[1]), m[2],
           substring(m[3] FROM '\d')::smallint, substring(m[4] FROM '\d+')::bigint
    FROM rp.class_groups AS g,
         unnest(specs) AS spec,
         regexp_match(spec, '^(\S+ \S+) (.+?)( h[12])?( t=\d+)?$') AS m
    WHERE g.centre_id = centre AND g.id = grp;
END
$$;
-- n one-hour sessions of subjects that are in no area ('Matèria 1'...),
-- three a day from 08:00, taught by n teachers from first_teacher on.
CREATE FUNCTION pg_temp.teachers(centre bigint, grp bigint, n integer, first_teacher integer) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO rp.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
    SELECT g.centre_id, g.id, g.school_year, g.regime,
           schooltime.weekslot(1 + (k - 1) / 3, time '08:00' + (k - 1) % 3 * interval '1 hour',
                               time '09:00' + (k - 1) % 3 * interval '1 hour'),
           'Matèria ' || k, first_teacher + k - 1
    FROM rp.class_groups AS g, generate_series(1, n) AS k
    WHERE g.centre_id = centre AND g.id = grp
$$;

------------------------------------------------------------------------
-- Subject areas: the first area whose pattern matches, case-insensitively,
-- in Catalan, Spanish and English
SELECT s AS subject, subject_area(s) AS area
FROM unnest(ARRAY['Tecnologia', 'Tecnología', 'Technology', 'Tecnologia i Digitalització', 'TECNOLOGIA',
                  'Tecnologia industrial', 'Tecnología e Ingeniería', 'Electrotècnia',
                  'Ciències de la Naturalesa', 'CIÈNCIES DE LA NATURALESA', 'Ciencias naturales', 'Natural Science',
                  'Biologia i geologia', 'Biología', 'Geologia', 'Ciències de la Terra', 'Física', 'Física i química',
                  'Química', 'Chemistry', 'Educació física', 'Educación Física', 'Physical Education',
                  'Anglès', 'ANGLÈS', 'Inglés', 'English', 'Francès', 'Alemany', 'Primera llengua estrangera',
                  'Segona llengua estrangera: francès', 'Llengua catalana i literatura', 'Català', 'Lengua catalana',
                  'Llengua castellana i literatura', 'Castellà', 'Castellano', 'Italià', 'Spanish', 'Español',
                  'Matemàtiques', 'Història de Catalunya', 'Angleterra i el món', 'Tutoria']) AS s;

------------------------------------------------------------------------
-- teachers_per_group (4.2): schooltime's reading, at most 10 different
-- teachers in ESO 1r-2n and 12 in 3r-4t; none for FP
SELECT pg_temp.teachers(1, 1, 10, 1);    -- 1r ESO A: 10, the limit
SELECT pg_temp.teachers(1, 2, 11, 11);   -- 1r ESO B: 11, one more
SELECT pg_temp.teachers(1, 3, 12, 22);   -- 3r ESO A: 12, the limit
SELECT pg_temp.teachers(1, 4, 13, 34);   -- 3r ESO B: 13, one more
SELECT pg_temp.teachers(1, 5, 14, 47);   -- 1r SMX: no limit for FP
-- recess entries, sessions without a teacher and a teacher's second session do not add teachers
SELECT pg_temp.lessons(1, 1, 'Fri 08:00-09:00 Matèria 1 t=1', 'Fri 09:00-09:30 Esbarjo', 'Fri 09:30-10:30 Estudi');
UPDATE rp.sessions SET kind = 'recess' WHERE group_id = 1 AND subject = 'Esbarjo';

------------------------------------------------------------------------
-- eso_split (4.1.1.1): public ESO, one weekly split session of Tecnologia
-- and Ciències de la Naturalesa (1r-3r) and of the foreign language (1r-4t)

-- 2n ESO A: every subject split once; Ciències by halves of biology and physics
SELECT pg_temp.lessons(1, 11,
    'Mon 08:00-09:00 Tecnologia', 'Mon 09:00-10:00 Tecnologia h1', 'Mon 09:00-10:00 Tecnologia h2',
    'Tue 08:00-09:00 Biologia i geologia h1', 'Tue 08:00-09:00 Física i química h2',
    'Wed 08:00-09:00 Física i química h1', 'Wed 08:00-09:00 Biologia i geologia h2',
    'Thu 08:00-09:00 Anglès h1', 'Thu 08:00-09:00 Anglès h2', 'Thu 09:00-10:00 Anglès',
    'Fri 08:00-09:00 Educació física', 'Fri 09:00-10:00 Matemàtiques');
-- 2n ESO B: Tecnologia only with the whole group
SELECT pg_temp.lessons(1, 12,
    'Mon 08:00-09:00 Tecnologia', 'Mon 09:00-10:00 Tecnologia',
    'Tue 08:00-09:00 Ciències de la naturalesa h1', 'Tue 08:00-09:00 Ciències de la naturalesa h2',
    'Thu 08:00-09:00 Anglès h1', 'Thu 08:00-09:00 Anglès h2');
-- 4t ESO A: Tecnologia is not split in 4t, the foreign language is
SELECT pg_temp.lessons(1, 13,
    'Mon 08:00-09:00 Tecnologia', 'Mon 09:00-10:00 English', 'Tue 09:00-10:00 English');
-- 2n ESO C: half 1 has Tecnologia while half 2 has Anglès, and never the
-- other way round: neither subject is split; a group with no Ciències is not asked to split them
SELECT pg_temp.lessons(1, 14,
    'Mon 08:00-09:00 Tecnologia h1', 'Mon 08:00-09:00 Anglès h2',
    'Tue 08:00-09:00 Tecnologia h1', 'Tue 08:00-09:00 Anglès h2');
-- 2n ESO D: the split session of Tecnologia is named "Taller", pinned to the area
SELECT pg_temp.lessons(1, 15,
    'Mon 08:00-09:00 Tecnologia', 'Tue 08:00-09:00 Taller h1', 'Tue 08:00-09:00 Taller h2');
INSERT INTO rp.session_subject_areas (centre_id, session_id, area)
SELECT centre_id, id, 'technology' FROM rp.sessions WHERE group_id = 15 AND subject = 'Taller';
-- a private centre is not bound
SELECT pg_temp.lessons(2, 16, 'Mon 08:00-09:00 Tecnologia', 'Mon 09:00-10:00 Anglès');

------------------------------------------------------------------------
-- batx_split (4.1.1.1): public batxillerat groups of more than 25 pupils,
-- experimental and technological modality subjects and the foreign
-- language, in 2n also Catalan and Spanish

-- 2n Batxillerat A, 26 pupils: Castellano is not split
SELECT pg_temp.lessons(1, 21,
    'Mon 08:00-09:00 Física h1', 'Mon 08:00-09:00 Física h2', 'Mon 09:00-10:00 Física',
    'Tue 08:00-09:00 Llengua catalana i literatura h1', 'Tue 08:00-09:00 Llengua catalana i literatura h2',
    'Wed 08:00-09:00 Castellano', 'Wed 09:00-10:00 Castellano',
    'Thu 08:00-09:00 Anglès h1', 'Thu 08:00-09:00 Anglès h2', 'Fri 08:00-09:00 Filosofia');
-- 2n Batxillerat B, 25 pupils: nothing split, and nothing asked
SELECT pg_temp.lessons(1, 22,
    'Mon 08:00-09:00 Física', 'Tue 08:00-09:00 Llengua catalana', 'Wed 08:00-09:00 Castellano', 'Thu 08:00-09:00 Anglès');
-- 1r Batxillerat A, 30 pupils: Catalan need not be split in 1r; Química must
SELECT pg_temp.lessons(1, 23,
    'Mon 08:00-09:00 Química', 'Mon 09:00-10:00 Química', 'Tue 08:00-09:00 Llengua catalana',
    'Wed 08:00-09:00 Anglès h1', 'Wed 08:00-09:00 Anglès h2', 'Thu 08:00-09:00 Dibuix tècnic');

------------------------------------------------------------------------
-- optional_ratio (4.1.1.1): at most 20 pupils on average per
-- optional-subject group of a public centre's stage
INSERT INTO rp.optional_subject_groups (centre_id, school_year, regime, level, subject, pupils) VALUES
    (1, '2018-2019', 'eso', 1, 'Robòtica', 20), (1, '2018-2019', 'eso', 1, 'Teatre', 18),
    (1, '2018-2019', 'eso', 2, 'Cuina', 22),                                         -- 60 / 3 = 20
    (1, '2018-2019', 'batxillerat', 1, 'Psicologia', 21), (1, '2018-2019', 'batxillerat', 1, 'Música', 20),
    (1, '2018-2019', 'batxillerat', 2, 'Alemany', 20),                               -- 61 / 3 = 20.33...
    (2, '2018-2019', 'eso', 1, 'Robòtica', 30);                                      -- private: not bound

------------------------------------------------------------------------
-- attendance (3.2): above 35 % (EOI) or 20 % (arts) of lective time
INSERT INTO rp.pupil_attendance (centre_id, group_id, pupil, lective_minutes, unjustified_minutes) VALUES
    (3, 31, 'Anna Puig', 10000, 3500),       -- exactly 35 %: keeps it
    (3, 31, 'Bernat Roca', 10000, 3501),     -- 35.01 %: loses it
    (3, 31, 'Carla Soler', 0, 0),            -- no lective time yet
    (4, 41, 'Dídac Vila', 1000, 200),        -- exactly 20 %
    (4, 41, 'Elna Mas', 1000, 200.5),        -- 20.05 %
    (1, 11, 'Ferran Pons', 1000, 900);       -- ESO: no threshold
SELECT code, constraint_name, message FROM pg_temp.error_of(
    $$INSERT INTO rp.pupil_attendance (centre_id, group_id, pupil, lective_minutes, unjustified_minutes) VALUES (3, 31, 'Gina', 100, 101)$$);

------------------------------------------------------------------------
-- Exactly one row per case above, and nothing else
SELECT rule, severity, sections, centre_id, subject, subject_id, subject_name, weekday, day, slot,
       measured, limit_value, unit, authorisation_id
FROM report_rule_violations('rp');
SELECT rule, message, detail, hint FROM report_rule_violations('rp');

-- one centre, one group (a group leaves out the centre's optional_ratio)
SELECT rule, subject_id, subject_name FROM report_rule_violations('rp', 4);
SELECT rule, subject_id, subject_name FROM report_rule_violations('rp', 1, 21);
SELECT rule, subject_id, subject_name FROM report_rule_violations('rp', group_id => 12);
SELECT count(*) FROM report_rule_violations('rp', 2);

-- a model or a schema that is not one
SELECT code, message, hint FROM pg_temp.error_of($$SELECT * FROM report_rule_violations(NULL)$$);
SELECT code, message, hint FROM pg_temp.error_of($$SELECT * FROM report_rule_violations('no_such_schema')$$);

------------------------------------------------------------------------
-- Figures and severities are data: a department's edit changes the report
BEGIN;
UPDATE group_teacher_limits SET max_teachers = 11 WHERE school_year = '2018-2019' AND regime = 'eso' AND first_level = 1;
UPDATE split_requirements SET pupils_above = 26 WHERE school_year = '2018-2019' AND regime = 'batxillerat';
UPDATE optional_group_limits SET max_average_pupils = 20.5 WHERE school_year = '2018-2019' AND regime = 'batxillerat';
UPDATE attendance_thresholds SET max_absence_percent = 20.05 WHERE school_year = '2018-2019' AND regime = 'arts';
UPDATE rules SET severity = 'error' WHERE code = 'eso_split';
-- a department reads Dibuix tècnic as a technological modality subject
INSERT INTO subject_areas (area, position, pattern, name_en, name_ca, source)
VALUES ('technical_drawing', 75, '\mdibuix t.cnic', 'technical drawing', 'Dibuix Tècnic', 'A department''s reading (test).');
INSERT INTO split_requirements (school_year, regime, requirement, rule, subject_name, areas, first_level, last_level, pupils_above, section, source)
VALUES ('2018-2019', 'batxillerat', 'technical_drawing', 'batx_split', 'Dibuix Tècnic', '{technical_drawing}', 1, 2, 25, '4.1.1.1', 'A department''s reading (test).');
SELECT rule, severity, message FROM report_rule_violations('rp');
SELECT origin, count(*) FROM group_teacher_limits GROUP BY origin ORDER BY origin;
ROLLBACK;

-- a new school year carries the reports' figures over with the others; a
-- row the department entered for the new year first is kept
BEGIN;
INSERT INTO group_teacher_limits (school_year, regime, first_level, last_level, max_teachers, section, source)
VALUES ('2027-2028', 'eso', 1, 2, 9, '4.2', 'A department''s figure for 2027-2028 (test).');
SELECT carry_over_school_year('2018-2019', '2027-2028') > 0 AS copied;
SELECT t.table_name, n.from_2018, n.to_2027, n.carried
FROM (VALUES ('split_requirements'), ('optional_group_limits'), ('group_teacher_limits')) AS t (table_name)
CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE x.school_year = '2018-2019') AS from_2018,
           count(*) FILTER (WHERE x.school_year = '2027-2028') AS to_2027,
           count(*) FILTER (WHERE x.school_year = '2027-2028' AND x.origin = 'local'
                            AND x.source LIKE 'Carried over from 2018-2019 by % on ____-__-__; check it against the order of 2027-2028.') AS carried
    FROM (SELECT school_year, origin, source FROM split_requirements WHERE t.table_name = 'split_requirements'
          UNION ALL SELECT school_year, origin, source FROM optional_group_limits WHERE t.table_name = 'optional_group_limits'
          UNION ALL SELECT school_year, origin, source FROM group_teacher_limits WHERE t.table_name = 'group_teacher_limits') AS x
) AS n ORDER BY 1;
SELECT first_level, last_level, max_teachers, origin, source LIKE 'Carried over from 2018-2019 %' AS carried_over
FROM group_teacher_limits WHERE school_year = '2027-2028' AND regime = 'eso' ORDER BY first_level;
SELECT sum(s.areas_same::int) = count(*) AS split_areas_same
FROM (SELECT a.areas = b.areas AS areas_same FROM split_requirements AS a
      JOIN split_requirements AS b USING (regime, requirement)
      WHERE a.school_year = '2018-2019' AND b.school_year = '2027-2028') AS s;
ROLLBACK;

-- the catalogue's own guards: a pattern must be a regular expression, shipped rows stay
SELECT code, constraint_name, message FROM pg_temp.error_of(
    $$INSERT INTO schooltime.subject_areas (area, position, pattern, name_en, name_ca, source) VALUES ('bad', 999, '(', 'bad', 'bad', 'test')$$);
SELECT code, message FROM pg_temp.error_of($$DELETE FROM schooltime.group_teacher_limits WHERE regime = 'eso'$$);

-- the model part is idempotent: upgrading a current model changes nothing
SET client_min_messages = warning;
SELECT upgrade_model('rp');
RESET client_min_messages;
SELECT count(*) FROM report_rule_violations('rp');

SET client_min_messages = warning;
DROP SCHEMA rp CASCADE;
RESET client_min_messages;
