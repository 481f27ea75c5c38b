-- Bulk writes: an INSERT, UPDATE or COPY with one bad row among thousands is
-- refused whole and leaves the table as it was.
SET search_path = schooltime, public;
SELECT create_model('bulk');
INSERT INTO bulk.centres (id, code, name, territory, municipality) VALUES (1, '43000001', 'Institut de proves', 'Tarragona', 'Reus');
INSERT INTO bulk.class_groups (centre_id, id, name, school_year, regime, level, pupils)
SELECT 1, g, format('Grup %s', g), '2018-2019', 'eso', 1 + g % 4, 25 FROM generate_series(1, 400) AS g;

-- 6,000 sessions: three morning hours a day, Monday to Friday, per group
CREATE TEMPORARY TABLE good_rows AS
SELECT 1 AS centre_id, g AS group_id, '2018-2019' AS school_year, 'eso' AS regime,
       weekslot(d, make_time(8 + h, 0, 0), make_time(9 + h, 0, 0))::text AS slot, 'Matèria ' || h AS subject
FROM generate_series(1, 400) AS g, generate_series(1, 5) AS d, generate_series(0, 2) AS h;
SELECT count(*) AS good_rows FROM good_rows;

-- a COPY of 6,001 rows whose row 4,321 is on a Saturday is refused whole
COPY (SELECT * FROM good_rows ORDER BY group_id, slot LIMIT 4320) TO '/tmp/schooltime_regress_bulk.tsv';
COPY (SELECT 1, 77, '2018-2019', 'eso', weekslot(6, '09:00', '10:00')::text, 'Dissabte') TO PROGRAM 'cat >> /tmp/schooltime_regress_bulk.tsv';
COPY (SELECT * FROM good_rows ORDER BY group_id, slot OFFSET 4320) TO PROGRAM 'cat >> /tmp/schooltime_regress_bulk.tsv';
COPY bulk.sessions (centre_id, group_id, school_year, regime, slot, subject) FROM '/tmp/schooltime_regress_bulk.tsv';
SELECT count(*) AS sessions_after_refused_copy FROM bulk.sessions;

-- the same rows without the bad one load
COPY (SELECT * FROM good_rows ORDER BY group_id, slot) TO '/tmp/schooltime_regress_bulk.tsv';
COPY bulk.sessions (centre_id, group_id, school_year, regime, slot, subject) FROM '/tmp/schooltime_regress_bulk.tsv';
SELECT count(*) AS sessions_after_good_copy FROM bulk.sessions;

-- an INSERT ... SELECT of thousands with one session a minute too early is refused whole
INSERT INTO bulk.sessions (centre_id, group_id, school_year, regime, slot, subject)
SELECT 1, g, '2018-2019', 'eso', CASE WHEN g = 399 THEN slot('Thu 07:59-09:00') ELSE weekslot(d, '15:00', '16:00') END, 'Tarda'
FROM generate_series(1, 400) AS g, generate_series(1, 5) AS d;
SELECT count(*) AS sessions_after_refused_insert FROM bulk.sessions;

-- an UPDATE of every session that pushes the last of them past 19:00 is refused whole
UPDATE bulk.sessions SET slot = CASE WHEN group_id = 400 AND upper(slot) = weektime(5, '11:00')
                                     THEN weekslot(5, '18:30', '19:30') ELSE slot END;
SELECT count(*) AS sessions_moved FROM bulk.sessions WHERE upper(slot) = weektime(5, '19:30');
-- a compliant one goes through
UPDATE bulk.sessions SET subject = subject || ' (revisat)' WHERE group_id <= 10;
SELECT count(*) AS revised FROM bulk.sessions WHERE subject LIKE '% (revisat)';

SET client_min_messages = warning;
DROP SCHEMA bulk CASCADE;
RESET client_min_messages;
