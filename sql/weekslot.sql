-- weekslot: a one-day range of weektimes; its constructors, accessors,
-- refusals, and the range machinery (overlap, GiST, EXCLUDE) it inherits.
SET search_path = schooltime, public;
\i sql/include/error_of.sql

-- range literals, any bound style, always canonical [start, end)
SELECT '[Mon 08:00, Mon 09:30)'::weekslot AS a,
       '["dl 8:00","dl 9:30")'::weekslot AS b,
       '[Mon 08:00,Mon 09:29]'::weekslot AS inclusive_end,
       '(Mon 07:59,Mon 09:30)'::weekslot AS exclusive_start,
       '[Mon 22:00,Tue 00:00)'::weekslot AS to_midnight;

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
-- A literal whose bounds are reversed is refused by PostgreSQL's range input
-- itself, before the weekslot domain sees it (SQLSTATE 22000, see doc/types.md);
-- the compact form and the constructors refuse it with 22P02 (above).
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
