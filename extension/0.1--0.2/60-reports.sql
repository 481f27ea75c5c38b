-- Reports for analysts (issue 6): the rules no write can break, because
-- they are about how a centre spends its resources (teachers_per_group,
-- eso_split, batx_split, optional_ratio) or about pupils rather than the
-- timetable (attendance).  They have no trigger; schooltime.check() lists
-- them through schooltime.report_rule_violations(), and every figure they
-- use is in the catalogue tables below.

------------------------------------------------------------------------
-- Catalogue: subject areas, split sessions, optional subjects, teachers per group

CREATE TABLE schooltime.subject_areas (
    area       text PRIMARY KEY CONSTRAINT area_format CHECK (area ~ '^[a-z][a-z0-9_]*$'),
    position   integer NOT NULL CONSTRAINT position_unique UNIQUE,
    pattern    text NOT NULL CONSTRAINT pattern_is_regex CHECK (('' ~* pattern) IS NOT NULL),
    name_en    text NOT NULL,
    name_ca    text NOT NULL,
    source     text NOT NULL,
    origin     schooltime.catalogue_origin NOT NULL DEFAULT 'local'
);
COMMENT ON TABLE schooltime.subject_areas IS
'Subject areas the split-session rules name (Tecnologia, Ciències de la Naturalesa, Llengua Estrangera...), each with a case-insensitive regular expression matched against sessions.subject; a session belongs to the first area, in position order, whose pattern matches (a model''s session_subject_areas can pin it to another).';
COMMENT ON COLUMN schooltime.subject_areas.area IS 'code of the area, as split_requirements and session_subject_areas name it';
COMMENT ON COLUMN schooltime.subject_areas.position IS 'areas are tried in this order; the first whose pattern matches wins, so that "Educació física" is physical education before "física" is physics';
COMMENT ON COLUMN schooltime.subject_areas.pattern IS 'POSIX regular expression matched with ~* (case-insensitive) against the subject; accented letters are written as "." and a word''s end after one as ($|[^a-z]), because whether a non-ASCII letter folds case or is a word character depends on the database''s locale';
COMMENT ON COLUMN schooltime.subject_areas.name_en IS 'name of the area in English';
COMMENT ON COLUMN schooltime.subject_areas.name_ca IS 'name of the area in Catalan, as the document writes it';
COMMENT ON COLUMN schooltime.subject_areas.source IS 'where the area and its pattern come from';

INSERT INTO schooltime.subject_areas (area, position, pattern, name_en, name_ca, source, origin)
SELECT a, p, r, en, ca, s, 'shipped'
FROM (VALUES
    ('physical_education', 10, 'educaci.n? f.sica|physical education',
     'physical education', 'Educació Física',
     'schooltime: listed before physics so that "Educació física" is not read as Física.'),
    ('second_foreign_language', 20, 'segona llengua estrangera|segunda lengua extranjera|second foreign language',
     'second foreign language', 'Segona Llengua Estrangera',
     'schooltime: an optional subject, kept apart from the foreign language that section 4.1.1.1 splits.'),
    ('foreign_language', 30, 'llengua estrangera|lengua extranjera|foreign language|\m(angl.sa?|ingl.sa?|english|franc.sa?|french|alemany|alemanya|alem.n|alemana|german|itali.|italiana|italiano|italian)($|[^a-z])',
     'foreign language', 'Llengua Estrangera',
     'Organització del temps escolar 2018, 4.1.1.1 ("Llengua Estrangera"); the language names are schooltime''s.'),
    ('catalan', 40, '\mcatal(ana|.n|.)($|[^a-z])',
     'Catalan language and literature', 'Llengua Catalana i Literatura',
     'Organització del temps escolar 2018, 4.1.1.1 ("Llengua Catalana i Literatura").'),
    ('spanish', 50, '\mcastell(ana|ano|.)($|[^a-z])|\mspanish\M|\mespa.ol\M',
     'Spanish language and literature', 'Llengua Castellana i Literatura',
     'Organització del temps escolar 2018, 4.1.1.1 ("Llengua Castellana i Literatura").'),
    ('industrial_technology', 60, 'tecnolog.a (industrial|i enginyeria|e ingenier.a)|industrial technology|technology and engineering',
     'industrial technology', 'Tecnologia Industrial',
     'Batxillerat modality subject of a technological character (4.1.1.1); the names are schooltime''s reading (Tecnologia Industrial, later Tecnologia i Enginyeria).'),
    ('electrotechnics', 70, '\melectrot.cni|\melectrotechn',
     'electrotechnics', 'Electrotècnia',
     'Batxillerat modality subject of a technological character (4.1.1.1); schooltime''s reading.'),
    ('technology', 80, '\mtecnolog|\mtechnolog',
     'technology', 'Tecnologia',
     'Organització del temps escolar 2018, 4.1.1.1 ("Tecnologia", ESO).'),
    ('physics', 90, '\mf.sica\M|\mphysics\M',
     'physics', 'Física',
     'Batxillerat modality subject of an experimental character (4.1.1.1); in ESO part of Ciències de la Naturalesa. schooltime''s reading.'),
    ('chemistry', 100, '\mqu.mica\M|\mchemistry\M',
     'chemistry', 'Química',
     'Batxillerat modality subject of an experimental character (4.1.1.1); in ESO part of Ciències de la Naturalesa. schooltime''s reading.'),
    ('biology', 110, '\mbiolog',
     'biology', 'Biologia',
     'Batxillerat modality subject of an experimental character (4.1.1.1); in ESO part of Ciències de la Naturalesa. schooltime''s reading.'),
    ('geology', 120, '\mgeolog|ci.ncies de la terra|ciencias de la tierra|earth science',
     'geology and earth sciences', 'Geologia i Ciències de la Terra',
     'Batxillerat modality subject of an experimental character (4.1.1.1); in ESO part of Ciències de la Naturalesa. schooltime''s reading.'),
    ('natural_sciences', 130, 'ci.ncies (de la )?natur|ciencias (de la )?natur|natural science',
     'natural sciences', 'Ciències de la Naturalesa',
     'Organització del temps escolar 2018, 4.1.1.1 ("Ciències de la Naturalesa", ESO).')
) AS v (a, p, r, en, ca, s);

