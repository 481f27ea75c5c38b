-- Balanced schooling: the catalogue.  Which levels make up the Síndic's
-- stages, the figures the indicators and Decret 11/2021's rules use (each
-- with its article, its source and whether it is unconfirmed), the rules
-- themselves, and the published reference values of the dissimilarity
-- index.  Sources are EQUITY.md's keys, resolved in doc/equity.md.

CREATE TABLE schooltime.equity_stages (
    stage     text PRIMARY KEY CONSTRAINT stage_format CHECK (stage ~ '^[a-z][a-z0-9_]*$'),
    position  integer NOT NULL CONSTRAINT equity_stage_position_unique UNIQUE,
    name_en   text NOT NULL,
    name_ca   text NOT NULL,
    source    text NOT NULL,
    origin    schooltime.catalogue_origin NOT NULL DEFAULT 'local'
);
COMMENT ON TABLE schooltime.equity_stages IS
'The stages the segregation indicators are computed for, as the Síndic de Greuges reports them: primària (I3 to 6è, the three infant years included) and secundària (1r to 4t d''ESO).';
COMMENT ON COLUMN schooltime.equity_stages.stage IS 'code of the stage, as equity_levels and the model''s enrolment name it';
COMMENT ON COLUMN schooltime.equity_stages.position IS 'order of the stages in reports';
COMMENT ON COLUMN schooltime.equity_stages.name_en IS 'name of the stage in English';
COMMENT ON COLUMN schooltime.equity_stages.name_ca IS 'name of the stage in Catalan';
COMMENT ON COLUMN schooltime.equity_stages.source IS 'where the stage''s extent comes from';
INSERT INTO schooltime.equity_stages (stage, position, name_en, name_ca, source, origin) VALUES
    ('primaria', 10, 'primary (I3 to 6th)', 'primària (I3 a 6è)',
     'Síndic de Greuges, segregation tables: "primària" runs from P3 to 6th of primary, the 3-5 infant years included [SG-509].', 'shipped'),
    ('secundaria', 20, 'secondary (1st to 4th of ESO)', 'secundària (1r a 4t d''ESO)',
     'Síndic de Greuges, segregation tables: "secundària" is 1st to 4th of ESO [SG-509].', 'shipped');

CREATE TABLE schooltime.equity_levels (
    school_year  schooltime.school_year NOT NULL,
    regime       schooltime.regime NOT NULL,
    level        smallint NOT NULL CONSTRAINT level_in_range CHECK (level BETWEEN 1 AND 6),
    stage        text NOT NULL CONSTRAINT stage_format CHECK (stage ~ '^[a-z][a-z0-9_]*$'),
    level_name   text NOT NULL CONSTRAINT level_name_not_blank CHECK (btrim(level_name) <> ''),
    entry_level  boolean NOT NULL,
    source       text NOT NULL,
    origin       schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    PRIMARY KEY (school_year, regime, level)
);
COMMENT ON TABLE schooltime.equity_levels IS
'Which course levels (a regime and a level, as class groups have them) belong to which stage of the segregation indicators in a school year, and which is the stage''s entry level (the Síndic reports P3/I3 and 1r ESO apart; Decret 11/2021 art. 59 sets its maximum there). An enrolment row whose level is not here is refused.';
COMMENT ON COLUMN schooltime.equity_levels.regime IS 'the regime of the level: infantil, primaria, eso';
COMMENT ON COLUMN schooltime.equity_levels.level IS 'the course within the regime: 1 for I3 (P3) and for 1r';
COMMENT ON COLUMN schooltime.equity_levels.stage IS 'the stage (schooltime.equity_stages) the level counts in';
COMMENT ON COLUMN schooltime.equity_levels.level_name IS 'the level as reports name it: I3, 1r ESO';
COMMENT ON COLUMN schooltime.equity_levels.entry_level IS 'the first level of the stage, where pupils are admitted and art. 59''s maximum holds';
COMMENT ON COLUMN schooltime.equity_levels.source IS 'where the level''s place comes from';
INSERT INTO schooltime.equity_levels (school_year, regime, level, stage, level_name, entry_level, source, origin)
SELECT y::text || '-' || (y + 1)::text, l.regime, l.level, l.stage,
       CASE WHEN l.regime = 'infantil' AND y < 2022 THEN 'P' || (l.level + 2)
            WHEN l.regime = 'infantil' THEN 'I' || (l.level + 2)
            ELSE schooltime.course_text(l.level, l.level) || CASE WHEN l.regime = 'eso' THEN ' ESO' ELSE ' primària' END END,
       l.level = 1 AND l.regime IN ('infantil', 'eso'),
       'Síndic de Greuges: primària counts P3 to 6th, secundària 1st to 4th of ESO, P3 and 1r ESO reported apart [SG-509]; '
       || 'the infant years are named P3-P5 before 2022-2023 and I3-I5 after, as later reports name them [SEGRE-2024] (the year of the change is schooltime''s reading).',
       'shipped'
