"""
What the benchmark (bench/run) and its smoke test (tools/tests/bench-smoke)
share: the variants, loading a generated region with COPY, and probing a
variant with the planted violations.  Everything talks to the server through
psql, so it runs wherever pg_virtualenv has set PGHOST, PGPORT and PGUSER.
"""
import os
import re
import signal
import subprocess
import threading
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
SCHEMA = 'region'

# The columns of each generated file, in the order bench/generate writes them; the tables in the
# order they load (what a row refers to first: the parts of groups, blocks and lessons before the
# sessions that name them).
COLUMNS = {
    'centres': 'id, code, name, ownership, territory, municipality, min_guards',
    'class_groups': 'centre_id, id, name, school_year, regime, level, pupils, approval',
    'teachers': 'id, code, name, centre_id, role',
    'group_parts': 'centre_id, group_id, split, part, pupils',
    'blocks': 'centre_id, school_year, name, regime, description',
    'lessons': 'centre_id, id, school_year, slot, block, external_id, description',
    'sessions': 'centre_id, id, group_id, school_year, regime, slot, subject, kind, teacher_id, split_half,'
                ' lesson_id, split, part',
    'duties': 'centre_id, id, teacher_id, school_year, slot, kind, description',
}
# no write rules on these ("other tables")
REFERENCE_TABLES = ('centres', 'class_groups', 'teachers', 'group_parts', 'blocks', 'lessons')
RULE_TABLES = ('sessions', 'duties')                         # the tables schooltime checks
WRITE_RULES = ('weekday', 'window', 'session_length', 'group_overlap', 'continuous', 'daily_max',
               'teacher_overlap', 'teacher_midday', 'teacher_week')

VARIANTS = {
    'a': 'baseline: the reference model\'s tables, keys and indexes, with no schooltime trigger',
    'b': 'schooltime: the reference model as schooltime.create_model() makes it, every trigger it attaches',
    'c': 'EXCLUDE USING gist (btree_gist) for group and teacher overlaps, on the baseline tables',
    'd': 'rival: the nine write rules in PL/pgSQL (bench/rival.sql), statement-level with transition tables',
}

# Drops every trigger whose function belongs to the extension from the model's tables (and their
# partitions, in a partitioned model): the baseline keeps whatever create_model() makes except
# schooltime's checks.
DROP_SCHOOLTIME_TRIGGERS = """
DO $drop$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT tg.tgname, tg.tgrelid::regclass AS rel
        FROM pg_trigger AS tg
        JOIN pg_proc AS p ON p.oid = tg.tgfoid
        JOIN pg_class AS c ON c.oid = tg.tgrelid
        WHERE NOT tg.tgisinternal
          AND tg.tgparentid = 0         -- a partition's clone of its table's trigger goes with it
          AND p.pronamespace = 'schooltime'::regnamespace
          AND c.relnamespace = '%s'::regnamespace
    LOOP
        EXECUTE format('DROP TRIGGER %%I ON %%s', t.tgname, t.rel);
    END LOOP;
END
$drop$;
""" % SCHEMA

# What a DBA writes with the built-in tools, as close to the write rules as exclusion constraints
# come (bench/README.md says what they cannot check).  Rows of one lesson never clash (their lesson
# key is equal, and the constraints ask for different keys: coalesce(lesson_id, -id) puts a lesson
# of its own, id > 0, apart from every lesson).  A group's rows clash when their pupils' ranges
# overlap: the whole group is the unbounded range, half 1 and half 2 are [1,2) and [2,3), and a
# named part one point of its own above them (from the hash of its split and part), so the parts
# of one split never clash with each other and clash with the whole group and with themselves.
EXCLUSION_CONSTRAINTS = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE FUNCTION {s}.pupils_range(split_half smallint, split text, part text) RETURNS int8range
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN split_half IS NOT NULL THEN int8range(split_half, split_half + 1)
                WHEN split IS NOT NULL
                THEN int8range(2147483651 + hashtext(split || E'\\x1f' || part), 2147483652 + hashtext(split || E'\\x1f' || part))
                ELSE int8range(NULL, NULL) END;
ALTER TABLE {s}.sessions ADD CONSTRAINT sessions_group_overlap EXCLUDE USING gist (
    centre_id WITH =, group_id WITH =, ({s}.pupils_range(split_half, split, part)) WITH &&,
    (coalesce(lesson_id, -id)) WITH <>, slot WITH &&);
