-- What a FET file cannot say, and schooltime must know: the weekday of each
-- FET day, the clock time of each FET hour (which may differ by regime, as
-- in an institute whose third hour is 10:30 for ESO and 10:15 for FP), and
-- which FET years or groups are class groups, with their regime and level.
-- The import takes these as three maps (jsonb arrays of objects, see
-- doc/import.md); the functions here propose them from the file's names
-- where the names are readable ("1ª 08:15 - FP08:15", "3ESO", "1º Bach A"),
-- say for each row how they read it, and leave NULL what they cannot read:
-- the import refuses a map with a gap, so nothing is guessed silently.

-- A name as upper-case ASCII words and numbers: '1º Bach A' -> {1,BACH,A}.
CREATE FUNCTION schooltime.fet_name_tokens(name text)
RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(array_agg(m[1] ORDER BY n), '{}')
    FROM regexp_matches(
             upper(translate(name, 'ÁÀÂÄáàâäÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖóòôöÚÙÛÜúùûüÑñÇç·',
                                   'AAAAaaaaEEEEeeeeIIIIiiiiOOOOooooUUUUuuuuNnCc.')),
             '([A-Z]+|[0-9]+)', 'g') WITH ORDINALITY AS t (m, n)
$$;
COMMENT ON FUNCTION schooltime.fet_name_tokens(text) IS
'internal: the words and numbers of a FET name, upper case and without accents, for reading regimes, levels and duties from names';

-- The regime and level a name reads as, and how; NULLs where it reads none.
CREATE FUNCTION schooltime.fet_read_class_name(name text,
    OUT regime schooltime.regime, OUT level smallint, OUT reading text, OUT regimes schooltime.regime[])
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $read$
DECLARE
    tokens text[] := schooltime.fet_name_tokens(name);
    found schooltime.regime;
    words text[] := '{}';
    token text;
    i integer;
BEGIN
    regimes := '{}';
    FOR i IN 1 .. coalesce(array_length(tokens, 1), 0) LOOP
        token := tokens[i];
        found := CASE
            WHEN token IN ('ESO') THEN 'eso'
            WHEN token IN ('BAT', 'BATX', 'BATXILLERAT', 'BACH', 'BACHILLERATO', 'BAC', 'BACHI') THEN 'batxillerat'
            WHEN token LIKE 'FP%' OR token IN ('CFGM', 'CFGS', 'CICLE', 'CICLO', 'PFI') THEN 'fp'
            WHEN token IN ('PRIMARIA', 'PRI', 'PRIM') THEN 'primaria'
            WHEN token IN ('INFANTIL', 'INF') THEN 'infantil'
            WHEN token IN ('ADULTS', 'ADULTOS') THEN 'adults'
            WHEN token IN ('EOI') THEN 'eoi_ordinary'
            -- P3, I4: infantil by age; 3 AÑOS, 4 ANYS too
            WHEN token IN ('P', 'I') AND tokens[i + 1] IN ('3', '4', '5') THEN 'infantil'
            WHEN token IN ('ANOS', 'ANYS') AND tokens[i - 1] IN ('3', '4', '5') THEN 'infantil'
            ELSE NULL END;
        IF found IS NOT NULL AND NOT found = ANY (regimes) THEN
            regimes := regimes || found;
            words := words || token;
        END IF;
        IF token IN ('NOCTURN', 'NOCTURNO', 'NOCTURNA') AND 'batxillerat' = ANY (regimes) THEN
            regimes := array_replace(regimes, 'batxillerat', 'batxillerat_night');
        END IF;
    END LOOP;

    IF cardinality(regimes) = 1 THEN
        regime := regimes[1];
    END IF;
    -- the level: P3 is 1 of infantil, and so is 3 AÑOS; otherwise the first lone digit 1-6
    FOR i IN 1 .. coalesce(array_length(tokens, 1), 0) LOOP
        IF regime = 'infantil' AND tokens[i] IN ('3', '4', '5')
           AND (tokens[i - 1] IN ('P', 'I') OR tokens[i + 1] IN ('ANOS', 'ANYS')) THEN
            level := tokens[i]::smallint - 2;
            EXIT;
        ELSIF tokens[i] ~ '^[1-6]$' AND regime IS DISTINCT FROM 'infantil' THEN
            level := tokens[i]::smallint;
            EXIT;
        END IF;
    END LOOP;

    reading := CASE
        WHEN cardinality(regimes) > 1 THEN
            format('"%s" reads as %s (%s)', name, array_to_string(regimes::text[], ' and '),
                   array_to_string(words, ', '))
        WHEN regime IS NOT NULL AND level IS NOT NULL THEN
            format('"%s" reads as %s (%s), level %s', name, regime, words[1], level)
        WHEN regime IS NOT NULL THEN format('"%s" reads as %s (%s), with no level', name, regime, words[1])
        WHEN level IS NOT NULL THEN format('"%s" reads as level %s, with no regime', name, level)
        ELSE format('"%s" reads as no regime and no level', name) END;
    -- a level the regime does not have is no reading (1r-4t ESO, 1r-2n batxillerat, P3-P5)
    IF level > (CASE regime WHEN 'eso' THEN 4 WHEN 'batxillerat' THEN 2 WHEN 'batxillerat_night' THEN 3
                            WHEN 'infantil' THEN 3 WHEN 'fp' THEN 3 ELSE 6 END) THEN
        reading := reading || format('; but %s has no level %s', regime, level);
        level := NULL;
    END IF;
