-- The calendar of every school year from 2018-2019 to 2026-2027 (issue 14),
-- with the general holidays of each; doc/calendar.md lists what ships and
-- from which source, and what is unconfirmed.
--
-- Rows go in with ON CONFLICT DO NOTHING: a key the department already
-- holds as a local row (a year it entered or edited itself) keeps the
-- department's row, as a restore does.  Shipped rows this version corrects
-- are updated only while still shipped (origin = 'shipped').

------------------------------------------------------------------------
-- ESO is dated apart from infantil and primària
--
-- Until 2021-2022 the orders start and end infantil, primària and ESO on
-- the same days; Ordre EDU/113/2022 starts infantil and primària on
-- 5 September 2022 and ESO on 7 September, and ends them on 22 and 20 June
-- 2023.  ESO gets a teaching of its own, with the same dates as the
-- general one wherever the order gives one date to all three.

INSERT INTO schooltime.calendar_teachings (teaching, name_en, name_ca, origin) VALUES
('eso', 'ESO (and FP grau bàsic)', 'educació secundària obligatòria (i formació professional de grau bàsic)', 'shipped')
ON CONFLICT (teaching) DO NOTHING;
UPDATE schooltime.calendar_teachings
   SET name_en = 'infantil (2n cicle) and primària', name_ca = 'segon cicle d''educació infantil i educació primària'
 WHERE teaching = 'general' AND origin = 'shipped';
UPDATE schooltime.calendar_regime_teachings
   SET teaching = 'eso',
       note = 'FP grau bàsic is not a separate regime: from 2023-2024 the orders start and end it with ESO, and a centre records other dates in the model''s course_dates.'
 WHERE regime = 'eso' AND origin = 'shipped';

------------------------------------------------------------------------
-- The school years

-- 2020-2021, 2024-2025: what the orders found since say
UPDATE schooltime.calendar_years
   SET free_days_max = 3, free_days_local_holiday_adds = true,
       order_name = 'the calendar order for 2020-2021 (DOGC 8175, 13.7.2020)',
       source = 'Calendar order for 2020-2021, published in the DOGC 8175 of 13 July 2020 (regio7.cat, 2020-07-13; ugteducacio.cat, 2020-07-13; cope.es, 2020-12-14); alzina.cat cites it as Ordre EDU/119/2020 (UNCONFIRMED: one source). 3 free-disposal days, spread evenly over the three terms (not checked: schooltime has no term dates); a local holiday that falls on a non-lective day may be added to them (cope.es). Local holidays: 2.'
 WHERE school_year = '2020-2021' AND origin = 'shipped';
UPDATE schooltime.calendar_years
   SET free_days_local_holiday_adds = true,
       order_name = 'Ordre EDU/104/2024',
       source = 'Ordre EDU/104/2024, de 6 de maig (DOGC 9162, 14.5.2024; fmc.cat, publica.cat, cgtensenyament.cat), as reported by catalunyapress.cat on 2024-08-28: 4 free-disposal days, spread evenly over the three terms (not checked: schooltime has no term dates), not on the first or last day of the course nor adjoining the Christmas or Easter vacations; a local holiday that falls on a non-lective day may be moved to another date (catalunyapress.cat), read as adding a free-disposal day. Local holidays: 2.'
 WHERE school_year = '2024-2025' AND origin = 'shipped';

INSERT INTO schooltime.calendar_years
    (school_year, course_start, course_end, free_days_max, free_days_max_note, free_days_not_on_course_edges,
     free_days_not_adjoining_vacations, free_days_consecutive_authorised, free_days_local_holiday_adds,
     local_holidays_max, delayed_start_until, order_name, source, origin)
VALUES
('2019-2020', '2019-09-01', '2020-08-31', 3, NULL, false, false, false, true, 2, NULL,
 'Ordre EDU/56/2019',
 'Ordre EDU/56/2019, de 26 de març (DOGC 7844, 1.4.2019), as cited by school calendars on agora.xtec.cat (escolabaixeras, escolampdomenech) and summarised by cgtensenyament.cat and elperiodico.cat (2019-06-20): 3 free-disposal days; a local holiday that falls on a non-lective day may be added to them (article 7.2, cgtensenyament.cat); 2 local holidays. UNCONFIRMED: any further condition on free-disposal days (not collected, not checked) and a delayed start (not collected).',
 'shipped'),