CREATE TABLE schooltime.split_requirements (
    school_year         schooltime.school_year NOT NULL,
    regime              schooltime.regime NOT NULL,
    requirement         text NOT NULL CONSTRAINT requirement_format CHECK (requirement ~ '^[a-z][a-z0-9_]*$'),
    rule                text NOT NULL CONSTRAINT rule_is_split CHECK (rule IN ('eso_split', 'batx_split')),
    subject_name        text NOT NULL,
    areas               text[] NOT NULL CONSTRAINT areas_not_empty CHECK (cardinality(areas) > 0),
    first_level         smallint NOT NULL CONSTRAINT first_level_in_range CHECK (first_level BETWEEN 1 AND 6),
    last_level          smallint NOT NULL CONSTRAINT last_level_in_range CHECK (last_level BETWEEN first_level AND 6),
    pupils_above        integer CONSTRAINT pupils_above_not_negative CHECK (pupils_above >= 0),
    public_only         boolean NOT NULL DEFAULT true,
    min_split_sessions  integer NOT NULL DEFAULT 1 CONSTRAINT min_split_sessions_positive CHECK (min_split_sessions > 0),
    section             text NOT NULL,
    source              text NOT NULL,
    origin              schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    PRIMARY KEY (school_year, regime, requirement)
);
COMMENT ON TABLE schooltime.split_requirements IS
'Split sessions a group is expected to have (rules eso_split and batx_split, section 4.1.1.1): for groups of a regime and course levels (and, where pupils_above is set, of more pupils than that), at least min_split_sessions weekly sessions of the subject split in two halves. Checked only for groups that have sessions of the subject''s areas.';
COMMENT ON COLUMN schooltime.split_requirements.requirement IS 'code of the requirement, unique within the year and regime';
COMMENT ON COLUMN schooltime.split_requirements.rule IS 'the rule a missing split breaks: eso_split or batx_split';
COMMENT ON COLUMN schooltime.split_requirements.subject_name IS 'the subject as the document names it, for messages';
COMMENT ON COLUMN schooltime.split_requirements.areas IS 'the subject_areas whose sessions count for the subject (Ciències de la Naturalesa in ESO counts biology, geology, physics and chemistry)';
COMMENT ON COLUMN schooltime.split_requirements.first_level IS 'first course level the requirement binds';
COMMENT ON COLUMN schooltime.split_requirements.last_level IS 'last course level the requirement binds';
COMMENT ON COLUMN schooltime.split_requirements.pupils_above IS 'the requirement binds only groups with more pupils than this (25 for batxillerat); NULL: every group';
COMMENT ON COLUMN schooltime.split_requirements.public_only IS 'the requirement binds public centres only';
COMMENT ON COLUMN schooltime.split_requirements.min_split_sessions IS 'fewest split sessions a week: a split session is a session of half 1 and a session of half 2 (split_half 1 and 2) of the subject';
COMMENT ON COLUMN schooltime.split_requirements.section IS 'section of the document';
COMMENT ON COLUMN schooltime.split_requirements.source IS 'where the requirement comes from, and what is schooltime''s reading';

