-- Reading FET files (issue 13): schooltime.fet_read() turns the text of a
-- .fet file (and of the *_activities.xml result fet-cl writes beside it)
-- into jsonb, and refuses bad input with an error naming the element and
-- its line: not XML, not FET, a FET version it does not know, a file that
-- does not hold together, a file too large.  The reader is fuzzed outside
-- the server (tools/harness/fuzz_fet.c); here every error's exact text.
SET search_path = schooltime, public;
\i sql/include/error_of.sql
\set fet `cat sql/fet/institut.fet`
CREATE TEMPORARY TABLE fet_file AS SELECT :'fet'::text AS fet;

-- 1. What a FET file holds
SELECT j->>'version' AS version, j->>'major' AS major, j->>'mode' AS mode, j->>'institution' AS institution,
       j->>'placements_from' AS placements_from, j->'days' AS days, j->'hours' AS hours,
       jsonb_array_length(j->'subjects') AS subjects, j->'teachers' AS teachers
FROM (SELECT fet_read(fet) AS j FROM fet_file) AS r;
-- years, their groups and subgroups (a subgroup listed in two groups is one subgroup)
SELECT y->>'name' AS year, y->>'students' AS students, g->>'name' AS "group",
       (SELECT string_agg(s->>'name' || ' (' || (s->>'students') || ')', ', ') FROM jsonb_array_elements(g->'subgroups') AS s) AS subgroups
FROM fet_file, jsonb_array_elements(fet_read(fet)->'years') AS y
LEFT JOIN LATERAL jsonb_array_elements(y->'groups') AS g ON true;
-- every activity, with where a constraint of weight 100 places it
SELECT (a->>'id')::integer AS id, a->>'subject' AS subject, a->'teachers' AS teachers, a->'students' AS students,
       a->>'duration' AS duration, a->>'active' AS active, a->>'day' AS day, a->>'hour' AS hour, a->>'comments' AS comments
FROM fet_file, jsonb_array_elements(fet_read(fet)->'activities') AS a
ORDER BY 1;
-- the atoms of every students set: subgroups, or a group or year without them
SELECT students_set, kind, string_agg(atom, ', ' ORDER BY atom) AS atoms
FROM fet_file, fet_students(fet_read(fet))
GROUP BY fet_year, students_set, kind ORDER BY fet_year, kind DESC, students_set;

-- 2. The result beside an input file: its placements, not the file's constraints
SELECT (a->>'id')::integer AS id, a->>'day' AS day, a->>'hour' AS hour
FROM fet_file, jsonb_array_elements(fet_read(fet,
    '<?xml version="1.0" encoding="UTF-8"?>
<Activities_Timetable>
<Activity><Id>1</Id><Day>Dimarts</Day><Hour>09:00-10:00</Hour><Room>Gimnàs</Room></Activity>
<Activity><Id>2</Id><Day></Day><Hour></Hour></Activity>
</Activities_Timetable>')->'activities') AS a
WHERE (a->>'id')::integer <= 3 ORDER BY 1;

-- 3. Not XML, not FET, not a version the reader knows
SELECT * FROM pg_temp.error_of($$SELECT fet_read('hello')$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read('')$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read(left((SELECT fet FROM fet_file), 2000))$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read('<fet version="6.8.5"><Days_List></fet>')$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read('<!DOCTYPE fet [<!ENTITY a "aa">]><fet version="6.8.5">&a;</fet>')$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read('<fet version="6.8.5"><Institution_Name>A & B</Institution_Name></fet>')$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read('<html><body>timetable</body></html>')$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read('<fet/>')$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read(replace((SELECT fet FROM fet_file), '<fet version="6.8.5">', '<fet version="4.2.6">'))$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read('<fet version="7.0.0"/>')$$);

-- 4. A file that does not hold together, named by its element and line
SELECT * FROM pg_temp.error_of($$SELECT fet_read(replace((SELECT fet FROM fet_file), '<Students>1r ESO Francès</Students>', '<Students>1r ESO Alemany</Students>'))$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read(replace((SELECT fet FROM fet_file), '<Teacher>TEC</Teacher>', '<Teacher>TECNO</Teacher>'))$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read(replace((SELECT fet FROM fet_file), '<Subject>Estudi</Subject>', '<Subject>Estudi dirigit</Subject>'))$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read(replace((SELECT fet FROM fet_file), '<Id>12</Id>', '<Id>2</Id>'))$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read(replace((SELECT fet FROM fet_file), '<Duration>2</Duration>', '<Duration>two</Duration>'))$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read(replace((SELECT fet FROM fet_file), '<Number_of_Days>5</Number_of_Days>', '<Number_of_Days>6</Number_of_Days>'))$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read(replace((SELECT fet FROM fet_file), '<Name>MUS</Name>', '<Name>MAT</Name>'))$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read(replace((SELECT fet FROM fet_file), '<Name>4t ESO Música</Name>', '<Name>4t ESO A</Name>'))$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read(replace((SELECT fet FROM fet_file), '<Preferred_Day>Divendres</Preferred_Day>', '<Preferred_Day>Dissabte</Preferred_Day>'))$$);
-- two hours from the last hour of the day
SELECT * FROM pg_temp.error_of($$SELECT fet_read(replace((SELECT fet FROM fet_file),
    E'<Activity_Id>10</Activity_Id>\n\t<Preferred_Day>Dijous</Preferred_Day>\n\t<Preferred_Hour>09:00-10:00</Preferred_Hour>',
    E'<Activity_Id>10</Activity_Id>\n\t<Preferred_Day>Dijous</Preferred_Day>\n\t<Preferred_Hour>12:30-13:30</Preferred_Hour>'))$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read(replace((SELECT fet FROM fet_file), '<Active>false</Active>', '<Active>perhaps</Active>'))$$);

-- 5. The activities file: not XML, not a result, not this file's
SELECT * FROM pg_temp.error_of($$SELECT fet_read((SELECT fet FROM fet_file), '<Activities_Timetable>')$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read((SELECT fet FROM fet_file), (SELECT fet FROM fet_file))$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read((SELECT fet FROM fet_file),
    '<Activities_Timetable><Activity><Id>99</Id><Day>Dilluns</Day><Hour>08:00-09:00</Hour></Activity></Activities_Timetable>')$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read((SELECT fet FROM fet_file),
    '<Activities_Timetable><Activity><Id>1</Id><Day>Dilluns</Day></Activity></Activities_Timetable>')$$);

-- 6. A file of 100 MB is refused before it is read; NULL is no file
SELECT * FROM pg_temp.error_of($$SELECT fet_read('<fet version="6.8.5"><Comments>' || repeat('x', 100 * 1024 * 1024) || '</Comments></fet>')$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read((SELECT fet FROM fet_file), repeat('x', 64 * 1024 * 1024 + 1))$$);
SELECT * FROM pg_temp.error_of($$SELECT fet_read(NULL)$$);
SELECT fet_read('<fet version="6.8.5"/>', NULL) ->> 'placements_from' AS placements_from;
