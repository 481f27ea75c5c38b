-- A school's export loads with plain COPY: the slot as people write it
-- ('dl 08:00-09:00', Catalan or English, short or long day names) or as a
-- range literal; or as three columns, day, start and end.  A bad slot names
-- its line and says what a good one looks like; the rules still judge every
-- row; the range operators, GiST and EXCLUDE work on the model's slots.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('si');
INSERT INTO si.centres (id, code, name, territory, municipality)
VALUES (1, '08000001', 'Institut de proves', 'Barcelona', 'Barcelona');
INSERT INTO si.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 25),
    (1, 2, '1r ESO B', '2018-2019', 'eso', 1, 25);
INSERT INTO si.teachers (id, name, centre_id) VALUES (1, 'Marta Puig', 1), (2, 'Jordi Vila', 1);

-- one slot column, every way of writing it
COPY si.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id) FROM STDIN WITH (FORMAT csv, HEADER);
centre,group,year,regime,slot,subject,teacher
1,1,2018-2019,eso,dl 08:00-09:00,Matemàtiques,1
1,1,2018-2019,eso,Dilluns 9:00 - 10:00,Català,2
1,1,2018-2019,eso,DT 08:00-09:00,Anglès,1
1,1,2018-2019,eso,dimarts 09:00-10:00,Castellà,2
1,1,2018-2019,eso,Wed 08:00-09:00,Ciències socials,1
1,1,2018-2019,eso,wednesday 09:00-10:00,Música,2
1,1,2018-2019,eso,"[Thu 08:00,Thu 09:00)",Tecnologia,1
1,1,2018-2019,eso,"[""dj 09:00"",""dijous 09:59""]",Educació física,2
\.
-- output is the range literal, as before 0.3
SELECT slot, to_text(slot), subject FROM si.sessions WHERE group_id = 1 ORDER BY slot;
-- INSERT takes the same text
INSERT INTO si.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'eso', 'dv 08:00-09:00', 'Tutoria');
SELECT slot FROM si.sessions WHERE subject = 'Tutoria';

-- three columns: day, start, end
COPY si.sessions (centre_id, group_id, school_year, regime, slot_day, slot_start, slot_end, subject, teacher_id) FROM STDIN WITH (FORMAT csv, HEADER);
centre,group,year,regime,day,start,end,subject,teacher
1,2,2018-2019,eso,dl,10:30,11:30,Matemàtiques,1
1,2,2018-2019,eso,Dimarts,10:30,11:30,Català,2
1,2,2018-2019,eso,Wednesday,10:30,11:30,Anglès,1
1,2,2018-2019,eso,thu,10:30,11:30,Música,2
1,2,2018-2019,eso,5,10:30,11:30,Tecnologia,1
\.
SELECT slot, subject, slot_day, slot_start, slot_end FROM si.sessions WHERE group_id = 2 ORDER BY slot;
COPY si.duties (centre_id, teacher_id, school_year, slot_day, slot_start, slot_end, kind) FROM STDIN WITH (FORMAT csv);
1,1,2018-2019,dc,11:30,12:00,recess_guard
1,2,2018-2019,Friday,12:00,13:00,guard
\.
SELECT teacher_id, slot, kind, slot_day FROM si.duties ORDER BY teacher_id;
-- an UPDATE may move a session by its parts, or by its slot
UPDATE si.sessions SET slot_day = 'dv', slot_start = '12:00', slot_end = '13:00' WHERE group_id = 2 AND subject = 'Tecnologia';
UPDATE si.sessions SET slot = 'Fri 13:00-14:00' WHERE group_id = 2 AND subject = 'Tecnologia';
SELECT slot, slot_day FROM si.sessions WHERE group_id = 2 AND subject = 'Tecnologia';

