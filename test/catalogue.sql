-- pgTAP: the catalogue holds every rule of RULES.md with its section and
-- severity, every figure table is keyed by school year, and pg_dump saves
-- the department's own rows.
BEGIN;
SET client_min_messages = warning;
SELECT plan(13);

-- RULES.md, transcribed: code, sections, severity
CREATE TEMPORARY TABLE rules_md (code text, sections text[], severity text) ON COMMIT DROP;
INSERT INTO rules_md VALUES
    ('weekday', '{2.2.1.1,2.2.2,2.3}', 'error'), ('window', '{2.2.1,2.2.2,2.3,2.4,2.5,2.6}', 'error'),
    ('session_length', '{2.4,2.5,2.6}', 'error'), ('group_overlap', '{4.1}', 'error'),
    ('continuous', '{2.2.1,2.5,2.6}', 'error'), ('daily_max', '{2.2.1,2.2.2,2.5,2.6}', 'error'),
    ('weekly_hours', '{2.2.1,2.4}', 'error'), ('free_afternoons', '{2.2.1.1}', 'error'),
    ('fp_single_shift', '{2.2.1}', 'error'), ('primary_day', '{3.1}', 'error'),
    ('indicative_day', '{2.2.1}', 'warning'), ('eoi_course_hours', '{2.4}', 'error'),
    ('teacher_overlap', '{5.2}', 'error'), ('teacher_midday', '{5.2}', 'error'), ('teacher_week', '{6.4}', 'error'),
    ('directive_presence', '{5.2}', 'error'), ('guard_coverage', '{5.2,3.4}', 'error'),
    ('teachers_per_group', '{4.2}', 'warning'), ('eso_split', '{4.1.1.1}', 'warning'),
    ('batx_split', '{4.1.1.1}', 'warning'), ('optional_ratio', '{4.1.1.1}', 'warning'),
    ('attendance', '{3.2,3.2.1,3.2.2,3.2.3}', 'warning'),
    ('outing_escorts', '{6.5}', 'error'), ('outing_ratio', '{6.5.1}', 'error'),
    ('outing_authorisation', '{6.3}', 'error'), ('outing_programmed', '{6.1}', 'error'),
    ('outing_communicated', '{6.2}', 'error'), ('outing_abroad', '{6.6}', 'error'),
    ('calendar_free_days', '{1}', 'error'), ('calendar_class_days', '{1}', 'error'),
    -- and the rules of Decret 11/2021 that EQUITY.md lists (doc/equity.md)
    ('nee_entry_share', '{"Decret 11/2021, art. 59"}', 'warning'),
    ('late_nee_enrolment', '{"Decret 11/2021, art. 49.2, 57.5, 60.3"}', 'warning'),
    ('nee_reserve', '{"Decret 11/2021, art. 55"}', 'warning');

SELECT set_eq($$SELECT code FROM schooltime.rules$$, $$SELECT code FROM rules_md$$,
              'the catalogue has exactly the rules of RULES.md and of EQUITY.md''s decree');
SELECT results_eq($$SELECT code, sections, severity::text FROM schooltime.rules ORDER BY code$$,
                  $$SELECT code, sections, severity FROM rules_md ORDER BY code$$,
                  'every rule has the section and severity of RULES.md or EQUITY.md');
SELECT is_empty($$SELECT code FROM schooltime.rules WHERE length(description_en) < 20 OR length(description_ca) < 20$$,
                'every rule says what it checks in English and in Catalan');

-- figures keyed by school year and regime
SELECT col_is_pk('schooltime', 'timetable_limits', ARRAY['school_year', 'regime'], 'timetable limits are keyed by school year and regime');
SELECT col_is_pk('schooltime', 'attendance_thresholds', ARRAY['school_year', 'regime'], 'attendance thresholds are keyed by school year and regime');
SELECT col_is_pk('schooltime', 'escort_ratios', ARRAY['school_year', 'stage', 'multi_day'], 'escort ratios are keyed by school year, stage and length');
SELECT col_is_pk('schooltime', 'staff_limits', 'school_year', 'staff limits are keyed by school year');
SELECT is((SELECT count(*)::integer FROM schooltime.timetable_limits WHERE school_year = '2018-2019'),
          (SELECT count(*)::integer FROM unnest(enum_range(NULL::schooltime.regime))),
          'every regime has figures for 2018-2019');
SELECT is_empty($$SELECT school_year, regime FROM schooltime.timetable_limits WHERE source IS NULL OR source = ''$$,
                'every row says where its figures come from');

-- pg_dump saves the department's rows of every catalogue table
SELECT set_eq($$SELECT unnest(extconfig)::regclass::text FROM pg_extension WHERE extname = 'schooltime'$$,
              $$SELECT c.oid::regclass::text FROM pg_class AS c
                WHERE c.relnamespace = 'schooltime'::regnamespace AND c.relkind IN ('r', 'S')
                  AND c.oid NOT IN ('schooltime.model_parts'::regclass, 'schooltime.violation_sources'::regclass)$$,
              'every table of the extension but its two registries (model parts, violation sources) is registered with pg_extension_config_dump');
SELECT is_empty($$SELECT t, cond FROM pg_extension, unnest(extconfig, extcondition) AS x (t, cond)
                  WHERE extname = 'schooltime'
                    AND cond IS DISTINCT FROM CASE WHEN EXISTS (SELECT FROM pg_attribute WHERE attrelid = t AND attname = 'origin')
                                                   THEN 'WHERE origin = ''local''' ELSE '' END$$,
                'pg_dump saves exactly the local rows of the catalogue, and every row of the record of unchecked writes');
SELECT is_empty($$SELECT c.oid::regclass::text FROM pg_class AS c
                  WHERE c.relnamespace = 'schooltime'::regnamespace AND c.relkind = 'r'
                    AND EXISTS (SELECT FROM pg_attribute WHERE attrelid = c.oid AND attname = 'origin')
                    AND NOT EXISTS (SELECT FROM pg_trigger AS t WHERE t.tgrelid = c.oid AND t.tgname = 'catalogue_changed')$$,
                'every catalogue table tells the backends'' caches when it changes');
SELECT is_empty($$SELECT c.oid::regclass::text FROM pg_class AS c
                  WHERE c.relnamespace = 'schooltime'::regnamespace AND c.relkind = 'r'
                    AND has_table_privilege('public', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')$$,
                'no one but the owner may change the catalogue');

SELECT * FROM finish();
ROLLBACK;
