-- The pupils a group's finding is about, as data: the week documents mark
-- only the cells of the parts a finding names, and must not read that from
-- the message, whose words change with the reader's language.
CREATE FUNCTION schooltime.timetable_violation_parts(model name, centre_id bigint DEFAULT NULL, group_id bigint DEFAULT NULL)
RETURNS TABLE (finding schooltime.violation, parts jsonb)
    AS 'MODULE_PATHNAME', 'timetable_violations' LANGUAGE C STABLE;
COMMENT ON FUNCTION schooltime.timetable_violation_parts(name, bigint, bigint) IS
'the rows of schooltime.timetable_violations() (the first source of check()), each with the parts of its group it is about: jsonb [{"split": ..., "part": ...}], the halves as split "" and part "1" or "2", one part of each split the finding depends on; NULL when it is about the whole group, or is not a group''s';
