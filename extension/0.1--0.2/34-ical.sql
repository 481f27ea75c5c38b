-- iCalendar (RFC 5545) export of a group's or a teacher's timetable for a
-- course: one weekly recurring event per session, bounded by the course,
-- with the days it is not held as exceptions and the intensive days as
-- overridden occurrences, so that a calendar app shows the real year.

CREATE FUNCTION schooltime.ical_escape(value text)
RETURNS text
AS 'MODULE_PATHNAME', 'schooltime_ical_escape'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.ical_escape(text) IS
'a text as an iCalendar TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma escaped, line breaks written \n, other control characters but tab made spaces';

CREATE FUNCTION schooltime.ical_fold(line text)
RETURNS text
AS 'MODULE_PATHNAME', 'schooltime_ical_fold'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.ical_fold(text) IS
'an iCalendar content line folded as RFC 5545 (3.1) requires: CRLF and a space inserted so that no line is longer than 75 octets, never inside a UTF-8 character';

CREATE FUNCTION schooltime.ical_local_time(day date, at time)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT to_char(day + at, 'YYYYMMDD"T"HH24MISS') $$;
COMMENT ON FUNCTION schooltime.ical_local_time(date, time) IS
'internal: a local date and time as iCalendar writes it, 20180912T080000';

CREATE FUNCTION schooltime.ical_utc_time(day date, at time)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT to_char(((day + at) AT TIME ZONE 'Europe/Madrid') AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS"Z"') $$;
COMMENT ON FUNCTION schooltime.ical_utc_time(date, time) IS
'internal: a date and time of Catalonia (Europe/Madrid) in UTC as iCalendar writes it, 20190621T060000Z';

-- The events of a group's sessions (of one teacher's only, if teacher_id is
-- given), as unfolded content lines.
CREATE FUNCTION schooltime.ical_group_events(model name, centre_id bigint, group_id bigint, teacher_id bigint DEFAULT NULL)
RETURNS SETOF text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $events$
DECLARE
    g record;
    s record;
    k integer;
    stamp text := to_char(transaction_timestamp() AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS"Z"');
    uid text;
    tz text := ';TZID=Europe/Madrid:';
BEGIN
    g := schooltime.calendar_group(model, ical_group_events.centre_id, ical_group_events.group_id);
    FOR s IN EXECUTE format($q$
        WITH l AS (
            SELECT * FROM schooltime.group_lessons($1, $2, $3) AS l WHERE $4 IS NULL OR l.teacher_id = $4
        ), per_session AS (
            SELECT l.session_id, l.subject, l.kind, l.teacher_id, l.starts, l.ends,
                   min(l.day) AS first_day, max(l.day) AS last_day, array_agg(l.day ORDER BY l.day) AS held_days,
                   array_agg(l.day ORDER BY l.day) FILTER (WHERE l.held_start <> l.starts OR l.held_end <> l.ends) AS changed_days,
                   array_agg(l.held_start ORDER BY l.day) FILTER (WHERE l.held_start <> l.starts OR l.held_end <> l.ends) AS changed_starts,
                   array_agg(l.held_end ORDER BY l.day) FILTER (WHERE l.held_start <> l.starts OR l.held_end <> l.ends) AS changed_ends
            FROM l GROUP BY l.session_id, l.subject, l.kind, l.teacher_id, l.starts, l.ends
        )
        SELECT p.*, t.name AS teacher_name,
               ARRAY(SELECT x::date FROM generate_series(p.first_day, p.last_day, interval '7 days') AS x
                     WHERE x::date <> ALL (p.held_days) ORDER BY 1) AS skipped_days
        FROM per_session AS p LEFT JOIN %I.teachers AS t ON t.id = p.teacher_id
        ORDER BY extract(isodow FROM p.first_day), p.starts, p.session_id
        $q$, model)
        USING model, ical_group_events.centre_id, ical_group_events.group_id, ical_group_events.teacher_id
    LOOP
        uid := 'UID:' || schooltime.ical_escape(format('schooltime-%s-c%s-s%s-%s', model, ical_group_events.centre_id,
                                                       s.session_id, g.school_year));
        RETURN NEXT 'BEGIN:VEVENT';
        RETURN NEXT uid;
        RETURN NEXT 'DTSTAMP:' || stamp;
        RETURN NEXT 'DTSTART' || tz || schooltime.ical_local_time(s.first_day, s.starts);
        RETURN NEXT 'DTEND' || tz || schooltime.ical_local_time(s.first_day, s.ends);
        RETURN NEXT 'RRULE:FREQ=WEEKLY;UNTIL=' || schooltime.ical_utc_time(s.last_day, s.starts);
        IF cardinality(s.skipped_days) > 0 THEN
            RETURN NEXT 'EXDATE' || tz || (SELECT string_agg(schooltime.ical_local_time(x, s.starts), ',' ORDER BY x)
                                           FROM unnest(s.skipped_days) AS x);
        END IF;
        RETURN NEXT 'SUMMARY:' || schooltime.ical_escape(format('%s (%s)', s.subject, g.name));
        RETURN NEXT 'DESCRIPTION:' || schooltime.ical_escape(concat_ws(E'\n',
            format('%s of group %s, %s.', initcap(replace(s.kind::text, '_', ' ')), g.name, g.school_year),
            'Teacher: ' || s.teacher_name));
        RETURN NEXT 'CATEGORIES:' || schooltime.ical_escape(s.kind::text);
        RETURN NEXT 'TRANSP:OPAQUE';
        RETURN NEXT 'END:VEVENT';
        -- occurrences held only in part (intensive days)
        FOR k IN 1 .. coalesce(cardinality(s.changed_days), 0) LOOP
            RETURN NEXT 'BEGIN:VEVENT';
            RETURN NEXT uid;
            RETURN NEXT 'DTSTAMP:' || stamp;
            RETURN NEXT 'RECURRENCE-ID' || tz || schooltime.ical_local_time(s.changed_days[k], s.starts);
            RETURN NEXT 'DTSTART' || tz || schooltime.ical_local_time(s.changed_days[k], s.changed_starts[k]);
            RETURN NEXT 'DTEND' || tz || schooltime.ical_local_time(s.changed_days[k], s.changed_ends[k]);
            RETURN NEXT 'SUMMARY:' || schooltime.ical_escape(format('%s (%s)', s.subject, g.name));
            RETURN NEXT 'DESCRIPTION:' || schooltime.ical_escape('Intensive day: only the part inside the intensive timetable is held.');
            RETURN NEXT 'END:VEVENT';
        END LOOP;
    END LOOP;
END
$events$;
COMMENT ON FUNCTION schooltime.ical_group_events(name, bigint, bigint, bigint) IS
'internal: the VEVENT content lines (unfolded) of a group''s sessions, or of one teacher''s sessions in it: a weekly rule from the first to the last lesson, EXDATE for each week it is not held, an overriding event for each occurrence held only in part';

CREATE FUNCTION schooltime.ical_calendar(calendar_name text, events text[])
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT string_agg(schooltime.ical_fold(line), E'\r\n' ORDER BY n) || E'\r\n'
    FROM unnest(ARRAY[
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//schooltime//schooltime ' || (SELECT e.extversion FROM pg_catalog.pg_extension AS e WHERE e.extname = 'schooltime') || '//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:' || schooltime.ical_escape(calendar_name),
        'X-WR-TIMEZONE:Europe/Madrid',
        'BEGIN:VTIMEZONE',
        'TZID:Europe/Madrid',
        'BEGIN:DAYLIGHT',
        'TZOFFSETFROM:+0100',
        'TZOFFSETTO:+0200',
        'TZNAME:CEST',
        'DTSTART:19700329T020000',
        'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
        'END:DAYLIGHT',
        'BEGIN:STANDARD',
        'TZOFFSETFROM:+0200',
        'TZOFFSETTO:+0100',
        'TZNAME:CET',
        'DTSTART:19701025T030000',
        'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
        'END:STANDARD',
        'END:VTIMEZONE'] || coalesce(events, '{}') || ARRAY['END:VCALENDAR']) WITH ORDINALITY AS l (line, n)
$$;
COMMENT ON FUNCTION schooltime.ical_calendar(text, text[]) IS
'internal: a VCALENDAR object (PRODID, VERSION, the Europe/Madrid VTIMEZONE) around the given event lines, each line folded, CRLF line endings';

CREATE FUNCTION schooltime.ical_group(model name, centre_id bigint, group_id bigint)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $group$
DECLARE
    g record;
BEGIN
    g := schooltime.calendar_group(model, ical_group.centre_id, ical_group.group_id);
    RETURN schooltime.ical_calendar(format('%s, %s', g.name, g.school_year),
                                    ARRAY(SELECT schooltime.ical_group_events(model, ical_group.centre_id, ical_group.group_id)));
END
$group$;
COMMENT ON FUNCTION schooltime.ical_group(name, bigint, bigint) IS
'the timetable of a group of a model for its course as iCalendar (RFC 5545) text: one weekly recurring event per class session, from its first to its last lesson, with the non-lective days as exceptions and intensive days as changed occurrences';

CREATE FUNCTION schooltime.ical_teacher(model name, teacher_id bigint, school_year schooltime.school_year)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $teacher$
DECLARE
    teacher_name text;
    g record;
    events text[] := '{}';
BEGIN
    IF to_regclass(format('%I.sessions', model)) IS NULL THEN
        PERFORM schooltime.calendar_centre(model, 0);
    END IF;
    EXECUTE format('SELECT t.name FROM %I.teachers AS t WHERE t.id = $1', model) INTO teacher_name USING ical_teacher.teacher_id;
    IF teacher_name IS NULL THEN
        RAISE EXCEPTION 'teacher % does not exist in schema %', ical_teacher.teacher_id, quote_ident(model)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR g IN EXECUTE format('SELECT DISTINCT s.centre_id, s.group_id FROM %I.sessions AS s '
                            'WHERE s.teacher_id = $1 AND s.school_year = $2 ORDER BY 1, 2', model)
             USING ical_teacher.teacher_id, ical_teacher.school_year
    LOOP
        events := events || ARRAY(SELECT schooltime.ical_group_events(model, g.centre_id, g.group_id, ical_teacher.teacher_id));
    END LOOP;
    RETURN schooltime.ical_calendar(format('%s, %s', teacher_name, ical_teacher.school_year), events);
END
$teacher$;
COMMENT ON FUNCTION schooltime.ical_teacher(name, bigint, schooltime.school_year) IS
'the teaching timetable of a teacher of a model for a school year as iCalendar (RFC 5545) text: the teacher''s sessions in every group, each on its group''s calendar';
