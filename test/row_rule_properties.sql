-- pgTAP properties of the per-row rules over every minute of the day, every
-- weekday and every session length, for every regime: a session is accepted
-- exactly when RULES.md says so, and refused with the right rule otherwise.
-- The figures are written here, independently of the catalogue.
BEGIN;
SET client_min_messages = warning;
SELECT plan(4);

SELECT schooltime.create_model('prop');
INSERT INTO prop.centres (id, code, name, territory, municipality) VALUES (1, '08999999', 'Centre de proves', 'Barcelona', 'Barcelona');
CREATE TEMPORARY TABLE figures (regime schooltime.regime, window_start integer, window_end integer,
                                min_len integer, max_len integer, run_max integer) ON COMMIT DROP;
INSERT INTO figures VALUES
    ('infantil', 510, 1080, NULL, NULL, NULL), ('primaria', 510, 1080, NULL, NULL, NULL),
    ('eso', 480, 1140, NULL, NULL, 180), ('batxillerat', 480, 1140, NULL, NULL, 180),
    ('batxillerat_night', 1020, 1440, NULL, NULL, NULL), ('fp', 480, 1140, NULL, NULL, 180),
    ('adults', 540, 1320, NULL, NULL, NULL), ('eoi_ordinary', 480, 1320, 60, 150, NULL),
    ('eoi_intensive', 480, 1320, 60, 150, NULL), ('eoi_blended', 480, 1320, 60, 150, NULL),
    ('arts', 480, 1320, 60, 180, 180), ('sports', 480, 1320, 50, 180, 180);
INSERT INTO prop.class_groups (centre_id, id, name, school_year, regime, level, pupils)
SELECT 1, row_number() OVER (ORDER BY regime), regime::text, '2018-2019', regime, 1, 20 FROM figures;

-- the rule a session breaks, or 'ok'; the insert is always undone
CREATE FUNCTION pg_temp.rule_broken(g bigint, r schooltime.regime, day integer, from_minute integer, to_minute integer)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    broken text;
BEGIN
    BEGIN
        INSERT INTO prop.sessions (centre_id, group_id, school_year, regime, slot, subject)
        VALUES (1, g, '2018-2019', r,
                schooltime.weekslot(day, make_interval(mins => from_minute)::time,
                                    CASE WHEN to_minute = 1440 THEN '24:00'::time ELSE make_interval(mins => to_minute)::time END),
                'Prova');
        RAISE EXCEPTION USING ERRCODE = 'UNDO0';
    EXCEPTION
        WHEN SQLSTATE 'UNDO0' THEN RETURN 'ok';
        WHEN check_violation THEN GET STACKED DIAGNOSTICS broken = CONSTRAINT_NAME; RETURN broken;
    END;
END
$$;

SELECT is_empty($$
    SELECT f.regime, m, pg_temp.rule_broken(g.id, f.regime, 1, m, m + 60) AS got
    FROM figures AS f JOIN prop.class_groups AS g ON g.regime = f.regime, generate_series(0, 1380) AS m
    WHERE pg_temp.rule_broken(g.id, f.regime, 1, m, m + 60)
          IS DISTINCT FROM CASE WHEN m >= f.window_start AND m + 60 <= f.window_end THEN 'ok' ELSE 'window' END
$$, 'a one-hour session on Monday is accepted at every minute inside the window and refused by "window" at every minute outside, in every regime');

SELECT is_empty($$
    SELECT f.regime, d, pg_temp.rule_broken(g.id, f.regime, d, f.window_start + 60, f.window_start + 120) AS got
    FROM figures AS f JOIN prop.class_groups AS g ON g.regime = f.regime, generate_series(1, 7) AS d
    WHERE pg_temp.rule_broken(g.id, f.regime, d, f.window_start + 60, f.window_start + 120)
          IS DISTINCT FROM CASE WHEN d <= 5 THEN 'ok' ELSE 'weekday' END
$$, 'a session is accepted Monday to Friday and refused by "weekday" on Saturday and Sunday, in every regime');

SELECT is_empty($$
    SELECT f.regime, len, pg_temp.rule_broken(g.id, f.regime, 2, f.window_start, f.window_start + len) AS got
    FROM figures AS f JOIN prop.class_groups AS g ON g.regime = f.regime, generate_series(1, 300) AS len
    WHERE pg_temp.rule_broken(g.id, f.regime, 2, f.window_start, f.window_start + len)
          IS DISTINCT FROM CASE WHEN len NOT BETWEEN coalesce(f.min_len, 1) AND coalesce(f.max_len, 100000) THEN 'session_length'
                                WHEN len > f.run_max THEN 'continuous'
                                ELSE 'ok' END
$$, 'a session of every length from 1 to 300 minutes is accepted exactly within its regime''s bounds and refused by "session_length" outside them (or, alone, by "continuous" past 180 minutes)');

SELECT is((SELECT count(*)::integer FROM prop.sessions), 0, 'nothing was kept');

SELECT * FROM finish();
ROLLBACK;