INSERT INTO schooltime.split_requirements
    (school_year, regime, requirement, rule, subject_name, areas, first_level, last_level, pupils_above, section, source, origin)
SELECT y.y, r.regime, r.requirement, r.rule, r.subject_name, r.areas, r.first_level, r.last_level, r.pupils_above, '4.1.1.1',
       CASE WHEN y.y = '2018-2019' THEN 'Organització del temps escolar 2018, 4.1.1.1.' ELSE 'Carried over from the 2018-2019 document; unconfirmed for ' || y.y || '.' END
       || r.note, 'shipped'
FROM (VALUES ('2018-2019'), ('2020-2021')) AS y (y)
CROSS JOIN (VALUES
    ('eso'::schooltime.regime, 'technology', 'eso_split', 'Tecnologia', '{technology}'::text[], 1, 3, NULL::integer, ''),
    ('eso', 'natural_sciences', 'eso_split', 'Ciències de la Naturalesa', '{natural_sciences,biology,geology,physics,chemistry}', 1, 3, NULL,
     ' Its sessions of biology, geology, physics and chemistry count as Ciències de la Naturalesa (schooltime''s reading).'),
    ('eso', 'foreign_language', 'eso_split', 'Llengua Estrangera', '{foreign_language}', 1, 4, NULL, ''),
    ('batxillerat', 'physics', 'batx_split', 'Física', '{physics}', 1, 2, 25,
     ' Which subjects are the modality subjects of an experimental and technological character is schooltime''s reading.'),
    ('batxillerat', 'chemistry', 'batx_split', 'Química', '{chemistry}', 1, 2, 25,
     ' Which subjects are the modality subjects of an experimental and technological character is schooltime''s reading.'),
    ('batxillerat', 'biology', 'batx_split', 'Biologia', '{biology}', 1, 2, 25,
     ' Which subjects are the modality subjects of an experimental and technological character is schooltime''s reading.'),
    ('batxillerat', 'geology', 'batx_split', 'Geologia i Ciències de la Terra', '{geology}', 1, 2, 25,
     ' Which subjects are the modality subjects of an experimental and technological character is schooltime''s reading.'),
    ('batxillerat', 'industrial_technology', 'batx_split', 'Tecnologia Industrial', '{industrial_technology}', 1, 2, 25,
     ' Which subjects are the modality subjects of an experimental and technological character is schooltime''s reading.'),
    ('batxillerat', 'electrotechnics', 'batx_split', 'Electrotècnia', '{electrotechnics}', 1, 2, 25,
     ' Which subjects are the modality subjects of an experimental and technological character is schooltime''s reading.'),
    ('batxillerat', 'foreign_language', 'batx_split', 'Llengua Estrangera', '{foreign_language}', 1, 2, 25, ''),
    ('batxillerat', 'catalan', 'batx_split', 'Llengua Catalana i Literatura', '{catalan}', 2, 2, 25, ''),
    ('batxillerat', 'spanish', 'batx_split', 'Llengua Castellana i Literatura', '{spanish}', 2, 2, 25, '')
) AS r (regime, requirement, rule, subject_name, areas, first_level, last_level, pupils_above, note);

CREATE TABLE schooltime.optional_group_limits (
    school_year          schooltime.school_year NOT NULL,
    regime               schooltime.regime NOT NULL,
    max_average_pupils   numeric(6,2) NOT NULL CONSTRAINT max_average_pupils_positive CHECK (max_average_pupils > 0),
    public_only          boolean NOT NULL DEFAULT true,
    section              text NOT NULL,
    source               text NOT NULL,
    origin               schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    PRIMARY KEY (school_year, regime)
);
COMMENT ON TABLE schooltime.optional_group_limits IS
'Most pupils, on average, per group of the optional subjects of a centre''s stage (rule optional_ratio, section 4.1.1.1): ESO optional subjects (1r-3r), specific optional subjects and the research project (4t); batxillerat optional subjects that are not modality subjects.';
COMMENT ON COLUMN schooltime.optional_group_limits.max_average_pupils IS 'the average of pupils per optional-subject group may be at most this';
COMMENT ON COLUMN schooltime.optional_group_limits.public_only IS 'the limit binds public centres only';
COMMENT ON COLUMN schooltime.optional_group_limits.section IS 'section of the document';
COMMENT ON COLUMN schooltime.optional_group_limits.source IS 'where the figure comes from';

