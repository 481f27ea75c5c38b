-- The school calendar (section 1 of the document: the yearly calendar order)
-- as catalogue data: for each school year, the course period, the first and
-- last day of classes of each teaching, the vacations and general holidays,
-- the free-disposal allowance and its conditions, and the intensive days.
-- A new order is a set of INSERTs, never new code.  Every row names its
-- source; what the sources leave unconfirmed says so in `source`.
--
-- The daily-timetable figures the order sets for infantil and primària (the
-- window, the morning and afternoon minutes, the earliest end, the midday
-- interval) are in schooltime.timetable_limits and are not repeated here:
-- this catalogue holds what is dated.

------------------------------------------------------------------------
-- Teachings, as the orders group them

CREATE TABLE schooltime.calendar_teachings (
    teaching  text PRIMARY KEY CONSTRAINT teaching_format CHECK (teaching ~ '^[a-z][a-z0-9_]*$'),
    name_en   text NOT NULL,
    name_ca   text NOT NULL,
    origin    schooltime.catalogue_origin NOT NULL DEFAULT 'local'
);
COMMENT ON TABLE schooltime.calendar_teachings IS
'The teachings the calendar orders give class dates for (general: infantil, primària and ESO; batxillerat; FP; arts; sports; adults; EOI). The orders group several of them under one date; they are kept apart here because the orders end them differently (FP and special-regime teachings end by their own academic programme) and later orders start them on different days.';
COMMENT ON COLUMN schooltime.calendar_teachings.teaching IS 'code of the teaching, as schooltime.calendar_class_periods and schooltime.calendar_regime_teachings name it';
COMMENT ON COLUMN schooltime.calendar_teachings.origin IS 'shipped with the extension, or local (inserted or edited by the department)';

INSERT INTO schooltime.calendar_teachings (teaching, name_en, name_ca, origin) VALUES
('general',     'infantil (2n cicle), primària and ESO', 'segon cicle d''educació infantil, educació primària i ESO', 'shipped'),
('batxillerat', 'batxillerat',                            'batxillerat', 'shipped'),
('fp',          'FP cycles',                              'cicles formatius de formació professional', 'shipped'),
('arts',        'arts plàstiques i disseny cycles',       'cicles d''arts plàstiques i disseny', 'shipped'),
('sports',      'sports teachings',                       'ensenyaments esportius', 'shipped'),
('adults',      'adult education',                        'educació d''adults', 'shipped'),
('eoi',         'official language schools (EOI)',        'escoles oficials d''idiomes', 'shipped');

CREATE TABLE schooltime.calendar_regime_teachings (
    regime    schooltime.regime PRIMARY KEY,
    teaching  text NOT NULL,
    note      text NOT NULL DEFAULT '',
    origin    schooltime.catalogue_origin NOT NULL DEFAULT 'local'
);
COMMENT ON TABLE schooltime.calendar_regime_teachings IS
'Which calendar teaching (schooltime.calendar_teachings) the groups of each regime follow: their first and last day of classes come from that teaching''s row of schooltime.calendar_class_periods.';
COMMENT ON COLUMN schooltime.calendar_regime_teachings.teaching IS 'code of a row of schooltime.calendar_teachings';
COMMENT ON COLUMN schooltime.calendar_regime_teachings.note IS 'what the mapping cannot tell apart';

INSERT INTO schooltime.calendar_regime_teachings (regime, teaching, note, origin) VALUES
('infantil',          'general',     '', 'shipped'),
('primaria',          'general',     '', 'shipped'),
('eso',               'general',     '', 'shipped'),
('batxillerat',       'batxillerat', 'Batxillerat d''arts is batxillerat. From 2024-2025 the orders give the end of classes for 1r batxillerat only; 2n batxillerat ends earlier and must be recorded in the model''s course_dates.', 'shipped'),
('batxillerat_night', 'batxillerat', '', 'shipped'),
('fp',                'fp',          'FP grau bàsic is not a separate regime: from 2024-2025 it starts with ESO, not with FP grau mitjà and superior, and a centre records its dates in the model''s course_dates.', 'shipped'),
('adults',            'adults',      '', 'shipped'),
('eoi_ordinary',      'eoi',         '', 'shipped'),
('eoi_intensive',     'eoi',         'An intensive group runs in one half of the course: record that half in the model''s course_dates.', 'shipped'),
('eoi_blended',       'eoi',         '', 'shipped'),
('arts',              'arts',        'Grau mitjà and grau superior are one regime; in 2025-2026 they start on different days (see calendar_class_periods).', 'shipped'),
('sports',            'sports',      '', 'shipped');

