-- Teachers' weekly hours: lessons, other duties and the total, each minute
-- counted once, against the 37 h 30 min week (teacher_week, 6.4), and the
-- days that break teacher_midday (5.2); measured by the kernel the
-- write-time triggers use, so the report finds what a load with
-- enforcement off let in.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('th');
INSERT INTO th.centres (id, code, name, territory, municipality) VALUES
    (1, '08000001', 'Institut Mediterrània', 'Barcelona', 'Barcelona');
INSERT INTO th.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28), (1, 2, '2n ESO A', '2018-2019', 'eso', 2, 28),
    (1, 3, '3r ESO A', '2018-2019', 'eso', 3, 28), (1, 4, '1r ESO A', '2020-2021', 'eso', 1, 28);
INSERT INTO th.teachers (id, name, centre_id) VALUES
    (1, 'Marta Puig', 1), (2, 'Jordi Vila', 1), (3, 'Núria Soler', 1), (4, 'Pere Mas', 1), (5, 'Laia Font', 1);

CREATE FUNCTION pg_temp.lesson(grp bigint, teacher bigint, spec text) RETURNS text
LANGUAGE sql AS $$
    SELECT format('INSERT INTO th.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id) '
                  'SELECT centre_id, id, school_year, regime, schooltime.slot(%L), %L, %s FROM th.class_groups WHERE id = %s',
                  spec, 'Classe', teacher, grp)
$$;
CREATE FUNCTION pg_temp.duty(teacher bigint, year text, spec text, kind text DEFAULT 'other') RETURNS text
LANGUAGE sql AS $$
    SELECT format('INSERT INTO th.duties (centre_id, teacher_id, school_year, slot, kind) VALUES (1, %s, %L, schooltime.slot(%L), %L)',
                  teacher, year, spec, kind)
$$;
CREATE FUNCTION pg_temp.run(VARIADIC statements text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
    FOREACH s IN ARRAY statements LOOP EXECUTE s; END LOOP;
END
$$;

-- Marta Puig: a compliant week, written with every check on
SELECT pg_temp.run(
    pg_temp.lesson(1, 1, 'Mon 08:00-09:00'), pg_temp.lesson(2, 1, 'Mon 09:00-10:00'), pg_temp.lesson(3, 1, 'Mon 10:30-11:30'),
    pg_temp.duty(1, '2018-2019', 'Mon 11:30-12:30', 'guard'), pg_temp.duty(1, '2018-2019', 'Tue 15:00-17:00', 'coordination'),
    pg_temp.lesson(4, 1, 'Wed 08:00-10:00'));

-- Jordi Vila: loaded with enforcement off, a lesson and a duty overlap on
-- Monday; on Tuesday and Thursday the midday interruption is too short
SET schooltime.enforce = off;
SELECT pg_temp.run(
    pg_temp.lesson(1, 2, 'Mon 10:00-11:00'), pg_temp.duty(2, '2018-2019', 'Mon 10:30-11:30', 'guard'),
    pg_temp.lesson(1, 2, 'Tue 08:00-12:30'), pg_temp.lesson(2, 2, 'Tue 13:00-16:00'),       -- 30 minutes free
    pg_temp.lesson(1, 2, 'Wed 08:00-12:00'), pg_temp.lesson(2, 2, 'Wed 13:00-17:00'),       -- 60 minutes free
    pg_temp.lesson(1, 2, 'Thu 08:00-12:00'), pg_temp.lesson(2, 2, 'Thu 12:59-17:00'),       -- 59 minutes free
    pg_temp.duty(2, '2018-2019', 'Sat 10:00-12:00'));                                      -- not a working day
-- Núria Soler: 2250 minutes, the limit; Pere Mas: 2251
SELECT pg_temp.run(VARIADIC ARRAY(
    SELECT pg_temp.duty(t, '2018-2019', format('%s %s-15:00', d, CASE WHEN t = 4 AND d = 'Fri' THEN '07:29' ELSE '07:30' END))
    FROM unnest(ARRAY[3, 4]) AS t, unnest(ARRAY['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) AS d));
RESET schooltime.enforce;

SELECT * FROM teacher_hours('th');

-- the same figures, counted another way: every busy minute of the working week once
SELECT h.teacher_id, h.total_minutes, b.busy, h.total_minutes = b.busy AS same
FROM teacher_hours('th') AS h
JOIN (SELECT x.teacher_id, x.school_year, busy_minutes(x.slot) AS busy
      FROM (SELECT teacher_id, school_year, slot FROM th.sessions UNION ALL SELECT teacher_id, school_year, slot FROM th.duties) AS x
      WHERE weekday(x.slot) BETWEEN 1 AND 5
      GROUP BY 1, 2) AS b ON b.teacher_id = h.teacher_id AND b.school_year = h.school_year
ORDER BY 1, h.school_year;

-- what the triggers refuse is what the report flags
SELECT code, constraint_name, message FROM pg_temp.outcome_of(pg_temp.duty(3, '2018-2019', 'Fri 07:29-07:30'));
SELECT code, constraint_name, message FROM pg_temp.outcome_of(pg_temp.duty(5, '2018-2019', 'Tue 08:00-12:30') || '; ' || pg_temp.duty(5, '2018-2019', 'Tue 13:00-16:00'));

-- one year, one teacher
SELECT teacher_id, school_year, total_minutes FROM teacher_hours('th', '2020-2021');
SELECT teacher_id, school_year, total_minutes, midday_days FROM teacher_hours('th', for_teacher_id => 2);
SELECT count(*) FROM teacher_hours('th', '2018-2019', 5);

-- the kernel's figures for slots of one's own
SELECT * FROM teacher_week_figures(ARRAY[slot('Mon 08:00-12:00'), slot('Mon 15:00-16:00')],
                                   ARRAY[slot('Mon 11:00-13:30')], '2018-2019');
SELECT * FROM teacher_week_figures(NULL, NULL, '2018-2019');
SELECT * FROM teacher_week_figures('{}', ARRAY[NULL, slot('Fri 09:00-10:00')]::weekslot[], '2020-2021');
SELECT * FROM pg_temp.error_of($$SELECT teacher_week_figures('{}', '{}', NULL)$$);
SELECT * FROM pg_temp.error_of($$SELECT teacher_week_figures('{}', '{}', '2030-2031')$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM teacher_hours('no_such_schema')$$);

SET client_min_messages = warning;
DROP SCHEMA th CASCADE;
RESET client_min_messages;
