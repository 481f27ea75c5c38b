-- School years (issue 14): which school year a date belongs to, the
-- current one, and the general holidays of a year.
--
-- A school year runs from 1 September to 31 August (every calendar order
-- since Ordre ENS/60/2018 says so in its article 2.1), so the year of a date
-- is arithmetic, not a catalogue lookup: a date past the catalogued years
-- still has a school year, and what the catalogue lacks for it is reported
-- where it is needed (schooltime.calendar_year(), the figures' lookups) as
-- no_data_found with a hint to insert the year or carry one over.
--
-- The general holidays of Catalonia (the labour holidays the Departament
-- d'Empresa i Treball sets each calendar year) are non-lective in every
-- class period.  Their set is stable: fixed dates, and Good Friday and
-- Easter Monday from the date of Easter.  schooltime.general_holidays()
-- computes it, so that a department adding a year need not type it
-- (schooltime.add_general_holidays()), and a year of the catalogue that
-- lacks one is warned about when the transaction that wrote it commits.

CREATE OR REPLACE FUNCTION schooltime.school_year_of(day date)
RETURNS schooltime.school_year
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.format('%s-%s', y, y + 1)::schooltime.school_year
    FROM (SELECT pg_catalog.date_part('year', day::timestamp)::integer
                 - CASE WHEN pg_catalog.date_part('month', day::timestamp) < 9 THEN 1 ELSE 0 END AS y) AS first_year
$$;
COMMENT ON FUNCTION schooltime.school_year_of(date) IS
'the school year a date belongs to: from 1 September to 31 August, as every calendar order defines it (''2026-2027'' for 2027-03-01); NULL for NULL. It does not need the year to be catalogued: functions that need the year''s calendar raise no_data_found for a year the catalogue lacks';

CREATE FUNCTION schooltime.current_school_year()
RETURNS schooltime.school_year
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT schooltime.school_year_of(coalesce(NULLIF(pg_catalog.current_setting('schooltime.today', true), '')::date,
                                              CURRENT_DATE))
$$;
COMMENT ON FUNCTION schooltime.current_school_year() IS
'the school year of today: of the date in the setting schooltime.today if it is set (SET schooltime.today = ''2027-09-01'' to prepare next year, or to fix "today" in a test), else of CURRENT_DATE in the session''s time zone. The default of the functions a user calls for "this year"';

-- The message of a year the calendar catalogue lacks, as 0.2 raised it,
-- with the function that adds the year's general holidays in the hint.
CREATE OR REPLACE FUNCTION schooltime.calendar_year(school_year schooltime.school_year)
RETURNS schooltime.calendar_years
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $year$
DECLARE
    y schooltime.calendar_years;
BEGIN
    SELECT * INTO y FROM schooltime.calendar_years AS cy WHERE cy.school_year OPERATOR(pg_catalog.=) calendar_year.school_year;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no school calendar for %', calendar_year.school_year
            USING ERRCODE = 'no_data_found',
                  DETAIL = pg_catalog.format('schooltime.calendar_years has no row for that school year; it holds %s.',
                                             (SELECT coalesce(pg_catalog.string_agg(cy.school_year, ', ' ORDER BY cy.school_year), 'none')
                                              FROM schooltime.calendar_years AS cy)),
                  HINT = 'INSERT the year''s calendar order into schooltime.calendar_years, calendar_class_periods and calendar_non_lective_days; schooltime.add_general_holidays() adds its general holidays.';
    END IF;
    RETURN y;
END
$year$;

CREATE FUNCTION schooltime.easter_sunday(year integer)
RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- The "anonymous Gregorian algorithm" (Meeus, Astronomical Algorithms,
    -- 1991, chapter 8): integer arithmetic, exact for every Gregorian year.
    SELECT pg_catalog.make_date(year, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1)
    FROM (SELECT a, h, l, (a + 11 * h + 22 * l) / 451 AS m
          FROM (SELECT a, h, (32 + 2 * e + 2 * i - h - k) % 7 AS l
                FROM (SELECT a, e, i, k, (19 * a + b - d - g + 15) % 30 AS h
                      FROM (SELECT year % 19 AS a, year / 100 AS b, year / 100 / 4 AS d, year / 100 % 4 AS e,
                                   (year / 100 - (year / 100 + 8) / 25 + 1) / 3 AS g,
                                   year % 100 / 4 AS i, year % 100 % 4 AS k) AS s1) AS s2) AS s3) AS s4
$$;
COMMENT ON FUNCTION schooltime.easter_sunday(integer) IS
'the date of Easter Sunday of a Gregorian year (Meeus''s "anonymous Gregorian algorithm", Astronomical Algorithms, 1991, chapter 8): easter_sunday(2027) = 2027-03-28';

CREATE FUNCTION schooltime.general_holidays(school_year schooltime.school_year)
RETURNS TABLE (day date, name_en text, name_ca text)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT h.day, h.name_en, h.name_ca
    FROM (SELECT pg_catalog.substr(school_year, 1, 4)::integer AS autumn) AS y
    CROSS JOIN LATERAL (VALUES
        (pg_catalog.make_date(y.autumn, 9, 11), 'National Day of Catalonia', 'Diada Nacional de Catalunya'),
        (pg_catalog.make_date(y.autumn, 10, 12), 'Fiesta Nacional de España', 'Festa Nacional d''Espanya'),
        (pg_catalog.make_date(y.autumn, 11, 1), 'All Saints'' Day', 'Tots Sants'),
        (pg_catalog.make_date(y.autumn, 12, 6), 'Constitution Day', 'Dia de la Constitució'),
        (pg_catalog.make_date(y.autumn, 12, 8), 'Immaculate Conception', 'la Immaculada'),
        (pg_catalog.make_date(y.autumn, 12, 25), 'Christmas Day', 'Nadal'),
        (pg_catalog.make_date(y.autumn, 12, 26), 'Saint Stephen''s Day', 'Sant Esteve'),
        (pg_catalog.make_date(y.autumn + 1, 1, 1), 'New Year''s Day', 'Cap d''Any'),
        (pg_catalog.make_date(y.autumn + 1, 1, 6), 'Epiphany', 'Reis'),
        (schooltime.easter_sunday(y.autumn + 1) - 2, 'Good Friday', 'Divendres Sant'),
        (schooltime.easter_sunday(y.autumn + 1) + 1, 'Easter Monday', 'Dilluns de Pasqua Florida'),
        (pg_catalog.make_date(y.autumn + 1, 5, 1), 'Labour Day', 'Festa del Treball'),
        (pg_catalog.make_date(y.autumn + 1, 6, 24), 'Saint John''s Day', 'Sant Joan'),
        (pg_catalog.make_date(y.autumn + 1, 8, 15), 'Assumption Day', 'l''Assumpció')
    ) AS h (day, name_en, name_ca)
    ORDER BY h.day
$$;
COMMENT ON FUNCTION schooltime.general_holidays(schooltime.school_year) IS
'the general (labour) holidays of Catalonia that fall in a school year (1 September to 31 August), as the yearly orders of the Departament d''Empresa i Treball set them: 11 September, 12 October, 1 November, 6, 8, 25 and 26 December, 1 and 6 January, Good Friday and Easter Monday (from schooltime.easter_sunday()), 1 May, 24 June, 15 August. A year''s order may drop one that falls on a Sunday or add another (6 June 2022): the catalogue''s calendar_non_lective_days holds what the order says';

-- The general holidays a year of the catalogue should have and does not:
-- those on a lective weekday of the school year that no vacation or
-- holiday row covers.  A holiday on a weekend changes nothing.
CREATE FUNCTION schooltime.missing_general_holidays(school_year schooltime.school_year)
RETURNS TABLE (day date, name_en text, name_ca text)
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT h.day, h.name_en, h.name_ca
    FROM schooltime.calendar_years AS y
    CROSS JOIN LATERAL schooltime.general_holidays(y.school_year) AS h
    WHERE y.school_year OPERATOR(pg_catalog.=) missing_general_holidays.school_year
      AND h.day BETWEEN y.course_start AND y.course_end
      AND pg_catalog.date_part('isodow', h.day::timestamp) BETWEEN y.first_weekday AND y.last_weekday
      AND NOT EXISTS (SELECT FROM schooltime.calendar_non_lective_days AS n
                      WHERE n.school_year OPERATOR(pg_catalog.=) y.school_year
                        AND h.day BETWEEN n.first_day AND n.last_day)
    ORDER BY h.day
$$;
COMMENT ON FUNCTION schooltime.missing_general_holidays(schooltime.school_year) IS
'the general holidays (schooltime.general_holidays()) of a catalogued school year that fall on one of its lective weekdays and that no row of calendar_non_lective_days (holiday or vacation) covers: days the calendar counts as lective although Catalonia does not work. Empty for a complete year and for a year the catalogue does not have';

CREATE FUNCTION schooltime.add_general_holidays(school_year schooltime.school_year)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $add$
DECLARE
    added integer;
BEGIN
    PERFORM schooltime.calendar_year(add_general_holidays.school_year);  -- no_data_found for a year the catalogue lacks
    INSERT INTO schooltime.calendar_non_lective_days (school_year, first_day, last_day, kind, name_en, name_ca, source)
    SELECT add_general_holidays.school_year, h.day, h.day, 'holiday', h.name_en, h.name_ca,
           pg_catalog.format('General holiday computed by schooltime.general_holidays() for %s, added by %s on %s; check it against that year''s order of festes laborals.',
                             add_general_holidays.school_year, current_user, pg_catalog.to_char(CURRENT_DATE, 'YYYY-MM-DD'))
    FROM schooltime.general_holidays(add_general_holidays.school_year) AS h
    WHERE NOT EXISTS (SELECT FROM schooltime.calendar_non_lective_days AS n
                      WHERE n.school_year OPERATOR(pg_catalog.=) add_general_holidays.school_year
                        AND (h.day BETWEEN n.first_day AND n.last_day OR n.first_day OPERATOR(pg_catalog.=) h.day));
    GET DIAGNOSTICS added = ROW_COUNT;
    RETURN added;
END
$add$;
COMMENT ON FUNCTION schooltime.add_general_holidays(schooltime.school_year) IS
'inserts into calendar_non_lective_days, as local rows whose source says so, every general holiday of a catalogued school year (schooltime.general_holidays(), weekends included) that no row of the year covers yet; returns how many it added. no_data_found if calendar_years has no row for the year';

-- The warning, at the commit of a transaction that wrote a calendar year
-- or took a non-lective day away: once per year and transaction.
CREATE FUNCTION schooltime.calendar_holidays_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $check$
DECLARE
    year_checked schooltime.school_year;
    missing text;
    warned text;
BEGIN
    IF schooltime.creating_extension() THEN
        RETURN NULL;
    END IF;
    year_checked := CASE WHEN TG_OP = 'DELETE' THEN OLD.school_year ELSE NEW.school_year END;
    warned := coalesce(current_setting('schooltime.holidays_warned', true), '');
    IF pg_catalog.strpos(warned, '|' || year_checked || '|') > 0 THEN
        RETURN NULL;
    END IF;
    PERFORM pg_catalog.set_config('schooltime.holidays_warned', warned || '|' || year_checked || '|', true);
    SELECT pg_catalog.string_agg(pg_catalog.format('%s (%s)', schooltime.calendar_day_text(m.day), m.name_en), ', ' ORDER BY m.day)
      INTO missing
    FROM schooltime.missing_general_holidays(year_checked) AS m;
    IF missing IS NOT NULL THEN
        RAISE WARNING 'the % school calendar lacks general holidays', year_checked
            USING DETAIL = pg_catalog.format('These general holidays of Catalonia fall on lective weekdays of %s and no row of schooltime.calendar_non_lective_days covers them, so they count as lective days: %s.',
                                             year_checked, missing),
                  HINT = pg_catalog.format('SELECT schooltime.add_general_holidays(%L); adds them; insert a holiday the year''s order moved as a row of its own.', year_checked);
    END IF;
    RETURN NULL;
END
$check$;
COMMENT ON FUNCTION schooltime.calendar_holidays_check() IS
'deferred constraint trigger on calendar_years (INSERT, UPDATE) and calendar_non_lective_days (UPDATE, DELETE): at commit, a WARNING naming the general holidays (schooltime.missing_general_holidays()) the school year written lacks, once per year and transaction; silent while the extension''s own script runs';

CREATE CONSTRAINT TRIGGER calendar_year_holidays AFTER INSERT OR UPDATE ON schooltime.calendar_years
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION schooltime.calendar_holidays_check();
CREATE CONSTRAINT TRIGGER calendar_year_holidays AFTER UPDATE OR DELETE ON schooltime.calendar_non_lective_days
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION schooltime.calendar_holidays_check();

------------------------------------------------------------------------
-- "This year" by default, where a user asks about a year

CREATE FUNCTION schooltime.school_calendar(regime schooltime.regime)
RETURNS TABLE (day date, lective boolean, status text, reason text, intensive boolean,
               window_start time, window_end time)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM schooltime.school_calendar(schooltime.current_school_year(), regime) $$;
COMMENT ON FUNCTION schooltime.school_calendar(schooltime.regime) IS
'every day of the current school year (schooltime.current_school_year()) for a regime as the catalogue alone has it; no_data_found if the catalogue lacks the year';

CREATE FUNCTION schooltime.lective_days(regime schooltime.regime)
RETURNS SETOF date
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$ SELECT schooltime.lective_days(schooltime.current_school_year(), regime) $$;
COMMENT ON FUNCTION schooltime.lective_days(schooltime.regime) IS
'the lective days of a regime''s course in the current school year (schooltime.current_school_year()) as the catalogue has them, in order';

CREATE FUNCTION schooltime.lective_days(model name, centre_id bigint, regime schooltime.regime)
RETURNS SETOF date
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$ SELECT schooltime.lective_days(model, centre_id, schooltime.current_school_year(), regime) $$;
COMMENT ON FUNCTION schooltime.lective_days(name, bigint, schooltime.regime) IS
'the lective days of a regime''s course at a centre of a model in the current school year (schooltime.current_school_year()), in order';

CREATE FUNCTION schooltime.ical_teacher(model name, teacher_id bigint)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT schooltime.ical_teacher(model, teacher_id, schooltime.current_school_year()) $$;
COMMENT ON FUNCTION schooltime.ical_teacher(name, bigint) IS
'the teaching timetable of a teacher of a model for the current school year (schooltime.current_school_year()) as iCalendar text, as schooltime.ical_teacher(model, teacher_id, school_year)';
