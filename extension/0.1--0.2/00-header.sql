-- schooltime 0.1 -> 0.2: upgrade script.
--
-- Built by `make` from the parts in extension/0.1--0.2/, in name order.  A
-- fresh CREATE EXTENSION runs the 0.1 install script and then this one, so
-- a new database and an upgraded one end up the same.

\echo Use "ALTER EXTENSION schooltime UPDATE TO '0.2'" to load this file. \quit
