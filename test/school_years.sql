-- pgTAP: the school years schooltime ships (2018-2019 to 2026-2027), the
-- school year of any date, Easter and the general holidays, over many rows.
BEGIN;
SET client_min_messages = warning;
SELECT plan(22);

-- the rows of a catalogue table keyed by school year (of one year, or all)
CREATE FUNCTION pg_temp.catalogue_year_rows(table_name text, year text)
RETURNS TABLE (school_year text, origin text, source text)
LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY EXECUTE format('SELECT t.school_year::text, t.origin::text, t.source FROM schooltime.%I AS t '
                                'WHERE $1 IS NULL OR t.school_year = $1', table_name) USING year;
END
$$;

SELECT function_returns('schooltime', 'school_year_of', ARRAY['date'], 'schooltime.school_year');
SELECT volatility_is('schooltime', 'school_year_of', ARRAY['date'], 'immutable');
SELECT function_returns('schooltime', 'current_school_year', '{}'::text[], 'schooltime.school_year');
SELECT function_returns('schooltime', 'easter_sunday', ARRAY['integer'], 'date');
SELECT function_returns('schooltime', 'general_holidays', ARRAY['schooltime.school_year'], 'setof record');
SELECT function_returns('schooltime', 'missing_general_holidays', ARRAY['schooltime.school_year'], 'setof record');
SELECT function_returns('schooltime', 'add_general_holidays', ARRAY['schooltime.school_year'], 'integer');

-- the school year of every day from 1990 to 2060: 1 September to 31 August
SELECT is_empty($$SELECT d::date FROM generate_series(date '1990-01-01', date '2060-12-31', interval '1 day') AS d
                  WHERE d::date NOT BETWEEN make_date(substr(schooltime.school_year_of(d::date), 1, 4)::integer, 9, 1)
                                        AND make_date(substr(schooltime.school_year_of(d::date), 6, 4)::integer, 8, 31)$$,
                'every day from 1990 to 2060 lies in its school year, 1 September to 31 August');
SELECT is_empty($$SELECT y.school_year FROM schooltime.calendar_years AS y
                  WHERE schooltime.school_year_of(y.course_start) <> y.school_year
                     OR schooltime.school_year_of(y.course_end) <> y.school_year$$,
                'every catalogued course period lies in the school year of its dates');

-- Easter: a Sunday from 22 March to 25 April, and the catalogue's Good
-- Friday and Easter Monday are the computed ones
SELECT is_empty($$SELECT y FROM generate_series(1583, 4099) AS y
                  WHERE extract(isodow FROM schooltime.easter_sunday(y)) <> 7
                     OR schooltime.easter_sunday(y) NOT BETWEEN make_date(y, 3, 22) AND make_date(y, 4, 25)$$,
                'Easter is a Sunday from 22 March to 25 April in every Gregorian year to 4099');
SELECT set_eq($$SELECT schooltime.easter_sunday(y) FROM unnest(ARRAY[1818, 1943, 2008, 2011, 2038, 2285]) AS y$$,
              $$VALUES (date '1818-03-22'), (date '1943-04-25'), (date '2008-03-23'), (date '2011-04-24'),
                       (date '2038-04-25'), (date '2285-03-22')$$,
              'the earliest and latest Easters of the Gregorian calendar are found');
SELECT is_empty($$SELECT n.school_year, n.first_day, n.name_en FROM schooltime.calendar_non_lective_days AS n
                  WHERE n.kind = 'holiday' AND n.name_en IN ('Good Friday', 'Easter Monday')
                    AND n.first_day <> schooltime.easter_sunday(extract(year FROM n.first_day)::integer)
                                       + CASE n.name_en WHEN 'Good Friday' THEN -2 ELSE 1 END$$,
                'every shipped Good Friday and Easter Monday is two days before or one after Easter Sunday');
SELECT is((SELECT count(*)::integer FROM schooltime.calendar_non_lective_days
           WHERE kind = 'holiday' AND name_en IN ('Good Friday', 'Easter Monday')), 18,
          'every shipped year holds its Good Friday and Easter Monday');

-- the general holidays: fourteen a year, each in its school year
SELECT is_empty($$SELECT y FROM generate_series(1990, 2060) AS y
                  WHERE (SELECT count(DISTINCT h.day) FROM schooltime.general_holidays(format('%s-%s', y, y + 1)) AS h
                         WHERE schooltime.school_year_of(h.day) = format('%s-%s', y, y + 1)) <> 14$$,
                'every school year from 1990-1991 to 2060-2061 has 14 distinct general holidays, all inside it');