ALTER TABLE {s}.sessions ADD CONSTRAINT sessions_teacher_overlap EXCLUDE USING gist (
    teacher_id WITH =, school_year WITH =, (coalesce(lesson_id, -id)) WITH <>, slot WITH &&);
ALTER TABLE {s}.duties ADD CONSTRAINT duties_teacher_overlap EXCLUDE USING gist (
    teacher_id WITH =, school_year WITH =, slot WITH &&);
""".format(s=SCHEMA)


class PsqlError(Exception):
    pass


def psql(db, sql, variables=None, check=True, application=None):
    """Runs sql in db with psql; returns its unaligned, tuples-only output."""
    cmd = ['psql', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', db]
    for k, v in (variables or {}).items():
        cmd += ['-v', '%s=%s' % (k, v)]
    cmd += ['-f', '-']
    env = dict(os.environ, PGAPPNAME=application) if application else None
    proc = subprocess.run(cmd, input=sql, capture_output=True, text=True, env=env)
    if check and proc.returncode != 0:
        raise PsqlError('psql -d %s failed (%d):\n%s\n--- sql ---\n%s' % (db, proc.returncode, proc.stderr.strip(), sql[:2000]))
    return proc.stdout


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def create_database(db):
    psql('postgres', 'DROP DATABASE IF EXISTS %s;\nCREATE DATABASE %s;' % (db, db))


def create_variant(db, variant):
    """A database holding the model in schema region, ready for variant a, b, c or d."""
    create_database(db)
    sql = "SET client_min_messages = warning;\nCREATE EXTENSION schooltime;\nSELECT schooltime.create_model('%s');\n" % SCHEMA
    if variant in 'acd':
        sql += DROP_SCHOOLTIME_TRIGGERS
    if variant == 'c':
        sql += EXCLUSION_CONSTRAINTS
    if variant == 'd':
        with open(os.path.join(BENCH, 'rival.sql'), encoding='utf-8') as f:
            sql += f.read()
        sql += "\nSELECT rival.attach('%s');\n" % SCHEMA
    psql(db, sql)


def triggers(db):
    """The non-internal triggers and exclusion constraints on the rule tables: 'table: name -> function'."""
    out = psql(db, """
SELECT c.relname || ': trigger ' || t.tgname || ' -> ' || t.tgfoid::regproc
       || CASE WHEN t.tgtype & 1 = 1 THEN ' (row)' ELSE ' (statement)' END
FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid
WHERE NOT t.tgisinternal AND c.relnamespace = '%s'::regnamespace AND c.relname IN ('sessions', 'duties')
UNION ALL
SELECT c.relname || ': constraint ' || k.conname || ' (exclusion)'
FROM pg_constraint AS k JOIN pg_class AS c ON c.oid = k.conrelid
WHERE k.contype = 'x' AND c.relnamespace = '%s'::regnamespace
ORDER BY 1;
""" % (SCHEMA, SCHEMA))
    return [line for line in out.splitlines() if line]


class BackendWatch(threading.Thread):
    """Follows the backend of the session whose application_name is given: samples its
    /proc/<pid>/status every few milliseconds for the peak of its private memory (RssAnon;
    VmHWM also counts the shared buffers it touched), and, if asked, runs perf record on it."""

    def __init__(self, application, perf_output=None, interval=0.01):
        super().__init__(daemon=True)
        self.application = application
        self.perf_output = perf_output
        self.interval = interval
        self.done = threading.Event()
        self.pid = None
        self.peak = {}
        self.perf = None

    def run(self):
        while self.pid is None and not self.done.is_set():
            out = psql('postgres', "SELECT pid FROM pg_stat_activity WHERE application_name = %s;"
                       % literal(self.application)).strip()
            if out:
                self.pid = int(out.split()[0])
            else:
                time.sleep(0.02)
        if self.pid is None:
            return
        if self.perf_output:
            self.perf = subprocess.Popen(['perf', 'record', '-F', '499', '-p', str(self.pid), '-o', self.perf_output],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        path = '/proc/%d/status' % self.pid
        while not self.done.is_set():
            try:
                with open(path) as f:
                    for line in f:
                        key, _, value = line.partition(':')
                        if key in ('RssAnon', 'VmRSS', 'VmHWM'):
                            kb = int(value.split()[0])
                            self.peak[key] = max(self.peak.get(key, 0), kb)
            except (OSError, ValueError):
                break
            time.sleep(self.interval)

    def stop(self):
        self.done.set()
        self.join()
        if self.perf is not None:
            self.perf.send_signal(signal.SIGINT)
            self.perf.wait()


def load(db, datadir, tables=REFERENCE_TABLES + RULE_TABLES, perf_output=None, preamble=None):
    """COPY each table's file into db, all in one backend; returns the seconds each COPY took and
    the backend's memory in kB: VmHWM, RssAnon and RssShmem from /proc/<pid>/status right after the
    load, and PeakRssAnon, the highest RssAnon sampled while it ran.  preamble: SQL run first in the
    same session (bench/growth loads past years with SET session_replication_role = replica)."""
    lines = ([preamble] if preamble else []) + ['SELECT clock_timestamp() AS t0 \\gset']
    for i, table in enumerate(tables, start=1):
        path = os.path.join(os.path.abspath(datadir), table + '.tsv')
        lines.append('COPY %s.%s (%s) FROM %s;' % (SCHEMA, table, COLUMNS[table], literal(path)))
        lines.append('SELECT clock_timestamp() AS t%d \\gset' % i)
    parts = ["%s || ' ' || extract(epoch FROM :'t%d'::timestamptz - :'t%d'::timestamptz)" % (literal(t), i, i - 1)
             for i, t in enumerate(tables, start=1)]
    lines.append('SELECT ' + " || E'\\n' || ".join(parts) + ';')
    lines.append("SELECT pg_read_file('/proc/' || pg_backend_pid() || '/status');")
    application = 'schooltime_bench_load_%d' % os.getpid()
    watch = BackendWatch(application, perf_output)
    watch.start()
    try:
        out = psql(db, '\n'.join(lines) + '\n', application=application)
    finally:
        watch.stop()
    seconds = {}
    memory = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in COLUMNS:
            seconds[parts[0]] = float(parts[1])
        m = re.match(r'(VmHWM|VmRSS|RssAnon|RssShmem|RssFile):\s+(\d+) kB', line)
        if m:
            memory[m.group(1)] = int(m.group(2))
    memory['PeakRssAnon'] = max(watch.peak.get('RssAnon', 0), memory.get('RssAnon', 0))
    return seconds, memory


def after_load(db):
    """Sets the identity sequences past the loaded ids and refreshes statistics; returns seconds."""
    start = time.time()
    psql(db, """
SELECT setval(pg_get_serial_sequence('{s}.sessions', 'id'), (SELECT coalesce(max(id), 1) FROM {s}.sessions));
SELECT setval(pg_get_serial_sequence('{s}.duties', 'id'), (SELECT coalesce(max(id), 1) FROM {s}.duties));
SELECT setval(pg_get_serial_sequence('{s}.teachers', 'id'), (SELECT coalesce(max(id), 1) FROM {s}.teachers));
SELECT setval(pg_get_serial_sequence('{s}.class_groups', 'id'), (SELECT coalesce(max(id), 1) FROM {s}.class_groups));
SELECT setval(pg_get_serial_sequence('{s}.centres', 'id'), (SELECT coalesce(max(id), 1) FROM {s}.centres));
SELECT setval(pg_get_serial_sequence('{s}.lessons', 'id'), (SELECT coalesce(max(id), 1) FROM {s}.lessons));
VACUUM (ANALYZE) {s}.centres, {s}.class_groups, {s}.teachers, {s}.group_parts, {s}.blocks, {s}.lessons,
    {s}.sessions, {s}.duties;