------------------------------------------------------------------------
-- The school years

CREATE TABLE schooltime.calendar_years (
    school_year                      schooltime.school_year PRIMARY KEY,
    course_start                     date NOT NULL,
    course_end                       date NOT NULL CONSTRAINT course_end_after_start CHECK (course_end > course_start),
    first_weekday                    smallint NOT NULL DEFAULT 1 CONSTRAINT first_weekday_iso CHECK (first_weekday BETWEEN 1 AND 7),
    last_weekday                     smallint NOT NULL DEFAULT 5 CONSTRAINT last_weekday_iso CHECK (last_weekday BETWEEN first_weekday AND 7),
    free_days_max                    integer CONSTRAINT free_days_max_not_negative CHECK (free_days_max >= 0),
    free_days_max_note               text,
    free_days_not_on_course_edges    boolean NOT NULL DEFAULT false,
    free_days_not_adjoining_vacations boolean NOT NULL DEFAULT false,
    free_days_consecutive_authorised boolean NOT NULL DEFAULT false,
    free_days_local_holiday_adds     boolean NOT NULL DEFAULT false,
    local_holidays_max               integer CONSTRAINT local_holidays_max_not_negative CHECK (local_holidays_max >= 0),
    delayed_start_until              date,
    order_name                       text NOT NULL,
    source                           text NOT NULL,
    origin                           schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    CONSTRAINT course_within_school_year CHECK (
        course_start >= make_date(substr(school_year, 1, 4)::integer, 1, 1)
        AND course_end <= make_date(substr(school_year, 6, 4)::integer, 12, 31))
);
COMMENT ON TABLE schooltime.calendar_years IS
'One row per school year whose calendar order schooltime knows: the course period, the lective weekdays, how many free-disposal days a centre may choose and under which conditions, how many local holidays a municipality has, and the latest delayed start the territorial services may authorise.';
COMMENT ON COLUMN schooltime.calendar_years.course_start IS 'first day of the school year (1 September)';
COMMENT ON COLUMN schooltime.calendar_years.course_end IS 'last day of the school year (31 August)';
COMMENT ON COLUMN schooltime.calendar_years.first_weekday IS 'first lective ISO weekday, used where schooltime.timetable_limits has no row for the year and regime';
COMMENT ON COLUMN schooltime.calendar_years.last_weekday IS 'last lective ISO weekday, used where schooltime.timetable_limits has no row for the year and regime';
COMMENT ON COLUMN schooltime.calendar_years.free_days_max IS 'most free-disposal days a centre chooses in the year (rule calendar_free_days); NULL: no limit known';
COMMENT ON COLUMN schooltime.calendar_years.free_days_max_note IS 'what is unconfirmed about free_days_max, cited in error details; NULL when it is the order''s figure';
COMMENT ON COLUMN schooltime.calendar_years.free_days_not_on_course_edges IS 'a free-disposal day may not be the first or last day of classes of a teaching of the centre';
COMMENT ON COLUMN schooltime.calendar_years.free_days_not_adjoining_vacations IS 'a free-disposal day may not adjoin the Christmas or Easter vacation (no lective day between them)';
COMMENT ON COLUMN schooltime.calendar_years.free_days_consecutive_authorised IS 'two free-disposal days with no lective day between them need the territorial services'' authorisation (an authorisation of rule calendar_free_days for the centre)';
COMMENT ON COLUMN schooltime.calendar_years.free_days_local_holiday_adds IS 'each local holiday of the centre''s municipality that falls on a non-lective day adds one free-disposal day to the allowance';
COMMENT ON COLUMN schooltime.calendar_years.local_holidays_max IS 'most local holidays a municipality sets in the year';
COMMENT ON COLUMN schooltime.calendar_years.delayed_start_until IS 'latest first day of classes the territorial services may authorise for a centre (an authorisation of rule calendar_class_days); NULL: none known';
COMMENT ON COLUMN schooltime.calendar_years.order_name IS 'the calendar order of the year, as error details cite it';
COMMENT ON COLUMN schooltime.calendar_years.source IS 'where the figures come from, and what is unconfirmed';

