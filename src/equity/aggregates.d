src/equity/aggregates.o: src/equity/aggregates.c src/schooltime.h \
 /tmp/pgfet/usr/include/postgresql/15/server/postgres.h \
 /tmp/pgfet/usr/include/postgresql/15/server/c.h \
 /tmp/pgfet/usr/include/postgresql/15/server/postgres_ext.h \
 /tmp/pgfet/usr/include/postgresql/15/server/pg_config_ext.h \
 /tmp/pgfet/usr/include/postgresql/15/server/pg_config.h \
 /tmp/pgfet/usr/include/postgresql/15/server/pg_config_manual.h \
 /tmp/pgfet/usr/include/postgresql/15/server/pg_config_os.h \
 /tmp/pgfet/usr/include/postgresql/15/server/port.h \
 /tmp/pgfet/usr/include/postgresql/15/server/utils/elog.h \
 /tmp/pgfet/usr/include/postgresql/15/server/utils/errcodes.h \
 /tmp/pgfet/usr/include/postgresql/15/server/utils/palloc.h \
 /tmp/pgfet/usr/include/postgresql/15/server/fmgr.h \
 /tmp/pgfet/usr/include/postgresql/15/server/libpq/pqformat.h \
 /tmp/pgfet/usr/include/postgresql/15/server/lib/stringinfo.h \
 /tmp/pgfet/usr/include/postgresql/15/server/mb/pg_wchar.h \
 /tmp/pgfet/usr/include/postgresql/15/server/port/pg_bswap.h \
 /tmp/pgfet/usr/include/postgresql/15/server/utils/memutils.h \
 /tmp/pgfet/usr/include/postgresql/15/server/nodes/memnodes.h \
 /tmp/pgfet/usr/include/postgresql/15/server/nodes/nodes.h \
 src/equity/indices.h
src/schooltime.h:
/tmp/pgfet/usr/include/postgresql/15/server/postgres.h:
/tmp/pgfet/usr/include/postgresql/15/server/c.h:
/tmp/pgfet/usr/include/postgresql/15/server/postgres_ext.h:
/tmp/pgfet/usr/include/postgresql/15/server/pg_config_ext.h:
/tmp/pgfet/usr/include/postgresql/15/server/pg_config.h:
/tmp/pgfet/usr/include/postgresql/15/server/pg_config_manual.h:
/tmp/pgfet/usr/include/postgresql/15/server/pg_config_os.h:
/tmp/pgfet/usr/include/postgresql/15/server/port.h:
/tmp/pgfet/usr/include/postgresql/15/server/utils/elog.h:
/tmp/pgfet/usr/include/postgresql/15/server/utils/errcodes.h:
/tmp/pgfet/usr/include/postgresql/15/server/utils/palloc.h:
/tmp/pgfet/usr/include/postgresql/15/server/fmgr.h:
/tmp/pgfet/usr/include/postgresql/15/server/libpq/pqformat.h:
/tmp/pgfet/usr/include/postgresql/15/server/lib/stringinfo.h:
/tmp/pgfet/usr/include/postgresql/15/server/mb/pg_wchar.h:
/tmp/pgfet/usr/include/postgresql/15/server/port/pg_bswap.h:
/tmp/pgfet/usr/include/postgresql/15/server/utils/memutils.h:
/tmp/pgfet/usr/include/postgresql/15/server/nodes/memnodes.h:
/tmp/pgfet/usr/include/postgresql/15/server/nodes/nodes.h:
src/equity/indices.h:
