-- Where can this lesson go? (issue 18)  Every start of the week where a
-- lesson could be written without breaking a rule a write would check,
-- ranked by a preference, and for every other start the rules that close
-- it: computed by the kernels the triggers run (src/placement.c), over the
-- weeks of the lesson's groups, teachers and centre read with the caller's
-- snapshot, locking nothing.

CREATE FUNCTION schooltime.places(model name, centre_id bigint, group_ids bigint[], minutes integer,
                                  teacher_ids bigint[] DEFAULT '{}', splits text[] DEFAULT NULL,
                                  parts text[] DEFAULT NULL, kind schooltime.session_kind DEFAULT 'lesson',
                                  replaces bigint DEFAULT NULL, subject text DEFAULT NULL,
                                  starts text DEFAULT 'periods', step integer DEFAULT 5,
                                  prefer text DEFAULT 'teacher_gaps', with_reasons boolean DEFAULT false)
RETURNS TABLE (weekday integer, slot schooltime.weekslot, open boolean, preference integer,
               new_teacher_gaps integer, same_day boolean, reasons schooltime.violation[])
AS 'MODULE_PATHNAME', 'schooltime_places'
LANGUAGE C STABLE;
COMMENT ON FUNCTION schooltime.places(name, bigint, bigint[], integer, bigint[], text[], text[], schooltime.session_kind,
                                      bigint, text, text, integer, text, boolean) IS
'every place of the week where a lesson can go: a lesson of minutes minutes for the groups group_ids of a centre (each whole, or the part splits[i]/parts[i] of it, ''split_half''/''1'' for a half), taught by teacher_ids, of a kind, replacing the session replaces (and the rest of its lesson) if given. starts ''periods'' tries the starts of the centre''s own sessions that year, ''grid'' every step minutes of the regimes'' windows, on every lective weekday. A place is open when the write would break no rule it checks: the row rules, the group and teacher rules, and the approval rules of an approved timetable and its centre''s coverage (eoi_course_hours excepted); open places come first, ranked (preference 1 is best) by prefer: ''teacher_gaps'' (fewest new idle stretches in the teachers'' days, then earliest), ''same_day'' (the replaced session''s day first) or ''earliest''. With with_reasons, each closed place carries the violations that close it, as schooltime.check() words them. Reads with the caller''s snapshot and locks nothing';