INSERT INTO schooltime.calendar_years
    (school_year, course_start, course_end, free_days_max, free_days_max_note, free_days_not_on_course_edges,
     free_days_not_adjoining_vacations, free_days_consecutive_authorised, free_days_local_holiday_adds,
     local_holidays_max, delayed_start_until, order_name, source, origin)
VALUES
('2018-2019', '2018-09-01', '2019-08-31', 5,
 'unconfirmed: the order''s own maximum was not found, and published 2018-2019 calendars choose 3, 4 and 5 days',
 false, false, false, false, 2, '2018-09-19',
 'Ordre ENS/60/2018',
 'Ordre ENS/60/2018, de 6 de juny (DOGC 7640, 12.06.2018), as reproduced at dogc.vlex.es and summarised by fmc.cat, ara.cat, naciodigital.cat and regio7.cat. UNCONFIRMED: free_days_max. The order''s own maximum was not found; published 2018-2019 school calendars citing the order choose 3 (agora.xtec.cat escolasuris), 4 (mestreernestbonavista.wordpress.com) and 5 (blocs.xtec.cat/escolapinyana) days, so 5 is the smallest maximum under which every published calendar is lawful (later orders say 4). Local holidays: two a year in Catalonia. Delayed start: territorial services may authorise it, not past 19 September 2018 (barring force majeure).',
 'shipped'),
('2020-2021', '2020-09-01', '2021-08-31', NULL, NULL, false, false, false, false, 2, NULL,
 'the calendar order for 2020-2021 (DOGC of 13 July 2020)',
 'Calendar order for 2020-2021 published in the DOGC of 13 July 2020, as reported by regio7.cat on 2020-07-13. The free-disposal allowance of this order is not collected: free_days_max is NULL (no limit checked) until a department enters it. Local holidays: two a year in Catalonia (carried over, unconfirmed for 2020-2021).',
 'shipped'),
('2024-2025', '2024-09-01', '2025-08-31', 4, NULL, true, true, false, false, 2, NULL,
 'the calendar order for 2024-2025',
 'Calendar order for 2024-2025, as reported by catalunyapress.cat on 2024-08-28: 4 free-disposal days, spread evenly over the three terms (not checked: schooltime has no term dates), not on the first or last day of the course nor adjoining the Christmas or Easter vacations. Local holidays: two a year in Catalonia (carried over, unconfirmed for 2024-2025).',
 'shipped'),
('2025-2026', '2025-09-01', '2026-08-31', 4, NULL, true, true, true, true, 2, NULL,
 'the calendar order for 2025-2026',
 'Calendar order for 2025-2026, as reported by regio7.cat (2025-08-29) and diarideterrassa.com (2025-09-05), and school calendars on agora.xtec.cat: 4 free-disposal days, spread evenly over the three terms (not checked: schooltime has no term dates), not on the first or last day of the course or of the Christmas and Easter periods, in the centre''s annual programme and communicated to the territorial services (not checked: not recorded), consecutive days only with the territorial services'' authorisation; a local holiday that falls on a non-lective day may be added to them; 2 local holidays per municipality.',
 'shipped');

------------------------------------------------------------------------
-- First and last day of classes per teaching

