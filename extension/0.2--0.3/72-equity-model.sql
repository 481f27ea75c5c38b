-- Balanced schooling: the model part "equity".  Municipalities and the
-- admission zones, each centre's zone per school year and stage, enrolment
-- per school year, centre and level with the pupil categories the
-- indicators and rules need, places offered and reserved, and the maximum
-- shares a zone has been set.  COPY-loadable; a row that cannot be is
-- refused by a row trigger with a clear error (and by CHECK constraints of
-- the same names, should the trigger be off).  The views that read it are
-- in 74-equity-report.sql.

CREATE FUNCTION schooltime.enrolment_row_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $check$
DECLARE
    known record;
    what text;
    category record;
BEGIN
    what := format('enrolment of centre %s in %s level %s, %s', NEW.centre_id, NEW.regime, NEW.level, NEW.school_year);
    -- the level belongs to a stage in the catalogue, and to the one given if one is
    SELECT l.stage, l.level_name INTO known FROM schooltime.equity_levels AS l
    WHERE l.school_year OPERATOR(pg_catalog.=) NEW.school_year AND l.regime OPERATOR(pg_catalog.=) NEW.regime
      AND l.level OPERATOR(pg_catalog.=) NEW.level;
    IF NOT FOUND THEN
        RAISE EXCEPTION '%: the catalogue has no level % of % in that school year', what, NEW.level, NEW.regime
            USING ERRCODE = 'check_violation', CONSTRAINT = 'enrolment_level_known',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = format('The segregation indicators count the levels of schooltime.equity_levels: %s.',
                                  coalesce((SELECT string_agg(format('%s 1-%s', l.regime, l.last_level), ', ' ORDER BY l.regime)
                                            FROM (SELECT regime, max(level) AS last_level FROM schooltime.equity_levels
                                                  WHERE school_year OPERATOR(pg_catalog.=) NEW.school_year GROUP BY regime) AS l),
                                           'none in ' || NEW.school_year)),
                  HINT = 'Correct the regime or the level, or add the level to schooltime.equity_levels (schooltime.carry_over_school_year() copies a year''s levels to another).';
    END IF;
    IF NEW.stage IS NULL THEN
        NEW.stage := known.stage;
    ELSIF NEW.stage OPERATOR(pg_catalog.<>) known.stage THEN
        RAISE EXCEPTION '%: stage % has no level % of % (it is % of stage %)', what, NEW.stage, NEW.level, NEW.regime, known.level_name, known.stage
            USING ERRCODE = 'check_violation', CONSTRAINT = 'enrolment_level_in_stage',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = format('In %s, schooltime.equity_levels puts %s in stage %s.', NEW.school_year, known.level_name, known.stage),
                  HINT = 'Leave the stage out: it is filled in from the level.';
    END IF;
    -- counts: none negative, every category part of the level's pupils
    FOR category IN
        SELECT * FROM (VALUES ('pupils', NEW.pupils), ('groups', NEW.groups), ('foreign_pupils', NEW.foreign_pupils),
                              ('nee_a_pupils', NEW.nee_a_pupils), ('nee_b_pupils', NEW.nee_b_pupils),
                              ('late_pupils', NEW.late_pupils), ('late_nee_a_pupils', NEW.late_nee_a_pupils),
                              ('late_nee_b_pupils', NEW.late_nee_b_pupils), ('places_offered', NEW.places_offered),
                              ('places_reserved_nee_a', NEW.places_reserved_nee_a),
                              ('places_reserved_nee_b', NEW.places_reserved_nee_b)) AS c (name, value)
        WHERE c.value OPERATOR(pg_catalog.<) 0
    LOOP
        RAISE EXCEPTION '%: % cannot be negative (%)', what, category.name, category.value
            USING ERRCODE = 'check_violation', CONSTRAINT = 'enrolment_counts_not_negative',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  HINT = 'Enter how many there are, 0 if none.';
    END LOOP;
    FOR category IN
        SELECT * FROM (VALUES ('foreign pupils', NEW.foreign_pupils, 'pupils', NEW.pupils),
                              ('pupils with specific educational needs (NEE A and B)',
                               NEW.nee_a_pupils OPERATOR(pg_catalog.+) NEW.nee_b_pupils, 'pupils', NEW.pupils),
                              ('late arrivals', NEW.late_pupils, 'pupils', NEW.pupils),
                              ('late arrivals with specific educational needs (NEE A and B)',
                               NEW.late_nee_a_pupils OPERATOR(pg_catalog.+) NEW.late_nee_b_pupils, 'late arrivals', NEW.late_pupils),
                              ('late arrivals with NEE A', NEW.late_nee_a_pupils, 'pupils with NEE A', NEW.nee_a_pupils),
                              ('late arrivals with NEE B', NEW.late_nee_b_pupils, 'pupils with NEE B', NEW.nee_b_pupils))
             AS c (part, part_value, whole, whole_value)
        WHERE c.part_value OPERATOR(pg_catalog.>) c.whole_value
    LOOP
        RAISE EXCEPTION '%: % (%) outnumber its % (%)', what, category.part, category.part_value, category.whole, category.whole_value
            USING ERRCODE = 'check_violation', CONSTRAINT = 'enrolment_category_within_total',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = 'Each category counts pupils of the level: foreign pupils, NEE A and NEE B (each pupil in one of the two) and late arrivals are parts of its pupils, late arrivals with NEE parts of both.',
                  HINT = 'Count the category among the level''s pupils, or correct the total.';
    END LOOP;
    IF NEW.places_reserved_nee_a OPERATOR(pg_catalog.+) NEW.places_reserved_nee_b OPERATOR(pg_catalog.>) NEW.places_offered THEN
        RAISE EXCEPTION '%: % places reserved for NEE A and % for NEE B, more than the % offered', what,
                NEW.places_reserved_nee_a, NEW.places_reserved_nee_b, NEW.places_offered
            USING ERRCODE = 'check_violation', CONSTRAINT = 'enrolment_reserve_within_offer',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = 'Reserved places are part of the places offered (Decret 11/2021, art. 55).',
                  HINT = 'Correct the places offered or the reserve.';
    END IF;
    IF (NEW.places_offered IS NULL) OPERATOR(pg_catalog.<>) (NEW.places_reserved_nee_a IS NULL)
       OR (NEW.places_offered IS NULL) OPERATOR(pg_catalog.<>) (NEW.places_reserved_nee_b IS NULL) THEN
        RAISE EXCEPTION '%: places offered and reserved are recorded together', what
            USING ERRCODE = 'check_violation', CONSTRAINT = 'enrolment_places_together',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = format('Places offered: %s; reserved for NEE A: %s; for NEE B: %s.',
                                  coalesce(NEW.places_offered::text, 'none'), coalesce(NEW.places_reserved_nee_a::text, 'none'),
                                  coalesce(NEW.places_reserved_nee_b::text, 'none')),
                  HINT = 'Give all three (0 where nothing is reserved), or none.';
    END IF;
    RETURN NEW;