INSERT INTO schooltime.optional_group_limits (school_year, regime, max_average_pupils, section, source, origin)
SELECT y, r, 20, '4.1.1.1',
       CASE WHEN y = '2018-2019' THEN 'Organització del temps escolar 2018, 4.1.1.1.' ELSE 'Carried over from the 2018-2019 document; unconfirmed for ' || y || '.' END,
       'shipped'
FROM (VALUES ('2018-2019'), ('2020-2021')) AS years (y)
CROSS JOIN (VALUES ('eso'::schooltime.regime), ('batxillerat')) AS regimes (r);

CREATE TABLE schooltime.group_teacher_limits (
    school_year    schooltime.school_year NOT NULL,
    regime         schooltime.regime NOT NULL,
    first_level    smallint NOT NULL CONSTRAINT first_level_in_range CHECK (first_level BETWEEN 1 AND 6),
    last_level     smallint NOT NULL CONSTRAINT last_level_in_range CHECK (last_level BETWEEN first_level AND 6),
    max_teachers   integer CONSTRAINT max_teachers_positive CHECK (max_teachers > 0),
    section        text NOT NULL,
    source         text NOT NULL,
    origin         schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    PRIMARY KEY (school_year, regime, first_level)
);
COMMENT ON TABLE schooltime.group_teacher_limits IS
'Most distinct teachers a group''s sessions should have (rule teachers_per_group, section 4.2). The document asks for "the fewest, especially in the first courses" and gives no number: the shipped figures are schooltime''s reading, for each department to set.';
COMMENT ON COLUMN schooltime.group_teacher_limits.first_level IS 'first course level of the row';
COMMENT ON COLUMN schooltime.group_teacher_limits.last_level IS 'last course level of the row';
COMMENT ON COLUMN schooltime.group_teacher_limits.max_teachers IS 'most distinct teachers of the group''s sessions (recess entries not counted); NULL: no limit';
COMMENT ON COLUMN schooltime.group_teacher_limits.section IS 'section of the document';
COMMENT ON COLUMN schooltime.group_teacher_limits.source IS 'where the figure comes from: for every shipped row, schooltime''s own reading';

INSERT INTO schooltime.group_teacher_limits (school_year, regime, first_level, last_level, max_teachers, section, source, origin)
SELECT y, r, f, l, m, '4.2',
       'schooltime''s reading, not the document''s: section 4.2 asks that the number of different teachers per group be the minimum, especially in the first courses, and gives no figure. '
       || n || CASE WHEN y = '2018-2019' THEN '' ELSE ' Carried over from 2018-2019.' END,
       'shipped'
FROM (VALUES ('2018-2019'), ('2020-2021')) AS years (y)
CROSS JOIN (VALUES
    ('infantil'::schooltime.regime, 1, 3, 5, 'A tutor and the specialists of a 2n cicle group (English, music, physical education, religion).'),
    ('primaria', 1, 2, 5, 'First courses: a tutor and the specialists.'),
    ('primaria', 3, 6, 6, 'A tutor and the specialists, one more than in the first courses.'),
    ('eso', 1, 2, 10, 'First courses: fewer than the dozen subjects of the course, as grouping subjects by area allows.'),
    ('eso', 3, 4, 12, 'One teacher per subject of the course.'),
    ('batxillerat', 1, 2, 12, 'One teacher per subject of the course.')
) AS v (r, f, l, m, n);

SELECT schooltime.register_catalogue_table('schooltime.subject_areas', '{area}');
SELECT schooltime.register_catalogue_table('schooltime.split_requirements', '{school_year,regime,requirement}');
SELECT schooltime.register_catalogue_table('schooltime.optional_group_limits', '{school_year,regime}');
SELECT schooltime.register_catalogue_table('schooltime.group_teacher_limits', '{school_year,regime,first_level}');
GRANT SELECT ON schooltime.subject_areas, schooltime.split_requirements, schooltime.optional_group_limits,
    schooltime.group_teacher_limits TO PUBLIC;

-- optional_ratio is an average over a centre's optional-subject groups of a
-- stage: its violations are about the centre, and 0.1 filed it under group.
-- A department's own edit of the row (origin local) is left alone.
UPDATE schooltime.rules SET subject = 'centre' WHERE code = 'optional_ratio' AND origin = 'shipped';

