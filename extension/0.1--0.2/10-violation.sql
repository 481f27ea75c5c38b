-- One shape for every violation any rule reports, so that the compliance
-- report (schooltime.check) can gather the findings of every rule family:
-- each family provides a set-returning function of schooltime.violation,
-- the same code its triggers use to refuse a write.

CREATE TYPE schooltime.violation AS (
    rule              text,                   -- code in schooltime.rules
    severity          schooltime.severity,
    sections          text,                   -- 'section 2.2.1', as in error details
    centre_id         bigint,
    subject           text,                   -- group, teacher, centre, outing or pupil
    subject_id        bigint,
    subject_name      text,                   -- '1r ESO A'
    weekday           integer,                -- ISO weekday the violation is on, or NULL
    day               date,                   -- calendar date it is on, or NULL
    slot              schooltime.weektimerange, -- the stretch of the week concerned, or NULL
    measured          numeric,                -- the figure found (181)
    limit_value       numeric,                -- the limit it breaks (180)
    unit              text,                   -- 'minutes', 'pupils', 'days'...
    message           text,                   -- the error message a write would get
    detail            text,
    hint              text,
    authorisation_id  bigint                  -- the authorisation that sets it aside, or NULL
);
COMMENT ON TYPE schooltime.violation IS
'One violation of one rule: the rule, its severity and sections, the centre and the subject (group, teacher, centre, outing or pupil), the day, the stretch of the week, the figure found against the limit, the sentence a refused write would get, and the authorisation that sets it aside if there is one.';