('2021-2022', '2021-09-01', '2022-08-31', 3, NULL, true, false, false, false, 2, NULL,
 'Ordre EDU/119/2021',
 'Ordre EDU/119/2021, de 28 de maig (DOGC 8423, 2.6.2021), as summarised by fmc.cat (2021-06-03), catalunyapress.cat, naciodigital.cat and ondacero.es: 3 free-disposal days, spread evenly over the three terms (not checked: schooltime has no term dates), not on the first or last day of classes, in the centre''s annual programme and communicated to the territorial services (not checked: not recorded); 2 local holidays. UNCONFIRMED: whether a local holiday on a non-lective day adds a free-disposal day (not collected: not counted). Ordre EDU/113/2022 amended this order.',
 'shipped'),
('2022-2023', '2022-09-01', '2023-08-31', 4, NULL, false, false, false, false, 2, NULL,
 'Ordre EDU/113/2022',
 'Ordre EDU/113/2022, de 3 de maig (DOGC of 19 May 2022), as summarised by anpecatalunya.cat (2022-05-19), publico.es (2022-05-19), elperiodico.cat (2022-09-04), beteve.cat and canyajove.cat: 4 free-disposal days, one more than in 2021-2022; 2 local holidays. UNCONFIRMED: the conditions on free-disposal days and whether a local holiday on a non-lective day adds one (not collected, not checked).',
 'shipped'),
('2023-2024', '2023-09-01', '2024-08-31', 4, NULL, false, false, false, false, 2, NULL,
 'Ordre EDU/133/2023',
 'Ordre EDU/133/2023, de 26 de maig (DOGC of 31 May 2023), as summarised by anpecatalunya.cat (2023-05-31), montseny.cat, edubcn.cat and institutpladelesmoreres.cat (valls.cat cites it as EDU/113/2023): 4 free-disposal days, spread evenly over the three terms (not checked: schooltime has no term dates); 2 local holidays. UNCONFIRMED: any further condition on free-disposal days and whether a local holiday on a non-lective day adds one (not collected, not checked).',
 'shipped'),
('2026-2027', '2026-09-01', '2027-08-31', 4, NULL, false, false, false, false, 2, NULL,
 'the proposed calendar order for 2026-2027',
 'The Departament d''Educació i Formació Professional''s proposal of the 2026-2027 calendar order (January 2026), as reported by diarideterrassa.com (2026-01-13, 2026-02-06), regio7.cat (2026-01-13, 2026-01-14) and diarimes.com (2026-01-13): 4 free-disposal days besides the general holidays and the 2 local holidays, 177 lective days. UNCONFIRMED: the final order''s text (not found) and any condition on free-disposal days (not checked).',
 'shipped')
ON CONFLICT (school_year) DO NOTHING;

------------------------------------------------------------------------
-- First and last day of classes

-- 2020-2021: infantil is named by the order's summaries; FP grau superior
-- starts later, and FP ends by its academic programme
UPDATE schooltime.calendar_class_periods
   SET source = 'Calendar order for 2020-2021 (DOGC 8175, 13.7.2020; regio7.cat, ugteducacio.cat, agora.xtec.cat escmusicavic): 2n cicle d''infantil, primària and ESO from 14 September 2020 to 22 June 2021.'
 WHERE school_year = '2020-2021' AND teaching = 'general' AND origin = 'shipped';
UPDATE schooltime.calendar_class_periods
   SET first_day_until = '2020-09-21', last_day = NULL,
       source = 'Calendar order for 2020-2021 (DOGC 8175, 13.7.2020; ugteducacio.cat, cope.es, agora.xtec.cat escmusicavic): FP grau mitjà from 14 September 2020, grau superior from 21 September; FP ends according to its academic programme.'
 WHERE school_year = '2020-2021' AND teaching = 'fp' AND origin = 'shipped';

