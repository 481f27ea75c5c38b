-- The domain's enumerations and the school-year domain.

CREATE TYPE schooltime.regime AS ENUM (
    'infantil',             -- segon cicle d'educació infantil (P3-P5)
    'primaria',             -- educació primària
    'eso',                  -- ESO, règim diürn
    'batxillerat',          -- batxillerat diürn (also batxillerat d'arts)
    'batxillerat_night',    -- batxillerat, règim nocturn
    'fp',                   -- cicles formatius de formació professional
    'adults',               -- educació d'adults
    'eoi_ordinary',         -- escola oficial d'idiomes, règim ordinari
    'eoi_intensive',        -- EOI, règim intensiu
    'eoi_blended',          -- EOI, règim semipresencial
    'arts',                 -- cicles d'arts plàstiques i disseny
    'sports'                -- ensenyaments esportius
);
COMMENT ON TYPE schooltime.regime IS
'Teaching and regime of a class group; each has its own figures in schooltime.timetable_limits (see schooltime.regimes for names in English and Catalan).';

CREATE TYPE schooltime.session_kind AS ENUM (
    'lesson',               -- a class
    'tutorial',             -- group tutorial hour, part of the pupils'' timetable
    'research_work',        -- batxillerat research work: not counted in the 30 weekly hours
    'outdoor_practice',     -- sports cycles: practice in the natural environment
    'recess'                -- an explicit recess entry: a gap for the group
);
COMMENT ON TYPE schooltime.session_kind IS
'What a weekly session of a group is: a class (lesson, tutorial, research_work, outdoor_practice) or an explicit recess.';

CREATE TYPE schooltime.duty_kind AS ENUM (
    'guard',                -- guàrdia during a class period
    'recess_guard',         -- guàrdia d''esbarjo
    'directive',            -- presence of a member of the directive team
    'coordination',         -- coordination, department meetings
    'tutoring',             -- attention to pupils and families
    'other'                 -- any other fixed duty of the teacher''s schedule
);
COMMENT ON TYPE schooltime.duty_kind IS
'A fixed duty of a teacher''s week other than teaching a group.';

CREATE TYPE schooltime.teacher_role AS ENUM (
    'teacher',
    'director',
    'head_of_studies',      -- cap d''estudis
    'secretary',
    'pedagogical_coordinator',
    'coordinator'           -- òrgan unipersonal de coordinació: may stand in for the directive team (5.2)
);
COMMENT ON TYPE schooltime.teacher_role IS
'A teacher''s role in the centre; director, head_of_studies, secretary and pedagogical_coordinator form the directive team.';

CREATE TYPE schooltime.approval_state AS ENUM ('draft', 'provisional', 'definitive');
COMMENT ON TYPE schooltime.approval_state IS
'Approval of a group''s timetable (section 5.3): draft, provisional (approved by the director), definitive (in the annual programme).';

CREATE TYPE schooltime.ownership AS ENUM ('public', 'private_subsidised', 'private');
COMMENT ON TYPE schooltime.ownership IS
'Who runs a centre; several rules (free afternoons, splits, escort ratios) bind public centres only.';

CREATE TYPE schooltime.severity AS ENUM ('error', 'warning');
COMMENT ON TYPE schooltime.severity IS
'error: a write that breaks the rule is refused; warning: reported by the compliance checks, never blocks a write.';

CREATE TYPE schooltime.check_stage AS ENUM ('on_write', 'at_approval', 'at_commit', 'report');
COMMENT ON TYPE schooltime.check_stage IS
'When a rule is enforced: on every write, when a timetable leaves draft, at the commit of an outing, or only in reports.';

CREATE TYPE schooltime.catalogue_origin AS ENUM ('shipped', 'local');
COMMENT ON TYPE schooltime.catalogue_origin IS
'Where a catalogue row comes from: shipped with the extension, or inserted or edited by the department (local rows are what pg_dump saves).';

CREATE DOMAIN schooltime.school_year AS text
    CONSTRAINT school_year_format CHECK (
        VALUE ~ '^[0-9]{4}-[0-9]{4}$'
        AND substr(VALUE, 6, 4)::integer = substr(VALUE, 1, 4)::integer + 1);
COMMENT ON DOMAIN schooltime.school_year IS
'A school year written as in the orders: ''2018-2019'' (1 September to 31 August).';
