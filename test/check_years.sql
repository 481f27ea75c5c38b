-- pgTAP: check() of one school year.  A model holding three years of a
-- random region (teachers who teach in every year, weeks loaded with
-- enforcement off so that they break rules) is reported year by year; each
-- year's report must be exactly the report of a model holding that year's
-- rows alone, and the years' reports must add up to check() of every year.
BEGIN;
SET client_min_messages = warning;
SELECT plan(12);

SELECT has_function('schooltime', 'check', ARRAY['name', 'schooltime.school_year', 'bigint', 'bigint']);
SELECT has_function('schooltime', 'check', ARRAY['name', 'bigint', 'bigint'], '0.2''s check() of every year is kept');
SELECT is_empty($$SELECT s.name FROM schooltime.violation_sources AS s JOIN pg_proc AS p ON p.oid = s.source
                  WHERE p.pronargs <> 4 OR p.proargtypes[1] <> 'schooltime.school_year'::regtype
                     OR p.proargnames[2] <> 'school_year'$$,
                'every source of check() takes the school year as its second argument');
SELECT is((SELECT count(*)::integer FROM pg_proc AS p
           WHERE p.pronamespace = 'schooltime'::regnamespace AND p.proname = 'check'), 2,
          'check() has its two forms, and no other that a call could confuse');

SELECT schooltime.create_model('chk_all');
SELECT setseed(0.2026);
INSERT INTO chk_all.centres (id, code, name, territory, municipality)
SELECT c, lpad(c::text, 8, '0'), format('Institut %s', c), 'Barcelona', 'Barcelona' FROM generate_series(1, 3) AS c;
INSERT INTO chk_all.teachers (id, name, centre_id)
SELECT t, format('Docent %s', t), 1 + (t - 1) % 3 FROM generate_series(1, 9) AS t;
CREATE TEMPORARY TABLE years ON COMMIT DROP AS
SELECT n, format('%s-%s', 2023 + n, 2024 + n)::schooltime.school_year AS school_year FROM generate_series(1, 3) AS n;
INSERT INTO chk_all.class_groups (centre_id, id, name, school_year, regime, level, pupils)
SELECT c, y.n * 100 + c * 10 + k, format('%sr ESO %s', k, chr(64 + c)), y.school_year, 'eso', k, 20 + (random() * 12)::integer
FROM years AS y, generate_series(1, 3) AS c, generate_series(1, 2) AS k;
SET LOCAL schooltime.enforce = off;
-- each group's day: three to six back-to-back hours from 8, 9 or 10, now and
-- then one of 61 minutes (continuous, daily_max, weekly_hours may break);
-- each by one of the centre's three teachers, who teach in every year
INSERT INTO chk_all.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
SELECT g.centre_id, g.id, g.school_year, 'eso',
       schooltime.weekslot(d, make_time(day.h, 0, 0) + (i * 60) * interval '1 minute',
                           make_time(day.h, 0, 0) + (i * 60 + 60 + CASE WHEN random() < 0.05 THEN 1 ELSE 0 END) * interval '1 minute'),
       format('Matèria %s', i), g.centre_id + 3 * (floor(random() * 3)::integer)
FROM chk_all.class_groups AS g,
     generate_series(1, 5) AS d,
     LATERAL (SELECT (8 + floor(random() * 3) + 0 * g.id + 0 * d)::integer AS h, (3 + floor(random() * 4) + 0 * g.id + 0 * d)::integer AS n) AS day,
     generate_series(0, 5) AS i
WHERE i < day.n;
INSERT INTO chk_all.duties (centre_id, teacher_id, school_year, kind, slot)
SELECT t.centre_id, t.id, y.school_year, 'guard', schooltime.weekslot((1 + t.id % 5)::integer, time '12:00', time '13:00')
FROM chk_all.teachers AS t, years AS y
WHERE random() < 0.7;

-- the same rows, one model per year
SELECT schooltime.create_model(format('chk_%s', n)::name) FROM years;
DO $copy$
DECLARE
    y record;
BEGIN
    FOR y IN SELECT * FROM years LOOP
        EXECUTE format('INSERT INTO chk_%1$s.centres SELECT * FROM chk_all.centres;
                        INSERT INTO chk_%1$s.teachers SELECT * FROM chk_all.teachers;
                        INSERT INTO chk_%1$s.class_groups SELECT * FROM chk_all.class_groups WHERE school_year = %2$L;
                        INSERT INTO chk_%1$s.sessions SELECT * FROM chk_all.sessions WHERE school_year = %2$L;
                        INSERT INTO chk_%1$s.duties SELECT * FROM chk_all.duties WHERE school_year = %2$L;',
                       y.n, y.school_year);
    END LOOP;
END
$copy$;

CREATE TEMPORARY TABLE year_reports ON COMMIT DROP AS
SELECT y.n, v.rule, v.centre_id, v.subject, v.subject_id, v.weekday, v.slot::text AS slot, v.measured, v.limit_value, v.message, v.detail
FROM years AS y CROSS JOIN LATERAL schooltime.check('chk_all', y.school_year) AS v;
CREATE TEMPORARY TABLE alone_reports ON COMMIT DROP AS
SELECT y.n, v.rule, v.centre_id, v.subject, v.subject_id, v.weekday, v.slot::text AS slot, v.measured, v.limit_value, v.message, v.detail
FROM years AS y CROSS JOIN LATERAL schooltime.check(format('chk_%s', y.n)::name) AS v;

SELECT cmp_ok((SELECT count(DISTINCT rule)::integer FROM year_reports), '>=', 4,
              'the random years break several rules (the comparisons below are not of empty reports)');
SELECT ok((SELECT bool_and(c > 0) FROM (SELECT count(*) AS c FROM year_reports GROUP BY n) AS x)
          AND (SELECT count(DISTINCT n) FROM year_reports) = 3, 'each of the three years has violations');
SELECT bag_eq($$SELECT * FROM year_reports WHERE n = 1$$, $$SELECT * FROM alone_reports WHERE n = 1$$,
              'check() of the first year is the report of a model holding that year alone');
SELECT bag_eq($$SELECT * FROM year_reports WHERE n = 2$$, $$SELECT * FROM alone_reports WHERE n = 2$$,
              'check() of the second year is the report of a model holding that year alone');
SELECT bag_eq($$SELECT * FROM year_reports WHERE n = 3$$, $$SELECT * FROM alone_reports WHERE n = 3$$,
              'check() of the third year is the report of a model holding that year alone');
SELECT bag_eq($$SELECT rule, centre_id, subject, subject_id, weekday, slot, measured, limit_value, message, detail FROM year_reports$$,
              $$SELECT v.rule, v.centre_id, v.subject, v.subject_id, v.weekday, v.slot::text, v.measured, v.limit_value, v.message, v.detail
                FROM schooltime.check('chk_all') AS v$$,
              'the years'' reports add up to check() of every year, each violation once');
SELECT bag_eq($$SELECT * FROM year_reports WHERE n = 2 AND centre_id = 2$$,
              $$SELECT 2, v.rule, v.centre_id, v.subject, v.subject_id, v.weekday, v.slot::text, v.measured, v.limit_value, v.message, v.detail
                FROM schooltime.check('chk_all', school_year => '2025-2026', centre_id => 2) AS v$$,
              'check() of a year and a centre: the teachers of the centre in that year with their whole week of the year');
SELECT is_empty($$SELECT * FROM schooltime.check('chk_all', school_year => '2030-2031')$$,
                'a year the model holds no row of has no violation');

SELECT * FROM finish();
ROLLBACK;
