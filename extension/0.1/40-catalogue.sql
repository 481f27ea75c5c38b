-- The rule catalogue: every rule, and every figure the rules use, as data.
--
-- Figures are keyed by school year (and regime where they differ), because
-- each year's calendar order may change them.  Rows shipped with the
-- extension have origin 'shipped'; anything a department inserts or edits
-- becomes 'local', and local rows are what pg_dump saves and pg_restore
-- brings back over the shipped ones (see schooltime.catalogue_row_guard).

CREATE DOMAIN schooltime.minute_time AS time
    CONSTRAINT minute_time_whole_minute CHECK (extract(second FROM VALUE) = 0);
COMMENT ON DOMAIN schooltime.minute_time IS 'A time of day in whole minutes (24:00 allowed), as the rules measure time.';

CREATE FUNCTION schooltime.creating_extension() RETURNS boolean
    AS 'MODULE_PATHNAME', 'schooltime_creating_extension' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION schooltime.creating_extension() IS
'true while CREATE EXTENSION or ALTER EXTENSION ... UPDATE runs a script: shipped catalogue rows are written only then';

CREATE FUNCTION schooltime.catalogue_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'schooltime_catalogue_changed' LANGUAGE C;
COMMENT ON FUNCTION schooltime.catalogue_changed() IS
'statement trigger on catalogue tables: tells every backend to reload its cached copy of the catalogue after the change commits';

CREATE FUNCTION schooltime.catalogue_row_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $guard$
DECLARE
    key_condition text;
    key_unchanged boolean;
BEGIN
    IF schooltime.creating_extension() THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF OLD.origin = 'shipped'
           AND current_setting('schooltime.replacing_shipped_row', true) IS DISTINCT FROM 'on' THEN
            RAISE EXCEPTION 'cannot delete a shipped row of %', TG_TABLE_NAME
                USING ERRCODE = 'restrict_violation',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = 'Shipped rows come back with every restore and upgrade of the extension.',
                      HINT = 'UPDATE the row instead: set a figure to NULL to lift a limit, or to the value the order gives.';
        END IF;
        RETURN OLD;
    END IF;
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'cannot truncate %', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = 'It holds rows shipped with the extension.',
                  HINT = 'DELETE the local rows you want to remove.';
    END IF;
    SELECT string_agg(format('%I IS NOT DISTINCT FROM ($1).%I', k, k), ' AND ')
      INTO key_condition
      FROM unnest(TG_ARGV) AS k;
    IF TG_OP = 'UPDATE' AND OLD.origin = 'shipped' THEN
        EXECUTE (SELECT 'SELECT ' || string_agg(format('($1).%I IS NOT DISTINCT FROM ($2).%I', k, k), ' AND ')
                   FROM unnest(TG_ARGV) AS k)
           INTO key_unchanged USING OLD, NEW;
        IF NOT key_unchanged THEN
            RAISE EXCEPTION 'cannot change the key of a shipped row of %', TG_TABLE_NAME
                USING ERRCODE = 'restrict_violation',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = format('The key columns are %s.', array_to_string(TG_ARGV, ', ')),
                      HINT = 'INSERT a row with the new key instead.';
        END IF;
    END IF;
    NEW.origin := 'local';
    IF TG_OP = 'INSERT' THEN
        -- A local row takes the place of the shipped row with the same key:
        -- this is how pg_restore brings a department's edits back.
        PERFORM set_config('schooltime.replacing_shipped_row', 'on', true);
        EXECUTE format('DELETE FROM %I.%I WHERE origin = %L AND %s',
                       TG_TABLE_SCHEMA, TG_TABLE_NAME, 'shipped', key_condition)
            USING NEW;
        PERFORM set_config('schooltime.replacing_shipped_row', 'off', true);
    END IF;
    RETURN NEW;
END
$guard$;
COMMENT ON FUNCTION schooltime.catalogue_row_guard() IS
'row trigger on catalogue tables: marks inserted and edited rows local, lets a local row replace the shipped row with the same key (trigger arguments name the key columns), refuses to delete shipped rows';

-- Attaches the guard and cache triggers to a catalogue table and registers
-- its local rows for pg_dump.
CREATE FUNCTION schooltime.register_catalogue_table(catalogue regclass, key_columns text[])
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $register$
BEGIN
    EXECUTE format('CREATE TRIGGER catalogue_row_guard BEFORE INSERT OR UPDATE OR DELETE ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION schooltime.catalogue_row_guard(%s)',
                   catalogue,
                   (SELECT string_agg(quote_literal(k), ', ') FROM unnest(key_columns) AS k));
    EXECUTE format('CREATE TRIGGER catalogue_truncate_guard BEFORE TRUNCATE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION schooltime.catalogue_row_guard()', catalogue);
    EXECUTE format('CREATE TRIGGER catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION schooltime.catalogue_changed()', catalogue);
    PERFORM pg_catalog.pg_extension_config_dump(catalogue, 'WHERE origin = ''local''');
END
$register$;
COMMENT ON FUNCTION schooltime.register_catalogue_table(regclass, text[]) IS
'internal: used by the install and upgrade scripts to make a table part of the catalogue';

------------------------------------------------------------------------
-- The rules

