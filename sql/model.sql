-- The reference model: its tables, keys and triggers; it belongs to the
-- user, not to the extension; DROP EXTENSION refuses while it exists and
-- leaves every row where it was.
SET search_path = schooltime, public;
\i sql/include/error_of.sql

SELECT create_model('model');
-- the core tables: columns, constraints defined on them, indexes, triggers
SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default, c.is_identity
FROM information_schema.columns AS c
WHERE c.table_schema = 'model' AND c.table_name IN ('centres', 'class_groups', 'teachers', 'sessions', 'duties')
ORDER BY c.table_name, c.ordinal_position;
SELECT conrelid::regclass AS "table", conname, pg_get_constraintdef(oid)
FROM pg_constraint
WHERE conrelid IN ('model.centres'::regclass, 'model.class_groups'::regclass, 'model.teachers'::regclass,
                   'model.sessions'::regclass, 'model.duties'::regclass)
ORDER BY 1, 2;
SELECT indrelid::regclass AS "table", indexrelid::regclass AS index, pg_get_indexdef(indexrelid)
FROM pg_index
WHERE indrelid IN ('model.centres'::regclass, 'model.class_groups'::regclass, 'model.teachers'::regclass,
                   'model.sessions'::regclass, 'model.duties'::regclass)
ORDER BY 1, 2;
SELECT tgrelid::regclass AS "table", tgname, pg_get_triggerdef(oid)
FROM pg_trigger
WHERE NOT tgisinternal
  AND tgrelid IN ('model.centres'::regclass, 'model.class_groups'::regclass, 'model.teachers'::regclass,
                  'model.sessions'::regclass, 'model.duties'::regclass)
ORDER BY 1, 2;
SELECT c.relname, obj_description(c.oid, 'pg_class') AS comment
FROM pg_class AS c WHERE c.relnamespace = 'model'::regnamespace AND c.relkind = 'r'
  AND c.relname IN ('centres', 'class_groups', 'teachers', 'sessions', 'duties') ORDER BY c.relname;

-- the model's tables are the user's: not members of the extension
SELECT count(*) AS extension_members_in_model
FROM pg_depend AS d JOIN pg_class AS c ON c.oid = d.objid
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND c.relnamespace = 'model'::regnamespace;

-- a schema that is not the department's own is refused; so is a second model in one schema
SELECT code, message, hint FROM pg_temp.error_of($$SELECT schooltime.create_model('schooltime')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT schooltime.create_model('pg_catalog')$$);
SELECT code, message FROM pg_temp.error_of($$SELECT schooltime.create_model(NULL)$$);
SELECT code, message FROM pg_temp.error_of($$SELECT schooltime.create_model('model')$$);

-- a DBA without superuser rights creates a model and owns its tables
CREATE ROLE regress_schooltime_dba;
GRANT CREATE ON DATABASE contrib_regression TO regress_schooltime_dba;
SET ROLE regress_schooltime_dba;
SELECT create_model('dba_model');
RESET ROLE;
SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relnamespace = 'dba_model'::regnamespace AND relkind = 'r';
SET client_min_messages = warning;
DROP SCHEMA dba_model CASCADE;
RESET client_min_messages;
REVOKE CREATE ON DATABASE contrib_regression FROM regress_schooltime_dba;
DROP ROLE regress_schooltime_dba;

-- fill the model, then try to drop the extension
INSERT INTO model.centres (id, code, name, territory, municipality) VALUES (1, '25000001', 'Escola de proves', 'Lleida', 'Lleida');
INSERT INTO model.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 1, '5è A', '2018-2019', 'primaria', 5, 24);
INSERT INTO model.teachers (id, name, centre_id, role) VALUES (1, 'Mestra de proves', 1, 'director');
INSERT INTO model.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
VALUES (1, 1, '2018-2019', 'primaria', slot('Mon 09:00-10:00'), 'Matemàtiques', 1),
       (1, 1, '2018-2019', 'primaria', slot('Mon 10:00-11:00'), 'Llengua catalana', 1);
INSERT INTO model.duties (centre_id, teacher_id, school_year, slot, kind)
VALUES (1, 1, '2018-2019', slot('Mon 11:00-11:30'), 'recess_guard');

-- (the DETAIL lists every column and trigger of the model that depends on it)
SELECT code, message, hint, detail LIKE '%column slot of table model.sessions depends on type weekslot%' AS names_the_columns
FROM pg_temp.error_of('DROP EXTENSION schooltime');
SELECT (SELECT count(*) FROM model.sessions) AS sessions, (SELECT count(*) FROM model.duties) AS duties,
       (SELECT count(*) FROM model.class_groups) AS groups,
       (SELECT count(*) FROM pg_extension WHERE extname = 'schooltime') AS extension_still_there;
-- and the triggers still enforce
INSERT INTO model.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'primaria', slot('Mon 08:00-09:00'), 'Música');

-- a teacher's rows are indexed by teacher and year, under 0.2's names, and
-- bringing the model up to date again builds no index
CREATE TEMPORARY TABLE teacher_indexes AS
SELECT indexrelid::regclass::text AS index, indexrelid AS oid FROM pg_index
WHERE indrelid IN ('model.sessions'::regclass, 'model.duties'::regclass) AND indexrelid::regclass::text LIKE '%teacher%';
SET client_min_messages = warning;
SELECT upgrade_model('model');
RESET client_min_messages;
SELECT t.index, i.indexrelid = t.oid AS same_index, pg_get_indexdef(i.indexrelid) AS definition
FROM teacher_indexes AS t JOIN pg_index AS i ON i.indexrelid::regclass::text = t.index ORDER BY 1;
SELECT count(*) AS teacher_indexes FROM pg_index
WHERE indrelid IN ('model.sessions'::regclass, 'model.duties'::regclass) AND indexrelid::regclass::text LIKE '%teacher%';

-- the model goes only when its owner drops it; then the extension can go,
-- and come back
SET client_min_messages = warning;
DROP SCHEMA model CASCADE;
RESET client_min_messages;
DROP EXTENSION schooltime;
CREATE EXTENSION schooltime;
SELECT count(*) AS rules FROM schooltime.rules;
