-- The escort arithmetic analysts call: escort_ratio() and required_escorts(),
-- for one stage and for a mix of stages, on both sides of each boundary,
-- and the errors for arguments that mean nothing.  The ratios of section
-- 6.5.1 are written here, not read from the catalogue, so that a wrong
-- catalogue figure fails this test.
SET search_path = schooltime, public;
\i sql/include/error_of.sql

-- 6.5.1, 2018-2019: pupils per escort, one day and more than one day
CREATE TEMPORARY TABLE ratios (regime regime, level integer, one_day integer, multi_day integer);
INSERT INTO ratios VALUES
    ('infantil', 1, 10, 8), ('infantil', 3, 10, 8),
    ('primaria', 1, 15, 12), ('primaria', 4, 15, 12),
    ('primaria', 5, 20, 18), ('primaria', 6, 20, 18),
    ('eso', 1, 20, 20), ('eso', 4, 20, 20),           -- no multi-day figure: the one-day ratio holds
    ('batxillerat', 2, 25, 25), ('fp', 1, 25, 25), ('adults', 6, 25, 25);
SELECT r.regime, r.level, escort_ratio(r.regime, r.level, 1, '2018-2019') AS one_day,
       escort_ratio(r.regime, r.level, 2, '2018-2019') AS two_days,
       escort_ratio(r.regime, r.level, 5, '2018-2019') AS five_days,
       escort_ratio(r.regime, r.level, 1, '2018-2019') = r.one_day
       AND escort_ratio(r.regime, r.level, 2, '2018-2019') = r.multi_day AS as_the_document_says
FROM ratios AS r ORDER BY r.regime, r.level;

-- required escorts for one stage: max(2, ceil(pupils / ratio))
SELECT p AS pupils_of_5e, required_escorts('primaria', 5, p, 1, '2018-2019') AS one_day,
       required_escorts('primaria', 5, p, 3, '2018-2019') AS three_days
FROM unnest(ARRAY[0, 1, 20, 36, 37, 40, 41, 54, 55, 60, 61]) AS p;
SELECT p AS pupils_of_p4, required_escorts('infantil', 2, p, 1, '2018-2019') AS one_day,
       required_escorts('infantil', 2, p, 2, '2018-2019') AS two_days
FROM unnest(ARRAY[16, 17, 20, 21, 24, 25, 30, 31]) AS p;

-- a mix of stages: each pupil takes 1/ratio of an escort; the fractions are
-- summed exactly and the sum is rounded up.  25 pupils of P4 (at 10) and 22
-- of 1r (at 15) need 25/10 + 22/15 = 3.97 escorts: 4, where rounding each
-- stage on its own would ask for 3 + 2 = 5
SELECT required_escorts('[{"regime": "infantil", "level": 2, "pupils": 25},
                          {"regime": "primaria", "level": 1, "pupils": 22}]', 1, '2018-2019') AS mix,
       required_escorts('infantil', 2, 25, 1, '2018-2019') + required_escorts('primaria', 1, 22, 1, '2018-2019') AS stage_by_stage;
-- a sum that lands on a whole number is not rounded up: 30 pupils of 5è (at
-- 20) and 15 of P3 (at 10) need 30/20 + 15/10 = 3 escorts exactly, one pupil
-- more needs 3.05, so 4; five stages of 5/15 + 5/15 + 5/15 + 20/20 + 25/25 = 3
SELECT required_escorts('[{"regime": "primaria", "level": 5, "pupils": 30}, {"regime": "infantil", "level": 1, "pupils": 15}]', 1, '2018-2019') AS exactly_3,
       required_escorts('[{"regime": "primaria", "level": 5, "pupils": 31}, {"regime": "infantil", "level": 1, "pupils": 15}]', 1, '2018-2019') AS just_over_3,
       required_escorts('[{"regime": "primaria", "level": 1, "pupils": 5}, {"regime": "primaria", "level": 2, "pupils": 5},
                          {"regime": "primaria", "level": 3, "pupils": 5}, {"regime": "eso", "level": 1, "pupils": 20},
                          {"regime": "batxillerat", "level": 1, "pupils": 25}]', 1, '2018-2019') AS five_stages_exactly_3;
