-- A group's or a teacher's week, readable: as rows for psql (a time band,
-- then a column per weekday Monday to Friday), and as a standalone SVG or
-- HTML document.  Sessions and duties involved in a violation that
-- schooltime.check() finds are marked "!n", and every violation is listed
-- with its mark, authorised ones with who authorised them, when and why.
--
-- One function, week_layout(), gathers what a week shows into a jsonb
-- document; the grid, the SVG and the HTML only lay it out.

CREATE FUNCTION schooltime.grid_language(language text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $language$
BEGIN
    IF lower(language) IN ('en', 'ca') THEN
        RETURN lower(language);
    END IF;
    RAISE EXCEPTION 'unknown language "%" for a week grid', language
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'Write ''ca'' for Catalan or ''en'' for English.';
END
$language$;
COMMENT ON FUNCTION schooltime.grid_language(text) IS
'internal: ''ca'' or ''en'' (any case), the languages week grids are written in; invalid_parameter_value for any other';

CREATE FUNCTION schooltime.grid_word(word text, language text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN language = 'ca' THEN w.ca ELSE w.en END
    FROM (VALUES
        ('time', 'time', 'hora'),
        ('recess', 'recess', 'esbarjo'),
        ('half', 'half', 'meitat'),
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
COMMENT ON FUNCTION schooltime.grid_word(text, text) IS
'internal: a word of the week grids in English or Catalan';

CREATE FUNCTION schooltime.minute_text(minute_of_day integer)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT lpad((minute_of_day / 60)::text, 2, '0') || ':' || lpad((minute_of_day % 60)::text, 2, '0') $$;
COMMENT ON FUNCTION schooltime.minute_text(integer) IS
'internal: a minute of the day as ''08:30'' (1440 is ''24:00'')';

CREATE FUNCTION schooltime.xml_text(value text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT replace(replace(replace(replace(replace(value, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')
$$;
COMMENT ON FUNCTION schooltime.xml_text(text) IS
'internal: text escaped for XML and HTML content and attribute values';

------------------------------------------------------------------------
-- What a week shows

CREATE FUNCTION schooltime.week_layout(model name, centre_id bigint, group_id bigint, teacher_id bigint,
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
BEGIN
    IF model IS NULL OR to_regclass(format('%I.authorisations', model)) IS NULL THEN
        RAISE EXCEPTION 'schema % holds no schooltime model', coalesce(quote_ident(model), 'NULL')
            USING ERRCODE = 'undefined_table',
                  HINT = 'Name the schema create_model() was given.';
    END IF;
    IF is_group THEN
        IF centre_id IS NULL OR group_id IS NULL THEN
            RAISE EXCEPTION 'a group''s week needs the centre id and the group id'
                USING ERRCODE = 'null_value_not_allowed';
        END IF;
        EXECUTE format('SELECT g.name, format(''%%s, %%s, %%s'', c.name, g.school_year, '
                       '       CASE WHEN $3 = ''ca'' THEN r.name_ca ELSE r.name_en END) '
                       'FROM %1$I.class_groups AS g JOIN %1$I.centres AS c ON c.id = g.centre_id '
                       'JOIN schooltime.regimes AS r ON r.regime = g.regime '
                       'WHERE g.centre_id = $1 AND g.id = $2', model)
            INTO title, subtitle USING centre_id, group_id, lang;
        IF title IS NULL THEN
            RAISE EXCEPTION 'group % of centre % does not exist in schema %', group_id, centre_id, quote_ident(model)
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
    ELSE
        IF school_year IS NULL THEN
            RAISE EXCEPTION 'a teacher''s week needs the school year'
                USING ERRCODE = 'null_value_not_allowed';
        END IF;
        EXECUTE format('SELECT t.name, coalesce(c.name || '', '', '''') || $2 '
                       'FROM %1$I.teachers AS t LEFT JOIN %1$I.centres AS c ON c.id = t.centre_id WHERE t.id = $1', model)
            INTO title, subtitle USING teacher_id, school_year::text;
        IF title IS NULL THEN
            RAISE EXCEPTION 'teacher % does not exist in schema %', teacher_id, quote_ident(model)
                USING ERRCODE = 'invalid_parameter_value';
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

    -- the violations of the group or the teacher, numbered
    violations := '[]';
    IF is_group OR teacher_centre IS NOT NULL THEN
        EXECUTE format($q$
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
                         v.authorisation_id, a.authorised_by, a.authorised_on, a.reason
                  FROM schooltime.check($1, $2, $3) AS v
                  LEFT JOIN %1$I.authorisations AS a ON a.centre_id = v.centre_id AND a.id = v.authorisation_id
                  WHERE CASE WHEN $4 IS NULL THEN v.subject = 'group' AND v.centre_id = $2 AND v.subject_id = $3
                             ELSE v.subject = 'teacher' AND v.subject_id = $4 END) AS x
        $q$, model)
            INTO violations
            USING model, CASE WHEN is_group THEN centre_id ELSE teacher_centre END, CASE WHEN is_group THEN group_id END, teacher_id;
    END IF;

    -- the sessions (and a teacher's duties), each with the marks of the violations it is part of
    EXECUTE format($q$
        WITH items AS (
            SELECT s.slot, s.kind::text AS kind, s.split_half,
                   CASE WHEN s.kind = 'recess' THEN schooltime.grid_word('recess', $5) ELSE s.subject END
                   || CASE WHEN s.split_half IS NOT NULL
                           THEN format(' (%%s %%s)', schooltime.grid_word('half', $5), s.split_half) ELSE '' END
                   || CASE WHEN $4 IS NULL THEN '' ELSE ', ' || g.name END AS label
            FROM %1$I.sessions AS s
            JOIN %1$I.class_groups AS g ON g.centre_id = s.centre_id AND g.id = s.group_id
            WHERE CASE WHEN $4 IS NULL THEN s.centre_id = $2 AND s.group_id = $3
                       ELSE s.teacher_id = $4 AND s.school_year = $6 END
            UNION ALL
            SELECT d.slot, 'duty', NULL::smallint,
                   schooltime.grid_word(d.kind::text, $5) || coalesce(': ' || d.description, '')
            FROM %1$I.duties AS d
            WHERE $4 IS NOT NULL AND d.teacher_id = $4 AND d.school_year = $6
        )
        SELECT coalesce(jsonb_agg(to_jsonb(e) ORDER BY e.day, e.starts, e.split_half NULLS FIRST, e.ends, e.label), '[]')
        FROM (SELECT schooltime.weekday(i.slot) AS day,
                     schooltime.minute_of_week(lower(i.slot)) - (schooltime.weekday(i.slot) - 1) * 1440 AS starts,
                     schooltime.minute_of_week(upper(i.slot)) - (schooltime.weekday(i.slot) - 1) * 1440 AS ends,
                     i.kind, i.split_half, i.label,
                     (SELECT coalesce(array_agg(v.mark ORDER BY v.mark), '{}')
                      FROM jsonb_to_recordset($1) AS v (mark integer, day integer, slot schooltime.weektimerange)
                      WHERE v.day = schooltime.weekday(i.slot)
                        AND (v.slot IS NULL OR v.slot OPERATOR(pg_catalog.&&) i.slot::schooltime.weektimerange)) AS marks
              FROM items AS i) AS e
    $q$, model)
        INTO entries
        USING violations, centre_id, group_id, teacher_id, lang, school_year;

    RETURN jsonb_build_object('title', title, 'subtitle', subtitle, 'language', lang,
                              'entries', entries, 'violations', violations);
END
$layout$;
COMMENT ON FUNCTION schooltime.week_layout(name, bigint, bigint, bigint, schooltime.school_year, text) IS
'internal: what a group''s week (teacher_id NULL) or a teacher''s week in a school year shows, as jsonb: title, subtitle, the sessions and duties (day, start and end minute of the day, label, and the marks of the violations of their day whose stretch of the week they share) and the numbered violations of schooltime.check() with their authorisation (who, when, why)';

-- The time bands of a layout: the stretches between consecutive starts and
-- ends of its entries, Monday to Friday, with the entries each one holds.
CREATE FUNCTION schooltime.week_bands(layout jsonb)
RETURNS TABLE (band_start integer, band_end integer, day integer, ord integer, kind text, label text, marks integer[])
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH e AS (
        SELECT x.*, row_number() OVER () AS ord
        FROM jsonb_to_recordset(layout->'entries') AS x (day integer, starts integer, ends integer, kind text, label text, marks integer[])
        WHERE x.day BETWEEN 1 AND 5
    ), bounds AS (
        SELECT DISTINCT b.minute FROM e, LATERAL (VALUES (e.starts), (e.ends)) AS b (minute)
    ), bands AS (
        SELECT b.minute AS band_start, lead(b.minute) OVER (ORDER BY b.minute) AS band_end FROM bounds AS b
    )
    SELECT bands.band_start, bands.band_end, e.day, e.ord::integer, e.kind, e.label, e.marks
    FROM bands JOIN e ON e.starts < bands.band_end AND e.ends > bands.band_start
    ORDER BY bands.band_start, e.day, e.ord
$$;
COMMENT ON FUNCTION schooltime.week_bands(jsonb) IS
'internal: the time bands of a week layout (between consecutive starts and ends of its entries, Monday to Friday) and the entries each band holds';

CREATE FUNCTION schooltime.week_cell_text(label text, marks integer[])
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT label || coalesce(' ' || (SELECT string_agg('!' || m, '' ORDER BY m) FROM unnest(marks) AS m), '')
$$;
COMMENT ON FUNCTION schooltime.week_cell_text(text, integer[]) IS
'internal: an entry of a week grid with its marks, ''Matemàtiques !2''';

CREATE FUNCTION schooltime.week_where(day integer, starts integer, ends integer, language text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN day IS NULL THEN schooltime.grid_word('week', language)
                WHEN starts IS NULL THEN schooltime.weekday_name(day, language)
                ELSE schooltime.weekday_name(day, language) || ' ' || schooltime.minute_text(starts) || '-' || schooltime.minute_text(ends) END
$$;
COMMENT ON FUNCTION schooltime.week_where(integer, integer, integer, text) IS
'internal: where a violation lies in the week, ''Wednesday 08:00-11:01'', a day, or the whole week';

CREATE FUNCTION schooltime.week_figures(measured numeric, limit_value numeric, unit text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN measured IS NULL THEN NULL
                ELSE schooltime.number_text(measured) || ' / ' || coalesce(schooltime.number_text(limit_value), '-')
                     || coalesce(' ' || unit, '') END
$$;
COMMENT ON FUNCTION schooltime.week_figures(numeric, numeric, text) IS
'internal: a violation''s figure against its limit, ''181 / 180 minutes''';

------------------------------------------------------------------------
-- As rows, for psql

CREATE FUNCTION schooltime.week_grid_of(layout jsonb)
RETURNS TABLE (band text, mon text, tue text, wed text, thu text, fri text)
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $grid$
DECLARE
    lang text := layout->>'language';
    b record;
    v record;
BEGIN
    band := schooltime.grid_word('time', lang);
    mon := schooltime.weekday_name(1, lang);
    tue := schooltime.weekday_name(2, lang);
    wed := schooltime.weekday_name(3, lang);
    thu := schooltime.weekday_name(4, lang);
    fri := schooltime.weekday_name(5, lang);
    RETURN NEXT;
    FOR b IN
        SELECT w.band_start, w.band_end,
               string_agg(schooltime.week_cell_text(w.label, w.marks), ' / ' ORDER BY w.ord) FILTER (WHERE w.day = 1) AS d1,
               string_agg(schooltime.week_cell_text(w.label, w.marks), ' / ' ORDER BY w.ord) FILTER (WHERE w.day = 2) AS d2,
               string_agg(schooltime.week_cell_text(w.label, w.marks), ' / ' ORDER BY w.ord) FILTER (WHERE w.day = 3) AS d3,
               string_agg(schooltime.week_cell_text(w.label, w.marks), ' / ' ORDER BY w.ord) FILTER (WHERE w.day = 4) AS d4,
               string_agg(schooltime.week_cell_text(w.label, w.marks), ' / ' ORDER BY w.ord) FILTER (WHERE w.day = 5) AS d5
        FROM schooltime.week_bands(layout) AS w
        GROUP BY w.band_start, w.band_end
        ORDER BY w.band_start
    LOOP
        band := schooltime.minute_text(b.band_start) || '-' || schooltime.minute_text(b.band_end);
        mon := b.d1; tue := b.d2; wed := b.d3; thu := b.d4; fri := b.d5;
        RETURN NEXT;
    END LOOP;
    FOR v IN
        SELECT * FROM jsonb_to_recordset(layout->'violations')
            AS x (mark integer, rule text, severity text, day integer, starts integer, ends integer,
                  measured numeric, limit_value numeric, unit text, authorisation_id bigint)
        ORDER BY x.mark
    LOOP
        band := '!' || v.mark;
        mon := v.rule;
        tue := CASE WHEN v.authorisation_id IS NOT NULL THEN schooltime.grid_word('authorised', lang)
                    ELSE schooltime.grid_word(v.severity, lang) END;
        wed := schooltime.week_where(v.day, v.starts, v.ends, lang);
        thu := schooltime.week_figures(v.measured, v.limit_value, v.unit);
        fri := NULL;
        RETURN NEXT;
    END LOOP;
END
$grid$;
COMMENT ON FUNCTION schooltime.week_grid_of(jsonb) IS
'internal: a week layout as grid rows: a header row, a row per time band with a column per weekday, and a legend row per violation';

CREATE FUNCTION schooltime.week_grid(model name, centre_id bigint, group_id bigint, language text DEFAULT 'en')
RETURNS TABLE (band text, mon text, tue text, wed text, thu text, fri text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM schooltime.week_grid_of(schooltime.week_layout(model, centre_id, group_id, NULL, NULL, language))
$$;
COMMENT ON FUNCTION schooltime.week_grid(name, bigint, bigint, text) IS
'a group''s week as rows to read in psql: first a header row (''time'' and the weekday names, in English or, with language ''ca'', Catalan), then a row per time band with a column per weekday, Monday to Friday, each cell the subjects held then (with the half of a split group, recess as such) and "!n" on those involved in violation n of schooltime.check(); then a legend row per violation: its mark, rule, severity (or "authorised"), where in the week and its figure against the limit';

CREATE FUNCTION schooltime.teacher_week_grid(model name, teacher_id bigint, school_year schooltime.school_year,
                                             language text DEFAULT 'en')
RETURNS TABLE (band text, mon text, tue text, wed text, thu text, fri text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM schooltime.week_grid_of(schooltime.week_layout(model, NULL, NULL, teacher_id, school_year, language))
$$;
COMMENT ON FUNCTION schooltime.teacher_week_grid(name, bigint, schooltime.school_year, text) IS
'a teacher''s week in a school year as rows to read in psql, laid out as schooltime.week_grid(): each cell the sessions (subject and group) and duties held then, "!n" on those involved in violation n of the teacher''s rules, and a legend row per violation';

------------------------------------------------------------------------
-- As SVG

CREATE FUNCTION schooltime.week_svg_of(layout jsonb)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $svg$
DECLARE
    lang text := layout->>'language';
    left_width constant integer := 70;
    column_width constant integer := 180;
    top constant integer := 64;
    first_minute integer;
    last_minute integer;
    height integer;
    legend_top integer;
    n_violations integer := jsonb_array_length(layout->'violations');
    out text[] := '{}';
    e record;
    v record;
    lane_ends integer[];
    lane integer;
    current_day integer := 0;
    cluster integer := 0;
    cluster_end integer := 0;
    cluster_lanes integer[] := '{}';
    entry_lane integer[] := '{}';
    entry_cluster integer[] := '{}';
    k integer := 0;
    h integer;
    d integer;
    xpos numeric;
    lane_width numeric;
BEGIN
    SELECT coalesce(min(spans.s), 480), coalesce(max(spans.t), 840)
      INTO first_minute, last_minute
    FROM (SELECT x.starts AS s, x.ends AS t
          FROM jsonb_to_recordset(layout->'entries') AS x (day integer, starts integer, ends integer) WHERE x.day BETWEEN 1 AND 5
          UNION ALL
          SELECT y.starts, y.ends
          FROM jsonb_to_recordset(layout->'violations') AS y (day integer, starts integer, ends integer)
          WHERE y.day BETWEEN 1 AND 5 AND y.starts IS NOT NULL) AS spans;
    first_minute := first_minute / 60 * 60;
    last_minute := (last_minute + 59) / 60 * 60;
    height := last_minute - first_minute;
    legend_top := top + height + 40;

    -- lanes: entries that overlap are drawn side by side, each run of
    -- overlapping entries (a cluster) sharing its day's column
    FOR e IN SELECT x.day, x.starts, x.ends FROM jsonb_array_elements(layout->'entries') WITH ORDINALITY AS j (value, n),
                    LATERAL jsonb_to_record(j.value) AS x (day integer, starts integer, ends integer)
             ORDER BY j.n
    LOOP
        k := k + 1;
        IF e.day <> current_day OR e.starts >= cluster_end THEN
            current_day := e.day;
            cluster := cluster + 1;
            cluster_lanes[cluster] := 1;
            cluster_end := e.ends;
            lane_ends := '{}';
        END IF;
        lane := NULL;
        FOR i IN 1 .. coalesce(array_length(lane_ends, 1), 0) LOOP
            IF lane_ends[i] <= e.starts THEN
                lane := i;
                EXIT;
            END IF;
        END LOOP;
        IF lane IS NULL THEN
            lane_ends := lane_ends || e.ends;
            lane := array_length(lane_ends, 1);
        ELSE
            lane_ends[lane] := e.ends;
        END IF;
        entry_lane[k] := lane;
        entry_cluster[k] := cluster;
        cluster_lanes[cluster] := greatest(cluster_lanes[cluster], lane);
        cluster_end := greatest(cluster_end, e.ends);
    END LOOP;

    out := out || format('<?xml version="1.0" encoding="UTF-8"?>%s<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="sans-serif" font-size="11">',
                         E'\n', left_width + 5 * column_width + 10, legend_top + 24 + 16 * greatest(n_violations, 1),
                         left_width + 5 * column_width + 10, legend_top + 24 + 16 * greatest(n_violations, 1));
    out := out || format('<title>%s</title>', schooltime.xml_text(schooltime.grid_word('week_of', lang) || ' ' || (layout->>'title')));
    out := out || format('<text x="4" y="18" font-size="15" font-weight="bold">%s</text>', schooltime.xml_text(layout->>'title'));
    out := out || format('<text x="4" y="34">%s</text>', schooltime.xml_text(layout->>'subtitle'));
    FOR d IN 1 .. 5 LOOP
        out := out || format('<text x="%s" y="%s" text-anchor="middle" font-weight="bold">%s</text>',
                             left_width + (d - 1) * column_width + column_width / 2, top - 8,
                             schooltime.xml_text(schooltime.weekday_name(d, lang)));
    END LOOP;
    h := first_minute;
    WHILE h <= last_minute LOOP
        out := out || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#cccccc"/><text x="4" y="%s">%s</text>',
                             left_width, top + h - first_minute, left_width + 5 * column_width, top + h - first_minute,
                             top + h - first_minute + 4, schooltime.minute_text(h));
        h := h + 60;
    END LOOP;

    -- the stretches of the week a violation concerns
    FOR v IN SELECT * FROM jsonb_to_recordset(layout->'violations') AS x (mark integer, day integer, starts integer, ends integer)
             WHERE x.day BETWEEN 1 AND 5 AND x.starts IS NOT NULL ORDER BY x.mark
    LOOP
        out := out || format('<rect class="violation" x="%s" y="%s" width="%s" height="%s" fill="#e74c3c" fill-opacity="0.12" stroke="#c0392b" stroke-dasharray="4 2"/>',
                             left_width + (v.day - 1) * column_width + 1, top + v.starts - first_minute,
                             column_width - 2, greatest(v.ends - v.starts, 1));
        out := out || format('<text x="%s" y="%s" text-anchor="end" fill="#c0392b" font-weight="bold">!%s</text>',
                             left_width + v.day * column_width - 3, top + v.starts - first_minute + 11, v.mark);
    END LOOP;

    -- sessions and duties
    k := 0;
    FOR e IN SELECT x.* FROM jsonb_array_elements(layout->'entries') WITH ORDINALITY AS j (value, n),
                    LATERAL jsonb_to_record(j.value) AS x (day integer, starts integer, ends integer, kind text, label text, marks integer[])
             ORDER BY j.n
    LOOP
        k := k + 1;
        CONTINUE WHEN e.day NOT BETWEEN 1 AND 5;
        lane_width := round(column_width::numeric / cluster_lanes[entry_cluster[k]], 1);
        xpos := left_width + (e.day - 1) * column_width + (entry_lane[k] - 1) * lane_width;
        out := out || format('<g class="entry"><rect x="%s" y="%s" width="%s" height="%s" rx="3" fill="%s" stroke="%s" stroke-width="%s"/>',
                             xpos + 2, top + e.starts - first_minute + 1, lane_width - 4, greatest(e.ends - e.starts - 2, 1),
                             CASE e.kind WHEN 'recess' THEN '#eeeeee' WHEN 'duty' THEN '#e3f1dc' ELSE '#dbe8f6' END,
                             CASE WHEN cardinality(e.marks) > 0 THEN '#c0392b' ELSE '#7f8c8d' END,
                             CASE WHEN cardinality(e.marks) > 0 THEN 2 ELSE 1 END);
        out := out || format('<text x="%s" y="%s">%s</text></g>', xpos + 6, top + e.starts - first_minute + 14,
                             schooltime.xml_text(schooltime.week_cell_text(e.label, e.marks)));
    END LOOP;

    -- the legend
    out := out || format('<text x="4" y="%s" font-size="13" font-weight="bold">%s</text>', legend_top,
                         schooltime.xml_text(schooltime.grid_word('violations', lang)));
    IF n_violations = 0 THEN
        out := out || format('<text x="4" y="%s">%s</text>', legend_top + 18, schooltime.xml_text(schooltime.grid_word('none', lang)));
    END IF;
    FOR v IN SELECT * FROM jsonb_to_recordset(layout->'violations')
                 AS x (mark integer, rule text, severity text, day integer, starts integer, ends integer,
                       measured numeric, limit_value numeric, unit text, message text,
                       authorisation_id bigint, authorised_by text, authorised_on date, reason text)
             ORDER BY x.mark
    LOOP
        out := out || format('<text class="legend" x="4" y="%s"><tspan font-weight="bold" fill="#c0392b">!%s %s</tspan> (%s) %s: %s%s</text>',
                             legend_top + 2 + 16 * v.mark, v.mark, schooltime.xml_text(v.rule),
                             schooltime.xml_text(schooltime.grid_word(v.severity, lang)),
                             schooltime.xml_text(schooltime.week_where(v.day, v.starts, v.ends, lang)),
                             schooltime.xml_text(v.message),
                             CASE WHEN v.authorisation_id IS NULL THEN ''
                                  ELSE schooltime.xml_text(format(' [%s %s %s %s: %s]', schooltime.grid_word('authorised_by', lang),
                                                                  v.authorised_by, schooltime.grid_word('on', lang),
                                                                  to_char(v.authorised_on, 'YYYY-MM-DD'), v.reason)) END);
    END LOOP;
    out := out || '</svg>'::text;
    RETURN array_to_string(out, E'\n') || E'\n';
END
$svg$;
COMMENT ON FUNCTION schooltime.week_svg_of(jsonb) IS
'internal: a week layout as a standalone SVG document';

CREATE FUNCTION schooltime.week_svg(model name, centre_id bigint, group_id bigint, language text DEFAULT 'en')
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT schooltime.week_svg_of(schooltime.week_layout(model, centre_id, group_id, NULL, NULL, language)) $$;
COMMENT ON FUNCTION schooltime.week_svg(name, bigint, bigint, text) IS
'a group''s week as a standalone SVG document (UTF-8) a browser shows: a column per weekday, Monday to Friday, each session drawn at its time (split halves side by side), the stretches of the week a violation of schooltime.check() concerns shaded and sessions involved outlined and marked "!n", and a legend naming every violation with its rule, severity, place in the week and message (and, if authorised, who authorised it, when and why)';

CREATE FUNCTION schooltime.teacher_week_svg(model name, teacher_id bigint, school_year schooltime.school_year,
                                            language text DEFAULT 'en')
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT schooltime.week_svg_of(schooltime.week_layout(model, NULL, NULL, teacher_id, school_year, language)) $$;
COMMENT ON FUNCTION schooltime.teacher_week_svg(name, bigint, schooltime.school_year, text) IS
'a teacher''s week in a school year as a standalone SVG document, drawn as schooltime.week_svg(): sessions (subject and group) and duties, the teacher''s violations marked and listed';

------------------------------------------------------------------------
-- As HTML

CREATE FUNCTION schooltime.week_html_of(layout jsonb)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $html$
DECLARE
    lang text := layout->>'language';
    out text[] := '{}';
    b record;
    v record;
    cells text;
BEGIN
    out := out || '<!DOCTYPE html>'::text;
    out := out || format('<html xmlns="http://www.w3.org/1999/xhtml" lang="%s">', lang);
    out := out || format('<head><meta charset="utf-8"/><title>%s</title>',
                         schooltime.xml_text(schooltime.grid_word('week_of', lang) || ' ' || (layout->>'title')));
    out := out || ('<style>body{font-family:sans-serif}table.week{border-collapse:collapse}'
                   'table.week th,table.week td{border:1px solid #999;padding:2px 6px;vertical-align:top}'
                   'td .recess{color:#777}td .duty{color:#2d6a1f}.marked{background:#fde2e0}'
                   'a.mark{color:#c0392b;font-weight:bold;text-decoration:none}'
                   'li.authorised{color:#555}</style></head>')::text;
    out := out || format('<body><h1>%s</h1><p>%s</p>', schooltime.xml_text(layout->>'title'), schooltime.xml_text(layout->>'subtitle'));
    out := out || format('<table class="week"><thead><tr><th>%s</th>%s</tr></thead><tbody>',
                         schooltime.xml_text(schooltime.grid_word('time', lang)),
                         (SELECT string_agg(format('<th>%s</th>', schooltime.xml_text(schooltime.weekday_name(d, lang))), '' ORDER BY d)
                          FROM generate_series(1, 5) AS d));
    FOR b IN SELECT DISTINCT w.band_start, w.band_end FROM schooltime.week_bands(layout) AS w ORDER BY 1 LOOP
        SELECT string_agg(
                   coalesce(
                       (SELECT format('<td%s>%s</td>',
                                      CASE WHEN bool_or(cardinality(w.marks) > 0) THEN ' class="marked"' ELSE '' END,
                                      string_agg(format('<span class="%s">%s</span>%s', w.kind, schooltime.xml_text(w.label),
                                                        coalesce((SELECT string_agg(format(' <a class="mark" href="#v%s">!%s</a>', m, m), '' ORDER BY m)
                                                                  FROM unnest(w.marks) AS m), '')),
                                                 '<br/>' ORDER BY w.ord))
                        FROM schooltime.week_bands(layout) AS w
                        WHERE w.band_start = b.band_start AND w.day = d),
                       '<td></td>'),
                   '' ORDER BY d)
          INTO cells
        FROM generate_series(1, 5) AS d;
        out := out || format('<tr><th>%s-%s</th>%s</tr>', schooltime.minute_text(b.band_start), schooltime.minute_text(b.band_end), cells);
    END LOOP;
    out := out || format('</tbody></table><h2>%s</h2>', schooltime.xml_text(schooltime.grid_word('violations', lang)));
    IF jsonb_array_length(layout->'violations') = 0 THEN
        out := out || format('<p>%s</p>', schooltime.xml_text(schooltime.grid_word('none', lang)));
    ELSE
        out := out || '<ol class="violations">'::text;
        FOR v IN SELECT * FROM jsonb_to_recordset(layout->'violations')
                     AS x (mark integer, rule text, severity text, day integer, starts integer, ends integer,
                           measured numeric, limit_value numeric, unit text, message text, detail text, hint text,
                           authorisation_id bigint, authorised_by text, authorised_on date, reason text)
                 ORDER BY x.mark
        LOOP
            out := out || format('<li id="v%s" class="%s"><strong>!%s %s</strong> (%s, %s%s): %s.%s%s%s</li>',
                                 v.mark, CASE WHEN v.authorisation_id IS NULL THEN v.severity ELSE 'authorised' END,
                                 v.mark, schooltime.xml_text(v.rule), schooltime.xml_text(schooltime.grid_word(v.severity, lang)),
                                 schooltime.xml_text(schooltime.week_where(v.day, v.starts, v.ends, lang)),
                                 coalesce(', ' || schooltime.xml_text(schooltime.week_figures(v.measured, v.limit_value, v.unit)), ''),
                                 schooltime.xml_text(v.message),
                                 coalesce(' ' || schooltime.xml_text(v.detail), ''),
                                 coalesce(' <em>' || schooltime.xml_text(v.hint) || '</em>', ''),
                                 CASE WHEN v.authorisation_id IS NULL THEN ''
                                      ELSE format(' <strong>%s</strong>', schooltime.xml_text(format('%s %s %s %s: %s.',
                                                  schooltime.grid_word('authorised_by', lang), v.authorised_by,
                                                  schooltime.grid_word('on', lang), to_char(v.authorised_on, 'YYYY-MM-DD'), v.reason))) END);
        END LOOP;
        out := out || '</ol>'::text;
    END IF;
    out := out || '</body></html>'::text;
    RETURN array_to_string(out, E'\n') || E'\n';
END
$html$;
COMMENT ON FUNCTION schooltime.week_html_of(jsonb) IS
'internal: a week layout as a standalone HTML document (well-formed XHTML)';

CREATE FUNCTION schooltime.week_html(model name, centre_id bigint, group_id bigint, language text DEFAULT 'en')
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT schooltime.week_html_of(schooltime.week_layout(model, centre_id, group_id, NULL, NULL, language)) $$;
COMMENT ON FUNCTION schooltime.week_html(name, bigint, bigint, text) IS
'a group''s week as a standalone HTML document (well-formed XHTML, UTF-8): the grid of schooltime.week_grid() as a table, cells of sessions involved in a violation shaded and linked to it, then the list of every violation of schooltime.check() with its rule, severity, place in the week, figures, message, detail and hint, and, if authorised, who authorised it, when and why';

CREATE FUNCTION schooltime.teacher_week_html(model name, teacher_id bigint, school_year schooltime.school_year,
                                             language text DEFAULT 'en')
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT schooltime.week_html_of(schooltime.week_layout(model, NULL, NULL, teacher_id, school_year, language)) $$;
COMMENT ON FUNCTION schooltime.teacher_week_html(name, bigint, schooltime.school_year, text) IS
'a teacher''s week in a school year as a standalone HTML document, laid out as schooltime.week_html()';