END
$check$;
COMMENT ON FUNCTION schooltime.enrolment_row_check() IS
'BEFORE INSERT OR UPDATE FOR EACH ROW trigger on a model''s enrolment: refuses a level the catalogue''s equity_levels lacks for the year, a stage the level is not in (and fills the stage in from the level when left out), negative counts, a category larger than the pupils it is part of, and places reserved beyond those offered, each with a check_violation naming the constraint';

CREATE FUNCTION schooltime.model_part_equity(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $part$
BEGIN
    EXECUTE format($sql$
        CREATE TABLE IF NOT EXISTS %1$I.municipalities (
            name             text PRIMARY KEY CONSTRAINT municipality_name_not_blank CHECK (btrim(name) <> ''),
            code             text UNIQUE,
            population       integer CONSTRAINT population_not_negative CHECK (population >= 0),
            population_year  integer
        );
        COMMENT ON TABLE %1$I.municipalities IS 'Municipalities, by the name centres.municipality gives them: their population picks which reports apply (the Síndic''s tables cover towns over 10,000 or 5,000 inhabitants, Bofill''s classification over 10,000).';
        COMMENT ON COLUMN %1$I.municipalities.name IS 'the municipality, written as in centres.municipality';
        COMMENT ON COLUMN %1$I.municipalities.code IS 'the official code of the municipality (Idescat / INE)';
        COMMENT ON COLUMN %1$I.municipalities.population IS 'inhabitants; NULL: not recorded';
        COMMENT ON COLUMN %1$I.municipalities.population_year IS 'the year of the population figure';

        CREATE TABLE IF NOT EXISTS %1$I.zones (
            id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            code          text NOT NULL UNIQUE,
            name          text NOT NULL CONSTRAINT zone_name_not_blank CHECK (btrim(name) <> ''),
            municipality  text
        );
        COMMENT ON TABLE %1$I.zones IS 'Educational zones (zones educatives), the units of admission, reserve and balanced schooling (Decret 11/2021, art. 4-5): part of a municipality, a municipality, or several.';
        COMMENT ON COLUMN %1$I.zones.code IS 'the zone''s code in the resolution that sets it';
        COMMENT ON COLUMN %1$I.zones.municipality IS 'the municipality the zone lies in; NULL for a zone over several municipalities';

        CREATE TABLE IF NOT EXISTS %1$I.centre_zones (
            centre_id    bigint NOT NULL REFERENCES %1$I.centres ON UPDATE CASCADE ON DELETE CASCADE,
            school_year  schooltime.school_year NOT NULL,
            stage        text NOT NULL CONSTRAINT centre_zone_stage_format CHECK (stage ~ '^[a-z][a-z0-9_]*$'),
            zone_id      bigint NOT NULL REFERENCES %1$I.zones ON UPDATE CASCADE,
            PRIMARY KEY (centre_id, school_year, stage)
        );
        CREATE INDEX IF NOT EXISTS centre_zones_zone_id_idx ON %1$I.centre_zones (zone_id);
        COMMENT ON TABLE %1$I.centre_zones IS 'The zone a centre belongs to, per school year and stage: zones may differ for primary and for ESO (Decret 11/2021, art. 4.6).';
        COMMENT ON COLUMN %1$I.centre_zones.stage IS 'the stage (schooltime.equity_stages): primaria or secundaria';

        CREATE TABLE IF NOT EXISTS %1$I.enrolment (
            centre_id              bigint NOT NULL REFERENCES %1$I.centres ON UPDATE CASCADE,
            school_year            schooltime.school_year NOT NULL,
            regime                 schooltime.regime NOT NULL,
            level                  smallint NOT NULL,
            stage                  text NOT NULL,
            groups                 integer NOT NULL DEFAULT 0,
            pupils                 integer NOT NULL,
            foreign_pupils         integer NOT NULL DEFAULT 0,
            nee_a_pupils           integer NOT NULL DEFAULT 0,
            nee_b_pupils           integer NOT NULL DEFAULT 0,
            late_pupils            integer NOT NULL DEFAULT 0,
            late_nee_a_pupils      integer NOT NULL DEFAULT 0,
            late_nee_b_pupils      integer NOT NULL DEFAULT 0,
            places_offered         integer,
            places_reserved_nee_a  integer,
            places_reserved_nee_b  integer,
            PRIMARY KEY (centre_id, school_year, regime, level),
            CONSTRAINT enrolment_counts_not_negative CHECK (groups >= 0 AND pupils >= 0 AND foreign_pupils >= 0
                AND nee_a_pupils >= 0 AND nee_b_pupils >= 0 AND late_pupils >= 0 AND late_nee_a_pupils >= 0
                AND late_nee_b_pupils >= 0 AND places_offered >= 0 AND places_reserved_nee_a >= 0 AND places_reserved_nee_b >= 0),
            CONSTRAINT enrolment_category_within_total CHECK (foreign_pupils <= pupils AND nee_a_pupils + nee_b_pupils <= pupils
                AND late_pupils <= pupils AND late_nee_a_pupils + late_nee_b_pupils <= late_pupils
                AND late_nee_a_pupils <= nee_a_pupils AND late_nee_b_pupils <= nee_b_pupils),
            CONSTRAINT enrolment_reserve_within_offer CHECK (places_reserved_nee_a + places_reserved_nee_b <= places_offered),
            CONSTRAINT enrolment_places_together CHECK (num_nulls(places_offered, places_reserved_nee_a, places_reserved_nee_b) IN (0, 3))
        );
        CREATE INDEX IF NOT EXISTS enrolment_school_year_stage_idx ON %1$I.enrolment (school_year, stage);
        COMMENT ON TABLE %1$I.enrolment IS 'Pupils enrolled per school year, centre and level, with the categories the segregation indicators and Decret 11/2021''s rules count, and the places offered and reserved. Per-centre composition: for administrators only (art. 6.2); publish the model''s equity_indicators_public instead.';
        COMMENT ON COLUMN %1$I.enrolment.regime IS 'the level''s regime: infantil, primaria or eso (schooltime.equity_levels)';
        COMMENT ON COLUMN %1$I.enrolment.level IS 'the course within the regime: 1 for I3 (P3) and for 1r';
        COMMENT ON COLUMN %1$I.enrolment.stage IS 'the stage the level counts in; filled in from schooltime.equity_levels when left out';
        COMMENT ON COLUMN %1$I.enrolment.groups IS 'class groups of the level in the centre';
        COMMENT ON COLUMN %1$I.enrolment.pupils IS 'pupils enrolled in the level, late arrivals included';
        COMMENT ON COLUMN %1$I.enrolment.foreign_pupils IS 'pupils of foreign nationality (the Síndic''s index counts them)';
        COMMENT ON COLUMN %1$I.enrolment.nee_a_pupils IS 'pupils with special educational needs (NEE A, Decret 11/2021 art. 54.2)';
        COMMENT ON COLUMN %1$I.enrolment.nee_b_pupils IS 'pupils with specific educational needs from socio-economic or socio-cultural situations (NEE B, art. 54.3), not counted as NEE A';
        COMMENT ON COLUMN %1$I.enrolment.late_pupils IS 'pupils who arrived once the course had started (matrícula viva, art. 47-49)';
        COMMENT ON COLUMN %1$I.enrolment.late_nee_a_pupils IS 'of the late arrivals, those with NEE A';
        COMMENT ON COLUMN %1$I.enrolment.late_nee_b_pupils IS 'of the late arrivals, those with NEE B';
        COMMENT ON COLUMN %1$I.enrolment.places_offered IS 'places offered at admission; NULL when not recorded (then no reserve either)';
        COMMENT ON COLUMN %1$I.enrolment.places_reserved_nee_a IS 'of the places offered, those reserved for NEE A pupils (art. 55)';
        COMMENT ON COLUMN %1$I.enrolment.places_reserved_nee_b IS 'of the places offered, those reserved for NEE B pupils (art. 55)';

        CREATE TABLE IF NOT EXISTS %1$I.zone_nee_maximums (
            zone_id          bigint NOT NULL REFERENCES %1$I.zones ON UPDATE CASCADE ON DELETE CASCADE,
            school_year      schooltime.school_year NOT NULL,
            regime           schooltime.regime NOT NULL,
            level            smallint NOT NULL CONSTRAINT zone_maximum_level_in_range CHECK (level BETWEEN 1 AND 6),
            maximum_percent  numeric(5,2) NOT NULL CONSTRAINT zone_maximum_in_range CHECK (maximum_percent BETWEEN 0 AND 100),
            resolution       text NOT NULL CONSTRAINT zone_maximum_resolution_not_blank CHECK (btrim(resolution) <> ''),
            PRIMARY KEY (zone_id, school_year, regime, level)
        );
        COMMENT ON TABLE %1$I.zone_nee_maximums IS 'The maximum share of pupils with specific educational needs (NEE A and B) the Department set for the centres of a zone at a level (Decret 11/2021, art. 59): where recorded, rule nee_entry_share and late_nee_enrolment judge against it instead of the zone''s share raised by the catalogue''s nee_max_raise.';
        COMMENT ON COLUMN %1$I.zone_nee_maximums.maximum_percent IS 'the maximum, in percent of the level''s pupils';
        COMMENT ON COLUMN %1$I.zone_nee_maximums.resolution IS 'the resolution that set it';
    $sql$, schema_name);

    PERFORM schooltime.model_replace_trigger(format('%I.enrolment', schema_name)::regclass, 'schooltime_enrolment_check',
        format('CREATE TRIGGER schooltime_enrolment_check BEFORE INSERT OR UPDATE ON %I.enrolment '
               'FOR EACH ROW EXECUTE FUNCTION schooltime.enrolment_row_check()', schema_name));
    PERFORM schooltime.model_equity_views(schema_name);
END
$part$;
COMMENT ON FUNCTION schooltime.model_part_equity(name) IS
'model part "equity": municipalities, zones, each centre''s zone per year and stage, enrolment per centre and level with the pupil categories and places, the zones'' set maximums, the row trigger that refuses bad enrolment rows, and the views of the indicators (schooltime.model_equity_views)';
INSERT INTO schooltime.model_parts (name, position, builder, description, creates) VALUES
    ('equity', 70, 'schooltime.model_part_equity(name)', 'balanced schooling: municipalities, zones, enrolment per centre and level with its pupil categories and places, and the views of the segregation indicators',
     '{municipalities,zones,centre_zones,enrolment,zone_nee_maximums}');
