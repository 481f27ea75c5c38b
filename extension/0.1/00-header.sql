-- schooltime 0.1: install script.
--
-- Built by `make` from the parts in extension/0.1/, in name order.  0.1 is
-- released: these parts never change again; later versions change things
-- only through upgrade scripts (extension/0.1--0.2/ ...).

\echo Use "CREATE EXTENSION schooltime" to load this file. \quit
