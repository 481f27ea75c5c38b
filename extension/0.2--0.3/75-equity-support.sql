-- Balanced schooling: graduated support (the idea of France's contrats
-- locaux d'accompagnement, [MEN-CLA]: means graduated to a school's social
-- context rather than an in-or-out label).  A tool, not a rule: it ranks
-- centres by a social index the user supplies (an IPS, a complexity score)
-- and gives each the highest support level whose threshold it meets, from a
-- scheme in the catalogue.  No official threshold is confirmed (EQUITY.md 5),
-- so the one scheme shipped is an illustration, marked unconfirmed.

CREATE TABLE schooltime.support_schemes (
    scheme          text PRIMARY KEY CONSTRAINT scheme_format CHECK (scheme ~ '^[a-z][a-z0-9_]*$'),
    needier         text NOT NULL CONSTRAINT needier_known CHECK (needier IN ('lower', 'higher')),
    description_en  text NOT NULL,
    description_ca  text NOT NULL,
    source          text NOT NULL,
    unconfirmed     boolean NOT NULL,
    origin          schooltime.catalogue_origin NOT NULL DEFAULT 'local'
);
COMMENT ON TABLE schooltime.support_schemes IS
'Schemes of graduated support for schooltime.graduated_support(): which way the social index runs, what the scheme is for and where its thresholds come from; the levels are in schooltime.support_thresholds.';
COMMENT ON COLUMN schooltime.support_schemes.needier IS 'lower: a lower index is a needier centre (an IPS); higher: a higher index is (a complexity score)';
COMMENT ON COLUMN schooltime.support_schemes.description_en IS 'what the scheme is for, in English';
COMMENT ON COLUMN schooltime.support_schemes.description_ca IS 'what the scheme is for, in Catalan';
COMMENT ON COLUMN schooltime.support_schemes.source IS 'where the scheme and its thresholds come from';
COMMENT ON COLUMN schooltime.support_schemes.unconfirmed IS 'true when no official source gives the thresholds';

CREATE TABLE schooltime.support_thresholds (
    scheme         text NOT NULL CONSTRAINT scheme_format CHECK (scheme ~ '^[a-z][a-z0-9_]*$'),
    support_level  smallint NOT NULL CONSTRAINT support_level_positive CHECK (support_level >= 1),
    name_en        text NOT NULL,
    name_ca        text NOT NULL,
    basis          text NOT NULL CONSTRAINT basis_known CHECK (basis IN ('rank_percent', 'index_value')),
    bound          numeric NOT NULL,
    note           text,
    origin         schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    PRIMARY KEY (scheme, support_level),
    CONSTRAINT rank_percent_in_range CHECK (basis <> 'rank_percent' OR bound BETWEEN 0 AND 100)
);
COMMENT ON TABLE schooltime.support_thresholds IS
'The levels of a support scheme, 1 the least: a centre gets the highest level whose threshold it meets. rank_percent: the centre is among the neediest bound percent of the centres ranked (ties share the better rank); index_value: its index is at or beyond bound on the needier side.';
COMMENT ON COLUMN schooltime.support_thresholds.support_level IS 'the level, 1 the least support';
COMMENT ON COLUMN schooltime.support_thresholds.name_en IS 'name of the level in English';
COMMENT ON COLUMN schooltime.support_thresholds.name_ca IS 'name of the level in Catalan';
COMMENT ON COLUMN schooltime.support_thresholds.basis IS 'rank_percent (a share of the centres ranked) or index_value (a value of the index)';
COMMENT ON COLUMN schooltime.support_thresholds.bound IS 'the threshold: a percent of the centres, or a value of the index';
COMMENT ON COLUMN schooltime.support_thresholds.note IS 'why the threshold is what it is';

INSERT INTO schooltime.support_schemes (scheme, needier, description_en, description_ca, source, unconfirmed, origin) VALUES
('graduated_example', 'lower',
 'An illustration of graduated support ranked on an index where lower is needier (as the DEPP''s IPS): three levels for the neediest 5, 10 and 20 % of the centres ranked. Replace it with the thresholds your administration sets.',
 'Una il·lustració de suport graduat segons un índex en què més baix és més necessitat (com l''IPS de la DEPP): tres nivells per al 5, el 10 i el 20 % de centres més necessitats. Substituïu-la pels llindars que fixi la vostra administració.',
 'The contrats locaux d''accompagnement grade means to a school''s social context, chosen on national indicators with the IPS as the main one [MEN-CLA] [BDT-2021] [SGEN-NPDC]; no numeric threshold is published (EQUITY.md 5): these are schooltime''s.',
 true, 'shipped');
