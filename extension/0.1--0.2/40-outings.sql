-- Outings (section 6 of the document): the model's tables for activities
-- outside the centre, the rules outing_programmed, outing_communicated,
-- outing_authorisation, outing_escorts, outing_ratio and outing_abroad,
-- judged whole at COMMIT by a deferred constraint trigger, and the escort
-- arithmetic as functions any analyst can call.  The figures (stages,
-- ratios, fewest escorts, validity of a police authorisation) are the
-- catalogue's: schooltime.escort_stages, escort_ratios and outing_limits.

CREATE TYPE schooltime.family_authorisation AS ENUM ('none', 'yearly', 'specific');
COMMENT ON TYPE schooltime.family_authorisation IS
'The written authorisation a pupil''s family gave for an outing (section 6.3): none, a yearly one (enough for outings without a night away, if the families are told of each outing beforehand), or one specific to the outing (needed for a night away).';

------------------------------------------------------------------------
-- The escort arithmetic, for analysts and for the rules alike

CREATE FUNCTION schooltime.escort_ratio(regime schooltime.regime, level integer, days integer, school_year text)
RETURNS integer
AS 'MODULE_PATHNAME', 'schooltime_escort_ratio'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.escort_ratio(schooltime.regime, integer, integer, text) IS
'most pupils per escort on an outing of a public centre (section 6.5.1) for pupils of a regime and course level, on an outing of that many days (1: one day; 2 or more: more than one day), in a school year (''2018-2019''); read from schooltime.escort_stages and escort_ratios. Example: escort_ratio(''primaria'', 5, 1, ''2018-2019'') = 20';

CREATE FUNCTION schooltime.required_escorts(regime schooltime.regime, level integer, pupils integer, days integer, school_year text)
RETURNS integer
AS 'MODULE_PATHNAME', 'schooltime_required_escorts'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.required_escorts(schooltime.regime, integer, integer, integer, text) IS
'escorts a public centre''s outing of that many days needs for so many pupils of one regime and level in a school year: max(fewest escorts, ceil(pupils / ratio)) (sections 6.5, 6.5.1). Example: required_escorts(''primaria'', 5, 41, 1, ''2018-2019'') = 3';

CREATE FUNCTION schooltime.required_escorts(pupils jsonb, days integer, school_year text)
RETURNS integer
AS 'MODULE_PATHNAME', 'schooltime_required_escorts_mix'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.required_escorts(jsonb, integer, text) IS
'escorts a public centre''s outing of that many days needs for a mix of stages, given as a JSON array of {"regime", "level", "pupils"} objects: max(fewest escorts, ceil(sum over the elements of pupils / ratio)), the fractions summed exactly before rounding up (sections 6.5, 6.5.1). Example: required_escorts(''[{"regime": "infantil", "level": 2, "pupils": 25}, {"regime": "primaria", "level": 1, "pupils": 22}]'', 1, ''2018-2019'') = 4';

------------------------------------------------------------------------
-- The triggers and the report

CREATE FUNCTION schooltime.outing_rules() RETURNS trigger
AS 'MODULE_PATHNAME', 'schooltime_outing_rules'
LANGUAGE C;
COMMENT ON FUNCTION schooltime.outing_rules() IS
'CONSTRAINT TRIGGER ... AFTER INSERT OR UPDATE OR DELETE ... DEFERRABLE INITIALLY DEFERRED FOR EACH ROW on the tables of a model''s outings: judges, once per transaction and as it stands at COMMIT, every outing a changed row belongs to, against outing_programmed, outing_communicated, outing_authorisation, outing_escorts, outing_ratio and outing_abroad, and raises the first violation no authorisation sets aside. The argument names the column that holds the key: ''outing=column'' (default outing_id), ''group=column'' (a class group: its outings) or ''centre=column'' (a centre: all its outings)';

CREATE FUNCTION schooltime.outing_changed() RETURNS trigger
AS 'MODULE_PATHNAME', 'schooltime_outing_changed'
LANGUAGE C;
COMMENT ON FUNCTION schooltime.outing_changed() IS
'internal: BEFORE ... FOR EACH STATEMENT trigger on the tables outings are judged from; tells schooltime.outing_rules() that an outing judged earlier in the transaction may have changed';

