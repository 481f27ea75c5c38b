-- The segregation indicators (doc/equity.md): each aggregate on hand-computed
-- inputs, the worked example of EQUITY.md 1.4, the edge cases (one centre,
-- no pupil of the category, every pupil of it, NULLs, centres without
-- pupils), the keyed forms, refused counts, and parallel plans that give
-- exactly what serial ones give.
SET search_path = schooltime, public;
\i sql/include/error_of.sql

-- EQUITY.md 1.4: two schools of 100 pupils, 30 and 10 foreign.
-- D = 0.5 * (|30/40 - 70/160| + |10/40 - 90/160|) = 0.3125; xPx = 0.25;
-- xPy = 0.75; eta2 = (0.25 - 0.2) / 0.8 = 0.0625; location quotients 1.5 and 0.5.
CREATE TEMPORARY TABLE worked (centre integer, foreign_pupils integer, pupils integer);
INSERT INTO worked VALUES (1, 30, 100), (2, 10, 100);
SELECT dissimilarity(foreign_pupils, pupils), isolation(foreign_pupils, pupils), exposure(foreign_pupils, pupils),
       adjusted_isolation(foreign_pupils, pupils), category_share(foreign_pupils, pupils)
FROM worked;
SELECT centre, location_quotient(foreign_pupils, pupils, sum(foreign_pupils) OVER (), sum(pupils) OVER ()),
       share_gap_points(foreign_pupils, pupils, sum(foreign_pupils) OVER (), sum(pupils) OVER ()),
       category_share(foreign_pupils, pupils) OVER () AS area_share
FROM worked ORDER BY centre;

-- Three centres, computed by hand: (5 of 50), (15 of 30), (0 of 20); F = 20, N = 80.
-- D = 0.5 * (|0.25 - 0.5625| + |0.75 - 0.1875| + |0 - 0.25|) = 0.5625
-- xPx = 0.25 * 0.1 + 0.75 * 0.5 = 0.4; xPy = 0.6; eta2 = (0.4 - 0.2) / 0.8 = 0.25
SELECT dissimilarity(f, t), isolation(f, t), exposure(f, t), adjusted_isolation(f, t), category_share(f, t)
FROM (VALUES (5, 50), (15, 30), (0, 20)) AS v (f, t);
-- complete separation: D = 1, xPx = 1, xPy = 0, eta2 = 1
SELECT dissimilarity(f, t), isolation(f, t), exposure(f, t), adjusted_isolation(f, t)
FROM (VALUES (40, 40), (0, 60)) AS v (f, t);
-- an even spread: D = 0, xPx = the share, eta2 = 0
SELECT dissimilarity(f, t), isolation(f, t), exposure(f, t), adjusted_isolation(f, t)
FROM (VALUES (10, 50), (4, 20), (6, 30)) AS v (f, t);

-- edge cases
-- one centre: D is undefined; isolation is the centre's share
SELECT dissimilarity(f, t), isolation(f, t), exposure(f, t), adjusted_isolation(f, t)
FROM (VALUES (30, 100)) AS v (f, t);
-- a second centre without pupils does not make two centres
SELECT dissimilarity(f, t) FROM (VALUES (30, 100), (0, 0)) AS v (f, t);
-- no pupil of the category: every index is undefined, the share is 0
SELECT dissimilarity(f, t), isolation(f, t), exposure(f, t), adjusted_isolation(f, t), category_share(f, t)
FROM (VALUES (0, 100), (0, 50)) AS v (f, t);
-- every pupil of the category: D and eta2 undefined, isolation 1
SELECT dissimilarity(f, t), isolation(f, t), exposure(f, t), adjusted_isolation(f, t), category_share(f, t)
FROM (VALUES (100, 100), (50, 50)) AS v (f, t);
-- rows with a NULL are left out, as sum() leaves them
SELECT dissimilarity(f, t), isolation(f, t), category_share(f, t)
FROM (VALUES (30, 100), (10, 100), (NULL, 100), (5, NULL), (NULL, NULL)) AS v (f, t);
SELECT dissimilarity(c, f, t) FROM (VALUES (1, 30, 100), (2, 10, 100), (NULL, 5, 5)) AS v (c, f, t);
-- no rows at all, or only NULLs
SELECT dissimilarity(f, t), isolation(f, t), exposure(f, t), adjusted_isolation(f, t), category_share(f, t)
FROM (VALUES (1, 2)) AS v (f, t) WHERE false;
SELECT dissimilarity(f, t), category_share(f, t) FROM (VALUES (NULL::integer, NULL::integer)) AS v (f, t);
-- the per-centre figures: undefined without pupils; the quotient without any of the category in the area
SELECT share_gap_points(0, 0, 10, 100), location_quotient(0, 0, 10, 100), share_gap_points(0, 10, 0, 100),
       location_quotient(0, 10, 0, 100), share_gap_points(5, 10, 10, 100), location_quotient(5, 10, 10, 100),
       share_gap_points(1, 10, 10, 100), location_quotient(1, 10, 10, 100), share_gap_points(5, 10, NULL, 100);

