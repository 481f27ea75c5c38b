-- weektimerange, the range type over weektime, and weekslot, one slot of one day.

CREATE TYPE schooltime.weektimerange;

CREATE FUNCTION schooltime.weektimerange_canonical(schooltime.weektimerange) RETURNS schooltime.weektimerange
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION schooltime.weektime_subdiff(schooltime.weektime, schooltime.weektime) RETURNS double precision
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.weektimerange_canonical(schooltime.weektimerange) IS
'canonical form of a weektimerange: [start, end), since minutes are discrete';
COMMENT ON FUNCTION schooltime.weektime_subdiff(schooltime.weektime, schooltime.weektime) IS
'minutes between two weektimes, for GiST indexes on weektimerange';

CREATE TYPE schooltime.weektimerange AS RANGE (
    SUBTYPE = schooltime.weektime,
    SUBTYPE_OPCLASS = schooltime.weektime_ops,
    CANONICAL = schooltime.weektimerange_canonical,
    SUBTYPE_DIFF = schooltime.weektime_subdiff
);
COMMENT ON TYPE schooltime.weektimerange IS
'A range of minutes of the school week, always in the canonical form [start, end). Any span of the week; a weekslot is the one-day kind.';
COMMENT ON FUNCTION schooltime.weektimerange(schooltime.weektime, schooltime.weektime) IS
'the range [start, end) of two weektimes';
COMMENT ON FUNCTION schooltime.weektimerange(schooltime.weektime, schooltime.weektime, text) IS
'the range of two weektimes with the given bounds (''[)'', ''[]'', ''()'', ''(]'')';

-- PostgreSQL 14 and later also create the multirange type: a set of ranges,
-- such as the busy minutes of a teacher's week.
DO $multirange$
BEGIN
    IF to_regtype('schooltime.weektimemultirange') IS NOT NULL THEN
        COMMENT ON TYPE schooltime.weektimemultirange IS
            'A set of non-overlapping ranges of the school week, such as every busy minute of a teacher.';
        COMMENT ON FUNCTION schooltime.weektimemultirange() IS 'the empty weektimemultirange';
        COMMENT ON FUNCTION schooltime.weektimemultirange(schooltime.weektimerange) IS 'the weektimemultirange of one range';
        COMMENT ON FUNCTION schooltime.weektimemultirange(schooltime.weektimerange[]) IS 'the weektimemultirange of an array of ranges';
    END IF;
END
$multirange$;

CREATE FUNCTION schooltime.weekslot_is_valid(schooltime.weektimerange) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.weekslot_is_valid(schooltime.weektimerange) IS
'CHECK of the weekslot domain: true for a bounded, non-empty range within one day; raises invalid_text_representation otherwise';

CREATE DOMAIN schooltime.weekslot AS schooltime.weektimerange
    CONSTRAINT weekslot_one_day CHECK (schooltime.weekslot_is_valid(VALUE));
COMMENT ON DOMAIN schooltime.weekslot IS
'A slot of the school week: one day, a start and an end, written as a range of weektimes (''[Mon 08:00,Mon 09:30)'', or built with weekslot(''Mon'', ''08:00'', ''09:30'') or slot(''dl 8:00-9:30'')). Overlap (&&), containment (@>, <@), GiST indexes and EXCLUDE constraints are those of PostgreSQL ranges.';

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
'the slot written in the compact form ''Mon 08:00-09:30'' (any weekday spelling weektime accepts)';

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
