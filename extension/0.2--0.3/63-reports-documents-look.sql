-- The week documents as a person sees them (issue 17): looked at in headless
-- Chromium, the SVG and HTML of 0.2 painted every cell of a day red for a
-- warning about the whole day (indicative_day), drew errors and warnings
-- alike, let long labels run over their neighbours and printed as a plain
-- browser table over two sheets.  Now:
--
-- * a violation's stretch of the week is a bar beside the day's column,
--   exactly as long as the stretch check() gives, with the violation's mark
--   at its top; whole-day violations without a stretch are marked at the
--   day's name, whole-week ones under the title;
-- * errors, warnings and authorised violations differ in shape and word as
--   well as colour: a solid bar and a cross (✖) for an error, a hatched bar
--   with a dashed edge and a triangle (▲) for a warning, a dotted bar and a
--   tick (✓) for an authorised one, and the severity written in the list;
-- * only an error shades the lessons it involves, so red points at what
--   breaks a rule; a lesson carries the marks of its violations;
-- * the SVG wraps each label to its box (and cuts it with "…" where the
--   box is too short, the whole label in the box's tooltip) and the legend
--   to the drawing's width;
-- * the HTML shows each lesson once, spanning the rows of its time, and
--   prints on one A4 landscape sheet (@page and print rules).
--
-- Both stay standalone: no script, no external font, image or style sheet;
-- well-formed XML.  Checked in Chromium by tools/tests/browser-documents.

------------------------------------------------------------------------
-- Severity, symbols, text widths

CREATE FUNCTION schooltime.doc_state(severity text, authorisation_id bigint)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN authorisation_id IS NOT NULL THEN 'authorised'
                WHEN severity = 'error' THEN 'error' ELSE 'warning' END
$$;
COMMENT ON FUNCTION schooltime.doc_state(text, bigint) IS
'internal: how a week document draws a violation: ''authorised'' when an authorisation sets it aside, else ''error'' or ''warning'' as its severity';

CREATE FUNCTION schooltime.doc_mark(state text, mark integer)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE state WHEN 'error' THEN '✖' WHEN 'authorised' THEN '✓' ELSE '▲' END || coalesce(mark::text, '')
$$;
COMMENT ON FUNCTION schooltime.doc_mark(text, integer) IS
'internal: a violation''s mark in a week document, its shape telling its kind without colour: ''✖4'' an error, ''▲4'' a warning, ''✓4'' an authorised violation (the psql grid writes ''!4'')';

CREATE FUNCTION schooltime.doc_text_width(value text, font_size numeric)
RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT font_size * coalesce(sum(CASE
               WHEN c = ' ' THEN 0.32
               WHEN c ~ '[il.,:;''!|Ìíìï]' THEN 0.34
               WHEN c ~ '[jftr()\[\]/"-]' THEN 0.45
               WHEN c ~ '[mwMW]' THEN 1.0
               WHEN c ~ '[A-Z]' OR c ~ '[À-ÞŒ]' THEN 0.78
               WHEN c ~ '[✖▲✓…]' THEN 0.9
               ELSE 0.65 END), 0)
    FROM regexp_split_to_table(value, '') AS c
$$;
COMMENT ON FUNCTION schooltime.doc_text_width(text, numeric) IS
'internal: the width a text takes in a sans-serif font of the given size, estimated from the advance widths of DejaVu Sans (Debian''s default sans-serif, among the widest) and rounded up, so that a line wrapped to it fits the space it is given';

CREATE FUNCTION schooltime.doc_wrap(value text, width numeric, font_size numeric)
RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $wrap$
DECLARE
    lines text[] := '{}';
    line text := '';
    word text;
    piece text;
    c text;
BEGIN
    IF value IS NULL OR value = '' THEN
        RETURN lines;
    END IF;
    FOREACH word IN ARRAY regexp_split_to_array(btrim(value), ' +') LOOP
        IF line <> '' AND schooltime.doc_text_width(line || ' ' || word, font_size) <= width THEN
            line := line || ' ' || word;
            CONTINUE;
        END IF;
        IF line <> '' THEN
            lines := lines || line;
        END IF;
        line := word;
        -- a word longer than the line is cut where it must be
        WHILE schooltime.doc_text_width(line, font_size) > width AND length(line) > 1 LOOP
            piece := '';
            FOREACH c IN ARRAY regexp_split_to_array(line, '') LOOP
                EXIT WHEN piece <> '' AND schooltime.doc_text_width(piece || c, font_size) > width;
                piece := piece || c;
            END LOOP;
            lines := lines || piece;
            line := substr(line, length(piece) + 1);
        END LOOP;
    END LOOP;
    IF line <> '' THEN
        lines := lines || line;
    END IF;
    RETURN lines;
END
$wrap$;
COMMENT ON FUNCTION schooltime.doc_wrap(text, numeric, numeric) IS
'internal: a text broken into lines no wider than width at the given font size (schooltime.doc_text_width()), at spaces, and inside a word only when the word alone is wider';

CREATE FUNCTION schooltime.doc_fit(lines text[], max_lines integer, width numeric, font_size numeric)
RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN cardinality(lines) <= max_lines THEN lines
                WHEN max_lines <= 0 THEN '{}'::text[]
                ELSE lines[1:max_lines - 1]
                     || (SELECT coalesce(
                                    (SELECT left(lines[max_lines], n) || '…' FROM generate_series(length(lines[max_lines]), 0, -1) AS n
                                     WHERE schooltime.doc_text_width(left(lines[max_lines], n) || '…', font_size) <= width
                                     ORDER BY n DESC LIMIT 1),
                                    '…'))
           END
$$;
COMMENT ON FUNCTION schooltime.doc_fit(text[], integer, numeric, numeric) IS
'internal: at most max_lines of wrapped lines, the last one cut and ended with "…" when lines are left out';

------------------------------------------------------------------------
-- Lanes: things of one day that overlap are drawn side by side

CREATE FUNCTION schooltime.doc_lanes(spans jsonb)
RETURNS TABLE (n integer, lane integer, cluster integer, cluster_lanes integer, day_lanes integer)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $lanes$
DECLARE
    s record;
    lane_ends integer[];
    current_day integer;
    current_cluster integer := 0;
    cluster_end integer;
    found_lane integer;
    lanes_of_cluster integer[] := '{}';
    lanes_of_day integer[] := '{}';
    days integer[] := '{}';
    clusters integer[] := '{}';
    picked integer[] := '{}';
BEGIN
    -- spans: [{day, starts, ends}] in order of day and start; each gets the
    -- first lane free at its start; a cluster is a run of spans that overlap
    -- one another, directly or through others
    FOR s IN SELECT x.day, x.starts, x.ends, j.k::integer AS k
             FROM jsonb_array_elements(spans) WITH ORDINALITY AS j (value, k),
                  LATERAL jsonb_to_record(j.value) AS x (day integer, starts integer, ends integer)
             ORDER BY j.k
    LOOP
        IF current_day IS DISTINCT FROM s.day OR s.starts >= cluster_end THEN
            IF current_day IS DISTINCT FROM s.day THEN
                lane_ends := '{}';
            END IF;
            current_day := s.day;
            current_cluster := current_cluster + 1;
            lanes_of_cluster[current_cluster] := 0;
            cluster_end := s.ends;
        END IF;
        found_lane := NULL;
        FOR i IN 1 .. coalesce(array_length(lane_ends, 1), 0) LOOP
            IF lane_ends[i] <= s.starts THEN
                found_lane := i;
                EXIT;
            END IF;
        END LOOP;
        IF found_lane IS NULL THEN
            lane_ends := lane_ends || s.ends;
            found_lane := array_length(lane_ends, 1);
        ELSE
            lane_ends[found_lane] := s.ends;
        END IF;
        picked[s.k] := found_lane;
        clusters[s.k] := current_cluster;
        days[s.k] := s.day;
        lanes_of_cluster[current_cluster] := greatest(lanes_of_cluster[current_cluster], found_lane);
        lanes_of_day[s.day] := greatest(coalesce(lanes_of_day[s.day], 0), found_lane);
        cluster_end := greatest(cluster_end, s.ends);
    END LOOP;
    FOR i IN 1 .. coalesce(array_length(picked, 1), 0) LOOP
        n := i;
        lane := picked[i];
        cluster := clusters[i];
        cluster_lanes := lanes_of_cluster[clusters[i]];
        day_lanes := lanes_of_day[days[i]];
        RETURN NEXT;
    END LOOP;
END
$lanes$;
COMMENT ON FUNCTION schooltime.doc_lanes(jsonb) IS
'internal: for spans of a week (jsonb [{day, starts, ends}] in order of day and start), the lane each is drawn in (the first free at its start), its cluster (a run of spans overlapping one another), the lanes of its cluster and of its day';

------------------------------------------------------------------------
-- As SVG

CREATE OR REPLACE FUNCTION schooltime.week_svg_of(layout jsonb)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $svg$
DECLARE
    lang text := layout->>'language';
    -- a minute is scale pixels high; a day's column is column_width wide,
    -- its gutter (the violations' bars, gutter_lane each) at its left
    scale constant numeric := 1.4;
    left_width constant integer := 48;
    column_width constant integer := 232;
    gutter_lane constant integer := 21;
    top constant integer := 84;
    font constant numeric := 10;
    line_height constant integer := 12;
    badge_height constant integer := 13;
    width integer := left_width + 5 * column_width + 8;
    first_minute integer;
    last_minute integer;
    legend_top integer;
    y integer;
    out text[] := '{}';
    legend text[] := '{}';
    states text[] := '{}';
    gutters integer[] := ARRAY[0, 0, 0, 0, 0];
    bars jsonb;
    e record;
    v record;
    h integer;
    d integer;
    x0 numeric;
    lane_width numeric;
    box_top numeric;
    box_height numeric;
    lines text[];
    fitted text[];
    marks_line text;
    worst text;
    n_lines integer;
    room integer;
    spare integer;
    allowed integer;
    marks_width numeric;
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

    FOR v IN SELECT x.mark, x.severity, x.authorisation_id FROM jsonb_to_recordset(layout->'violations') AS x (mark integer, severity text, authorisation_id bigint) LOOP
        states[v.mark] := schooltime.doc_state(v.severity, v.authorisation_id);
    END LOOP;

    legend_top := top + ceil((last_minute - first_minute) * scale)::integer + 36;

    -- the violations' bars: a lane of a day's gutter each, a bar taking at
    -- least the height of its mark so that two marks never meet
    SELECT coalesce(jsonb_agg(jsonb_build_object('mark', b.mark, 'day', b.day, 'starts', b.starts, 'ends', b.ends, 'lane', l.lane)), '[]')
      INTO bars
    FROM (SELECT x.mark, x.day, x.starts, x.ends, row_number() OVER (ORDER BY x.day, x.starts, x.ends DESC, x.mark)::integer AS k
          FROM jsonb_to_recordset(layout->'violations') AS x (mark integer, day integer, starts integer, ends integer)
          WHERE x.day BETWEEN 1 AND 5 AND x.starts IS NOT NULL) AS b
    JOIN schooltime.doc_lanes((SELECT jsonb_agg(jsonb_build_object('day', x.day, 'starts', x.starts,
                                                                   'ends', greatest(x.ends, x.starts + ceil((badge_height + 2) / scale)::integer))
                                                ORDER BY x.day, x.starts, x.ends DESC, x.mark)
                               FROM jsonb_to_recordset(layout->'violations') AS x (mark integer, day integer, starts integer, ends integer)
                               WHERE x.day BETWEEN 1 AND 5 AND x.starts IS NOT NULL)) AS l ON l.n = b.k;
    FOR d IN 1 .. 5 LOOP
        gutters[d] := coalesce((SELECT max(b.lane) FROM jsonb_to_recordset(bars) AS b (day integer, lane integer) WHERE b.day = d), 0)
                      * gutter_lane;
    END LOOP;

    -- the legend, wrapped to the drawing's width, a line (text) each violation
    y := legend_top + 20;
    IF jsonb_array_length(layout->'violations') = 0 THEN
        legend := legend || format('<text x="8" y="%s">%s</text>', y, schooltime.xml_text(schooltime.grid_word('none', lang)));
        y := y + line_height + 4;
    END IF;
    FOR v IN SELECT * FROM jsonb_to_recordset(layout->'violations')
                 AS x (mark integer, rule text, severity text, day integer, starts integer, ends integer, message text,
                       authorisation_id bigint, authorised_by text, authorised_on date, reason text)
             ORDER BY x.mark
    LOOP
        lines := schooltime.doc_wrap(
            schooltime.doc_mark(states[v.mark], v.mark) || ' ' || v.rule || ' ('
            || CASE WHEN v.authorisation_id IS NULL THEN schooltime.grid_word(v.severity, lang)
                    ELSE schooltime.grid_word(v.severity, lang) || ', ' || schooltime.grid_word('authorised', lang) END
            || ') ' || schooltime.week_where(v.day, v.starts, v.ends, lang) || ': ' || v.message
            || CASE WHEN v.authorisation_id IS NULL THEN ''
                    ELSE format(' [%s %s %s %s: %s]', schooltime.grid_word('authorised_by', lang), v.authorised_by,
                                schooltime.grid_word('on', lang), to_char(v.authorised_on, 'YYYY-MM-DD'), v.reason) END,
            width - 28, font);
        -- the mark and the rule in bold, then the rest of the first line and
        -- each line after it (a space ends a line, so the text reads whole)
        legend := legend || format('<text class="legend" x="8" y="%s"><tspan class="mark %s" font-weight="bold" fill="%s">%s</tspan>%s%s</text>',
                                   y, states[v.mark], CASE states[v.mark] WHEN 'error' THEN '#b03020' WHEN 'warning' THEN '#7a5200' ELSE '#555555' END,
                                   schooltime.xml_text(schooltime.doc_mark(states[v.mark], v.mark) || ' ' || v.rule),
                                   schooltime.xml_text(substr(lines[1], length(schooltime.doc_mark(states[v.mark], v.mark) || ' ' || v.rule) + 1)),
                                   coalesce((SELECT string_agg(format('<tspan x="20" dy="%s">%s</tspan>', line_height + 1, schooltime.xml_text(' ' || z.l)),
                                                               '' ORDER BY z.k)
                                             FROM unnest(lines[2:]) WITH ORDINALITY AS z (l, k)), ''));
        y := y + cardinality(lines) * (line_height + 1) + 4;
    END LOOP;

    out := out || format('<?xml version="1.0" encoding="UTF-8"?>%s<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="sans-serif" font-size="%s">',
                         E'\n', width, y + 4, width, y + 4, font);
    out := out || format('<title>%s</title>', schooltime.xml_text(schooltime.grid_word('week_of', lang) || ' ' || (layout->>'title')));
    -- a warning's bar is hatched, an authorised one's dotted
    out := out || ('<defs><pattern id="warning-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                   '<rect width="6" height="6" fill="#fff4d6"/><rect width="3" height="6" fill="#e0a526"/></pattern>'
                   '<pattern id="authorised-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
                   '<rect width="5" height="5" fill="#f4f4f4"/><circle cx="2.5" cy="2.5" r="1" fill="#8a8a8a"/></pattern></defs>')::text;
    out := out || '<rect width="100%" height="100%" fill="#ffffff"/>'::text;
    out := out || format('<text x="8" y="20" font-size="16" font-weight="bold">%s</text>', schooltime.xml_text(layout->>'title'));
    out := out || format('<text x="8" y="37" font-size="11" fill="#444444">%s</text>', schooltime.xml_text(layout->>'subtitle'));
    -- the key, and the marks of the whole week
    out := out || format('<text class="key" x="8" y="54"><tspan fill="#b03020" font-weight="bold">✖</tspan> %s'
                         '<tspan dx="14" fill="#7a5200" font-weight="bold">▲</tspan> %s<tspan dx="14" fill="#555555" font-weight="bold">✓</tspan> %s%s</text>',
                         schooltime.xml_text(schooltime.grid_word('error', lang)), schooltime.xml_text(schooltime.grid_word('warning', lang)),
                         schooltime.xml_text(schooltime.grid_word('authorised', lang)),
                         coalesce((SELECT format('<tspan dx="28">%s:</tspan>', schooltime.xml_text(schooltime.grid_word('week', lang)))
                                          || string_agg(format(' <tspan class="mark %s" font-weight="bold" fill="%s">%s</tspan>', states[x.mark],
                                                               CASE states[x.mark] WHEN 'error' THEN '#b03020' WHEN 'warning' THEN '#7a5200' ELSE '#555555' END,
                                                               schooltime.doc_mark(states[x.mark], x.mark)), '' ORDER BY x.mark)
                                   FROM jsonb_to_recordset(layout->'violations') AS x (mark integer, day integer) WHERE x.day IS NULL), ''));
    FOR d IN 1 .. 5 LOOP
        out := out || format('<text class="day" x="%s" y="%s" text-anchor="middle" font-weight="bold" font-size="11">%s%s</text>',
                             left_width + (d - 1) * column_width + column_width / 2, top - 10,
                             schooltime.xml_text(schooltime.weekday_name(d, lang)),
                             -- violations of the day with no stretch of it
                             coalesce((SELECT string_agg(format(' <tspan class="mark %s">%s</tspan>', states[x.mark],
                                                                schooltime.doc_mark(states[x.mark], x.mark)), '' ORDER BY x.mark)
                                       FROM jsonb_to_recordset(layout->'violations') AS x (mark integer, day integer, starts integer)
                                       WHERE x.day = d AND x.starts IS NULL), ''));
    END LOOP;
    h := first_minute;
    WHILE h <= last_minute LOOP
        out := out || format('<line class="hour" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#d5d5d5"/><text class="hour" x="6" y="%s" fill="#444444">%s</text>',
                             left_width, top + round((h - first_minute) * scale, 1), left_width + 5 * column_width,
                             top + round((h - first_minute) * scale, 1), top + round((h - first_minute) * scale, 1) + 4,
                             schooltime.minute_text(h));
        h := h + 60;
    END LOOP;
    FOR d IN 1 .. 6 LOOP
        out := out || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#e6e6e6"/>', left_width + (d - 1) * column_width, top - 4,
                             left_width + (d - 1) * column_width, top + round((last_minute - first_minute) * scale, 1));
    END LOOP;

    -- each violation's stretch: a bar in its day's gutter, its mark on top
    FOR v IN SELECT b.*, x.rule FROM jsonb_to_recordset(bars) AS b (mark integer, day integer, starts integer, ends integer, lane integer)
                 JOIN jsonb_to_recordset(layout->'violations') AS x (mark integer, rule text) ON x.mark = b.mark
             ORDER BY b.mark
    LOOP
        x0 := left_width + (v.day - 1) * column_width + 2 + (v.lane - 1) * gutter_lane;
        box_top := top + round((v.starts - first_minute) * scale, 1);
        box_height := round((v.ends - v.starts) * scale, 1);
        out := out || format('<g class="stretch %s"><title>%s</title><rect class="bar" x="%s" y="%s" width="%s" height="%s" %s/>'
                             '<rect class="badge" x="%s" y="%s" width="%s" height="%s" rx="2" fill="%s"/>'
                             '<text class="mark" x="%s" y="%s" text-anchor="middle" font-size="8.5" font-weight="bold" fill="%s">%s</text></g>',
                             states[v.mark],
                             schooltime.xml_text(schooltime.doc_mark(states[v.mark], v.mark) || ' ' || v.rule || ' '
                                                 || schooltime.week_where(v.day, v.starts, v.ends, lang)),
                             x0 + 3, box_top, gutter_lane - 7, box_height,
                             CASE states[v.mark]
                                 WHEN 'error' THEN 'fill="#c0392b"'
                                 WHEN 'warning' THEN 'fill="url(#warning-hatch)" stroke="#9a6b00" stroke-width="1" stroke-dasharray="3 2"'
                                 ELSE 'fill="url(#authorised-dots)" stroke="#8a8a8a" stroke-width="1" stroke-dasharray="1 2"' END,
                             x0, box_top, gutter_lane - 2, badge_height,
                             CASE states[v.mark] WHEN 'error' THEN '#c0392b' WHEN 'warning' THEN '#f2c14e' ELSE '#dddddd' END,
                             x0 + (gutter_lane - 2) / 2.0, box_top + 10,
                             CASE states[v.mark] WHEN 'error' THEN '#ffffff' ELSE '#222222' END,
                             schooltime.doc_mark(states[v.mark], v.mark));
    END LOOP;

    -- lessons and duties: overlapping ones side by side in the day's room
    -- beside its gutter; each label wrapped to its box, its marks below
    FOR e IN SELECT x.*, l.lane, l.cluster_lanes
             FROM jsonb_array_elements(layout->'entries') WITH ORDINALITY AS j (value, n)
             CROSS JOIN LATERAL jsonb_to_record(j.value) AS x (day integer, starts integer, ends integer, kind text, label text, marks integer[],
                                                               block text, options jsonb)
             JOIN schooltime.doc_lanes((SELECT jsonb_agg(jsonb_build_object('day', y.day, 'starts', y.starts, 'ends', y.ends) ORDER BY k)
                                        FROM jsonb_array_elements(layout->'entries') WITH ORDINALITY AS z (value, k),
                                             LATERAL jsonb_to_record(z.value) AS y (day integer, starts integer, ends integer))) AS l
               ON l.n = j.n
             ORDER BY j.n
    LOOP
        CONTINUE WHEN e.day NOT BETWEEN 1 AND 5;
        lane_width := round((column_width - 4 - gutters[e.day])::numeric / e.cluster_lanes, 1);
        x0 := left_width + (e.day - 1) * column_width + 2 + gutters[e.day] + (e.lane - 1) * lane_width;
        box_top := top + round((e.starts - first_minute) * scale, 1) + 1;
        box_height := greatest(round((e.ends - e.starts) * scale, 1) - 2, 1);
        worst := CASE WHEN 'error' = ANY (SELECT states[m] FROM unnest(e.marks) AS m) THEN 'error'
                      WHEN 'warning' = ANY (SELECT states[m] FROM unnest(e.marks) AS m) THEN 'warning'
                      WHEN cardinality(e.marks) > 0 THEN 'authorised' END;
        out := out || format('<g class="entry"><title>%s</title><rect x="%s" y="%s" width="%s" height="%s" rx="3" fill="%s" %s/>',
                             schooltime.xml_text(e.label || coalesce(' ' || (SELECT string_agg(schooltime.doc_mark(states[m], m), ' ' ORDER BY m)
                                                                              FROM unnest(e.marks) AS m), '')),
                             x0 + 1, box_top, lane_width - 2, box_height,
                             CASE WHEN worst = 'error' THEN '#f9dcd8' WHEN e.kind = 'recess' THEN '#eeeeee'
                                  WHEN e.kind = 'duty' THEN '#e3f1dc' ELSE '#dbe8f6' END,
                             -- only an error outlines and shades what it involves: a warning about
                             -- a whole day would otherwise draw attention to every lesson of it
                             CASE worst WHEN 'error' THEN 'stroke="#c0392b" stroke-width="2"' ELSE 'stroke="#8d99a6" stroke-width="1"' END);
        -- the lines the box has room for; the marks take a line of their
        -- own, or end the last line when the box has one line only
        room := floor((box_height - 3) / line_height)::integer;
        marks_line := (SELECT string_agg(format('<tspan class="mark %s" fill="%s">%s</tspan>', states[m],
                                                CASE states[m] WHEN 'error' THEN '#b03020' WHEN 'warning' THEN '#7a5200' ELSE '#555555' END,
                                                schooltime.doc_mark(states[m], m)), ' ' ORDER BY m)
                       FROM unnest(e.marks) AS m);
        marks_width := coalesce((SELECT schooltime.doc_text_width(string_agg(schooltime.doc_mark(states[m], m), ' '), font) * 1.1 + 4
                                 FROM unnest(e.marks) AS m), 0);
        n_lines := 0;
        IF e.options IS NULL THEN
            lines := schooltime.doc_wrap(e.label, lane_width - 10, font);
            IF marks_line IS NOT NULL AND room = 1 THEN
                fitted := schooltime.doc_fit(schooltime.doc_wrap(e.label, lane_width - 10 - marks_width, font), 1, lane_width - 10 - marks_width, font);
            ELSE
                fitted := schooltime.doc_fit(lines, room - CASE WHEN marks_line IS NULL THEN 0 ELSE 1 END, lane_width - 10, font);
            END IF;
            FOR i IN 1 .. coalesce(array_length(fitted, 1), 0) LOOP
                n_lines := n_lines + 1;
                out := out || format('<text class="label" x="%s" y="%s"%s>%s%s</text>', x0 + 5, box_top + n_lines * line_height,
                                     CASE WHEN e.kind = 'recess' THEN ' fill="#555555"' ELSE '' END, schooltime.xml_text(fitted[i]),
                                     CASE WHEN room = 1 AND marks_line IS NOT NULL THEN ' <tspan font-weight="bold">' || marks_line || '</tspan>' ELSE '' END);
            END LOOP;
            IF room = 1 AND marks_line IS NOT NULL THEN
                marks_line := NULL;
            END IF;
        ELSE
            -- a block: its name, then each option on lines of its own; each
            -- option gets a line first, then the lines left go to the options
            -- in order (an option cut short ends with "…")
            room := room - CASE WHEN marks_line IS NULL THEN 0 ELSE 1 END;
            fitted := schooltime.doc_fit(schooltime.doc_wrap(e.block, lane_width - 10, font), least(room, 1), lane_width - 10, font);
            IF cardinality(fitted) > 0 THEN
                n_lines := 1;
                out := out || format('<text class="label" x="%s" y="%s" font-weight="bold">%s</text>', x0 + 5, box_top + line_height,
                                     schooltime.xml_text(fitted[1]));
            END IF;
            spare := room - n_lines - jsonb_array_length(e.options);
            FOR o IN 0 .. jsonb_array_length(e.options) - 1 LOOP
                lines := schooltime.doc_wrap(e.options->>o, lane_width - 16, font);
                allowed := least(room - n_lines, 1 + greatest(least(cardinality(lines) - 1, spare), 0));
                spare := spare - greatest(allowed - 1, 0);
                fitted := schooltime.doc_fit(lines, allowed, lane_width - 16, font);
                out := out || format('<g class="option"><title>%s</title>', schooltime.xml_text(e.options->>o));
                FOR i IN 1 .. coalesce(array_length(fitted, 1), 0) LOOP
                    n_lines := n_lines + 1;
                    out := out || format('<text class="label" x="%s" y="%s">%s</text>', x0 + CASE WHEN i = 1 THEN 5 ELSE 11 END,
                                         box_top + n_lines * line_height, schooltime.xml_text(fitted[i]));
                END LOOP;
                out := out || '</g>'::text;
            END LOOP;
        END IF;
        IF marks_line IS NOT NULL AND floor((box_height - 3) / line_height) >= 1 THEN
            out := out || format('<text class="marks" x="%s" y="%s" font-weight="bold">%s</text>', x0 + 5,
                                 box_top + (n_lines + 1) * line_height, marks_line);
        END IF;
        out := out || '</g>'::text;
    END LOOP;

    -- the legend
    out := out || format('<text x="8" y="%s" font-size="13" font-weight="bold">%s</text>', legend_top,
                         schooltime.xml_text(schooltime.grid_word('violations', lang)));
    out := out || legend;
    out := out || '</svg>'::text;
    RETURN array_to_string(out, E'\n') || E'\n';
END
$svg$;
COMMENT ON FUNCTION schooltime.week_svg_of(jsonb) IS
'internal: a week layout as a standalone SVG document: a column per weekday, each lesson or duty a box at its time (1.25 px a minute) with its label wrapped to it, the stretch of each violation a bar beside the day''s column with its mark (solid ✖ an error, hatched ▲ a warning, dotted ✓ an authorised one), and the legend wrapped to the drawing''s width';

------------------------------------------------------------------------
-- As HTML

CREATE OR REPLACE FUNCTION schooltime.week_html_of(layout jsonb)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $html$
DECLARE
    lang text := layout->>'language';
    out text[] := '{}';
    states text[] := '{}';
    gutters integer[] := ARRAY[0, 0, 0, 0, 0];
    lanes integer[] := ARRAY[1, 1, 1, 1, 1];
    cells jsonb;
    bands jsonb;
    v record;
BEGIN
    FOR v IN SELECT x.mark, x.severity, x.authorisation_id FROM jsonb_to_recordset(layout->'violations') AS x (mark integer, severity text, authorisation_id bigint) LOOP
        states[v.mark] := schooltime.doc_state(v.severity, v.authorisation_id);
    END LOOP;

    -- what the grid holds: each lesson or duty once, in a lane of its day
    -- (overlapping ones side by side), and each violation's stretch as a bar
    -- in a lane of the day's gutter, at its left
    WITH entries AS (
        SELECT x.*, row_number() OVER (ORDER BY j.n)::integer AS k
        FROM jsonb_array_elements(layout->'entries') WITH ORDINALITY AS j (value, n),
             LATERAL jsonb_to_record(j.value) AS x (day integer, starts integer, ends integer, kind text, label text, marks integer[],
                                                    block text, options jsonb)
        WHERE x.day BETWEEN 1 AND 5 AND x.ends > x.starts
    ), entry_lanes AS (
        SELECT e.*, l.lane, l.day_lanes, l.cluster_lanes
        FROM entries AS e
        JOIN schooltime.doc_lanes((SELECT jsonb_agg(jsonb_build_object('day', e.day, 'starts', e.starts, 'ends', e.ends) ORDER BY e.k)
                                   FROM entries AS e)) AS l ON l.n = e.k
    ), stretches AS (
        SELECT x.*, row_number() OVER (ORDER BY x.day, x.starts, x.ends DESC, x.mark)::integer AS k
        FROM jsonb_to_recordset(layout->'violations') AS x (mark integer, rule text, day integer, starts integer, ends integer)
        WHERE x.day BETWEEN 1 AND 5 AND x.starts IS NOT NULL AND x.ends > x.starts
    ), stretch_lanes AS (
        SELECT s.*, l.lane, l.day_lanes
        FROM stretches AS s
        JOIN schooltime.doc_lanes((SELECT jsonb_agg(jsonb_build_object('day', s.day, 'starts', s.starts, 'ends', s.ends) ORDER BY s.k)
                                   FROM stretches AS s)) AS l ON l.n = s.k
    )
    SELECT jsonb_build_object(
               'cells', coalesce((SELECT jsonb_agg(c) FROM (
                   -- an entry in the last lane of its run of overlapping entries
                   -- takes the lanes the day has beyond (nothing else is there then)
                   SELECT e.day, e.starts, e.ends, 'entry' AS what, e.lane,
                          CASE WHEN e.lane = e.cluster_lanes THEN e.day_lanes - e.cluster_lanes + 1 ELSE 1 END AS width,
                          e.kind, e.label, e.marks, e.block, e.options, NULL::integer AS mark, NULL AS rule
                   FROM entry_lanes AS e
                   UNION ALL
                   SELECT s.day, s.starts, s.ends, 'bar', s.lane, 1, NULL, NULL, NULL, NULL, NULL, s.mark, s.rule
                   FROM stretch_lanes AS s) AS c), '[]'),
               'gutters', (SELECT jsonb_agg(coalesce((SELECT max(s.day_lanes) FROM stretch_lanes AS s WHERE s.day = d), 0) ORDER BY d)
                           FROM generate_series(1, 5) AS d),
               'lanes', (SELECT jsonb_agg(coalesce((SELECT max(e.day_lanes) FROM entry_lanes AS e WHERE e.day = d), 1) ORDER BY d)
                         FROM generate_series(1, 5) AS d))
      INTO cells;
    SELECT array_agg(g::integer ORDER BY n) INTO gutters FROM jsonb_array_elements_text(cells->'gutters') WITH ORDINALITY AS a (g, n);
    SELECT array_agg(l::integer ORDER BY n) INTO lanes FROM jsonb_array_elements_text(cells->'lanes') WITH ORDINALITY AS a (l, n);
    cells := cells->'cells';

    -- the rows: the stretches between consecutive starts and ends of what
    -- the grid holds, those that hold something
    SELECT coalesce(jsonb_agg(jsonb_build_object('band', b.n, 'starts', b.starts, 'ends', b.ends) ORDER BY b.starts), '[]')
      INTO bands
    FROM (SELECT row_number() OVER (ORDER BY m.starts)::integer AS n, m.starts, m.ends
          FROM (SELECT x.minute AS starts, lead(x.minute) OVER (ORDER BY x.minute) AS ends
                FROM (SELECT DISTINCT y.minute
                      FROM jsonb_to_recordset(cells) AS c (starts integer, ends integer), LATERAL (VALUES (c.starts), (c.ends)) AS y (minute)) AS x) AS m
          WHERE m.ends IS NOT NULL
            AND EXISTS (SELECT FROM jsonb_to_recordset(cells) AS c (starts integer, ends integer) WHERE c.starts < m.ends AND c.ends > m.starts)) AS b;

    out := out || '<!DOCTYPE html>'::text;
    out := out || format('<html xmlns="http://www.w3.org/1999/xhtml" lang="%s">', lang);
    out := out || format('<head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>%s</title>',
                         schooltime.xml_text(schooltime.grid_word('week_of', lang) || ' ' || (layout->>'title')));
    out := out || ('<style>'
        'html{font-size:13px}'
        'body{font-family:sans-serif;margin:1rem;color:#222}'
        'h1{font-size:1.6rem;margin:0}'
        'h2{font-size:1.2rem;margin:1rem 0 .4rem}'
        'p.subtitle{margin:.15rem 0 .5rem;color:#555}'
        'p.key{margin:0 0 .5rem;font-size:.9rem}'
        'p.key .mark{margin-left:.8em}'
        'table.week{border-collapse:collapse;width:100%;table-layout:fixed}'
        'table.week th,table.week td{border:1px solid #c3c9d0;padding:.2rem .3rem;vertical-align:top;overflow-wrap:anywhere}'
        'table.week thead th{background:#f3f5f7}'
        'table.week th.time{width:6.2em;font-weight:normal;white-space:nowrap;font-size:.85rem;color:#444;text-align:right}'
        'table.week col.gutter{width:2.4em}'
        'td.entry{background:#e4eefa}'
        'td.entry.recess{background:#f0f0f0;color:#555}'
        'td.entry.duty{background:#e6f3df}'
        'td.entry.error{background:#fbe1dd;box-shadow:inset 0 0 0 2px #c0392b}'
        'td.entry .option{display:block;padding-left:.6em}'
        'td.gap{border-left:none;border-right:none;padding:0}'
        'td.free{background:#fff}'
        'td.bar{padding:0;text-align:center;border-top:none;border-bottom:none}'
        'td.bar.error{background:#c0392b}'
        'td.bar.warning{background:repeating-linear-gradient(135deg,#e0a526 0 3px,#fff4d6 3px 7px);outline:1px dashed #9a6b00;outline-offset:-1px}'
        'td.bar.authorised{background:radial-gradient(circle,#8a8a8a 1px,#f4f4f4 1.5px) 0 0/5px 5px;outline:1px dotted #8a8a8a;outline-offset:-1px}'
        'td.bar .mark{display:block;border-radius:0}'
        '.mark{font-weight:bold;white-space:nowrap;text-decoration:none;border-radius:3px;padding:0 .15em;font-size:.82rem}'
        '.mark.error{background:#c0392b;color:#fff}'
        '.mark.warning{background:#f2c14e;color:#222}'
        '.mark.authorised{background:#dddddd;color:#333}'
        'ol.violations{list-style:none;padding:0;margin:0}'
        'ol.violations li{margin:0 0 .35rem;padding-left:.5em;border-left:4px solid #c0392b}'
        'ol.violations li.warning{border-left:4px dashed #9a6b00}'
        'ol.violations li.authorised{border-left:4px dotted #8a8a8a;color:#555}'
        '*{-webkit-print-color-adjust:exact;print-color-adjust:exact}'
        '@page{size:A4 landscape;margin:8mm}'
        '@media print{html{font-size:7pt}body{margin:0}h2{margin:.5rem 0 .2rem}'
        'table.week th,table.week td{padding:.1rem .2rem}'
        'ol.violations{columns:2;column-gap:6mm;font-size:.85rem}ol.violations li{break-inside:avoid;margin-bottom:.2rem}'
        'a{color:inherit}}'
        '</style></head>')::text;
    out := out || format('<body><h1>%s</h1><p class="subtitle">%s</p>', schooltime.xml_text(layout->>'title'), schooltime.xml_text(layout->>'subtitle'));
    -- the key, and the marks of the violations of the whole week
    out := out || format('<p class="key"><span class="mark error">✖</span> %s <span class="mark warning">▲</span> %s <span class="mark authorised">✓</span> %s%s</p>',
                         schooltime.xml_text(schooltime.grid_word('error', lang)), schooltime.xml_text(schooltime.grid_word('warning', lang)),
                         schooltime.xml_text(schooltime.grid_word('authorised', lang)),
                         coalesce((SELECT ' · ' || schooltime.xml_text(schooltime.grid_word('week', lang)) || ':'
                                          || string_agg(format(' <a class="mark %s" href="#v%s">%s</a>', states[x.mark], x.mark,
                                                               schooltime.doc_mark(states[x.mark], x.mark)), '' ORDER BY x.mark)
                                   FROM jsonb_to_recordset(layout->'violations') AS x (mark integer, day integer) WHERE x.day IS NULL), ''));

    out := out || format('<table class="week"><colgroup><col class="time"/>%s</colgroup>',
                         (SELECT string_agg(repeat('<col class="gutter"/>', gutters[d])
                                            || repeat(format('<col class="lane" style="width:calc((100%% - 6.2em - %sem) / 5 / %s)"/>',
                                                             (SELECT sum(g) * 2.4 FROM unnest(gutters) AS g), lanes[d]), lanes[d]), '' ORDER BY d)
                          FROM generate_series(1, 5) AS d));
    out := out || format('<thead><tr><th class="time">%s</th>%s</tr></thead><tbody>',
                         schooltime.xml_text(schooltime.grid_word('time', lang)),
                         (SELECT string_agg(format('<th class="day" colspan="%s">%s%s</th>', gutters[d] + lanes[d],
                                                   schooltime.xml_text(schooltime.weekday_name(d, lang)),
                                                   -- violations of the day with no stretch of it
                                                   coalesce((SELECT string_agg(format(' <a class="mark %s" href="#v%s">%s</a>', states[x.mark], x.mark,
                                                                                      schooltime.doc_mark(states[x.mark], x.mark)), '' ORDER BY x.mark)
                                                             FROM jsonb_to_recordset(layout->'violations') AS x (mark integer, day integer, starts integer)
                                                             WHERE x.day = d AND x.starts IS NULL), '')),
                                            '' ORDER BY d)
                          FROM generate_series(1, 5) AS d));

    -- a row per band: a cell where something starts, spanning the rows of
    -- its time; nothing where something started above still runs; an empty
    -- cell elsewhere
    out := out || (
        WITH placed AS (
            SELECT c.*, CASE WHEN c.what = 'bar' THEN c.lane ELSE gutters[c.day] + c.lane END AS col,
                   (SELECT min(b.band) FROM jsonb_to_recordset(bands) AS b (band integer, starts integer, ends integer) WHERE b.starts >= c.starts) AS first_band,
                   (SELECT count(*) FROM jsonb_to_recordset(bands) AS b (band integer, starts integer, ends integer)
                    WHERE b.starts >= c.starts AND b.ends <= c.ends)::integer AS span
            FROM jsonb_to_recordset(cells) AS c (day integer, starts integer, ends integer, what text, lane integer, width integer, kind text, label text,
                                                 marks integer[], block text, options jsonb, mark integer, rule text)
        ), grid AS (
            SELECT b.band, b.starts, b.ends, d, col
            FROM jsonb_to_recordset(bands) AS b (band integer, starts integer, ends integer),
                 generate_series(1, 5) AS d, LATERAL generate_series(1, gutters[d] + lanes[d]) AS col
        )
        SELECT coalesce(string_agg(r.html, E'\n' ORDER BY r.band), '')
        FROM (SELECT g.band,
                     format('<tr><th class="time">%s-%s</th>', schooltime.minute_text(min(g.starts)), schooltime.minute_text(min(g.ends)))
                     || coalesce(string_agg(
                            CASE WHEN p.what = 'bar' THEN
                                     format('<td class="bar %s" rowspan="%s"><a class="mark %s" href="#v%s" title="%s">%s</a></td>',
                                            states[p.mark], p.span, states[p.mark], p.mark,
                                            schooltime.xml_text(p.rule || ', ' || schooltime.grid_word(states[p.mark], lang) || ', '
                                                                || schooltime.week_where(p.day, p.starts, p.ends, lang)),
                                            schooltime.doc_mark(states[p.mark], p.mark))
                                 WHEN p.what = 'entry' THEN
                                     format('<td class="entry %s%s" rowspan="%s"%s>%s%s</td>', p.kind,
                                            CASE WHEN 'error' = ANY (SELECT states[m] FROM unnest(p.marks) AS m) THEN ' error' ELSE '' END,
                                            p.span, CASE WHEN p.width > 1 THEN format(' colspan="%s"', p.width) ELSE '' END,
                                            CASE WHEN p.options IS NULL THEN format('<span class="%s">%s</span>', p.kind, schooltime.xml_text(p.label))
                                                 ELSE format('<span class="%s"><strong>%s</strong></span>', p.kind, schooltime.xml_text(p.block))
                                                      || (SELECT string_agg(format('<span class="option">%s</span>', schooltime.xml_text(o)), '' ORDER BY n)
                                                          FROM jsonb_array_elements_text(p.options) WITH ORDINALITY AS y (o, n)) END,
                                            coalesce((SELECT string_agg(format(' <a class="mark %s" href="#v%s">%s</a>', states[m], m,
                                                                               schooltime.doc_mark(states[m], m)), '' ORDER BY m)
                                                      FROM unnest(p.marks) AS m), ''))
                                 WHEN EXISTS (SELECT FROM placed AS q WHERE q.day = g.d AND q.col <= g.col AND q.col + q.width > g.col
                                                                      AND q.first_band <= g.band AND q.first_band + q.span > g.band) THEN ''
                                 WHEN g.col <= gutters[g.d] THEN '<td class="gap"></td>'
                                 ELSE '<td class="free"></td>' END,
                            '' ORDER BY g.d, g.col), '')
                     || '</tr>' AS html
              FROM grid AS g
              LEFT JOIN placed AS p ON p.day = g.d AND p.col = g.col AND p.first_band = g.band
              GROUP BY g.band) AS r);

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
            out := out || format('<li id="v%s" class="%s"><strong><span class="mark %s">%s</span> %s</strong> (%s, %s%s): %s.%s%s%s</li>',
                                 v.mark, states[v.mark], states[v.mark], schooltime.doc_mark(states[v.mark], v.mark),
                                 schooltime.xml_text(v.rule),
                                 schooltime.xml_text(schooltime.grid_word(v.severity, lang)
                                                     || CASE WHEN v.authorisation_id IS NOT NULL THEN ', ' || schooltime.grid_word('authorised', lang) ELSE '' END),
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
'internal: a week layout as a standalone HTML document (well-formed XHTML): the week as a table, a row per time band, each lesson or duty once spanning the rows of its time (overlapping ones side by side), each violation''s stretch a bar at the left of its day spanning exactly its rows with its mark (solid ✖ an error, hatched ▲ a warning, dotted ✓ an authorised one), lessons an error involves shaded, then the list of every violation; printed, one A4 landscape sheet';

------------------------------------------------------------------------
-- What the public functions now show

COMMENT ON FUNCTION schooltime.week_svg(name, bigint, bigint, text) IS
'a group''s week as a standalone SVG document (UTF-8) a browser shows: a column per weekday, Monday to Friday, each lesson drawn at its time as schooltime.week_grid() names it (parallel halves and parts side by side, a block with its options, labels wrapped to their boxes), the stretch of each violation of schooltime.check() a bar beside its day exactly as long as the stretch, with its mark (✖ an error, solid; ▲ a warning, hatched; ✓ an authorised one, dotted), the lessons involved carrying the mark and, for an error, shaded; and a legend naming every violation with its rule, severity, place in the week and message (and, if authorised, who authorised it, when and why)';
COMMENT ON FUNCTION schooltime.teacher_week_svg(name, bigint, schooltime.school_year, text) IS
'a teacher''s week in a school year as a standalone SVG document, drawn as schooltime.week_svg(): lessons (a joint lesson once, with its groups) and duties, the teacher''s violations as bars beside their stretches, marked and listed';
COMMENT ON FUNCTION schooltime.week_html(name, bigint, bigint, text) IS
'a group''s week as a standalone HTML document (well-formed XHTML, UTF-8): the week as a table, a row per time band, each lesson once spanning the rows of its time, each violation of schooltime.check() a bar beside its day spanning exactly the rows of its stretch, with its mark (✖ an error, ▲ a warning, ✓ an authorised one) linked to the list of every violation with its rule, severity, place in the week, figures, message, detail and hint, and, if authorised, who authorised it, when and why; printed, one A4 landscape sheet';
COMMENT ON FUNCTION schooltime.teacher_week_html(name, bigint, schooltime.school_year, text) IS
'a teacher''s week in a school year as a standalone HTML document, laid out as schooltime.week_html(): a joint lesson once, with its groups';
