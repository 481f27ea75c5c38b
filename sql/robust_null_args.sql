-- Every public function of schema schooltime, called with NULLs: all its
-- arguments NULL, and each argument NULL in turn with ordinary values for
-- the others (a real model's name, a real group, a real slot...).  Each
-- call must return a result or raise an error that is not an internal one
-- (SQLSTATE class XX, which is what elog(ERROR) and failed assertions give)
-- and must not crash the server.  The calls are generated from pg_proc, so
-- that a function added later is covered without editing this file; only
-- the calls that misbehave are listed.  Functions of internal arguments,
-- which SQL cannot call, and trigger functions are left out.
SET search_path = schooltime, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql
SELECT create_model('robust_null');
INSERT INTO robust_null.centres (id, code, name, territory, municipality)
VALUES (1, '08000801', 'Institut de proves', 'Barcelona', 'Barcelona');
INSERT INTO robust_null.class_groups (centre_id, id, name, school_year, regime, level, pupils)
VALUES (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28);
INSERT INTO robust_null.teachers (id, name, centre_id) VALUES (1, 'Marta Puig', 1);
INSERT INTO robust_null.sessions (centre_id, id, group_id, school_year, regime, slot, subject, teacher_id)
VALUES (1, 1, 1, '2018-2019', 'eso', slot('Mon 08:00-10:00'), 'Matemàtiques', 1);

-- an ordinary value of each argument type, as SQL text
CREATE FUNCTION pg_temp.sample(t regtype) RETURNS text LANGUAGE sql AS $$
    SELECT CASE t
        WHEN 'bigint'::regtype THEN '1::bigint'
        WHEN 'integer'::regtype THEN '1'
        WHEN 'numeric'::regtype THEN '1::numeric'
        WHEN 'boolean'::regtype THEN 'true'
        WHEN 'date'::regtype THEN '''2019-03-12''::date'
        WHEN 'time'::regtype THEN '''08:00''::time'
        WHEN 'text'::regtype THEN '''eso''::text'
        WHEN 'text[]'::regtype THEN '''{eso}''::text[]'
        WHEN 'cstring'::regtype THEN '''Mon 08:00''::cstring'
        WHEN 'name'::regtype THEN '''robust_null''::name'
        WHEN 'regclass'::regtype THEN '''robust_null.sessions''::regclass'
        WHEN 'jsonb'::regtype THEN '''[{"regime": "eso", "level": 1, "pupils": 30}]''::jsonb'
        WHEN 'schooltime.regime'::regtype THEN '''eso''::schooltime.regime'
        WHEN 'schooltime.school_year'::regtype THEN '''2018-2019''::schooltime.school_year'
        WHEN 'schooltime.weektime'::regtype THEN '''Mon 08:00''::schooltime.weektime'
        WHEN 'schooltime.weekslot'::regtype THEN 'schooltime.slot(''Mon 08:00-09:00'')'
        WHEN 'schooltime.weektimerange'::regtype THEN '''[Mon 08:00,Mon 09:00)''::schooltime.weektimerange'
        WHEN 'schooltime.weektimerange[]'::regtype THEN 'ARRAY[''[Mon 08:00,Mon 09:00)''::schooltime.weektimerange]'
        ELSE format('NULL::%s', t)
    END
$$;

CREATE TEMPORARY TABLE null_calls (function regprocedure, call text, code text, message text);
DO $$
DECLARE
    f record;
    i integer;
    args text[];
    call text;
    outcome record;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure AS fn, p.oid, p.proargtypes::regtype[] AS types, p.pronargs,
               p.provariadic <> 0 AS variadic
        FROM pg_proc AS p
        WHERE p.pronamespace = 'schooltime'::regnamespace AND p.prokind = 'f'
          AND p.prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype)
          AND NOT 'internal'::regtype = ANY (p.proargtypes::regtype[])
          AND p.pronargs > 0
        ORDER BY 1
    LOOP
        -- i = 0: every argument NULL; i = k: argument k NULL, the others ordinary
        FOR i IN 0 .. CASE WHEN f.pronargs > 1 THEN f.pronargs ELSE 0 END LOOP
            -- (an oidvector's subscripts start at 0)
            SELECT array_agg(CASE WHEN i = 0 OR k = i THEN format('NULL::%s', f.types[k - 1])
                                  ELSE pg_temp.sample(f.types[k - 1]) END ORDER BY k)
              INTO args
              FROM generate_series(1, f.pronargs) AS k;
            IF f.variadic THEN
                args[f.pronargs] := 'VARIADIC ' || args[f.pronargs];
            END IF;
            call := format('SELECT %s.%I(%s)', 'schooltime', (SELECT proname FROM pg_proc WHERE oid = f.oid),
                           array_to_string(args, ', '));
            SELECT * INTO outcome FROM pg_temp.outcome_of(call);
            INSERT INTO null_calls VALUES (f.fn, call, outcome.code, outcome.message);
        END LOOP;
    END LOOP;
END
$$;
-- the calls made (the number grows with the extension; it is at least this)
SELECT count(DISTINCT function) >= 90 AS functions_called, count(*) >= 200 AS calls_made FROM null_calls;
-- how they ended: a result, or an ordinary error; never "no such function",
-- which would mean the generated call is wrong and the test vacuous
SELECT count(*) FILTER (WHERE code = 'ok') > 50 AS some_returned,
       count(*) FILTER (WHERE code <> 'ok') > 10 AS some_refused,
       count(*) FILTER (WHERE code = '42883') AS calls_not_found
FROM null_calls;
-- the calls that misbehave: none
SELECT function, call, code, message FROM null_calls WHERE code LIKE 'XX%' ORDER BY 1, 2;
-- the server is still there, and the model untouched
SELECT count(*) AS sessions FROM robust_null.sessions;

SET client_min_messages = warning;
DROP SCHEMA robust_null CASCADE;
RESET client_min_messages;
