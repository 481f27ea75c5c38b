-- Each model part says what it creates in a model: its tables, and the
-- columns it adds to tables of earlier parts ('sessions.lesson_id').  A
-- model lacking any of them is behind this version of schooltime
-- (schooltime.model_behind(), 99-upgrade-notice.sql), and a new part says
-- so in its own row instead of in that function.
ALTER TABLE schooltime.model_parts ADD COLUMN creates text[] NOT NULL DEFAULT '{}';
COMMENT ON COLUMN schooltime.model_parts.creates IS
'what the part creates in a model: its tables (''lessons''), and the columns it adds to tables of earlier parts (''sessions.lesson_id''); a model that lacks one is behind (schooltime.model_behind())';
UPDATE schooltime.model_parts SET creates = c.creates
FROM (VALUES
    ('core', '{centres,class_groups,teachers,sessions,duties}'::text[]),
    ('authorisations', '{authorisations}'),
    ('calendar', '{course_dates,free_days,local_holidays,dated_activities}'),
    ('outings', '{outings,outing_groups,outing_escorts,outing_pupils,adapted_escort_ratios}'),
    ('reports', '{session_subject_areas,optional_subject_groups,pupil_attendance}'),
    ('slot_parts', '{sessions.slot_day,sessions.slot_start,sessions.slot_end,duties.slot_day,duties.slot_start,duties.slot_end}')
) AS c (name, creates)
WHERE model_parts.name = c.name;