-- keyed: the rows of one centre (per level) add up to the centre, whatever their order
CREATE TEMPORARY TABLE levels (centre integer, level integer, f integer, t integer);
INSERT INTO levels VALUES (1, 1, 10, 25), (1, 2, 12, 25), (1, 3, 8, 50), (2, 1, 2, 30), (2, 2, 8, 70),
                          (3, 1, 0, 20), (3, 2, 5, 20);
SELECT dissimilarity(centre, f, t) AS keyed, (SELECT dissimilarity(f, t) FROM (SELECT sum(f) AS f, sum(t) AS t FROM levels GROUP BY centre) AS c) AS summed,
       dissimilarity(f, t) AS per_level
FROM levels;
SELECT isolation(centre, f, t) = (SELECT isolation(f, t) FROM (SELECT sum(f) AS f, sum(t) AS t FROM levels GROUP BY centre) AS c) AS isolation,
       exposure(centre, f, t) = (SELECT exposure(f, t) FROM (SELECT sum(f) AS f, sum(t) AS t FROM levels GROUP BY centre) AS c) AS exposure,
       adjusted_isolation(centre, f, t) = (SELECT adjusted_isolation(f, t) FROM (SELECT sum(f) AS f, sum(t) AS t FROM levels GROUP BY centre) AS c) AS adjusted
FROM levels;
SELECT count(DISTINCT d) AS distinct_results FROM (
    SELECT dissimilarity(centre, f, t ORDER BY level, centre) AS d FROM levels
    UNION ALL SELECT dissimilarity(centre, f, t ORDER BY level DESC, centre DESC) FROM levels
    UNION ALL SELECT dissimilarity(centre, f, t ORDER BY f, t) FROM levels
    UNION ALL SELECT dissimilarity(centre, f, t ORDER BY t DESC, level) FROM levels) AS r;

-- counts that cannot be, refused
SELECT * FROM pg_temp.error_of($$SELECT dissimilarity(f, t) FROM (VALUES (30, 100), (101, 100)) AS v (f, t)$$);
SELECT * FROM pg_temp.error_of($$SELECT isolation(f, t) FROM (VALUES (-1, 100)) AS v (f, t)$$);
SELECT * FROM pg_temp.error_of($$SELECT exposure(c, f, t) FROM (VALUES (1, 3, -2)) AS v (c, f, t)$$);
SELECT * FROM pg_temp.error_of($$SELECT category_share(f, t) FROM (VALUES (31, 30)) AS v (f, t)$$);
SELECT * FROM pg_temp.error_of($$SELECT share_gap_points(11, 10, 10, 100)$$);
SELECT * FROM pg_temp.error_of($$SELECT location_quotient(1, 10, 101, 100)$$);
SELECT * FROM pg_temp.error_of($$SELECT category_share(f, t) FROM (VALUES (9223372036854775807, 9223372036854775807), (1, 1)) AS v (f, t)$$);