INSERT INTO schooltime.calendar_class_periods (school_year, teaching, first_day_from, first_day_until, last_day, source, origin)
SELECT p.school_year, p.teaching, p.first_day_from::date, p.first_day_until::date, p.last_day::date, p.source, 'shipped'
FROM (VALUES
-- the years already shipped: ESO as the general teaching
('2018-2019', 'eso', '2018-09-12', '2018-09-12', '2019-06-21', 'Ordre ENS/60/2018: ESO starts on 12 September 2018; classes end on 21 June 2019.'),
('2020-2021', 'eso', '2020-09-14', '2020-09-14', '2021-06-22', 'Calendar order for 2020-2021 (DOGC 8175, 13.7.2020; regio7.cat, ugteducacio.cat): ESO from 14 September 2020 to 22 June 2021.'),
('2024-2025', 'eso', '2024-09-09', '2024-09-09', '2025-06-20', 'Ordre EDU/104/2024 (catalunyapress.cat, 2024-08-28): ESO and FP grau bàsic from 9 September 2024 to 20 June 2025.'),
('2025-2026', 'eso', '2025-09-08', '2025-09-08', '2026-06-19', 'Calendar order for 2025-2026 (regio7.cat 2025-08-29; diarideterrassa.com 2025-09-05): ESO and FP grau bàsic from 8 September 2025 to 19 June 2026.'),
-- 2019-2020
('2019-2020', 'general',     '2019-09-12', '2019-09-12', '2020-06-19', 'Ordre EDU/56/2019 (cgtensenyament.cat; elperiodico.cat, 2019-06-20; agora.xtec.cat escolabaixeras): 2n cicle d''infantil and primària from 12 September 2019 to 19 June 2020.'),
('2019-2020', 'eso',         '2019-09-12', '2019-09-12', '2020-06-19', 'Ordre EDU/56/2019 (cgtensenyament.cat; elperiodico.cat, 2019-06-20): ESO from 12 September 2019 to 19 June 2020.'),
('2019-2020', 'batxillerat', '2019-09-12', '2019-09-12', '2020-06-19', 'Ordre EDU/56/2019 (cgtensenyament.cat; elperiodico.cat, 2019-06-20): batxillerat from 12 September 2019 to 19 June 2020.'),
('2019-2020', 'fp',          '2019-09-12', '2019-09-18', NULL,         'Ordre EDU/56/2019 (cgtensenyament.cat; elperiodico.cat, 2019-06-20): FP grau mitjà from 12 September 2019, grau superior from 18 September. UNCONFIRMED: the end, not collected (the orders before and after end FP by its academic programme).'),
('2019-2020', 'arts',        '2019-09-12', '2019-09-18', NULL,         'Ordre EDU/56/2019 (cgtensenyament.cat): special-regime teachings from 12 September 2019, grau superior cycles from 18 September. UNCONFIRMED: the end, not collected (by the academic programme in the orders before and after).'),
('2019-2020', 'sports',      '2019-09-12', '2019-09-12', NULL,         'Ordre EDU/56/2019 (cgtensenyament.cat): special-regime teachings but EOI from 12 September 2019. UNCONFIRMED: the end, not collected (by the academic programme in the orders before and after).'),
('2019-2020', 'adults',      NULL,         '2019-09-18', '2020-06-19', 'Ordre EDU/56/2019 (cgtensenyament.cat; elperiodico.cat, 2019-06-20): adult education no later than 18 September 2019. UNCONFIRMED: the end on 19 June 2020, the day classes end "at every centre" (agora.xtec.cat escolampdomenech).'),
('2019-2020', 'eoi',         NULL,         '2019-09-26', NULL,         'Ordre EDU/56/2019 (cgtensenyament.cat; elperiodico.cat, 2019-06-20): EOI no later than 26 September 2019. UNCONFIRMED: the end, not collected (by the academic programme in the orders before and after).'),
-- 2020-2021: the teachings not shipped before
('2020-2021', 'arts',        '2020-09-14', '2020-09-21', NULL,         'Calendar order for 2020-2021 (ugteducacio.cat, agora.xtec.cat escmusicavic): arts plàstiques i disseny grau mitjà from 14 September 2020, grau superior from 21 September; special-regime teachings end according to their academic programme.'),
('2020-2021', 'sports',      '2020-09-14', '2020-09-14', NULL,         'Calendar order for 2020-2021 (agora.xtec.cat escmusicavic): special-regime teachings but EOI from 14 September 2020, ending according to their academic programme.'),
('2020-2021', 'adults',      NULL,         '2020-09-21', '2021-06-22', 'Calendar order for 2020-2021 (ugteducacio.cat, agora.xtec.cat escmusicavic): adult education no later than 21 September 2020; classes end on 22 June 2021 (the order excepts only FP and special-regime teachings).'),
('2020-2021', 'eoi',         NULL,         '2020-09-28', NULL,         'Calendar order for 2020-2021 (ugteducacio.cat, agora.xtec.cat escmusicavic): EOI no later than 28 September 2020, ending according to their academic programme.'),
-- 2021-2022
('2021-2022', 'general',     '2021-09-13', '2021-09-13', '2022-06-22', 'Ordre EDU/119/2021 (fmc.cat, 2021-06-03; catalunyapress.cat): 2n cicle d''infantil and primària from 13 September 2021 to 22 June 2022.'),
('2021-2022', 'eso',         '2021-09-13', '2021-09-13', '2022-06-22', 'Ordre EDU/119/2021 (fmc.cat, 2021-06-03; catalunyapress.cat): ESO from 13 September 2021 to 22 June 2022.'),
('2021-2022', 'batxillerat', '2021-09-13', '2021-09-13', '2022-06-22', 'Ordre EDU/119/2021 (fmc.cat, 2021-06-03; catalunyapress.cat): batxillerat from 13 September 2021 to 22 June 2022.'),
('2021-2022', 'fp',          '2021-09-13', '2021-09-20', NULL,         'Ordre EDU/119/2021 (fmc.cat, 2021-06-03): FP grau mitjà from 13 September 2021, grau superior from 20 September; FP ends according to its academic programme.'),
('2021-2022', 'arts',        '2021-09-13', '2021-09-20', NULL,         'Ordre EDU/119/2021 (fmc.cat, 2021-06-03): arts plàstiques i disseny grau mitjà from 13 September 2021, grau superior from 20 September; special-regime teachings end according to their academic programme.'),
('2021-2022', 'sports',      '2021-09-13', '2021-09-13', NULL,         'Ordre EDU/119/2021 (fmc.cat, 2021-06-03): special-regime teachings but EOI from 13 September 2021, ending according to their academic programme.'),
('2021-2022', 'adults',      NULL,         '2021-09-20', '2022-06-22', 'Ordre EDU/119/2021 (fmc.cat, 2021-06-03): adult education no later than 20 September 2021; classes end on 22 June 2022 (the order excepts only FP and special-regime teachings).'),
('2021-2022', 'eoi',         NULL,         '2021-09-27', NULL,         'Ordre EDU/119/2021 (fmc.cat, 2021-06-03): EOI no later than 27 September 2021, ending according to their academic programme.'),
-- 2022-2023
('2022-2023', 'general',     '2022-09-05', '2022-09-05', '2023-06-22', 'Ordre EDU/113/2022 (anpecatalunya.cat, 2022-05-19; beteve.cat): 2n cicle d''infantil and primària from 5 September 2022 to 22 June 2023.'),
('2022-2023', 'eso',         '2022-09-07', '2022-09-07', '2023-06-20', 'Ordre EDU/113/2022 (anpecatalunya.cat, 2022-05-19; beteve.cat): ESO from 7 September 2022 to 20 June 2023.'),
('2022-2023', 'batxillerat', '2022-09-07', '2022-09-07', '2023-06-20', 'Ordre EDU/113/2022 (anpecatalunya.cat, 2022-05-19; beteve.cat): batxillerat from 7 September 2022 to 20 June 2023.'),
('2022-2023', 'fp',          '2022-09-07', '2022-09-07', NULL,         'Ordre EDU/113/2022 (anpecatalunya.cat, 2022-05-19): FP cycles from 7 September 2022, ending according to their academic programme.'),
('2022-2023', 'arts',        NULL,         '2022-09-19', NULL,         'Ordre EDU/113/2022 (publico.es and elmon.cat, 2022-05-19): arts plàstiques i disseny grau mitjà and superior no later than 19 September 2022. UNCONFIRMED: the end, not collected (by the academic programme in the orders before and after).'),
('2022-2023', 'adults',      NULL,         '2022-09-19', NULL,         'Ordre EDU/113/2022 (anpecatalunya.cat, 2022-05-19; canyajove.cat): adult education no later than 19 September 2022, ending according to its academic programme.'),
('2022-2023', 'eoi',         NULL,         '2022-09-22', NULL,         'Ordre EDU/113/2022 (anpecatalunya.cat, 2022-05-19): EOI on 22 September 2022, ending according to their academic programme. UNCONFIRMED: whether the order says "no later than".'),
-- 2023-2024
('2023-2024', 'general',     '2023-09-06', '2023-09-06', '2024-06-21', 'Ordre EDU/133/2023 (anpecatalunya.cat, 2023-05-31; edubcn.cat): 2n cicle d''infantil and primària from the fourth working day of September, 6 September 2023, to 21 June 2024.'),
('2023-2024', 'eso',         '2023-09-06', '2023-09-06', '2024-06-21', 'Ordre EDU/133/2023 (anpecatalunya.cat, 2023-05-31; edubcn.cat): ESO and FP grau bàsic from 6 September 2023 to 21 June 2024.'),
('2023-2024', 'batxillerat', '2023-09-12', '2023-09-12', '2024-06-21', 'Ordre EDU/133/2023 (anpecatalunya.cat, 2023-05-31; edubcn.cat): batxillerat from the first working day after 11 September, 12 September 2023; 21 June 2024 is the end for 1r batxillerat (2n batxillerat''s end is not collected: record it in course_dates).'),
('2023-2024', 'fp',          '2023-09-12', '2023-09-12', NULL,         'Ordre EDU/133/2023 (anpecatalunya.cat, 2023-05-31; edubcn.cat): FP grau mitjà and superior from 12 September 2023, ending according to their academic programme.'),
('2023-2024', 'arts',        '2023-09-12', '2023-09-12', NULL,         'Ordre EDU/133/2023 (montseny.cat; edubcn.cat): arts plàstiques i disseny grau mitjà and superior from 12 September 2023, ending according to their academic programme.'),
('2023-2024', 'sports',      NULL,         '2023-09-18', NULL,         'Ordre EDU/133/2023 (montseny.cat; edubcn.cat): sports teachings no later than 18 September 2023, ending according to their academic programme.'),
('2023-2024', 'adults',      NULL,         '2023-09-18', NULL,         'Ordre EDU/133/2023 (edubcn.cat): adult education no later than 18 September 2023, ending according to its academic programme.'),
('2023-2024', 'eoi',         NULL,         '2023-09-25', NULL,         'Ordre EDU/133/2023 (anpecatalunya.cat, 2023-05-31; edubcn.cat): EOI no later than 25 September 2023, ending according to their academic programme.'),
-- 2024-2025: the teachings not shipped before
('2024-2025', 'arts',        '2024-09-12', '2024-09-16', NULL,         'Ordre EDU/104/2024 (publica.cat; cgtensenyament.cat): arts plàstiques i disseny grau mitjà from 12 September 2024, grau superior no later than 16 September; both end according to their academic programme.'),
('2024-2025', 'sports',      NULL,         '2024-09-16', NULL,         'Ordre EDU/104/2024 (cgtensenyament.cat): sports teachings no later than 16 September 2024, ending according to their academic programme.'),
('2024-2025', 'adults',      NULL,         '2024-09-16', NULL,         'Ordre EDU/104/2024 (cgtensenyament.cat): adult education no later than 16 September 2024, ending according to its academic programme.'),
('2024-2025', 'eoi',         NULL,         '2024-09-23', NULL,         'Ordre EDU/104/2024 (cgtensenyament.cat; oloteducacio.cat): EOI no later than 23 September 2024, ending according to their academic programme.'),
-- 2026-2027 (the proposal)
('2026-2027', 'general',     '2026-09-08', '2026-09-08', '2027-06-18', 'Proposed calendar order for 2026-2027 (diarideterrassa.com 2026-01-13; regio7.cat 2026-01-13): 2n cicle d''infantil and primària from Tuesday 8 September 2026 to 18 June 2027. UNCONFIRMED: the final order.'),
('2026-2027', 'eso',         '2026-09-08', '2026-09-08', '2027-06-18', 'Proposed calendar order for 2026-2027 (diarideterrassa.com 2026-01-13; regio7.cat 2026-01-13): ESO and FP grau bàsic from 8 September 2026 to 18 June 2027. UNCONFIRMED: the final order.'),
('2026-2027', 'batxillerat', '2026-09-08', '2026-09-08', '2027-06-18', 'Proposed calendar order for 2026-2027 (diarideterrassa.com 2026-01-13; regio7.cat 2026-01-13): batxillerat from 8 September 2026. UNCONFIRMED: the final order, and the end, taken as the course''s (18 June 2027).'),
('2026-2027', 'fp',          '2026-09-14', '2026-09-14', NULL,         'Proposed calendar order for 2026-2027 (diarideterrassa.com 2026-01-13; regio7.cat 2026-01-14): FP grau mitjà and superior from 14 September 2026; the end is not collected. UNCONFIRMED: the final order.')
) AS p (school_year, teaching, first_day_from, first_day_until, last_day, source)
ON CONFLICT (school_year, teaching) DO NOTHING;

