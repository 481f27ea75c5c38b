-- weektime: a minute of the school week (Monday 00:00 to Sunday 24:00).

CREATE TYPE schooltime.weektime;

CREATE FUNCTION schooltime.weektime_in(cstring) RETURNS schooltime.weektime
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_out(schooltime.weektime) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_recv(internal) RETURNS schooltime.weektime
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_send(schooltime.weektime) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE schooltime.weektime (
    INPUT = schooltime.weektime_in,
    OUTPUT = schooltime.weektime_out,
    RECEIVE = schooltime.weektime_recv,
    SEND = schooltime.weektime_send,
    INTERNALLENGTH = 2,
    PASSEDBYVALUE,
    ALIGNMENT = int2,
    STORAGE = plain
);
COMMENT ON TYPE schooltime.weektime IS
'A minute of the school week, from Mon 00:00 to Sun 24:00. Input takes a Catalan or English weekday, short or long, in any case, and a time: ''dl 08:30'', ''Dilluns 8:30'', ''Mon 08:30'', ''monday 08:30''. Output is canonical: ''Mon 08:30''.';

-- comparison

CREATE FUNCTION schooltime.weektime_eq(schooltime.weektime, schooltime.weektime) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_ne(schooltime.weektime, schooltime.weektime) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_lt(schooltime.weektime, schooltime.weektime) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_le(schooltime.weektime, schooltime.weektime) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_gt(schooltime.weektime, schooltime.weektime) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_ge(schooltime.weektime, schooltime.weektime) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_cmp(schooltime.weektime, schooltime.weektime) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_sortsupport(internal) RETURNS void
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_hash(schooltime.weektime) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_hash_extended(schooltime.weektime, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;

COMMENT ON FUNCTION schooltime.weektime_eq(schooltime.weektime, schooltime.weektime) IS 'implementation of = for weektime';
COMMENT ON FUNCTION schooltime.weektime_ne(schooltime.weektime, schooltime.weektime) IS 'implementation of <> for weektime';
COMMENT ON FUNCTION schooltime.weektime_lt(schooltime.weektime, schooltime.weektime) IS 'implementation of < for weektime';
COMMENT ON FUNCTION schooltime.weektime_le(schooltime.weektime, schooltime.weektime) IS 'implementation of <= for weektime';
COMMENT ON FUNCTION schooltime.weektime_gt(schooltime.weektime, schooltime.weektime) IS 'implementation of > for weektime';
COMMENT ON FUNCTION schooltime.weektime_ge(schooltime.weektime, schooltime.weektime) IS 'implementation of >= for weektime';
COMMENT ON FUNCTION schooltime.weektime_cmp(schooltime.weektime, schooltime.weektime) IS 'btree comparison support for weektime: -1, 0 or 1';
COMMENT ON FUNCTION schooltime.weektime_sortsupport(internal) IS 'btree sort support for weektime';
COMMENT ON FUNCTION schooltime.weektime_hash(schooltime.weektime) IS 'hash support for weektime';
COMMENT ON FUNCTION schooltime.weektime_hash_extended(schooltime.weektime, bigint) IS 'seeded hash support for weektime';
COMMENT ON FUNCTION schooltime.weektime_in(cstring) IS 'text input of weektime';
COMMENT ON FUNCTION schooltime.weektime_out(schooltime.weektime) IS 'text output of weektime: ''Mon 08:30''';
COMMENT ON FUNCTION schooltime.weektime_recv(internal) IS 'binary input of weektime: minutes since Monday 00:00 as int2';
COMMENT ON FUNCTION schooltime.weektime_send(schooltime.weektime) IS 'binary output of weektime: minutes since Monday 00:00 as int2';

CREATE OPERATOR schooltime.= (
    LEFTARG = schooltime.weektime, RIGHTARG = schooltime.weektime,
    FUNCTION = schooltime.weektime_eq,
    COMMUTATOR = OPERATOR(schooltime.=), NEGATOR = OPERATOR(schooltime.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR schooltime.<> (
    LEFTARG = schooltime.weektime, RIGHTARG = schooltime.weektime,
    FUNCTION = schooltime.weektime_ne,
    COMMUTATOR = OPERATOR(schooltime.<>), NEGATOR = OPERATOR(schooltime.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR schooltime.< (
    LEFTARG = schooltime.weektime, RIGHTARG = schooltime.weektime,
    FUNCTION = schooltime.weektime_lt,
    COMMUTATOR = OPERATOR(schooltime.>), NEGATOR = OPERATOR(schooltime.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR schooltime.<= (
    LEFTARG = schooltime.weektime, RIGHTARG = schooltime.weektime,
    FUNCTION = schooltime.weektime_le,
    COMMUTATOR = OPERATOR(schooltime.>=), NEGATOR = OPERATOR(schooltime.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR schooltime.> (
    LEFTARG = schooltime.weektime, RIGHTARG = schooltime.weektime,
    FUNCTION = schooltime.weektime_gt,
    COMMUTATOR = OPERATOR(schooltime.<), NEGATOR = OPERATOR(schooltime.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR schooltime.>= (
    LEFTARG = schooltime.weektime, RIGHTARG = schooltime.weektime,
    FUNCTION = schooltime.weektime_ge,
    COMMUTATOR = OPERATOR(schooltime.<=), NEGATOR = OPERATOR(schooltime.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS schooltime.weektime_ops
    DEFAULT FOR TYPE schooltime.weektime USING btree AS
        OPERATOR 1 schooltime.<,
        OPERATOR 2 schooltime.<=,
        OPERATOR 3 schooltime.=,
        OPERATOR 4 schooltime.>=,
        OPERATOR 5 schooltime.>,
        FUNCTION 1 schooltime.weektime_cmp(schooltime.weektime, schooltime.weektime),
        FUNCTION 2 schooltime.weektime_sortsupport(internal);

CREATE OPERATOR CLASS schooltime.weektime_hash_ops
    DEFAULT FOR TYPE schooltime.weektime USING hash AS
        OPERATOR 1 schooltime.=,
        FUNCTION 1 schooltime.weektime_hash(schooltime.weektime),
        FUNCTION 2 schooltime.weektime_hash_extended(schooltime.weektime, bigint);

-- arithmetic in minutes

CREATE FUNCTION schooltime.weektime_minus_weektime(schooltime.weektime, schooltime.weektime) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_plus_minutes(schooltime.weektime, integer) RETURNS schooltime.weektime
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_minus_minutes(schooltime.weektime, integer) RETURNS schooltime.weektime
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.weektime_minus_weektime(schooltime.weektime, schooltime.weektime) IS 'minutes from the second weektime to the first';
COMMENT ON FUNCTION schooltime.weektime_plus_minutes(schooltime.weektime, integer) IS 'the weektime a number of minutes later';
COMMENT ON FUNCTION schooltime.weektime_minus_minutes(schooltime.weektime, integer) IS 'the weektime a number of minutes earlier';

CREATE OPERATOR schooltime.- (
    LEFTARG = schooltime.weektime, RIGHTARG = schooltime.weektime,
    FUNCTION = schooltime.weektime_minus_weektime
);
CREATE OPERATOR schooltime.+ (
    LEFTARG = schooltime.weektime, RIGHTARG = integer,
    FUNCTION = schooltime.weektime_plus_minutes
);
CREATE OPERATOR schooltime.- (
    LEFTARG = schooltime.weektime, RIGHTARG = integer,
    FUNCTION = schooltime.weektime_minus_minutes
);

-- construction and parts

CREATE FUNCTION schooltime.weektime(weekday integer, time_of_day time) RETURNS schooltime.weektime
    AS 'MODULE_PATHNAME', 'weektime_make' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime(weekday text, time_of_day time) RETURNS schooltime.weektime
    AS 'MODULE_PATHNAME', 'weektime_make_named' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekday(schooltime.weektime) RETURNS integer
    AS 'MODULE_PATHNAME', 'weektime_weekday' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.time_of_day(schooltime.weektime) RETURNS time
    AS 'MODULE_PATHNAME', 'weektime_time_of_day' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.minute_of_week(schooltime.weektime) RETURNS integer
    AS 'MODULE_PATHNAME', 'weektime_minute_of_week' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekday(name text) RETURNS integer
    AS 'MODULE_PATHNAME', 'weekday_from_name' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weekday_name(weekday integer, language text DEFAULT 'en') RETURNS text
    AS 'MODULE_PATHNAME', 'weekday_name' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION schooltime.weektime(integer, time) IS
'the weektime of an ISO weekday (1 = Monday ... 7 = Sunday) and a whole-minute time of day; 24:00 is the end of the day';
COMMENT ON FUNCTION schooltime.weektime(text, time) IS
'the weektime of a weekday name (''dl'', ''dilluns'', ''Mon'', ''Monday'') and a whole-minute time of day';
COMMENT ON FUNCTION schooltime.weekday(schooltime.weektime) IS
'ISO weekday of a weektime: 1 = Monday ... 7 = Sunday (Sun 24:00 is Sunday)';
COMMENT ON FUNCTION schooltime.time_of_day(schooltime.weektime) IS 'time of day of a weektime';
COMMENT ON FUNCTION schooltime.minute_of_week(schooltime.weektime) IS 'minutes since Monday 00:00, 0 to 10080';
COMMENT ON FUNCTION schooltime.weekday(text) IS
'ISO weekday (1-7) of a Catalan or English weekday name, short or long, in any case, or of its digit';
COMMENT ON FUNCTION schooltime.weekday_name(integer, text) IS
'name of an ISO weekday: language ''en'' (Monday), ''short'' (Mon) or ''ca'' (dilluns)';
