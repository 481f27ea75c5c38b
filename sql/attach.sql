-- A department's own tables: the row trigger reads columns named by trigger
-- arguments; misconfigured triggers are refused with a clear error.
SET search_path = schooltime, public;
CREATE SCHEMA own;
CREATE TABLE own.horari (
    grup         text NOT NULL,
    curs         varchar(9) NOT NULL,
    ensenyament  schooltime.regime NOT NULL,
    franja       schooltime.weekslot NOT NULL,
    tipus        schooltime.session_kind NOT NULL DEFAULT 'lesson',
    materia      text
);
CREATE TRIGGER horari_rules BEFORE INSERT OR UPDATE ON own.horari FOR EACH ROW
EXECUTE FUNCTION schooltime.session_row_rules('slot=franja', 'regime=ensenyament', 'school_year=curs',
                                               'kind=tipus', 'group=grup');
INSERT INTO own.horari VALUES ('2n BTX A', '2018-2019', 'batxillerat', slot('dv 14:00-15:00'), 'lesson', 'Història');
INSERT INTO own.horari VALUES ('2n BTX A', '2018-2019', 'batxillerat', slot('dv 18:30-19:15'), 'lesson', 'Història');
INSERT INTO own.horari VALUES ('EOI-42', '2018-2019', 'eoi_ordinary', slot('dc 19:00-19:45'), 'lesson', 'Anglès');
INSERT INTO own.horari VALUES ('EOI-42', '2018-2019', 'eoi_ordinary', slot('dc 19:00-19:30'), 'recess', NULL);
SELECT grup, to_text(franja), tipus FROM own.horari ORDER BY grup, franja;

-- a table without the optional kind and group columns still gets every rule
CREATE TABLE own.minimal (slot schooltime.weekslot, regime schooltime.regime, school_year text);
CREATE TRIGGER minimal_rules BEFORE INSERT OR UPDATE ON own.minimal FOR EACH ROW
EXECUTE FUNCTION schooltime.session_row_rules();
INSERT INTO own.minimal VALUES (slot('Sat 10:00-11:00'), 'adults', '2018-2019');
-- NULLs are for the table's own NOT NULL constraints to refuse
INSERT INTO own.minimal VALUES (NULL, 'adults', '2018-2019'), (slot('Mon 10:00-11:00'), NULL, '2018-2019'),
                               (slot('Mon 10:00-11:00'), 'adults', NULL);
SELECT count(*) FROM own.minimal;

-- misconfigured triggers
CREATE TABLE own.wrong (slot schooltime.weekslot, regime text, school_year text, franja schooltime.weekslot);
CREATE TRIGGER wrong_rules BEFORE INSERT ON own.wrong FOR EACH ROW EXECUTE FUNCTION schooltime.session_row_rules();
INSERT INTO own.wrong VALUES (slot('Mon 10:00-11:00'), 'eso', '2018-2019');
DROP TRIGGER wrong_rules ON own.wrong;
CREATE TRIGGER wrong_rules BEFORE INSERT ON own.wrong FOR EACH ROW EXECUTE FUNCTION schooltime.session_row_rules('slot');
INSERT INTO own.wrong VALUES (slot('Mon 10:00-11:00'), 'eso', '2018-2019');
DROP TRIGGER wrong_rules ON own.wrong;
CREATE TRIGGER wrong_rules BEFORE INSERT ON own.wrong FOR EACH ROW EXECUTE FUNCTION schooltime.session_row_rules('room=franja');
INSERT INTO own.wrong VALUES (slot('Mon 10:00-11:00'), 'eso', '2018-2019');
DROP TRIGGER wrong_rules ON own.wrong;
CREATE TRIGGER wrong_rules BEFORE INSERT ON own.wrong FOR EACH ROW EXECUTE FUNCTION schooltime.session_row_rules('slot=hora');
INSERT INTO own.wrong VALUES (slot('Mon 10:00-11:00'), 'eso', '2018-2019');
DROP TRIGGER wrong_rules ON own.wrong;
CREATE TRIGGER wrong_rules AFTER INSERT ON own.wrong FOR EACH ROW EXECUTE FUNCTION schooltime.session_row_rules();
INSERT INTO own.wrong VALUES (slot('Mon 10:00-11:00'), 'eso', '2018-2019');
DROP TRIGGER wrong_rules ON own.wrong;
CREATE TRIGGER wrong_rules BEFORE INSERT ON own.wrong FOR EACH STATEMENT EXECUTE FUNCTION schooltime.session_row_rules();
INSERT INTO own.wrong VALUES (slot('Mon 10:00-11:00'), 'eso', '2018-2019');
DROP TRIGGER wrong_rules ON own.wrong;
SELECT schooltime.session_row_rules();

SET client_min_messages = warning;
DROP SCHEMA own CASCADE;
RESET client_min_messages;