-- every shipped year holds them, and none is lective in any class period
SELECT set_eq($$SELECT school_year::text FROM schooltime.calendar_years$$,
              $$SELECT format('%s-%s', y, y + 1) FROM generate_series(2018, 2026) AS y$$,
              'the calendar ships every school year from 2018-2019 to 2026-2027');
SELECT is_empty($$SELECT y.school_year, m.day FROM schooltime.calendar_years AS y
                  CROSS JOIN LATERAL schooltime.missing_general_holidays(y.school_year) AS m$$,
                'no shipped year lacks a general holiday on a weekday');
SELECT is_empty($$SELECT y.school_year, r, h.day
                  FROM schooltime.calendar_years AS y
                  CROSS JOIN unnest(enum_range(NULL::schooltime.regime)) AS r
                  CROSS JOIN LATERAL schooltime.class_period(NULL, NULL, y.school_year, r, true) AS p
                  CROSS JOIN LATERAL schooltime.general_holidays(y.school_year) AS h
                  WHERE p.first_day IS NOT NULL AND p.last_day IS NOT NULL
                    AND h.day BETWEEN p.first_day AND p.last_day
                    AND (SELECT c.lective FROM schooltime.school_calendar(y.school_year, r) AS c WHERE c.day = h.day)$$,
                'no general holiday is lective in any regime''s class period of any shipped year');

-- every table keyed by school year holds every year from 2021-2022 to 2026-2027
SELECT is_empty($$SELECT t.table_name, y
                  FROM unnest(ARRAY['timetable_limits', 'staff_limits', 'escort_ratios', 'outing_limits',
                                    'attendance_thresholds', 'split_requirements', 'optional_group_limits',
                                    'group_teacher_limits', 'calendar_years', 'calendar_class_periods',
                                    'calendar_non_lective_days']) AS t (table_name)
                  CROSS JOIN (SELECT format('%s-%s', y, y + 1) FROM generate_series(2019, 2026) AS y) AS years (y)
                  WHERE NOT (SELECT count(*) > 0 FROM pg_temp.catalogue_year_rows(t.table_name, y))$$,
                'every table keyed by school year has rows for every year from 2019-2020 to 2026-2027');
SELECT is_empty($$SELECT y, r FROM generate_series(2018, 2026) AS y
                  CROSS JOIN unnest(enum_range(NULL::schooltime.regime)) AS r
                  WHERE NOT EXISTS (SELECT FROM schooltime.timetable_limits AS t
                                    WHERE t.school_year = format('%s-%s', y, y + 1) AND t.regime = r)$$,
                'timetable_limits has every regime in every shipped year');
SELECT is_empty($$SELECT y.school_year, rt.regime
                  FROM schooltime.calendar_years AS y
                  CROSS JOIN (VALUES ('infantil'::schooltime.regime), ('primaria'), ('eso'), ('batxillerat')) AS rt (regime)
                  WHERE (SELECT p.last_day FROM schooltime.class_period(NULL, NULL, y.school_year, rt.regime, true) AS p) IS NULL$$,
                'infantil, primària, ESO and batxillerat have a whole class period in every shipped year');

-- every shipped row of the years 2019-2020 and later names its source, or
-- says it is unconfirmed
SELECT is_empty($$SELECT t.table_name, x.school_year, x.source
                  FROM unnest(ARRAY['timetable_limits', 'staff_limits', 'escort_ratios', 'outing_limits',
                                    'attendance_thresholds', 'split_requirements', 'optional_group_limits',
                                    'group_teacher_limits', 'calendar_years', 'calendar_class_periods',
                                    'calendar_non_lective_days', 'calendar_intensive_days']) AS t (table_name)
                  CROSS JOIN LATERAL pg_temp.catalogue_year_rows(t.table_name, NULL) AS x
                  WHERE x.school_year >= '2019-2020' AND x.origin = 'shipped'
                    AND x.source !~* '(ordre|order|unconfirmed)'$$,
                'every shipped row from 2019-2020 on cites an order or says it is unconfirmed');
SELECT is_empty($$SELECT t.table_name, x.school_year, x.source
                  FROM unnest(ARRAY['timetable_limits', 'staff_limits', 'escort_ratios', 'outing_limits',
                                    'attendance_thresholds', 'split_requirements', 'optional_group_limits',
                                    'group_teacher_limits']) AS t (table_name)
                  CROSS JOIN LATERAL pg_temp.catalogue_year_rows(t.table_name, NULL) AS x
                  WHERE x.school_year >= '2019-2020' AND x.origin = 'shipped' AND x.source ~* 'carried over'
                    AND x.source !~* 'unconfirmed'$$,
                'every figure carried over from another year says it is unconfirmed');

SELECT * FROM finish();
ROLLBACK;
