-- Balanced schooling (issue 16): the segregation indicators as aggregates
-- in C (src/equity/), each with a combine function so that it runs in
-- parallel.  Their formulas, sources and readings are in doc/equity.md.
--
-- Each index has two forms: (category_pupils, pupils) takes each row as one
-- centre; (centre, category_pupils, pupils) adds up the rows of one centre
-- first, so that enrolment kept per level can be aggregated per stage as it
-- is.  A row with a NULL is left out.  Counts are checked: none negative,
-- the category never more than the pupils in all (invalid_parameter_value).

CREATE FUNCTION schooltime.equity_units_transition(internal, bigint, bigint) RETURNS internal
    AS 'MODULE_PATHNAME', 'equity_units_transition' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION schooltime.equity_units_keyed_transition(internal, bigint, bigint, bigint) RETURNS internal
    AS 'MODULE_PATHNAME', 'equity_units_keyed_transition' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION schooltime.equity_units_combine(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'equity_units_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION schooltime.equity_units_serialize(internal) RETURNS bytea
    AS 'MODULE_PATHNAME', 'equity_units_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.equity_units_deserialize(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'equity_units_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.equity_dissimilarity_final(internal) RETURNS double precision
    AS 'MODULE_PATHNAME', 'equity_dissimilarity_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION schooltime.equity_isolation_final(internal) RETURNS double precision
    AS 'MODULE_PATHNAME', 'equity_isolation_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION schooltime.equity_exposure_final(internal) RETURNS double precision
    AS 'MODULE_PATHNAME', 'equity_exposure_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION schooltime.equity_adjusted_isolation_final(internal) RETURNS double precision
    AS 'MODULE_PATHNAME', 'equity_adjusted_isolation_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.equity_units_transition(internal, bigint, bigint) IS
'internal: transition function of the segregation indices taking one row per centre; adds the centre''s counts to the state, rows with a NULL left out';
COMMENT ON FUNCTION schooltime.equity_units_keyed_transition(internal, bigint, bigint, bigint) IS
'internal: transition function of the segregation indices keyed by centre; rows of one centre add up';
COMMENT ON FUNCTION schooltime.equity_units_combine(internal, internal) IS
'internal: combine function of the segregation indices, for parallel aggregation';
COMMENT ON FUNCTION schooltime.equity_units_serialize(internal) IS
'internal: serializes a partial state of a segregation index (its merged list of centres)';
COMMENT ON FUNCTION schooltime.equity_units_deserialize(bytea, internal) IS
'internal: deserializes a partial state of a segregation index';
COMMENT ON FUNCTION schooltime.equity_dissimilarity_final(internal) IS
'internal: final function of dissimilarity()';
COMMENT ON FUNCTION schooltime.equity_isolation_final(internal) IS
'internal: final function of isolation()';
COMMENT ON FUNCTION schooltime.equity_exposure_final(internal) IS
'internal: final function of exposure()';
COMMENT ON FUNCTION schooltime.equity_adjusted_isolation_final(internal) IS
'internal: final function of adjusted_isolation()';

CREATE AGGREGATE schooltime.dissimilarity(category_pupils bigint, pupils bigint) (
    SFUNC = schooltime.equity_units_transition, STYPE = internal,
    FINALFUNC = schooltime.equity_dissimilarity_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = schooltime.equity_units_combine,
    SERIALFUNC = schooltime.equity_units_serialize, DESERIALFUNC = schooltime.equity_units_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE schooltime.dissimilarity(centre bigint, category_pupils bigint, pupils bigint) (
    SFUNC = schooltime.equity_units_keyed_transition, STYPE = internal,
    FINALFUNC = schooltime.equity_dissimilarity_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = schooltime.equity_units_combine,
    SERIALFUNC = schooltime.equity_units_serialize, DESERIALFUNC = schooltime.equity_units_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE schooltime.dissimilarity(bigint, bigint) IS
'dissimilarity index of a category of pupils over the centres of an area, each row one centre (its pupils of the category, its pupils in all), as the Síndic de Greuges computes it: D = 1/2 * sum |f/F - n/N|, n the centre''s other pupils; the share of the category''s pupils who would have to change centre for an even spread, 0 (even) to 1. NULL with fewer than two centres with pupils, or when no pupil, or every pupil, is of the category. Example: dissimilarity over (30, 100) and (10, 100) = 0.3125';
COMMENT ON AGGREGATE schooltime.dissimilarity(bigint, bigint, bigint) IS
'dissimilarity index as dissimilarity(category_pupils, pupils), with the rows of one centre (the first argument) added up first: enrolment kept per level gives the index of a stage';

CREATE AGGREGATE schooltime.isolation(category_pupils bigint, pupils bigint) (
    SFUNC = schooltime.equity_units_transition, STYPE = internal,
    FINALFUNC = schooltime.equity_isolation_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = schooltime.equity_units_combine,
    SERIALFUNC = schooltime.equity_units_serialize, DESERIALFUNC = schooltime.equity_units_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE schooltime.isolation(centre bigint, category_pupils bigint, pupils bigint) (
    SFUNC = schooltime.equity_units_keyed_transition, STYPE = internal,
    FINALFUNC = schooltime.equity_isolation_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = schooltime.equity_units_combine,
    SERIALFUNC = schooltime.equity_units_serialize, DESERIALFUNC = schooltime.equity_units_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE schooltime.isolation(bigint, bigint) IS
'isolation index xPx (Bell) of a category of pupils over the centres of an area, each row one centre: sum (f/F) * (f/t), the chance that a pupil of the category meets one of the same category at school; near 1 when the category is kept apart, equal to its share of all pupils when spread evenly. NULL when no pupil is of the category. Example: over (30, 100) and (10, 100) = 0.25';
COMMENT ON AGGREGATE schooltime.isolation(bigint, bigint, bigint) IS
'isolation index as isolation(category_pupils, pupils), with the rows of one centre (the first argument) added up first';

CREATE AGGREGATE schooltime.exposure(category_pupils bigint, pupils bigint) (
    SFUNC = schooltime.equity_units_transition, STYPE = internal,
    FINALFUNC = schooltime.equity_exposure_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = schooltime.equity_units_combine,
    SERIALFUNC = schooltime.equity_units_serialize, DESERIALFUNC = schooltime.equity_units_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE schooltime.exposure(centre bigint, category_pupils bigint, pupils bigint) (
    SFUNC = schooltime.equity_units_keyed_transition, STYPE = internal,
    FINALFUNC = schooltime.equity_exposure_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = schooltime.equity_units_combine,
    SERIALFUNC = schooltime.equity_units_serialize, DESERIALFUNC = schooltime.equity_units_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE schooltime.exposure(bigint, bigint) IS
'exposure index xPy of a category of pupils to the other pupils over the centres of an area, each row one centre: sum (f/F) * (n/t), the chance that a pupil of the category meets one of the others at school; isolation + exposure = 1. NULL when no pupil is of the category. Example: over (30, 100) and (10, 100) = 0.75';
COMMENT ON AGGREGATE schooltime.exposure(bigint, bigint, bigint) IS
'exposure index as exposure(category_pupils, pupils), with the rows of one centre (the first argument) added up first';

CREATE AGGREGATE schooltime.adjusted_isolation(category_pupils bigint, pupils bigint) (
    SFUNC = schooltime.equity_units_transition, STYPE = internal,
    FINALFUNC = schooltime.equity_adjusted_isolation_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = schooltime.equity_units_combine,
    SERIALFUNC = schooltime.equity_units_serialize, DESERIALFUNC = schooltime.equity_units_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE schooltime.adjusted_isolation(centre bigint, category_pupils bigint, pupils bigint) (
    SFUNC = schooltime.equity_units_keyed_transition, STYPE = internal,
    FINALFUNC = schooltime.equity_adjusted_isolation_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = schooltime.equity_units_combine,
    SERIALFUNC = schooltime.equity_units_serialize, DESERIALFUNC = schooltime.equity_units_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE schooltime.adjusted_isolation(bigint, bigint) IS
'isolation index adjusted for the category''s overall share (eta2): (xPx - P) / (1 - P), P = F/T; 0 when the category is spread evenly, 1 when kept apart, whatever its share. The form is the usual one; that it matches OasisR''s Eta2 is unconfirmed (doc/equity.md). NULL when no pupil, or every pupil, is of the category. Example: over (30, 100) and (10, 100) = 0.0625';
COMMENT ON AGGREGATE schooltime.adjusted_isolation(bigint, bigint, bigint) IS
'adjusted isolation index as adjusted_isolation(category_pupils, pupils), with the rows of one centre (the first argument) added up first';

CREATE FUNCTION schooltime.equity_share_transition(internal, bigint, bigint) RETURNS internal
    AS 'MODULE_PATHNAME', 'equity_share_transition' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION schooltime.equity_share_combine(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'equity_share_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION schooltime.equity_share_serialize(internal) RETURNS bytea
    AS 'MODULE_PATHNAME', 'equity_share_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.equity_share_deserialize(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'equity_share_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.equity_share_final(internal) RETURNS double precision
    AS 'MODULE_PATHNAME', 'equity_share_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.equity_share_transition(internal, bigint, bigint) IS
'internal: transition function of category_share(); adds a row''s counts, rows with a NULL left out';
COMMENT ON FUNCTION schooltime.equity_share_combine(internal, internal) IS
'internal: combine function of category_share(), for parallel aggregation';
COMMENT ON FUNCTION schooltime.equity_share_serialize(internal) IS
'internal: serializes a partial state of category_share()';
COMMENT ON FUNCTION schooltime.equity_share_deserialize(bytea, internal) IS
'internal: deserializes a partial state of category_share()';
COMMENT ON FUNCTION schooltime.equity_share_final(internal) IS
'internal: final function of category_share()';

CREATE AGGREGATE schooltime.category_share(category_pupils bigint, pupils bigint) (
    SFUNC = schooltime.equity_share_transition, STYPE = internal,
    FINALFUNC = schooltime.equity_share_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = schooltime.equity_share_combine,
    SERIALFUNC = schooltime.equity_share_serialize, DESERIALFUNC = schooltime.equity_share_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE schooltime.category_share(bigint, bigint) IS
'share of a category among the pupils of the rows (an area''s, or, as a window aggregate, the area of each row): sum(category_pupils) / sum(pupils), 0 to 1, counts checked as the indices check them; NULL with no pupil. Example: over (30, 100) and (10, 100) = 0.2';

CREATE FUNCTION schooltime.share_gap_points(category_pupils bigint, pupils bigint, area_category_pupils bigint, area_pupils bigint)
RETURNS double precision
AS 'MODULE_PATHNAME', 'equity_share_gap_points' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.share_gap_points(bigint, bigint, bigint, bigint) IS
'how far a centre''s share of a category lies above (positive) or below its area''s (zone or municipality), in percentage points: 100 * (f/t - F/T). NULL when the centre or the area has no pupil. Example: share_gap_points(30, 100, 40, 200) = 10';

CREATE FUNCTION schooltime.location_quotient(category_pupils bigint, pupils bigint, area_category_pupils bigint, area_pupils bigint)
RETURNS double precision
AS 'MODULE_PATHNAME', 'equity_location_quotient' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.location_quotient(bigint, bigint, bigint, bigint) IS
'location quotient of a centre: its share of a category over its area''s, (f/t) / (F/T); 1 as in the area, above 1 over-represented. NULL when the centre or the area has no pupil, or the area none of the category. Example: location_quotient(30, 100, 40, 200) = 1.5';
