"""
Balanced schooling in the benchmark (issue 16): enrolment rows for the
generated region, and the time of the local pact's synthesis report for every
municipality of it.

write(out, seed) is called by bench/generate once the region is written: from
the centres and class groups it writes, in the same directory,
municipalities.tsv, zones.tsv, centre_zones.tsv and enrolment.tsv (COPY text,
columns in EQUITY_COLUMNS) for two school years, 2018-2019 (the base year of
trends) and 2022-2023.  Every count comes from the region's class groups
(groups and pupils per centre and level) and from random.Random seeded with
a string derived from the seed: the same arguments give the same files.
Foreign pupils are spread unevenly (each centre's share is its
municipality's times a random factor, a little more even in 2022-2023, so
that trends move); NEE B follow the foreign share, NEE A do not; late
arrivals, places offered and reserved are drawn so that every row is valid.

measure(db, datadir) loads those files into a database that holds the region
(variant (b) of bench/run) and times the synthesis report: the views over
the whole region, the HTML document of every municipality in both forms, and
the equity rules of check().
"""
import math
import os
import random
import time

from benchlib import SCHEMA, literal, psql

YEARS = ('2018-2019', '2022-2023')
EQUITY_TABLES = ('municipalities', 'zones', 'centre_zones', 'enrolment')
EQUITY_COLUMNS = {
    'municipalities': 'name, code, population, population_year',
    'zones': 'id, code, name, municipality',
    'centre_zones': 'centre_id, school_year, stage, zone_id',
    'enrolment': 'centre_id, school_year, regime, level, groups, pupils, foreign_pupils, nee_a_pupils, nee_b_pupils, '
                 'late_pupils, late_nee_a_pupils, late_nee_b_pupils, places_offered, places_reserved_nee_a, '
                 'places_reserved_nee_b',
}
STAGE = {'infantil': 'primaria', 'primaria': 'primaria', 'eso': 'secundaria'}
ENTRY = {('infantil', 1), ('eso', 1)}
CENTRES_PER_ZONE = 30
NULL = '\\N'


def _read(path):
    with open(path, encoding='utf-8') as f:
        return [line.rstrip('\n').split('\t') for line in f]


