-- A violation's figures in the document's language: 0.2's week_figures()
-- wrote the unit as check() stores it ('180 / 150 minutes'), so a document
-- asked for in Catalan read '180 / 150 minutes' beside Catalan words.  The
-- unit column itself stays English: it is data an analyst filters on, like
-- the rule's code (doc/messages.md).

CREATE FUNCTION schooltime.unit_word(unit text, language text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN language = 'ca' THEN coalesce(w.ca, unit) ELSE unit END
    FROM (SELECT) AS one
    LEFT JOIN (VALUES
        ('minutes', 'minuts'),
        ('minute of the day', 'minut del dia'),
        ('hours', 'hores'),
        ('days', 'dies'),
        ('sessions', 'sessions'),
        ('split sessions', 'sessions desdoblades'),
        ('teachers', 'docents'),
        ('pupils', 'alumnes'),
        ('adults', 'adults'),
        ('groups', 'grups'),
        ('percent', 'per cent'),
        ('points', 'punts'),
        ('index', 'índex')
    ) AS w (en, ca) ON w.en = unit_word.unit
$$;
COMMENT ON FUNCTION schooltime.unit_word(text, text) IS
'internal: a violation''s unit (as check() stores it, in English) in a week document''s language, ''ca'' or ''en''; a unit it does not know is written as stored';

CREATE FUNCTION schooltime.week_figures(measured numeric, limit_value numeric, unit text, language text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN measured IS NULL THEN NULL
                ELSE schooltime.number_text(measured) || ' / ' || coalesce(schooltime.number_text(limit_value), '-')
                     || coalesce(' ' || schooltime.unit_word(unit, language), '') END
$$;
COMMENT ON FUNCTION schooltime.week_figures(numeric, numeric, text, text) IS
'internal: a violation''s figure against its limit in a week document''s language, ''181 / 180 minutes'' or ''181 / 180 minuts''';

-- week_grid_of() as 0.2 wrote it but for the figures' unit, which now
-- follows the layout's language.
CREATE OR REPLACE FUNCTION schooltime.week_grid_of(layout jsonb)
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
        thu := schooltime.week_figures(v.measured, v.limit_value, v.unit, lang);
        fri := NULL;
        RETURN NEXT;
    END LOOP;
END
$grid$;
