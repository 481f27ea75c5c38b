-- pgTAP: a partitioned model's structure (issue 15): which tables are
-- partitioned and by what, their years' partitions, keys that hold the
-- school year, foreign keys to a session that name its year, and every
-- statement trigger of a table on each of its partitions.
BEGIN;
SET client_min_messages = warning;
SET LOCAL schooltime.today = '2019-03-01';
SELECT plan(32);
SELECT lives_ok($$SELECT schooltime.create_model('tap_parts', partitioned => true)$$,
                'create_model(schema, partitioned => true) creates the model');
SELECT lives_ok($$SELECT schooltime.add_school_year_partition('tap_parts', '2019-2020')$$, 'a year is added');

SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class AS c
           WHERE c.relnamespace = 'tap_parts'::regnamespace AND c.relkind = 'p'),
          ARRAY['duties', 'lessons', 'sessions'], 'duties, lessons and sessions are partitioned, nothing else');
SELECT is((SELECT array_agg(DISTINCT pg_get_partkeydef(c.oid)) FROM pg_class AS c
           WHERE c.relnamespace = 'tap_parts'::regnamespace AND c.relkind = 'p'),
          ARRAY['LIST (school_year)'], 'by the list of school years');
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'tap_parts.sessions'::regclass),
          ARRAY['sessions_2018_2019', 'sessions_2019_2020'], 'the current year and the added one have partitions');
