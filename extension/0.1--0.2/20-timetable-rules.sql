-- The triggers that enforce the timetable rules on a model's sessions and
-- duties: the per-row rules before each row, the set rules once per
-- statement over the groups and teachers the statement touched.

CREATE FUNCTION schooltime.timetable_set_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'timetable_set_rules' LANGUAGE C;
COMMENT ON FUNCTION schooltime.timetable_set_rules() IS
'AFTER INSERT, UPDATE or DELETE ... FOR EACH STATEMENT trigger, with transition tables (the model names them schooltime_new and schooltime_old), on a model''s sessions (argument table=sessions) or duties (table=duties): enforces group_overlap, continuous and daily_max for every group, and teacher_overlap, teacher_midday and teacher_week for every teacher the statement touched, reading the model named by the argument model=SCHEMA; for groups and centres whose timetable is approved it also runs the approval rules, so that an approved timetable stays compliant';

CREATE FUNCTION schooltime.timetable_approval() RETURNS trigger
    AS 'MODULE_PATHNAME', 'timetable_approval' LANGUAGE C;
COMMENT ON FUNCTION schooltime.timetable_approval() IS
'AFTER INSERT OR UPDATE OF approval ... FOR EACH ROW trigger on a model''s class_groups: a timetable leaves draft (or becomes definitive) only if the group breaks no rule (weekly_hours, free_afternoons, fp_single_shift, primary_day, eoi_course_hours and the write-time group rules) and its centre none (guard_coverage, directive_presence); the error names every rule broken. Argument: model=SCHEMA';

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
    PERFORM schooltime.model_replace_trigger(format('%I.%I', schema_name, t.table_name)::regclass, t.trigger_name,
        format('CREATE TRIGGER %3$I AFTER %4$s ON %1$I.%2$I REFERENCING %5$s '
               'FOR EACH STATEMENT EXECUTE FUNCTION schooltime.timetable_set_rules(%6$L, %7$L)',
               schema_name, t.table_name, t.trigger_name, t.event, t.tables,
               format('model=%s', schema_name), format('table=%s', t.table_name)))
    FROM (VALUES
        ('sessions', 'schooltime_set_rules_insert', 'INSERT', 'NEW TABLE AS schooltime_new'),
        ('sessions', 'schooltime_set_rules_update', 'UPDATE', 'OLD TABLE AS schooltime_old NEW TABLE AS schooltime_new'),
        ('sessions', 'schooltime_set_rules_delete', 'DELETE', 'OLD TABLE AS schooltime_old'),
        ('duties', 'schooltime_set_rules_insert', 'INSERT', 'NEW TABLE AS schooltime_new'),
        ('duties', 'schooltime_set_rules_update', 'UPDATE', 'OLD TABLE AS schooltime_old NEW TABLE AS schooltime_new'),
        ('duties', 'schooltime_set_rules_delete', 'DELETE', 'OLD TABLE AS schooltime_old')
    ) AS t (table_name, trigger_name, event, tables);
    PERFORM schooltime.model_replace_trigger(format('%I.class_groups', schema_name)::regclass, 'schooltime_approval',
        format('CREATE TRIGGER schooltime_approval AFTER INSERT OR UPDATE OF approval ON %1$I.class_groups '
               'FOR EACH ROW EXECUTE FUNCTION schooltime.timetable_approval(%2$L)',
               schema_name, format('model=%s', schema_name)));
END
$part$;
COMMENT ON FUNCTION schooltime.model_part_timetable_rules(name) IS
'model part "timetable_rules": the triggers that check every write of sessions and duties';
INSERT INTO schooltime.model_parts VALUES
    ('timetable_rules', 20, 'schooltime.model_part_timetable_rules(name)', 'the triggers that check every write of sessions and duties');

COMMENT ON FUNCTION schooltime.session_row_rules() IS
'BEFORE INSERT OR UPDATE ... FOR EACH ROW trigger on a table of weekly sessions: enforces weekday, window and session_length from the catalogue. Reads the columns slot, regime, school_year and, if present, kind, group_id, centre_id and id; arguments ''key=column'' name other columns (keys: slot, regime, school_year, kind, group, group_label, centre, id), and ''authorisations=schema.table'' names the table of authorised exceptions it honours.';
