-- iCalendar export of lessons (issue 12): a group's calendar has one event
-- per lesson it attends, naming the part of the group it takes and all its
-- teachers; a teacher's calendar has one event per lesson, a joint lesson
-- one event naming its groups, held on every day one of them has it.

-- The VEVENT content lines (unfolded) of a group's lessons (teacher_id
-- NULL), or of a teacher's lessons at one centre in a school year
-- (group_id NULL).
CREATE FUNCTION schooltime.ical_lesson_events(model name, centre_id bigint, group_id bigint, teacher_id bigint,
                                              school_year schooltime.school_year)
RETURNS SETOF text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $events$
DECLARE
    s record;
    k integer;
    stamp text := to_char(transaction_timestamp() AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS"Z"');
    uid text;
    summary text;
    tz text := ';TZID=Europe/Madrid:';
    sessions text := schooltime.lesson_relation(model, 'sessions');
BEGIN
    FOR s IN EXECUTE format($q$
        WITH chosen AS (
            -- the lessons of the calendar: the group's, or the teacher's (a
            -- session with no lesson is a lesson of its own)
            SELECT DISTINCT CASE WHEN s.lesson_id IS NULL THEN 's' || s.id ELSE 'l' || s.lesson_id END AS lesson_key,
                   s.lesson_id, CASE WHEN s.lesson_id IS NULL THEN s.id END AS session_id
            FROM %2$s AS s
            WHERE s.centre_id = $2 AND s.kind <> 'recess'
              AND ($3 IS NULL OR s.group_id = $3) AND ($4 IS NULL OR s.teacher_id = $4) AND ($3 IS NOT NULL OR s.school_year = $5)
        ), lesson_rows AS (
            -- every row of those lessons: their groups, parts and teachers
            SELECT c.lesson_key, r.id, r.group_id, r.teacher_id, r.subject, r.kind, r.split, r.part, r.split_half
            FROM chosen AS c
            JOIN %2$s AS r ON r.centre_id = $2 AND r.lesson_id = c.lesson_id
            UNION ALL
            SELECT c.lesson_key, r.id, r.group_id, r.teacher_id, r.subject, r.kind, r.split, r.part, r.split_half
            FROM chosen AS c
            JOIN %2$s AS r ON r.centre_id = $2 AND r.id = c.session_id
        ), held AS (
            -- each day a lesson is held: on a group's calendar when the group
            -- has it, on a teacher's when any of its groups has it
            SELECT r.lesson_key, l.day, min(l.starts) AS starts, max(l.ends) AS ends,
                   min(l.held_start) AS held_start, max(l.held_end) AS held_end
            FROM (SELECT DISTINCT lr.group_id FROM lesson_rows AS lr WHERE $3 IS NULL OR lr.group_id = $3) AS g
            CROSS JOIN LATERAL schooltime.group_lessons($1, $2, g.group_id) AS l
            JOIN lesson_rows AS r ON r.id = l.session_id
            GROUP BY r.lesson_key, l.day
        ), per_lesson AS (
            SELECT h.lesson_key, min(h.starts) AS starts, min(h.ends) AS ends,
                   min(h.day) AS first_day, max(h.day) AS last_day, array_agg(h.day ORDER BY h.day) AS held_days,
                   array_agg(h.day ORDER BY h.day) FILTER (WHERE h.held_start <> h.starts OR h.held_end <> h.ends) AS changed_days,
                   array_agg(h.held_start ORDER BY h.day) FILTER (WHERE h.held_start <> h.starts OR h.held_end <> h.ends) AS changed_starts,
                   array_agg(h.held_end ORDER BY h.day) FILTER (WHERE h.held_start <> h.starts OR h.held_end <> h.ends) AS changed_ends
            FROM held AS h GROUP BY h.lesson_key
        )
        SELECT p.*, c.lesson_id, c.session_id, l.block,
               (SELECT min(r.id) FROM lesson_rows AS r WHERE r.lesson_key = p.lesson_key) AS first_row,
               (SELECT string_agg(DISTINCT r.subject, ' / ') FROM lesson_rows AS r WHERE r.lesson_key = p.lesson_key) AS subject,
               (SELECT (array_agg(r.kind::text ORDER BY r.id))[1] FROM lesson_rows AS r WHERE r.lesson_key = p.lesson_key) AS kind,
               ARRAY(SELECT DISTINCT t.name FROM lesson_rows AS r JOIN %1$I.teachers AS t ON t.id = r.teacher_id
                     WHERE r.lesson_key = p.lesson_key ORDER BY 1) AS teachers,
               -- the lesson's groups, each with the parts of it the lesson takes: 'part Anglès', 'half 2'
               ARRAY(SELECT x.name FROM (
                         SELECT g.id, g.name FROM lesson_rows AS r JOIN %1$I.class_groups AS g ON g.centre_id = $2 AND g.id = r.group_id
                         WHERE r.lesson_key = p.lesson_key GROUP BY g.id, g.name) AS x
                     ORDER BY x.id = $3 DESC, x.name, x.id) AS group_names,
               ARRAY(SELECT x.qualifier FROM (
                         SELECT g.id, g.name,
                                schooltime.parts_words(array_agg(DISTINCT r.split_half ORDER BY r.split_half) FILTER (WHERE r.split_half IS NOT NULL),
                                                       array_agg(DISTINCT r.part ORDER BY r.part) FILTER (WHERE r.part IS NOT NULL), 'en') AS qualifier
                         FROM lesson_rows AS r JOIN %1$I.class_groups AS g ON g.centre_id = $2 AND g.id = r.group_id
                         WHERE r.lesson_key = p.lesson_key GROUP BY g.id, g.name) AS x
                     ORDER BY x.id = $3 DESC, x.name, x.id) AS group_qualifiers,
               ARRAY(SELECT x::date FROM generate_series(p.first_day, p.last_day, interval '7 days') AS x
                     WHERE x::date <> ALL (p.held_days) ORDER BY 1) AS skipped_days
        FROM per_lesson AS p
        JOIN chosen AS c ON c.lesson_key = p.lesson_key
        LEFT JOIN %3$s AS l ON l.centre_id = $2 AND l.id = c.lesson_id
        ORDER BY extract(isodow FROM p.first_day), p.starts, first_row
        $q$, model, sessions, schooltime.lesson_relation(model, 'lessons'))
        USING model, ical_lesson_events.centre_id, ical_lesson_events.group_id, ical_lesson_events.teacher_id,
              ical_lesson_events.school_year
    LOOP
        uid := 'UID:' || schooltime.ical_escape(CASE
            WHEN s.lesson_id IS NULL
                THEN format('schooltime-%s-c%s-s%s-%s', model, ical_lesson_events.centre_id, s.session_id, ical_lesson_events.school_year)
            WHEN ical_lesson_events.group_id IS NOT NULL
                THEN format('schooltime-%s-c%s-l%s-g%s-%s', model, ical_lesson_events.centre_id, s.lesson_id,
                            ical_lesson_events.group_id, ical_lesson_events.school_year)
            ELSE format('schooltime-%s-c%s-l%s-%s', model, ical_lesson_events.centre_id, s.lesson_id, ical_lesson_events.school_year) END);
        -- 'Anglès (4t ESO A, part Anglès)'; a teacher's joint lesson: 'Educació física (1r Batxillerat A; 1r Batxillerat B)'
        summary := 'SUMMARY:' || schooltime.ical_escape(format('%s (%s)', s.subject,
            (SELECT string_agg(x.name || coalesce(', ' || x.qualifier, ''), '; ' ORDER BY x.n)
             FROM unnest(s.group_names, s.group_qualifiers) WITH ORDINALITY AS x (name, qualifier, n)
             WHERE ical_lesson_events.group_id IS NULL OR x.n = 1)));
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
        RETURN NEXT summary;
        RETURN NEXT 'DESCRIPTION:' || schooltime.ical_escape(concat_ws(E'\n',
            format('%s of group%s %s, %s.', initcap(replace(s.kind, '_', ' ')),
                   CASE WHEN ical_lesson_events.group_id IS NULL AND cardinality(s.group_names) > 1 THEN 's' ELSE '' END,
                   (SELECT string_agg(x.name || coalesce(' (' || x.qualifier || ')', ''), ', ' ORDER BY x.n)
                    FROM unnest(s.group_names, s.group_qualifiers) WITH ORDINALITY AS x (name, qualifier, n)
                    WHERE ical_lesson_events.group_id IS NULL OR x.n = 1),
                   ical_lesson_events.school_year),
            CASE WHEN ical_lesson_events.group_id IS NOT NULL AND cardinality(s.group_names) > 1
                 THEN 'Joint lesson with ' || CASE WHEN cardinality(s.group_names) > 2 THEN 'groups ' ELSE 'group ' END
                      || schooltime.series_text(s.group_names[2:]) || '.' END,
            'Option of block ' || s.block || '.',
            CASE WHEN cardinality(s.teachers) = 1 THEN 'Teacher: ' || s.teachers[1]
                 WHEN cardinality(s.teachers) > 1 THEN 'Teachers: ' || array_to_string(s.teachers, ', ') END));
        RETURN NEXT 'CATEGORIES:' || schooltime.ical_escape(s.kind);
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
            RETURN NEXT summary;
            RETURN NEXT 'DESCRIPTION:' || schooltime.ical_escape('Intensive day: only the part inside the intensive timetable is held.');
            RETURN NEXT 'END:VEVENT';
        END LOOP;
    END LOOP;
END
$events$;
COMMENT ON FUNCTION schooltime.ical_lesson_events(name, bigint, bigint, bigint, schooltime.school_year) IS
'internal: the VEVENT content lines (unfolded) of a group''s lessons (teacher_id NULL), or of a teacher''s lessons at a centre in a school year (group_id NULL): one event per lesson, a weekly rule from its first to its last day, EXDATE for each week it is not held, an overriding event for each occurrence held only in part; a group''s event names the part of the group the lesson takes and all its teachers, a teacher''s the lesson''s groups and their parts';

CREATE OR REPLACE FUNCTION schooltime.ical_group_events(model name, centre_id bigint, group_id bigint, teacher_id bigint DEFAULT NULL)
RETURNS SETOF text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $events$
DECLARE
    g record;
BEGIN
    g := schooltime.calendar_group(model, ical_group_events.centre_id, ical_group_events.group_id);
    RETURN QUERY SELECT schooltime.ical_lesson_events(model, ical_group_events.centre_id, ical_group_events.group_id,
                                                      ical_group_events.teacher_id, g.school_year);
END
$events$;
COMMENT ON FUNCTION schooltime.ical_group_events(name, bigint, bigint, bigint) IS
'internal: the VEVENT content lines (unfolded) of a group''s lessons, or of those of them one teacher teaches, as schooltime.ical_lesson_events() writes them: one event per lesson the group attends';

CREATE OR REPLACE FUNCTION schooltime.ical_teacher(model name, teacher_id bigint, school_year schooltime.school_year)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $teacher$
DECLARE
    teacher_name text;
    c record;
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
    FOR c IN EXECUTE format('SELECT DISTINCT s.centre_id FROM %I.sessions AS s '
                            'WHERE s.teacher_id = $1 AND s.school_year = $2 ORDER BY 1', model)
             USING ical_teacher.teacher_id, ical_teacher.school_year
    LOOP
        events := events || ARRAY(SELECT schooltime.ical_lesson_events(model, c.centre_id, NULL, ical_teacher.teacher_id,
                                                                       ical_teacher.school_year));
    END LOOP;
    RETURN schooltime.ical_calendar(format('%s, %s', teacher_name, ical_teacher.school_year), events);
END
$teacher$;
COMMENT ON FUNCTION schooltime.ical_teacher(name, bigint, schooltime.school_year) IS
'the teaching timetable of a teacher of a model for a school year as iCalendar (RFC 5545) text: one weekly recurring event per lesson the teacher teaches (a joint lesson one event, naming its groups and the parts of them it takes, held on every day one of its groups has it), with its other teachers';

COMMENT ON FUNCTION schooltime.ical_group(name, bigint, bigint) IS
'the timetable of a group of a model for its course as iCalendar (RFC 5545) text: one weekly recurring event per lesson the group attends (not recess), naming the half or part of the group it takes, the other groups of a joint lesson, its block and all its teachers, from its first to its last lesson, with the non-lective days as exceptions and intensive days as changed occurrences';
