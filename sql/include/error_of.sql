\set ECHO none
-- Included by regression tests (\i sql/include/error_of.sql).
--
-- pg_temp.error_of(sql) runs a statement and returns the error it raises,
-- field by field, so that expected outputs show every error's SQLSTATE,
-- constraint and exact text; 'ok' with NULLs when it succeeds.
-- pg_temp.outcome_of(sql) does the same and then undoes the statement, so
-- that boundary cases do not pile up in the tables they test.
CREATE FUNCTION pg_temp.error_of(statement text)
RETURNS TABLE (code text, constraint_name text, table_name text, message text, detail text, hint text)
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    RETURN QUERY SELECT 'ok'::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, constraint_name = CONSTRAINT_NAME,
        table_name = TABLE_NAME, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    constraint_name := nullif(constraint_name, '');
    table_name := nullif(table_name, '');
    detail := nullif(detail, '');
    hint := nullif(hint, '');
    RETURN NEXT;
END
$$;
CREATE FUNCTION pg_temp.outcome_of(statement text)
RETURNS TABLE (code text, constraint_name text, table_name text, message text, detail text, hint text)
LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        EXECUTE statement;
        RAISE EXCEPTION USING ERRCODE = 'UNDO0';
    EXCEPTION WHEN SQLSTATE 'UNDO0' THEN
        RETURN QUERY SELECT 'ok'::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text;
        RETURN;
    END;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, constraint_name = CONSTRAINT_NAME,
        table_name = TABLE_NAME, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    constraint_name := nullif(constraint_name, '');
    table_name := nullif(table_name, '');
    detail := nullif(detail, '');
    hint := nullif(hint, '');
    RETURN NEXT;
END
$$;
\set ECHO all
