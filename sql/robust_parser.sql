-- The weektime and weekslot parser inside the server: the inputs that sit
-- on each edge of the grammar (the same as the fuzz target's seeds and the
-- unit test's cases, tools/harness/), each with its exact result or error,
-- and the round trip of every minute of the week and of every slot of a day
-- through text.  An input the fuzzer finds breaking the parser is added
-- here as well as to tools/harness/regressions/weektime/.
SET search_path = schooltime, public;
\i sql/include/error_of.sql

CREATE TEMPORARY TABLE inputs (n serial, input text);
INSERT INTO inputs (input) VALUES
    ('dl 08:30'), ('Dilluns 8:30'), ('MON 08:30'), ('monday 08:30:00'), (E'  dt\t9:05 \n'),
    ('Sun 24:00'), ('Mon 24:00'), ('Sun 24:01'), ('Mon 25:00'), ('Mon 08:60'), ('Mon 08:00:01'),
    ('Mon 08:00:000'), ('Mon 8:0'), ('Mon 008:00'), ('Mon 0800'), ('Mon :30'), ('Mon 08:30 x'),
    ('Mon08:30'), ('Mond 08:30'), ('8:30'), ('Mon'), (''), (E' \t\r\n'), (E'dilluns\u00a008:30'),
    ('Dl 99999999999999999999:00'), ('dijous' || repeat(' ', 10000) || '10:00'), (repeat('x', 10000));
-- as weektimes: the canonical text, or the error
SELECT i.n, regexp_replace(left(i.input, 30), '[^[:print:]]|\u00a0', '?', 'g') AS input, e.code,
       CASE WHEN e.code = 'ok' THEN i.input::weektime::text END AS canonical, e.detail
FROM inputs AS i CROSS JOIN LATERAL pg_temp.error_of(format('SELECT %L::schooltime.weektime', i.input)) AS e
ORDER BY i.n;

DELETE FROM inputs;
INSERT INTO inputs (input) VALUES
    ('Mon 08:00-09:30'), ('dl 8:00 - 9:30'), ('divendres 15:00-24:00'), ('Sun 23:59-24:00'),
    ('Mon 08:00-08:00'), ('Mon 09:00-08:00'), ('Mon 24:00-24:00'), ('Mon 08:00'), ('Mon 08:00-'),
    ('Mon 08:00 09:00'), ('Mon 08:00-09:00-10:00'), ('Mon 08:00-24:30'), ('Xyz 08:00-09:00'), ('');
-- as slots: the canonical text, or the error
SELECT i.n, i.input, e.code, CASE WHEN e.code = 'ok' THEN to_text(slot(i.input)) END AS canonical, e.detail
FROM inputs AS i CROSS JOIN LATERAL pg_temp.error_of(format('SELECT schooltime.slot(%L)', i.input)) AS e
ORDER BY i.n;
SELECT to_text(slot('dl 8:00 - 9:30')) AS compact, slot('divendres 15:00-24:00') AS range;

-- every minute of the week reads back from its text, in order
SELECT count(*) AS minutes,
       bool_and(w::text::weektime = w) AS all_read_back,
       bool_and(minute_of_week(w) = m) AS all_in_place
FROM generate_series(0, 10080) AS m, LATERAL (SELECT 'Mon 00:00'::weektime + m AS w) AS x;
-- every slot of a Wednesday on the quarter hour reads back from its compact text
SELECT count(*) AS slots, bool_and(slot(to_text(s)) = s) AS all_read_back,
       bool_and(s::text::weekslot = s) AS all_read_back_as_ranges
FROM generate_series(0, 95) AS a, generate_series(1, 96) AS b,
     LATERAL (SELECT weekslot(3, make_interval(mins => 15 * a)::time, CASE WHEN b = 96 THEN '24:00'::time ELSE make_interval(mins => 15 * b)::time END) AS s) AS x
WHERE b > a;