------------------------------------------------------------------------
-- A new school year: the reports' figures are carried over too
--
-- 0.1's carry_over_school_year() knew only 0.1's year-keyed tables.  0.2
-- adds three more whose figures hold from one order to the next unless it
-- says otherwise (split requirements, optional-group averages, teachers per
-- group).  The calendar's tables are not carried over: they are dates, and
-- a year's dates are never those of another.

CREATE OR REPLACE FUNCTION schooltime.carry_over_school_year(source schooltime.school_year, target schooltime.school_year)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $carry$
DECLARE
    copied integer := 0;
    n integer;
    t record;
BEGIN
    IF source = target THEN
        RAISE EXCEPTION 'cannot carry school year % over to itself', source
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR t IN
        SELECT * FROM (VALUES
            ('timetable_limits', ARRAY['regime']),
            ('staff_limits', ARRAY[]::text[]),
            ('escort_ratios', ARRAY['stage', 'multi_day']),
            ('outing_limits', ARRAY[]::text[]),
            ('attendance_thresholds', ARRAY['regime']),
            ('split_requirements', ARRAY['regime', 'requirement']),
            ('optional_group_limits', ARRAY['regime']),
            ('group_teacher_limits', ARRAY['regime', 'first_level'])) AS v (table_name, other_keys)
    LOOP
        EXECUTE format(
            'INSERT INTO schooltime.%1$I '
            'SELECT (jsonb_populate_record(NULL::schooltime.%1$I, to_jsonb(s) || jsonb_build_object('
            '  ''school_year'', $2::text, ''origin'', ''local'','
            '  ''source'', format(''Carried over from %%s by %%s on %%s; check it against the order of %%s.'','
            '                     $1::text, current_user, to_char(current_date, ''YYYY-MM-DD''), $2::text)))).* '
            'FROM schooltime.%1$I AS s '
            'WHERE s.school_year = $1 AND NOT EXISTS ('
            '  SELECT FROM schooltime.%1$I AS u WHERE u.school_year = $2 %2$s)',
            t.table_name,
            (SELECT coalesce(string_agg(format('AND u.%1$I = s.%1$I', k), ' '), '') FROM unnest(t.other_keys) AS k))
        USING source, target;
        GET DIAGNOSTICS n = ROW_COUNT;
        copied := copied + n;
    END LOOP;
    RETURN copied;
END
$carry$;
COMMENT ON FUNCTION schooltime.carry_over_school_year(schooltime.school_year, schooltime.school_year) IS
'copies every year-keyed figure of the catalogue (timetable, staff, escort, outing and attendance limits, split requirements, optional-group averages, teachers per group) from one school year to another that lacks it, as local rows whose source says so; returns how many rows it copied. The calendar''s dates are not copied: enter each year''s from its order.';

------------------------------------------------------------------------
-- Small helpers for the reports' sentences

