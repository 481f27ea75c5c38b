-- weektime: input in every accepted form, canonical output, every bad input,
-- comparison, btree and hash support, binary I/O, arithmetic.
SET search_path = schooltime, public;
\i sql/include/error_of.sql

-- Catalan and English, short and long, any case: all mean Monday 08:30
SELECT input, input::weektime AS weektime, minute_of_week(input::weektime)
FROM (VALUES ('dl 08:30'), ('Dilluns 8:30'), ('DILLUNS 08:30'), ('Mon 08:30'), ('monday 08:30'),
             ('MoNdAy 8:30'), ('  mon   8:30  '), ('mon	08:30'), ('Mon 08:30:00')) AS t (input);

-- every weekday in every spelling
SELECT d AS spelling, (d || ' 10:00')::weektime AS weektime, weekday((d || ' 10:00')::weektime)
FROM unnest(ARRAY['mon', 'monday', 'dl', 'dilluns',
                  'tue', 'tues', 'tuesday', 'dt', 'dimarts',
                  'wed', 'wednesday', 'dc', 'dimecres',
                  'thu', 'thur', 'thurs', 'thursday', 'dj', 'dijous',
                  'fri', 'friday', 'dv', 'divendres',
                  'sat', 'saturday', 'ds', 'dissabte',
                  'sun', 'sunday', 'dg', 'diumenge']) AS d;

-- the ends of the day and of the week
SELECT 'Mon 00:00'::weektime, 'Mon 0:00'::weektime, 'Mon 23:59'::weektime, 'Mon 24:00'::weektime,
       'Sun 23:59'::weektime, 'Sun 24:00'::weektime, minute_of_week('Sun 24:00');

-- bad input: invalid_text_representation with the offending text
SELECT input, e.code, e.message, e.detail
FROM unnest(ARRAY['Mon 24:01',
                    'Mon 25:00',
                    'Mon 8:60',
                    'xx 08:00',
                    '',
                    '   ',
                    'Mon',
                    'Mon ',
                    'Mon08:30',
                    'Mon 8',
                    'Mon 8:3',
                    'Mon 008:30',
                    'Mon 08:300',
                    'Mon 08:30:15',
                    'Mon 08:30 x',
                    'Mon -8:30',
                    'Mondays 08:30',
                    'dl. 08:30',
                    '08:30 Mon']) WITH ORDINALITY AS t (input, n),
     LATERAL pg_temp.error_of(format('SELECT %L::schooltime.weektime', input)) AS e
ORDER BY n;
-- as psql shows it
SELECT 'Mon 24:01'::weektime;

-- comparison: the week runs Monday to Sunday
SELECT 'Mon 08:00'::weektime < 'Mon 08:01'::weektime AS lt,
       'Mon 23:59'::weektime < 'Tue 00:00'::weektime AS lt_day,
       'Mon 24:00'::weektime = 'Tue 00:00'::weektime AS eq_midnight,
       'Sun 00:00'::weektime > 'Sat 23:59'::weektime AS gt,
       'Fri 10:00'::weektime <= 'Fri 10:00'::weektime AS le,
       'Fri 10:00'::weektime >= 'Fri 10:01'::weektime AS ge,
       'Fri 10:00'::weektime <> 'dv 10:00'::weektime AS ne;

CREATE TABLE weektimes (t weektime);
INSERT INTO weektimes SELECT v::weektime FROM unnest(ARRAY['Wed 09:00', 'Mon 08:00', 'Sun 24:00', 'Mon 00:00', 'Tue 12:30', 'Mon 08:00']) AS v;
SELECT t FROM weektimes ORDER BY t;
SELECT t, count(*) FROM weektimes GROUP BY t ORDER BY t;
SELECT DISTINCT t FROM weektimes ORDER BY t DESC;

