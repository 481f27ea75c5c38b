-- Every figure keyed by school year, for every year from 2019-2020 to
-- 2026-2027 (issue 14), so that a fresh install works for the current
-- school year with no catalogue edit.  What a year's order says is cited;
-- the rest is carried over from the 2018 document ("Organització del temps
-- escolar") and says "unconfirmed" in source, as 0.1 did for 2020-2021.
-- The figures are written out here rather than copied from the table, so
-- that an upgraded catalogue and a fresh one ship the same rows whatever a
-- department changed; a key the department already holds keeps its row.

------------------------------------------------------------------------
-- Timetables: the windows the orders give, the 2018 document's figures

INSERT INTO schooltime.timetable_limits
    (school_year, regime, section, window_start, window_end,
     session_min_minutes, session_max_minutes, continuous_max_minutes, daily_max_minutes,
     daily_span_max_minutes, recess_is_lective, weekly_min_minutes, weekly_max_minutes,
     max_free_afternoons, single_shift,
     morning_min_minutes, morning_max_minutes, afternoon_min_minutes, afternoon_max_minutes,
     day_end_not_before, midday_break_min_minutes,
     indicative_daily_minutes, indicative_morning_minutes, indicative_afternoon_minutes,
     course_min_hours, source, origin)
SELECT y.school_year, f.regime, f.section,
       CASE WHEN f.regime IN ('infantil', 'primaria') THEN y.primary_start ELSE f.window_start END::schooltime.minute_time,
       CASE WHEN f.regime IN ('eso', 'batxillerat', 'fp') THEN y.secondary_end ELSE f.window_end END::schooltime.minute_time,
       f.session_min, f.session_max, f.continuous_max, f.daily_max, f.daily_span_max,
       f.recess_is_lective, f.weekly_min, f.weekly_max, f.max_free_afternoons, f.single_shift,
       f.morning_min, f.morning_max, f.afternoon_min, f.afternoon_max,
       f.day_end_not_before::schooltime.minute_time, f.midday_break_min,
       f.indicative_daily, f.indicative_morning, f.indicative_afternoon, f.course_min_hours,
       y.source || f.note, 'shipped'
FROM (VALUES
    ('2019-2020', '08:30', '19:00',
     'Ordre EDU/56/2019 (calendar order for 2019-2020): its timetable figures are not collected. Every figure is carried over from the 2018-2019 document and order and is unconfirmed for 2019-2020.'),
    ('2021-2022', '08:30', '18:00',
     'Ordre EDU/119/2021 (calendar order for 2021-2022): infantil and primària from 08:30 (catalunyapress.cat, 2021-06). The secondary window (08:00-18:00) is carried over from 2020-2021, and every other figure from the 2018-2019 document: unconfirmed for 2021-2022.'),
    ('2022-2023', '08:30', '18:00',
     'Ordre EDU/113/2022 (calendar order for 2022-2023), as summarised by canyajove.cat: ESO between 08:00 and 18:00; infantil and primària between 08:30 and 18:00, 5 lective hours a day, 3 or 3.5 in the morning and 1.5 or 2 in the afternoon, not ending before 16:00. The batxillerat and FP windows follow ESO''s, and every other figure is carried over from the 2018-2019 document: unconfirmed for 2022-2023.'),
    ('2023-2024', '08:30', '18:00',
     'Ordre EDU/133/2023 (calendar order for 2023-2024): its timetable figures are not collected. The windows are carried over from 2022-2023, and every other figure from the 2018-2019 document: unconfirmed for 2023-2024.'),
    ('2024-2025', '08:30', '18:00',
     'Ordre EDU/104/2024 (calendar order for 2024-2025): its timetable figures are not collected. The windows are carried over from 2022-2023, and every other figure from the 2018-2019 document: unconfirmed for 2024-2025.'),
    ('2025-2026', '08:30', '18:00',
     'Calendar order for 2025-2026: its timetable figures are not collected. The windows are carried over from 2022-2023, and every other figure from the 2018-2019 document: unconfirmed for 2025-2026.'),
    ('2026-2027', '08:30', '18:00',
     'Proposed calendar order for 2026-2027: its timetable figures are not collected. The windows are carried over from 2022-2023, and every other figure from the 2018-2019 document: unconfirmed for 2026-2027.')
) AS y (school_year, primary_start, secondary_end, source)
CROSS JOIN (VALUES
    -- regime, section, window, session bounds, continuous, daily max, daily span, recess lective, weekly min/max,
    -- free afternoons, single shift, primary morning/afternoon, end not before, midday break, indicative day, course hours, note
    -- (as 0.1 ships them for 2018-2019)
    ('infantil'::schooltime.regime, 'Ordre ENS/60/2018', '08:30', '18:00', NULL::int, NULL::int, NULL::int, 300, NULL::int, true, 1500, 1500,
     NULL::int, false, 180, 210, 90, 120, '16:00', 120, NULL::int, NULL::int, NULL::int, NULL::int,
     ' The two-hour midday interval is from publica.cat''s summary of the 2018-2019 order and is unconfirmed against its text.'),
    ('primaria', 'Ordre ENS/60/2018', '08:30', '18:00', NULL, NULL, NULL, 300, NULL, true, 1500, 1500,
     NULL, false, 180, 210, 90, 120, '16:00', 120, NULL, NULL, NULL, NULL,
     ' The two-hour midday interval is from publica.cat''s summary of the 2018-2019 order and is unconfirmed against its text.'),
    ('eso', '2.2.1', '08:00', '19:00', NULL, NULL, 180, 420, NULL, false, 1800, 1800,
     3, false, NULL, NULL, NULL, NULL, NULL, NULL, 360, 240, 120, NULL, ''),
    ('batxillerat', '2.2.1', '08:00', '19:00', NULL, NULL, 180, 420, NULL, false, 1800, 1800,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, 360, 240, 120, NULL,
     ' Research-work sessions are not counted in the 30 weekly hours.'),
    ('batxillerat_night', '2.2.2', '17:00', '24:00', NULL, NULL, NULL, NULL, 300, true, NULL, NULL,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     ' The 300-minute day includes 20 minutes of recess.'),
    ('fp', '2.2.1', '08:00', '19:00', NULL, NULL, 180, 420, NULL, false, NULL, NULL,
     NULL, true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     ' Other hours, or morning and afternoon, need the territorial services'' authorisation.'),
    ('adults', '2.3', '09:00', '22:00', NULL, NULL, NULL, NULL, NULL, false, NULL, NULL,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ''),
    ('eoi_ordinary', '2.4', '08:00', '22:00', 60, 150, NULL, NULL, NULL, false, 240, NULL,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 130, ''),
    ('eoi_intensive', '2.4', '08:00', '22:00', 60, 150, NULL, NULL, NULL, false, 480, NULL,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 130,
     ' The intensive timetable runs in its half of the course.'),
    ('eoi_blended', '2.4', '08:00', '22:00', 60, 150, NULL, NULL, NULL, false, 120, NULL,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 130,
     ' The weekly minimum counts presential hours.'),
    ('arts', '2.5', '08:00', '22:00', 60, 180, 180, 420, NULL, false, NULL, NULL,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     ' Batxillerat d''arts follows the batxillerat figures.'),
    ('sports', '2.6', '08:00', '22:00', 50, 180, 180, 480, NULL, false, NULL, NULL,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     ' Practical sessions in the natural environment may exceed the continuous limit when authorised.')
) AS f (regime, section, window_start, window_end, session_min, session_max, continuous_max, daily_max,
        daily_span_max, recess_is_lective, weekly_min, weekly_max, max_free_afternoons, single_shift,
        morning_min, morning_max, afternoon_min, afternoon_max, day_end_not_before, midday_break_min,
        indicative_daily, indicative_morning, indicative_afternoon, course_min_hours, note)
ON CONFLICT (school_year, regime) DO NOTHING;

------------------------------------------------------------------------
-- Teachers, outings, attendance: the 2018 document's figures

INSERT INTO schooltime.staff_limits
    (school_year, week_max_minutes, midday_free_minutes, midday_window_start, midday_window_end,
     afternoon_start, default_min_guards, source, origin)
SELECT y, 2250, 60, '12:00', '16:00', '15:00', 1,
       'Carried over from the 2018-2019 document; unconfirmed for ' || y || '.', 'shipped'
FROM unnest(ARRAY['2019-2020', '2021-2022', '2022-2023', '2023-2024', '2024-2025', '2025-2026', '2026-2027']) AS years (y)
ON CONFLICT (school_year) DO NOTHING;

INSERT INTO schooltime.escort_ratios (school_year, stage, multi_day, pupils_per_escort, source, origin)
SELECT y, s, m, r,
       'Carried over from the 2018-2019 document; unconfirmed for ' || y || '.'
       || CASE WHEN m AND s IN ('eso', 'post_compulsory') THEN ' The document gives no multi-day figure for this stage: the one-day ratio holds.' ELSE '' END,
       'shipped'
FROM unnest(ARRAY['2019-2020', '2021-2022', '2022-2023', '2023-2024', '2024-2025', '2025-2026', '2026-2027']) AS years (y)
CROSS JOIN (VALUES
    ('infantil'::schooltime.escort_stage, false, 10), ('infantil', true, 8),
    ('primaria_1_4', false, 15), ('primaria_1_4', true, 12),
    ('primaria_5_6', false, 20), ('primaria_5_6', true, 18),
    ('eso', false, 20), ('eso', true, 20),
    ('post_compulsory', false, 25), ('post_compulsory', true, 25)
) AS ratios (s, m, r)
ON CONFLICT (school_year, stage, multi_day) DO NOTHING;

INSERT INTO schooltime.outing_limits (school_year, min_escorts, min_teacher_escorts, abroad_authorisation_valid, source, origin)
SELECT y, 2, 1, '3 months', 'Carried over from the 2018-2019 document; unconfirmed for ' || y || '.', 'shipped'
FROM unnest(ARRAY['2019-2020', '2021-2022', '2022-2023', '2023-2024', '2024-2025', '2025-2026', '2026-2027']) AS years (y)
ON CONFLICT (school_year) DO NOTHING;

INSERT INTO schooltime.attendance_thresholds (school_year, regime, max_absence_percent, section, source, origin)
SELECT y, r, p, s, 'Carried over from the 2018-2019 document; unconfirmed for ' || y || '.', 'shipped'
FROM unnest(ARRAY['2019-2020', '2021-2022', '2022-2023', '2023-2024', '2024-2025', '2025-2026', '2026-2027']) AS years (y)
CROSS JOIN (VALUES
    ('eoi_ordinary'::schooltime.regime, 35.00, '3.2.1'),
    ('eoi_intensive', 35.00, '3.2.1'),
    ('eoi_blended', 35.00, '3.2.1'),
    ('arts', 20.00, '3.2.2'),
    ('sports', 20.00, '3.2.3')
) AS t (r, p, s)
ON CONFLICT (school_year, regime) DO NOTHING;

------------------------------------------------------------------------
-- The reports' figures

INSERT INTO schooltime.split_requirements
    (school_year, regime, requirement, rule, subject_name, areas, first_level, last_level, pupils_above, section, source, origin)
SELECT y, r.regime, r.requirement, r.rule, r.subject_name, r.areas, r.first_level, r.last_level, r.pupils_above, '4.1.1.1',
       'Carried over from the 2018-2019 document; unconfirmed for ' || y || '.' || r.note, 'shipped'
FROM unnest(ARRAY['2019-2020', '2021-2022', '2022-2023', '2023-2024', '2024-2025', '2025-2026', '2026-2027']) AS years (y)
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
) AS r (regime, requirement, rule, subject_name, areas, first_level, last_level, pupils_above, note)
ON CONFLICT (school_year, regime, requirement) DO NOTHING;