-- several elements of one stage add up like one
SELECT required_escorts('[{"regime": "primaria", "level": 5, "pupils": 21}, {"regime": "primaria", "level": 6, "pupils": 20}]', 1, '2018-2019') AS two_groups_of_5e_6e,
       required_escorts('primaria', 5, 41, 1, '2018-2019') AS one_group_of_41;
-- an empty outing still needs its two escorts; NULL in, NULL out
SELECT required_escorts('[]', 1, '2018-2019') AS no_pupils,
       required_escorts(NULL::jsonb, 1, '2018-2019') AS null_mix, escort_ratio('eso', NULL, 1, '2018-2019') AS null_level;

-- the functions read the catalogue: a department's change is seen at once
BEGIN;
UPDATE outing_limits SET min_escorts = 3 WHERE school_year = '2018-2019';
UPDATE escort_ratios SET pupils_per_escort = 15 WHERE school_year = '2018-2019' AND stage = 'primaria_5_6' AND NOT multi_day;
SELECT escort_ratio('primaria', 5, 1, '2018-2019') AS ratio, required_escorts('primaria', 5, 20, 1, '2018-2019') AS for_20,
       required_escorts('primaria', 5, 46, 1, '2018-2019') AS for_46;
ROLLBACK;
SELECT escort_ratio('primaria', 5, 1, '2018-2019') AS ratio_after_rollback;
-- and the school year picks the figures (2020-2021 is carried over)
SELECT escort_ratio('infantil', 1, 2, '2020-2021') AS infantil_2020_multi_day;

-- nonsense is refused with invalid_parameter_value and says why
CREATE TEMPORARY TABLE bad_calls (name text, call text);
INSERT INTO bad_calls VALUES
    ('negative pupils', $$SELECT required_escorts('primaria', 5, -1, 1, '2018-2019')$$),
    ('negative pupils in a mix', $$SELECT required_escorts('[{"regime": "eso", "level": 1, "pupils": 20}, {"regime": "eso", "level": 2, "pupils": -3}]', 1, '2018-2019')$$),
    ('ESO has no 5th level', $$SELECT escort_ratio('eso', 5, 1, '2018-2019')$$),
    ('level 0', $$SELECT required_escorts('primaria', 0, 20, 1, '2018-2019')$$),
    ('infantil level 4', $$SELECT escort_ratio('infantil', 4, 1, '2018-2019')$$),
    ('unknown regime in a mix', $$SELECT required_escorts('[{"regime": "primary", "level": 5, "pupils": 20}]', 1, '2018-2019')$$),
    ('a year without ratios', $$SELECT escort_ratio('eso', 1, 1, '2030-2031')$$),
    ('a year without figures', $$SELECT required_escorts('[]', 1, '2030-2031')$$),
    ('zero days', $$SELECT escort_ratio('eso', 1, 0, '2018-2019')$$),
    ('not an array', $$SELECT required_escorts('{"regime": "eso", "level": 1, "pupils": 20}', 1, '2018-2019')$$),
    ('an element that is not an object', $$SELECT required_escorts('[20]', 1, '2018-2019')$$),
    ('a misspelt key', $$SELECT required_escorts('[{"regime": "eso", "level": 1, "pupil": 20}]', 1, '2018-2019')$$),
    ('pupils missing', $$SELECT required_escorts('[{"regime": "eso", "level": 1}]', 1, '2018-2019')$$),
    ('a level that is not a whole number', $$SELECT required_escorts('[{"regime": "eso", "level": 1.5, "pupils": 20}]', 1, '2018-2019')$$),
    ('pupils as text', $$SELECT required_escorts('[{"regime": "eso", "level": 1, "pupils": "20"}]', 1, '2018-2019')$$),
    ('a regime that is not text', $$SELECT required_escorts('[{"regime": 3, "level": 1, "pupils": 20}]', 1, '2018-2019')$$);
\x on
SELECT b.name, e.code, e.message, e.detail, e.hint FROM bad_calls AS b, LATERAL pg_temp.error_of(b.call) AS e;
\x off
-- a badly written school year is not a school year at all
SELECT code, message, detail FROM pg_temp.error_of($$SELECT escort_ratio('eso', 1, 1, '2018/2019')$$);
-- a regime outside the enumeration never reaches the function
SELECT code, message FROM pg_temp.error_of($$SELECT escort_ratio('primary', 5, 1, '2018-2019')$$);