CREATE FUNCTION schooltime.outing_truncated() RETURNS trigger
AS 'MODULE_PATHNAME', 'schooltime_outing_truncated'
LANGUAGE C;
COMMENT ON FUNCTION schooltime.outing_truncated() IS
'AFTER TRUNCATE ... FOR EACH STATEMENT trigger on the tables of a model''s outings: TRUNCATE fires no row trigger, so every outing of the model is judged at once';

CREATE FUNCTION schooltime.outing_violations(model name, outing_id bigint DEFAULT NULL)
RETURNS SETOF schooltime.violation
AS 'MODULE_PATHNAME', 'schooltime_outing_violations'
LANGUAGE C STABLE CALLED ON NULL INPUT;
COMMENT ON FUNCTION schooltime.outing_violations(name, bigint) IS
'every violation of every outing rule (section 6) by the outings of the model in that schema, or by the outings with that id: the same judgement the commit-time trigger makes, with the authorisation that sets a violation aside in authorisation_id; read with the caller''s snapshot and rights';

------------------------------------------------------------------------
-- The model part

CREATE FUNCTION schooltime.model_part_outings(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $part$
DECLARE
    t text;
BEGIN
    EXECUTE format($sql$
        CREATE TABLE IF NOT EXISTS %1$I.outings (
            centre_id                 bigint NOT NULL REFERENCES %1$I.centres ON UPDATE CASCADE,
            id                        bigint GENERATED BY DEFAULT AS IDENTITY,
            school_year               schooltime.school_year NOT NULL,
            name                      text NOT NULL CHECK (btrim(name) <> ''),
            starts_on                 date NOT NULL,
            ends_on                   date NOT NULL,
            multi_day                 boolean GENERATED ALWAYS AS (ends_on > starts_on) STORED,
            abroad                    boolean NOT NULL DEFAULT false,
            in_annual_programme       boolean NOT NULL DEFAULT false,
            valued_by_school_council  boolean NOT NULL DEFAULT false,
            director_authorised_on    date,
            changes_centre_spaces     boolean NOT NULL DEFAULT false,
            communicated_on           date,
            families_informed_on      date,
            programme_min_escorts     integer CHECK (programme_min_escorts >= 1),
            PRIMARY KEY (centre_id, id),
            CONSTRAINT outing_dates CHECK (isfinite(starts_on) AND isfinite(ends_on) AND ends_on >= starts_on),
            CONSTRAINT outing_in_school_year CHECK (
                starts_on >= make_date(substr(school_year, 1, 4)::integer, 9, 1)
                AND starts_on < make_date(substr(school_year, 1, 4)::integer + 1, 9, 1))
        );
        COMMENT ON TABLE %1$I.outings IS 'Activities outside the centre (sortides, colònies, viatges; section 6). An outing is entered with its groups, escorts and pupils in any order and judged whole at COMMIT.';
        COMMENT ON COLUMN %1$I.outings.name IS 'what the outing is, as the centre names it in its programme and messages';
        COMMENT ON COLUMN %1$I.outings.school_year IS 'the school year the outing belongs to (its first day falls in it); picks the catalogue''s ratios';
        COMMENT ON COLUMN %1$I.outings.starts_on IS 'first day of the outing';
        COMMENT ON COLUMN %1$I.outings.ends_on IS 'last day of the outing: the first day for a one-day outing, later for one with a night away';
        COMMENT ON COLUMN %1$I.outings.multi_day IS 'the outing lasts more than one day (a night away): its escort ratios are the multi-day ones (6.5.1) and minors need a specific authorisation (6.3)';
        COMMENT ON COLUMN %1$I.outings.abroad IS 'a trip abroad: every pupil needs travel documents, and every minor a police-stamped authorisation (6.6)';
        COMMENT ON COLUMN %1$I.outings.in_annual_programme IS 'the outing is in the centre''s annual programme (programació general anual, 6.1)';
        COMMENT ON COLUMN %1$I.outings.valued_by_school_council IS 'not in the annual programme, but planned with enough notice and valued by the school council (6.1)';
        COMMENT ON COLUMN %1$I.outings.director_authorised_on IS 'when the director authorised the outing (6.1); NULL: not authorised';
        COMMENT ON COLUMN %1$I.outings.changes_centre_spaces IS 'the activity changes the usual spaces of the whole centre, and so must be communicated to the territorial services (6.2)';
        COMMENT ON COLUMN %1$I.outings.communicated_on IS 'when it was communicated to the territorial services (in Barcelona, the Consorci d''Educació); NULL: not communicated';
        COMMENT ON COLUMN %1$I.outings.families_informed_on IS 'when the families were told of the outing; a yearly authorisation holds only if it was beforehand (6.3)';
        COMMENT ON COLUMN %1$I.outings.programme_min_escorts IS 'more escorts than the general minimum, when the annual programme asks for them for this outing (6.5); it can only raise the minimum';

        CREATE TABLE IF NOT EXISTS %1$I.outing_groups (
            centre_id     bigint NOT NULL,
            id            bigint GENERATED BY DEFAULT AS IDENTITY,
            outing_id     bigint NOT NULL,
            group_id      bigint NOT NULL,
            pupils        integer NOT NULL CHECK (pupils >= 0),
            PRIMARY KEY (centre_id, id),
            UNIQUE (centre_id, outing_id, group_id),
            FOREIGN KEY (centre_id, outing_id) REFERENCES %1$I.outings (centre_id, id)
                ON UPDATE CASCADE ON DELETE CASCADE,
            FOREIGN KEY (centre_id, group_id) REFERENCES %1$I.class_groups (centre_id, id)
                ON UPDATE CASCADE
        );
        CREATE INDEX IF NOT EXISTS outing_groups_centre_id_group_id_idx ON %1$I.outing_groups (centre_id, group_id);
        COMMENT ON TABLE %1$I.outing_groups IS 'The class groups that take part in an outing; the group''s regime and level pick the stage of its pupils'' escort ratio.';
        COMMENT ON COLUMN %1$I.outing_groups.pupils IS 'how many of the group''s pupils go; each of them is also listed in outing_pupils (the ratio counts the larger of the two figures)';

        CREATE TABLE IF NOT EXISTS %1$I.outing_escorts (
            centre_id     bigint NOT NULL,
            id            bigint GENERATED BY DEFAULT AS IDENTITY,
            outing_id     bigint NOT NULL,
            teacher_id    bigint REFERENCES %1$I.teachers ON UPDATE CASCADE,
            name          text CHECK (btrim(name) <> ''),
            PRIMARY KEY (centre_id, id),
            UNIQUE (centre_id, outing_id, teacher_id),
            CONSTRAINT outing_escort_teacher_or_named CHECK (num_nonnulls(teacher_id, name) = 1),
            FOREIGN KEY (centre_id, outing_id) REFERENCES %1$I.outings (centre_id, id)
                ON UPDATE CASCADE ON DELETE CASCADE
        );
        CREATE INDEX IF NOT EXISTS outing_escorts_teacher_id_idx ON %1$I.outing_escorts (teacher_id);
        COMMENT ON TABLE %1$I.outing_escorts IS 'The adults who accompany an outing (acompanyants, 6.5): teachers, or other people named.';
        COMMENT ON COLUMN %1$I.outing_escorts.teacher_id IS 'the teacher, if the escort is one; at least one escort must be (6.5)';
        COMMENT ON COLUMN %1$I.outing_escorts.name IS 'an escort who is not a teacher (a monitor, a family member...), by name';

        CREATE TABLE IF NOT EXISTS %1$I.outing_pupils (
            centre_id                       bigint NOT NULL,
            id                              bigint GENERATED BY DEFAULT AS IDENTITY,
            outing_id                       bigint NOT NULL,
            group_id                        bigint NOT NULL,
            pupil                           text NOT NULL CHECK (btrim(pupil) <> ''),
            minor                           boolean NOT NULL DEFAULT true,
            family_authorisation            schooltime.family_authorisation NOT NULL DEFAULT 'none',
            special_needs                   boolean NOT NULL DEFAULT false,
            travel_documents                boolean NOT NULL DEFAULT false,
            police_authorisation_issued_on  date,
            PRIMARY KEY (centre_id, id),
            UNIQUE (centre_id, outing_id, pupil),
            FOREIGN KEY (centre_id, outing_id, group_id) REFERENCES %1$I.outing_groups (centre_id, outing_id, group_id)
                ON UPDATE CASCADE ON DELETE CASCADE
        );
        CREATE INDEX IF NOT EXISTS outing_pupils_centre_id_outing_id_group_id_idx
            ON %1$I.outing_pupils (centre_id, outing_id, group_id);
        COMMENT ON TABLE %1$I.outing_pupils IS 'The pupils who go on an outing, one row each, under the participating group they belong to.';
        COMMENT ON COLUMN %1$I.outing_pupils.pupil IS 'the pupil''s name or code, unique within the outing';
        COMMENT ON COLUMN %1$I.outing_pupils.minor IS 'the pupil is under 18: needs the family''s written authorisation (6.3) and, abroad, a police-stamped one (6.6)';
        COMMENT ON COLUMN %1$I.outing_pupils.family_authorisation IS 'the written authorisation of a parent or guardian: none, yearly or specific to this outing (6.3)';
        COMMENT ON COLUMN %1$I.outing_pupils.special_needs IS 'the pupil has special educational needs: counts at the centre''s adapted ratio where it has a stricter one (adapted_escort_ratios, 6.5.1)';
        COMMENT ON COLUMN %1$I.outing_pupils.travel_documents IS 'the pupil has the documents a trip abroad requires (passport, visa...; 6.6)';
        COMMENT ON COLUMN %1$I.outing_pupils.police_authorisation_issued_on IS 'for a minor going abroad: when the authorisation stamped by the Mossos d''Esquadra was issued; it is valid for schooltime.outing_limits.abroad_authorisation_valid (6.6)';

        CREATE TABLE IF NOT EXISTS %1$I.adapted_escort_ratios (
            centre_id          bigint NOT NULL REFERENCES %1$I.centres ON UPDATE CASCADE,
            id                 bigint GENERATED BY DEFAULT AS IDENTITY,
            school_year        schooltime.school_year NOT NULL,
            stage              schooltime.escort_stage NOT NULL,
            multi_day          boolean NOT NULL,
            pupils_per_escort  integer NOT NULL CHECK (pupils_per_escort > 0),
            nofc_reference     text NOT NULL CHECK (btrim(nofc_reference) <> ''),
            PRIMARY KEY (centre_id, id),
            UNIQUE (centre_id, school_year, stage, multi_day)
        );
        COMMENT ON TABLE %1$I.adapted_escort_ratios IS 'A centre''s own escort ratios for pupils with special educational needs, as its rules of organisation and operation (NOFC) record them (6.5.1). They apply to those pupils only, and only where stricter than the catalogue''s ratio: they never lower the escorts an outing needs.';
        COMMENT ON COLUMN %1$I.adapted_escort_ratios.school_year IS 'the school year whose outings the ratio applies to';
        COMMENT ON COLUMN %1$I.adapted_escort_ratios.stage IS 'the stage whose ratio is adapted';
        COMMENT ON COLUMN %1$I.adapted_escort_ratios.multi_day IS 'for outings of more than one day (true) or of one day (false)';
        COMMENT ON COLUMN %1$I.adapted_escort_ratios.pupils_per_escort IS 'most pupils with special needs per escort';
        COMMENT ON COLUMN %1$I.adapted_escort_ratios.nofc_reference IS 'where the centre''s NOFC records the adapted ratio';
    $sql$, schema_name);

    -- the director's exception to the ratio is an authorisation naming the outing
    PERFORM schooltime.model_ensure(
        schooltime.model_has_constraint(format('%I.authorisations', schema_name)::regclass, 'authorisations_outing_fkey'),
        format('ALTER TABLE %1$I.authorisations ADD CONSTRAINT authorisations_outing_fkey '
               'FOREIGN KEY (centre_id, outing_id) REFERENCES %1$I.outings (centre_id, id) '
               'ON UPDATE CASCADE ON DELETE CASCADE', schema_name));
    EXECUTE format('CREATE INDEX IF NOT EXISTS authorisations_centre_id_outing_id_idx '
                   'ON %I.authorisations (centre_id, outing_id) WHERE outing_id IS NOT NULL', schema_name);

    -- judged at COMMIT, once per outing: the tables an outing is made of...
    PERFORM schooltime.model_replace_trigger(format('%I.outings', schema_name)::regclass, 'schooltime_outing_rules',
        format('CREATE CONSTRAINT TRIGGER schooltime_outing_rules AFTER INSERT OR UPDATE ON %I.outings '
               'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION schooltime.outing_rules(''outing=id'')',
               schema_name));
    FOREACH t IN ARRAY ARRAY['outing_groups', 'outing_escorts', 'outing_pupils', 'authorisations'] LOOP
        PERFORM schooltime.model_replace_trigger(format('%I.%I', schema_name, t)::regclass, 'schooltime_outing_rules',
            format('CREATE CONSTRAINT TRIGGER schooltime_outing_rules AFTER INSERT OR UPDATE OR DELETE ON %I.%I '
                   'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION schooltime.outing_rules()',
                   schema_name, t));
    END LOOP;
    -- ...and what they are judged by: a group's regime and level, a centre's ownership
    PERFORM schooltime.model_replace_trigger(format('%I.class_groups', schema_name)::regclass, 'schooltime_outing_rules',
        format('CREATE CONSTRAINT TRIGGER schooltime_outing_rules AFTER UPDATE OF regime, level ON %I.class_groups '
               'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
               'WHEN (OLD.regime IS DISTINCT FROM NEW.regime OR OLD.level IS DISTINCT FROM NEW.level) '
               'EXECUTE FUNCTION schooltime.outing_rules(''group=id'')', schema_name));
    PERFORM schooltime.model_replace_trigger(format('%I.centres', schema_name)::regclass, 'schooltime_outing_rules',
        format('CREATE CONSTRAINT TRIGGER schooltime_outing_rules AFTER UPDATE OF ownership ON %I.centres '
               'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
               'WHEN (OLD.ownership IS DISTINCT FROM NEW.ownership) '
               'EXECUTE FUNCTION schooltime.outing_rules(''centre=id'')', schema_name));
    FOREACH t IN ARRAY ARRAY['outings', 'outing_groups', 'outing_escorts', 'outing_pupils', 'authorisations',
                             'class_groups', 'centres'] LOOP
        PERFORM schooltime.model_replace_trigger(format('%I.%I', schema_name, t)::regclass, 'schooltime_outing_changed',
            format('CREATE TRIGGER schooltime_outing_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I.%I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION schooltime.outing_changed()', schema_name, t));
    END LOOP;
    FOREACH t IN ARRAY ARRAY['outing_groups', 'outing_escorts', 'outing_pupils', 'authorisations'] LOOP
        PERFORM schooltime.model_replace_trigger(format('%I.%I', schema_name, t)::regclass, 'schooltime_outing_truncated',
            format('CREATE TRIGGER schooltime_outing_truncated AFTER TRUNCATE ON %I.%I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION schooltime.outing_truncated()', schema_name, t));
    END LOOP;
END
$part$;
COMMENT ON FUNCTION schooltime.model_part_outings(name) IS
'model part "outings": outings with their groups, escorts and pupils, the centre''s adapted escort ratios, the foreign key from authorisations to outings, and the commit-time triggers of the outing rules';
INSERT INTO schooltime.model_parts VALUES
    ('outings', 40, 'schooltime.model_part_outings(name)', 'outings with their groups, escorts and pupils, judged at commit against the rules of section 6');
