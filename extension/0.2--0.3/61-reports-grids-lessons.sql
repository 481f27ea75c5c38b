-- A week, readable, with lessons, blocks and parts (issue 12): a group's
-- week shows each lesson it attends once, a block as one cell with its
-- options (each option's subject, part and teacher), parallel parts side
-- by side with their part names, a co-taught lesson with all its teachers
-- and a joint lesson naming its other groups; a teacher's week shows a
-- joint lesson once, naming its groups.  A violation that names a part
-- marks the cells of that part's pupils only, and an overlap marks the
-- cells that clash, not the parallel parts beside them.

CREATE OR REPLACE FUNCTION schooltime.grid_word(word text, language text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN language = 'ca' THEN w.ca ELSE w.en END
    FROM (VALUES
        ('time', 'time', 'hora'),
        ('recess', 'recess', 'esbarjo'),
        ('half', 'half', 'meitat'),
        ('part', 'part', 'part'),
        ('parts', 'parts', 'parts'),
        ('halves', 'halves', 'meitats'),
        ('with', 'with', 'amb'),
        ('week', 'whole week', 'tota la setmana'),
        ('authorised', 'authorised', 'autoritzat'),
        ('authorised_by', 'Authorised by', 'Autoritzat per'),
        ('on', 'on', 'el'),
        ('error', 'error', 'error'),
        ('warning', 'warning', 'avís'),
        ('violations', 'Violations', 'Incompliments'),
        ('none', 'No violations.', 'Cap incompliment.'),
        ('guard', 'guard', 'guàrdia'),
        ('recess_guard', 'recess guard', 'guàrdia d''esbarjo'),
        ('directive', 'directive team', 'equip directiu'),
        ('coordination', 'coordination', 'coordinació'),
        ('tutoring', 'tutoring', 'tutoria'),
        ('other', 'duty', 'altres tasques'),
        ('week_of', 'Week of', 'Horari de')
    ) AS w (word, en, ca)
    WHERE w.word = grid_word.word
$$;

------------------------------------------------------------------------
-- Parts: which pupils an entry of a week is for, and which a finding names

-- Parts are written as jsonb arrays of {"split": ..., "part": ...}; the
-- halves are split "" with parts "1" and "2" (a named split is never blank).

CREATE FUNCTION schooltime.parts_clash(a_whole boolean, a_parts jsonb, b_whole boolean, b_parts jsonb)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a_whole OR b_whole
        OR EXISTS (SELECT FROM jsonb_to_recordset(a_parts) AS a (split text, part text),
                               jsonb_to_recordset(b_parts) AS b (split text, part text)
                   WHERE a.split <> b.split OR a.part = b.part)
$$;
COMMENT ON FUNCTION schooltime.parts_clash(boolean, jsonb, boolean, jsonb) IS
'internal: whether some pupil is in both of two entries of a group''s week, each the whole group or some parts (jsonb [{split, part}], halves as split ""): the whole group is in every entry, and a pupil is in one part of each split, so two parts of one split share no pupil and parts of two splits do';

CREATE FUNCTION schooltime.parts_concern(entry_parts jsonb, named jsonb)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT FROM jsonb_to_recordset(entry_parts) AS e (split text, part text)
                   WHERE NOT EXISTS (SELECT FROM jsonb_to_recordset(named) AS n (split text, part text) WHERE n.split = e.split)
                      OR EXISTS (SELECT FROM jsonb_to_recordset(named) AS n (split text, part text)
                                 WHERE n.split = e.split AND n.part = e.part))
$$;
COMMENT ON FUNCTION schooltime.parts_concern(jsonb, jsonb) IS
'internal: whether an entry of some parts of a group (jsonb [{split, part}]) holds pupils a finding naming parts (the same shape) is about: a part of a split the finding names only if it is the part named, a part of another split always';

CREATE FUNCTION schooltime.parts_words(halves smallint[], parts text[], language text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT nullif(concat_ws(', ',
               CASE WHEN cardinality(halves) = 1 THEN schooltime.grid_word('half', language) || ' ' || halves[1]
                    WHEN cardinality(halves) > 1 THEN schooltime.grid_word('halves', language) || ' ' || array_to_string(halves, ', ') END,
               CASE WHEN cardinality(parts) = 1 THEN schooltime.grid_word('part', language) || ' ' || parts[1]
                    WHEN cardinality(parts) > 1 THEN schooltime.grid_word('parts', language) || ' ' || array_to_string(parts, ', ') END), '')
$$;
COMMENT ON FUNCTION schooltime.parts_words(smallint[], text[], text) IS
'internal: the halves and parts of a group a lesson takes, as a week names them: ''half 1'', ''part Francès'', ''parts T1, T2'' (''meitat 1'', ''meitats 1, 2'' in Catalan); NULL for the whole group';

------------------------------------------------------------------------
-- What a week shows

CREATE OR REPLACE FUNCTION schooltime.week_layout(model name, centre_id bigint, group_id bigint, teacher_id bigint,
                                                  school_year schooltime.school_year, language text)
RETURNS jsonb
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $layout$
DECLARE
    lang text := schooltime.grid_language(language);
    is_group boolean := teacher_id IS NULL;
    title text;
    subtitle text;
    violations jsonb;
    entries jsonb;
    teacher_centre bigint;
    sessions text;
    lessons text;
BEGIN
    IF model IS NULL OR to_regclass(format('%I.authorisations', model)) IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = schooltime.format_message('schema %s holds no schooltime model', coalesce(quote_ident(model), 'NULL')),
            ERRCODE = 'undefined_table',
            HINT = schooltime.gettext('Name the schema create_model() was given.');
    END IF;
    sessions := schooltime.lesson_relation(model, 'sessions');
    lessons := schooltime.lesson_relation(model, 'lessons');
    IF is_group THEN
        IF centre_id IS NULL OR group_id IS NULL THEN
            RAISE EXCEPTION USING MESSAGE = schooltime.gettext('a group''s week needs the centre id and the group id'),
                ERRCODE = 'null_value_not_allowed';
        END IF;
        EXECUTE format('SELECT g.name, format(''%%s, %%s, %%s'', c.name, g.school_year, '
                       '       CASE WHEN $3 = ''ca'' THEN r.name_ca ELSE r.name_en END) '
                       'FROM %1$I.class_groups AS g JOIN %1$I.centres AS c ON c.id = g.centre_id '
                       'JOIN schooltime.regimes AS r ON r.regime = g.regime '
                       'WHERE g.centre_id = $1 AND g.id = $2', model)
            INTO title, subtitle USING centre_id, group_id, lang;
        IF title IS NULL THEN
            RAISE EXCEPTION USING MESSAGE = schooltime.format_message('group %s of centre %s does not exist in schema %s', group_id, centre_id, quote_ident(model)),
                ERRCODE = 'invalid_parameter_value';
        END IF;
    ELSE
        IF school_year IS NULL THEN
            RAISE EXCEPTION USING MESSAGE = schooltime.gettext('a teacher''s week needs the school year'),
                ERRCODE = 'null_value_not_allowed';
        END IF;
        EXECUTE format('SELECT t.name, coalesce(c.name || '', '', '''') || $2 '
                       'FROM %1$I.teachers AS t LEFT JOIN %1$I.centres AS c ON c.id = t.centre_id WHERE t.id = $1', model)
            INTO title, subtitle USING teacher_id, school_year::text;
        IF title IS NULL THEN
            RAISE EXCEPTION USING MESSAGE = schooltime.format_message('teacher %s does not exist in schema %s', teacher_id, quote_ident(model)),
                ERRCODE = 'invalid_parameter_value';
        END IF;
    END IF;

    -- a teacher's rules are checked with the first centre the teacher works
    -- at that year: check() of a centre covers the whole week of every
    -- teacher with a session or duty there
    IF NOT is_group THEN
        EXECUTE format('SELECT min(x.centre_id) FROM (SELECT s.centre_id FROM %1$I.sessions AS s WHERE s.teacher_id = $1 AND s.school_year = $2 '
                       'UNION ALL SELECT d.centre_id FROM %1$I.duties AS d WHERE d.teacher_id = $1 AND d.school_year = $2) AS x', model)
            INTO teacher_centre USING teacher_id, school_year;
    END IF;

    -- the violations of the group or the teacher, numbered, with the parts
    -- of the group a finding names (as data: its words are the reader's)
    violations := '[]';
    IF is_group OR teacher_centre IS NOT NULL THEN
        EXECUTE format($q$
            WITH named AS (
                SELECT t.finding, t.parts FROM schooltime.timetable_violation_parts($1, $2, $3) AS t
                WHERE $4 IS NULL AND t.parts IS NOT NULL
            )
            SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.mark), '[]')
            FROM (SELECT row_number() OVER (ORDER BY v.weekday NULLS FIRST, lower(v.slot) NULLS FIRST, v.rule, v.message) AS mark,
                         v.rule, v.severity::text AS severity, v.weekday AS day,
                         CASE WHEN v.weekday IS NOT NULL AND v.slot IS NOT NULL
                                   AND schooltime.weekday(lower(v.slot)) = v.weekday
                              THEN schooltime.minute_of_week(lower(v.slot)) - (v.weekday - 1) * 1440 END AS starts,
                         CASE WHEN v.weekday IS NOT NULL AND v.slot IS NOT NULL
                                   AND schooltime.weekday(lower(v.slot)) = v.weekday
                              THEN schooltime.minute_of_week(upper(v.slot)) - (v.weekday - 1) * 1440 END AS ends,
                         v.slot::text AS slot, v.measured, v.limit_value, v.unit, v.message, v.detail, v.hint,
                         v.authorisation_id, a.authorised_by, a.authorised_on, a.reason,
                         (SELECT n.parts FROM named AS n WHERE n.finding IS NOT DISTINCT FROM v LIMIT 1) AS parts
                  FROM schooltime.check($1, $2, $3) AS v
                  LEFT JOIN %1$I.authorisations AS a ON a.centre_id = v.centre_id AND a.id = v.authorisation_id
                  WHERE CASE WHEN $4 IS NULL THEN v.subject = 'group' AND v.centre_id = $2 AND v.subject_id = $3
                             ELSE v.subject = 'teacher' AND v.subject_id = $4 END) AS x
        $q$, model)
            INTO violations
            USING model, CASE WHEN is_group THEN centre_id ELSE teacher_centre END, CASE WHEN is_group THEN group_id END,
                  teacher_id;
    END IF;

    -- the entries of the week: a group's lessons (a block's at one time
    -- being one entry), or a teacher's lessons and duties; each with the
    -- marks of the violations it is part of
    EXECUTE format($q$
        WITH own AS (
            -- the rows of the group, or of the teacher; a session with no lesson is a lesson of its own
            SELECT s.centre_id, s.id, s.group_id, s.slot, s.kind, s.subject, s.teacher_id, s.lesson_id, s.split, s.part, s.split_half,
                   l.block, CASE WHEN s.lesson_id IS NULL THEN 's' || s.id ELSE 'l' || s.lesson_id END AS lesson_key
            FROM %2$s AS s
            LEFT JOIN %3$s AS l ON l.centre_id = s.centre_id AND l.id = s.lesson_id
            WHERE CASE WHEN $4 IS NULL THEN s.centre_id = $2 AND s.group_id = $3
                       ELSE s.teacher_id = $4 AND s.school_year = $6 END
        ), lesson_rows AS (
            -- every row of those lessons: their groups, parts and teachers
            SELECT o.centre_id, o.lesson_key, r.group_id, r.teacher_id, r.split, r.part, r.split_half
            FROM (SELECT DISTINCT own.centre_id, own.lesson_key, own.lesson_id FROM own WHERE own.lesson_id IS NOT NULL) AS o
            JOIN %2$s AS r ON r.centre_id = o.centre_id AND r.lesson_id = o.lesson_id
            UNION ALL
            SELECT own.centre_id, own.lesson_key, own.group_id, own.teacher_id, own.split, own.part, own.split_half
            FROM own WHERE own.lesson_id IS NULL
        ), attended AS (
            -- a lesson as the group (or the teacher) has it: what of the group
            -- it takes (a group's parts), its kind, subject and slot
            SELECT own.centre_id, own.lesson_key,
                   CASE WHEN $4 IS NULL AND min(own.block) IS NOT NULL
                        THEN 'b' || min(own.block) || (array_agg(own.slot))[1]::text ELSE own.centre_id || own.lesson_key END AS entry_key,
                   min(own.block) AS block, (array_agg(own.slot))[1]::schooltime.weekslot AS slot, (array_agg(own.kind::text ORDER BY own.id))[1] AS kind,
                   string_agg(DISTINCT own.subject, ' / ') AS subject,
                   bool_or(own.split IS NULL AND own.split_half IS NULL) AS whole, min(own.split_half) AS half,
                   coalesce(jsonb_agg(DISTINCT jsonb_build_object('split', CASE WHEN own.split_half IS NOT NULL THEN '' ELSE own.split END,
                                                                  'part', coalesce(own.split_half::text, own.part)))
                                FILTER (WHERE own.split IS NOT NULL OR own.split_half IS NOT NULL), '[]') AS parts
            FROM own
            GROUP BY own.centre_id, own.lesson_key
        ), described AS (
            SELECT a.*,
                   -- the teachers of the lesson, in name order
                   ARRAY(SELECT DISTINCT t.name FROM lesson_rows AS r JOIN %1$I.teachers AS t ON t.id = r.teacher_id
                         WHERE r.centre_id = a.centre_id AND r.lesson_key = a.lesson_key ORDER BY 1) AS teachers,
                   -- the teachers of the lesson besides the teacher whose week it is
                   ARRAY(SELECT DISTINCT t.name FROM lesson_rows AS r JOIN %1$I.teachers AS t ON t.id = r.teacher_id
                         WHERE r.centre_id = a.centre_id AND r.lesson_key = a.lesson_key AND r.teacher_id <> $4 ORDER BY 1) AS co_teachers,
                   -- the lesson's groups, each with the parts of it the lesson takes
                   (SELECT array_agg(x.name ORDER BY x.name, x.group_id) FROM (
                        SELECT g.id AS group_id, g.name FROM lesson_rows AS r JOIN %1$I.class_groups AS g ON g.centre_id = r.centre_id AND g.id = r.group_id
                        WHERE r.centre_id = a.centre_id AND r.lesson_key = a.lesson_key AND ($4 IS NOT NULL OR r.group_id <> $3)
                        GROUP BY g.id, g.name) AS x) AS groups,
                   (SELECT array_agg(x.qualifier ORDER BY x.name, x.group_id) FROM (
                        SELECT g.id AS group_id, g.name,
                               schooltime.parts_words(array_agg(DISTINCT r.split_half ORDER BY r.split_half) FILTER (WHERE r.split_half IS NOT NULL),
                                                      array_agg(DISTINCT r.part ORDER BY r.part) FILTER (WHERE r.part IS NOT NULL), $5) AS qualifier
                        FROM lesson_rows AS r JOIN %1$I.class_groups AS g ON g.centre_id = r.centre_id AND g.id = r.group_id
                        WHERE r.centre_id = a.centre_id AND r.lesson_key = a.lesson_key AND ($4 IS NOT NULL OR r.group_id <> $3)
                        GROUP BY g.id, g.name) AS x) AS group_qualifiers,
                   (SELECT schooltime.parts_words(array_agg(DISTINCT r.split_half ORDER BY r.split_half) FILTER (WHERE r.split_half IS NOT NULL),
                                                  array_agg(DISTINCT r.part ORDER BY r.part) FILTER (WHERE r.part IS NOT NULL), $5)
                    FROM lesson_rows AS r WHERE $4 IS NULL AND r.centre_id = a.centre_id AND r.lesson_key = a.lesson_key
                                            AND r.group_id = $3) AS qualifier
            FROM attended AS a
        ), labelled AS (
            SELECT d.*,
                   CASE WHEN d.kind = 'recess' THEN schooltime.grid_word('recess', $5) ELSE d.subject END
                   || CASE WHEN $4 IS NULL THEN
                           -- a group's lesson: its parts, its teachers if more than one or an option of a
                           -- block, and the other groups of a joint lesson
                           coalesce(' (' || nullif(concat_ws('; ', d.qualifier,
                                                             CASE WHEN d.block IS NOT NULL OR cardinality(d.teachers) > 1
                                                                  THEN nullif(array_to_string(d.teachers, ', '), '') END), '') || ')', '')
                           || CASE WHEN d.block IS NULL AND cardinality(d.groups) > 0
                                   THEN ', ' || schooltime.grid_word('with', $5) || ' ' || array_to_string(d.groups, ', ') ELSE '' END
                      WHEN (SELECT count(DISTINCT coalesce(q, '')) FROM unnest(d.group_qualifiers) AS q) = 1 THEN
                           -- a teacher's lesson whose groups it takes alike: the part once, then the groups
                           coalesce(' (' || d.group_qualifiers[1] || ')', '') || ', ' || array_to_string(d.groups, ', ')
                           || coalesce(', ' || schooltime.grid_word('with', $5) || ' ' || nullif(array_to_string(d.co_teachers, ', '), ''), '')
                      ELSE ', ' || (SELECT string_agg(x.name || coalesce(' (' || x.qualifier || ')', ''), ', ' ORDER BY x.n)
                                    FROM unnest(d.groups, d.group_qualifiers) WITH ORDINALITY AS x (name, qualifier, n))
                           || coalesce(', ' || schooltime.grid_word('with', $5) || ' ' || nullif(array_to_string(d.co_teachers, ', '), ''), '')
                      END AS label
            FROM described AS d
        ), items AS (
            SELECT l.entry_key, (array_agg(l.slot))[1]::schooltime.weekslot AS slot, min(l.kind) AS kind,
                   min(l.block) AS block,
                   CASE WHEN min(l.block) IS NULL THEN min(l.label)
                        ELSE min(l.block) || ': ' || string_agg(l.label, '; ' ORDER BY l.label) END AS label,
                   CASE WHEN min(l.block) IS NOT NULL THEN jsonb_agg(l.label ORDER BY l.label) END AS options,
                   bool_or(l.whole) AS whole, min(l.half) AS half,
                   (SELECT coalesce(jsonb_agg(DISTINCT p), '[]') FROM unnest(array_agg(l.parts)) AS x (ps), jsonb_array_elements(x.ps) AS p) AS parts
            FROM labelled AS l
            GROUP BY l.entry_key
            UNION ALL
            SELECT 'd' || d.centre_id || '.' || d.id, d.slot, 'duty', NULL,
                   schooltime.grid_word(d.kind::text, $5) || coalesce(': ' || d.description, ''), NULL, true, NULL, '[]'
            FROM %1$I.duties AS d
            WHERE $4 IS NOT NULL AND d.teacher_id = $4 AND d.school_year = $6
        )
        SELECT coalesce(jsonb_agg(to_jsonb(e) - 'entry_key' - 'sort' ORDER BY e.day, e.starts, e.sort, e.ends, e.label), '[]')
        FROM (SELECT i.entry_key, schooltime.weekday(i.slot) AS day,
                     schooltime.minute_of_week(lower(i.slot)) - (schooltime.weekday(i.slot) - 1) * 1440 AS starts,
                     schooltime.minute_of_week(upper(i.slot)) - (schooltime.weekday(i.slot) - 1) * 1440 AS ends,
                     i.kind, i.label, i.block, i.options, i.whole, i.parts,
                     -- the whole group first, then the halves, then other parts
                     CASE WHEN i.whole THEN 0 WHEN i.half IS NOT NULL THEN i.half ELSE 3 END AS sort,
                     (SELECT coalesce(array_agg(v.mark ORDER BY v.mark), '{}')
                      FROM jsonb_to_recordset($1) AS v (mark integer, rule text, day integer, slot schooltime.weektimerange, parts jsonb)
                      WHERE v.day = schooltime.weekday(i.slot)
                        AND (v.slot IS NULL OR v.slot OPERATOR(pg_catalog.&&) i.slot::schooltime.weektimerange)
                        -- a finding that names parts is about their pupils only
                        AND (v.parts IS NULL OR i.whole OR schooltime.parts_concern(i.parts, v.parts))
                        -- an overlap is of the entries that share pupils in its stretch
                        AND ($4 IS NOT NULL OR v.rule <> 'group_overlap' OR v.slot IS NULL
                             OR EXISTS (SELECT FROM items AS f
                                        WHERE f.entry_key <> i.entry_key
                                          AND (f.slot::schooltime.weektimerange OPERATOR(pg_catalog.*) i.slot::schooltime.weektimerange)
                                              OPERATOR(pg_catalog.&&) v.slot
                                          AND schooltime.parts_clash(i.whole, i.parts, f.whole, f.parts)))) AS marks
              FROM items AS i) AS e
    $q$, model, sessions, lessons)
        INTO entries
        USING violations, centre_id, group_id, teacher_id, lang, school_year;

    RETURN jsonb_build_object('title', title, 'subtitle', subtitle, 'language', lang,
                              'entries', entries, 'violations', violations);
END
$layout$;
COMMENT ON FUNCTION schooltime.week_layout(name, bigint, bigint, bigint, schooltime.school_year, text) IS
'internal: what a group''s week (teacher_id NULL) or a teacher''s week in a school year shows, as jsonb: title, subtitle, the entries (each lesson the group or teacher has once, a group''s block at one time as one entry with its options, and a teacher''s duties: day, start and end minute of the day, kind, label, the block and its options, the parts of the group it is for, and the marks of the violations it is part of) and the numbered violations of schooltime.check() with their authorisation (who, when, why) and the parts of the group they name';

-- The SVG of a week with lessons, blocks and parts is drawn by part 63
-- (63-reports-documents-look.sql), which redefines week_svg_of().

------------------------------------------------------------------------
-- What the public functions now show

COMMENT ON FUNCTION schooltime.week_grid(name, bigint, bigint, text) IS
'a group''s week as rows to read in psql: first a header row (''time'' and the weekday names, in English or, with language ''ca'', Catalan), then a row per time band with a column per weekday, Monday to Friday, each cell the lessons the group attends then, each once: its subject, the half or part of the group it takes, its teachers when it has more than one, and the other groups of a joint lesson (recess as such); a block as one entry, its name and its options (subject, part and teacher); "!n" on those involved in violation n of schooltime.check(), a violation that names a part marking that part''s lessons only; then a legend row per violation: its mark, rule, severity (or "authorised"), where in the week and its figure against the limit';
COMMENT ON FUNCTION schooltime.teacher_week_grid(name, bigint, schooltime.school_year, text) IS
'a teacher''s week in a school year as rows to read in psql, laid out as schooltime.week_grid(): each cell the lessons (each once, a joint lesson naming all its groups and the parts it takes of them, and its other teachers) and duties held then, "!n" on those involved in violation n of the teacher''s rules, and a legend row per violation';
COMMENT ON FUNCTION schooltime.week_svg(name, bigint, bigint, text) IS
'a group''s week as a standalone SVG document (UTF-8) a browser shows: a column per weekday, Monday to Friday, each lesson drawn at its time as schooltime.week_grid() names it (parallel halves and parts side by side, a block with its options a line each), the stretches of the week a violation of schooltime.check() concerns shaded and lessons involved outlined and marked "!n", and a legend naming every violation with its rule, severity, place in the week and message (and, if authorised, who authorised it, when and why)';
COMMENT ON FUNCTION schooltime.teacher_week_svg(name, bigint, schooltime.school_year, text) IS
'a teacher''s week in a school year as a standalone SVG document, drawn as schooltime.week_svg(): lessons (a joint lesson once, with its groups) and duties, the teacher''s violations marked and listed';
COMMENT ON FUNCTION schooltime.week_html(name, bigint, bigint, text) IS
'a group''s week as a standalone HTML document (well-formed XHTML, UTF-8): the grid of schooltime.week_grid() as a table, cells of lessons involved in a violation shaded and linked to it, then the list of every violation of schooltime.check() with its rule, severity, place in the week, figures, message, detail and hint, and, if authorised, who authorised it, when and why';
COMMENT ON FUNCTION schooltime.teacher_week_html(name, bigint, schooltime.school_year, text) IS
'a teacher''s week in a school year as a standalone HTML document, laid out as schooltime.week_html(): a joint lesson once, with its groups';
