-- Per-row rules, checked before each INSERT or UPDATE of a session.

CREATE FUNCTION schooltime.session_row_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'session_row_rules' LANGUAGE C;
COMMENT ON FUNCTION schooltime.session_row_rules() IS
'BEFORE INSERT OR UPDATE ... FOR EACH ROW trigger on a table of weekly sessions: enforces weekday, window and session_length from the catalogue. Reads the columns slot, regime, school_year and, if present, kind and group_id; arguments ''key=column'' name other columns (keys: slot, regime, school_year, kind, group, group_label).';

CREATE FUNCTION schooltime.carry_over_school_year(source schooltime.school_year, target schooltime.school_year)
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
            ('attendance_thresholds', ARRAY['regime'])) AS v (table_name, other_keys)
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
'copies every year-keyed figure of the catalogue from one school year to another that lacks it, as local rows whose source says so; returns how many rows it copied';