FROM generate_series(2015, 2025) AS y
CROSS JOIN (VALUES ('infantil'::schooltime.regime, 1, 'primaria'), ('infantil', 2, 'primaria'), ('infantil', 3, 'primaria'),
                   ('primaria', 1, 'primaria'), ('primaria', 2, 'primaria'), ('primaria', 3, 'primaria'),
                   ('primaria', 4, 'primaria'), ('primaria', 5, 'primaria'), ('primaria', 6, 'primaria'),
                   ('eso', 1, 'secundaria'), ('eso', 2, 'secundaria'), ('eso', 3, 'secundaria'), ('eso', 4, 'secundaria'))
     AS l (regime, level, stage);

CREATE TABLE schooltime.equity_figures (
    school_year  schooltime.school_year NOT NULL,
    figure       text NOT NULL CONSTRAINT figure_known CHECK (figure IN (
                     'nee_max_raise', 'min_centres', 'small_cell_threshold', 'trend_base_year',
                     'bofill_median_primaria', 'bofill_median_secundaria', 'bofill_min_population',
                     'high_share_percent', 'few_per_group')),
    value        numeric CONSTRAINT value_not_negative CHECK (value >= 0),
    unit         text NOT NULL,
    article      text NOT NULL,
    source       text NOT NULL,
    unconfirmed  boolean NOT NULL,
    note         text,
    origin       schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    PRIMARY KEY (school_year, figure),
    CONSTRAINT raise_unit CHECK (figure <> 'nee_max_raise' OR unit IN ('percent', 'points'))
);
COMMENT ON TABLE schooltime.equity_figures IS
'Every figure the balanced-schooling indicators and rules use, per school year: the raise Decret 11/2021 allows on a zone''s maximum share of pupils with specific educational needs, the fewest centres an index needs, the small-cell threshold of public reports, the base year of trends, Fundació Bofill''s medians, and the thresholds of the report''s counts; each with its article or document, its source and whether it is unconfirmed.';
COMMENT ON COLUMN schooltime.equity_figures.figure IS 'which figure: nee_max_raise, min_centres, small_cell_threshold, trend_base_year, bofill_median_primaria, bofill_median_secundaria, bofill_min_population, high_share_percent, few_per_group';
COMMENT ON COLUMN schooltime.equity_figures.value IS 'the figure; NULL: none in force that year (for nee_max_raise: art. 59''s maximum does not apply)';
COMMENT ON COLUMN schooltime.equity_figures.unit IS 'its unit; for nee_max_raise, percent (the zone''s share times 1 + value/100) or points (the share plus value percentage points)';
COMMENT ON COLUMN schooltime.equity_figures.article IS 'the article of the decree, or the document, the figure comes from';
COMMENT ON COLUMN schooltime.equity_figures.source IS 'where the figure was read (EQUITY.md''s source keys, resolved in doc/equity.md)';
COMMENT ON COLUMN schooltime.equity_figures.unconfirmed IS 'true when no source confirms the figure or its reading (EQUITY.md marks it unconfirmed)';
COMMENT ON COLUMN schooltime.equity_figures.note IS 'how schooltime reads the figure';
INSERT INTO schooltime.equity_figures (school_year, figure, value, unit, article, source, unconfirmed, note, origin)
SELECT y::text || '-' || (y + 1)::text, f.figure,
       CASE WHEN f.figure = 'nee_max_raise' AND y < 2022 THEN NULL ELSE f.value END,
       f.unit, f.article, f.source, f.unconfirmed,
       CASE WHEN f.figure = 'nee_max_raise' AND y < 2022
            THEN 'Art. 59''s maximum applies from 2022-2023 at I3 and the other entry levels (Decret 11/2021, DT 3): not in force this year.'
            ELSE f.note END,
       'shipped'::schooltime.catalogue_origin
