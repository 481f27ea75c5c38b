-- pgTAP: the outing functions and rules over many cases.  The ratios of
-- section 6.5.1 are written here, independently of the catalogue:
-- required_escorts() is max(2, ceil(sum of pupils / ratio)) for every
-- regime, level, length and count of pupils, and for every pair of stages;
-- the commit-time trigger accepts an outing exactly when it has that many
-- escorts, and outing_violations() reports exactly what the trigger refuses.
BEGIN;
SET client_min_messages = warning;
SELECT plan(19);

SELECT has_function('schooltime', 'escort_ratio', ARRAY['schooltime.regime', 'integer', 'integer', 'text']);
SELECT has_function('schooltime', 'required_escorts', ARRAY['schooltime.regime', 'integer', 'integer', 'integer', 'text']);
SELECT has_function('schooltime', 'required_escorts', ARRAY['jsonb', 'integer', 'text']);
SELECT function_returns('schooltime', 'required_escorts', ARRAY['jsonb', 'integer', 'text'], 'integer');
SELECT has_function('schooltime', 'outing_violations', ARRAY['name', 'bigint']);
SELECT function_returns('schooltime', 'outing_violations', ARRAY['name', 'bigint'], 'setof schooltime.violation');
SELECT volatility_is('schooltime', 'required_escorts', ARRAY['jsonb', 'integer', 'text'], 'stable');
SELECT has_function('schooltime', 'outing_rules', '{}'::text[]);
SELECT function_returns('schooltime', 'outing_rules', '{}'::text[], 'trigger');
SELECT enum_has_labels('schooltime', 'family_authorisation', ARRAY['none', 'yearly', 'specific']);
SELECT is((SELECT position FROM schooltime.model_parts WHERE name = 'outings'), 40, 'outings are part 40 of the model');

-- the figures of 6.5.1, written here
CREATE TEMPORARY TABLE stages (regime schooltime.regime, level integer, one_day integer, multi_day integer) ON COMMIT DROP;
INSERT INTO stages VALUES
    ('infantil', 1, 10, 8), ('infantil', 2, 10, 8), ('infantil', 3, 10, 8),
    ('primaria', 1, 15, 12), ('primaria', 2, 15, 12), ('primaria', 3, 15, 12), ('primaria', 4, 15, 12),
    ('primaria', 5, 20, 18), ('primaria', 6, 20, 18),
    ('eso', 1, 20, 20), ('eso', 2, 20, 20), ('eso', 3, 20, 20), ('eso', 4, 20, 20),
    ('batxillerat', 1, 25, 25), ('batxillerat', 2, 25, 25), ('fp', 1, 25, 25), ('fp', 2, 25, 25),
    ('adults', 3, 25, 25), ('eoi_ordinary', 6, 25, 25), ('arts', 2, 25, 25), ('sports', 3, 25, 25),
    ('batxillerat_night', 3, 25, 25), ('eoi_intensive', 1, 25, 25), ('eoi_blended', 1, 25, 25);

SELECT is_empty($$
    SELECT s.regime, s.level, p, d
    FROM stages AS s, generate_series(0, 130) AS p, (VALUES (1), (2), (4)) AS days (d)
    WHERE schooltime.required_escorts(s.regime, s.level, p, d, '2018-2019')
          <> greatest(2, (p + CASE WHEN d > 1 THEN s.multi_day ELSE s.one_day END - 1)
                         / CASE WHEN d > 1 THEN s.multi_day ELSE s.one_day END)
$$, 'one stage: max(2, ceil(pupils / ratio)) for every regime, level, length and count up to 130');

SELECT is_empty($$
    SELECT a.regime, a.level, b.regime, b.level, p, q, d
    FROM stages AS a, stages AS b, generate_series(0, 60, 7) AS p, generate_series(0, 60, 11) AS q,
         (VALUES (1), (3)) AS days (d),
         LATERAL (SELECT CASE WHEN d > 1 THEN a.multi_day ELSE a.one_day END AS r,
                         CASE WHEN d > 1 THEN b.multi_day ELSE b.one_day END AS s) AS ratio
    WHERE a.level IN (1, 5) AND b.level IN (2, 6)
      AND schooltime.required_escorts(jsonb_build_array(jsonb_build_object('regime', a.regime, 'level', a.level, 'pupils', p),
                                                        jsonb_build_object('regime', b.regime, 'level', b.level, 'pupils', q)),
                                      d, '2018-2019')
          -- ceil(p/r + q/s) in whole numbers: (p*s + q*r + r*s - 1) / (r*s)
          <> greatest(2, (p * ratio.s + q * ratio.r + ratio.r * ratio.s - 1) / (ratio.r * ratio.s))
$$, 'two stages: max(2, ceil(p/r + q/s)), the fractions summed exactly');

