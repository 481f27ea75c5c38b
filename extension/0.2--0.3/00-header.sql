-- schooltime 0.2 -> 0.3: upgrade script.
--
-- Built by `make` from the parts in extension/0.2--0.3/, in name order.  A
-- fresh CREATE EXTENSION runs the 0.1 install script and the upgrades after
-- it, so a new database and an upgraded one end up the same.

\echo Use "ALTER EXTENSION schooltime UPDATE TO '0.3'" to load this file. \quit
