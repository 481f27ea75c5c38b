-- weekslot: one slot of one day, a base type whose values are weektimeranges;
-- its text input (the compact form and range literals), constructors,
-- accessors, refusals, and the range machinery (overlap, GiST, EXCLUDE) it
-- has from PostgreSQL's range functions.
SET search_path = schooltime, public;
\i sql/include/error_of.sql

-- range literals, any bound style, always canonical [start, end)
SELECT '[Mon 08:00, Mon 09:30)'::weekslot AS a,
       '["dl 8:00","dl 9:30")'::weekslot AS b,
       '[Mon 08:00,Mon 09:29]'::weekslot AS inclusive_end,
       '(Mon 07:59,Mon 09:30)'::weekslot AS exclusive_start,
       '[Mon 22:00,Tue 00:00)'::weekslot AS to_midnight;

-- text as people write it: a weekday in Catalan or English, short or long,
-- in any case, and two times; the output is the range literal, as before 0.3
SELECT 'dl 08:00-09:30'::weekslot AS a, 'Dilluns 8:00 - 9:30'::weekslot AS b, 'MON 08:00-09:30'::weekslot AS c,
       'monday 08:00:00-09:30:00'::weekslot AS d, ' dg 23:00-24:00 '::weekslot AS to_midnight;
SELECT 'dl 08:00-09:30'::weekslot = '[Mon 08:00,Mon 09:30)'::weekslot AS same,
       'dj 15:00-16:40'::text::weekslot AS from_text, to_text('dj 15:00-16:40'::weekslot);

-- a base type of its own with the layout of weektimerange, whose values it
-- holds: the implicit cast to weektimerange copies nothing, the cast back
-- checks the slot
SELECT t.typname, t.typtype, t.typlen, t.typalign, t.typstorage, t.typinput::regproc, t.typoutput::regproc
FROM pg_type AS t WHERE t.oid IN ('weekslot'::regtype, 'weektimerange'::regtype) ORDER BY t.typname;
SELECT c.castsource::regtype, c.casttarget::regtype, c.castfunc::regprocedure, c.castcontext, c.castmethod
FROM pg_cast AS c WHERE (c.castsource, c.casttarget) IN (('weekslot'::regtype, 'weektimerange'::regtype),
                                                        ('weektimerange'::regtype, 'weekslot'::regtype))
ORDER BY 1::text;
SELECT pg_typeof(slot('dl 08:00-09:00')::weektimerange), '[Mon 08:00,Mon 09:00)'::weektimerange::weekslot;
SELECT e.code, e.message, e.detail FROM pg_temp.error_of($$SELECT '[Mon 08:00,Tue 09:00)'::weektimerange::weekslot$$) AS e;
-- a 0.2 column's type, the domain, still checks its values
SELECT '[Mon 08:00,Mon 09:00)'::weekslot_before_0_3 AS domain_value,
       weekday('[Mon 08:00,Mon 09:00)'::weekslot_before_0_3) AS weekday;
SELECT e.code, e.message FROM pg_temp.error_of($$SELECT '[Mon 08:00,Tue 09:00)'::weekslot_before_0_3$$) AS e;

-- constructors: weekday number or name with times; the compact text form
SELECT weekslot(1, '08:00', '09:30'), weekslot('dimarts', '15:00', '16:40'),
       weekslot('Fri', '23:00', '24:00'), slot('dc 8:00-9:30'), slot('  Wednesday 08:00 - 09:30 ');
SELECT weekslot(1, '08:00', '09:30') = slot('Mon 08:00-09:30') AS same;

-- accessors
SELECT weekday(s), start_time(s), end_time(s), minutes(s), to_text(s)
FROM (VALUES (slot('dj 15:00-16:40')), (slot('Sun 23:00-24:00')), (slot('Mon 00:00-00:01'))) AS t (s);

-- refused: crosses midnight, empty, unbounded, ends before it starts, bad
-- parts, all with invalid_text_representation and the offending text
SELECT statement, e.code, e.message, e.detail
FROM unnest(ARRAY[
    'SELECT ''[Mon 22:00,Tue 01:00)''::weekslot;',
    'SELECT ''[Mon 08:00,Mon 08:00)''::weekslot;',
    'SELECT ''empty''::weekslot;',
    'SELECT ''[Mon 08:00,)''::weekslot;',
    'SELECT ''(,Mon 08:00)''::weekslot;',
    'SELECT ''''::weekslot;',
    'SELECT ''[Mon 08:00,Mon 24:01)''::weekslot;',
    'SELECT ''[xx 08:00,Mon 09:00)''::weekslot;',
    'SELECT ''[Mon 8:60,Mon 09:00)''::weekslot;',
    'SELECT slot(''Mon 09:00-08:00'');',
    'SELECT slot(''Mon 09:00-09:00'');',
    'SELECT slot(''Mon 22:00-01:00'');',
    'SELECT slot(''Mon 24:00-24:00'');',
    'SELECT slot(''Mon 08:00'');',
    'SELECT slot(''Mon 08:00-'');',
    'SELECT slot(''Mon 08:00-09:00 extra'');',
    'SELECT slot(''xx 08:00-09:00'');',
    'SELECT slot('''');',
    'SELECT weekslot(1, ''09:00'', ''08:00'');',
    'SELECT weekslot(1, ''09:00'', ''09:00'');',
    'SELECT weekslot(''Mon'', ''08:00:30'', ''09:00'');',
    'SELECT weekslot(9, ''08:00'', ''09:00'');'
]) WITH ORDINALITY AS t (statement, n),
     LATERAL pg_temp.error_of(statement) AS e