CREATE TABLE schooltime.rules (
    code            text PRIMARY KEY CONSTRAINT code_format CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    sections        text[] NOT NULL,
    severity        schooltime.severity NOT NULL,
    checked         schooltime.check_stage NOT NULL,
    subject         text NOT NULL CONSTRAINT subject_known CHECK (subject IN ('group', 'teacher', 'centre', 'outing', 'pupil')),
    description_en  text NOT NULL,
    description_ca  text NOT NULL,
    origin          schooltime.catalogue_origin NOT NULL DEFAULT 'local'
);
COMMENT ON TABLE schooltime.rules IS
'Every rule schooltime enforces: its code (the constraint_name of its errors), the sections of "Organització del temps escolar" it comes from, its severity, when it is checked, and what it checks in English and Catalan.';
COMMENT ON COLUMN schooltime.rules.code IS 'stable code of the rule: the constraint_name of its errors and the rule column of reports';
COMMENT ON COLUMN schooltime.rules.sections IS 'sections of the 2018 document (or the calendar order) the rule comes from';
COMMENT ON COLUMN schooltime.rules.severity IS 'error: a breaking write is refused; warning: only reported. A department may change it.';
COMMENT ON COLUMN schooltime.rules.checked IS 'when the rule is enforced';
COMMENT ON COLUMN schooltime.rules.subject IS 'what a violation is about: a group, a teacher, a centre, an outing or a pupil';
COMMENT ON COLUMN schooltime.rules.origin IS 'shipped with the extension, or local (inserted or edited by the department)';

INSERT INTO schooltime.rules (code, sections, severity, checked, subject, description_en, description_ca, origin) VALUES
('weekday', '{2.2.1.1,2.2.2,2.3}', 'error', 'on_write', 'group',
 'Lective sessions take place Monday to Friday only.',
 'Les sessions lectives es fan només de dilluns a divendres.', 'shipped'),
('window', '{2.2.1,2.2.2,2.3,2.4,2.5,2.6}', 'error', 'on_write', 'group',
 'Every session lies inside its regime''s daily window.',
 'Cada sessió queda dins la franja horària diària del seu règim.', 'shipped'),
('session_length', '{2.4,2.5,2.6}', 'error', 'on_write', 'group',
 'A session lasts between its regime''s minimum and maximum.',
 'Cada sessió dura entre el mínim i el màxim del seu règim.', 'shipped'),
('group_overlap', '{4.1}', 'error', 'on_write', 'group',
 'A group is in at most one session at a time; the two halves of a split group may run in parallel.',
 'Un grup és en una sola sessió alhora; les dues meitats d''un grup desdoblat poden fer classe en paral·lel.', 'shipped'),
('continuous', '{2.2.1,2.5,2.6}', 'error', 'on_write', 'group',
 'No run of classes longer than 180 minutes without a break of at least 30 minutes.',
 'No es fan més de 3 hores seguides de classe (180 minuts) sense un esbarjo mínim de 30 minuts.', 'shipped'),
('daily_max', '{2.2.1,2.2.2,2.5,2.6}', 'error', 'on_write', 'group',
 'A group''s class minutes per day stay within its regime''s maximum.',
 'Les hores diàries de classe d''un grup no superen el màxim del seu règim.', 'shipped'),
('weekly_hours', '{2.2.1,2.4}', 'error', 'at_approval', 'group',
 'A group''s weekly lective hours are those its regime requires.',
 'Les hores lectives setmanals d''un grup són les que el seu règim estableix.', 'shipped'),
('free_afternoons', '{2.2.1.1}', 'error', 'at_approval', 'group',
 'ESO in public centres: at most three weekdays without afternoon classes, unless the centre has an authorised singular timetable.',
 'A l''ESO dels centres públics, no més de tres tardes lliures setmanals, llevat dels centres amb una organització horària singular autoritzada.', 'shipped'),
('fp_single_shift', '{2.2.1}', 'error', 'at_approval', 'group',
 'FP cycles: each day''s classes are in the morning or in the afternoon, not both, unless authorised.',
 'Als cicles formatius, l''horari s''organitza en sessions de matí o de tarda, excepte amb autorització.', 'shipped'),
('primary_day', '{3.1}', 'error', 'at_approval', 'group',
 'Infantil and primària: 5 lective hours a day, 3 to 3.5 in the morning and 1.5 to 2 in the afternoon, ending no earlier than 16:00, with the order''s midday interval; recess counts as lective time.',
 'Infantil i primària: 5 hores lectives diàries, 3 o 3,5 al matí i 1,5 o 2 a la tarda, sense acabar abans de les 16 hores i amb l''interval del migdia de l''ordre; l''esbarjo és temps lectiu.', 'shipped'),
('indicative_day', '{2.2.1}', 'warning', 'report', 'group',
 'Secondary: about 6 class hours a day, 4 in the morning and 2 in the afternoon.',
 'Secundària: indicativament, 6 hores diàries de classe, 4 al matí i 2 a la tarda.', 'shipped'),
('eoi_course_hours', '{2.4}', 'error', 'at_approval', 'group',
 'An EOI course has at least 130 lective hours, final exam periods excluded.',
 'La durada mínima de cada curs d''EOI és de 130 hores lectives, sense comptar els períodes d''exàmens finals.', 'shipped'),
('teacher_overlap', '{5.2}', 'error', 'on_write', 'teacher',
 'A teacher is in at most one place at a time.',
 'Un docent és en un sol lloc alhora.', 'shipped'),
