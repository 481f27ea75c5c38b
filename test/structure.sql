-- pgTAP: the extension's public objects exist, with the right shape, and
-- explain themselves (COMMENT ON) in \df+ and \dT+.
BEGIN;
SET client_min_messages = warning;
SELECT plan(48);

SELECT has_schema('schooltime');
SELECT has_type('schooltime', 'weektime', 'weektime is a type');
SELECT ok(to_regtype('schooltime.weektimerange') IS NOT NULL, 'weektimerange is a type');
SELECT is((SELECT typtype FROM pg_type WHERE oid = 'schooltime.weekslot'::regtype), 'b'::"char", 'weekslot is a base type (since 0.3)');
SELECT results_eq($$SELECT typlen, typalign, typstorage FROM pg_type WHERE oid = 'schooltime.weekslot'::regtype$$,
                  $$SELECT typlen, typalign, typstorage FROM pg_type WHERE oid = 'schooltime.weektimerange'::regtype$$,
                  'weekslot has the layout of weektimerange, whose values it holds');
SELECT is((SELECT typtype FROM pg_type WHERE oid = 'schooltime.weektimerange'::regtype), 'r'::"char", 'weektimerange is a range type');
SELECT is((SELECT rngsubtype::regtype::text FROM pg_range WHERE rngtypid = 'schooltime.weektimerange'::regtype), 'schooltime.weektime', 'its subtype is weektime');
SELECT is((SELECT typlen::integer FROM pg_type WHERE oid = 'schooltime.weektime'::regtype), 2, 'weektime takes two bytes');
SELECT ok((SELECT typbyval FROM pg_type WHERE oid = 'schooltime.weektime'::regtype), 'weektime is passed by value');
SELECT isnt((SELECT typreceive FROM pg_type WHERE oid = 'schooltime.weektime'::regtype), 0::regproc, 'weektime has binary receive');
SELECT isnt((SELECT typsend FROM pg_type WHERE oid = 'schooltime.weektime'::regtype), 0::regproc, 'weektime has binary send');

SELECT enum_has_labels('schooltime', 'regime', ARRAY['infantil', 'primaria', 'eso', 'batxillerat', 'batxillerat_night', 'fp', 'adults', 'eoi_ordinary', 'eoi_intensive', 'eoi_blended', 'arts', 'sports']);
SELECT enum_has_labels('schooltime', 'session_kind', ARRAY['lesson', 'tutorial', 'research_work', 'outdoor_practice', 'recess']);
SELECT enum_has_labels('schooltime', 'approval_state', ARRAY['draft', 'provisional', 'definitive']);
SELECT enum_has_labels('schooltime', 'severity', ARRAY['error', 'warning']);
SELECT enum_has_labels('schooltime', 'duty_kind', ARRAY['guard', 'recess_guard', 'directive', 'coordination', 'tutoring', 'other']);
SELECT enum_has_labels('schooltime', 'teacher_role', ARRAY['teacher', 'director', 'head_of_studies', 'secretary', 'pedagogical_coordinator', 'coordinator']);

SELECT ok(EXISTS (SELECT FROM pg_operator WHERE oprnamespace = 'schooltime'::regnamespace AND oprname = '<'
                  AND oprleft = 'schooltime.weektime'::regtype AND oprright = 'schooltime.weektime'::regtype AND oprresult = 'boolean'::regtype),
          'operator weektime < weektime returns boolean');
SELECT ok(EXISTS (SELECT FROM pg_operator WHERE oprnamespace = 'schooltime'::regnamespace AND oprname = '='
                  AND oprleft = 'schooltime.weektime'::regtype AND oprright = 'schooltime.weektime'::regtype AND oprresult = 'boolean'::regtype),
          'operator weektime = weektime returns boolean');
SELECT ok(EXISTS (SELECT FROM pg_operator WHERE oprnamespace = 'schooltime'::regnamespace AND oprname = '-'
                  AND oprleft = 'schooltime.weektime'::regtype AND oprright = 'schooltime.weektime'::regtype AND oprresult = 'integer'::regtype),
          'operator weektime - weektime returns integer');
SELECT has_opclass('schooltime', 'weektime_ops', 'btree operator class for weektime');
SELECT has_opclass('schooltime', 'weektime_hash_ops', 'hash operator class for weektime');
SELECT ok(EXISTS (SELECT FROM pg_opclass AS c JOIN pg_am AS a ON a.oid = c.opcmethod
                  WHERE c.opcintype = 'schooltime.weektime'::regtype AND a.amname = 'btree' AND c.opcdefault),
          'the btree operator class is the default');
SELECT ok(EXISTS (SELECT FROM pg_opclass AS c JOIN pg_am AS a ON a.oid = c.opcmethod
                  WHERE c.opcintype = 'schooltime.weektime'::regtype AND a.amname = 'hash' AND c.opcdefault),
          'the hash operator class is the default');

