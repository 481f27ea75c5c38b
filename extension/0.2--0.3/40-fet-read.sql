-- Reading FET files (issue 13).  FET (https://lalescu.ro/liviu/fet/) is the
-- free timetabler many schools use; schooltime.fet_read() reads the text of
-- a .fet file, and of the *_activities.xml result fet-cl writes beside it,
-- into jsonb: the import and the validation (parts 41-44) work from it.
-- The reader is C (src/import/), fuzzed like the weektime parser.

CREATE FUNCTION schooltime.fet_read(fet text, activities text DEFAULT NULL)
RETURNS jsonb
    AS 'MODULE_PATHNAME', 'fet_read_json'
    LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.fet_read(text, text) IS
'reads the text of a FET file (the .fet FET saves, or the *_data_and_timetable.fet fet-cl writes) and, if given, the *_activities.xml result beside it, into jsonb: version, days, hours, subjects, teachers, years with their groups and subgroups, and every activity with its teachers, subject, students sets and where it is placed; refuses with the line what is not XML (22P02), not FET (22P02), does not hold together (22P02), comes from an unknown FET version (22023), or is larger than 64 MB (54000)';