('teacher_midday', '{5.2}', 'error', 'on_write', 'teacher',
 'On a day with morning and afternoon duties, a teacher has at least 60 minutes free at midday.',
 'En les jornades d''horari partit, el docent té com a mínim una hora d''interrupció al migdia.', 'shipped'),
('teacher_week', '{6.4}', 'error', 'on_write', 'teacher',
 'A teacher''s fixed weekly schedule (lessons, duties, scheduled activities) is at most 37 h 30 min, Monday to Friday.',
 'L''horari fix setmanal d''un docent (classes, guàrdies i activitats programades) no supera les 37 hores i 30 minuts, de dilluns a divendres.', 'shipped'),
('directive_presence', '{5.2}', 'error', 'at_approval', 'centre',
 'During all lective time of the centre, and the midday interval where there is one, a member of the directive team is present.',
 'Durant tot l''horari lectiu i, si escau, interlectiu del migdia, és present al centre un membre de l''equip directiu.', 'shipped'),
('guard_coverage', '{5.2,3.4}', 'error', 'at_approval', 'centre',
 'Every class period and every recess has at least the centre''s minimum number of teachers on guard duty.',
 'En cada període de classe i durant l''esbarjo hi ha el personal de guàrdia necessari.', 'shipped'),
('teachers_per_group', '{4.2}', 'warning', 'report', 'group',
 'Few distinct teachers per group, especially in the first courses.',
 'El nombre de docents diferents per grup és el mínim, especialment en els primers cursos.', 'shipped'),
('eso_split', '{4.1.1.1}', 'warning', 'report', 'group',
 'Public ESO: one weekly split session in Tecnologia and Ciències de la Naturalesa (1r-3r) and in the foreign language (all years).',
 'ESO pública: desdoblament en una sessió setmanal de Tecnologia i Ciències de la Naturalesa (1r a 3r) i de Llengua Estrangera (tota l''etapa).', 'shipped'),
('batx_split', '{4.1.1.1}', 'warning', 'report', 'group',
 'Public batxillerat groups of more than 25 pupils: split sessions in experimental and technological modality subjects and the foreign language; in 2n also Catalan and Spanish.',
 'Batxillerat públic, grups de més de 25 alumnes: desdoblament en les matèries de modalitat experimentals i tecnològiques i en Llengua Estrangera; a segon, també Llengua Catalana i Llengua Castellana.', 'shipped'),
('optional_ratio', '{4.1.1.1}', 'warning', 'report', 'group',
 'The average number of pupils per group in optional subjects is at most 20.',
 'La mitjana d''alumnes per grup a les matèries optatives no supera els 20.', 'shipped'),
('attendance', '{3.2,3.2.1,3.2.2,3.2.3}', 'warning', 'report', 'pupil',
 'Pupils whose unjustified absences exceed their regime''s share of lective time lose continuous assessment (EOI 35 %, arts and sports 20 %).',
 'Els alumnes amb absències no justificades superiors al percentatge del temps lectiu del seu règim perden el dret a l''avaluació contínua (EOI 35 %, escoles d''art i ensenyaments esportius 20 %).', 'shipped'),
('outing_escorts', '{6.5}', 'error', 'at_commit', 'outing',
 'An outing has at least two escorts, at least one of them a teacher.',
 'Cap sortida es fa amb menys de dos acompanyants, un dels quals ha de ser docent.', 'shipped'),
('outing_ratio', '{6.5.1}', 'error', 'at_commit', 'outing',
 'Public centres: pupils per escort at most the ratio of their stage; an exception needs the director''s reasoned decision after hearing the school council.',
 'Centres públics: la relació alumnes/acompanyant no supera la de l''etapa; una excepció requereix l''acord motivat del director escoltat el consell escolar.', 'shipped'),
('outing_authorisation', '{6.3}', 'error', 'at_commit', 'outing',
 'Every minor has a written authorisation from a parent or guardian (a yearly one is enough); an outing with a night away needs a specific one.',
 'Els alumnes menors d''edat necessiten l''autorització escrita dels pares o tutors (pot ser anual); les sortides amb pernoctació en requereixen una d''específica.', 'shipped'),
('outing_programmed', '{6.1}', 'error', 'at_commit', 'outing',
 'The outing is in the centre''s annual programme (or valued by the school council) and authorised by the director.',
 'La sortida consta a la programació general anual (o l''ha valorada el consell escolar) i l''ha autoritzada el director.', 'shipped'),
('outing_communicated', '{6.2}', 'error', 'at_commit', 'outing',
 'An activity that changes the usual spaces of the whole centre is communicated beforehand to the territorial services.',
 'Les activitats que impliquen variació en els espais habituals de tot el centre es comuniquen prèviament als serveis territorials.', 'shipped'),
('outing_abroad', '{6.6}', 'error', 'at_commit', 'outing',
 'Trips abroad: every pupil has travel documents; minors carry a police-stamped authorisation, valid three months from issue, covering the whole trip.',
 'Viatges a l''estranger: tots els alumnes tenen els documents preceptius; els menors porten l''autorització segellada pels Mossos d''Esquadra, vàlida tres mesos des de l''expedició, durant tot el viatge.', 'shipped'),
('calendar_free_days', '{1}', 'error', 'on_write', 'centre',
 'A centre picks at most the order''s number of free-disposal days, each on an otherwise lective day.',
 'Un centre tria com a màxim els dies de lliure disposició que fixa l''ordre, cadascun en un dia altrament lectiu.', 'shipped'),
