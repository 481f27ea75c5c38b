-- weekslot becomes a base type of its own (doc/design.md, decision 3): its
-- text input reads a slot as people write it ('dl 08:00-09:00', 'Mon
-- 08:00-09:00') as well as a range literal ('[Mon 08:00,Mon 09:00)'), so that
-- INSERT and COPY take a school's export as it is.  Its values are
-- weektimerange values, byte for byte: PostgreSQL's own range functions,
-- declared here over weekslot (LANGUAGE internal), give it overlap,
-- containment, btree, hash and GiST, and the rules read it as before
-- (weekslot_bounds()).  Its output is the range literal, as before.
--
-- The 0.2 domain stays, renamed weekslot_before_0_3, with every function
-- over it: columns made before 0.3 keep working until their owner moves them
-- (schooltime.upgrade_model() for a model, ALTER COLUMN ... TYPE
-- schooltime.weekslot for a table of one's own).

ALTER DOMAIN schooltime.weekslot RENAME TO weekslot_before_0_3;
COMMENT ON DOMAIN schooltime.weekslot_before_0_3 IS
'The weekslot of schooltime 0.1 and 0.2, a domain over weektimerange, kept for columns made before 0.3 until they are moved to schooltime.weekslot (schooltime.upgrade_model(), or ALTER COLUMN ... TYPE schooltime.weekslot, which keeps every row).';

CREATE TYPE schooltime.weekslot;

CREATE FUNCTION schooltime.weekslot_in(cstring, oid, integer) RETURNS schooltime.weekslot
    AS 'MODULE_PATHNAME', 'weekslot_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_out(schooltime.weekslot) RETURNS cstring
    AS 'range_out' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_recv(internal, oid, integer) RETURNS schooltime.weekslot
    AS 'MODULE_PATHNAME', 'weekslot_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_send(schooltime.weekslot) RETURNS bytea
    AS 'range_send' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.weekslot_in(cstring, oid, integer) IS
'text input of weekslot: ''dl 08:00-09:00'' (any weekday spelling weektime reads) or a range literal ''[Mon 08:00,Mon 09:00)''';
COMMENT ON FUNCTION schooltime.weekslot_out(schooltime.weekslot) IS
'text output of weekslot: the range literal ''[Mon 08:00,Mon 09:00)'' (PostgreSQL''s range_out)';
COMMENT ON FUNCTION schooltime.weekslot_recv(internal, oid, integer) IS
'binary input of weekslot: the binary form of weektimerange, checked to be one slot of one day';
COMMENT ON FUNCTION schooltime.weekslot_send(schooltime.weekslot) IS
'binary output of weekslot: the binary form of weektimerange (PostgreSQL''s range_send)';

-- the layout of weektimerange: a varlena range of two int2 bounds
CREATE TYPE schooltime.weekslot (
    INPUT = schooltime.weekslot_in,
    OUTPUT = schooltime.weekslot_out,
    RECEIVE = schooltime.weekslot_recv,
    SEND = schooltime.weekslot_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended,
    -- a range's category; preferred in it, so that a literal handed to a
    -- function that takes either a weekslot or a 0.2 one reads as weekslot
    CATEGORY = 'R',
    PREFERRED = true
);
COMMENT ON TYPE schooltime.weekslot IS
'A slot of the school week: one day, a start and an end. Reads ''dl 08:00-09:00'', ''Dilluns 8:00-9:00'', ''Mon 08:00-09:00'' or a range literal ''[Mon 08:00,Mon 09:00)''; writes the range literal. Its values are weektimeranges (an implicit cast makes one of it): overlap (&&), containment (@>, <@), lower(), upper(), GiST indexes and EXCLUDE constraints work as on ranges.';

-- A slot is a weektimerange as it stands; a weektimerange is a slot once it
-- is checked to be one day's.
CREATE CAST (schooltime.weekslot AS schooltime.weektimerange) WITHOUT FUNCTION AS IMPLICIT;
CREATE FUNCTION schooltime.weekslot(schooltime.weektimerange) RETURNS schooltime.weekslot
    AS 'MODULE_PATHNAME', 'weekslot_from_range' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.weekslot(schooltime.weektimerange) IS
'the slot of a weektimerange that is bounded, not empty and within one day (the cast weektimerange -> weekslot); refuses any other with invalid_text_representation';
CREATE CAST (schooltime.weektimerange AS schooltime.weekslot)
    WITH FUNCTION schooltime.weekslot(schooltime.weektimerange) AS ASSIGNMENT;

-- PostgreSQL's range functions, over weekslot.  They read the range type
-- from each value, which is weektimerange, so they need nothing of weekslot.
CREATE FUNCTION schooltime.weekslot_eq(schooltime.weekslot, schooltime.weekslot) RETURNS boolean
    AS 'range_eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_ne(schooltime.weekslot, schooltime.weekslot) RETURNS boolean
    AS 'range_ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_lt(schooltime.weekslot, schooltime.weekslot) RETURNS boolean
    AS 'range_lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_le(schooltime.weekslot, schooltime.weekslot) RETURNS boolean
    AS 'range_le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_gt(schooltime.weekslot, schooltime.weekslot) RETURNS boolean
    AS 'range_gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_ge(schooltime.weekslot, schooltime.weekslot) RETURNS boolean
    AS 'range_ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_cmp(schooltime.weekslot, schooltime.weekslot) RETURNS integer
    AS 'range_cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_hash(schooltime.weekslot) RETURNS integer
    AS 'hash_range' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_hash_extended(schooltime.weekslot, bigint) RETURNS bigint
    AS 'hash_range_extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_overlaps(schooltime.weekslot, schooltime.weekslot) RETURNS boolean
    AS 'range_overlaps' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_contains(schooltime.weekslot, schooltime.weekslot) RETURNS boolean
    AS 'range_contains' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_contained_by(schooltime.weekslot, schooltime.weekslot) RETURNS boolean
    AS 'range_contained_by' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_contains_weektime(schooltime.weekslot, schooltime.weektime) RETURNS boolean
    AS 'range_contains_elem' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_contained_by_weekslot(schooltime.weektime, schooltime.weekslot) RETURNS boolean
    AS 'elem_contained_by_range' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_before(schooltime.weekslot, schooltime.weekslot) RETURNS boolean
    AS 'range_before' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_after(schooltime.weekslot, schooltime.weekslot) RETURNS boolean
    AS 'range_after' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_overleft(schooltime.weekslot, schooltime.weekslot) RETURNS boolean
    AS 'range_overleft' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_overright(schooltime.weekslot, schooltime.weekslot) RETURNS boolean
    AS 'range_overright' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_adjacent(schooltime.weekslot, schooltime.weekslot) RETURNS boolean
    AS 'range_adjacent' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_union(schooltime.weekslot, schooltime.weekslot) RETURNS schooltime.weektimerange
    AS 'range_union' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_intersect(schooltime.weekslot, schooltime.weekslot) RETURNS schooltime.weektimerange
    AS 'range_intersect' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_minus(schooltime.weekslot, schooltime.weekslot) RETURNS schooltime.weektimerange
    AS 'range_minus' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION schooltime.weekslot_eq(schooltime.weekslot, schooltime.weekslot) IS 'implementation of = for weekslot (range_eq)';
COMMENT ON FUNCTION schooltime.weekslot_ne(schooltime.weekslot, schooltime.weekslot) IS 'implementation of <> for weekslot (range_ne)';
COMMENT ON FUNCTION schooltime.weekslot_lt(schooltime.weekslot, schooltime.weekslot) IS 'implementation of < for weekslot (range_lt): by start, then by end';
COMMENT ON FUNCTION schooltime.weekslot_le(schooltime.weekslot, schooltime.weekslot) IS 'implementation of <= for weekslot (range_le)';
COMMENT ON FUNCTION schooltime.weekslot_gt(schooltime.weekslot, schooltime.weekslot) IS 'implementation of > for weekslot (range_gt)';
COMMENT ON FUNCTION schooltime.weekslot_ge(schooltime.weekslot, schooltime.weekslot) IS 'implementation of >= for weekslot (range_ge)';
COMMENT ON FUNCTION schooltime.weekslot_cmp(schooltime.weekslot, schooltime.weekslot) IS 'btree comparison support for weekslot (range_cmp)';
COMMENT ON FUNCTION schooltime.weekslot_hash(schooltime.weekslot) IS 'hash support for weekslot (hash_range)';
COMMENT ON FUNCTION schooltime.weekslot_hash_extended(schooltime.weekslot, bigint) IS 'seeded hash support for weekslot (hash_range_extended)';
COMMENT ON FUNCTION schooltime.weekslot_overlaps(schooltime.weekslot, schooltime.weekslot) IS 'implementation of && for weekslot (range_overlaps)';
COMMENT ON FUNCTION schooltime.weekslot_contains(schooltime.weekslot, schooltime.weekslot) IS 'implementation of @> for weekslot (range_contains)';
COMMENT ON FUNCTION schooltime.weekslot_contained_by(schooltime.weekslot, schooltime.weekslot) IS 'implementation of <@ for weekslot (range_contained_by)';
COMMENT ON FUNCTION schooltime.weekslot_contains_weektime(schooltime.weekslot, schooltime.weektime) IS 'implementation of weekslot @> weektime (range_contains_elem)';
COMMENT ON FUNCTION schooltime.weektime_contained_by_weekslot(schooltime.weektime, schooltime.weekslot) IS 'implementation of weektime <@ weekslot (elem_contained_by_range)';
COMMENT ON FUNCTION schooltime.weekslot_before(schooltime.weekslot, schooltime.weekslot) IS 'implementation of << for weekslot (range_before)';
COMMENT ON FUNCTION schooltime.weekslot_after(schooltime.weekslot, schooltime.weekslot) IS 'implementation of >> for weekslot (range_after)';
COMMENT ON FUNCTION schooltime.weekslot_overleft(schooltime.weekslot, schooltime.weekslot) IS 'implementation of &< for weekslot (range_overleft)';
COMMENT ON FUNCTION schooltime.weekslot_overright(schooltime.weekslot, schooltime.weekslot) IS 'implementation of &> for weekslot (range_overright)';
COMMENT ON FUNCTION schooltime.weekslot_adjacent(schooltime.weekslot, schooltime.weekslot) IS 'implementation of -|- for weekslot (range_adjacent)';
COMMENT ON FUNCTION schooltime.weekslot_union(schooltime.weekslot, schooltime.weekslot) IS 'implementation of + for weekslot (range_union): a weektimerange';
COMMENT ON FUNCTION schooltime.weekslot_intersect(schooltime.weekslot, schooltime.weekslot) IS 'implementation of * for weekslot (range_intersect): a weektimerange, empty if they do not overlap';
COMMENT ON FUNCTION schooltime.weekslot_minus(schooltime.weekslot, schooltime.weekslot) IS 'implementation of - for weekslot (range_minus): a weektimerange';

-- The operators and lower()/upper() live in pg_catalog, beside PostgreSQL's
-- own range operators: a query that used a slot as a range before 0.3
-- (slot && x, lower(slot), EXCLUDE ... WITH &&) means the same under any
-- search_path, and no schema on the path can shadow them.
CREATE OPERATOR pg_catalog.= (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_lt,
    COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_le,
    COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_gt,
    COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_ge,
    COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
-- PostgreSQL's range estimators (rangesel) read range statistics of a range
-- type; weekslot has plain ones, so overlap and containment take the fixed
-- estimates the geometric types use.
CREATE OPERATOR pg_catalog.&& (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_overlaps,
    COMMUTATOR = OPERATOR(pg_catalog.&&), RESTRICT = areasel, JOIN = areajoinsel
);
CREATE OPERATOR pg_catalog.@> (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_contains,
    COMMUTATOR = OPERATOR(pg_catalog.<@), RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR pg_catalog.<@ (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_contained_by,
    COMMUTATOR = OPERATOR(pg_catalog.@>), RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR pg_catalog.@> (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weektime, FUNCTION = schooltime.weekslot_contains_weektime,
    COMMUTATOR = OPERATOR(pg_catalog.<@), RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR pg_catalog.<@ (
    LEFTARG = schooltime.weektime, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weektime_contained_by_weekslot,
    COMMUTATOR = OPERATOR(pg_catalog.@>), RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR pg_catalog.<< (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_before,
    COMMUTATOR = OPERATOR(pg_catalog.>>), RESTRICT = positionsel, JOIN = positionjoinsel
);
CREATE OPERATOR pg_catalog.>> (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_after,
    COMMUTATOR = OPERATOR(pg_catalog.<<), RESTRICT = positionsel, JOIN = positionjoinsel
);
CREATE OPERATOR pg_catalog.&< (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_overleft,
    RESTRICT = positionsel, JOIN = positionjoinsel
);
CREATE OPERATOR pg_catalog.&> (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_overright,
    RESTRICT = positionsel, JOIN = positionjoinsel
);
CREATE OPERATOR pg_catalog.-|- (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_adjacent,
    COMMUTATOR = OPERATOR(pg_catalog.-|-), RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR pg_catalog.+ (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_union,
    COMMUTATOR = OPERATOR(pg_catalog.+)
);
CREATE OPERATOR pg_catalog.* (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_intersect,
    COMMUTATOR = OPERATOR(pg_catalog.*)
);
CREATE OPERATOR pg_catalog.- (
    LEFTARG = schooltime.weekslot, RIGHTARG = schooltime.weekslot, FUNCTION = schooltime.weekslot_minus
);

COMMENT ON OPERATOR pg_catalog.= (schooltime.weekslot, schooltime.weekslot) IS 'same slot';
COMMENT ON OPERATOR pg_catalog.<> (schooltime.weekslot, schooltime.weekslot) IS 'not the same slot';
COMMENT ON OPERATOR pg_catalog.< (schooltime.weekslot, schooltime.weekslot) IS 'earlier slot (by start, then end)';
COMMENT ON OPERATOR pg_catalog.<= (schooltime.weekslot, schooltime.weekslot) IS 'earlier or same slot';
COMMENT ON OPERATOR pg_catalog.> (schooltime.weekslot, schooltime.weekslot) IS 'later slot (by start, then end)';
COMMENT ON OPERATOR pg_catalog.>= (schooltime.weekslot, schooltime.weekslot) IS 'later or same slot';
COMMENT ON OPERATOR pg_catalog.&& (schooltime.weekslot, schooltime.weekslot) IS 'slots share a minute (touching slots do not)';
COMMENT ON OPERATOR pg_catalog.@> (schooltime.weekslot, schooltime.weekslot) IS 'slot contains slot';
COMMENT ON OPERATOR pg_catalog.<@ (schooltime.weekslot, schooltime.weekslot) IS 'slot is contained by slot';
COMMENT ON OPERATOR pg_catalog.@> (schooltime.weekslot, schooltime.weektime) IS 'slot contains the minute';
COMMENT ON OPERATOR pg_catalog.<@ (schooltime.weektime, schooltime.weekslot) IS 'minute lies in the slot';
COMMENT ON OPERATOR pg_catalog.<< (schooltime.weekslot, schooltime.weekslot) IS 'slot ends before the other starts';
COMMENT ON OPERATOR pg_catalog.>> (schooltime.weekslot, schooltime.weekslot) IS 'slot starts after the other ends';
COMMENT ON OPERATOR pg_catalog.&< (schooltime.weekslot, schooltime.weekslot) IS 'slot does not extend to the right of the other';
COMMENT ON OPERATOR pg_catalog.&> (schooltime.weekslot, schooltime.weekslot) IS 'slot does not extend to the left of the other';
COMMENT ON OPERATOR pg_catalog.-|- (schooltime.weekslot, schooltime.weekslot) IS 'one slot ends where the other starts';
COMMENT ON OPERATOR pg_catalog.+ (schooltime.weekslot, schooltime.weekslot) IS 'union of two overlapping or touching slots, as a weektimerange';
COMMENT ON OPERATOR pg_catalog.* (schooltime.weekslot, schooltime.weekslot) IS 'the minutes two slots share, as a weektimerange';
COMMENT ON OPERATOR pg_catalog.- (schooltime.weekslot, schooltime.weekslot) IS 'the minutes of a slot outside another, as a weektimerange';

CREATE FUNCTION pg_catalog.lower(schooltime.weekslot) RETURNS schooltime.weektime
    AS 'range_lower' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pg_catalog.upper(schooltime.weekslot) RETURNS schooltime.weektime
    AS 'range_upper' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pg_catalog.range_merge(schooltime.weekslot, schooltime.weekslot) RETURNS schooltime.weektimerange
    AS 'range_merge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pg_catalog.lower(schooltime.weekslot) IS 'the first minute of a slot (schooltime)';
COMMENT ON FUNCTION pg_catalog.upper(schooltime.weekslot) IS 'the minute a slot ends, the first after it (schooltime)';
COMMENT ON FUNCTION pg_catalog.range_merge(schooltime.weekslot, schooltime.weekslot) IS
'the smallest weektimerange that holds both slots, the gap between them included (schooltime)';

-- btree, hash and GiST, by PostgreSQL's range support functions
CREATE OPERATOR CLASS schooltime.weekslot_ops
    DEFAULT FOR TYPE schooltime.weekslot USING btree AS
        OPERATOR 1 pg_catalog.<,
        OPERATOR 2 pg_catalog.<=,
        OPERATOR 3 pg_catalog.=,
        OPERATOR 4 pg_catalog.>=,
        OPERATOR 5 pg_catalog.>,
        FUNCTION 1 schooltime.weekslot_cmp(schooltime.weekslot, schooltime.weekslot);

CREATE OPERATOR CLASS schooltime.weekslot_hash_ops
    DEFAULT FOR TYPE schooltime.weekslot USING hash AS
        OPERATOR 1 pg_catalog.=,
        FUNCTION 1 schooltime.weekslot_hash(schooltime.weekslot),
        FUNCTION 2 schooltime.weekslot_hash_extended(schooltime.weekslot, bigint);

CREATE FUNCTION schooltime.weekslot_gist_consistent(internal, schooltime.weekslot, smallint, oid, internal) RETURNS boolean
    AS 'MODULE_PATHNAME', 'weekslot_gist_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_gist_union(internal, internal) RETURNS schooltime.weekslot
    AS 'range_gist_union' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_gist_penalty(internal, internal, internal) RETURNS internal
    AS 'range_gist_penalty' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_gist_picksplit(internal, internal) RETURNS internal
    AS 'range_gist_picksplit' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot_gist_same(schooltime.weekslot, schooltime.weekslot, internal) RETURNS internal
    AS 'range_gist_same' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.weekslot_gist_consistent(internal, schooltime.weekslot, smallint, oid, internal) IS
'GiST support for weekslot: PostgreSQL''s range_gist_consistent, told that a weekslot query is a range';
COMMENT ON FUNCTION schooltime.weekslot_gist_union(internal, internal) IS
'GiST support for weekslot (range_gist_union): the union of index entries, which may span days, as the ranges GiST builds for weektimerange do';
COMMENT ON FUNCTION schooltime.weekslot_gist_penalty(internal, internal, internal) IS 'GiST support for weekslot (range_gist_penalty)';
COMMENT ON FUNCTION schooltime.weekslot_gist_picksplit(internal, internal) IS 'GiST support for weekslot (range_gist_picksplit)';
COMMENT ON FUNCTION schooltime.weekslot_gist_same(schooltime.weekslot, schooltime.weekslot, internal) IS 'GiST support for weekslot (range_gist_same)';

-- the strategy numbers of PostgreSQL's range_ops (RANGESTRAT_* in
-- src/include/utils/rangetypes.h)
CREATE OPERATOR CLASS schooltime.weekslot_gist_ops
    DEFAULT FOR TYPE schooltime.weekslot USING gist AS
        OPERATOR 1 pg_catalog.<< (schooltime.weekslot, schooltime.weekslot),
        OPERATOR 2 pg_catalog.&< (schooltime.weekslot, schooltime.weekslot),
        OPERATOR 3 pg_catalog.&& (schooltime.weekslot, schooltime.weekslot),
        OPERATOR 4 pg_catalog.&> (schooltime.weekslot, schooltime.weekslot),
        OPERATOR 5 pg_catalog.>> (schooltime.weekslot, schooltime.weekslot),
        OPERATOR 6 pg_catalog.-|- (schooltime.weekslot, schooltime.weekslot),
        OPERATOR 7 pg_catalog.@> (schooltime.weekslot, schooltime.weekslot),
        OPERATOR 8 pg_catalog.<@ (schooltime.weekslot, schooltime.weekslot),
        OPERATOR 16 pg_catalog.@> (schooltime.weekslot, schooltime.weektime),
        OPERATOR 18 pg_catalog.= (schooltime.weekslot, schooltime.weekslot),
        FUNCTION 1 schooltime.weekslot_gist_consistent(internal, schooltime.weekslot, smallint, oid, internal),
        FUNCTION 2 schooltime.weekslot_gist_union(internal, internal),
        FUNCTION 5 schooltime.weekslot_gist_penalty(internal, internal, internal),
        FUNCTION 6 schooltime.weekslot_gist_picksplit(internal, internal),
        FUNCTION 7 schooltime.weekslot_gist_same(schooltime.weekslot, schooltime.weekslot, internal);

-- The constructors return the new type.  Dropping the 0.2 ones fails, and
-- with it the upgrade, if a view or a default of the department's calls them:
-- PostgreSQL cannot change a function's result type in place.
DROP FUNCTION schooltime.weekslot(integer, time, time);
DROP FUNCTION schooltime.weekslot(text, time, time);
DROP FUNCTION schooltime.slot(text);
CREATE FUNCTION schooltime.weekslot(weekday integer, start_time time, end_time time) RETURNS schooltime.weekslot
    AS 'MODULE_PATHNAME', 'weekslot_make' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekslot(weekday text, start_time time, end_time time) RETURNS schooltime.weekslot
    AS 'MODULE_PATHNAME', 'weekslot_make_named' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.slot(slot text) RETURNS schooltime.weekslot
    AS 'MODULE_PATHNAME', 'weekslot_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.weekslot(integer, time, time) IS
'the slot of an ISO weekday (1 = Monday) from a start to an end time of day (24:00 is midnight at the end of the day)';
COMMENT ON FUNCTION schooltime.weekslot(text, time, time) IS
'the slot of a named weekday (''dl'', ''Mon'', ''Monday''...) from a start to an end time of day';
COMMENT ON FUNCTION schooltime.slot(text) IS
'the slot written in the compact form ''Mon 08:00-09:30'' (any weekday spelling weektime accepts); since 0.3 the same as text::weekslot';

-- What reads a slot, for the new type too; the 0.2 functions stay for the
-- 0.2 domain.
CREATE FUNCTION schooltime.weekday(schooltime.weekslot) RETURNS integer
    AS 'MODULE_PATHNAME', 'weekslot_weekday' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.start_time(schooltime.weekslot) RETURNS time
    AS 'MODULE_PATHNAME', 'weekslot_start_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.end_time(schooltime.weekslot) RETURNS time
    AS 'MODULE_PATHNAME', 'weekslot_end_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.minutes(schooltime.weekslot) RETURNS integer
    AS 'MODULE_PATHNAME', 'weekslot_minutes' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.to_text(schooltime.weekslot) RETURNS text
    AS 'MODULE_PATHNAME', 'weekslot_to_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.weekday(schooltime.weekslot) IS 'ISO weekday of a slot: 1 = Monday ... 7 = Sunday';
COMMENT ON FUNCTION schooltime.start_time(schooltime.weekslot) IS 'time of day a slot starts';
COMMENT ON FUNCTION schooltime.end_time(schooltime.weekslot) IS 'time of day a slot ends (24:00 for midnight)';
COMMENT ON FUNCTION schooltime.minutes(schooltime.weekslot) IS 'length of a slot in minutes';
COMMENT ON FUNCTION schooltime.to_text(schooltime.weekslot) IS 'the compact form of a slot: ''Mon 08:00-09:30''';

CREATE FUNCTION schooltime.busy_minutes_transition(internal, schooltime.weekslot) RETURNS internal
    AS 'MODULE_PATHNAME', 'busy_minutes_transition' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.busy_minutes_transition(internal, schooltime.weekslot) IS
'internal: transition function of the aggregate busy_minutes(weekslot); adds a slot to the state, NULLs ignored';
CREATE AGGREGATE schooltime.busy_minutes(schooltime.weekslot) (
    SFUNC = schooltime.busy_minutes_transition,
    STYPE = internal,
    FINALFUNC = schooltime.busy_minutes_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = schooltime.busy_minutes_combine,
    SERIALFUNC = schooltime.busy_minutes_serialize,
    DESERIALFUNC = schooltime.busy_minutes_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE schooltime.busy_minutes(schooltime.weekslot) IS
'minutes of the week covered by a set of slots, each minute counted once: overlapping slots count their shared minutes once, touching ones (09:00-10:00 and 10:00-11:00) add up; NULL slots are ignored, and a set with no slot gives NULL, as sum() does. Runs in parallel.';

-- teacher_week_figures() takes arrays, for which no type is preferred: the
-- 0.2 one goes, or teacher_week_figures(NULL, NULL, ...) would be ambiguous.
-- teacher_hours() on a model made before 0.3 wants upgrade_model() first.
DROP FUNCTION schooltime.teacher_week_figures(schooltime.weekslot_before_0_3[], schooltime.weekslot_before_0_3[], schooltime.school_year);
CREATE FUNCTION schooltime.teacher_week_figures(lessons schooltime.weekslot[], duties schooltime.weekslot[],
                                                school_year schooltime.school_year,
                                                OUT lesson_minutes integer, OUT duty_minutes integer,
                                                OUT total_minutes integer, OUT limit_minutes integer,
                                                OUT midday_days integer[])
RETURNS record
AS 'MODULE_PATHNAME', 'schooltime_teacher_week_figures' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.teacher_week_figures(schooltime.weekslot[], schooltime.weekslot[], schooltime.school_year) IS
'the figures of a teacher''s week, measured by the kernel that enforces teacher_midday and teacher_week on write: minutes of lessons, of other duties and of both (each counted once where they overlap), on the working days of schooltime.staff_limits; the year''s limit (2250 minutes, 37 h 30 min); and the ISO weekdays that break teacher_midday. NULL arrays count as empty';

-- A model made before 0.3 moves its slot columns to the new type when its
-- owner runs schooltime.upgrade_model(): every row is kept (the cast checks
-- each slot again) and the tables are rewritten once.
CREATE FUNCTION schooltime.model_part_weekslot_columns(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $part$
DECLARE
    col record;
BEGIN
    FOR col IN
        SELECT c.oid::regclass AS tab, a.attname
        FROM pg_class AS c
        JOIN pg_namespace AS n ON n.oid = c.relnamespace
        JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = schema_name AND c.relkind IN ('r', 'p')
          AND a.atttypid = 'schooltime.weekslot_before_0_3'::regtype
        ORDER BY c.relname, a.attnum
    LOOP
        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I TYPE schooltime.weekslot', col.tab, col.attname);
    END LOOP;
END
$part$;
COMMENT ON FUNCTION schooltime.model_part_weekslot_columns(name) IS
'model part "weekslot_columns": moves the model''s columns of the 0.2 weekslot domain (schooltime.weekslot_before_0_3) to the weekslot type, which reads ''dl 08:00-09:00''; keeps every row';
-- Position 11: before any part that makes a slot column refer to another
-- (the lessons' foreign key on slot), the old columns have the new type.
INSERT INTO schooltime.model_parts VALUES
    ('weekslot_columns', 11, 'schooltime.model_part_weekslot_columns(name)',
     'slot columns of the weekslot type, which reads a slot as people write it (''dl 08:00-09:00'') in INSERT and COPY');

-- A school's export may give a slot as three columns (day, start, end).
-- The model's sessions and duties take them, for INSERT and COPY, in the
-- columns slot_day, slot_start and slot_end; a BEFORE trigger makes the slot
-- of them and empties them again, so that slot stays the one place a row's
-- time is kept.  Its name sorts before schooltime_row_rules: PostgreSQL fires
-- the BEFORE triggers of a row in name order, and the row rules read the
-- slot this one writes.
CREATE FUNCTION schooltime.assemble_slot()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $assemble$
DECLARE
    parts schooltime.weekslot;
BEGIN
    IF NEW.slot_day IS NULL OR NEW.slot_start IS NULL OR NEW.slot_end IS NULL THEN
        RAISE EXCEPTION 'a slot given by its parts needs slot_day, slot_start and slot_end'
            USING ERRCODE = 'not_null_violation', TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = format('The row gives slot_day %s, slot_start %s and slot_end %s.',
                                  coalesce(quote_literal(NEW.slot_day), 'NULL'),
                                  coalesce(quote_literal(NEW.slot_start::text), 'NULL'),
                                  coalesce(quote_literal(NEW.slot_end::text), 'NULL')),
                  HINT = 'Give all three (such as dl, 08:00 and 09:00), or the slot alone (such as dl 08:00-09:00).';
    END IF;
    parts := schooltime.weekslot(NEW.slot_day, NEW.slot_start, NEW.slot_end);
    IF NEW.slot IS NOT NULL AND NEW.slot OPERATOR(pg_catalog.<>) parts
       AND (TG_OP = 'INSERT' OR NEW.slot OPERATOR(pg_catalog.<>) OLD.slot) THEN
        RAISE EXCEPTION 'slot % and its parts % disagree', schooltime.to_text(NEW.slot), schooltime.to_text(parts)
            USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  HINT = 'Give the slot or its parts (slot_day, slot_start, slot_end), not both.';
    END IF;
    NEW.slot := parts;
    NEW.slot_day := NULL;
    NEW.slot_start := NULL;
    NEW.slot_end := NULL;
    RETURN NEW;
END
$assemble$;
COMMENT ON FUNCTION schooltime.assemble_slot() IS
'BEFORE INSERT OR UPDATE ... FOR EACH ROW trigger of the model''s sessions and duties, fired only when a row gives slot_day, slot_start or slot_end: sets slot to weekslot(slot_day, slot_start, slot_end) and empties the three; refuses a row that gives only some of them, or a slot that disagrees with them';

CREATE FUNCTION schooltime.model_part_slot_parts(schema_name name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $part$
DECLARE
    tab text;
BEGIN
    FOREACH tab IN ARRAY ARRAY['sessions', 'duties'] LOOP
        EXECUTE format($sql$
            ALTER TABLE %1$I.%2$I ADD COLUMN IF NOT EXISTS slot_day text,
                                  ADD COLUMN IF NOT EXISTS slot_start time,
                                  ADD COLUMN IF NOT EXISTS slot_end time;
            COMMENT ON COLUMN %1$I.%2$I.slot_day IS 'input only: the weekday of the slot, for a row that gives its slot as day, start and end (dl, dilluns, Mon, Monday); the trigger schooltime_assemble_slot makes slot of the three and empties them';
            COMMENT ON COLUMN %1$I.%2$I.slot_start IS 'input only: the time the slot starts, with slot_day';
            COMMENT ON COLUMN %1$I.%2$I.slot_end IS 'input only: the time the slot ends, with slot_day';
        $sql$, schema_name, tab);
        PERFORM schooltime.model_replace_trigger(format('%I.%I', schema_name, tab)::regclass, 'schooltime_assemble_slot',
            format($sql$
                CREATE TRIGGER schooltime_assemble_slot BEFORE INSERT OR UPDATE ON %1$I.%2$I FOR EACH ROW
                WHEN (NEW.slot_day IS NOT NULL OR NEW.slot_start IS NOT NULL OR NEW.slot_end IS NOT NULL)
                EXECUTE FUNCTION schooltime.assemble_slot()
            $sql$, schema_name, tab));
    END LOOP;
END
$part$;
COMMENT ON FUNCTION schooltime.model_part_slot_parts(name) IS
'model part "slot_parts": the input-only columns slot_day, slot_start and slot_end of sessions and duties, and the trigger that makes the slot of them';
INSERT INTO schooltime.model_parts VALUES
    ('slot_parts', 81, 'schooltime.model_part_slot_parts(name)',
     'sessions and duties take a slot as three columns too (slot_day, slot_start, slot_end), as a school''s export may give it');