-- A year the department entered itself keeps its ESO dates: those of its
-- general teaching, as ESO followed until this version.
INSERT INTO schooltime.calendar_class_periods (school_year, teaching, first_day_from, first_day_until, last_day, source, origin)
SELECT g.school_year, 'eso', g.first_day_from, g.first_day_until, g.last_day,
       'Copied from the year''s general class period by the 0.3 upgrade, when ESO was dated apart from infantil and primària. ' || g.source,
       'local'
FROM schooltime.calendar_class_periods AS g
WHERE g.teaching = 'general'
  AND NOT EXISTS (SELECT FROM schooltime.calendar_class_periods AS e
                  WHERE e.school_year = g.school_year AND e.teaching = 'eso');

------------------------------------------------------------------------
-- Vacations

INSERT INTO schooltime.calendar_non_lective_days (school_year, first_day, last_day, kind, name_en, name_ca, source, origin)
SELECT v.school_year, v.first_day::date, v.last_day::date, 'vacation', v.name_en, v.name_ca, v.source, 'shipped'
FROM (VALUES
('2019-2020', '2019-12-21', '2020-01-07', 'Christmas vacation', 'vacances de Nadal', 'Ordre EDU/56/2019, article 7.1 (cgtensenyament.cat): 21 December 2019 to 7 January 2020, both included.'),
('2019-2020', '2020-04-04', '2020-04-13', 'Easter vacation', 'vacances de Setmana Santa', 'Ordre EDU/56/2019, article 7.1 (cgtensenyament.cat): 4 to 13 April 2020, both included.'),
('2021-2022', '2021-12-23', '2022-01-07', 'Christmas vacation', 'vacances de Nadal', 'Ordre EDU/119/2021 (catalunyapress.cat; naciodigital.cat): 23 December 2021 to 7 January 2022, both included.'),
('2021-2022', '2022-04-11', '2022-04-18', 'Easter vacation', 'vacances de Setmana Santa', 'Ordre EDU/119/2021 (catalunyapress.cat; naciodigital.cat): 11 to 18 April 2022, both included.'),
('2022-2023', '2022-12-22', '2023-01-08', 'Christmas vacation', 'vacances de Nadal', 'Ordre EDU/113/2022 (anpecatalunya.cat, 2022-05-19; beteve.cat): 22 December 2022 to 8 January 2023, both included.'),
('2022-2023', '2023-04-03', '2023-04-10', 'Easter vacation', 'vacances de Setmana Santa', 'Ordre EDU/113/2022 (anpecatalunya.cat, 2022-05-19; beteve.cat): 3 to 10 April 2023, both included.'),
('2023-2024', '2023-12-21', '2024-01-07', 'Christmas vacation', 'vacances de Nadal', 'Ordre EDU/133/2023 (anpecatalunya.cat, 2023-05-31; edubcn.cat): 21 December 2023 to 7 January 2024, both included.'),
('2023-2024', '2024-03-23', '2024-04-01', 'Easter vacation', 'vacances de Setmana Santa', 'Ordre EDU/133/2023 (anpecatalunya.cat, 2023-05-31; edubcn.cat): 23 March to 1 April 2024, both included.'),
('2026-2027', '2026-12-24', '2027-01-10', 'Christmas vacation', 'vacances de Nadal', 'Proposed calendar order for 2026-2027 (diarideterrassa.com 2026-01-13): 24 December 2026 to 10 January 2027, both included. UNCONFIRMED: the final order.'),
('2026-2027', '2027-03-20', '2027-03-29', 'Easter vacation', 'vacances de Setmana Santa', 'Proposed calendar order for 2026-2027 (diarideterrassa.com 2026-01-13): 20 to 29 March 2027, both included. UNCONFIRMED: the final order.')
) AS v (school_year, first_day, last_day, name_en, name_ca, source)
ON CONFLICT (school_year, first_day) DO NOTHING;