('calendar_class_days', '{1}', 'error', 'on_write', 'group',
 'Dated activities of a teaching fall between its first and last day of classes and not on a non-lective day.',
 'Les activitats datades d''un ensenyament cauen entre el primer i l''últim dia de classe i no en un dia no lectiu.', 'shipped');

------------------------------------------------------------------------
-- Regimes

CREATE TABLE schooltime.regimes (
    regime          schooltime.regime PRIMARY KEY,
    name_en         text NOT NULL,
    name_ca         text NOT NULL,
    origin          schooltime.catalogue_origin NOT NULL DEFAULT 'local'
);
COMMENT ON TABLE schooltime.regimes IS 'Names of each regime in English and Catalan, as messages and reports show them.';

INSERT INTO schooltime.regimes (regime, name_en, name_ca, origin) VALUES
('infantil',          'infantil (2n cicle)',          'educació infantil (segon cicle)', 'shipped'),
('primaria',          'primària',                     'educació primària', 'shipped'),
('eso',               'ESO',                          'ESO', 'shipped'),
('batxillerat',       'batxillerat',                  'batxillerat', 'shipped'),
('batxillerat_night', 'night batxillerat',            'batxillerat nocturn', 'shipped'),
('fp',                'FP',                           'formació professional', 'shipped'),
('adults',            'adult education',              'educació d''adults', 'shipped'),
('eoi_ordinary',      'EOI ordinary',                 'EOI, règim ordinari', 'shipped'),
('eoi_intensive',     'EOI intensive',                'EOI, règim intensiu', 'shipped'),
('eoi_blended',       'EOI semi-presential',          'EOI, règim semipresencial', 'shipped'),
('arts',              'arts cycles',                  'cicles d''arts plàstiques i disseny', 'shipped'),
('sports',            'sports cycles',                'ensenyaments esportius', 'shipped');

------------------------------------------------------------------------
-- Figures of a group's timetable, per school year and regime