FROM generate_series(2015, 2025) AS y
CROSS JOIN (VALUES
    ('nee_max_raise', 10::numeric, 'percent', 'Decret 11/2021, art. 59.2.a, 59.3.b, 59.4; DT 3',
     'Decret 11/2021 [D11]: the maximum is by default the share of the zone''s pupils with specific educational needs each centre would have under a fully balanced distribution, and may be raised "up to 10%".',
     true,
     'Whether the 10 % is of the share (percent) or percentage points (points) is unconfirmed; schooltime reads it as percent of the share. A centre is reported when above the highest maximum the decree allows, unless the zone''s own maximum is recorded in the model (zone_nee_maximums).'),
    ('min_centres', 2, 'centres', 'Síndic de Greuges, segregation tables',
     'The Síndic computes the index for areas with at least two centres of the stage [SG-509].', false,
     'An index of an area with fewer centres of the stage is not reported.'),
    ('small_cell_threshold', 5, 'pupils', 'Decret 11/2021, art. 6.2',
     'Art. 6.2 [D11] keeps per-centre NEE, nationality and composition data from publication; no source gives a threshold for aggregated figures (EQUITY.md 6).', true,
     'The public report leaves out every count, share and index of a category with fewer pupils than this, or with fewer other pupils than this.'),
    ('trend_base_year', 2018, 'school year starting', 'Pacte contra la segregació escolar (2019)',
     'The Síndic reports the reductions of the index from 2018-2019 [SG-509] [PUB-2024] [SG-2025].', false,
     'Trends compare each year with the school year starting this year (2018: 2018-2019).'),
    ('high_share_percent', 50, 'percent', 'Síndic de Greuges',
     'The Síndic counts schools with over 50 % foreign pupils [ELPAIS-2016] [RAZON-2022].', false,
     'Reports count the centres whose share of the category is above this.'),
    ('few_per_group', 1, 'pupils per group', 'Fundació Bofill',
     'Bofill: a normative minimum of 2 vulnerable pupils per classroom; "elitist" schools enrol 0-1 [SEGRE-2025] [DdG-2025].', true,
     'Reports count the centres with at most this many pupils of the category per class group; with NEE B it is Bofill''s count (that NEE B are its "vulnerable" pupils is schooltime''s reading).')
) AS f (figure, value, unit, article, source, unconfirmed, note)
UNION ALL
-- Bofill's medians are of 2018-2019 data: other years ship them empty (no classification)
SELECT y::text || '-' || (y + 1)::text, f.figure, CASE WHEN y = 2018 OR f.figure = 'bofill_min_population' THEN f.value END,
       f.unit, 'Fundació Bofill, Estat i evolució de la segregació escolar a Catalunya 2020',
       'Bofill''s 2020 report (2018-2019 data, municipalities over 10,000 inhabitants): "high" segregation is above the median in primary (0.3) or secondary (0.2), "very high" high at all levels, otherwise "low" [NAC-2020] [BOF-MAP].',
       true, CASE WHEN y = 2018 OR f.figure = 'bofill_min_population' THEN f.note
                  ELSE 'Bofill''s medians were published for 2018-2019 data only: no classification this year unless a department sets them.' END,
       'shipped'::schooltime.catalogue_origin
