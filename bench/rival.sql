-- The rival: the write rules of schooltime written the way a good DBA would
-- write them without the extension's C code.  Statement-level AFTER
-- triggers with transition tables; set-based SQL over the whole timetable of
-- every group and teacher a statement touched; the figures read from the
-- catalogue (schooltime.timetable_limits, schooltime.staff_limits), rules of
-- severity 'warning' skipped, authorised exceptions honoured.  It uses the
-- extension's types (weekslot) and their plain functions, as a DBA using the
-- types would, and nothing else of it.
--
--     \i bench/rival.sql
--     SELECT rival.attach('region');     -- a schema made by schooltime.create_model()
--
-- attach() writes the trigger functions into the model's schema with static
-- SQL naming its tables (so PL/pgSQL caches their plans, as a DBA's own
-- functions would) and attaches them to sessions and duties.
--
-- Rules and their meaning (the same as schooltime's, see bench/README.md):
--   per row      weekday, window, session_length (class sessions only)
--   per group    judged for every combination of one part of each split the
--                group's rows name (the halves are one split), on the whole
--                group's rows and that combination's parts':
--                group_overlap (rows of one lesson never clash, so parts of
--                one split never meet; recess entries count), continuous
--                (runs of the union of class sessions whose gaps are shorter
--                than break_min_minutes, longer than continuous_max_minutes
--                from first start to last end), daily_max (minutes of the
--                union of class sessions, recess entries too where
--                recess_is_lective, above daily_max_minutes; the span first
--                start to last end, recess included, above
--                daily_span_max_minutes)
--   per teacher  teacher_overlap (the rows of one lesson are one place),
--                teacher_midday (a day busy both before midday_window_start
--                and after afternoon_start keeps a free stretch of
--                midday_free_minutes inside the midday window), teacher_week (busy minutes,
--                first_weekday to last_weekday, above week_max_minutes), over
--                sessions and duties together

CREATE SCHEMA IF NOT EXISTS rival;
COMMENT ON SCHEMA rival IS 'The benchmark''s rival: schooltime''s write rules in PL/pgSQL (bench/rival.sql).';

-- A minute of the week as the time of day it is: 510 -> '08:30'.
CREATE OR REPLACE FUNCTION rival.clock(minute_of_week integer)
RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT lpad((minute_of_week % 1440 / 60)::text, 2, '0') || ':' || lpad((minute_of_week % 60)::text, 2, '0') $$;
COMMENT ON FUNCTION rival.clock(integer) IS 'the time of day of a minute of the week, as HH:MM';

CREATE OR REPLACE FUNCTION rival.attach(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $attach$
BEGIN
    IF to_regclass(format('%I.sessions', schema_name)) IS NULL
       OR to_regclass(format('%I.duties', schema_name)) IS NULL THEN
        RAISE EXCEPTION 'schema % holds no timetable model', quote_ident(schema_name)
            USING ERRCODE = 'undefined_table',
                  HINT = 'Create one with schooltime.create_model().';
    END IF;

    -- Rules of the timetable of a group, checked after each statement
    -- that writes sessions.
    EXECUTE replace(replace($fn$
CREATE OR REPLACE FUNCTION @model@.rival_sessions_written()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $body$
DECLARE
    v record;
BEGIN
    -- 1. rules one row breaks alone
    FOR v IN
        SELECT n.centre_id, n.group_id, n.id, n.slot, n.kind, n.school_year, n.regime, l.section,
               l.first_weekday, l.last_weekday, l.window_start, l.window_end,
               l.session_min_minutes, l.session_max_minutes,
               l.regime IS NULL AS no_figures,
               schooltime.weekday(n.slot) NOT BETWEEN l.first_weekday AND l.last_weekday AS bad_weekday,
               schooltime.start_time(n.slot) < l.window_start OR schooltime.end_time(n.slot) > l.window_end AS bad_window,
               n.kind <> 'recess' AND (schooltime.minutes(n.slot) < l.session_min_minutes
                                       OR schooltime.minutes(n.slot) > l.session_max_minutes) AS bad_length
        FROM new_rows AS n
        LEFT JOIN schooltime.timetable_limits AS l ON l.school_year = n.school_year AND l.regime = n.regime
        WHERE l.regime IS NULL
           OR schooltime.weekday(n.slot) NOT BETWEEN l.first_weekday AND l.last_weekday
           OR schooltime.start_time(n.slot) < l.window_start OR schooltime.end_time(n.slot) > l.window_end
           OR (n.kind <> 'recess' AND (schooltime.minutes(n.slot) < l.session_min_minutes
                                       OR schooltime.minutes(n.slot) > l.session_max_minutes))
    LOOP
        IF v.no_figures THEN
            RAISE EXCEPTION 'no timetable figures for % in %', v.regime, v.school_year
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'Add the year''s figures to schooltime.timetable_limits.';
        END IF;
        IF v.bad_weekday AND rival.enforced('weekday', @authorisations@, v.centre_id, v.school_year, v.group_id, v.id) THEN
            RAISE EXCEPTION 'session of group % on % is outside the lective week', v.group_id, schooltime.weekday_name(schooltime.weekday(v.slot))
                USING ERRCODE = 'check_violation', CONSTRAINT = 'weekday', TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = format('In %s, %s sessions run from %s to %s; the session is %s (section %s).', v.school_year, v.regime,
                                      schooltime.weekday_name(v.first_weekday), schooltime.weekday_name(v.last_weekday),
                                      schooltime.to_text(v.slot), v.section),
                      HINT = 'Move the session to a lective day.';
        END IF;
        IF v.bad_window AND rival.enforced('window', @authorisations@, v.centre_id, v.school_year, v.group_id, v.id) THEN
            RAISE EXCEPTION 'session of group % on % lies outside the % window', v.group_id, schooltime.weekday_name(schooltime.weekday(v.slot)), v.regime
                USING ERRCODE = 'check_violation', CONSTRAINT = 'window', TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = format('In %s, %s sessions lie within %s-%s; the session is %s (section %s).', v.school_year, v.regime,
                                      v.window_start, v.window_end, schooltime.to_text(v.slot), v.section),
                      HINT = 'Move the session inside the window.';
        END IF;
        IF v.bad_length AND rival.enforced('session_length', @authorisations@, v.centre_id, v.school_year, v.group_id, v.id) THEN
            RAISE EXCEPTION 'session of group % on % lasts % minutes', v.group_id, schooltime.weekday_name(schooltime.weekday(v.slot)), schooltime.minutes(v.slot)
                USING ERRCODE = 'check_violation', CONSTRAINT = 'session_length', TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = format('In %s, %s sessions last %s to %s minutes; the session is %s (section %s).', v.school_year, v.regime,
                                      coalesce(v.session_min_minutes::text, '-'), coalesce(v.session_max_minutes::text, '-'),
                                      schooltime.to_text(v.slot), v.section),
                      HINT = 'Change the length of the session.';
        END IF;
    END LOOP;

    -- 2. rules of a group's timetable, over every group the statement touched,
    -- judged for every set of pupils the group's rows tell apart ("lanes"): one
    -- part of each split its rows name, the whole group's rows and those parts'
    FOR v IN
        WITH RECURSIVE touched AS (
            SELECT DISTINCT centre_id, group_id FROM new_rows
        ), timetable AS MATERIALIZED (
            -- the pupils a row is for: the whole group (split NULL), a half (split ''),
            -- or a part of a named split; its lesson: (0, lesson_id), or (1, id) for a
            -- session that is a lesson of its own
            SELECT s.centre_id, s.group_id, s.school_year, s.regime, s.slot, s.kind,
                   CASE WHEN s.split_half IS NOT NULL THEN '' ELSE s.split END AS split,
                   CASE WHEN s.split_half IS NOT NULL THEN s.split_half::text ELSE s.part END AS part,
                   CASE WHEN s.lesson_id IS NULL THEN 1 ELSE 0 END AS origin, coalesce(s.lesson_id, s.id) AS lesson,
                   schooltime.weekday(s.slot) AS day,
                   schooltime.minute_of_week(lower(s.slot)) AS lo,
                   schooltime.minute_of_week(upper(s.slot)) AS hi
            FROM @model@.sessions AS s
            JOIN touched AS t ON t.centre_id = s.centre_id AND t.group_id = s.group_id
        ), used AS (
            SELECT DISTINCT centre_id, group_id, split FROM timetable WHERE split IS NOT NULL
        ), parts AS (
            -- every part of each split the rows use, numbered by split within the group
            SELECT x.centre_id, x.group_id, x.split, x.part,
                   dense_rank() OVER (PARTITION BY x.centre_id, x.group_id ORDER BY x.split) AS n
            FROM (
                SELECT t.centre_id, t.group_id, t.split, t.part FROM timetable AS t WHERE t.split IS NOT NULL
                UNION
                SELECT g.centre_id, g.group_id, g.split, g.part
                FROM @model@.group_parts AS g JOIN used AS u ON u.centre_id = g.centre_id AND u.group_id = g.group_id AND u.split = g.split
                UNION
                SELECT u.centre_id, u.group_id, u.split, h.part FROM used AS u CROSS JOIN (VALUES ('1'), ('2')) AS h (part)
                WHERE u.split = ''
            ) AS x
        ), combinations (centre_id, group_id, n, parts) AS (
            SELECT t.centre_id, t.group_id, 0::bigint, ARRAY[]::text[] FROM touched AS t
            UNION ALL
            SELECT c.centre_id, c.group_id, c.n + 1, c.parts || (p.split || E'\x1f' || p.part)
            FROM combinations AS c
            JOIN parts AS p ON p.centre_id = c.centre_id AND p.group_id = c.group_id AND p.n = c.n + 1
        ), splits AS (
            SELECT centre_id, group_id, count(*) AS n FROM used GROUP BY centre_id, group_id
        ), lanes AS (
            -- the complete combinations: one part of every split the group's rows use
            SELECT row_number() OVER () AS lane, c.centre_id, c.group_id, c.parts
            FROM combinations AS c
            LEFT JOIN splits AS s ON s.centre_id = c.centre_id AND s.group_id = c.group_id
            WHERE c.n = coalesce(s.n, 0)
        ), lane_rows AS MATERIALIZED (
            SELECT l.lane, t.*
            FROM lanes AS l
            JOIN timetable AS t ON t.centre_id = l.centre_id AND t.group_id = l.group_id
            WHERE t.split IS NULL OR (t.split || E'\x1f' || t.part) = ANY (l.parts)
        ), overlapping AS (
            -- in each lane, sorted by start, a row overlaps an earlier one if it starts
            -- before the latest end of the rows before its lesson's (rows of one lesson
            -- have one slot and sort together: they never clash)
            SELECT 'group_overlap'::text AS rule, centre_id, group_id, school_year, day,
                   format('two sessions of the group overlap at %s', schooltime.to_text(slot)) AS what,
                   'Move one of the sessions, or make them parts of one split of the group, or rows of one lesson.' AS hint
            FROM (
                SELECT y.*, first_value(y.latest_end) OVER (PARTITION BY y.lane, y.lo, y.hi, y.origin, y.lesson) AS before_lesson
                FROM (
                    SELECT r.*, max(r.hi) OVER (PARTITION BY r.lane ORDER BY r.lo, r.hi, r.origin, r.lesson
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_end
                    FROM lane_rows AS r
                ) AS y
            ) AS x
            WHERE lo < before_lesson
        ), days AS (
            SELECT t.lane, t.centre_id, t.group_id, t.day, l.school_year, l.regime, l.section,
                   l.continuous_max_minutes, l.break_min_minutes, l.daily_max_minutes, l.daily_span_max_minutes,
                   range_agg(t.slot::schooltime.weektimerange) FILTER (WHERE t.kind <> 'recess') AS classes,
                   range_agg(t.slot::schooltime.weektimerange) FILTER (WHERE t.kind <> 'recess' OR l.recess_is_lective) AS lective,
                   max(t.hi) - min(t.lo) AS span
            FROM lane_rows AS t
            JOIN schooltime.timetable_limits AS l ON l.school_year = t.school_year AND l.regime = t.regime
            GROUP BY t.lane, t.centre_id, t.group_id, t.day, l.school_year, l.regime
        ), pieces AS (
            -- the union of the day's class sessions, piece by piece, each
            -- piece numbered by the run it belongs to
            SELECT p.*, sum(p.new_run) OVER (PARTITION BY p.lane, p.day ORDER BY p.lo) AS run
            FROM (
                SELECT d.lane, d.centre_id, d.group_id, d.day, d.school_year, d.continuous_max_minutes,
                       schooltime.minute_of_week(lower(c)) AS lo, schooltime.minute_of_week(upper(c)) AS hi,
                       CASE WHEN schooltime.minute_of_week(lower(c))
                                 - lag(schooltime.minute_of_week(upper(c))) OVER w < d.break_min_minutes
                            THEN 0 ELSE 1 END AS new_run
                FROM days AS d
                CROSS JOIN LATERAL unnest(d.classes) AS c
                WHERE d.continuous_max_minutes IS NOT NULL
                WINDOW w AS (PARTITION BY d.lane, d.day ORDER BY lower(c))
            ) AS p
        ), runs AS (
            SELECT 'continuous'::text AS rule, centre_id, group_id, school_year, day,
                   format('a run of %s minutes of classes from %s to %s, longer than %s', max(hi) - min(lo),
                          rival.clock(min(lo)), rival.clock(max(hi)), continuous_max_minutes) AS what,
                   'Put a break of at least 30 minutes into the run.' AS hint,
                   max(hi) - min(lo) AS length, continuous_max_minutes
            FROM pieces
            GROUP BY lane, centre_id, group_id, school_year, day, run, continuous_max_minutes
        ), daily AS (
            SELECT 'daily_max'::text AS rule, d.centre_id, d.group_id, d.school_year, d.day,
                   CASE WHEN d.span > d.daily_span_max_minutes
                        THEN format('a day of %s minutes from first start to last end, above %s', d.span, d.daily_span_max_minutes)
                        ELSE format('%s lective minutes in the day, above %s', m.minutes, d.daily_max_minutes) END AS what,
                   'Move sessions to another day.' AS hint
            FROM days AS d
            CROSS JOIN LATERAL (
                SELECT sum(schooltime.minute_of_week(upper(p)) - schooltime.minute_of_week(lower(p))) AS minutes
                FROM unnest(d.lective) AS p
            ) AS m
            WHERE m.minutes > d.daily_max_minutes OR d.span > d.daily_span_max_minutes
        )
        SELECT rule, centre_id, group_id, school_year, day, what, hint FROM overlapping
        UNION ALL
        SELECT rule, centre_id, group_id, school_year, day, what, hint FROM runs
        WHERE length > continuous_max_minutes
        UNION ALL
        SELECT rule, centre_id, group_id, school_year, day, what, hint FROM daily
    LOOP
        -- severity and authorisations only for what breaks a rule (a filter in the
        -- query above would be run on every row the planner pushes it down to)
        IF rival.enforced(v.rule, @authorisations@, v.centre_id, v.school_year, v.group_id, NULL) THEN
            RAISE EXCEPTION 'group % on % breaks %', v.group_id, schooltime.weekday_name(v.day), v.rule
                USING ERRCODE = 'check_violation', CONSTRAINT = v.rule, TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = format('In %s, centre %s: %s.', v.school_year, v.centre_id, v.what),
                      HINT = v.hint;
        END IF;
    END LOOP;

    -- 3. rules of a teacher's week, over every teacher the statement touched
    -- (DISTINCT on the columns, not on the composite: sorting composites looks up
    -- their row type at every comparison)
    PERFORM @model@.rival_teacher_rules(array_agg((t.teacher_id, t.school_year)::@model@.rival_teacher_key),
                                     TG_TABLE_NAME, TG_TABLE_SCHEMA)
    FROM (SELECT DISTINCT teacher_id, school_year FROM new_rows WHERE teacher_id IS NOT NULL) AS t;
    RETURN NULL;
END
$body$;
$fn$, '@model@', quote_ident(schema_name)), '@authorisations@', quote_literal(format('%I.authorisations', schema_name)));

    EXECUTE replace($fn$
DROP TYPE IF EXISTS @model@.rival_teacher_key CASCADE;
CREATE TYPE @model@.rival_teacher_key AS (teacher_id bigint, school_year text);

CREATE OR REPLACE FUNCTION @model@.rival_teacher_rules(teachers @model@.rival_teacher_key[], table_name text, schema_name text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $body$
DECLARE
    v record;
BEGIN
    IF teachers IS NULL THEN
        RETURN;
    END IF;
    FOR v IN
        WITH touched AS (
            SELECT t.teacher_id, t.school_year FROM unnest(teachers) AS t
        ), busy AS MATERIALIZED (
            -- where the teacher is: (0, lesson_id) for a lesson's rows, which are one
            -- place however many groups or parts it takes; (1, id) for a session that
            -- is a lesson of its own; (2, id) for a duty
            SELECT b.teacher_id, b.school_year, b.slot, b.origin, b.place,
                   schooltime.weekday(b.slot) AS day,
                   schooltime.minute_of_week(lower(b.slot)) AS lo,
                   schooltime.minute_of_week(upper(b.slot)) AS hi
            FROM (
                SELECT s.teacher_id, s.school_year::text AS school_year, s.slot,
                       CASE WHEN s.lesson_id IS NULL THEN 1 ELSE 0 END AS origin, coalesce(s.lesson_id, s.id) AS place
                FROM @model@.sessions AS s JOIN touched AS t ON t.teacher_id = s.teacher_id AND t.school_year = s.school_year
                UNION ALL
                SELECT d.teacher_id, d.school_year::text, d.slot, 2, d.id
                FROM @model@.duties AS d JOIN touched AS t ON t.teacher_id = d.teacher_id AND t.school_year = d.school_year
            ) AS b
        ), overlapping AS (
            -- sorted by start, a row overlaps an earlier one if it starts before the
            -- latest end of the rows before its place's (rows of one lesson sort together)
            SELECT 'teacher_overlap'::text AS rule, teacher_id, school_year, day,
                   format('two of the teacher''s sessions and duties overlap at %s', schooltime.to_text(slot)) AS what,
                   'Move one of them.' AS hint
            FROM (
                SELECT y.*, first_value(y.latest_end) OVER (PARTITION BY y.teacher_id, y.school_year, y.lo, y.hi, y.origin, y.place)
                            AS before_place
                FROM (
                    SELECT b.*, max(b.hi) OVER (PARTITION BY b.teacher_id, b.school_year ORDER BY b.lo, b.hi, b.origin, b.place
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_end
                    FROM busy AS b
                ) AS y
            ) AS x
            WHERE lo < before_place
        ), days AS (
            SELECT b.teacher_id, b.school_year, b.day, range_agg(b.slot::schooltime.weektimerange) AS busy_time, min(b.lo) AS first_start, max(b.hi) AS last_end,
                   l.week_max_minutes, l.first_weekday, l.last_weekday, l.midday_free_minutes,
                   l.midday_window_start, l.midday_window_end, l.afternoon_start
            FROM busy AS b
            JOIN schooltime.staff_limits AS l ON l.school_year = b.school_year
            GROUP BY b.teacher_id, b.school_year, b.day, l.school_year
        ), midday AS (
            SELECT 'teacher_midday'::text AS rule, d.teacher_id, d.school_year, d.day,
                   format('a longest free stretch of %s minutes within %s-%s on a day busy before and after %s, under %s',
                          coalesce(f.longest, 0), d.midday_window_start, d.midday_window_end, d.afternoon_start, d.midday_free_minutes) AS what,
                   'Free an interval at midday.' AS hint
            FROM days AS d
            CROSS JOIN LATERAL (
                SELECT max(schooltime.minute_of_week(upper(p)) - schooltime.minute_of_week(lower(p))) AS longest
                FROM unnest(schooltime.weektimemultirange(schooltime.weektimerange(
                                schooltime.weektime(d.day, d.midday_window_start), schooltime.weektime(d.day, d.midday_window_end)))
                            - d.busy_time) AS p
            ) AS f
            WHERE d.first_start < schooltime.minute_of_week(schooltime.weektime(d.day, d.midday_window_start))
              AND d.last_end > schooltime.minute_of_week(schooltime.weektime(d.day, d.afternoon_start))
              AND coalesce(f.longest, 0) < d.midday_free_minutes
        ), week AS (
            SELECT 'teacher_week'::text AS rule, d.teacher_id, d.school_year, NULL::integer AS day,
                   format('%s busy minutes in the week, above %s', sum(m.minutes), d.week_max_minutes) AS what,
                   'Move duties to another teacher.' AS hint
            FROM days AS d
            CROSS JOIN LATERAL (
                SELECT sum(schooltime.minute_of_week(upper(p)) - schooltime.minute_of_week(lower(p))) AS minutes
                FROM unnest(d.busy_time) AS p
            ) AS m
            WHERE d.day BETWEEN d.first_weekday AND d.last_weekday
            GROUP BY d.teacher_id, d.school_year, d.week_max_minutes
            HAVING sum(m.minutes) > d.week_max_minutes
        )
        SELECT * FROM overlapping
        UNION ALL
        SELECT * FROM midday
        UNION ALL
        SELECT * FROM week
    LOOP
        IF rival.enforced(v.rule, NULL, NULL, NULL, NULL, NULL) THEN
            RAISE EXCEPTION 'teacher % breaks %', v.teacher_id, v.rule
                USING ERRCODE = 'check_violation', CONSTRAINT = v.rule, TABLE = table_name, SCHEMA = schema_name,
                      DETAIL = format('In %s%s: %s.', v.school_year,
                                      CASE WHEN v.day IS NULL THEN '' ELSE ', on ' || schooltime.weekday_name(v.day) END, v.what),
                      HINT = v.hint;
        END IF;
    END LOOP;
END
$body$;

-- Rules of a teacher's week, checked after each statement that writes duties.
CREATE OR REPLACE FUNCTION @model@.rival_duties_written()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $body$
BEGIN
    PERFORM @model@.rival_teacher_rules(array_agg((t.teacher_id, t.school_year)::@model@.rival_teacher_key),
                                     TG_TABLE_NAME, TG_TABLE_SCHEMA)
    FROM (SELECT DISTINCT teacher_id, school_year FROM new_rows) AS t;
    RETURN NULL;
END
$body$;

CREATE TRIGGER rival_sessions_inserted AFTER INSERT ON @model@.sessions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.rival_sessions_written();
CREATE TRIGGER rival_sessions_updated AFTER UPDATE ON @model@.sessions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.rival_sessions_written();
CREATE TRIGGER rival_duties_inserted AFTER INSERT ON @model@.duties
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.rival_duties_written();
CREATE TRIGGER rival_duties_updated AFTER UPDATE ON @model@.duties
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.rival_duties_written();
$fn$, '@model@', quote_ident(schema_name));
END
$attach$;
COMMENT ON FUNCTION rival.attach(name) IS
'attaches the rival''s statement-level triggers (schooltime''s nine write rules in PL/pgSQL) to the sessions and duties of a model schema';

-- Whether a rule refuses writes: its severity is error, and no recorded
-- authorisation sets it aside for the centre or the group (or the session,
-- for the rules one row breaks).
CREATE OR REPLACE FUNCTION rival.enforced(rule text, authorisations text, centre_id bigint,
                                          school_year text, group_id bigint, session_id bigint)
RETURNS boolean
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $enforced$
DECLARE
    found boolean;
BEGIN
    IF NOT EXISTS (SELECT FROM schooltime.rules AS r WHERE r.code = rule AND r.severity = 'error') THEN
        RETURN false;
    END IF;
    IF authorisations IS NULL OR centre_id IS NULL THEN
        RETURN true;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT FROM %s AS a WHERE a.rule = $1 AND a.centre_id = $2 AND a.school_year::text = $3'
                   ' AND ((a.group_id IS NULL AND a.session_id IS NULL AND a.outing_id IS NULL)'
                   '      OR a.group_id = $4 OR a.session_id = $5))', authorisations)
        INTO found USING rule, centre_id, school_year, group_id, session_id;
    RETURN NOT found;
END
$enforced$;
COMMENT ON FUNCTION rival.enforced(text, text, bigint, text, bigint, bigint) IS
'whether a broken rule refuses the write: severity error and no authorisation for the centre, group or session';