CREATE TABLE schooltime.timetable_limits (
    school_year                  schooltime.school_year NOT NULL,
    regime                       schooltime.regime NOT NULL,
    section                      text NOT NULL,
    first_weekday                smallint NOT NULL DEFAULT 1 CONSTRAINT first_weekday_iso CHECK (first_weekday BETWEEN 1 AND 7),
    last_weekday                 smallint NOT NULL DEFAULT 5 CONSTRAINT last_weekday_iso CHECK (last_weekday BETWEEN first_weekday AND 7),
    window_start                 schooltime.minute_time NOT NULL,
    window_end                   schooltime.minute_time NOT NULL CONSTRAINT window_end_after_start CHECK (window_end > window_start),
    session_min_minutes          integer CONSTRAINT session_min_positive CHECK (session_min_minutes > 0),
    session_max_minutes          integer CONSTRAINT session_max_not_below_min CHECK (session_max_minutes >= coalesce(session_min_minutes, 1)),
    continuous_max_minutes       integer CONSTRAINT continuous_max_minutes_positive CHECK (continuous_max_minutes > 0),
    break_min_minutes            integer NOT NULL DEFAULT 30 CONSTRAINT break_min_minutes_positive CHECK (break_min_minutes > 0),
    daily_max_minutes            integer CONSTRAINT daily_max_minutes_positive CHECK (daily_max_minutes > 0),
    daily_span_max_minutes       integer CONSTRAINT daily_span_max_minutes_positive CHECK (daily_span_max_minutes > 0),
    recess_is_lective            boolean NOT NULL DEFAULT false,
    weekly_min_minutes           integer CONSTRAINT weekly_min_minutes_not_negative CHECK (weekly_min_minutes >= 0),
    weekly_max_minutes           integer CONSTRAINT weekly_max_minutes_not_below_min CHECK (weekly_max_minutes >= coalesce(weekly_min_minutes, 0)),
    afternoon_start              schooltime.minute_time NOT NULL DEFAULT '15:00',
    max_free_afternoons          integer CONSTRAINT max_free_afternoons_in_range CHECK (max_free_afternoons BETWEEN 0 AND 7),
    single_shift                 boolean NOT NULL DEFAULT false,
    morning_min_minutes          integer CONSTRAINT morning_min_minutes_not_negative CHECK (morning_min_minutes >= 0),
    morning_max_minutes          integer CONSTRAINT morning_max_minutes_not_below_min CHECK (morning_max_minutes >= coalesce(morning_min_minutes, 0)),
    afternoon_min_minutes        integer CONSTRAINT afternoon_min_minutes_not_negative CHECK (afternoon_min_minutes >= 0),
    afternoon_max_minutes        integer CONSTRAINT afternoon_max_minutes_not_below_min CHECK (afternoon_max_minutes >= coalesce(afternoon_min_minutes, 0)),
    day_end_not_before           schooltime.minute_time,
    midday_break_min_minutes     integer CONSTRAINT midday_break_min_minutes_not_negative CHECK (midday_break_min_minutes >= 0),
    indicative_daily_minutes     integer CONSTRAINT indicative_daily_minutes_positive CHECK (indicative_daily_minutes > 0),
    indicative_morning_minutes   integer CONSTRAINT indicative_morning_minutes_not_negative CHECK (indicative_morning_minutes >= 0),
    indicative_afternoon_minutes integer CONSTRAINT indicative_afternoon_minutes_not_negative CHECK (indicative_afternoon_minutes >= 0),
    course_min_hours             integer CONSTRAINT course_min_hours_positive CHECK (course_min_hours > 0),
    source                       text NOT NULL,
    origin                       schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    PRIMARY KEY (school_year, regime)
);
COMMENT ON TABLE schooltime.timetable_limits IS
'The figures of a group''s timetable for each school year and regime. A NULL figure means the rule sets no such limit for that regime. Change a limit with UPDATE: every backend sees it after the change commits.';
COMMENT ON COLUMN schooltime.timetable_limits.section IS 'section of the document (or the order) the regime''s figures come from, cited in error details';
COMMENT ON COLUMN schooltime.timetable_limits.first_weekday IS 'first lective ISO weekday (rule weekday)';
COMMENT ON COLUMN schooltime.timetable_limits.last_weekday IS 'last lective ISO weekday (rule weekday)';
COMMENT ON COLUMN schooltime.timetable_limits.window_start IS 'earliest start of any session (rule window)';
COMMENT ON COLUMN schooltime.timetable_limits.window_end IS 'latest end of any session (rule window); 24:00 is midnight';
COMMENT ON COLUMN schooltime.timetable_limits.session_min_minutes IS 'shortest class session, class change included (rule session_length)';
COMMENT ON COLUMN schooltime.timetable_limits.session_max_minutes IS 'longest class session, class change included (rule session_length)';
COMMENT ON COLUMN schooltime.timetable_limits.continuous_max_minutes IS 'longest run of classes without a break (rule continuous)';
COMMENT ON COLUMN schooltime.timetable_limits.break_min_minutes IS 'shortest gap that counts as a break and ends a run (rule continuous)';
COMMENT ON COLUMN schooltime.timetable_limits.daily_max_minutes IS 'most class minutes of a group in a day (rule daily_max)';
COMMENT ON COLUMN schooltime.timetable_limits.daily_span_max_minutes IS 'longest span of a group''s day, first start to last end, recess included (rule daily_max, night batxillerat)';
COMMENT ON COLUMN schooltime.timetable_limits.recess_is_lective IS 'whether recess counts as lective time (primària, 3.1)';
COMMENT ON COLUMN schooltime.timetable_limits.weekly_min_minutes IS 'fewest lective minutes of a group''s week (rule weekly_hours)';
COMMENT ON COLUMN schooltime.timetable_limits.weekly_max_minutes IS 'most lective minutes of a group''s week (rule weekly_hours)';
COMMENT ON COLUMN schooltime.timetable_limits.afternoon_start IS 'lective time at or after this time of day is afternoon';
COMMENT ON COLUMN schooltime.timetable_limits.max_free_afternoons IS 'most weekdays without afternoon class in public centres (rule free_afternoons)';
COMMENT ON COLUMN schooltime.timetable_limits.single_shift IS 'each day''s classes in the morning or the afternoon, not both (rule fp_single_shift)';
COMMENT ON COLUMN schooltime.timetable_limits.morning_min_minutes IS 'fewest lective minutes before the afternoon (rule primary_day)';
COMMENT ON COLUMN schooltime.timetable_limits.morning_max_minutes IS 'most lective minutes before the afternoon (rule primary_day)';
COMMENT ON COLUMN schooltime.timetable_limits.afternoon_min_minutes IS 'fewest lective minutes in the afternoon (rule primary_day)';
COMMENT ON COLUMN schooltime.timetable_limits.afternoon_max_minutes IS 'most lective minutes in the afternoon (rule primary_day)';
COMMENT ON COLUMN schooltime.timetable_limits.day_end_not_before IS 'lective time does not end before this time of day (rule primary_day)';
COMMENT ON COLUMN schooltime.timetable_limits.midday_break_min_minutes IS 'shortest midday interval between morning and afternoon (rule primary_day)';
COMMENT ON COLUMN schooltime.timetable_limits.indicative_daily_minutes IS 'indicative class minutes a day (warning indicative_day)';
COMMENT ON COLUMN schooltime.timetable_limits.indicative_morning_minutes IS 'indicative class minutes in the morning (warning indicative_day)';
COMMENT ON COLUMN schooltime.timetable_limits.indicative_afternoon_minutes IS 'indicative class minutes in the afternoon (warning indicative_day)';
COMMENT ON COLUMN schooltime.timetable_limits.course_min_hours IS 'fewest lective hours of a whole course, final exams excluded (rule eoi_course_hours)';
COMMENT ON COLUMN schooltime.timetable_limits.source IS 'where the figures come from, and what is unconfirmed';

INSERT INTO schooltime.timetable_limits
    (school_year, regime, section, window_start, window_end,
     session_min_minutes, session_max_minutes, continuous_max_minutes, daily_max_minutes,
     daily_span_max_minutes, recess_is_lective, weekly_min_minutes, weekly_max_minutes,
     max_free_afternoons, single_shift,
     morning_min_minutes, morning_max_minutes, afternoon_min_minutes, afternoon_max_minutes,
     day_end_not_before, midday_break_min_minutes,
     indicative_daily_minutes, indicative_morning_minutes, indicative_afternoon_minutes,
     course_min_hours, source, origin)