FROM generate_series(2015, 2025) AS y, (VALUES
    ('bofill_median_primaria', 0.3, 'index', 'Median of the primary index; whether "above" is strict is unconfirmed: schooltime reads it as strictly above. Applied to the index of foreign pupils (unconfirmed).'),
    ('bofill_median_secundaria', 0.2, 'index', 'Median of the secondary index; read as for primary.'),
    ('bofill_min_population', 10000, 'inhabitants', 'The classification covers municipalities over this population; a municipality whose population is not recorded is not classified.')
) AS f (figure, value, unit, note);

CREATE TABLE schooltime.segregation_references (
    area         text NOT NULL,
    school_year  schooltime.school_year NOT NULL,
    stage        text NOT NULL CONSTRAINT stage_format CHECK (stage ~ '^[a-z][a-z0-9_]*$'),
    entry_level  boolean NOT NULL,
    category     text NOT NULL CONSTRAINT category_known CHECK (category IN ('foreign', 'nee')),
    value        numeric(4,2) NOT NULL CONSTRAINT value_in_range CHECK (value BETWEEN 0 AND 1),
    source       text NOT NULL,
    note         text,
    origin       schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    PRIMARY KEY (area, school_year, stage, entry_level, category)
);
COMMENT ON TABLE schooltime.segregation_references IS
'Published values of the dissimilarity index (EQUITY.md 2), for Catalonia and some municipalities: the synthesis report sets a municipality''s index beside Catalonia''s of the same year. Not figures any rule uses.';
COMMENT ON COLUMN schooltime.segregation_references.area IS 'Catalunya, or the municipality';
COMMENT ON COLUMN schooltime.segregation_references.stage IS 'primaria or secundaria (schooltime.equity_stages)';
COMMENT ON COLUMN schooltime.segregation_references.entry_level IS 'true: the entry level alone (P3, 1r ESO); false: the whole stage';
COMMENT ON COLUMN schooltime.segregation_references.category IS 'foreign pupils, or pupils with specific educational needs (NESE in the Síndic''s tables)';
COMMENT ON COLUMN schooltime.segregation_references.value IS 'the published index, as published (two decimals)';
COMMENT ON COLUMN schooltime.segregation_references.source IS 'where it was published';
COMMENT ON COLUMN schooltime.segregation_references.note IS 'restatements and doubts';
INSERT INTO schooltime.segregation_references (area, school_year, stage, entry_level, category, value, source, note, origin)
SELECT r.area, r.school_year, r.stage, r.entry_level, r.category, r.value, r.source, r.note, 'shipped'
FROM (VALUES
    ('Catalunya', '2001-2002', 'primaria', false, 'foreign', 0.51, '[SG-509]', NULL),
    ('Catalunya', '2001-2002', 'secundaria', false, 'foreign', 0.41, '[SG-509]', NULL),
    ('Catalunya', '2011-2012', 'primaria', false, 'foreign', 0.47, '[SG-509]', NULL),
    ('Catalunya', '2011-2012', 'secundaria', false, 'foreign', 0.38, '[SG-509]', NULL),
    ('Catalunya', '2015-2016', 'primaria', false, 'foreign', 0.47, '[SG-509]', NULL),
    ('Catalunya', '2015-2016', 'secundaria', false, 'foreign', 0.38, '[SG-509]', NULL),
    ('Catalunya', '2015-2016', 'primaria', true, 'foreign', 0.51, '[SG-509]', NULL),
    ('Catalunya', '2015-2016', 'secundaria', true, 'foreign', 0.39, '[SG-509]', NULL),
    ('Catalunya', '2017-2018', 'primaria', false, 'foreign', 0.44, '[SG-509]', NULL),
    ('Catalunya', '2017-2018', 'secundaria', false, 'foreign', 0.36, '[SG-509]', NULL),
    ('Catalunya', '2017-2018', 'primaria', true, 'foreign', 0.47, '[SG-509]', NULL),
    ('Catalunya', '2017-2018', 'secundaria', true, 'foreign', 0.38, '[SG-509]', NULL),
    ('Catalunya', '2018-2019', 'primaria', false, 'foreign', 0.44, '[SG-509] [RAZON-2022]', 'Restated as 0.43 in later reports [PUB-2024] [SG-2025].'),
    ('Catalunya', '2018-2019', 'secundaria', false, 'foreign', 0.35, '[SG-509]', NULL),
    ('Catalunya', '2018-2019', 'primaria', true, 'foreign', 0.45, '[SG-509]', NULL),
    ('Catalunya', '2018-2019', 'secundaria', true, 'foreign', 0.37, '[SG-509]', NULL),
    ('Catalunya', '2021-2022', 'primaria', false, 'foreign', 0.39, '[RAZON-2022]', NULL),
    ('Catalunya', '2021-2022', 'secundaria', false, 'foreign', 0.32, '[RAZON-2022]', NULL),
    ('Catalunya', '2022-2023', 'primaria', false, 'foreign', 0.36, '[LMR-2022] [ELNAC-2023]', NULL),
    ('Catalunya', '2023-2024', 'primaria', false, 'foreign', 0.33, '[PUB-2024] [BOF-5Y]', NULL),
    ('Catalunya', '2023-2024', 'secundaria', false, 'foreign', 0.28, '[PUB-2024] [BOF-5Y]', NULL),
    ('Catalunya', '2024-2025', 'primaria', false, 'foreign', 0.30, '[DEM-2025]', 'Síndic''s communiqué.'),
    ('Catalunya', '2024-2025', 'secundaria', false, 'foreign', 0.25, '[DEM-2025]', 'Síndic''s communiqué.'),
    ('Catalunya', '2015-2016', 'primaria', false, 'nee', 0.48, '[SG-NESE]', NULL),
    ('Catalunya', '2016-2017', 'primaria', false, 'nee', 0.36, '[SG-NESE]', NULL),
    ('Catalunya', '2017-2018', 'primaria', false, 'nee', 0.38, '[SG-NESE]', NULL),
    ('Catalunya', '2018-2019', 'primaria', false, 'nee', 0.37, '[SG-NESE]', NULL),
    ('Catalunya', '2015-2016', 'secundaria', false, 'nee', 0.45, '[SG-NESE]', NULL),
    ('Catalunya', '2016-2017', 'secundaria', false, 'nee', 0.34, '[SG-NESE]', NULL),
    ('Catalunya', '2017-2018', 'secundaria', false, 'nee', 0.33, '[SG-NESE]', NULL),
    ('Catalunya', '2018-2019', 'secundaria', false, 'nee', 0.29, '[SG-NESE]', NULL),
    ('Catalunya', '2015-2016', 'primaria', true, 'nee', 0.69, '[SG-NESE]', NULL),
    ('Catalunya', '2016-2017', 'primaria', true, 'nee', 0.53, '[SG-NESE]', NULL),
    ('Catalunya', '2017-2018', 'primaria', true, 'nee', 0.59, '[SG-NESE]', NULL),
    ('Catalunya', '2018-2019', 'primaria', true, 'nee', 0.60, '[SG-NESE]', NULL),
    ('Catalunya', '2015-2016', 'secundaria', true, 'nee', 0.52, '[SG-NESE]', NULL),
    ('Catalunya', '2016-2017', 'secundaria', true, 'nee', 0.41, '[SG-NESE]', NULL),
    ('Catalunya', '2017-2018', 'secundaria', true, 'nee', 0.40, '[SG-NESE]', NULL),
    ('Catalunya', '2018-2019', 'secundaria', true, 'nee', 0.34, '[SG-NESE]', NULL),
    ('Badalona', '2017-2018', 'primaria', false, 'nee', 0.49, '[SG-NESE]', NULL),
    ('Badalona', '2018-2019', 'primaria', false, 'nee', 0.47, '[SG-NESE]', NULL),
    ('Badalona', '2017-2018', 'primaria', true, 'nee', 0.71, '[SG-NESE]', NULL),
    ('Badalona', '2018-2019', 'primaria', true, 'nee', 0.70, '[SG-NESE]', NULL),
    ('Badalona', '2017-2018', 'secundaria', false, 'nee', 0.35, '[SG-NESE]', NULL),
    ('Badalona', '2018-2019', 'secundaria', false, 'nee', 0.38, '[SG-NESE]', NULL),
    ('Lleida', '2018-2019', 'primaria', false, 'foreign', 0.49, '[SEGRE-2024] [REG7-2024]', NULL),
    ('Lleida', '2022-2023', 'primaria', false, 'foreign', 0.38, '[SEGRE-2024] [REG7-2024]', NULL),
    ('Lleida', '2018-2019', 'secundaria', false, 'foreign', 0.28, '[SEGRE-2024] [REG7-2024]', 'ESO.'),
    ('Lleida', '2022-2023', 'secundaria', false, 'foreign', 0.22, '[SEGRE-2024] [REG7-2024]', 'ESO.'),
    ('Lleida', '2023-2024', 'primaria', true, 'foreign', 0.31, '[SEGRE-2024] [REG7-2024]', 'I3.'),
    ('Girona', '2018-2019', 'primaria', false, 'foreign', 0.43, '[DdG-2023]', NULL),
    ('Girona', '2022-2023', 'primaria', false, 'foreign', 0.32, '[DdG-2023]', NULL),
    ('Girona', '2018-2019', 'secundaria', false, 'foreign', 0.27, '[DdG-2023]', NULL),
    ('Girona', '2022-2023', 'secundaria', false, 'foreign', 0.19, '[DdG-2023]', NULL),
    ('Salt', '2018-2019', 'primaria', false, 'foreign', 0.39, '[EMP-2023]', NULL),
    ('Salt', '2022-2023', 'primaria', false, 'foreign', 0.32, '[EMP-2023]', NULL),
    ('Figueres', '2018-2019', 'primaria', false, 'foreign', 0.37, '[EMP-2023]', NULL),
    ('Figueres', '2022-2023', 'primaria', false, 'foreign', 0.32, '[EMP-2023]', NULL),
    ('Manresa', '2017-2018', 'primaria', false, 'foreign', 0.43, '[REG7-2019]', NULL),
    ('Manresa', '2018-2019', 'primaria', false, 'foreign', 0.43, '[REG7-2019]', NULL)
) AS r (area, school_year, stage, entry_level, category, value, source, note);