CREATE FUNCTION schooltime.section_text(section text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN section !~ '^[0-9]' THEN section
                WHEN strpos(section, ',') > 0 THEN 'sections ' || section
                ELSE 'section ' || section END
$$;
COMMENT ON FUNCTION schooltime.section_text(text) IS
'internal: a section as violations cite it, ''section 4.2'' or ''sections 3.2, 3.2.1''; a citation that is not a number stays as it is';

CREATE FUNCTION schooltime.course_text(first_level integer, last_level integer)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN first_level = last_level THEN o[first_level]
                ELSE o[first_level] || '-' || o[last_level] END
    FROM (SELECT ARRAY['1r', '2n', '3r', '4t', '5è', '6è'] AS o) AS ordinals
$$;
COMMENT ON FUNCTION schooltime.course_text(integer, integer) IS
'internal: course levels as Catalan writes them, ''1r-3r'' or ''2n''';

CREATE FUNCTION schooltime.number_text(value numeric)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT trim_scale(value)::text $$;
COMMENT ON FUNCTION schooltime.number_text(numeric) IS
'internal: a figure without trailing zeros, ''35'' or ''20.5''';

------------------------------------------------------------------------
-- Subject areas of sessions

CREATE FUNCTION schooltime.subject_area(subject text)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.area FROM schooltime.subject_areas AS a
    WHERE subject ~* a.pattern
    ORDER BY a.position
    LIMIT 1
$$;
COMMENT ON FUNCTION schooltime.subject_area(text) IS
'the subject area (schooltime.subject_areas) a session''s subject belongs to: the first area, in position order, whose pattern matches it case-insensitively; NULL if none does';

------------------------------------------------------------------------
-- Attendance (3.2)

CREATE FUNCTION schooltime.attendance_status(regime schooltime.regime, school_year text,
                                             lective_minutes numeric, unjustified_minutes numeric,
                                             OUT absence_percent numeric, OUT max_absence_percent numeric,
                                             OUT keeps_continuous_assessment boolean, OUT section text)
RETURNS record
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $status$
DECLARE
    threshold schooltime.attendance_thresholds;
BEGIN
    IF school_year !~ '^[0-9]{4}-[0-9]{4}$'
       OR substr(school_year, 6, 4)::integer <> substr(school_year, 1, 4)::integer + 1 THEN
        RAISE EXCEPTION 'invalid school year "%"', school_year
            USING ERRCODE = 'invalid_text_representation',
                  DETAIL = 'A school year is written as in the orders, such as 2018-2019.';
    END IF;
    IF lective_minutes < 0 OR unjustified_minutes < 0 THEN
        RAISE EXCEPTION 'lective and unjustified absent minutes cannot be negative'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('Lective minutes: %s; unjustified absent minutes: %s.', lective_minutes, unjustified_minutes),
                  HINT = 'Pass the minutes of lective time the pupil had so far and the minutes of it missed without justification.';
    END IF;
    IF unjustified_minutes > lective_minutes THEN
        RAISE EXCEPTION 'unjustified absent minutes (%) exceed the lective minutes (%)', unjustified_minutes, lective_minutes
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A pupil cannot miss more lective time than there was.',
                  HINT = 'Count the absences over the same stretch of the course as the lective minutes.';
    END IF;
    SELECT * INTO threshold FROM schooltime.attendance_thresholds AS t
    WHERE t.school_year = attendance_status.school_year AND t.regime = attendance_status.regime;
    IF NOT FOUND AND NOT EXISTS (SELECT FROM schooltime.attendance_thresholds AS t
                                 WHERE t.school_year = attendance_status.school_year) THEN
        RAISE EXCEPTION 'the catalogue has no attendance thresholds for school year %', school_year
            USING ERRCODE = 'no_data_found',
                  HINT = 'Insert the year''s rows into schooltime.attendance_thresholds, or call schooltime.carry_over_school_year().';
    END IF;
    -- Rounded up to hundredths, so that a share shown above the threshold
    -- is one that loses continuous assessment, and one shown at it keeps it.
    absence_percent := CASE WHEN lective_minutes = 0 THEN 0.00
                            ELSE round(ceil(unjustified_minutes * 10000 / lective_minutes) / 100, 2) END;
    IF threshold.regime IS NULL THEN
        RETURN;
    END IF;
    max_absence_percent := threshold.max_absence_percent;
    keeps_continuous_assessment := NOT (unjustified_minutes * 100 > threshold.max_absence_percent * lective_minutes);
    section := threshold.section;
END
$status$;
COMMENT ON FUNCTION schooltime.attendance_status(schooltime.regime, text, numeric, numeric) IS
'attendance (section 3.2) of one pupil: the share of lective time missed without justification (in percent, rounded up to hundredths), the regime''s threshold from schooltime.attendance_thresholds, whether the pupil keeps continuous assessment (a share above the threshold loses it, one equal to it keeps it) and the section; threshold, verdict and section are NULL for a regime with no threshold in that year. Refuses negative minutes and absences above the lective minutes (22023), a malformed year (22P02) and a year the catalogue has no thresholds for (P0002)';

CREATE FUNCTION schooltime.keeps_continuous_assessment(regime schooltime.regime, school_year text,
                                                       lective_minutes numeric, unjustified_minutes numeric)
RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT (schooltime.attendance_status(regime, school_year, lective_minutes, unjustified_minutes)).keeps_continuous_assessment
$$;
COMMENT ON FUNCTION schooltime.keeps_continuous_assessment(schooltime.regime, text, numeric, numeric) IS
'whether a pupil with these lective and unjustified absent minutes keeps continuous assessment (section 3.2): false when the absences are above the regime''s share of lective time (EOI 35 %, arts and sports 20 % in the shipped years), true at or below it; NULL for a regime with no threshold (the rule does not bind it). Errors as schooltime.attendance_status()';

------------------------------------------------------------------------
-- The model part: what the report rules read

CREATE FUNCTION schooltime.model_part_reports(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $part$
BEGIN
    EXECUTE format($sql$
        CREATE TABLE IF NOT EXISTS %1$I.session_subject_areas (
            centre_id   bigint NOT NULL,
            session_id  bigint NOT NULL,
            area        text NOT NULL CONSTRAINT session_area_format CHECK (area ~ '^[a-z][a-z0-9_]*$'),
            PRIMARY KEY (centre_id, session_id),
            FOREIGN KEY (centre_id, session_id) REFERENCES %1$I.sessions (centre_id, id)
                ON UPDATE CASCADE ON DELETE CASCADE
        );
        COMMENT ON TABLE %1$I.session_subject_areas IS 'Pins a session to a subject area (schooltime.subject_areas) when its subject''s name does not say it: the split-session reports (eso_split, batx_split) read this before matching the name.';
        COMMENT ON COLUMN %1$I.session_subject_areas.area IS 'code of a schooltime.subject_areas row; a code the catalogue does not have puts the session in no area';

        CREATE TABLE IF NOT EXISTS %1$I.optional_subject_groups (
            centre_id    bigint NOT NULL REFERENCES %1$I.centres ON UPDATE CASCADE,
            id           bigint GENERATED BY DEFAULT AS IDENTITY,
            school_year  schooltime.school_year NOT NULL,
            regime       schooltime.regime NOT NULL,
            level        smallint NOT NULL CHECK (level BETWEEN 1 AND 6),
            subject      text NOT NULL,
            pupils       integer NOT NULL CHECK (pupils >= 0),
            PRIMARY KEY (centre_id, id)
        );
        COMMENT ON TABLE %1$I.optional_subject_groups IS 'Groups of pupils of an optional subject (matèries optatives; in ESO 4t also the specific optional subjects and the research project; in batxillerat the optional subjects that are not modality subjects), with their pupils: rule optional_ratio averages them per centre, year and stage.';
        COMMENT ON COLUMN %1$I.optional_subject_groups.regime IS 'the stage whose optional subject it is: eso or batxillerat';
        COMMENT ON COLUMN %1$I.optional_subject_groups.level IS 'course of the pupils: 1 for 1r';
        COMMENT ON COLUMN %1$I.optional_subject_groups.subject IS 'the optional subject';
        COMMENT ON COLUMN %1$I.optional_subject_groups.pupils IS 'pupils enrolled in this group of the subject';

        CREATE TABLE IF NOT EXISTS %1$I.pupil_attendance (
            centre_id            bigint NOT NULL,
            id                   bigint GENERATED BY DEFAULT AS IDENTITY,
            group_id             bigint NOT NULL,
            pupil                text NOT NULL CHECK (btrim(pupil) <> ''),
            lective_minutes      numeric NOT NULL CHECK (lective_minutes >= 0),
            unjustified_minutes  numeric NOT NULL CHECK (unjustified_minutes >= 0),
            recorded_on          date,
            PRIMARY KEY (centre_id, id),
            UNIQUE (centre_id, group_id, pupil),
            CONSTRAINT absences_within_lective_time CHECK (unjustified_minutes <= lective_minutes),
            FOREIGN KEY (centre_id, group_id) REFERENCES %1$I.class_groups (centre_id, id)
                ON UPDATE CASCADE ON DELETE CASCADE
        );
        COMMENT ON TABLE %1$I.pupil_attendance IS 'A pupil''s lective minutes so far and the minutes of them missed without justification (section 3.2): rule attendance reports every pupil above the threshold of the group''s regime and year (schooltime.attendance_thresholds).';
        COMMENT ON COLUMN %1$I.pupil_attendance.group_id IS 'the pupil''s class group: its school year and regime pick the threshold';
        COMMENT ON COLUMN %1$I.pupil_attendance.pupil IS 'the pupil, by name or code, unique within the group';
        COMMENT ON COLUMN %1$I.pupil_attendance.lective_minutes IS 'lective minutes the pupil has had so far';
        COMMENT ON COLUMN %1$I.pupil_attendance.unjustified_minutes IS 'lective minutes missed without justification';
        COMMENT ON COLUMN %1$I.pupil_attendance.recorded_on IS 'the day the counts were taken';
    $sql$, schema_name);

    -- The compliance views: each runs schooltime.check() over the model once.
    EXECUTE format($sql$
        CREATE OR REPLACE VIEW %1$I.compliance_by_centre AS
        WITH v AS (SELECT * FROM schooltime.check(%2$L)),
             per_rule AS (SELECT v.centre_id, v.rule, count(*) AS n FROM v
                          WHERE v.authorisation_id IS NULL GROUP BY v.centre_id, v.rule)
        SELECT c.id AS centre_id, c.code, c.name, c.territory,
               (SELECT count(*) FROM %1$I.class_groups AS g WHERE g.centre_id = c.id) AS groups,
               count(v.rule) FILTER (WHERE v.authorisation_id IS NULL) AS violations,
               count(v.rule) FILTER (WHERE v.authorisation_id IS NULL AND v.severity = 'error') AS errors,
               count(v.rule) FILTER (WHERE v.authorisation_id IS NULL AND v.severity = 'warning') AS warnings,
               count(v.rule) FILTER (WHERE v.authorisation_id IS NOT NULL) AS authorised,
               coalesce((SELECT jsonb_object_agg(p.rule, p.n) FROM per_rule AS p WHERE p.centre_id = c.id), '{}') AS by_rule
        FROM %1$I.centres AS c
        LEFT JOIN v ON v.centre_id = c.id
        GROUP BY c.id;
        COMMENT ON VIEW %1$I.compliance_by_centre IS 'Compliance of each centre (schooltime.check()): its class groups, its violations (errors and warnings, and per rule in by_rule) and, apart, the authorised exceptions.';

        CREATE OR REPLACE VIEW %1$I.compliance_by_centre_rule AS
        SELECT c.id AS centre_id, c.name AS centre_name, c.territory, v.rule, v.severity,
               count(*) FILTER (WHERE v.authorisation_id IS NULL) AS violations,
               count(*) FILTER (WHERE v.authorisation_id IS NOT NULL) AS authorised
        FROM schooltime.check(%2$L) AS v
        JOIN %1$I.centres AS c ON c.id = v.centre_id
        GROUP BY c.id, v.rule, v.severity;
        COMMENT ON VIEW %1$I.compliance_by_centre_rule IS 'For each centre and each rule it breaks (schooltime.check()): the rule''s severity, its violations, and apart the authorised exceptions.';

        CREATE OR REPLACE VIEW %1$I.compliance_by_rule AS
        WITH v AS (SELECT * FROM schooltime.check(%2$L))
        SELECT r.code AS rule, r.severity, schooltime.section_text(array_to_string(r.sections, ', ')) AS sections, r.subject,
               count(v.rule) FILTER (WHERE v.authorisation_id IS NULL) AS violations,
               count(v.rule) FILTER (WHERE v.authorisation_id IS NOT NULL) AS authorised,
               count(DISTINCT v.centre_id) FILTER (WHERE v.authorisation_id IS NULL) AS centres,
               count(DISTINCT (v.subject, v.subject_id)) FILTER (WHERE v.rule IS NOT NULL AND v.authorisation_id IS NULL) AS subjects
        FROM schooltime.rules AS r
        LEFT JOIN v ON v.rule = r.code
        GROUP BY r.code;
        COMMENT ON VIEW %1$I.compliance_by_rule IS 'Every rule of schooltime.rules across the whole model (schooltime.check()): its violations, the centres and the subjects (groups, teachers, outings, pupils...) that break it, and apart the authorised exceptions.';

        CREATE OR REPLACE VIEW %1$I.compliance_by_territory_rule AS
        SELECT c.territory, v.rule, v.severity,
               count(*) FILTER (WHERE v.authorisation_id IS NULL) AS violations,
               count(*) FILTER (WHERE v.authorisation_id IS NOT NULL) AS authorised,
               count(DISTINCT v.centre_id) FILTER (WHERE v.authorisation_id IS NULL) AS centres
        FROM schooltime.check(%2$L) AS v
        JOIN %1$I.centres AS c ON c.id = v.centre_id
        GROUP BY c.territory, v.rule, v.severity;
        COMMENT ON VIEW %1$I.compliance_by_territory_rule IS 'For each territory (centres.territory) and each rule broken there (schooltime.check()): the violations, the centres that break it, and apart the authorised exceptions.';
    $sql$, schema_name, schema_name);
END
$part$;
COMMENT ON FUNCTION schooltime.model_part_reports(name) IS
'model part "reports": the sessions'' pinned subject areas, the optional-subject groups and the pupils'' attendance that the report-only rules read, and the compliance views compliance_by_centre, compliance_by_centre_rule, compliance_by_rule and compliance_by_territory_rule';
INSERT INTO schooltime.model_parts VALUES
    ('reports', 60, 'schooltime.model_part_reports(name)', 'what the report-only rules read: subject areas pinned to sessions, optional-subject groups, pupils'' attendance; and the compliance views');