SELECT y.school_year, f.regime, f.section,
       CASE WHEN y.school_year = '2020-2021' AND f.regime IN ('infantil', 'primaria') THEN '09:00'
            ELSE f.window_start END::schooltime.minute_time,
       CASE WHEN y.school_year = '2020-2021' AND f.regime IN ('eso', 'batxillerat', 'fp') THEN '18:00'
            ELSE f.window_end END::schooltime.minute_time,
       f.session_min, f.session_max, f.continuous_max, f.daily_max, f.daily_span_max,
       f.recess_is_lective, f.weekly_min, f.weekly_max, f.max_free_afternoons, f.single_shift,
       f.morning_min, f.morning_max, f.afternoon_min, f.afternoon_max,
       f.day_end_not_before::schooltime.minute_time, f.midday_break_min,
       f.indicative_daily, f.indicative_morning, f.indicative_afternoon, f.course_min_hours,
       y.source || f.note, 'shipped'
FROM (VALUES
    ('2018-2019', 'Organització del temps escolar (Departament d''Ensenyament, 20/06/2018) and Ordre ENS/60/2018 (DOGC 7640).'),
    ('2020-2021', 'Calendar order for 2020-2021 (DOGC of 13 July 2020, as reported by regio7.cat on 2020-07-13): secondary window 08:00-18:00, infantil and primària not before 09:00. Every other figure is carried over from the 2018-2019 document and is unconfirmed for 2020-2021.')
) AS y (school_year, source)
CROSS JOIN (VALUES
    -- regime, section, window, session bounds, continuous, daily max, daily span, recess lective, weekly min/max,
    -- free afternoons, single shift, primary morning/afternoon, end not before, midday break, indicative day, course hours, note
    ('infantil'::schooltime.regime, 'Ordre ENS/60/2018', '08:30', '18:00', NULL::int, NULL::int, NULL::int, 300, NULL::int, true, 1500, 1500,
     NULL::int, false, 180, 210, 90, 120, '16:00', 120, NULL::int, NULL::int, NULL::int, NULL::int,
     ' The two-hour midday interval is from publica.cat''s summary of the order and is unconfirmed against its text.'),
    ('primaria', 'Ordre ENS/60/2018', '08:30', '18:00', NULL, NULL, NULL, 300, NULL, true, 1500, 1500,
     NULL, false, 180, 210, 90, 120, '16:00', 120, NULL, NULL, NULL, NULL,
     ' The two-hour midday interval is from publica.cat''s summary of the order and is unconfirmed against its text.'),
    ('eso', '2.2.1', '08:00', '19:00', NULL, NULL, 180, 420, NULL, false, 1800, 1800,
     3, false, NULL, NULL, NULL, NULL, NULL, NULL, 360, 240, 120, NULL, ''),
    ('batxillerat', '2.2.1', '08:00', '19:00', NULL, NULL, 180, 420, NULL, false, 1800, 1800,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, 360, 240, 120, NULL,
     ' Research-work sessions are not counted in the 30 weekly hours.'),
    ('batxillerat_night', '2.2.2', '17:00', '24:00', NULL, NULL, NULL, NULL, 300, true, NULL, NULL,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     ' The 300-minute day includes 20 minutes of recess.'),
    ('fp', '2.2.1', '08:00', '19:00', NULL, NULL, 180, 420, NULL, false, NULL, NULL,
     NULL, true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     ' Other hours, or morning and afternoon, need the territorial services'' authorisation.'),
    ('adults', '2.3', '09:00', '22:00', NULL, NULL, NULL, NULL, NULL, false, NULL, NULL,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ''),
    ('eoi_ordinary', '2.4', '08:00', '22:00', 60, 150, NULL, NULL, NULL, false, 240, NULL,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 130, ''),
    ('eoi_intensive', '2.4', '08:00', '22:00', 60, 150, NULL, NULL, NULL, false, 480, NULL,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 130,
     ' The intensive timetable runs in its half of the course.'),
    ('eoi_blended', '2.4', '08:00', '22:00', 60, 150, NULL, NULL, NULL, false, 120, NULL,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 130,
     ' The weekly minimum counts presential hours.'),
    ('arts', '2.5', '08:00', '22:00', 60, 180, 180, 420, NULL, false, NULL, NULL,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     ' Batxillerat d''arts follows the batxillerat figures.'),
    ('sports', '2.6', '08:00', '22:00', 50, 180, 180, 480, NULL, false, NULL, NULL,
     NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     ' Practical sessions in the natural environment may exceed the continuous limit when authorised.')
) AS f (regime, section, window_start, window_end, session_min, session_max, continuous_max, daily_max,
        daily_span_max, recess_is_lective, weekly_min, weekly_max, max_free_afternoons, single_shift,
        morning_min, morning_max, afternoon_min, afternoon_max, day_end_not_before, midday_break_min,
        indicative_daily, indicative_morning, indicative_afternoon, course_min_hours, note);

------------------------------------------------------------------------
-- Figures of a teacher's week and of the centre's coverage, per school year

