-- How many groups, days or centres of a loaded region break each
-- approval-time rule, read as the compliance report will read them.  The
-- generator promises zero everywhere; tools/tests/bench-smoke runs this on
-- its small region (with the held-back sessions inserted) and checks it.
--
--     psql -v schema=region -f bench/approval-check.sql
--
-- Output: one line per check, "check|failures".  Figures come from the
-- catalogue (schooltime.timetable_limits, schooltime.staff_limits).

\set QUIET on
SET search_path = pg_catalog, pg_temp;

CREATE TEMP TABLE approval_sessions AS
SELECT s.centre_id, s.group_id, s.regime, s.kind, s.slot, s.teacher_id, g.school_year,
       schooltime.weekday(s.slot) AS day,
       schooltime.minute_of_week(lower(s.slot)) % 1440 AS lo,
       CASE WHEN schooltime.minute_of_week(upper(s.slot)) % 1440 = 0 THEN 1440
            ELSE schooltime.minute_of_week(upper(s.slot)) % 1440 END AS hi
FROM :"schema".sessions AS s
JOIN :"schema".class_groups AS g ON g.centre_id = s.centre_id AND g.id = s.group_id;

CREATE TEMP TABLE approval_group_days AS
SELECT a.centre_id, a.group_id, a.regime, a.school_year, a.day,
       range_agg(a.slot::schooltime.weektimerange) FILTER (WHERE a.kind NOT IN ('recess', 'research_work') OR l.recess_is_lective) AS lective,
       min(a.lo) FILTER (WHERE a.kind <> 'recess' OR l.recess_is_lective) AS first_start,
       max(a.hi) FILTER (WHERE a.kind <> 'recess' OR l.recess_is_lective) AS last_end,
       max(a.hi) FILTER (WHERE (a.kind <> 'recess' OR l.recess_is_lective)
                           AND a.hi <= extract(epoch FROM l.afternoon_start) / 60) AS morning_end,
       min(a.lo) FILTER (WHERE (a.kind <> 'recess' OR l.recess_is_lective)
                           AND a.lo >= extract(epoch FROM l.afternoon_start) / 60) AS afternoon_first,
       l.afternoon_start
FROM approval_sessions AS a
JOIN schooltime.timetable_limits AS l ON l.school_year = a.school_year AND l.regime = a.regime
GROUP BY a.centre_id, a.group_id, a.regime, a.school_year, a.day, l.school_year, l.regime;

-- the weektime of a day and a minute of that day (1440 is the end of the day)
CREATE FUNCTION pg_temp.wt(day integer, minute integer) RETURNS schooltime.weektime
LANGUAGE sql IMMUTABLE
AS $$ SELECT schooltime.weektime(day, CASE WHEN minute = 1440 THEN time '24:00' ELSE make_time(minute / 60, minute % 60, 0) END) $$;

CREATE FUNCTION pg_temp.minutes(m schooltime.weektimemultirange) RETURNS integer
LANGUAGE sql IMMUTABLE
AS $$ SELECT coalesce(sum(schooltime.minute_of_week(upper(p)) - schooltime.minute_of_week(lower(p))), 0)::integer FROM unnest(m) AS p $$;

-- the lective minutes of a day before and at or after a time of day
CREATE FUNCTION pg_temp.part(m schooltime.weektimemultirange, day integer, from_time time, to_time time) RETURNS integer
LANGUAGE sql IMMUTABLE
AS $$ SELECT pg_temp.minutes(m * schooltime.weektimemultirange(schooltime.weektimerange(
                 schooltime.weektime(day, from_time), schooltime.weektime(day, to_time)))) $$;

-- weekly_hours: the regime's weekly lective minutes (recess counted where it is lective)
SELECT 'weekly_hours', count(*)
FROM (
    SELECT d.group_id, sum(pg_temp.minutes(d.lective)) AS minutes, l.weekly_min_minutes, l.weekly_max_minutes
    FROM approval_group_days AS d
    JOIN schooltime.timetable_limits AS l ON l.school_year = d.school_year AND l.regime = d.regime
    WHERE l.weekly_min_minutes IS NOT NULL
    GROUP BY d.group_id, l.weekly_min_minutes, l.weekly_max_minutes
) AS w
WHERE w.minutes < w.weekly_min_minutes OR w.minutes > coalesce(w.weekly_max_minutes, w.minutes);