CREATE TABLE schooltime.calendar_class_periods (
    school_year     schooltime.school_year NOT NULL,
    teaching        text NOT NULL,
    first_day_from  date,
    first_day_until date CONSTRAINT first_day_until_not_before_from CHECK (first_day_until >= first_day_from),
    last_day        date CONSTRAINT last_day_after_first_day CHECK (last_day > coalesce(first_day_until, first_day_from)),
    source          text NOT NULL,
    origin          schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    PRIMARY KEY (school_year, teaching)
);
COMMENT ON TABLE schooltime.calendar_class_periods IS
'First and last day of classes of each teaching in a school year, as the order sets them. A fixed first day has first_day_from = first_day_until; "no later than" leaves first_day_from NULL; a last day "according to the academic programme" is NULL, and each centre records its own in the model''s course_dates. A teaching the sources say nothing about for a year has no row.';
COMMENT ON COLUMN schooltime.calendar_class_periods.teaching IS 'code of a row of schooltime.calendar_teachings';
COMMENT ON COLUMN schooltime.calendar_class_periods.first_day_from IS 'earliest first day of classes; NULL when the order sets only a latest one';
COMMENT ON COLUMN schooltime.calendar_class_periods.first_day_until IS 'latest first day of classes (without a delayed-start authorisation); a centre that records no first day of its own is taken to start on it';
COMMENT ON COLUMN schooltime.calendar_class_periods.last_day IS 'last day of classes; NULL when it follows each centre''s academic programme or the sources do not give it';
COMMENT ON COLUMN schooltime.calendar_class_periods.source IS 'where the dates come from, and what is unconfirmed';

INSERT INTO schooltime.calendar_class_periods (school_year, teaching, first_day_from, first_day_until, last_day, source, origin) VALUES
-- 2018-2019
('2018-2019', 'general',     '2018-09-12', '2018-09-12', '2019-06-21', 'Ordre ENS/60/2018: 2n cicle d''infantil, primària and ESO start on 12 September 2018; classes end on 21 June 2019.', 'shipped'),
('2018-2019', 'batxillerat', '2018-09-14', '2018-09-14', '2019-06-21', 'Ordre ENS/60/2018: batxillerat starts on 14 September 2018; classes end on 21 June 2019.', 'shipped'),
('2018-2019', 'fp',          '2018-09-14', '2018-09-14', NULL,         'Ordre ENS/60/2018: FP cycles (grau mitjà and superior) start on 14 September 2018 and end according to their own academic programme.', 'shipped'),
('2018-2019', 'arts',        '2018-09-14', '2018-09-14', NULL,         'Ordre ENS/60/2018: arts plàstiques i disseny start on 14 September 2018; special-regime teachings end according to their own academic programme.', 'shipped'),
('2018-2019', 'sports',      '2018-09-14', '2018-09-14', NULL,         'Ordre ENS/60/2018: other special-regime teachings except EOI start on 14 September 2018 and end according to their own academic programme.', 'shipped'),
('2018-2019', 'adults',      NULL,         '2018-09-19', '2019-06-21', 'Ordre ENS/60/2018: adult education starts no later than 19 September 2018; classes end on 21 June 2019 (the order excepts only FP and special-regime teachings from that end).', 'shipped'),
('2018-2019', 'eoi',         NULL,         '2018-09-26', NULL,         'Ordre ENS/60/2018: EOI start no later than 26 September 2018 and, as special-regime teachings, end according to their own academic programme.', 'shipped'),
-- 2020-2021
('2020-2021', 'general',     '2020-09-14', '2020-09-14', '2021-06-22', 'Calendar order for 2020-2021 (DOGC of 13 July 2020; regio7.cat, 2020-07-13): classes of compulsory and post-compulsory teachings from 14 September 2020 to 22 June 2021. UNCONFIRMED for infantil, which the source does not name.', 'shipped'),
('2020-2021', 'batxillerat', '2020-09-14', '2020-09-14', '2021-06-22', 'Calendar order for 2020-2021 (DOGC of 13 July 2020; regio7.cat, 2020-07-13): classes of compulsory and post-compulsory teachings from 14 September 2020 to 22 June 2021.', 'shipped'),
('2020-2021', 'fp',          '2020-09-14', '2020-09-14', '2021-06-22', 'Calendar order for 2020-2021 (DOGC of 13 July 2020; regio7.cat, 2020-07-13): classes of compulsory and post-compulsory teachings from 14 September 2020 to 22 June 2021. UNCONFIRMED for the end of FP, which in 2018-2019 followed each centre''s academic programme.', 'shipped'),
-- 2024-2025
('2024-2025', 'general',     '2024-09-09', '2024-09-09', '2025-06-20', 'Calendar order for 2024-2025 (catalunyapress.cat, 2024-08-28): infantil, primària, ESO and FP grau bàsic from 9 September 2024 to 20 June 2025.', 'shipped'),
('2024-2025', 'batxillerat', '2024-09-12', '2024-09-12', '2025-06-20', 'Calendar order for 2024-2025 (catalunyapress.cat, 2024-08-28): batxillerat from 12 September 2024; 20 June 2025 is the end for 1r batxillerat (2n batxillerat''s end is not collected: record it in course_dates).', 'shipped'),
('2024-2025', 'fp',          '2024-09-12', '2024-09-12', NULL,         'Calendar order for 2024-2025 (catalunyapress.cat, 2024-08-28): FP grau mitjà and superior from 12 September 2024; their end is not collected. FP grau bàsic starts on 9 September 2024 with ESO: record it in course_dates.', 'shipped'),
-- 2025-2026
('2025-2026', 'general',     '2025-09-08', '2025-09-08', '2026-06-19', 'Calendar order for 2025-2026 (regio7.cat 2025-08-29; diarideterrassa.com 2025-09-05): infantil 2n cicle, primària, ESO and FP grau bàsic from 8 September 2025 to 19 June 2026.', 'shipped'),
('2025-2026', 'batxillerat', '2025-09-12', '2025-09-12', '2026-06-19', 'Calendar order for 2025-2026 (regio7.cat 2025-08-29; diarideterrassa.com 2025-09-05): batxillerat from 12 September 2025; 19 June 2026 is the end for 1r batxillerat (2n batxillerat''s end is not collected: record it in course_dates).', 'shipped'),
('2025-2026', 'fp',          '2025-09-12', '2025-09-12', NULL,         'Calendar order for 2025-2026 (regio7.cat 2025-08-29; diarideterrassa.com 2025-09-05): FP grau mitjà and superior from 12 September 2025, ending according to their academic programme. FP grau bàsic starts on 8 September 2025 with ESO: record it in course_dates.', 'shipped'),
('2025-2026', 'arts',        '2025-09-12', '2025-09-15', NULL,         'Calendar order for 2025-2026 (regio7.cat 2025-08-29; diarideterrassa.com 2025-09-05): arts plàstiques grau mitjà from 12 September 2025, grau superior no later than 15 September; both end according to their academic programme.', 'shipped'),
('2025-2026', 'sports',      NULL,         '2025-09-15', NULL,         'Calendar order for 2025-2026 (regio7.cat 2025-08-29; diarideterrassa.com 2025-09-05): artistic and sports teachings no later than 15 September 2025, ending according to their academic programme.', 'shipped'),
('2025-2026', 'adults',      NULL,         '2025-09-22', NULL,         'Calendar order for 2025-2026 (regio7.cat 2025-08-29; diarideterrassa.com 2025-09-05): adults no later than 22 September 2025, ending according to their academic programme.', 'shipped'),
('2025-2026', 'eoi',         NULL,         '2025-09-22', NULL,         'Calendar order for 2025-2026 (regio7.cat 2025-08-29; diarideterrassa.com 2025-09-05): EOI no later than 22 September 2025, ending according to their academic programme.', 'shipped');