CREATE TABLE schooltime.staff_limits (
    school_year             schooltime.school_year PRIMARY KEY,
    week_max_minutes        integer NOT NULL CONSTRAINT week_max_minutes_positive CHECK (week_max_minutes > 0),
    first_weekday           smallint NOT NULL DEFAULT 1 CONSTRAINT first_weekday_in_range CHECK (first_weekday BETWEEN 1 AND 7),
    last_weekday            smallint NOT NULL DEFAULT 5 CONSTRAINT last_weekday_in_range CHECK (last_weekday BETWEEN first_weekday AND 7),
    midday_free_minutes     integer NOT NULL CONSTRAINT midday_free_minutes_not_negative CHECK (midday_free_minutes >= 0),
    midday_window_start     schooltime.minute_time NOT NULL,
    midday_window_end       schooltime.minute_time NOT NULL CONSTRAINT midday_window_end_after_start CHECK (midday_window_end > midday_window_start),
    afternoon_start         schooltime.minute_time NOT NULL,
    default_min_guards      integer NOT NULL CONSTRAINT default_min_guards_not_negative CHECK (default_min_guards >= 0),
    source                  text NOT NULL,
    origin                  schooltime.catalogue_origin NOT NULL DEFAULT 'local'
);
COMMENT ON TABLE schooltime.staff_limits IS
'The figures of teachers'' schedules and of the centre''s coverage for each school year.';
COMMENT ON COLUMN schooltime.staff_limits.week_max_minutes IS 'most minutes of a teacher''s fixed weekly schedule, 37 h 30 min (rule teacher_week, 6.4)';
COMMENT ON COLUMN schooltime.staff_limits.first_weekday IS 'first ISO weekday of the working week (rule teacher_week)';
COMMENT ON COLUMN schooltime.staff_limits.last_weekday IS 'last ISO weekday of the working week (rule teacher_week)';
COMMENT ON COLUMN schooltime.staff_limits.midday_free_minutes IS 'free minutes at midday on a split day (rule teacher_midday, 5.2)';
COMMENT ON COLUMN schooltime.staff_limits.midday_window_start IS 'start of the part of the day where the midday interruption must fall (interpretation, see doc/rules.md)';
COMMENT ON COLUMN schooltime.staff_limits.midday_window_end IS 'end of the part of the day where the midday interruption must fall (interpretation, see doc/rules.md)';
COMMENT ON COLUMN schooltime.staff_limits.afternoon_start IS 'a duty ending after this time of day is an afternoon duty; one starting before it is a morning duty';
COMMENT ON COLUMN schooltime.staff_limits.default_min_guards IS 'teachers on guard in every class period and recess when the centre sets no other number (rule guard_coverage)';

INSERT INTO schooltime.staff_limits
    (school_year, week_max_minutes, midday_free_minutes, midday_window_start, midday_window_end,
     afternoon_start, default_min_guards, source, origin)
VALUES
('2018-2019', 2250, 60, '12:00', '16:00', '15:00', 1,
 'Organització del temps escolar 2018, sections 5.2 and 6.4. The 12:00-16:00 midday window is schooltime''s reading of "al migdia".', 'shipped'),
('2020-2021', 2250, 60, '12:00', '16:00', '15:00', 1,
 'Carried over from the 2018-2019 document; unconfirmed for 2020-2021.', 'shipped');

------------------------------------------------------------------------
-- Outings: escort ratios and other figures

CREATE TYPE schooltime.escort_stage AS ENUM ('infantil', 'primaria_1_4', 'primaria_5_6', 'eso', 'post_compulsory');
COMMENT ON TYPE schooltime.escort_stage IS 'The stages section 6.5.1 gives escort ratios for.';

CREATE TABLE schooltime.escort_stages (
    regime          schooltime.regime NOT NULL,
    first_level     smallint NOT NULL CONSTRAINT first_level_in_range CHECK (first_level BETWEEN 1 AND 6),
    last_level      smallint NOT NULL CONSTRAINT last_level_in_range CHECK (last_level BETWEEN first_level AND 6),
    stage           schooltime.escort_stage NOT NULL,
    origin          schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    PRIMARY KEY (regime, first_level)
);
COMMENT ON TABLE schooltime.escort_stages IS
'Which escort-ratio stage the pupils of a regime and course level belong to (section 6.5.1).';

INSERT INTO schooltime.escort_stages (regime, first_level, last_level, stage, origin) VALUES
('infantil', 1, 3, 'infantil', 'shipped'),
('primaria', 1, 4, 'primaria_1_4', 'shipped'),
('primaria', 5, 6, 'primaria_5_6', 'shipped'),
('eso', 1, 4, 'eso', 'shipped'),
('batxillerat', 1, 2, 'post_compulsory', 'shipped'),
('batxillerat_night', 1, 3, 'post_compulsory', 'shipped'),
('fp', 1, 2, 'post_compulsory', 'shipped'),
('adults', 1, 6, 'post_compulsory', 'shipped'),
('eoi_ordinary', 1, 6, 'post_compulsory', 'shipped'),
('eoi_intensive', 1, 6, 'post_compulsory', 'shipped'),
('eoi_blended', 1, 6, 'post_compulsory', 'shipped'),
('arts', 1, 2, 'post_compulsory', 'shipped'),
('sports', 1, 3, 'post_compulsory', 'shipped');

CREATE TABLE schooltime.escort_ratios (
    school_year        schooltime.school_year NOT NULL,
    stage              schooltime.escort_stage NOT NULL,
    multi_day          boolean NOT NULL,
    pupils_per_escort  integer NOT NULL CONSTRAINT pupils_per_escort_positive CHECK (pupils_per_escort > 0),
    section            text NOT NULL DEFAULT '6.5.1',
    source             text NOT NULL,
    origin             schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    PRIMARY KEY (school_year, stage, multi_day)
);
COMMENT ON TABLE schooltime.escort_ratios IS
'Most pupils per escort on an outing of public centres, per school year, stage and length (one day, or more than one day).';