SELECT is(schooltime.required_escorts(
              (SELECT jsonb_agg(jsonb_build_object('regime', regime, 'level', level, 'pupils', 7)) FROM stages), 1, '2018-2019'),
          greatest(2, ceil((SELECT sum(7::numeric / one_day) FROM stages)))::integer,
          'every stage at once: the sum of 24 fractions, rounded up once');

SELECT throws_ok($$SELECT schooltime.required_escorts('eso', 1, -1, 1, '2018-2019')$$, '22023', NULL, 'negative pupils are refused');
SELECT throws_ok($$SELECT schooltime.escort_ratio('eso', 5, 1, '2018-2019')$$, '22023', 'regime "eso" has no level 5', 'an unknown level is refused');

-- the trigger accepts an outing of n pupils of 5è with e escorts exactly
-- when e >= max(2, ceil(n / 20)), and the report says the same
SELECT schooltime.create_model('tap_outing');
INSERT INTO tap_outing.centres (id, code, name, territory, municipality) VALUES (1, '08000001', 'Escola', 'Barcelona', 'Barcelona');
INSERT INTO tap_outing.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 1, '5è A', '2018-2019', 'primaria', 5, 25), (1, 2, '5è B', '2018-2019', 'primaria', 5, 25),
       (1, 3, '6è A', '2018-2019', 'primaria', 6, 25);
INSERT INTO tap_outing.teachers (id, name, centre_id) SELECT k, 'Mestre ' || k, 1 FROM generate_series(1, 5) AS k;
CREATE FUNCTION pg_temp.try_outing(n integer, e integer, OUT accepted boolean, OUT reported boolean)
LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        INSERT INTO tap_outing.outings (centre_id, id, school_year, name, starts_on, ends_on, in_annual_programme,
                                        director_authorised_on, families_informed_on)
        VALUES (1, 1, '2018-2019', 'Sortida', '2019-03-12', '2019-03-12', true, '2019-03-01', '2019-03-01');
        INSERT INTO tap_outing.outing_groups (centre_id, outing_id, group_id, pupils)
        SELECT 1, 1, g, count(*) FROM generate_series(1, n) AS k, LATERAL (SELECT 1 + k % 3 AS g) AS x GROUP BY g;
        INSERT INTO tap_outing.outing_pupils (centre_id, outing_id, group_id, pupil, family_authorisation)
        SELECT 1, 1, 1 + k % 3, 'Alumne ' || k, 'yearly' FROM generate_series(1, n) AS k;
        INSERT INTO tap_outing.outing_escorts (centre_id, outing_id, teacher_id) SELECT 1, 1, k FROM generate_series(1, e) AS k;
        reported := EXISTS (SELECT FROM schooltime.outing_violations('tap_outing') WHERE severity = 'error' AND authorisation_id IS NULL);
        SET CONSTRAINTS ALL IMMEDIATE;
        accepted := true;
        RAISE EXCEPTION USING ERRCODE = 'UNDO0';
    EXCEPTION
        WHEN SQLSTATE 'UNDO0' THEN RETURN;
        WHEN check_violation THEN accepted := false; RETURN;
    END;
END
$$;
CREATE TEMPORARY TABLE trials ON COMMIT DROP AS
SELECT n, e, t.accepted, t.reported FROM generate_series(0, 75) AS n, generate_series(2, 5) AS e, LATERAL pg_temp.try_outing(n, e) AS t;
SELECT is_empty($$SELECT n, e FROM trials WHERE accepted <> (e >= greatest(2, (n + 19) / 20))$$,
                'the trigger accepts exactly the outings with max(2, ceil(pupils / 20)) escorts (0-75 pupils, 2-5 escorts)');
SELECT is_empty($$SELECT n, e FROM trials WHERE accepted = reported$$,
                'outing_violations() reports a refusing violation exactly when the trigger refuses');
-- refused: 41-75 pupils with 2 escorts, 61-75 with 3
SELECT is((SELECT count(*)::integer FROM trials WHERE NOT accepted), 35 + 15, 'the 50 trials refused');

SELECT * FROM finish();
ROLLBACK;