INSERT INTO schooltime.optional_group_limits (school_year, regime, max_average_pupils, section, source, origin)
SELECT y, r, 20, '4.1.1.1', 'Carried over from the 2018-2019 document; unconfirmed for ' || y || '.', 'shipped'
FROM unnest(ARRAY['2019-2020', '2021-2022', '2022-2023', '2023-2024', '2024-2025', '2025-2026', '2026-2027']) AS years (y)
CROSS JOIN (VALUES ('eso'::schooltime.regime), ('batxillerat')) AS regimes (r)
ON CONFLICT (school_year, regime) DO NOTHING;

INSERT INTO schooltime.group_teacher_limits (school_year, regime, first_level, last_level, max_teachers, section, source, origin)
SELECT y, r, f, l, m, '4.2',
       'schooltime''s reading, not the document''s: section 4.2 asks that the number of different teachers per group be the minimum, especially in the first courses, and gives no figure. '
       || n || ' Carried over from 2018-2019; unconfirmed for ' || y || '.',
       'shipped'
FROM unnest(ARRAY['2019-2020', '2021-2022', '2022-2023', '2023-2024', '2024-2025', '2025-2026', '2026-2027']) AS years (y)
CROSS JOIN (VALUES
    ('infantil'::schooltime.regime, 1, 3, 5, 'A tutor and the specialists of a 2n cicle group (English, music, physical education, religion).'),
    ('primaria', 1, 2, 5, 'First courses: a tutor and the specialists.'),
    ('primaria', 3, 6, 6, 'A tutor and the specialists, one more than in the first courses.'),
    ('eso', 1, 2, 10, 'First courses: fewer than the dozen subjects of the course, as grouping subjects by area allows.'),
    ('eso', 3, 4, 12, 'One teacher per subject of the course.'),
    ('batxillerat', 1, 2, 12, 'One teacher per subject of the course.')
) AS v (r, f, l, m, n)
ON CONFLICT (school_year, regime, first_level) DO NOTHING;

------------------------------------------------------------------------
-- Rows 0.1 and 0.2 carried over without saying they are unconfirmed

UPDATE schooltime.group_teacher_limits
   SET source = regexp_replace(source, ' Carried over from 2018-2019\.$', ' Carried over from 2018-2019; unconfirmed for 2020-2021.')
 WHERE school_year = '2020-2021' AND origin = 'shipped' AND source LIKE '% Carried over from 2018-2019.';