------------------------------------------------------------------------
-- General holidays: every labour holiday of Catalonia the yearly orders of
-- festes laborals set inside each school year (Sundays are left out by the
-- orders themselves).  Names are those of schooltime.general_holidays(),
-- which every date but the 2022 Whit Monday matches.

INSERT INTO schooltime.calendar_non_lective_days (school_year, first_day, last_day, kind, name_en, name_ca, source, origin)
WITH labour_orders (calendar_year, source) AS (VALUES
(2018, 'Ordre TSF/101/2017, de 25 de maig, calendari oficial de festes laborals per a l''any 2018 (DOGC 7381, 31.5.2017; xalocgirona.cat).'),
(2019, 'Ordre TSF/134/2018, de 30 de juliol, calendari oficial de festes laborals per a l''any 2019 (DOGC 7677, 2.8.2018; dogc.vlex.es).'),
(2020, 'Ordre TSF/116/2019, de 7 de juny, calendari oficial de festes laborals per a l''any 2020 (DOGC of 14.6.2019; gremicaldereria.com, gremicat.es).'),
(2021, 'Ordre TSF/81/2020, de 14 de juny, calendari oficial de festes laborals per a l''any 2021 (DOGC 8156, 17.6.2020; ugtficabcn.cat, xalocgirona.cat).'),
(2022, 'Ordre EMT/138/2021, de 25 de juny, calendari oficial de festes laborals per a l''any 2022 (DOGC 8446, 30.6.2021; vilarriba.com, gremieditors.cat).'),
(2023, 'Ordre EMT/81/2022, de 21 d''abril, calendari oficial de festes laborals per a l''any 2023 (ugtcatalunya.cat, latallada.cat).'),
(2024, 'Ordre EMT/153/2023, de 29 de maig, calendari oficial de festes laborals per a l''any 2024 (DOGC 8935, 13.6.2023; manresa.cat).'),
(2025, 'Ordre EMT/85/2024, de 23 d''abril, calendari oficial de festes laborals per a l''any 2025 (catalunyacomerc.com, astave.org).'),
(2026, 'The calendar of festes laborals for 2026 approved by the Departament d''Empresa i Treball in March 2025 (3cat.cat; emporda.info, 2025-12-12; calldetenes.cat); the order''s number is not collected.')
)
SELECT schooltime.school_year_of(d.day), d.day, d.day, 'holiday',
       coalesce(g.name_en, d.name_en), coalesce(g.name_ca, d.name_ca),
       coalesce(o.source, 'Computed by schooltime.general_holidays(). UNCONFIRMED: the order of festes laborals for '
                          || extract(year FROM d.day) || ' was not found.'),
       'shipped'