------------------------------------------------------------------------
-- Vacations and general holidays

CREATE TABLE schooltime.calendar_non_lective_days (
    school_year  schooltime.school_year NOT NULL,
    first_day    date NOT NULL,
    last_day     date NOT NULL CONSTRAINT last_day_not_before_first CHECK (last_day >= first_day),
    kind         text NOT NULL CONSTRAINT kind_known CHECK (kind IN ('vacation', 'holiday')),
    name_en      text NOT NULL,
    name_ca      text NOT NULL,
    source       text NOT NULL,
    origin       schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    PRIMARY KEY (school_year, first_day)
);
COMMENT ON TABLE schooltime.calendar_non_lective_days IS
'The vacations (both days included) and general holidays of each school year, non-lective for every teaching. Local holidays are set by each municipality and live in the model (local_holidays). Years whose general holidays are not collected have only their vacations: a department adds the holidays with INSERT.';
COMMENT ON COLUMN schooltime.calendar_non_lective_days.first_day IS 'first non-lective day';
COMMENT ON COLUMN schooltime.calendar_non_lective_days.last_day IS 'last non-lective day (the same as first_day for a holiday)';
COMMENT ON COLUMN schooltime.calendar_non_lective_days.kind IS 'vacation (Christmas, Easter: free-disposal days may not adjoin them where the year says so) or holiday';
COMMENT ON COLUMN schooltime.calendar_non_lective_days.name_en IS 'name shown in reasons and error details';
COMMENT ON COLUMN schooltime.calendar_non_lective_days.source IS 'where the dates come from';

