-- Single-row latency (issue 15): the statement triggers keep the plans of
-- their queries for small statements (src/spi_util.c); this tells how many
-- a backend keeps, for the tests and the benchmark.

CREATE FUNCTION schooltime.kept_plans() RETURNS integer
    AS 'MODULE_PATHNAME', 'schooltime_kept_plans' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION schooltime.kept_plans() IS
'how many query plans this backend keeps for schooltime''s checks of small statements (at most 64 rows) and its authorisation lookups; they are made by the first such statement and dropped when a table they read changes (any ALTER TABLE, upgrade_model(), CREATE INDEX or ANALYZE)';