FROM (SELECT x::date AS day, NULL::text AS name_en, NULL::text AS name_ca
      FROM unnest(ARRAY[
        -- 2018-2019 (the autumn days were shipped by 0.2)
        '2018-12-25', '2018-12-26', '2019-01-01', '2019-04-19', '2019-04-22', '2019-06-24', '2019-08-15',
        -- 2019-2020
        '2019-09-11', '2019-10-12', '2019-11-01', '2019-12-06', '2019-12-25', '2019-12-26',
        '2020-01-01', '2020-01-06', '2020-04-10', '2020-04-13', '2020-05-01', '2020-06-24', '2020-08-15',
        -- 2020-2021
        '2020-09-11', '2020-10-12', '2020-12-08', '2020-12-25', '2020-12-26',
        '2021-01-01', '2021-01-06', '2021-04-02', '2021-04-05', '2021-05-01', '2021-06-24',
        -- 2021-2022
        '2021-09-11', '2021-10-12', '2021-11-01', '2021-12-06', '2021-12-08', '2021-12-25',
        '2022-01-01', '2022-01-06', '2022-04-15', '2022-04-18', '2022-06-24', '2022-08-15',
        -- 2022-2023
        '2022-10-12', '2022-11-01', '2022-12-06', '2022-12-08', '2022-12-26',
        '2023-01-06', '2023-04-07', '2023-04-10', '2023-05-01', '2023-06-24', '2023-08-15',
        -- 2023-2024
        '2023-09-11', '2023-10-12', '2023-11-01', '2023-12-06', '2023-12-08', '2023-12-25', '2023-12-26',
        '2024-01-01', '2024-01-06', '2024-03-29', '2024-04-01', '2024-05-01', '2024-06-24', '2024-08-15',
        -- 2024-2025
        '2024-09-11', '2024-10-12', '2024-11-01', '2024-12-06', '2024-12-25', '2024-12-26',
        '2025-01-01', '2025-01-06', '2025-04-18', '2025-04-21', '2025-05-01', '2025-06-24', '2025-08-15',
        -- 2025-2026
        '2025-09-11', '2025-11-01', '2025-12-06', '2025-12-08', '2025-12-25', '2025-12-26',
        '2026-01-01', '2026-01-06', '2026-04-03', '2026-04-06', '2026-05-01', '2026-06-24', '2026-08-15',
        -- 2026-2027 (the 2027 order not found: the computed set)
        '2026-09-11', '2026-10-12', '2026-12-08', '2026-12-25', '2026-12-26'
      ]) AS x
      UNION ALL
      SELECT h.day, NULL, NULL FROM schooltime.general_holidays('2026-2027') AS h WHERE h.day >= '2027-01-01'
      UNION ALL
      -- moved by the 2022 order to make up for the 2021 Diada, a Saturday
      SELECT '2022-06-06', 'Whit Monday', 'Dilluns de Pasqua Granada') AS d
