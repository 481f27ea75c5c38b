-- busy_minutes(weekslot): the minutes a set of slots covers, each counted
-- once.  Overlapping slots share their minutes, touching ones add up, NULLs
-- are ignored, and the aggregate gives the same answer run in parallel.
SET search_path = schooltime, public;

CREATE FUNCTION pg_temp.busy(VARIADIC slots text[]) RETURNS integer
LANGUAGE sql AS $$ SELECT busy_minutes(slot(s)) FROM unnest(slots) AS s $$;

SELECT pg_temp.busy('Mon 09:00-10:00') AS one_hour,
       pg_temp.busy('Mon 09:00-10:00', 'Mon 10:00-11:00') AS touching,
       pg_temp.busy('Mon 09:00-10:00', 'Mon 09:59-11:00') AS one_minute_shared,
       pg_temp.busy('Mon 09:00-10:00', 'Mon 10:01-11:00') AS one_minute_apart,
       pg_temp.busy('Mon 09:00-12:00', 'Mon 10:00-11:00') AS contained,
       pg_temp.busy('Mon 09:00-10:00', 'Mon 09:00-10:00', 'Mon 09:00-10:00') AS repeated,
       pg_temp.busy('Mon 10:00-11:00', 'Mon 09:00-10:30', 'Mon 08:00-09:15') AS unsorted_chain,
       pg_temp.busy('Mon 23:00-24:00', 'Tue 00:00-01:00') AS across_midnight,
       pg_temp.busy('Mon 09:00-10:00', 'Tue 09:00-10:00', 'Sun 23:59-24:00') AS different_days;

-- NULLs: ignored; a set with no slot at all gives NULL, as sum() does
SELECT busy_minutes(s) AS with_nulls FROM (VALUES (slot('Wed 08:00-09:00')), (NULL), (slot('Wed 08:30-09:30')), (NULL)) AS v (s);
SELECT busy_minutes(s) AS only_nulls FROM (VALUES (NULL::weekslot), (NULL)) AS v (s);
SELECT busy_minutes(s) AS no_rows FROM (SELECT slot('Wed 08:00-09:00') WHERE false) AS v (s);
SELECT coalesce(busy_minutes(s), 0) AS no_rows_as_zero FROM (SELECT slot('Wed 08:00-09:00') WHERE false) AS v (s);

-- a plain range that is not a slot is refused by the weekslot domain
SELECT busy_minutes(r::weekslot) FROM (VALUES ('[Mon 08:00,Tue 09:00)'::weektimerange)) AS v (r);

-- per group, as a window, with FILTER and DISTINCT
CREATE TEMPORARY TABLE slots (who text, n integer, s weekslot);
INSERT INTO slots VALUES
    ('a', 1, slot('Mon 08:00-09:00')), ('a', 2, slot('Mon 08:30-10:00')), ('a', 3, slot('Tue 08:00-09:00')),
    ('b', 1, slot('Fri 12:00-13:00')), ('b', 2, slot('Fri 13:00-14:30')), ('b', 3, NULL),
    ('c', 1, NULL);
SELECT who, busy_minutes(s), sum(minutes(s)) AS plain_sum FROM slots GROUP BY who ORDER BY who;
SELECT who, n, busy_minutes(s) OVER (PARTITION BY who ORDER BY n) AS running FROM slots ORDER BY who, n;
SELECT busy_minutes(s) FILTER (WHERE who = 'a') AS a_only, busy_minutes(DISTINCT s) AS all_distinct FROM slots;

-- many slots: the state compacts itself as it grows, and the answer is the
-- number of distinct minutes covered, counted one by one; a dense set (long
-- slots that mostly overlap) and a sparse one (short slots with gaps)
CREATE TEMPORARY TABLE many AS
SELECT k, weekslot(1 + k % 5, time '07:00' + (k * 37 % 600) * interval '1 minute',
                   time '07:00' + (k * 37 % 600 + 1 + k % 90) * interval '1 minute') AS s
FROM generate_series(1, 50000) AS k
UNION ALL
SELECT 100000 + k, weekslot(1 + k % 5, time '08:00' + (k * 7919 % 780) * interval '1 minute',
                            time '08:00' + (k * 7919 % 780 + 1 + k % 3) * interval '1 minute')
FROM generate_series(1, 1500) AS k;
CREATE TEMPORARY VIEW minutes_covered AS
SELECT k >= 100000 AS sparse, k % 7 AS part, m
FROM many, generate_series(minute_of_week(lower(s)), minute_of_week(upper(s)) - 1) AS m;
SELECT a.sparse, a.busy, b.minutes, a.busy = b.minutes AS exact
FROM (SELECT k >= 100000 AS sparse, busy_minutes(s) AS busy FROM many GROUP BY 1) AS a
JOIN (SELECT sparse, count(DISTINCT m) AS minutes FROM minutes_covered GROUP BY 1) AS b USING (sparse)
ORDER BY 1;
SELECT a.part, a.busy = b.minutes AS exact
FROM (SELECT k % 7 AS part, busy_minutes(s) AS busy FROM many WHERE k >= 100000 GROUP BY 1) AS a
JOIN (SELECT part, count(DISTINCT m) AS minutes FROM minutes_covered WHERE sparse GROUP BY 1) AS b USING (part)
ORDER BY 1;

-- partial states combined: per partition, then finalized (partitionwise aggregation)
CREATE TABLE busy_parts (k integer, s weekslot) PARTITION BY RANGE (k);
CREATE TABLE busy_parts_1 PARTITION OF busy_parts FOR VALUES FROM (0) TO (30000);
CREATE TABLE busy_parts_2 PARTITION OF busy_parts FOR VALUES FROM (30000) TO (200000);
INSERT INTO busy_parts SELECT k, s FROM many;
ANALYZE busy_parts;
SET enable_partitionwise_aggregate = on;
EXPLAIN (COSTS OFF) SELECT k >= 100000, busy_minutes(s) FROM busy_parts GROUP BY 1;
SELECT k >= 100000 AS sparse, busy_minutes(s) FROM busy_parts GROUP BY 1 ORDER BY 1;
RESET enable_partitionwise_aggregate;
DROP TABLE busy_parts;

-- in parallel: partial states are serialized, combined and give the same answer
CREATE TABLE busy_parallel AS SELECT * FROM many;
ANALYZE busy_parallel;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
EXPLAIN (COSTS OFF) SELECT busy_minutes(s) FROM busy_parallel;
SELECT busy_minutes(s) FROM busy_parallel;
SELECT count(DISTINCT m) AS counted_one_by_one FROM minutes_covered;
SELECT busy_minutes(s) FROM busy_parallel WHERE k >= 100000;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
DROP TABLE busy_parallel;

-- the aggregate is what its catalogue entry says
SELECT aggkind, aggcombinefn::regproc, aggserialfn::regproc, aggdeserialfn::regproc, aggfinalmodify, p.proparallel
FROM pg_aggregate AS a JOIN pg_proc AS p ON p.oid = a.aggfnoid
WHERE aggfnoid = 'schooltime.busy_minutes(schooltime.weekslot)'::regprocedure;
