\set ECHO none
-- Included by the outing tests (\i sql/include/outing_setup.sql) once the
-- model is created and its schema is first in search_path:
--     SELECT schooltime.create_model('x'); SET search_path = x, schooltime, public;
-- Two centres (a public one and a subsidised one), their groups and
-- teachers, and helpers:
--   pg_temp.new_outing(id, name, starts_on, ends_on, centre): a compliant
--     outing without groups, escorts or pupils (in the annual programme,
--     authorised by the director and told to the families beforehand);
--   pg_temp.add_pupils(outing, group, n, authorisation, minor, special_needs):
--     lists n more pupils of a group ('Alumne 3.07' is the 7th of group 3)
--     and counts them in outing_groups;
--   pg_temp.at_commit(sql): pg_temp.outcome_of(sql) with the deferred
--     outing triggers fired at its end (SET CONSTRAINTS ALL IMMEDIATE), so
--     that the error COMMIT would raise is caught, field by field, and the
--     statements are undone.
INSERT INTO centres (id, code, name, ownership, territory, municipality) VALUES
    (1, '08000001', 'Escola Pública de Proves', 'public', 'Barcelona', 'Barcelona'),
    (2, '08000002', 'Escola Concertada de Proves', 'private_subsidised', 'Barcelona', 'Barcelona');
INSERT INTO class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, 'P4 A', '2018-2019', 'infantil', 2, 25),
    (1, 2, '1r A', '2018-2019', 'primaria', 1, 25),
    (1, 3, '5è A', '2018-2019', 'primaria', 5, 25),
    (1, 4, '5è B', '2018-2019', 'primaria', 5, 25),
    (1, 5, '1r ESO A', '2018-2019', 'eso', 1, 30),
    (1, 6, '1r Batxillerat A', '2018-2019', 'batxillerat', 1, 30),
    (2, 7, '5è A', '2018-2019', 'primaria', 5, 25);
INSERT INTO teachers (id, name, centre_id) VALUES
    (1, 'Anna Puig', 1), (2, 'Biel Soler', 1), (3, 'Carme Vila', 1), (4, 'Dídac Roca', 1),
    (5, 'Eva Serra', 2), (6, 'Ferran Mas', 2);

CREATE FUNCTION pg_temp.new_outing(outing bigint, outing_name text, starts date, ends date DEFAULT NULL,
                                   centre bigint DEFAULT 1)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO outings (centre_id, id, school_year, name, starts_on, ends_on, in_annual_programme,
                         director_authorised_on, families_informed_on)
    VALUES (centre, outing, '2018-2019', outing_name, starts, coalesce(ends, starts), true,
            starts - 30, starts - 20)
$$;

CREATE FUNCTION pg_temp.add_pupils(outing bigint, grp bigint, n integer,
                                   authorisation family_authorisation DEFAULT 'yearly',
                                   is_minor boolean DEFAULT true, needs boolean DEFAULT false,
                                   centre bigint DEFAULT 1)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    listed integer;
BEGIN
    INSERT INTO outing_groups (centre_id, outing_id, group_id, pupils) VALUES (centre, outing, grp, n)
    ON CONFLICT (centre_id, outing_id, group_id) DO UPDATE SET pupils = outing_groups.pupils + n;
    SELECT count(*) INTO listed FROM outing_pupils WHERE centre_id = centre AND outing_id = outing AND group_id = grp;
    INSERT INTO outing_pupils (centre_id, outing_id, group_id, pupil, minor, family_authorisation, special_needs)
    SELECT centre, outing, grp, format('Alumne %s.%s', grp, lpad((listed + k)::text, 2, '0')), is_minor, authorisation, needs
    FROM generate_series(1, n) AS k;
END
$$;

CREATE FUNCTION pg_temp.at_commit(statement text)
RETURNS TABLE (code text, constraint_name text, table_name text, message text, detail text, hint text)
LANGUAGE sql AS $$
    SELECT * FROM pg_temp.outcome_of(statement || '; SET CONSTRAINTS ALL IMMEDIATE')
$$;
\set ECHO all