-- parallel plans give exactly what serial ones give: 40,000 centres in 97
-- areas, aggregated per area and over everything
CREATE TABLE equity_parallel (area integer, centre integer, f integer, t integer);
INSERT INTO equity_parallel
SELECT c % 97, c, (t * ((c::bigint * 7919) % 100) / 100)::integer, t
FROM generate_series(1, 40000) AS c, LATERAL (SELECT (20 + (c::bigint * 104729) % 400)::integer AS t) AS x;
INSERT INTO equity_parallel SELECT area, centre, 0, 30 FROM equity_parallel WHERE centre % 5 = 0;  -- second rows of some centres
ANALYZE equity_parallel;
ALTER TABLE equity_parallel SET (parallel_workers = 2);
CREATE TEMPORARY TABLE by_area AS
SELECT area, dissimilarity(f, t) AS d, isolation(f, t) AS i, exposure(f, t) AS e, adjusted_isolation(f, t) AS a,
       dissimilarity(centre, f, t) AS dk, isolation(centre, f, t) AS ik, category_share(f, t) AS s
FROM equity_parallel WHERE false GROUP BY area;
SET max_parallel_workers_per_gather = 0;
INSERT INTO by_area
SELECT area, dissimilarity(f, t), isolation(f, t), exposure(f, t), adjusted_isolation(f, t),
       dissimilarity(centre, f, t), isolation(centre, f, t), category_share(f, t)
FROM equity_parallel GROUP BY area;
SELECT dissimilarity(f, t) AS d, isolation(f, t) AS i, exposure(f, t) AS e, adjusted_isolation(f, t) AS a,
       dissimilarity(centre, f, t) AS dk, adjusted_isolation(centre, f, t) AS ak, category_share(f, t) AS s
INTO TEMPORARY TABLE whole_serial FROM equity_parallel;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET enable_sort = off;
EXPLAIN (COSTS OFF)
SELECT area, dissimilarity(f, t), isolation(f, t), exposure(f, t), adjusted_isolation(f, t),
       dissimilarity(centre, f, t), isolation(centre, f, t), category_share(f, t)
FROM equity_parallel GROUP BY area;
EXPLAIN (COSTS OFF) SELECT dissimilarity(centre, f, t) FROM equity_parallel;
SELECT count(*) AS areas,
       count(*) FILTER (WHERE p.d IS NOT DISTINCT FROM s.d AND p.i IS NOT DISTINCT FROM s.i AND p.e IS NOT DISTINCT FROM s.e
                          AND p.a IS NOT DISTINCT FROM s.a AND p.dk IS NOT DISTINCT FROM s.dk AND p.ik IS NOT DISTINCT FROM s.ik
                          AND p.s IS NOT DISTINCT FROM s.s) AS identical
FROM (SELECT area, dissimilarity(f, t) AS d, isolation(f, t) AS i, exposure(f, t) AS e, adjusted_isolation(f, t) AS a,
             dissimilarity(centre, f, t) AS dk, isolation(centre, f, t) AS ik, category_share(f, t) AS s
      FROM equity_parallel GROUP BY area) AS p
JOIN by_area AS s USING (area);
SELECT (p.d, p.i, p.e, p.a, p.dk, p.ak, p.s) = (s.d, s.i, s.e, s.a, s.dk, s.ak, s.s) AS identical_over_everything
FROM (SELECT dissimilarity(f, t) AS d, isolation(f, t) AS i, exposure(f, t) AS e, adjusted_isolation(f, t) AS a,
             dissimilarity(centre, f, t) AS dk, adjusted_isolation(centre, f, t) AS ak, category_share(f, t) AS s
      FROM equity_parallel) AS p, whole_serial AS s;
RESET enable_sort;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
-- the keyed index over everything is the index of the summed centres
SELECT dk = (SELECT dissimilarity(f, t) FROM (SELECT sum(f) AS f, sum(t) AS t FROM equity_parallel GROUP BY centre) AS c) AS keyed_is_summed
FROM whole_serial;
DROP TABLE equity_parallel;