""".format(s=SCHEMA))
    return time.time() - start


def copy_text_to_sql(value):
    """A COPY text field as an SQL literal (NULL for \\N)."""
    if value == '\\N':
        return 'NULL'
    return literal(value.replace('\\\\', '\\'))


def single_inserts(db, path, limit=None):
    """INSERTs the rows of a sessions file one statement at a time, each its own transaction, as a
    client would; returns each statement's latency in milliseconds, as psql's \\timing measures it
    (from sending the statement to receiving its result)."""
    statements = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            values = line.rstrip('\n').split('\t')
            statements.append('INSERT INTO %s.sessions (%s) VALUES (%s);'
                              % (SCHEMA, COLUMNS['sessions'], ', '.join(copy_text_to_sql(v) for v in values)))
            if limit and len(statements) >= limit:
                break
    out = psql(db, '\\timing on\n' + '\n'.join(statements) + '\n')
    times = [float(m.group(1)) for m in re.finditer(r'^Time: ([0-9.]+) ms', out, re.M)]
    if len(times) != len(statements):
        raise PsqlError('expected %d timings from psql, got %d' % (len(statements), len(times)))
    return times


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float('nan')
    k = (len(ordered) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def read_manifest(datadir):
    rows = []
    with open(os.path.join(datadir, 'manifest.tsv'), encoding='utf-8') as f:
        header = f.readline().rstrip('\n').split('\t')
        for line in f:
            rows.append(dict(zip(header, line.rstrip('\n').split('\t'))))
    return rows


PROBE_SQL = """
CREATE TEMP TABLE planted_sessions (violation integer, LIKE {s}.sessions);
CREATE TEMP TABLE planted_duties (violation integer, LIKE {s}.duties);
COPY planted_sessions (violation, {sc}) FROM {ps};
COPY planted_duties (violation, {dc}) FROM {pd};
CREATE FUNCTION pg_temp.probe(n integer, target text, columns text)
RETURNS text
LANGUAGE plpgsql
AS $probe$
DECLARE
    state text;
    constraint_name text;
BEGIN
    BEGIN
        EXECUTE format('INSERT INTO {s}.%I (%s) SELECT %s FROM pg_temp.%I WHERE violation = %s',
                       target, columns, columns, 'planted_' || target, n);
        RAISE EXCEPTION 'accepted' USING ERRCODE = 'ZZ001';    -- undoes the insert
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, constraint_name = CONSTRAINT_NAME;
    END;
    RETURN CASE WHEN state = 'ZZ001' THEN 'accepted' ELSE state || ' ' || coalesce(nullif(constraint_name, ''), '-') END;
END
$probe$;
"""


def probe(db, datadir):
    """Inserts each planted violation into db in its own statement, undone at once; returns
    {violation number: 'accepted' or 'SQLSTATE constraint_name'}."""
    datadir = os.path.abspath(datadir)
    sql = PROBE_SQL.format(s=SCHEMA, sc=COLUMNS['sessions'], dc=COLUMNS['duties'],
                           ps=literal(os.path.join(datadir, 'planted_sessions.tsv')),
                           pd=literal(os.path.join(datadir, 'planted_duties.tsv')))
    manifest = read_manifest(datadir)
    for row in manifest:
        sql += "SELECT %s || '|' || pg_temp.probe(%s, %s, %s);\n" % (
            row['violation'], row['violation'], literal(row['table_name']), literal(COLUMNS[row['table_name']]))
    out = psql(db, sql)
    result = {}
    for line in out.splitlines():
        if '|' in line:
            n, outcome = line.split('|', 1)
            result[n] = outcome
    return manifest, result


def check_function(db):
    """The call of schooltime.check() over the model in this version, or None if it has none:
    check(name), check(text), check(regnamespace) or check(), found with to_regprocedure, or else
    any schooltime.check whose arguments after the first have defaults."""
    out = psql(db, """
SELECT f FROM (
    SELECT f, n FROM unnest(ARRAY['schooltime.check(name)', 'schooltime.check(text)',
                                  'schooltime.check(regnamespace)', 'schooltime.check()']) WITH ORDINALITY AS c (f, n)
    WHERE to_regprocedure(f) IS NOT NULL
    UNION ALL
    SELECT CASE WHEN p.pronargs = 0 THEN 'schooltime.check()' ELSE 'schooltime.check(' || p.proargtypes[0]::regtype || ')' END, 10
    FROM pg_proc AS p
    WHERE p.pronamespace = 'schooltime'::regnamespace AND p.proname = 'check'
      AND p.pronargs - p.pronargdefaults <= 1
      AND (p.pronargs = 0 OR p.proargtypes[0] IN ('name'::regtype, 'text'::regtype, 'regnamespace'::regtype))
) AS c
ORDER BY n LIMIT 1;
""").strip()
    if not out:
        return None
    if out.endswith('()'):
        return out
    return "schooltime.check('%s'::%s)" % (SCHEMA, out[len('schooltime.check('):-1])
