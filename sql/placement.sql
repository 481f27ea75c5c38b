-- Where can this lesson go? (issue 18)  schooltime.places() offers the
-- starts where a lesson would be accepted and says why the others are
-- closed, with the rules the triggers enforce.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('pl');
INSERT INTO pl.centres (id, code, name, territory, municipality) VALUES
    (1, '25000301', 'Institut Segre', 'Lleida', 'Lleida'), (2, '25000302', 'Institut Noguera', 'Lleida', 'Balaguer');
INSERT INTO pl.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r ESO A', '2018-2019', 'eso', 1, 28),
    (1, 2, '1r ESO B', '2018-2019', 'eso', 1, 27),
    (1, 3, '2n ESO A', '2018-2019', 'eso', 2, 26),
    (1, 4, '1r ESO A', '2020-2021', 'eso', 1, 25),
    (1, 5, 'Anglès B1', '2018-2019', 'eoi_ordinary', 3, 22),
    (2, 6, '1r ESO A', '2018-2019', 'eso', 1, 25);
INSERT INTO pl.teachers (id, name, centre_id, role) VALUES
    (1, 'Rosa Puig', 1, 'teacher'), (2, 'Marc Vidal', 1, 'teacher'), (3, 'Neus Prat', 1, 'teacher'),
    (4, 'Pere Font', 1, 'teacher'), (5, 'Elena Comas', 1, 'director'), (6, 'Jan Bosch', 1, 'teacher'),
    (7, 'Marta Soler', 1, 'head_of_studies'), (8, 'Oriol Mas', 1, 'teacher');

-- 1r ESO A fills every period of the institut (five mornings 08:00-14:30
-- with a recess at 11:00, and 15:00-16:00 every afternoon) but Friday
-- 13:30-14:30: seven hours a day, no run over 180 minutes.
CREATE TEMPORARY TABLE periods (day integer, starts time, ends time);
INSERT INTO periods
SELECT d, s, e FROM generate_series(1, 5) AS d,
    (VALUES ('08:00'::time, '09:00'::time), ('09:00', '10:00'), ('10:00', '11:00'), ('11:30', '12:30'),
            ('12:30', '13:30'), ('13:30', '14:30'), ('15:00', '16:00')) AS m (s, e);
INSERT INTO pl.sessions (centre_id, group_id, school_year, regime, slot, subject)
SELECT 1, 1, '2018-2019', 'eso', weekslot(p.day, p.starts, p.ends), 'Classe'
FROM periods AS p WHERE NOT (p.day = 5 AND p.starts = '13:30');
INSERT INTO pl.sessions (centre_id, group_id, school_year, regime, slot, subject, kind)
SELECT 1, 1, '2018-2019', 'eso', weekslot(d, '11:00', '11:30'), 'Esbarjo', 'recess' FROM generate_series(1, 5) AS d;

-- 1. A full ESO week: one place left for a one-hour lesson of 1r ESO A with
-- teacher 1, on the centre's own period starts.
SELECT count(*) FILTER (WHERE open) AS open, count(*) AS places
FROM places('pl', 1, '{1}', 60, '{1}');
SELECT weekday, to_text(slot) AS slot, preference FROM places('pl', 1, '{1}', 60, '{1}') WHERE open;
-- ... and why two other places are closed, as check() would word it
SELECT to_text(p.slot) AS slot, r.rule, r.subject_name, r.measured, r.limit_value, r.message
FROM places('pl', 1, '{1}', 60, '{1}', with_reasons => true) AS p, unnest(p.reasons) AS r
WHERE to_text(p.slot) IN ('Mon 08:00-09:00', 'Fri 12:30-13:30')
ORDER BY p.slot, r.rule, r.message;
-- the triggers agree: the place offered is accepted, a closed one refused by the rule named
SELECT * FROM pg_temp.outcome_of($$INSERT INTO pl.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
                                   VALUES (1, 1, '2018-2019', 'eso', slot('dv 13:30-14:30'), 'Reforç', 1)$$) \gx
SELECT * FROM pg_temp.outcome_of($$INSERT INTO pl.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id)
                                   VALUES (1, 1, '2018-2019', 'eso', slot('dl 08:00-09:00'), 'Reforç', 1)$$) \gx

-- 2. A teacher's midday: teacher 1 teaches 1r ESO B on Wednesday from 08:00
-- to 13:00 and again at 15:00; a lesson from 13:30 would leave no 60 free
-- minutes in a row between 12:00 and 16:00 on that split day.
INSERT INTO pl.sessions (centre_id, group_id, school_year, regime, slot, subject, teacher_id) VALUES
    (1, 2, '2018-2019', 'eso', slot('dc 08:00-11:00'), 'Matemàtiques', 1),
    (1, 2, '2018-2019', 'eso', slot('dc 11:30-13:00'), 'Matemàtiques', 1),
    (1, 2, '2018-2019', 'eso', slot('dc 15:00-16:00'), 'Matemàtiques', 1);
SELECT to_text(p.slot) AS slot, p.open, p.new_teacher_gaps,
       (SELECT string_agg(r.rule || ' ' || r.measured || '/' || r.limit_value, ', ') FROM unnest(p.reasons) AS r) AS closed_by
FROM places('pl', 1, '{2}', 60, '{1}', starts => 'grid', step => 30, with_reasons => true) AS p
WHERE p.weekday = 3 AND schooltime.start_time(p.slot) BETWEEN '12:00' AND '15:00'
ORDER BY p.slot;

