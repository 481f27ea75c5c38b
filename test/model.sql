-- pgTAP: the reference model's structure: tables, keys, foreign keys,
-- indexes and triggers.
BEGIN;
SET client_min_messages = warning;
SELECT plan(38);
SELECT lives_ok($$SELECT schooltime.create_model('tap_model')$$, 'create_model creates the model');

SELECT ok(array_agg(t ORDER BY t) <@ (SELECT array_agg(tablename::text) FROM pg_tables WHERE schemaname = 'tap_model'), 'the core tables are there')
FROM unnest(ARRAY['centres', 'class_groups', 'teachers', 'sessions', 'duties']) AS t;

SELECT has_pk('tap_model', 'centres', 'centres have a primary key');
SELECT col_is_unique('tap_model', 'centres', 'code', 'a centre code is unique');
SELECT col_type_is('tap_model', 'centres', 'ownership', 'schooltime', 'ownership', 'centres record who runs them');

SELECT col_is_pk('tap_model', 'class_groups', ARRAY['centre_id', 'id'], 'a group is keyed within its centre');
SELECT col_type_is('tap_model', 'class_groups', 'regime', 'schooltime', 'regime', 'a group has a regime');
SELECT col_type_is('tap_model', 'class_groups', 'school_year', 'schooltime', 'school_year', 'a group has a school year');
SELECT col_type_is('tap_model', 'class_groups', 'approval', 'schooltime', 'approval_state', 'a group has an approval state');
SELECT col_default_is('tap_model', 'class_groups', 'approval', 'draft', 'a new timetable is a draft');
SELECT col_not_null('tap_model', 'class_groups', 'level', 'a group has a level');
SELECT col_not_null('tap_model', 'class_groups', 'pupils', 'a group has a number of pupils');
SELECT fk_ok('tap_model', 'class_groups', 'centre_id', 'tap_model', 'centres', 'id');

SELECT has_pk('tap_model', 'teachers', 'teachers have a primary key');
SELECT col_type_is('tap_model', 'teachers', 'role', 'schooltime', 'teacher_role', 'a teacher has a role');
SELECT fk_ok('tap_model', 'teachers', 'centre_id', 'tap_model', 'centres', 'id');

SELECT col_is_pk('tap_model', 'sessions', ARRAY['centre_id', 'id'], 'a session is keyed within its centre');
SELECT col_type_is('tap_model', 'sessions', 'slot', 'schooltime', 'weekslot', 'a session has a slot');
SELECT col_not_null('tap_model', 'sessions', 'slot', 'a session always has a slot');
SELECT col_type_is('tap_model', 'sessions', 'kind', 'schooltime', 'session_kind', 'a session has a kind');
SELECT col_type_is('tap_model', 'sessions', 'split_half', 'smallint', 'a session may be one half of a split group');
SELECT col_has_check('tap_model', 'sessions', 'split_half', 'a split half is 1 or 2');
SELECT fk_ok('tap_model', 'sessions', ARRAY['centre_id', 'group_id', 'school_year', 'regime'],
             'tap_model', 'class_groups', ARRAY['centre_id', 'id', 'school_year', 'regime'],
             'a session carries its group''s school year and regime, kept right by the foreign key');
SELECT fk_ok('tap_model', 'sessions', 'teacher_id', 'tap_model', 'teachers', 'id');
SELECT has_index('tap_model', 'sessions', 'sessions_centre_id_group_id_school_year_regime_idx',
                 ARRAY['centre_id', 'group_id', 'school_year', 'regime'], 'sessions are indexed by group');
SELECT has_index('tap_model', 'sessions', 'sessions_teacher_id_idx', ARRAY['teacher_id', 'school_year'], 'sessions are indexed by teacher and school year');
SELECT has_trigger('tap_model', 'sessions', 'schooltime_row_rules', 'sessions have the per-row rules');
SELECT trigger_is('tap_model', 'sessions', 'schooltime_row_rules', 'schooltime', 'session_row_rules', 'the per-row trigger is schooltime''s');
SELECT ok((SELECT tgtype & 2 = 2 AND tgtype & 1 = 1 AND tgtype & 4 = 4 AND tgtype & 16 = 16
           FROM pg_trigger WHERE tgrelid = 'tap_model.sessions'::regclass AND tgname = 'schooltime_row_rules'),
          'it fires BEFORE INSERT OR UPDATE FOR EACH ROW');

SELECT col_is_pk('tap_model', 'duties', ARRAY['centre_id', 'id'], 'a duty is keyed within its centre');
SELECT col_type_is('tap_model', 'duties', 'kind', 'schooltime', 'duty_kind', 'a duty has a kind');
SELECT col_type_is('tap_model', 'duties', 'slot', 'schooltime', 'weekslot', 'a duty has a slot');
SELECT fk_ok('tap_model', 'duties', 'teacher_id', 'tap_model', 'teachers', 'id');
SELECT has_index('tap_model', 'duties', 'duties_teacher_id_idx', ARRAY['teacher_id', 'school_year'], 'duties are indexed by teacher and school year');

SELECT is_empty($$SELECT c.relname FROM pg_class AS c WHERE c.relnamespace = 'tap_model'::regnamespace
                    AND c.relkind = 'r' AND obj_description(c.oid, 'pg_class') IS NULL$$,
                'every table of the model says what it holds');
SELECT is_empty($$SELECT c.relname FROM pg_class AS c WHERE c.relnamespace = 'tap_model'::regnamespace
                    AND c.relkind = 'r' AND c.relowner <> current_user::regrole$$,
                'the model belongs to whoever created it');
SELECT is_empty($$SELECT d.objid::regclass::text FROM pg_depend AS d
                  WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e'
                    AND d.objid IN (SELECT oid FROM pg_class WHERE relnamespace = 'tap_model'::regnamespace)$$,
                'no table of the model is a member of the extension');
SELECT throws_ok($$SELECT schooltime.create_model('tap_model')$$, '42P07', NULL, 'a schema holds one model');

SELECT * FROM finish();
ROLLBACK;