LEFT JOIN schooltime.general_holidays(schooltime.school_year_of(d.day)) AS g ON g.day = d.day
LEFT JOIN labour_orders AS o ON o.calendar_year = extract(year FROM d.day)
ON CONFLICT (school_year, first_day) DO NOTHING;

-- 0.2 cited schools' calendars for the 2018-2019 autumn holidays: the
-- labour order is the source
UPDATE schooltime.calendar_non_lective_days AS n
   SET source = CASE WHEN n.first_day < '2019-01-01'
                     THEN 'Ordre TSF/101/2017, de 25 de maig, calendari oficial de festes laborals per a l''any 2018 (DOGC 7381, 31.5.2017; xalocgirona.cat).'
                     ELSE 'Ordre TSF/134/2018, de 30 de juliol, calendari oficial de festes laborals per a l''any 2019 (DOGC 7677, 2.8.2018; dogc.vlex.es).' END
                || CASE WHEN n.first_day < '2018-09-12' THEN ' Before the first day of classes.' ELSE '' END
 WHERE n.school_year = '2018-2019' AND n.kind = 'holiday' AND n.origin = 'shipped' AND n.source LIKE 'General holiday%';

------------------------------------------------------------------------
-- Intensive days of infantil and primària (09:00-13:00), as the schools'
-- published calendars give them