def write(out, seed):
    """Writes the equity files of the region in out; returns {table: rows}."""
    rng = random.Random('%s/equity' % seed)
    centres = {}                    # id -> municipality
    for row in _read(os.path.join(out, 'centres.tsv')):
        centres[int(row[0])] = row[5]
    levels = {}                     # (centre, regime, level) -> [groups, pupils]
    for row in _read(os.path.join(out, 'class_groups.tsv')):
        regime = row[4]
        if regime not in STAGE:
            continue
        key = (int(row[0]), regime, int(row[5]))
        cell = levels.setdefault(key, [0, 0])
        cell[0] += 1
        cell[1] += int(row[6])
    enrolled = sorted({c for c, _, _ in levels})
    by_municipality = {}
    for c in enrolled:
        by_municipality.setdefault(centres[c], []).append(c)
    counts = dict.fromkeys(EQUITY_TABLES, 0)
    files = {t: open(os.path.join(out, t + '.tsv'), 'w', encoding='utf-8', newline='\n') for t in EQUITY_TABLES}
    try:
        zone_of = {}
        zone_id = 0
        base = {}
        for n, name in enumerate(sorted(by_municipality), start=1):
            members = by_municipality[name]
            # about 2,500 inhabitants per centre of the region, some towns under 10,000
            population = int(len(members) * rng.uniform(1500, 4000)) + rng.randint(0, 3000)
            files['municipalities'].write('%s\t%06d\t%d\t2018\n' % (name, 80000 + n, population))
            counts['municipalities'] += 1
            zones = max(1, len(members) // CENTRES_PER_ZONE)
            first = zone_id + 1
            for k in range(zones):
                zone_id += 1
                files['zones'].write('%d\tZ%05d\t%s %d\t%s\n' % (zone_id, zone_id, name, k + 1, name))
                counts['zones'] += 1
            for i, c in enumerate(members):
                zone_of[c] = first + i % zones
            base[name] = rng.uniform(0.04, 0.32)
        for year in YEARS:
            for c in enrolled:
                for stage in ('primaria', 'secundaria'):
                    files['centre_zones'].write('%d\t%s\t%s\t%d\n' % (c, year, stage, zone_of[c]))
                    counts['centre_zones'] += 1
        factor = {c: math.exp(rng.gauss(0, 0.7)) for c in enrolled}
        for y, year in enumerate(YEARS):
            for (c, regime, level) in sorted(levels):
                groups, pupils = levels[(c, regime, level)]
                if y:                       # the second year: a few pupils more or less
                    pupils = max(groups, int(round(pupils * rng.uniform(0.9, 1.1))))
                share = min(0.95, base[centres[c]] * (factor[c] if not y else factor[c] ** 0.8))
                foreign = min(pupils, int(round(pupils * share * rng.uniform(0.85, 1.15))))
                nee_b = min(pupils, int(round(pupils * min(0.9, 0.45 * share + rng.uniform(0, 0.06)))))
                nee_a = min(pupils - nee_b, int(round(pupils * rng.uniform(0, 0.05))))
                late = min(pupils, int(round(pupils * rng.uniform(0, 0.06))))
                late_nee_b = min(late, nee_b, int(round(late * min(1.0, share * 1.5))))
                late_nee_a = min(late - late_nee_b, nee_a, 1 if rng.random() < 0.1 else 0)
                if (regime, level) in ENTRY:
                    offered = groups * (25 if regime == 'infantil' else 30)
                    reserved_a = min(offered, groups)
                    reserved_b = min(offered - reserved_a, groups * rng.choice((1, 2, 3)))
                    places = '%d\t%d\t%d' % (offered, reserved_a, reserved_b)
                else:
                    places = '\t'.join((NULL, NULL, NULL))
                files['enrolment'].write('%d\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n' % (
                    c, year, regime, level, groups, pupils, foreign, nee_a, nee_b, late, late_nee_a, late_nee_b, places))
                counts['enrolment'] += 1
    finally:
        for f in files.values():
            f.close()
    return counts


def load(db, datadir):
    """COPY the equity files into db's region model; returns the seconds of each COPY."""
    lines = ['SELECT clock_timestamp() AS t0 \\gset']
    for i, table in enumerate(EQUITY_TABLES, start=1):
        path = os.path.join(os.path.abspath(datadir), table + '.tsv')
        lines.append('COPY %s.%s (%s) FROM %s;' % (SCHEMA, table, EQUITY_COLUMNS[table], literal(path)))
        lines.append('SELECT clock_timestamp() AS t%d \\gset' % i)
    lines.append('SELECT ' + " || E'\\n' || ".join(
        "%s || ' ' || extract(epoch FROM :'t%d'::timestamptz - :'t%d'::timestamptz)" % (literal(t), i, i - 1)
        for i, t in enumerate(EQUITY_TABLES, start=1)) + ';')
    lines.append('ANALYZE %s;' % ', '.join('%s.%s' % (SCHEMA, t) for t in EQUITY_TABLES))
    out = psql(db, '\n'.join(lines) + '\n')
    return {p[0]: float(p[1]) for p in (line.split() for line in out.splitlines()) if len(p) == 2 and p[0] in EQUITY_TABLES}


def _timed(db, sql):
    out = psql(db, """
SELECT clock_timestamp() AS t0 \\gset
%s
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz);
""" % sql)
    lines = out.splitlines()
    return float(lines[-1]), lines[:-1]


def measure(db, datadir, year='2022-2023'):
    """Loads the equity files and times the synthesis report over the region."""
    r = {'load': load(db, datadir)}
    r['rows'] = int(psql(db, 'SELECT count(*) FROM %s.enrolment;' % SCHEMA).strip())
    r['municipalities'] = int(psql(db, 'SELECT count(*) FROM %s.municipalities;' % SCHEMA).strip())
    r['indicators'], out = _timed(db, 'SELECT count(*) FROM %s.equity_indicators;' % SCHEMA)
    r['indicator_rows'] = int(out[-1])
    r['public'], _ = _timed(db, 'SELECT count(*) FROM %s.equity_indicators_public;' % SCHEMA)
    r['centre_shares'], _ = _timed(db, 'SELECT count(*) FROM %s.equity_centre_shares;' % SCHEMA)
    r['documents'], out = _timed(db, """
SELECT sum(length(schooltime.equity_synthesis_html('%s', m.name, '%s', 'ca', true))) FROM %s.municipalities AS m;
""" % (SCHEMA, year, SCHEMA))
    r['documents_private'], _ = _timed(db, """
SELECT sum(length(schooltime.equity_synthesis_html('%s', m.name, '%s', 'ca', false))) FROM %s.municipalities AS m;
""" % (SCHEMA, year, SCHEMA))
    r['rules'], out = _timed(db, "SELECT count(*) FROM schooltime.equity_violations('%s');" % SCHEMA)
    r['findings'] = int(out[-1])
    return r


def results(r):
    """The section of bench/RESULTS.md, as lines."""
    return [
        '## The local pact\'s synthesis report (balanced schooling)',
        '',
        '`bench/equitylib.py` gave the region %d enrolment rows (%s, per centre and level of infantil, primària and ESO, '
        'from its class groups), %d municipalities and their zones; loaded with COPY in %.2f s (%s).'
        % (r['rows'], ' and '.join(YEARS), r['municipalities'], sum(r['load'].values()),
           ', '.join('%s %.2f s' % kv for kv in r['load'].items())),
        '',
        '| what, over every municipality of the region | seconds |',
        '|---|---:|',
        '| `equity_indicators`: every municipality, year, stage and category (%d rows) | %.2f |' % (r['indicator_rows'], r['indicators']),
        '| `equity_indicators_public`: the same with small cells left out | %.2f |' % r['public'],
        '| `equity_centre_shares`: every centre against its municipality and zone | %.2f |' % r['centre_shares'],
        '| the public HTML document of each of the %d municipalities, 2022-2023 | %.2f |' % (r['municipalities'], r['documents']),
        '| the administrators\' HTML document of each, with every centre | %.2f |' % r['documents_private'],
        '| `schooltime.equity_violations()`: Decret 11/2021\'s rules, %d findings | %.2f |' % (r['findings'], r['rules']),
        '',
    ]