INSERT INTO schooltime.calendar_non_lective_days (school_year, first_day, last_day, kind, name_en, name_ca, source, origin) VALUES
('2018-2019', '2018-12-22', '2019-01-07', 'vacation', 'Christmas vacation', 'vacances de Nadal', 'Ordre ENS/60/2018: 22 December 2018 to 7 January 2019, both included.', 'shipped'),
('2018-2019', '2019-04-13', '2019-04-22', 'vacation', 'Easter vacation', 'vacances de Setmana Santa', 'Ordre ENS/60/2018: 13 to 22 April 2019, both included.', 'shipped'),
('2018-2019', '2018-09-11', '2018-09-11', 'holiday', 'National Day of Catalonia', 'Diada Nacional de Catalunya', 'General holiday (schools'' published 2018-2019 calendars); before the first day of classes.', 'shipped'),
('2018-2019', '2018-10-12', '2018-10-12', 'holiday', 'Fiesta Nacional de España', 'Festa Nacional d''Espanya', 'General holiday inside the class period (schools'' published 2018-2019 calendars).', 'shipped'),
('2018-2019', '2018-11-01', '2018-11-01', 'holiday', 'All Saints'' Day', 'Tots Sants', 'General holiday inside the class period (schools'' published 2018-2019 calendars).', 'shipped'),
('2018-2019', '2018-12-06', '2018-12-06', 'holiday', 'Constitution Day', 'Dia de la Constitució', 'General holiday inside the class period (schools'' published 2018-2019 calendars).', 'shipped'),
('2018-2019', '2018-12-08', '2018-12-08', 'holiday', 'Immaculate Conception', 'la Immaculada', 'General holiday inside the class period, a Saturday (schools'' published 2018-2019 calendars).', 'shipped'),
('2018-2019', '2019-05-01', '2019-05-01', 'holiday', 'Labour Day', 'Festa del Treball', 'General holiday inside the class period (schools'' published 2018-2019 calendars).', 'shipped'),
('2020-2021', '2020-12-22', '2021-01-07', 'vacation', 'Christmas vacation', 'vacances de Nadal', 'Calendar order for 2020-2021 (regio7.cat, 2020-07-13): 22 December 2020 to 7 January 2021.', 'shipped'),
('2020-2021', '2021-03-27', '2021-04-05', 'vacation', 'Easter vacation', 'vacances de Setmana Santa', 'Calendar order for 2020-2021 (regio7.cat, 2020-07-13): 27 March to 5 April 2021.', 'shipped'),
('2024-2025', '2024-12-21', '2025-01-07', 'vacation', 'Christmas vacation', 'vacances de Nadal', 'Calendar order for 2024-2025 (catalunyapress.cat, 2024-08-28): 21 December 2024 to 7 January 2025.', 'shipped'),
('2024-2025', '2025-04-12', '2025-04-21', 'vacation', 'Easter vacation', 'vacances de Setmana Santa', 'Calendar order for 2024-2025 (catalunyapress.cat, 2024-08-28): 12 to 21 April 2025.', 'shipped'),
('2025-2026', '2025-12-20', '2026-01-07', 'vacation', 'Christmas vacation', 'vacances de Nadal', 'Calendar order for 2025-2026 (regio7.cat 2025-08-29): 20 December 2025 to 7 January 2026.', 'shipped'),
('2025-2026', '2026-03-28', '2026-04-06', 'vacation', 'Easter vacation', 'vacances de Setmana Santa', 'Calendar order for 2025-2026 (regio7.cat 2025-08-29): 28 March to 6 April 2026.', 'shipped');

------------------------------------------------------------------------
-- Intensive days (infantil and primària)