SELECT is_empty($$SELECT c.relname FROM pg_class AS c WHERE c.relnamespace = 'tap_parts'::regnamespace AND c.relispartition
                    AND pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'$$, 'no DEFAULT partition');
SELECT is((SELECT count(*)::integer FROM pg_class AS c WHERE c.relnamespace = 'tap_parts'::regnamespace AND c.relispartition AND c.relkind = 'r'), 6,
          'two years of three tables');
SELECT is_empty($$SELECT c.relname FROM pg_class AS c WHERE c.relnamespace = 'tap_parts'::regnamespace
                    AND c.relkind IN ('r', 'p') AND obj_description(c.oid, 'pg_class') IS NULL$$,
                'every table and partition of the model says what it holds');

SELECT col_is_pk('tap_parts', 'sessions', ARRAY['centre_id', 'id', 'school_year'], 'a session is keyed within its centre and year');
SELECT col_is_pk('tap_parts', 'duties', ARRAY['centre_id', 'id', 'school_year'], 'a duty is keyed within its centre and year');
SELECT col_is_pk('tap_parts', 'lessons', ARRAY['centre_id', 'id', 'school_year'], 'a lesson is keyed within its centre and year');
SELECT col_is_unique('tap_parts', 'lessons', ARRAY['centre_id', 'id', 'school_year', 'slot'], 'what a session''s lesson key refers to');
SELECT col_is_pk('tap_parts', 'sessions_2019_2020', ARRAY['centre_id', 'id', 'school_year'], 'each partition has the key');
SELECT is((SELECT pg_get_constraintdef(k.oid) FROM pg_constraint AS k
           WHERE k.conrelid = 'tap_parts.sessions'::regclass AND k.contype = 'f' AND k.conparentid = 0
             AND k.confrelid = 'tap_parts.lessons'::regclass),
          'FOREIGN KEY (centre_id, lesson_id, school_year, slot) REFERENCES tap_parts.lessons(centre_id, id, school_year, slot)' || ' ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED', 'a session''s lesson, of its year');
SELECT fk_ok('tap_parts', 'sessions', ARRAY['centre_id', 'group_id', 'school_year', 'regime'],
             'tap_parts', 'class_groups', ARRAY['centre_id', 'id', 'school_year', 'regime'], 'a session''s group');
SELECT is((SELECT pg_get_constraintdef(k.oid) FROM pg_constraint AS k
           WHERE k.conrelid = 'tap_parts.authorisations'::regclass AND k.contype = 'f' AND k.conparentid = 0
             AND k.confrelid = 'tap_parts.sessions'::regclass),
          'FOREIGN KEY (centre_id, session_id, school_year) REFERENCES tap_parts.sessions(centre_id, id, school_year)' || ' ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED', 'an authorisation of a session names its year');
SELECT is((SELECT pg_get_constraintdef(k.oid) FROM pg_constraint AS k
           WHERE k.conrelid = 'tap_parts.session_subject_areas'::regclass AND k.contype = 'f' AND k.conparentid = 0
             AND k.confrelid = 'tap_parts.sessions'::regclass),
          'FOREIGN KEY (centre_id, session_id, school_year) REFERENCES tap_parts.sessions(centre_id, id, school_year)' || ' ON UPDATE CASCADE ON DELETE CASCADE', 'a pinned area of a session names its year');
SELECT col_not_null('tap_parts', 'session_subject_areas', 'school_year', 'and has it');
SELECT has_index('tap_parts', 'sessions', 'sessions_teacher_id_idx', ARRAY['teacher_id', 'school_year'], 'the indexes of a plain model are there');

-- every statement trigger of a table is on each of its partitions, with
-- the same definition; row triggers are the table's own, cloned
SELECT is_empty($$
    SELECT p.tgname, c.inhrelid::regclass
    FROM pg_trigger AS p JOIN pg_inherits AS c ON c.inhparent = p.tgrelid
    WHERE p.tgrelid IN ('tap_parts.sessions'::regclass, 'tap_parts.duties'::regclass, 'tap_parts.lessons'::regclass)
      AND NOT p.tgisinternal
      AND NOT EXISTS (SELECT FROM pg_trigger AS t WHERE t.tgrelid = c.inhrelid AND t.tgname = p.tgname
                        AND (p.tgtype & 1 = 1 AND t.tgparentid = p.oid
                             OR p.tgtype & 1 = 0 AND t.tgfoid = p.tgfoid AND t.tgtype = p.tgtype AND t.tgargs = p.tgargs
                                AND t.tgoldtable IS NOT DISTINCT FROM p.tgoldtable AND t.tgnewtable IS NOT DISTINCT FROM p.tgnewtable))$$,
    'each partition has every trigger of its table');
SELECT is((SELECT count(*)::integer FROM pg_trigger WHERE tgrelid = 'tap_parts.sessions_2019_2020'::regclass
           AND NOT tgisinternal AND tgfoid = 'schooltime.timetable_set_rules()'::regprocedure), 3,
          'a year''s sessions run the set rules after INSERT, UPDATE and DELETE');
SELECT is((SELECT count(*)::integer FROM pg_trigger WHERE tgrelid = 'tap_parts.sessions_2019_2020'::regclass
           AND NOT tgisinternal AND tgfoid = 'schooltime.session_row_rules()'::regprocedure), 1,
          'and the row rules');
SELECT is((SELECT count(*)::integer FROM pg_attrdef AS d JOIN pg_attribute AS a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
           WHERE d.adrelid = 'tap_parts.sessions_2019_2020'::regclass AND a.attname = 'id'
             AND pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(''tap_parts.sessions_id_seq''%'), 1,
          'a partition draws its ids from the table''s identity');

SELECT has_function('schooltime', 'create_model', ARRAY['name'], 'create_model(name) is still there');
SELECT has_function('schooltime', 'create_model', ARRAY['name', 'boolean'], 'with create_model(name, boolean) beside it');
SELECT lives_ok($$SELECT schooltime.create_model('tap_parts_plain')$$, 'create_model(name) is not ambiguous');
SELECT is((SELECT relkind::text FROM pg_class WHERE oid = 'tap_parts_plain.sessions'::regclass), 'r', 'and makes a plain model');

-- the conversion keeps what reads the table: a view over it (and a view
-- over that), a foreign key to it (which gains school_year, and its table a
-- column), a comment; and refuses a table with rows
CREATE SCHEMA tap_conv;
CREATE TABLE tap_conv.years (id bigint GENERATED BY DEFAULT AS IDENTITY, school_year schooltime.school_year NOT NULL,
                             note text, PRIMARY KEY (id));
COMMENT ON TABLE tap_conv.years IS 'rows of years';
CREATE TABLE tap_conv.notes (year_id bigint REFERENCES tap_conv.years (id));
CREATE VIEW tap_conv.recent WITH (security_barrier) AS SELECT id, note FROM tap_conv.years WHERE school_year > '2020-2021';
COMMENT ON VIEW tap_conv.recent IS 'recent years';
CREATE VIEW tap_conv.recent_count AS SELECT count(*) AS n FROM tap_conv.recent;
SELECT lives_ok($$SELECT schooltime.model_partition_table('tap_conv.years')$$, 'an empty table is made partitioned');
SELECT is((SELECT pg_get_partkeydef('tap_conv.years'::regclass)), 'LIST (school_year)', 'by school year, keeping its name');
SELECT is((SELECT array_agg(c.relname::text || ':' || coalesce(obj_description(c.oid, 'pg_class'), '') || ':' || coalesce(array_to_string(c.reloptions, ','), '')
                            ORDER BY c.relname)
           FROM pg_class AS c WHERE c.relnamespace = 'tap_conv'::regnamespace AND c.relkind = 'v'),
          ARRAY['recent:recent years:security_barrier=true', 'recent_count::'],
          'the views that read it are made again, with their comments and options');
SELECT is((SELECT pg_get_constraintdef(k.oid) FROM pg_constraint AS k WHERE k.conrelid = 'tap_conv.notes'::regclass AND k.contype = 'f'),
          'FOREIGN KEY (year_id, school_year) REFERENCES tap_conv.years(id, school_year)',
          'a foreign key to it names school_year, a column its table gains');
CREATE TABLE tap_conv.full_table (school_year schooltime.school_year NOT NULL);
INSERT INTO tap_conv.full_table VALUES ('2020-2021');
SELECT throws_ok($$SELECT schooltime.model_partition_table('tap_conv.full_table')$$, '55000',
                 'table tap_conv.full_table has rows', 'a table with rows is refused');

SELECT * FROM finish();
ROLLBACK;