SELECT schooltime.register_catalogue_table('schooltime.equity_stages', '{stage}');
SELECT schooltime.register_catalogue_table('schooltime.equity_levels', '{school_year,regime,level}');
SELECT schooltime.register_catalogue_table('schooltime.equity_figures', '{school_year,figure}');
SELECT schooltime.register_catalogue_table('schooltime.segregation_references', '{area,school_year,stage,entry_level,category}');
GRANT SELECT ON schooltime.equity_stages, schooltime.equity_levels, schooltime.equity_figures,
    schooltime.segregation_references TO PUBLIC;

------------------------------------------------------------------------
-- The rules of Decret 11/2021 that figures can check

INSERT INTO schooltime.rules (code, sections, severity, checked, subject, description_en, description_ca, origin) VALUES
('nee_entry_share', '{"Decret 11/2021, art. 59"}', 'warning', 'report', 'centre',
 'At the entry level of a stage, a centre''s share of pupils with specific educational needs (NEE A and B) stays within its zone''s maximum: the share each centre would have under a balanced distribution, raised by at most 10 %.',
 'Al nivell inicial de cada etapa, la proporció d''alumnes amb necessitats educatives específiques (NEE A i B) d''un centre no supera la màxima de la zona: la que correspondria a cada centre amb una distribució equilibrada, incrementada fins a un 10 %.', 'shipped'),