CREATE TABLE schooltime.calendar_intensive_days (
    school_year   schooltime.school_year NOT NULL,
    regime        schooltime.regime NOT NULL,
    first_day     date NOT NULL,
    last_day      date NOT NULL CONSTRAINT last_day_not_before_first CHECK (last_day >= first_day),
    window_start  schooltime.minute_time NOT NULL,
    window_end    schooltime.minute_time NOT NULL CONSTRAINT window_end_after_start CHECK (window_end > window_start),
    source        text NOT NULL,
    origin        schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    PRIMARY KEY (school_year, regime, first_day)
);
COMMENT ON TABLE schooltime.calendar_intensive_days IS
'Intensive days (jornada intensiva) of a regime: lective days on which only the part of each session inside the window is held (both days of a range included).';
COMMENT ON COLUMN schooltime.calendar_intensive_days.first_day IS 'first intensive day';
COMMENT ON COLUMN schooltime.calendar_intensive_days.last_day IS 'last intensive day (the same as first_day for a single day)';
COMMENT ON COLUMN schooltime.calendar_intensive_days.window_start IS 'lective time on those days starts no earlier';
COMMENT ON COLUMN schooltime.calendar_intensive_days.window_end IS 'lective time on those days ends no later';
COMMENT ON COLUMN schooltime.calendar_intensive_days.source IS 'where the days come from, and what is unconfirmed';

INSERT INTO schooltime.calendar_intensive_days (school_year, regime, first_day, last_day, window_start, window_end, source, origin)
SELECT d.school_year, r.regime, d.first_day::date, d.last_day::date, '09:00', '13:00', d.source, 'shipped'
FROM (VALUES
    ('2018-2019', '2018-12-21', '2018-12-21',
     'School calendars citing Ordre ENS/60/2018 (agora.xtec.cat escolasuris; mestreernestbonavista.wordpress.com; blocs.xtec.cat/escolapinyana) agree on 21 December 2018, 09:00-13:00. UNCONFIRMED: the order''s own wording.'),
    ('2018-2019', '2019-06-10', '2019-06-21',
     'School calendars citing Ordre ENS/60/2018 (agora.xtec.cat escolasuris; mestreernestbonavista.wordpress.com; blocs.xtec.cat/escolapinyana) agree on 10 to 21 June 2019, 09:00-13:00. UNCONFIRMED: the order''s own wording.'),
    ('2025-2026', '2025-12-19', '2025-12-19',
     'School calendars for 2025-2026 on agora.xtec.cat: 19 December 2025, 09:00-13:00.'),
    ('2025-2026', '2026-06-08', '2026-06-19',
     'School calendars for 2025-2026 on agora.xtec.cat: from 8 June 2026 (to the last day of classes, 19 June), 09:00-13:00.')
) AS d (school_year, first_day, last_day, source)
CROSS JOIN (VALUES ('infantil'::schooltime.regime), ('primaria')) AS r (regime);

------------------------------------------------------------------------
-- Exceptions the calendar order allows

INSERT INTO schooltime.rule_exceptions (rule, section, authority_en, authority_ca, subjects, regimes, requires_council, origin) VALUES
('calendar_free_days', '1', 'the territorial services, for free-disposal days on consecutive days (from 2025-2026)',
 'els serveis territorials, per a dies de lliure disposició consecutius (des del curs 2025-2026)', '{centre}', NULL, false, 'shipped'),
('calendar_class_days', '1', 'the territorial services, for a delayed start of classes, not past the year''s delayed_start_until',
 'els serveis territorials, per a un inici de curs ajornat, no més tard del dia que fixa l''ordre', '{centre}', NULL, false, 'shipped');

SELECT schooltime.register_catalogue_table('schooltime.calendar_teachings', '{teaching}');
SELECT schooltime.register_catalogue_table('schooltime.calendar_regime_teachings', '{regime}');
SELECT schooltime.register_catalogue_table('schooltime.calendar_years', '{school_year}');
SELECT schooltime.register_catalogue_table('schooltime.calendar_class_periods', '{school_year,teaching}');
SELECT schooltime.register_catalogue_table('schooltime.calendar_non_lective_days', '{school_year,first_day}');
SELECT schooltime.register_catalogue_table('schooltime.calendar_intensive_days', '{school_year,regime,first_day}');
GRANT SELECT ON schooltime.calendar_teachings, schooltime.calendar_regime_teachings, schooltime.calendar_years,
    schooltime.calendar_class_periods, schooltime.calendar_non_lective_days, schooltime.calendar_intensive_days TO PUBLIC;