-- free_afternoons: public ESO, weekdays without class at or after the afternoon start
SELECT 'free_afternoons', count(*)
FROM (
    SELECT d.group_id, 5 - count(*) FILTER (WHERE d.last_end > extract(epoch FROM d.afternoon_start) / 60) AS free,
           l.max_free_afternoons
    FROM approval_group_days AS d
    JOIN :"schema".centres AS c ON c.id = d.centre_id
    JOIN schooltime.timetable_limits AS l ON l.school_year = d.school_year AND l.regime = d.regime
    WHERE c.ownership = 'public' AND l.max_free_afternoons IS NOT NULL AND d.day BETWEEN 1 AND 5
    GROUP BY d.group_id, l.max_free_afternoons
) AS f
WHERE f.free > f.max_free_afternoons;

-- fp_single_shift: no FP day with class both before and at or after the afternoon start
SELECT 'fp_single_shift', count(*)
FROM approval_group_days AS d
JOIN schooltime.timetable_limits AS l ON l.school_year = d.school_year AND l.regime = d.regime
WHERE l.single_shift
  AND d.first_start < extract(epoch FROM d.afternoon_start) / 60
  AND d.last_end > extract(epoch FROM d.afternoon_start) / 60;

-- primary_day: lective day, morning and afternoon minutes, end, midday interval
SELECT 'primary_day', count(*)
FROM (
    SELECT d.*, l.daily_max_minutes, l.morning_min_minutes, l.morning_max_minutes, l.afternoon_min_minutes,
           l.afternoon_max_minutes, l.day_end_not_before, l.midday_break_min_minutes,
           pg_temp.minutes(d.lective) AS total,
           pg_temp.part(d.lective, d.day, '00:00', d.afternoon_start) AS morning,
           pg_temp.part(d.lective, d.day, d.afternoon_start, '24:00') AS afternoon
    FROM approval_group_days AS d
    JOIN schooltime.timetable_limits AS l ON l.school_year = d.school_year AND l.regime = d.regime
    WHERE l.morning_min_minutes IS NOT NULL
) AS p
WHERE p.total <> p.daily_max_minutes
   OR p.morning NOT BETWEEN p.morning_min_minutes AND p.morning_max_minutes
   OR p.afternoon NOT BETWEEN p.afternoon_min_minutes AND p.afternoon_max_minutes
   OR p.last_end < extract(epoch FROM p.day_end_not_before) / 60
   OR p.afternoon_first - p.morning_end < p.midday_break_min_minutes
   OR p.afternoon_first IS NULL OR p.morning_end IS NULL;

-- guard_coverage: every class period and every recess of a centre has the centre's
-- minimum of teachers on guard duty (recess guard for a recess)
SELECT 'guard_coverage', count(*)
FROM (
    SELECT DISTINCT a.centre_id, a.slot, a.kind = 'recess' AS recess, a.school_year
    FROM approval_sessions AS a
) AS p
JOIN :"schema".centres AS c ON c.id = p.centre_id
JOIN schooltime.staff_limits AS l ON l.school_year = p.school_year
WHERE (SELECT count(*) FROM :"schema".duties AS d
       WHERE d.centre_id = p.centre_id AND d.slot @> p.slot
         AND d.kind = CASE WHEN p.recess THEN 'recess_guard' ELSE 'guard' END::schooltime.duty_kind)
      < coalesce(c.min_guards, l.default_min_guards);

-- directive_presence: each day of a centre, from its first start to its last end
-- (lective time and the midday interval), a member of the directive team is there
SELECT 'directive_presence', count(*)
FROM (
    SELECT a.centre_id, a.day,
           schooltime.weektimerange(pg_temp.wt(a.day, min(a.lo)), pg_temp.wt(a.day, max(a.hi))) AS span
    FROM approval_sessions AS a
    GROUP BY a.centre_id, a.day
) AS c
WHERE NOT isempty(
    schooltime.weektimemultirange(c.span)
    - coalesce((SELECT range_agg(b.slot::schooltime.weektimerange)
                FROM (SELECT d.slot FROM :"schema".duties AS d
                      JOIN :"schema".teachers AS t ON t.id = d.teacher_id
                      WHERE d.centre_id = c.centre_id
                        AND t.role IN ('director', 'head_of_studies', 'secretary', 'pedagogical_coordinator')
                      UNION ALL
                      SELECT s.slot FROM :"schema".sessions AS s
                      JOIN :"schema".teachers AS t ON t.id = s.teacher_id
                      WHERE s.centre_id = c.centre_id
                        AND t.role IN ('director', 'head_of_studies', 'secretary', 'pedagogical_coordinator')) AS b),
               schooltime.weektimemultirange()));