ORDER BY n;
-- A range literal whose bounds are reversed is refused by PostgreSQL's range
-- input itself, which weekslot's input calls for range literals, before the
-- slot is checked (SQLSTATE 22000, see doc/design.md, decision 3); the
-- compact form and the constructors refuse it with 22P02 (above).
SELECT e.code, e.message FROM pg_temp.error_of('SELECT ''[Mon 09:00,Mon 08:00)''::schooltime.weekslot') AS e;
-- as psql shows it
SELECT '[Mon 22:00,Tue 01:00)'::weekslot;

-- range operators: half-open slots that touch do not overlap
SELECT slot('Mon 08:00-09:00') && slot('Mon 09:00-10:00') AS touching_overlap,
       slot('Mon 08:00-09:01') && slot('Mon 09:00-10:00') AS one_minute_overlap,
       slot('Mon 08:00-09:00') -|- slot('Mon 09:00-10:00') AS adjacent,
       slot('Mon 08:00-14:00') @> slot('Mon 09:00-10:00') AS contains,
       slot('Mon 08:00-14:00') @> 'Mon 14:00'::weektime AS contains_end,
       slot('Mon 08:00-14:00') @> 'Mon 13:59'::weektime AS contains_last_minute,
       lower(slot('Tue 10:00-11:00')), upper(slot('Tue 10:00-11:00')),
       slot('Mon 08:00-10:00') * slot('Mon 09:00-11:00') AS intersection;

-- an EXCLUDE constraint keeps a room free of double bookings, and a GiST
-- index serves overlap queries
CREATE TABLE room_bookings (room integer, slot weekslot, EXCLUDE USING gist (slot WITH &&) WHERE (room = 1));
INSERT INTO room_bookings VALUES (1, slot('Mon 08:00-09:00')), (1, slot('Mon 09:00-10:00')), (2, slot('Mon 08:30-09:30'));
INSERT INTO room_bookings VALUES (1, slot('Mon 09:59-10:30'));
INSERT INTO room_bookings SELECT 2, weekslot(d, make_time(h, 0, 0), make_time(h + 1, 0, 0))
FROM generate_series(1, 7) AS d, generate_series(0, 22) AS h;
CREATE INDEX room_bookings_slot ON room_bookings USING gist (slot);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM room_bookings WHERE slot && slot('Wed 10:30-11:30');
SELECT room, slot FROM room_bookings WHERE slot && slot('Wed 10:30-11:30') ORDER BY room, slot;
RESET enable_seqscan;
-- GiST builds unions of slots that span days: those are plain weektimeranges
SELECT range_merge(slot('Mon 08:00-09:00'), slot('Fri 10:00-11:00')) AS merged,
       pg_typeof(range_merge(slot('Mon 08:00-09:00'), slot('Fri 10:00-11:00')));
SELECT range_merge(slot('Mon 08:00-09:00'), slot('Fri 10:00-11:00'))::weekslot;
DROP TABLE room_bookings;

-- binary round trip through the range's send/receive
CREATE TABLE slots (s weekslot);
INSERT INTO slots SELECT weekslot(d, make_time(h, 0, 0), make_time(h, 45, 0)) FROM generate_series(1, 5) AS d, generate_series(8, 20) AS h;
COPY slots TO '/tmp/schooltime_regress_weekslot.bin' (FORMAT binary);
CREATE TABLE slots_back (s weekslot);
COPY slots_back FROM '/tmp/schooltime_regress_weekslot.bin' (FORMAT binary);
SELECT (SELECT count(*) FROM slots_back) AS rows_back,
       (SELECT count(*) FROM (SELECT s FROM slots EXCEPT SELECT s FROM slots_back) AS d) AS differences;
DROP TABLE slots, slots_back;

SELECT weekday(NULL::weekslot), minutes(NULL::weekslot), slot(NULL);

-- the operators and lower()/upper() resolve without schooltime on the
-- search_path, as PostgreSQL's own range operators do
SET search_path = pg_catalog, pg_temp;
SELECT 'dl 08:00-09:00'::schooltime.weekslot && 'dl 08:30-10:00' AS overlaps,
       'dl 08:00-12:00'::schooltime.weekslot @> 'dl 09:00-10:00'::schooltime.weekslot AS contains,
       lower('dl 08:00-09:00'::schooltime.weekslot), upper('dl 08:00-09:00'::schooltime.weekslot),
       'dl 08:00-09:00'::schooltime.weekslot < 'dl 08:00-09:30' AS earlier;
SET search_path = schooltime, public;
-- btree and hash: sorting, DISTINCT and hash joins of slots
SELECT s, count(*) FROM (VALUES (slot('dt 09:00-10:00')), ('dt 08:00-09:00'), ('Tue 09:00-10:00'), ('[Tue 08:00,Tue 09:30)')) AS v (s)
GROUP BY s ORDER BY s;
CREATE TEMPORARY TABLE hash_a AS SELECT slot('dt 09:00-10:00') AS s UNION ALL SELECT slot('dt 10:00-11:00');
CREATE TEMPORARY TABLE hash_b AS SELECT slot('Tue 09:00-10:00') AS s UNION ALL SELECT slot('Tue 11:00-12:00');
ANALYZE hash_a, hash_b;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT * FROM hash_a JOIN hash_b USING (s);
SELECT * FROM hash_a JOIN hash_b USING (s);
RESET enable_mergejoin;
RESET enable_nestloop;
