-- Teachers' weekly hours: the aggregate busy_minutes(weekslot), and the
-- figures of each teacher's week read by the kernel that enforces
-- teacher_midday and teacher_week (src/kernels.c) on every write.

CREATE FUNCTION schooltime.busy_minutes_transition(internal, schooltime.weekslot) RETURNS internal
    AS 'MODULE_PATHNAME', 'busy_minutes_transition' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION schooltime.busy_minutes_combine(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'busy_minutes_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION schooltime.busy_minutes_serialize(internal) RETURNS bytea
    AS 'MODULE_PATHNAME', 'busy_minutes_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.busy_minutes_deserialize(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'busy_minutes_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.busy_minutes_final(internal) RETURNS integer
    AS 'MODULE_PATHNAME', 'busy_minutes_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.busy_minutes_transition(internal, schooltime.weekslot) IS
'internal: transition function of the aggregate busy_minutes(weekslot); adds a slot to the state, NULLs ignored';
COMMENT ON FUNCTION schooltime.busy_minutes_combine(internal, internal) IS
'internal: combine function of the aggregate busy_minutes(weekslot), for parallel aggregation';
COMMENT ON FUNCTION schooltime.busy_minutes_serialize(internal) IS
'internal: serializes a partial state of busy_minutes(weekslot) for parallel aggregation';
COMMENT ON FUNCTION schooltime.busy_minutes_deserialize(bytea, internal) IS
'internal: deserializes a partial state of busy_minutes(weekslot)';
COMMENT ON FUNCTION schooltime.busy_minutes_final(internal) IS
'internal: final function of busy_minutes(weekslot): the minutes of the union of the slots';

CREATE AGGREGATE schooltime.busy_minutes(schooltime.weekslot) (
    SFUNC = schooltime.busy_minutes_transition,
    STYPE = internal,
    FINALFUNC = schooltime.busy_minutes_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = schooltime.busy_minutes_combine,
    SERIALFUNC = schooltime.busy_minutes_serialize,
    DESERIALFUNC = schooltime.busy_minutes_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE schooltime.busy_minutes(schooltime.weekslot) IS
'minutes of the week covered by a set of slots, each minute counted once: overlapping slots count their shared minutes once, touching ones (09:00-10:00 and 10:00-11:00) add up; NULL slots are ignored, and a set with no slot gives NULL, as sum() does. Runs in parallel.';

CREATE FUNCTION schooltime.teacher_week_figures(lessons schooltime.weekslot[], duties schooltime.weekslot[],
                                                school_year schooltime.school_year,
                                                OUT lesson_minutes integer, OUT duty_minutes integer,
                                                OUT total_minutes integer, OUT limit_minutes integer,
                                                OUT midday_days integer[])
RETURNS record
AS 'MODULE_PATHNAME', 'schooltime_teacher_week_figures' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.teacher_week_figures(schooltime.weekslot[], schooltime.weekslot[], schooltime.school_year) IS
'the figures of a teacher''s week, measured by the kernel that enforces teacher_midday and teacher_week on write: minutes of lessons, of other duties and of both (each counted once where they overlap), on the working days of schooltime.staff_limits; the year''s limit (2250 minutes, 37 h 30 min); and the ISO weekdays that break teacher_midday. NULL arrays count as empty';

CREATE FUNCTION schooltime.teacher_hours(model name, for_school_year schooltime.school_year DEFAULT NULL,
                                         for_teacher_id bigint DEFAULT NULL)
RETURNS TABLE (teacher_id bigint, teacher_name text, centre_id bigint, school_year schooltime.school_year,
               lesson_minutes integer, duty_minutes integer, total_minutes integer, limit_minutes integer,
               over_limit boolean, midday_days integer[])
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $hours$
BEGIN
    IF model IS NULL OR to_regclass(format('%I.duties', model)) IS NULL THEN
        RAISE EXCEPTION 'schema % holds no schooltime model', coalesce(quote_ident(model), 'NULL')
            USING ERRCODE = 'undefined_table',
                  HINT = 'Name the schema create_model() was given.';
    END IF;
    RETURN QUERY EXECUTE format($q$
        WITH items AS (
            SELECT s.teacher_id, s.school_year, s.slot, false AS is_duty
            FROM %1$I.sessions AS s
            WHERE s.teacher_id IS NOT NULL AND ($1 IS NULL OR s.school_year = $1) AND ($2 IS NULL OR s.teacher_id = $2)
            UNION ALL
            SELECT d.teacher_id, d.school_year, d.slot, true
            FROM %1$I.duties AS d
            WHERE ($1 IS NULL OR d.school_year = $1) AND ($2 IS NULL OR d.teacher_id = $2)
        ), weeks AS (
            SELECT i.teacher_id, i.school_year,
                   array_agg(i.slot) FILTER (WHERE NOT i.is_duty) AS lessons,
                   array_agg(i.slot) FILTER (WHERE i.is_duty) AS duties
            FROM items AS i
            GROUP BY i.teacher_id, i.school_year
        )
        SELECT t.id, t.name, t.centre_id, w.school_year::schooltime.school_year,
               f.lesson_minutes, f.duty_minutes, f.total_minutes, f.limit_minutes,
               f.total_minutes > f.limit_minutes, f.midday_days
        FROM weeks AS w
        JOIN %1$I.teachers AS t ON t.id = w.teacher_id
        CROSS JOIN LATERAL schooltime.teacher_week_figures(w.lessons, w.duties, w.school_year) AS f
        ORDER BY t.id, w.school_year
    $q$, model) USING for_school_year, for_teacher_id;
END
$hours$;
COMMENT ON FUNCTION schooltime.teacher_hours(name, schooltime.school_year, bigint) IS
'teachers'' weekly hours in a model, per teacher and school year (for one year or one teacher if for_school_year or for_teacher_id is given): minutes of lessons, of other fixed duties, and in all, each minute counted once where they overlap, on the working days of schooltime.staff_limits; the year''s limit of the fixed week (rule teacher_week, 6.4); whether the total is over it; and the ISO weekdays that break teacher_midday (5.2). Teachers with nothing scheduled in a year are not listed';