END
$read$;
COMMENT ON FUNCTION schooltime.fet_read_class_name(text) IS
'internal: the regime and level a FET year or group name reads as (''3ESO'' ESO level 3, ''1º Bach A'' batxillerat level 1, ''P4'' infantil level 2), with a sentence saying how and every regime it names; NULL where the name says nothing, or names several regimes';

-- Every students set of a parsed FET file with the atoms it holds: FET's
-- subgroups, or a group with no subgroups, or a year with no groups (FET
-- treats each of those as one subgroup).  A set listed in two places has
-- the same atoms in both.
CREATE TYPE schooltime.fet_atom AS (
    fet_year       text,        -- the FET year the set is listed in
    students_set   text,        -- a year, group or subgroup
    kind           text,        -- 'year', 'group' or 'subgroup'
    atom           text,        -- one atom the set holds
    atom_students  integer      -- the atom's Number_of_Students
);
COMMENT ON TYPE schooltime.fet_atom IS
'One atom of a FET students set: FET''s subgroups, a group without subgroups or a year without groups, which FET treats as the indivisible sets of pupils.';

CREATE FUNCTION schooltime.fet_students(parsed jsonb)
RETURNS SETOF schooltime.fet_atom
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH years AS (
        SELECT y->>'name' AS year, (y->>'students')::integer AS students, y
        FROM jsonb_array_elements(parsed->'years') AS y
    ), groups AS (
        SELECT years.year, g->>'name' AS grp, (g->>'students')::integer AS students, g
        FROM years, jsonb_array_elements(y->'groups') AS g
    ), subgroups AS (
        SELECT groups.year, groups.grp, s->>'name' AS sub, (s->>'students')::integer AS students
        FROM groups, jsonb_array_elements(g->'subgroups') AS s
    ), group_atoms AS (
        SELECT year, grp, sub AS atom, students FROM subgroups
        UNION ALL
        SELECT year, grp, grp, students FROM groups WHERE jsonb_array_length(g->'subgroups') = 0
    ), year_atoms AS (
        SELECT year, atom, students FROM group_atoms
        UNION ALL
        SELECT year, year, students FROM years WHERE jsonb_array_length(y->'groups') = 0
    )
    SELECT DISTINCT every_set::schooltime.fet_atom FROM (
        SELECT year, year, 'year', atom, students FROM year_atoms
        UNION ALL SELECT year, grp, 'group', atom, students FROM group_atoms
        UNION ALL SELECT year, sub, 'subgroup', sub, students FROM subgroups
    ) AS every_set (fet_year, students_set, kind, atom, atom_students)
$$;
COMMENT ON FUNCTION schooltime.fet_students(jsonb) IS
'every students set of a FET file read by schooltime.fet_read(), with its year, its kind (year, group, subgroup) and each atom it holds: a subgroup, a group without subgroups or a year without groups, as FET counts them';

------------------------------------------------------------------------
-- The day map: [{"day": "Lunes", "weekday": 1}, ...]

