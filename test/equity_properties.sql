-- pgTAP: the segregation indicators over many random municipalities.  The
-- dissimilarity index equals the brute-force formula (EQUITY.md 1.1), is
-- undefined exactly where the formula is, and does not depend on the order
-- of the rows; isolation, exposure and adjusted isolation likewise against
-- their formulas; the keyed forms equal the indices of the summed centres.
-- And the catalogue: every shipped figure cites its article and source.
BEGIN;
SET client_min_messages = warning;
SELECT plan(23);

SELECT is_aggregate('schooltime', 'dissimilarity', ARRAY['bigint', 'bigint']);
SELECT is_aggregate('schooltime', 'dissimilarity', ARRAY['bigint', 'bigint', 'bigint']);
SELECT is_aggregate('schooltime', 'isolation', ARRAY['bigint', 'bigint']);
SELECT is_aggregate('schooltime', 'exposure', ARRAY['bigint', 'bigint']);
SELECT is_aggregate('schooltime', 'adjusted_isolation', ARRAY['bigint', 'bigint']);
SELECT is_aggregate('schooltime', 'category_share', ARRAY['bigint', 'bigint']);
SELECT is_empty($$SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate AS a JOIN pg_proc AS p ON p.oid = a.aggfnoid
                  WHERE p.pronamespace = 'schooltime'::regnamespace
                    AND p.proname IN ('dissimilarity', 'isolation', 'exposure', 'adjusted_isolation', 'category_share')
                    AND (a.aggcombinefn = 0 OR a.aggserialfn = 0 OR p.proparallel <> 's')$$,
                'every indicator has a combine function and runs in parallel');
SELECT is((SELECT position FROM schooltime.model_parts WHERE name = 'equity'), 70, 'equity is part 70 of the model');
SELECT is((SELECT position FROM schooltime.violation_sources WHERE name = 'equity'), 70, 'check() gathers the equity rules');

-- random municipalities: 400 of 1 to 30 centres; some with no pupil of the
-- category, some with every pupil of it, some centres without pupils
CREATE TEMPORARY TABLE random_centres ON COMMIT DROP AS
SELECT m, c, f, t
FROM (SELECT setseed(0.16)) AS seed,
     LATERAL (SELECT m, c, t,
                     CASE WHEN m % 17 = 0 THEN 0 WHEN m % 19 = 0 THEN t
                          ELSE floor(random() * (t + 1) * (CASE WHEN c % 3 = 0 THEN 1 ELSE 0.3 END))::integer END AS f
              FROM generate_series(1, 400) AS m, generate_series(1, 30) AS c,
                   LATERAL (SELECT CASE WHEN random() < 0.05 THEN 0 ELSE 1 + floor(random() * 400)::integer END AS t) AS x
              WHERE c <= 1 + m % 30) AS r;
UPDATE random_centres SET f = least(f, t);
CREATE TEMPORARY TABLE brute ON COMMIT DROP AS
WITH totals AS (
    SELECT m, sum(f)::numeric AS cat, sum(t - f)::numeric AS others, sum(t)::numeric AS total,
           count(*) FILTER (WHERE t > 0) AS centres
    FROM random_centres GROUP BY m)
SELECT r.m,
       CASE WHEN x.centres >= 2 AND x.cat > 0 AND x.others > 0
            THEN 0.5 * sum(abs(r.f / nullif(x.cat, 0) - (r.t - r.f) / nullif(x.others, 0))) END AS d,
       CASE WHEN x.cat > 0 THEN sum(CASE WHEN r.t > 0 THEN (r.f / nullif(x.cat, 0)) * (r.f::numeric / r.t) ELSE 0 END) END AS xpx,
       CASE WHEN x.cat > 0 THEN sum(CASE WHEN r.t > 0 THEN (r.f / nullif(x.cat, 0)) * ((r.t - r.f)::numeric / r.t) ELSE 0 END) END AS xpy,
       x.cat / nullif(x.total, 0) AS p
FROM random_centres AS r JOIN totals AS x USING (m)
GROUP BY r.m, x.centres, x.cat, x.others, x.total;
CREATE TEMPORARY TABLE computed ON COMMIT DROP AS
SELECT m, schooltime.dissimilarity(f, t) AS d, schooltime.isolation(f, t) AS xpx, schooltime.exposure(f, t) AS xpy,
       schooltime.adjusted_isolation(f, t) AS eta2, schooltime.category_share(f, t) AS share
FROM random_centres GROUP BY m;

SELECT is((SELECT count(*) FROM brute WHERE d IS NULL)::integer > 20 AND (SELECT count(*) FROM brute WHERE d IS NOT NULL)::integer > 300, true,
          'the random municipalities include undefined cases and many defined ones');