('late_nee_enrolment', '{"Decret 11/2021, art. 49.2, 57.5, 60.3"}', 'warning', 'report', 'centre',
 'Pupils with specific educational needs who arrive once the course has started are not assigned to a centre already above its zone''s maximum share of them.',
 'Els alumnes amb necessitats educatives específiques que s''incorporen un cop començat el curs no s''assignen a un centre que ja supera la proporció màxima de la zona.', 'shipped'),
('nee_reserve', '{"Decret 11/2021, art. 55"}', 'warning', 'report', 'centre',
 'The places a centre reserves for pupils with specific educational needs cover the intake its zone''s share of them foresees for the places it offers.',
 'Les places que un centre reserva per a alumnes amb necessitats educatives específiques cobreixen els que en preveu la proporció de la zona per a les places que ofereix.', 'shipped');

------------------------------------------------------------------------
-- A new school year: the equity figures and levels are carried over too

CREATE OR REPLACE FUNCTION schooltime.carry_over_school_year(source schooltime.school_year, target schooltime.school_year)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $carry$
DECLARE
    copied integer := 0;
    n integer;
    t record;
BEGIN
    IF source = target THEN
        RAISE EXCEPTION 'cannot carry school year % over to itself', source
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR t IN
        SELECT * FROM (VALUES
            ('timetable_limits', ARRAY['regime']),
            ('staff_limits', ARRAY[]::text[]),
            ('escort_ratios', ARRAY['stage', 'multi_day']),
            ('outing_limits', ARRAY[]::text[]),
            ('attendance_thresholds', ARRAY['regime']),
            ('split_requirements', ARRAY['regime', 'requirement']),
            ('optional_group_limits', ARRAY['regime']),
            ('group_teacher_limits', ARRAY['regime', 'first_level']),
            ('equity_levels', ARRAY['regime', 'level']),
            ('equity_figures', ARRAY['figure'])) AS v (table_name, other_keys)
    LOOP
        EXECUTE format(
            'INSERT INTO schooltime.%1$I '
            'SELECT (jsonb_populate_record(NULL::schooltime.%1$I, to_jsonb(s) || jsonb_build_object('
            '  ''school_year'', $2::text, ''origin'', ''local'','
            '  ''source'', format(''Carried over from %%s by %%s on %%s; check it against the order of %%s.'','
            '                     $1::text, current_user, to_char(current_date, ''YYYY-MM-DD''), $2::text)))).* '
            'FROM schooltime.%1$I AS s '
            'WHERE s.school_year = $1 AND NOT EXISTS ('
            '  SELECT FROM schooltime.%1$I AS u WHERE u.school_year = $2 %2$s)',
            t.table_name,
            (SELECT coalesce(string_agg(format('AND u.%1$I = s.%1$I', k), ' '), '') FROM unnest(t.other_keys) AS k))
        USING source, target;
        GET DIAGNOSTICS n = ROW_COUNT;
        copied := copied + n;
    END LOOP;
    RETURN copied;
END
$carry$;
COMMENT ON FUNCTION schooltime.carry_over_school_year(schooltime.school_year, schooltime.school_year) IS
'copies every year-keyed figure of the catalogue (timetable, staff, escort, outing and attendance limits, split requirements, optional-group averages, teachers per group, the equity levels and figures) from one school year to another that lacks it, as local rows whose source says so; returns how many rows it copied. The calendar''s dates are not copied: enter each year''s from its order.';