-- btree and hash indexes are used
CREATE INDEX weektimes_btree ON weektimes USING btree (t);
CREATE INDEX weektimes_hash ON weektimes USING hash (t);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM weektimes WHERE t < 'Tue 00:00';
SELECT * FROM weektimes WHERE t < 'Tue 00:00' ORDER BY t;
DROP INDEX weektimes_btree;
EXPLAIN (COSTS OFF) SELECT * FROM weektimes WHERE t = 'Mon 08:00';
SELECT * FROM weektimes WHERE t = 'Mon 08:00';
RESET enable_seqscan;
RESET enable_bitmapscan;
-- hash joins and hash aggregation use the hash opclass
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT * FROM weektimes a JOIN weektimes b USING (t);
SELECT count(*) FROM weektimes a JOIN weektimes b USING (t);
RESET enable_mergejoin;
RESET enable_nestloop;
SELECT weektime_hash('Mon 08:00') = weektime_hash('dl 8:00') AS same_hash,
       weektime_hash_extended('Mon 08:00', 7) = weektime_hash_extended('Monday 08:00', 7) AS same_extended_hash,
       -- PostgreSQL requires the seed-0 extended hash to agree with the plain hash in its low 32 bits
       (weektime_hash_extended('Mon 08:00', 0) & x'ffffffff'::bigint) = (weektime_hash('Mon 08:00')::bigint & x'ffffffff'::bigint) AS seed_zero_agrees,
       weektime_hash_extended('Mon 08:00', 0) <> weektime_hash_extended('Mon 08:00', 1) AS seed_matters;

-- binary send and receive round-trip every minute of the week
CREATE TABLE all_minutes AS
SELECT (ARRAY['Mon','Tue','Wed','Thu','Fri','Sat','Sun'])[m / 1440 + 1] || ' ' || lpad(((m % 1440) / 60)::text, 2, '0') || ':' || lpad((m % 60)::text, 2, '0') AS text_form,
       m AS minute
FROM generate_series(0, 10079) AS m;
SELECT count(*) AS text_round_trip_failures FROM all_minutes
WHERE text_form::weektime::text <> text_form OR minute_of_week(text_form::weektime) <> minute;
CREATE TABLE binary_copy (t weektime);
INSERT INTO binary_copy SELECT text_form::weektime FROM all_minutes;
INSERT INTO binary_copy VALUES ('Sun 24:00');
COPY binary_copy TO '/tmp/schooltime_regress_weektime.bin' (FORMAT binary);
CREATE TABLE binary_back (t weektime);
COPY binary_back FROM '/tmp/schooltime_regress_weektime.bin' (FORMAT binary);
SELECT count(*) AS rows_back, count(*) FILTER (WHERE b.t IS NULL) AS mismatches
FROM binary_back AS a LEFT JOIN binary_copy AS b ON a.t = b.t;
SELECT weektime_send('Mon 08:30'), weektime_send('Sun 24:00');

-- construction and parts
SELECT weektime(1, '08:30'), weektime('dv', '14:00'), weektime('Sunday', '24:00'), weektime('3', '10:15');
SELECT weekday('Wed 10:00'::weektime), time_of_day('Wed 10:00'::weektime), time_of_day('Sun 24:00'::weektime);
SELECT weekday('dijous'), weekday('THU'), weekday_name(4), weekday_name(4, 'short'), weekday_name(4, 'ca');
SELECT weektime(8, '08:00');
SELECT weektime(0, '08:00');
SELECT weektime('funday', '08:00');
SELECT weektime(1, '08:30:30');
SELECT weekday_name(1, 'fr');

-- arithmetic in minutes
SELECT 'Mon 09:30'::weektime - 'Mon 08:00'::weektime AS minutes,
       'Mon 23:30'::weektime + 45 AS later, 'Tue 00:15'::weektime - 30 AS earlier;
SELECT 'Sun 23:30'::weektime + 31;
SELECT 'Mon 00:10'::weektime - 11;

-- NULLs pass through the strict functions
SELECT NULL::weektime, weekday(NULL::weektime), weektime(NULL::integer, '08:00');
DROP TABLE weektimes, all_minutes, binary_copy, binary_back;