INSERT INTO schooltime.support_thresholds (scheme, support_level, name_en, name_ca, basis, bound, note, origin) VALUES
('graduated_example', 1, 'support', 'suport', 'rank_percent', 20, 'schooltime''s illustration; unconfirmed.', 'shipped'),
('graduated_example', 2, 'reinforced support', 'suport reforçat', 'rank_percent', 10, 'schooltime''s illustration; unconfirmed.', 'shipped'),
('graduated_example', 3, 'maximum support', 'suport màxim', 'rank_percent', 5, 'schooltime''s illustration; unconfirmed.', 'shipped');

SELECT schooltime.register_catalogue_table('schooltime.support_schemes', '{scheme}');
SELECT schooltime.register_catalogue_table('schooltime.support_thresholds', '{scheme,support_level}');
GRANT SELECT ON schooltime.support_schemes, schooltime.support_thresholds TO PUBLIC;

CREATE FUNCTION schooltime.graduated_support(scheme text, centre_ids bigint[], social_index numeric[])
RETURNS TABLE (centre_id bigint, index_value numeric, needier_rank integer, centres_ranked integer,
               support_level integer, support_name_en text, support_name_ca text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $support$
DECLARE
    direction text;
BEGIN
    SELECT s.needier INTO direction FROM schooltime.support_schemes AS s WHERE s.scheme = graduated_support.scheme;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown support scheme "%"', scheme
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = format('The catalogue''s schemes are: %s.',
                                coalesce((SELECT string_agg(s.scheme, ', ' ORDER BY s.scheme) FROM schooltime.support_schemes AS s), 'none'));
    END IF;
    IF cardinality(centre_ids) IS DISTINCT FROM cardinality(social_index) THEN
        RAISE EXCEPTION 'there are % centres and % index values', coalesce(cardinality(centre_ids), 0), coalesce(cardinality(social_index), 0)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass one index value per centre, in the same order (NULL for a centre without one).';
    END IF;
    IF array_position(centre_ids, NULL) IS NOT NULL
       OR (SELECT count(DISTINCT u) <> count(u) FROM unnest(centre_ids) AS u) THEN
        RAISE EXCEPTION 'every centre must be named once'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The centres include a NULL or the same centre twice.';
    END IF;
    RETURN QUERY
        WITH input AS (
            SELECT u.id, u.ix FROM unnest(centre_ids, social_index) AS u (id, ix)
        ), ranked AS (
            SELECT i.id, i.ix,
                   (rank() OVER (ORDER BY CASE WHEN direction = 'lower' THEN i.ix ELSE -i.ix END))::integer AS r,
                   (count(*) OVER ())::integer AS n
            FROM input AS i WHERE i.ix IS NOT NULL
        )
        SELECT i.id, i.ix, k.r, k.n, lv.support_level::integer, lv.name_en, lv.name_ca
        FROM input AS i
        LEFT JOIN ranked AS k ON k.id = i.id
        LEFT JOIN LATERAL (
            SELECT t.support_level, t.name_en, t.name_ca FROM schooltime.support_thresholds AS t
            WHERE t.scheme = graduated_support.scheme AND k.r IS NOT NULL
              AND CASE t.basis
                      WHEN 'rank_percent' THEN 100 * k.r::numeric <= t.bound * k.n
                      WHEN 'index_value' THEN CASE WHEN direction = 'lower' THEN k.ix <= t.bound ELSE k.ix >= t.bound END
                  END
            ORDER BY t.support_level DESC LIMIT 1) AS lv ON true
        ORDER BY k.r NULLS LAST, i.id;
END
$support$;
COMMENT ON FUNCTION schooltime.graduated_support(text, bigint[], numeric[]) IS
'graduated support, as a tool: ranks the centres given by the social index given for each (ties share the better rank; a centre without an index is not ranked) the needier first, as the scheme''s direction says, and gives each the highest level of schooltime.support_thresholds whose threshold it meets (the neediest bound percent, or an index at or beyond bound), or none. Example: graduated_support(''graduated_example'', ARRAY[1, 2, 3], ARRAY[88, 102, 131]). No official threshold is confirmed: the shipped scheme is an illustration';
