# Shell functions the upgrade and restore tests share (sourced, not run).

# model_fingerprint DB SCHEMA: each table of a model, its row count and a
# hash of its rows, each row as its non-NULL columns (a column a later
# version adds holds NULL in the rows it had, and does not change them).
model_fingerprint() {
    psql -X -At -d "$1" -v schema="$2" <<'SQL'
SELECT 'table ' || c.oid::regclass || ': '
       || (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %s', c.oid::regclass), false, true, '')))[1]::text
       || ' rows, '
       || (xpath('/row/h/text()', query_to_xml(format(
            'SELECT md5(coalesce(string_agg(x.r, %L ORDER BY x.r), %L)) AS h'
            ' FROM (SELECT jsonb_strip_nulls(to_jsonb(t))::text AS r FROM %s AS t) AS x', ',', '', c.oid::regclass),
            false, true, '')))[1]::text
FROM pg_class AS c WHERE c.relnamespace = :'schema'::regnamespace AND c.relkind = 'r'
  AND EXISTS (SELECT FROM pg_attribute AS a WHERE a.attrelid = c.oid AND a.attnum > 0)
ORDER BY 1;
SQL
}

# model_shape DB SCHEMA: the tables (with their columns and defaults), triggers,
# constraints and indexes of a model, one line each.
model_shape() {
    psql -X -At -d "$1" -v schema="$2" <<'SQL'
SELECT 'table ' || c.relname || ' (' || string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
       || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid, true), ''), ', ' ORDER BY a.attname) || ')'
FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE c.relnamespace = :'schema'::regnamespace AND c.relkind IN ('r', 'v') GROUP BY c.relname;
SELECT 'trigger ' || c.relname || ' ' || regexp_replace(pg_get_triggerdef(t.oid), '^CREATE (CONSTRAINT )?TRIGGER \S+ ', '')
FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid
WHERE NOT t.tgisinternal AND c.relnamespace = :'schema'::regnamespace;
SELECT 'constraint ' || conrelid::regclass || ' ' || pg_get_constraintdef(oid)
FROM pg_constraint WHERE connamespace = :'schema'::regnamespace;
SELECT 'index ' || regexp_replace(pg_get_indexdef(indexrelid), 'INDEX \S+ ON', 'INDEX ON')
FROM pg_index WHERE indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = :'schema'::regnamespace);
SQL
}