SELECT has_function('schooltime', 'weekslot', ARRAY['integer', 'time without time zone', 'time without time zone']);
SELECT has_function('schooltime', 'weekslot', ARRAY['text', 'time without time zone', 'time without time zone']);
SELECT has_function('schooltime', 'slot', ARRAY['text']);
SELECT function_returns('schooltime', 'slot', ARRAY['text'], 'schooltime.weekslot');
SELECT has_function('schooltime', 'weekday', ARRAY['schooltime.weekslot']);
SELECT has_function('schooltime', 'start_time', ARRAY['schooltime.weekslot']);
SELECT has_function('schooltime', 'end_time', ARRAY['schooltime.weekslot']);
SELECT has_function('schooltime', 'minutes', ARRAY['schooltime.weekslot']);
SELECT has_function('schooltime', 'create_model', ARRAY['name']);
SELECT has_function('schooltime', 'session_row_rules', '{}'::text[]);
SELECT function_returns('schooltime', 'session_row_rules', '{}'::text[], 'trigger');
SELECT function_lang_is('schooltime', 'session_row_rules', '{}'::text[], 'c');

-- every public object explains itself
SELECT is_empty($$SELECT p.oid::regprocedure::text FROM pg_proc AS p
                  WHERE p.pronamespace = 'schooltime'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL$$,
                'every function has a comment');
SELECT is_empty($$SELECT t.oid::regtype::text FROM pg_type AS t
                  WHERE t.typnamespace = 'schooltime'::regnamespace AND t.typtype IN ('b', 'r', 'm', 'd', 'e') AND t.typcategory <> 'A'
                    AND obj_description(t.oid, 'pg_type') IS NULL$$,
                'every type, domain and enum has a comment');
SELECT is_empty($$SELECT c.oid::regclass::text FROM pg_class AS c
                  WHERE c.relnamespace = 'schooltime'::regnamespace AND c.relkind = 'r'
                    AND obj_description(c.oid, 'pg_class') IS NULL$$,
                'every catalogue table has a comment');
SELECT is_empty($$SELECT e.evtname::text FROM pg_event_trigger AS e
                  JOIN pg_depend AS d ON d.classid = 'pg_event_trigger'::regclass AND d.objid = e.oid AND d.deptype = 'e'
                  JOIN pg_extension AS x ON x.oid = d.refobjid AND x.extname = 'schooltime'
                  WHERE obj_description(e.oid, 'pg_event_trigger') IS NULL$$,
                'every event trigger has a comment');
SELECT isnt_empty($$SELECT FROM pg_event_trigger AS e
                    JOIN pg_depend AS d ON d.classid = 'pg_event_trigger'::regclass AND d.objid = e.oid AND d.deptype = 'e'
                    JOIN pg_extension AS x ON x.oid = d.refobjid AND x.extname = 'schooltime'$$,
                  'the extension owns its event trigger');

-- security: nothing runs with its owner's rights unless it pins search_path
SELECT is_empty($$SELECT p.oid::regprocedure::text FROM pg_proc AS p
                  WHERE p.pronamespace = 'schooltime'::regnamespace AND p.prosecdef$$,
                'no function is SECURITY DEFINER: unchecked writes are recorded by the library (src/enforcement.c)');
SELECT is_empty($$SELECT p.oid::regprocedure::text FROM pg_proc AS p
                  WHERE p.pronamespace = 'schooltime'::regnamespace AND p.prosecdef
                    AND NOT coalesce(p.proconfig, '{}') @> ARRAY['search_path=pg_catalog, pg_temp']$$,
                'every SECURITY DEFINER function pins search_path');
SELECT is_empty($$SELECT p.oid::regprocedure::text FROM pg_proc AS p
                  WHERE p.pronamespace = 'schooltime'::regnamespace AND p.prosecdef
                    AND has_function_privilege('public', p.oid, 'EXECUTE')
                    AND p.prorettype <> 'event_trigger'::regtype$$,
                'no one may call a SECURITY DEFINER function directly');
-- (a SQL function with a SQL-standard body is bound when created: no
-- search_path reaches it at run time, and without a SET it can be inlined)
SELECT is_empty($$SELECT p.oid::regprocedure::text FROM pg_proc AS p JOIN pg_language AS l ON l.oid = p.prolang
                  WHERE p.pronamespace = 'schooltime'::regnamespace AND l.lanname IN ('plpgsql', 'sql')
                    AND NOT coalesce(p.proconfig, '{}') @> ARRAY['search_path=pg_catalog, pg_temp']
                    AND NOT (l.lanname = 'sql' AND p.prosqlbody IS NOT NULL AND NOT p.prosecdef)$$,
                'every SQL and PL/pgSQL function pins search_path, or is SQL bound when it is created');
SELECT set_eq($$SELECT p.proname::text FROM pg_proc AS p
                WHERE p.pronamespace = 'schooltime'::regnamespace AND p.prosqlbody IS NOT NULL$$,
              ARRAY['number_words', 'message_forms', 'section_text'],
              'the SQL functions bound when created are the per-row message helpers');
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'schooltime'), false, 'the extension is not relocatable');
SELECT is((SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'schooltime'), 'schooltime', 'it lives in schema schooltime');

SELECT * FROM finish();
ROLLBACK;