CREATE FUNCTION schooltime.place_word(word text, language text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN schooltime.grid_language(language) = 'ca' THEN w.ca ELSE w.en END
    FROM (VALUES
        ('open', 'open', 'lliure'),
        ('closed', 'closed', 'tancat'),
        ('places_of', 'Places for', 'Llocs per a'),
        ('minutes', 'minutes', 'minuts'),
        ('legend', 'An open place is marked with its rank (1 is the best); a closed one with the rules that close it.',
                   'Un lloc lliure porta el seu ordre de preferència (1 és el millor); un de tancat, les regles que el tanquen.')
    ) AS w (word, en, ca)
    WHERE w.word = place_word.word
$$;
COMMENT ON FUNCTION schooltime.place_word(text, text) IS
'internal: a word of the places grids in English or Catalan';

-- A cell of the grid: "open 3" or "closed: group_overlap, teacher_overlap".
CREATE FUNCTION schooltime.place_cell(open boolean, preference integer, reasons schooltime.violation[], language text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN open THEN schooltime.place_word('open', language) || ' ' || preference
                ELSE schooltime.place_word('closed', language)
                     || coalesce(': ' || (SELECT string_agg(DISTINCT r.rule, ', ') FROM unnest(reasons) AS r), '')
           END
$$;
COMMENT ON FUNCTION schooltime.place_cell(boolean, integer, schooltime.violation[], text) IS
'internal: a cell of a places grid, the rank of an open place or the rules that close a closed one';

CREATE FUNCTION schooltime.places_grid(model name, centre_id bigint, group_ids bigint[], minutes integer,
                                       teacher_ids bigint[] DEFAULT '{}', splits text[] DEFAULT NULL,
                                       parts text[] DEFAULT NULL, kind schooltime.session_kind DEFAULT 'lesson',
                                       replaces bigint DEFAULT NULL, starts text DEFAULT 'periods',
                                       step integer DEFAULT 5, prefer text DEFAULT 'teacher_gaps',
                                       language text DEFAULT 'en')
RETURNS TABLE (band text, mon text, tue text, wed text, thu text, fri text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $grid$
DECLARE
    lang text := schooltime.grid_language(language);
    r record;
BEGIN
    band := schooltime.grid_word('time', lang);
    mon := schooltime.weekday_name(1, lang);
    tue := schooltime.weekday_name(2, lang);
    wed := schooltime.weekday_name(3, lang);
    thu := schooltime.weekday_name(4, lang);
    fri := schooltime.weekday_name(5, lang);
    RETURN NEXT;
    FOR r IN
        SELECT to_char(schooltime.start_time(p.slot), 'HH24:MI') || '-' || to_char(schooltime.end_time(p.slot), 'HH24:MI') AS b,
               max(schooltime.place_cell(p.open, p.preference, p.reasons, lang)) FILTER (WHERE p.weekday = 1) AS d1,
               max(schooltime.place_cell(p.open, p.preference, p.reasons, lang)) FILTER (WHERE p.weekday = 2) AS d2,
               max(schooltime.place_cell(p.open, p.preference, p.reasons, lang)) FILTER (WHERE p.weekday = 3) AS d3,
               max(schooltime.place_cell(p.open, p.preference, p.reasons, lang)) FILTER (WHERE p.weekday = 4) AS d4,
               max(schooltime.place_cell(p.open, p.preference, p.reasons, lang)) FILTER (WHERE p.weekday = 5) AS d5
        FROM schooltime.places(places_grid.model, places_grid.centre_id, group_ids, minutes, teacher_ids, splits, parts,
                               kind, replaces, NULL, starts, step, prefer, true) AS p
        GROUP BY 1
        ORDER BY min(schooltime.start_time(p.slot))
    LOOP
        band := r.b;
        mon := r.d1; tue := r.d2; wed := r.d3; thu := r.d4; fri := r.d5;
        RETURN NEXT;
    END LOOP;
END
$grid$;
COMMENT ON FUNCTION schooltime.places_grid(name, bigint, bigint[], integer, bigint[], text[], text[], schooltime.session_kind,
                                           bigint, text, integer, text, text) IS
'the places of schooltime.places() as rows to read in psql: a header row (''time'' and the weekday names, in English or, with language ''ca'', Catalan), then a row per start with a column per weekday, each cell "open n" (n its rank, 1 the best) or "closed: " and the rules that close it';

CREATE FUNCTION schooltime.places_html(model name, centre_id bigint, group_ids bigint[], minutes integer,
                                       teacher_ids bigint[] DEFAULT '{}', splits text[] DEFAULT NULL,
                                       parts text[] DEFAULT NULL, kind schooltime.session_kind DEFAULT 'lesson',
                                       replaces bigint DEFAULT NULL, subject text DEFAULT NULL,
                                       starts text DEFAULT 'periods', step integer DEFAULT 5,
                                       prefer text DEFAULT 'teacher_gaps', language text DEFAULT 'en')
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $html$
DECLARE
    lang text := schooltime.grid_language(language);
    groups text;
    title text;
    body text;
BEGIN
    EXECUTE format('SELECT string_agg(g.name, '', '' ORDER BY g.name) FROM %I.class_groups AS g'
                   ' WHERE g.centre_id = $1 AND g.id = ANY ($2)', model)
        INTO groups USING centre_id, group_ids;
    title := schooltime.place_word('places_of', lang) || ' ' || coalesce('"' || subject || '", ', '') || groups
             || ' (' || minutes || ' ' || schooltime.place_word('minutes', lang) || ')';
    WITH p AS (
        SELECT * FROM schooltime.places(places_html.model, places_html.centre_id, group_ids, minutes, teacher_ids, splits,
                                        parts, kind, replaces, subject, starts, step, prefer, true)
    ), cells AS (
        SELECT schooltime.start_time(p.slot) AS t,
               to_char(schooltime.start_time(p.slot), 'HH24:MI') || '-' || to_char(schooltime.end_time(p.slot), 'HH24:MI') AS b,
               p.weekday,
               CASE WHEN p.open
                    THEN format('<td class="open"><span class="mark">&#10003; %s %s</span></td>',
                                schooltime.place_word('open', lang), p.preference)
                    ELSE format('<td class="closed"><details><summary><span class="mark">&#10007; %s</span> %s</summary><ul>%s</ul></details></td>',
                                schooltime.place_word('closed', lang),
                                (SELECT schooltime.xml_text(string_agg(DISTINCT v.rule, ', ')) FROM unnest(p.reasons) AS v),
                                (SELECT string_agg('<li>' || schooltime.xml_text(v.message) || '</li>', '' ORDER BY v.rule, v.message)
                                 FROM unnest(p.reasons) AS v))
               END AS cell
        FROM p
    ), bands AS (
        SELECT DISTINCT c.t, c.b FROM cells AS c
    )
    SELECT coalesce(string_agg(x.html, E'\n' ORDER BY x.t), '') INTO body
    FROM (SELECT bands.t, '<tr><th scope="row">' || bands.b || '</th>'
                 || string_agg(coalesce(c.cell, '<td></td>'), '' ORDER BY d.d) || '</tr>' AS html
          FROM bands CROSS JOIN generate_series(1, 5) AS d (d)
          LEFT JOIN cells AS c ON c.t = bands.t AND c.weekday = d.d
          GROUP BY bands.t, bands.b) AS x;
    RETURN '<!DOCTYPE html>' || E'\n'
        || format('<html lang="%s"><head><meta charset="utf-8"/><title>%s</title>', lang, schooltime.xml_text(title)) || E'\n'
        || '<style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}'
        || 'th,td{border:1px solid #666;padding:.3em .5em;vertical-align:top;text-align:left}'
        || 'td.open{background:#e3f4e1}td.closed{background:#f7e1e1}td.closed ul{margin:.2em 0 0 1em;padding:0;font-size:.85em}'
        || '.mark{font-weight:bold}@media print{details>ul{display:block}}</style></head><body>' || E'\n'
        || format('<h1>%s</h1><p>%s</p>', schooltime.xml_text(title), schooltime.xml_text(schooltime.place_word('legend', lang))) || E'\n'
        || '<table><thead><tr><th scope="col">' || schooltime.grid_word('time', lang) || '</th>'
        || (SELECT string_agg('<th scope="col">' || schooltime.weekday_name(d, lang) || '</th>', '' ORDER BY d)
            FROM generate_series(1, 5) AS d)
        || '</tr></thead><tbody>' || E'\n' || body || E'\n' || '</tbody></table></body></html>' || E'\n';
END
$html$;
COMMENT ON FUNCTION schooltime.places_html(name, bigint, bigint[], integer, bigint[], text[], text[], schooltime.session_kind,
                                           bigint, text, text, integer, text, text) IS
'the places of schooltime.places() as a standalone HTML document: a table of the week''s starts by weekday, each open place marked with a check and its rank, each closed one with a cross, the rules that close it and, unfolded, their messages; in English or, with language ''ca'', Catalan';