-- a bad slot stops the COPY: the error names the line and the column, and
-- says what a good slot looks like; nothing of the COPY is kept
COPY si.sessions (centre_id, group_id, school_year, regime, slot, subject) FROM STDIN WITH (FORMAT csv);
1,2,2018-2019,eso,dl 15:00-16:00,Dibuix
1,2,2018-2019,eso,dl 16:00-17,Dibuix
\.
COPY si.sessions (centre_id, group_id, school_year, regime, slot, subject) FROM STDIN WITH (FORMAT csv);
1,2,2018-2019,eso,dilluns 15:00-16:00,Dibuix
1,2,2018-2019,eso,dimenge 16:00-17:00,Dibuix
\.
COPY si.sessions (centre_id, group_id, school_year, regime, slot, subject) FROM STDIN WITH (FORMAT csv);
1,2,2018-2019,eso,"[Tue 22:00,Wed 01:00)",Dibuix
\.
COPY si.sessions (centre_id, group_id, school_year, regime, slot_day, slot_start, slot_end, subject) FROM STDIN WITH (FORMAT csv);
1,2,2018-2019,eso,dl,15:00,16:00,Dibuix
1,2,2018-2019,eso,dimenge,16:00,17:00,Dibuix
\.
COPY si.sessions (centre_id, group_id, school_year, regime, slot_day, slot_start, slot_end, subject) FROM STDIN WITH (FORMAT csv);
1,2,2018-2019,eso,dl,15:00,,Dibuix
\.
COPY si.sessions (centre_id, group_id, school_year, regime, slot_day, slot_start, slot_end, subject) FROM STDIN WITH (FORMAT csv);
1,2,2018-2019,eso,dl,16:00,15:00,Dibuix
\.
SELECT count(*) AS dibuix FROM si.sessions WHERE subject = 'Dibuix';

-- the rules judge a copied row whichever way its slot came: here the ESO
-- window (08:00-19:00) and an overlap in the group's week
COPY si.sessions (centre_id, group_id, school_year, regime, slot, subject) FROM STDIN WITH (FORMAT csv);
1,2,2018-2019,eso,dl 18:30-19:30,Dibuix
\.
COPY si.sessions (centre_id, group_id, school_year, regime, slot_day, slot_start, slot_end, subject) FROM STDIN WITH (FORMAT csv);
1,2,2018-2019,eso,dilluns,18:30,19:30,Dibuix
\.
COPY si.sessions (centre_id, group_id, school_year, regime, slot_day, slot_start, slot_end, subject) FROM STDIN WITH (FORMAT csv);
1,2,2018-2019,eso,dilluns,11:00,12:00,Dibuix
\.
SELECT count(*) AS dibuix FROM si.sessions WHERE subject = 'Dibuix';

-- a slot and parts that disagree, or parts given in half
SELECT code, constraint_name, table_name, message, detail, hint FROM pg_temp.error_of($$
    INSERT INTO si.sessions (centre_id, group_id, school_year, regime, slot, slot_day, slot_start, slot_end, subject)
    VALUES (1, 2, '2018-2019', 'eso', 'dj 12:00-13:00', 'dj', '12:00', '12:30', 'Dibuix')$$);
SELECT code, constraint_name, table_name, message, detail, hint FROM pg_temp.error_of($$
    INSERT INTO si.sessions (centre_id, group_id, school_year, regime, slot_day, subject)
    VALUES (1, 2, '2018-2019', 'eso', 'dj', 'Dibuix')$$);
SELECT code, message FROM pg_temp.error_of($$
    INSERT INTO si.sessions (centre_id, group_id, school_year, regime, slot, slot_day, slot_start, slot_end, subject)
    VALUES (1, 2, '2018-2019', 'eso', 'dj 12:00-13:00', 'Thursday', '12:00', '13:00', 'Dibuix')$$);

-- under any search_path the model's slots keep the range operators, and a
-- GiST index and an EXCLUDE constraint work on them
SET search_path = pg_catalog, pg_temp;
SELECT s.subject, t.subject
FROM si.sessions AS s JOIN si.sessions AS t ON s.slot && t.slot AND s.id < t.id
ORDER BY 1, 2;
SELECT subject, lower(slot), upper(slot), slot @> 'Mon 08:30'::schooltime.weektime AS at_830
FROM si.sessions WHERE slot <@ 'dl 00:00-24:00' ORDER BY slot;
CREATE INDEX sessions_slot_gist ON si.sessions USING gist (slot);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT subject FROM si.sessions WHERE slot && 'dc 08:30-10:45';
SELECT subject FROM si.sessions WHERE slot && 'dc 08:30-10:45' ORDER BY slot;
RESET enable_seqscan;
ALTER TABLE si.duties ADD CONSTRAINT duties_one_place_at_once EXCLUDE USING gist (slot WITH &&) WHERE (teacher_id = 1);
INSERT INTO si.duties (centre_id, teacher_id, school_year, slot, kind) VALUES (1, 1, '2018-2019', 'dc 11:45-12:15', 'guard');
SET search_path = schooltime, public;
