-- Authorised exceptions are data, not holes: only the exceptions the
-- document allows can be recorded, for the subjects and regimes it names,
-- with who, when and why; a rule honours a matching authorisation, and
-- nothing else.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
SELECT create_model('au');
INSERT INTO au.centres (id, code, name, territory, municipality) VALUES
    (1, '43000401', 'Institut Gaudí', 'Tarragona', 'Reus'),
    (2, '43000402', 'Escola Oficial d''Idiomes de Reus', 'Tarragona', 'Reus');
INSERT INTO au.class_groups (centre_id, id, name, school_year, regime, level, pupils) VALUES
    (1, 1, '1r Automoció', '2018-2019', 'fp', 1, 24),
    (1, 2, '2n Automoció', '2018-2019', 'fp', 2, 22),
    (1, 3, '1r ESO A', '2018-2019', 'eso', 1, 28),
    (2, 4, 'Anglès B2.1 A', '2018-2019', 'eoi_ordinary', 4, 25),
    (2, 5, 'Alemany A1 A', '2018-2019', 'eoi_ordinary', 1, 25);

-- the exceptions the document allows
SELECT rule, section, subjects, regimes, requires_council, authority_en FROM rule_exceptions ORDER BY rule;

-- FP hours outside the usual ones, with the territorial services' authorisation of one group
SELECT code, constraint_name, message FROM pg_temp.error_of($$
    INSERT INTO au.sessions (centre_id, group_id, school_year, regime, slot, subject)
    VALUES (1, 1, '2018-2019', 'fp', schooltime.slot('Tue 19:00-21:00'), 'Motors')$$);
INSERT INTO au.authorisations (centre_id, school_year, rule, group_id, authorised_by, authorised_on, reason, document)
VALUES (1, '2018-2019', 'window', 1, 'Serveis territorials de Tarragona', '2018-07-05',
        'Grup de vespre per a alumnes que treballen', 'Resolució ST-TGN 2018/117');
INSERT INTO au.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'fp', slot('Tue 19:00-21:00'), 'Motors');
-- the authorisation names one group: the other FP group is still held to the window
INSERT INTO au.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 2, '2018-2019', 'fp', slot('Tue 19:00-21:00'), 'Motors');
-- and it sets aside the window only: an authorised group still has a weekday rule
INSERT INTO au.sessions (centre_id, group_id, school_year, regime, slot, subject)
VALUES (1, 1, '2018-2019', 'fp', slot('Sat 09:00-11:00'), 'Motors');

-- EOI sessions of another length for pedagogical reasons: an authorisation
-- of one session is recorded first, in the same transaction as the session
-- (its foreign key is checked at commit)
BEGIN;
INSERT INTO au.authorisations (centre_id, school_year, rule, session_id, authorised_by, authorised_on, reason)
VALUES (2, '2018-2019', 'session_length', 1000, 'Direcció de l''EOI de Reus', '2018-09-20',
        'Sessió intensiva de preparació de la prova oral: 180 minuts');
INSERT INTO au.sessions (centre_id, id, group_id, school_year, regime, slot, subject)
VALUES (2, 1000, 4, '2018-2019', 'eoi_ordinary', slot('Sat 10:00-13:00'), 'Expressió oral');
ROLLBACK;
BEGIN;
INSERT INTO au.authorisations (centre_id, school_year, rule, session_id, authorised_by, authorised_on, reason)
VALUES (2, '2018-2019', 'session_length', 1000, 'Direcció de l''EOI de Reus', '2018-09-20',
        'Sessió intensiva de preparació de la prova oral: 180 minuts');
INSERT INTO au.sessions (centre_id, id, group_id, school_year, regime, slot, subject)
VALUES (2, 1000, 4, '2018-2019', 'eoi_ordinary', slot('Wed 18:00-21:00'), 'Expressió oral');
COMMIT;
-- another session of the same group is still held to 60-150 minutes
INSERT INTO au.sessions (centre_id, id, group_id, school_year, regime, slot, subject)
VALUES (2, 1001, 4, '2018-2019', 'eoi_ordinary', slot('Mon 18:00-21:00'), 'Expressió oral');
-- an authorisation that names no session that ever comes is refused at commit
BEGIN;
INSERT INTO au.authorisations (centre_id, school_year, rule, session_id, authorised_by, authorised_on, reason)
VALUES (2, '2018-2019', 'session_length', 2000, 'Direcció de l''EOI de Reus', '2018-09-20', 'Sessió llarga');
COMMIT;
SELECT to_text(slot), subject FROM au.sessions ORDER BY centre_id, id;

-- What cannot be recorded: a rule the document never lets anyone set
-- aside, a subject the exception does not cover (a whole centre for
-- continuous, anything but an outing for outing_ratio), a regime it does
-- not exist for, an empty reason, two subjects at once.
SELECT code, constraint_name, message, detail, hint FROM pg_temp.error_of($$
    INSERT INTO au.authorisations (centre_id, school_year, rule, authorised_by, authorised_on, reason)
    VALUES (1, '2018-2019', 'daily_max', 'Direcció', '2018-09-01', 'Massa hores')$$);
SELECT code, constraint_name, message, detail, hint FROM pg_temp.error_of($$
    INSERT INTO au.authorisations (centre_id, school_year, rule, authorised_by, authorised_on, reason)
    VALUES (1, '2018-2019', 'continuous', 'Direcció', '2018-09-01', 'Tot el centre')$$);
SELECT code, constraint_name, message, detail, hint FROM pg_temp.error_of($$
    INSERT INTO au.authorisations (centre_id, school_year, rule, group_id, authorised_by, authorised_on, reason)
    VALUES (1, '2018-2019', 'window', 3, 'Serveis territorials', '2018-09-01', 'Horari de vespre')$$);
SELECT code, constraint_name, message FROM pg_temp.error_of($$
    INSERT INTO au.authorisations (centre_id, school_year, rule, group_id, authorised_by, authorised_on, reason)
    VALUES (1, '2018-2019', 'window', 1, 'Serveis territorials', '2018-09-01', '   ')$$);
SELECT code, constraint_name, message FROM pg_temp.error_of($$
    INSERT INTO au.authorisations (centre_id, school_year, rule, group_id, session_id, authorised_by, authorised_on, reason)
    VALUES (1, '2018-2019', 'window', 1, 1000, 'Serveis territorials', '2018-09-01', 'Dos subjectes')$$);
SELECT code, constraint_name, message, detail, hint FROM pg_temp.error_of($$
    INSERT INTO au.authorisations (centre_id, school_year, rule, authorised_by, authorised_on, reason)
    VALUES (1, '2018-2019', 'outing_ratio', 'Directora', '2018-09-01', 'Sortida a la platja')$$);

-- every authorisation says who, when and why, and who recorded it
SELECT rule, coalesce(group_id::text, session_id::text, 'centre') AS subject, authorised_by, authorised_on, reason,
       recorded_by = current_user AS recorded_by_me, recorded_at <= now() AS recorded_before_now
FROM au.authorisations ORDER BY id;

SET client_min_messages = warning;
DROP SCHEMA au CASCADE;
RESET client_min_messages;