SELECT is_empty($$SELECT b.m, b.d, c.d FROM brute AS b JOIN computed AS c USING (m)
                  WHERE (b.d IS NULL) <> (c.d IS NULL) OR abs(b.d - c.d::numeric) > 1e-12$$,
                'dissimilarity equals 1/2 * sum |f/F - n/N| over 400 random municipalities, and is NULL exactly where it is undefined');
SELECT is_empty($$SELECT b.m FROM brute AS b JOIN computed AS c USING (m)
                  WHERE (b.xpx IS NULL) <> (c.xpx IS NULL) OR abs(b.xpx - c.xpx::numeric) > 1e-12$$,
                'isolation equals sum (f/F) * (f/t)');
SELECT is_empty($$SELECT b.m FROM brute AS b JOIN computed AS c USING (m)
                  WHERE (b.xpy IS NULL) <> (c.xpy IS NULL) OR abs(b.xpy - c.xpy::numeric) > 1e-12$$,
                'exposure equals sum (f/F) * (n/t)');
SELECT is_empty($$SELECT m FROM computed WHERE xpx IS NOT NULL AND abs(xpx + xpy - 1) > 1e-12$$,
                'isolation and exposure add up to 1');
SELECT is_empty($$SELECT b.m FROM brute AS b JOIN computed AS c USING (m)
                  WHERE (c.eta2 IS NULL) <> (b.p IS NULL OR b.p = 0 OR b.p = 1)
                     OR abs((b.xpx - b.p) / nullif(1 - b.p, 0) - c.eta2::numeric) > 1e-12$$,
                'adjusted isolation equals (xPx - P) / (1 - P)');
SELECT is_empty($$SELECT m FROM computed WHERE d < 0 OR d > 1 OR xpx < 0 OR xpx > 1 OR eta2 < -1e-12 OR eta2 > 1 + 1e-12$$,
                'the indices stay within their ranges');

-- the order of the rows changes nothing, to the last bit
SELECT is_empty($$
    SELECT m FROM random_centres GROUP BY m
    HAVING schooltime.dissimilarity(f, t ORDER BY c) IS DISTINCT FROM schooltime.dissimilarity(f, t ORDER BY c DESC)
        OR schooltime.dissimilarity(f, t ORDER BY c) IS DISTINCT FROM schooltime.dissimilarity(f, t ORDER BY md5(c::text || m::text))
        OR schooltime.isolation(f, t ORDER BY c) IS DISTINCT FROM schooltime.isolation(f, t ORDER BY t DESC, f)
        OR schooltime.adjusted_isolation(f, t ORDER BY c) IS DISTINCT FROM schooltime.adjusted_isolation(f, t ORDER BY md5(c::text))
$$, 'every index is the same whatever the order of the rows');
SELECT is((SELECT schooltime.dissimilarity(f, t ORDER BY m, c) FROM random_centres),
          (SELECT schooltime.dissimilarity(f, t ORDER BY md5(m::text || '/' || c::text)) FROM random_centres),
          'and so is the index over all 400 municipalities at once');

-- keyed: split every centre into two rows, as levels; the keyed index is the index of the centres
CREATE TEMPORARY TABLE split_rows ON COMMIT DROP AS
SELECT m, c, f, f + (t - f) / 2 AS t FROM random_centres
UNION ALL
SELECT m, c, 0, (t - f) - (t - f) / 2 FROM random_centres;
SELECT is_empty($$SELECT s.m FROM (SELECT m, schooltime.dissimilarity(m * 100 + c, f, t) AS d,
                                          schooltime.isolation(m * 100 + c, f, t) AS xpx
                                   FROM split_rows GROUP BY m) AS s
                  JOIN computed AS c USING (m)
                  WHERE s.d IS DISTINCT FROM c.d OR s.xpx IS DISTINCT FROM c.xpx$$,
                'keyed by centre, rows split per level give exactly the index of the centres');
SELECT is_empty($$SELECT m FROM split_rows WHERE f > t OR f < 0$$, 'the split rows are valid counts');

-- the catalogue
SELECT is_empty($$SELECT school_year, figure FROM schooltime.equity_figures WHERE btrim(source) = '' OR btrim(article) = ''$$,
                'every equity figure cites its article and its source');
SELECT set_eq($$SELECT DISTINCT figure FROM schooltime.equity_figures WHERE unconfirmed$$,
              $$VALUES ('nee_max_raise'), ('small_cell_threshold'), ('bofill_median_primaria'), ('bofill_median_secundaria'),
                       ('bofill_min_population'), ('few_per_group')$$,
              'the figures EQUITY.md leaves unconfirmed are marked so, and no others');
SELECT is_empty($$SELECT scheme FROM schooltime.support_schemes WHERE origin = 'shipped' AND NOT unconfirmed$$,
                'no shipped support scheme claims official thresholds');

SELECT * FROM finish();
ROLLBACK;
