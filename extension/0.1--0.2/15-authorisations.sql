-- Authorised exceptions are data, not holes.  The document lets someone with
-- the power to do so set a rule aside in a few named cases; each case is a
-- row of schooltime.rule_exceptions, and each use of it is a row of the
-- model's authorisations table, naming the rule, the subject, who
-- authorised it, when and why.  A rule honours a matching authorisation;
-- nothing else turns a rule off for a row.

CREATE TABLE schooltime.rule_exceptions (
    rule              text PRIMARY KEY REFERENCES schooltime.rules (code) ON UPDATE CASCADE,
    section           text NOT NULL,
    authority_en      text NOT NULL,
    authority_ca      text NOT NULL,
    subjects          text[] NOT NULL CONSTRAINT subjects_known
                          CHECK (subjects <@ ARRAY['centre', 'group', 'session', 'outing'] AND cardinality(subjects) > 0),
    regimes           schooltime.regime[],
    requires_council  boolean NOT NULL DEFAULT false,
    origin            schooltime.catalogue_origin NOT NULL DEFAULT 'local'
);
COMMENT ON TABLE schooltime.rule_exceptions IS
'The exceptions the document allows: which rule may be set aside, by whom, for which subjects (centre, group, session, outing) and regimes, and whether the school council must be heard first.';
COMMENT ON COLUMN schooltime.rule_exceptions.section IS 'section of the document that allows the exception';
COMMENT ON COLUMN schooltime.rule_exceptions.authority_en IS 'who may authorise it';
COMMENT ON COLUMN schooltime.rule_exceptions.subjects IS 'what an authorisation may name: the whole centre, a group, a session, an outing';
COMMENT ON COLUMN schooltime.rule_exceptions.regimes IS 'the regimes the exception exists for; NULL for any';
COMMENT ON COLUMN schooltime.rule_exceptions.requires_council IS 'the authorisation is valid only if the school council was heard';

INSERT INTO schooltime.rule_exceptions (rule, section, authority_en, authority_ca, subjects, regimes, requires_council, origin) VALUES
('free_afternoons', '2.2.1.1', 'the Department, approving a singular timetable organisation',
 'el Departament, en autoritzar una organització horària singular', '{centre,group}', '{eso}', false, 'shipped'),
('window', '2.2.1', 'the territorial services (in Barcelona, the Consorci d''Educació), for FP hours outside the usual ones',
 'els serveis territorials (a Barcelona, el Consorci d''Educació), per a horaris d''FP diferents', '{centre,group,session}', '{fp}', false, 'shipped'),
('fp_single_shift', '2.2.1', 'the territorial services (in Barcelona, the Consorci d''Educació), for FP classes both morning and afternoon',
 'els serveis territorials (a Barcelona, el Consorci d''Educació), per a sessions d''FP de matí i tarda', '{centre,group}', '{fp}', false, 'shipped'),
('session_length', '2.4', 'the EOI, for pedagogical reasons, keeping the hours of the course',
 'l''EOI, per criteris pedagògics, respectant el nombre total d''hores del curs', '{centre,group,session}',
 '{eoi_ordinary,eoi_intensive,eoi_blended}', false, 'shipped'),
('continuous', '2.6', 'the centre, for practical contents in the natural environment when logistics, climate or organisation require it',
 'el centre, per a continguts pràctics al medi natural quan ho requereixin les circumstàncies logístiques, climàtiques o organitzatives',
 '{group,session}', '{sports}', false, 'shipped'),
('outing_ratio', '6.5.1', 'the director, for one activity, after hearing the school council and with a reason',
 'el director o directora, per a una activitat concreta, escoltat el consell escolar i amb motivació adequada', '{outing}', NULL, true, 'shipped');

SELECT schooltime.register_catalogue_table('schooltime.rule_exceptions', '{rule}');
GRANT SELECT ON schooltime.rule_exceptions TO PUBLIC;

-- Validates an authorisation against schooltime.rule_exceptions.
CREATE FUNCTION schooltime.authorisation_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $guard$
DECLARE
    exception_row schooltime.rule_exceptions;
    subject text;
    subject_regime schooltime.regime;