CREATE FUNCTION schooltime.fet_propose_days(fet text)
RETURNS TABLE (day text, weekday integer, reading text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT d.day, known.weekday,
           CASE WHEN known.weekday IS NULL
                THEN format('"%s" is no weekday name schooltime reads (Catalan, Spanish or English)', d.day)
                ELSE format('"%s" reads as ISO weekday %s', d.day, known.weekday) END
    FROM jsonb_array_elements_text(schooltime.fet_read(fet)->'days') WITH ORDINALITY AS d (day, n)
    LEFT JOIN (VALUES
        ('DILLUNS', 1), ('DL', 1), ('LUNES', 1), ('LU', 1), ('L', 1), ('MONDAY', 1), ('MON', 1),
        ('DIMARTS', 2), ('DT', 2), ('MARTES', 2), ('MA', 2), ('M', 2), ('TUESDAY', 2), ('TUE', 2),
        ('DIMECRES', 3), ('DC', 3), ('MIERCOLES', 3), ('MI', 3), ('X', 3), ('WEDNESDAY', 3), ('WED', 3),
        ('DIJOUS', 4), ('DJ', 4), ('JUEVES', 4), ('JU', 4), ('J', 4), ('THURSDAY', 4), ('THU', 4),
        ('DIVENDRES', 5), ('DV', 5), ('VIERNES', 5), ('VI', 5), ('V', 5), ('FRIDAY', 5), ('FRI', 5),
        ('DISSABTE', 6), ('DS', 6), ('SABADO', 6), ('SA', 6), ('SATURDAY', 6), ('SAT', 6),
        ('DIUMENGE', 7), ('DG', 7), ('DOMINGO', 7), ('DO', 7), ('SUNDAY', 7), ('SUN', 7)
    ) AS known (word, weekday)
      ON array_to_string(schooltime.fet_name_tokens(d.day), ' ') = known.word
    ORDER BY d.n
$$;
COMMENT ON FUNCTION schooltime.fet_propose_days(text) IS
'proposes the day map of a FET file: each FET day with the ISO weekday its name reads as (Catalan, Spanish or English names), or NULL and the reason where it reads as none';

------------------------------------------------------------------------
-- The period map: [{"hour": "1ª 08:15 - FP08:15", "regime": "fp", "fet_year": null,
--                   "starts": "08:15", "ends": "09:15"}, ...]
-- An entry with a fet_year applies to the class groups of that FET year;
-- one with a regime to the class groups of that regime; one with neither
-- to every other class group and to duties.

-- The clock times written in an hour's name: '1ª 08:15 - FP08:15' gives a
-- start for every regime (08:15) and one for FP (08:15); '08:00-09:00' a
-- start and an end.
CREATE FUNCTION schooltime.fet_read_hour_name(name text)
RETURNS TABLE (regime schooltime.regime, starts time, ends time)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- a word before a time that names no regime (HORA 08:15) is no label
    SELECT CASE WHEN m[1] = '' THEN NULL ELSE (schooltime.fet_read_class_name(m[1])).regime END,
           make_time(m[2]::integer, m[3]::integer, 0),
           CASE WHEN m[4] IS NOT NULL THEN make_time(m[4]::integer, m[5]::integer, 0) END
    FROM regexp_matches(upper(name),
             '([A-Z]*)\s*([01]?[0-9]|2[0-3])[:H.]([0-5][0-9])(?:\s*(?:-|–|A|TO)\s*([01]?[0-9]|2[0-3])[:H.]([0-5][0-9]))?',
             'g') AS m
$$;
COMMENT ON FUNCTION schooltime.fet_read_hour_name(text) IS
'internal: the clock times written in a FET hour''s name, each with the regime a word before it names (''FP08:15''), or none';

CREATE FUNCTION schooltime.fet_propose_periods(fet text)
RETURNS TABLE (hour text, regime schooltime.regime, fet_year text, starts time, ends time, reading text)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $periods$
BEGIN
    RETURN QUERY
    WITH hours AS (
        SELECT h.name, h.n
        FROM jsonb_array_elements_text(schooltime.fet_read(fet)->'hours') WITH ORDINALITY AS h (name, n)
    ), read AS (
        SELECT hours.name, hours.n, t.regime, t.starts, t.ends
        FROM hours, LATERAL schooltime.fet_read_hour_name(hours.name) AS t
    ), scopes AS (
        -- every regime some hour's name labels, and the unlabelled clock
        SELECT NULL::schooltime.regime AS regime UNION SELECT read.regime FROM read
    ), clock AS (
        -- each hour in each scope: its own time for the scope, else the unlabelled one
        SELECT s.regime, hours.name, hours.n,
               coalesce(own.starts, plain.starts) AS starts, coalesce(own.ends, plain.ends) AS ends,
               own.starts IS NULL AND s.regime IS NOT NULL AS borrowed
        FROM scopes AS s CROSS JOIN hours
        LEFT JOIN read AS own ON own.n = hours.n AND own.regime IS NOT DISTINCT FROM s.regime
        LEFT JOIN read AS plain ON plain.n = hours.n AND plain.regime IS NULL
    ), steps AS (
        SELECT c.*, lead(c.starts) OVER (PARTITION BY c.regime ORDER BY c.n) AS next_start
        FROM clock AS c WHERE c.starts IS NOT NULL
    ), typical AS (
        -- the commonest gap from one start to the next: how long an hour lasts
        SELECT s.regime, mode() WITHIN GROUP (ORDER BY s.next_start - s.starts) AS length
        FROM steps AS s WHERE s.next_start > s.starts GROUP BY s.regime
    )
    SELECT h.name, s.regime, NULL::text,
           s.starts,
           CASE WHEN s.ends IS NOT NULL THEN s.ends
                WHEN t.length IS NULL THEN NULL
                WHEN s.next_start > s.starts AND s.next_start < s.starts + t.length THEN s.next_start
                ELSE s.starts + t.length END,
           CASE
               WHEN s.starts IS NULL THEN format('"%s" holds no clock time', h.name)
               WHEN s.ends IS NOT NULL THEN format('"%s" gives the start and the end%s', h.name,
                   CASE WHEN s.borrowed THEN ', the same for ' || s.regime END)
               WHEN t.length IS NULL THEN format('"%s" gives a start and no other hour tells how long an hour lasts', h.name)
               ELSE format('"%s" gives the start%s; it ends %s', h.name,
                   CASE WHEN s.regime IS NOT NULL AND NOT s.borrowed THEN ' for ' || s.regime
                        WHEN s.borrowed THEN ', the same for ' || s.regime ELSE '' END,
                   CASE WHEN s.next_start > s.starts AND s.next_start < s.starts + t.length
                        THEN 'when the next hour starts'
                        ELSE format('%s minutes later, as hours last here (the commonest gap between starts)',
                                    extract(epoch FROM t.length)::integer / 60) END)
           END
    FROM hours AS h
    JOIN (SELECT DISTINCT sc.regime FROM scopes AS sc) AS scope ON true
    LEFT JOIN steps AS s ON s.n = h.n AND s.regime IS NOT DISTINCT FROM scope.regime
    LEFT JOIN typical AS t ON t.regime IS NOT DISTINCT FROM scope.regime
    -- an hour with no time at all is listed once, for every regime
    WHERE s.n IS NOT NULL OR scope.regime IS NULL
    ORDER BY h.n, s.regime NULLS FIRST;
END
$periods$;
COMMENT ON FUNCTION schooltime.fet_propose_periods(text) IS
'proposes the period map of a FET file: the clock start and end of each FET hour, read from its name (''1ª 08:15 - FP08:15'' gives 08:15 for every regime and 08:15 for FP; an end not written is the next start, or the usual length of an hour when a break comes between), one row per regime the names label; NULL times and the reason where the name holds none';

------------------------------------------------------------------------
-- The year map: [{"students_set": "1ESO-A", "regime": "eso", "level": 1}, ...,
--                {"students_set": "Reunión", "duty": "coordination"}]
-- Each entry names a FET year or group that is a class group (its atoms
-- are its pupils, split into parts when it holds several), or a year whose
-- activities are teachers' duties, such as meetings.

CREATE FUNCTION schooltime.fet_propose_years(fet text, default_regime schooltime.regime DEFAULT NULL)
RETURNS TABLE (students_set text, regime schooltime.regime, level smallint, duty schooltime.duty_kind, reading text)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $years$
DECLARE
    parsed jsonb := schooltime.fet_read(fet);
    atoms schooltime.fet_atom[];
    y record;
    g record;
    classes text[];
    why text;
    year_read record;
    set_read record;
    duty_word text;
BEGIN
    atoms := ARRAY(SELECT s FROM schooltime.fet_students(parsed) AS s);

    FOR y IN SELECT e->>'name' AS name, e->'groups' AS groups, n
             FROM jsonb_array_elements(parsed->'years') WITH ORDINALITY AS t (e, n) ORDER BY n LOOP
        year_read := schooltime.fet_read_class_name(y.name);
        -- a year of meetings or guards: its activities are duties
        duty_word := (SELECT w FROM unnest(schooltime.fet_name_tokens(y.name)) AS w
                      WHERE w ~ '^(REUNIO|REUNION|CLAUSTR|COORDINACI|GUARDI)' LIMIT 1);
        IF duty_word IS NOT NULL AND year_read.regime IS NULL THEN
            students_set := y.name;
            regime := NULL;
            level := NULL;
            duty := CASE WHEN duty_word LIKE 'GUARDI%' THEN 'guard' ELSE 'coordination' END;
            reading := format('"%s" reads as teachers'' %s: its activities become duties', y.name,
                              CASE WHEN duty = 'guard' THEN 'guards' ELSE 'meetings' END);
            RETURN NEXT;
            CONTINUE;
        END IF;

        -- the groups that may be the year's classes: each a whole of its own
        -- subgroups (named after it), together every pupil of the year once
        classes := NULL;
        IF jsonb_array_length(y.groups) > 0 THEN
            SELECT array_agg(gr.name ORDER BY gr.n) INTO classes
            FROM jsonb_array_elements(y.groups) WITH ORDINALITY AS gr0 (e, n),
                 LATERAL (SELECT gr0.e->>'name' AS name, gr0.n) AS gr
            WHERE NOT EXISTS (SELECT FROM jsonb_array_elements(gr0.e->'subgroups') AS s
                              WHERE left(s->>'name', length(gr.name)) <> gr.name);
            IF classes IS NOT NULL AND (
                   -- every atom of the year in exactly one of them
                   EXISTS (SELECT FROM unnest(atoms) AS a
                           WHERE a.fet_year = y.name AND a.kind = 'year'
                             AND (SELECT count(*) FROM unnest(atoms) AS c
                                  WHERE c.fet_year = y.name AND c.kind = 'group'
                                    AND c.students_set = ANY (classes) AND c.atom = a.atom) <> 1))
            THEN
                classes := NULL;
            END IF;
            -- ...and read as classes: named as the year and a letter (1ESO-A,
            -- 3º B), or naming regimes or levels the year's name does not
            IF classes IS NOT NULL THEN
                IF (SELECT count(*) FILTER (WHERE regexp_replace(ltrim(substr(c, length(y.name) + 1), ' -_.'), '\s', '', 'g')
                                                  ~ '^[A-Z][0-9]?$' AND left(c, length(y.name)) = y.name) * 2 > count(*)
                    FROM unnest(classes) AS c) THEN
                    why := 'named as the year and a letter';
                ELSIF year_read.regime IS NULL AND year_read.level IS NULL
                      AND (SELECT count(*) FILTER (WHERE (schooltime.fet_read_class_name(c)).regime IS NOT NULL) * 2 > count(*)
                           FROM unnest(classes) AS c) THEN
                    why := format('their names read as regimes, "%s" does not', y.name);
                ELSE
                    classes := NULL;
                END IF;
            END IF;
        END IF;

        IF classes IS NULL THEN
            -- the year is one class group; its atoms, if several, are its parts
            set_read := schooltime.fet_read_class_name(y.name);
            students_set := y.name;
            regime := coalesce(set_read.regime, default_regime);
            level := set_read.level;
            duty := NULL;
            reading := set_read.reading
                || CASE WHEN set_read.regime IS NULL AND default_regime IS NOT NULL
                        THEN format('; regime %s as given by default_regime', default_regime) ELSE '' END
                || CASE WHEN (SELECT count(*) FROM unnest(atoms) AS a
                              WHERE a.fet_year = y.name AND a.kind = 'year') > 1
                        THEN format('; the year is one class group, its %s subgroups its parts',
                                    (SELECT count(*) FROM unnest(atoms) AS a
                                     WHERE a.fet_year = y.name AND a.kind = 'year'))
                        ELSE '; the year is one class group' END;
            RETURN NEXT;
        ELSE
            FOR g IN SELECT c AS name FROM unnest(classes) WITH ORDINALITY AS u (c, n) ORDER BY n LOOP
                set_read := schooltime.fet_read_class_name(g.name);
                students_set := g.name;
                regime := coalesce(set_read.regime,
                                   -- a name of two regimes (4ESO-B-FP) settled by the year's (4ESO)
                                   CASE WHEN year_read.regime = ANY (set_read.regimes) THEN year_read.regime END,
                                   CASE WHEN cardinality(set_read.regimes) = 0 THEN year_read.regime END,
                                   CASE WHEN cardinality(set_read.regimes) = 0 THEN default_regime END);
                level := coalesce(set_read.level, year_read.level);
                duty := NULL;
                reading := set_read.reading
                    || CASE WHEN set_read.regime IS NULL AND regime IS NOT NULL AND regime IS NOT DISTINCT FROM year_read.regime
                            THEN format('; regime %s from year "%s"', regime, y.name)
                            WHEN set_read.regime IS NULL AND regime IS NOT NULL
                            THEN format('; regime %s as given by default_regime', regime) ELSE '' END
                    || CASE WHEN set_read.level IS NULL AND level IS NOT NULL
                            THEN format('; level %s from year "%s"', level, y.name) ELSE '' END
                    || format('; a class group of year "%s" (its groups %s: %s)', y.name,
                              array_to_string(classes, ', '), why);
                RETURN NEXT;
            END LOOP;
        END IF;
    END LOOP;
    RETURN;
END
$years$;
COMMENT ON FUNCTION schooltime.fet_propose_years(text, schooltime.regime) IS
'proposes the year map of a FET file: which FET years or groups are class groups (a year whose groups partition its pupils and are named as classes, 1ESO-A, 3º B, gives those groups; otherwise the year is one class group whose subgroups are its parts), with the regime and level their names read as (default_regime for names that read a level but no regime), and years of meetings or guards as duties; NULL and the reason where a name reads as nothing';

------------------------------------------------------------------------
-- The duty map (optional): [{"subject": "Guardia", "duty": "guard"}, ...]
-- for activities with teachers and no students.  A subject the map does
-- not hold is read from its name, and is "other" when it reads as nothing.

CREATE FUNCTION schooltime.fet_read_duty_name(subject text)
RETURNS schooltime.duty_kind
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE
        WHEN t ~ '(^| )GUARDI' AND t ~ '(PATI|PATIO|RECREO|ESBARJO|RECESS)' THEN 'recess_guard'
        WHEN t ~ '(^| )GUARDI' THEN 'guard'
        WHEN t ~ '(^| )(REUNIO|REUNION|COORDINACI|CLAUSTR|JEF|DEPARTAMENT|CCP|ETCP)' THEN 'coordination'
        WHEN t ~ '(^| )(DIRECCIO|DIRECCION|DIRECTIV|CAP D ESTUDIS|SECRETARI)' THEN 'directive'
        WHEN t ~ '(^| )(TUTORI|TUT|ATENCIO|ATENCION|FAMILI|PADRES|PARES)' THEN 'tutoring'
        ELSE 'other' END::schooltime.duty_kind
    FROM (SELECT array_to_string(schooltime.fet_name_tokens(subject), ' ') AS t) AS words
$$;
COMMENT ON FUNCTION schooltime.fet_read_duty_name(text) IS
'internal: the duty kind a FET subject of teachers without pupils reads as (Guardia: guard, Guardia patio: recess_guard, Reunión: coordination, Tutoría: tutoring, Dirección: directive), other when it reads as none of them';

CREATE FUNCTION schooltime.fet_propose_duties(fet text)
RETURNS TABLE (subject text, duty schooltime.duty_kind, activities bigint, reading text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a->>'subject', schooltime.fet_read_duty_name(a->>'subject'), count(*),
           CASE WHEN schooltime.fet_read_duty_name(a->>'subject') = 'other'
                THEN format('"%s" reads as no duty kind schooltime knows: other', a->>'subject')
                ELSE format('"%s" reads as %s', a->>'subject', schooltime.fet_read_duty_name(a->>'subject')) END
    FROM jsonb_array_elements(schooltime.fet_read(fet)->'activities') AS a
    WHERE jsonb_array_length(a->'students') = 0 AND jsonb_array_length(a->'teachers') > 0
      AND (a->>'active')::boolean
    GROUP BY a->>'subject'
    ORDER BY 1
$$;
COMMENT ON FUNCTION schooltime.fet_propose_duties(text) IS
'proposes the duty map of a FET file: each subject of the active activities with teachers and no students, the duty kind its name reads as (other when none) and how many activities it has';