-- 3. An approved timetable: 2n ESO A has 30 hours (mornings 08:00-13:30,
-- Monday to Wednesday afternoons 15:00-16:40), guards and the directive
-- team cover the centre, and it is approved.
INSERT INTO pl.sessions (centre_id, group_id, school_year, regime, slot, subject)
SELECT 1, 3, '2018-2019', 'eso'::regime, weekslot(d, s, e), 'Classe'
FROM generate_series(1, 5) AS d,
     (VALUES ('08:00'::time, '09:00'::time), ('09:00', '10:00'), ('10:00', '11:00'), ('11:30', '12:30'), ('12:30', '13:30')) AS m (s, e)
UNION ALL SELECT 1, 3, '2018-2019', 'eso', weekslot(d, '15:00', '16:40'), 'Classe' FROM unnest(ARRAY[1, 2, 3]) AS d;
INSERT INTO pl.sessions (centre_id, group_id, school_year, regime, slot, subject, kind)
SELECT 1, 3, '2018-2019', 'eso', weekslot(d, '11:00', '11:30'), 'Esbarjo', 'recess' FROM generate_series(1, 5) AS d;
INSERT INTO pl.duties (centre_id, teacher_id, school_year, slot, kind)
SELECT 1, t, '2018-2019', weekslot(d, s, e), k::duty_kind
FROM generate_series(1, 5) AS d,
     (VALUES (4, '08:00'::time, '11:00'::time, 'guard'), (4, '11:00', '11:30', 'recess_guard'), (4, '11:30', '14:30', 'guard'),
             (6, '15:00', '17:30', 'guard'), (5, '08:00', '14:30', 'directive'), (7, '14:30', '17:30', 'directive')) AS v (t, s, e, k);
UPDATE pl.class_groups SET approval = 'provisional' WHERE id = 3;
-- moving a one-hour session as a 50-minute lesson would shorten its week:
-- weekly_hours closes every place
SELECT count(*) FILTER (WHERE p.open) AS open, count(*) AS places,
       count(*) FILTER (WHERE 'weekly_hours' = ANY (SELECT r.rule FROM unnest(p.reasons) AS r)) AS closed_by_weekly_hours
FROM places('pl', 1, '{3}', 50, '{3}', replaces => (SELECT id FROM pl.sessions WHERE group_id = 3 AND slot = slot('dl 09:00-10:00')),
            with_reasons => true) AS p;
-- moved whole, the places that keep its week are open, Monday's first
SELECT weekday, to_text(slot) AS slot, same_day, preference
FROM places('pl', 1, '{3}', 60, '{3}', replaces => (SELECT id FROM pl.sessions WHERE group_id = 3 AND slot = slot('dl 09:00-10:00')),
            prefer => 'same_day')
WHERE open ORDER BY preference;
-- and a place outside the guards' hours is closed by guard_coverage
SELECT to_text(p.slot) AS slot, r.rule, r.message
FROM places('pl', 1, '{3}', 60, '{3}', starts => 'grid', step => 60,
            replaces => (SELECT id FROM pl.sessions WHERE group_id = 3 AND slot = slot('dl 09:00-10:00')), with_reasons => true) AS p,
     unnest(p.reasons) AS r
WHERE to_text(p.slot) = 'Wed 17:00-18:00' ORDER BY r.rule, r.message;

-- 4. A joint lesson of 1r ESO A and 1r ESO B at Educació física with teacher
-- 8: the places free for both groups and the teacher; for half 1 of each.
SELECT weekday, to_text(slot) AS slot, preference FROM places('pl', 1, '{1,2}', 60, '{8}') WHERE open;
SELECT to_text(slot) AS slot, (SELECT string_agg(DISTINCT r.rule || ' (' || r.subject_name || ')', ', ') FROM unnest(reasons) AS r) AS closed_by
FROM places('pl', 1, '{1,2}', 60, '{8}', with_reasons => true) WHERE to_text(slot) = 'Wed 08:00-09:00';
SELECT count(*) FILTER (WHERE open) AS open FROM places('pl', 1, '{1,2}', 60, '{8}', '{split_half,split_half}', '{1,1}');

-- 5. The grid of open and closed places of 1r ESO B for a lesson of teacher 1.
SELECT * FROM places_grid('pl', 1, '{2}', 60, '{1}');
SELECT * FROM places_grid('pl', 1, '{2}', 60, '{1}', language => 'ca') LIMIT 2;
SELECT xml_is_well_formed_document(replace(places_html('pl', 1, '{2}', 60, '{1}', subject => 'Reforç'), '<!DOCTYPE html>', ''))
       AS html_is_well_formed;

-- 6. Bad input, each refused with what is wrong.
\x on
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{5}', 200)$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{1}', 700)$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{1}', 0)$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{1,4}', 60)$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{1,6}', 60)$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{99}', 60)$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{1}', 60, '{99}')$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{1}', 60, '{1,1}')$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{1}', 60, '{1,NULL}')$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{1}', 60, replaces => 999999)$$);
SELECT * FROM pg_temp.error_of(format($$SELECT * FROM schooltime.places('pl', 1, '{1}', 60, replaces => %s)$$,
                                      (SELECT min(id) FROM pl.sessions WHERE group_id = 3)));
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{1}', 60, splits => '{idiomes}', parts => '{Anglès}')$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{1,1}', 60)$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{1,1}', 60, splits => '{NULL,split_half}', parts => '{NULL,1}')$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{1}', 60, starts => 'hours')$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{1}', 60, prefer => 'latest')$$);
SELECT * FROM pg_temp.error_of($$SELECT * FROM schooltime.places('pl', 1, '{}', 60)$$);
\x off
-- nothing was written, nothing was locked
SELECT count(*) AS sessions FROM pl.sessions;

SET client_min_messages = warning;
DROP SCHEMA pl CASCADE;
RESET client_min_messages;