INSERT INTO schooltime.calendar_intensive_days (school_year, regime, first_day, last_day, window_start, window_end, source, origin)
SELECT d.school_year, r.regime, d.first_day::date, d.last_day::date, '09:00', '13:00', d.source, 'shipped'
FROM (VALUES
    ('2019-2020', '2019-12-20', '2019-12-20', 'School calendar citing Ordre EDU/56/2019 (agora.xtec.cat escolampdomenech): 20 December 2019, intensive. UNCONFIRMED: one school''s calendar, and the 09:00-13:00 window carried over from the other years.'),
    ('2019-2020', '2020-06-08', '2020-06-19', 'School calendar citing Ordre EDU/56/2019 (agora.xtec.cat escolampdomenech): 8 to 19 June 2020, intensive. UNCONFIRMED: one school''s calendar, and the 09:00-13:00 window carried over from the other years.'),
    ('2020-2021', '2020-12-21', '2020-12-21', 'School calendars for 2020-2021 (agora.xtec.cat escpepventura, ceipmelspins, ceipelrodonell): 21 December 2020, 09:00-13:00. UNCONFIRMED: the order''s own wording.'),
    ('2020-2021', '2021-06-07', '2021-06-22', 'School calendars for 2020-2021 (agora.xtec.cat escpepventura, ceipmelspins, ceipelrodonell): 7 to 22 June 2021, 09:00-13:00. UNCONFIRMED: the order''s own wording.'),
    ('2021-2022', '2021-12-22', '2021-12-22', 'School calendars for 2021-2022 (agora.xtec.cat escolapinyanalleida, escolalavalira; angeletaferrer.org): 22 December 2021, 09:00-13:00. UNCONFIRMED: the order''s own wording.'),
    ('2021-2022', '2022-06-07', '2022-06-22', 'School calendars for 2021-2022 (agora.xtec.cat escolapinyanalleida; angeletaferrer.org; escolalavalira from 6 June, a holiday): 7 to 22 June 2022, 09:00-13:00. UNCONFIRMED: the order''s own wording.'),
    ('2022-2023', '2022-09-05', '2022-09-30', 'Ordre EDU/113/2022 shortens the infantil and primària day by one lective hour from 5 to 30 September 2022 (anpecatalunya.cat; publico.es, 2022-05-19), held 09:00-13:00 (elperiodico.cat, 2022-09-04; agora.xtec.cat ievila-roma; escolabonavista.com).'),
    ('2022-2023', '2022-12-21', '2022-12-21', 'School calendars for 2022-2023 (agora.xtec.cat ievila-roma; escolabonavista.com): 21 December 2022, 09:00-13:00. UNCONFIRMED: the order''s own wording.'),
    ('2022-2023', '2023-06-05', '2023-06-22', 'School calendars for 2022-2023 (agora.xtec.cat ievila-roma; escolabonavista.com): 5 to 22 June 2023, 09:00-13:00. UNCONFIRMED: the order''s own wording.'),
    ('2023-2024', '2024-06-05', '2024-06-21', 'Ordre EDU/133/2023 lets a centre hold a continuous day from 5 June 2024 (anpecatalunya.cat); school calendars: 5 to 21 June 2024, 09:00-13:00 (agora.xtec.cat ceip-torremiranda-cornella). UNCONFIRMED: a centre''s request, read as general; the December day is not collected.')
) AS d (school_year, first_day, last_day, source)
CROSS JOIN (VALUES ('infantil'::schooltime.regime), ('primaria')) AS r (regime)
ON CONFLICT (school_year, regime, first_day) DO NOTHING;

-- 0.2's 2025-2026 days come from school calendars, not the order's text
UPDATE schooltime.calendar_intensive_days
   SET source = source || ' UNCONFIRMED: the order''s own wording.'
 WHERE school_year = '2025-2026' AND origin = 'shipped' AND source NOT LIKE '%UNCONFIRMED%';

------------------------------------------------------------------------
-- A department's own calendar year that lacks general holidays is named
-- now: its lective days were counted with them as lective.

DO $holidays$
DECLARE
    y record;
BEGIN
    FOR y IN
        SELECT cy.school_year,
               string_agg(schooltime.calendar_day_text(m.day), ', ' ORDER BY m.day) AS days
        FROM schooltime.calendar_years AS cy
        CROSS JOIN LATERAL schooltime.missing_general_holidays(cy.school_year) AS m
        GROUP BY cy.school_year
        ORDER BY cy.school_year
    LOOP
        RAISE WARNING 'the % school calendar lacks general holidays: %', y.school_year, y.days
            USING HINT = format('SELECT schooltime.add_general_holidays(%L); adds them.', y.school_year);
    END LOOP;
END
$holidays$;