INSERT INTO schooltime.escort_ratios (school_year, stage, multi_day, pupils_per_escort, source, origin)
SELECT y, s, m, r, CASE WHEN y = '2018-2019' THEN 'Organització del temps escolar 2018, 6.5.1.' ELSE 'Carried over from the 2018-2019 document; unconfirmed for ' || y || '.' END
                   || CASE WHEN m AND s IN ('eso', 'post_compulsory') THEN ' The document gives no multi-day figure for this stage: the one-day ratio holds.' ELSE '' END,
       'shipped'
FROM (VALUES ('2018-2019'), ('2020-2021')) AS years (y)
CROSS JOIN (VALUES
    ('infantil'::schooltime.escort_stage, false, 10), ('infantil', true, 8),
    ('primaria_1_4', false, 15), ('primaria_1_4', true, 12),
    ('primaria_5_6', false, 20), ('primaria_5_6', true, 18),
    ('eso', false, 20), ('eso', true, 20),
    ('post_compulsory', false, 25), ('post_compulsory', true, 25)
) AS ratios (s, m, r);

CREATE TABLE schooltime.outing_limits (
    school_year                 schooltime.school_year PRIMARY KEY,
    min_escorts                 integer NOT NULL CONSTRAINT min_escorts_at_least_one CHECK (min_escorts >= 1),
    min_teacher_escorts         integer NOT NULL CONSTRAINT min_teacher_escorts_in_range CHECK (min_teacher_escorts BETWEEN 0 AND min_escorts),
    abroad_authorisation_valid  interval NOT NULL,
    source                      text NOT NULL,
    origin                      schooltime.catalogue_origin NOT NULL DEFAULT 'local'
);
COMMENT ON TABLE schooltime.outing_limits IS
'Other figures of section 6 per school year: fewest escorts, fewest teachers among them, how long a police-stamped authorisation for a trip abroad is valid.';

INSERT INTO schooltime.outing_limits (school_year, min_escorts, min_teacher_escorts, abroad_authorisation_valid, source, origin) VALUES
('2018-2019', 2, 1, '3 months', 'Organització del temps escolar 2018, 6.5 and 6.6.', 'shipped'),
('2020-2021', 2, 1, '3 months', 'Carried over from the 2018-2019 document; unconfirmed for 2020-2021.', 'shipped');

------------------------------------------------------------------------
-- Attendance thresholds (3.2)

CREATE TABLE schooltime.attendance_thresholds (
    school_year          schooltime.school_year NOT NULL,
    regime               schooltime.regime NOT NULL,
    max_absence_percent  numeric(5,2) NOT NULL CONSTRAINT max_absence_percent_in_range CHECK (max_absence_percent BETWEEN 0 AND 100),
    section              text NOT NULL,
    source               text NOT NULL,
    origin               schooltime.catalogue_origin NOT NULL DEFAULT 'local',
    PRIMARY KEY (school_year, regime)
);
COMMENT ON TABLE schooltime.attendance_thresholds IS
'Share of lective time a pupil may miss without justification and keep continuous assessment; absences strictly above it lose it ("superiors al").';

INSERT INTO schooltime.attendance_thresholds (school_year, regime, max_absence_percent, section, source, origin)
SELECT y, r, p, s, CASE WHEN y = '2018-2019' THEN 'Organització del temps escolar 2018, ' || s || '.' ELSE 'Carried over from the 2018-2019 document; unconfirmed for ' || y || '.' END, 'shipped'
FROM (VALUES ('2018-2019'), ('2020-2021')) AS years (y)
CROSS JOIN (VALUES
    ('eoi_ordinary'::schooltime.regime, 35.00, '3.2.1'),
    ('eoi_intensive', 35.00, '3.2.1'),
    ('eoi_blended', 35.00, '3.2.1'),
    ('arts', 20.00, '3.2.2'),
    ('sports', 20.00, '3.2.3')
) AS t (r, p, s);

------------------------------------------------------------------------

SELECT schooltime.register_catalogue_table('schooltime.rules', '{code}');
SELECT schooltime.register_catalogue_table('schooltime.regimes', '{regime}');
SELECT schooltime.register_catalogue_table('schooltime.timetable_limits', '{school_year,regime}');
SELECT schooltime.register_catalogue_table('schooltime.staff_limits', '{school_year}');
SELECT schooltime.register_catalogue_table('schooltime.escort_stages', '{regime,first_level}');
SELECT schooltime.register_catalogue_table('schooltime.escort_ratios', '{school_year,stage,multi_day}');
SELECT schooltime.register_catalogue_table('schooltime.outing_limits', '{school_year}');
SELECT schooltime.register_catalogue_table('schooltime.attendance_thresholds', '{school_year,regime}');

GRANT USAGE ON SCHEMA schooltime TO PUBLIC;
GRANT SELECT ON schooltime.rules, schooltime.regimes, schooltime.timetable_limits, schooltime.staff_limits,
    schooltime.escort_stages, schooltime.escort_ratios, schooltime.outing_limits,
    schooltime.attendance_thresholds TO PUBLIC;
