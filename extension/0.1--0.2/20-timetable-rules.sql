-- The triggers that enforce the timetable rules on a model's sessions.

CREATE FUNCTION schooltime.model_part_timetable_rules(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $part$
BEGIN
    -- (re)attached so that a model from 0.1 gains the authorisations argument
    PERFORM schooltime.model_replace_trigger(format('%I.sessions', schema_name)::regclass, 'schooltime_row_rules',
        format('CREATE TRIGGER schooltime_row_rules BEFORE INSERT OR UPDATE ON %1$I.sessions '
               'FOR EACH ROW EXECUTE FUNCTION schooltime.session_row_rules(%2$L)',
               schema_name, format('authorisations=%I.authorisations', schema_name)));
END
$part$;
COMMENT ON FUNCTION schooltime.model_part_timetable_rules(name) IS
'model part "timetable_rules": the triggers that check every write of sessions and duties';
INSERT INTO schooltime.model_parts VALUES
    ('timetable_rules', 20, 'schooltime.model_part_timetable_rules(name)', 'the triggers that check every write of sessions and duties');

COMMENT ON FUNCTION schooltime.session_row_rules() IS
'BEFORE INSERT OR UPDATE ... FOR EACH ROW trigger on a table of weekly sessions: enforces weekday, window and session_length from the catalogue. Reads the columns slot, regime, school_year and, if present, kind, group_id, centre_id and id; arguments ''key=column'' name other columns (keys: slot, regime, school_year, kind, group, group_label, centre, id), and ''authorisations=schema.table'' names the table of authorised exceptions it honours.';