BEGIN
    subject := CASE WHEN NEW.outing_id IS NOT NULL THEN 'outing'
                    WHEN NEW.session_id IS NOT NULL THEN 'session'
                    WHEN NEW.group_id IS NOT NULL THEN 'group'
                    ELSE 'centre' END;
    SELECT * INTO exception_row FROM schooltime.rule_exceptions WHERE rule = NEW.rule;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'rule % cannot be set aside by an authorisation', NEW.rule
            USING ERRCODE = 'check_violation', CONSTRAINT = 'authorisation_allowed',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = format('The document allows exceptions only to %s.',
                                  (SELECT string_agg(rule, ', ' ORDER BY rule) FROM schooltime.rule_exceptions)),
                  HINT = 'Correct the timetable instead.';
    END IF;
    IF NOT subject = ANY (exception_row.subjects) THEN
        RAISE EXCEPTION 'an authorisation of rule % cannot name a %', NEW.rule, subject
            USING ERRCODE = 'check_violation', CONSTRAINT = 'authorisation_subject',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = format('Under section %s the exception is granted by %s, and covers %s.', exception_row.section,
                                  exception_row.authority_en,
                                  (SELECT string_agg(CASE WHEN s ~ '^[aeiou]' THEN 'an ' ELSE 'a ' END || s, ' or ') FROM unnest(exception_row.subjects) AS s)),
                  HINT = 'Name one of those subjects.';
    END IF;
    IF exception_row.regimes IS NOT NULL AND subject IN ('group', 'session') THEN
        IF subject = 'group' THEN
            EXECUTE format('SELECT regime FROM %I.class_groups WHERE centre_id = $1 AND id = $2', TG_TABLE_SCHEMA)
                INTO subject_regime USING NEW.centre_id, NEW.group_id;
        ELSE
            EXECUTE format('SELECT regime FROM %I.sessions WHERE centre_id = $1 AND id = $2', TG_TABLE_SCHEMA)
                INTO subject_regime USING NEW.centre_id, NEW.session_id;
        END IF;
        IF subject_regime IS NOT NULL AND NOT subject_regime = ANY (exception_row.regimes) THEN
            RAISE EXCEPTION 'rule % cannot be set aside for a group of %', NEW.rule,
                    (SELECT name_en FROM schooltime.regimes WHERE regime = subject_regime)
                USING ERRCODE = 'check_violation', CONSTRAINT = 'authorisation_regime',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = format('Section %s allows the exception for %s only.', exception_row.section,
                                      (SELECT string_agg(r.name_en, ', ' ORDER BY r.regime)
                                       FROM schooltime.regimes AS r WHERE r.regime = ANY (exception_row.regimes))),
                      HINT = 'Correct the timetable instead.';
        END IF;
    END IF;
    IF exception_row.requires_council AND NOT NEW.school_council_heard THEN
        RAISE EXCEPTION 'an authorisation of rule % needs the school council to have been heard', NEW.rule
            USING ERRCODE = 'check_violation', CONSTRAINT = 'authorisation_council',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = format('Section %s: %s.', exception_row.section, exception_row.authority_en),
                  HINT = 'Record the authorisation once the school council has been heard, with school_council_heard = true.';
    END IF;
    RETURN NEW;
END
$guard$;
COMMENT ON FUNCTION schooltime.authorisation_guard() IS
'BEFORE INSERT OR UPDATE trigger on a model''s authorisations: accepts only the exceptions schooltime.rule_exceptions allows, for the subjects and regimes it names, with the school council heard where required';

CREATE FUNCTION schooltime.model_part_authorisations(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $part$
BEGIN
    EXECUTE format($sql$
        CREATE TABLE IF NOT EXISTS %1$I.authorisations (
            centre_id             bigint NOT NULL REFERENCES %1$I.centres ON UPDATE CASCADE,
            id                    bigint GENERATED BY DEFAULT AS IDENTITY,
            school_year           schooltime.school_year NOT NULL,
            rule                  text NOT NULL,
            group_id              bigint,
            session_id            bigint,
            outing_id             bigint,
            authorised_by         text NOT NULL CHECK (btrim(authorised_by) <> ''),
            authorised_on         date NOT NULL,
            reason                text NOT NULL CHECK (btrim(reason) <> ''),
            school_council_heard  boolean NOT NULL DEFAULT false,
            document              text,
            recorded_at           timestamptz NOT NULL DEFAULT now(),
            recorded_by           name NOT NULL DEFAULT current_user,
            PRIMARY KEY (centre_id, id),
            CONSTRAINT authorisation_one_subject CHECK (num_nonnulls(group_id, session_id, outing_id) <= 1),
            FOREIGN KEY (centre_id, group_id) REFERENCES %1$I.class_groups (centre_id, id)
                ON UPDATE CASCADE ON DELETE CASCADE,
            FOREIGN KEY (centre_id, session_id) REFERENCES %1$I.sessions (centre_id, id)
                ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
        );
        CREATE INDEX IF NOT EXISTS authorisations_rule_idx ON %1$I.authorisations (centre_id, rule, school_year);
        COMMENT ON TABLE %1$I.authorisations IS 'Authorised exceptions to rules, as the document allows them (see schooltime.rule_exceptions): a rule honours a matching authorisation and reports list it beside the violations.';
        COMMENT ON COLUMN %1$I.authorisations.rule IS 'code of the rule set aside';
        COMMENT ON COLUMN %1$I.authorisations.group_id IS 'the group it covers; with session_id and outing_id NULL, it covers the whole centre';
        COMMENT ON COLUMN %1$I.authorisations.session_id IS 'the session it covers; its foreign key is checked at commit, so that an authorisation can be recorded before the session it lets in, in the same transaction';
        COMMENT ON COLUMN %1$I.authorisations.outing_id IS 'the outing it covers';
        COMMENT ON COLUMN %1$I.authorisations.authorised_by IS 'who authorised it, with their office';
        COMMENT ON COLUMN %1$I.authorisations.authorised_on IS 'the date of the authorisation';
        COMMENT ON COLUMN %1$I.authorisations.reason IS 'why: the reason given in the decision';
        COMMENT ON COLUMN %1$I.authorisations.school_council_heard IS 'whether the school council was heard (required for outing ratios, 6.5.1)';
        COMMENT ON COLUMN %1$I.authorisations.document IS 'reference of the written decision';
    $sql$, schema_name);
    PERFORM schooltime.model_ensure(
        schooltime.model_has_trigger(format('%I.authorisations', schema_name)::regclass, 'schooltime_authorisation_guard'),
        format('CREATE TRIGGER schooltime_authorisation_guard BEFORE INSERT OR UPDATE ON %I.authorisations '
               'FOR EACH ROW EXECUTE FUNCTION schooltime.authorisation_guard()', schema_name));
END
$part$;
COMMENT ON FUNCTION schooltime.model_part_authorisations(name) IS
'model part "authorisations": the table of authorised exceptions, with its guard';
INSERT INTO schooltime.model_parts VALUES
    ('authorisations', 15, 'schooltime.model_part_authorisations(name)', 'authorised exceptions to rules, with who, when and why');
