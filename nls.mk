# Native Language Support: schooltime's messages in its own text domain,
# schooltime-<major> (src/schooltime.h).  PGXS includes this file when the
# server was built with NLS (Debian's is): "make" builds po/<lang>.mo, "make
# install" installs it as <localedir>/<lang>/LC_MESSAGES/schooltime-<major>.mo.
# Translators: "make init-po" writes po/schooltime.pot from the sources,
# "make update-po" merges it into po/<lang>.po.new (doc/messages.md).
CATALOG_NAME     = schooltime
# PostgreSQL 16 and later read the languages from po/LINGUAS; 15 from here.
AVAIL_LANGUAGES  = ca
# Every C source, and the messages of the SQL and PL/pgSQL functions, which
# tools/nls-sql-messages collects from the script parts into a PO file.
GETTEXT_FILES    = $(sort $(wildcard src/*.c src/*/*.c src/*.h src/*/*.h)) po/sql-messages.pot
# The FET reader (src/import/) is free of PostgreSQL: its messages go
# through rd_fail, rd_detail, rd_hint and xs_fail, which translate their
# format, and the words it fills in are marked ST_N or translated ST_T.
GETTEXT_TRIGGERS = $(BACKEND_COMMON_GETTEXT_TRIGGERS) _n:1,2 _c:1c,2 \
    rd_fail:3 rd_detail:2 rd_hint:2 xs_fail:4 ST_T ST_N
GETTEXT_FLAGS    = $(BACKEND_COMMON_GETTEXT_FLAGS) \
    _n:1:pass-c-format _n:2:pass-c-format _c:2:pass-c-format \
    psprintf:1:c-format appendStringInfo:2:c-format \
    rd_fail:3:c-format rd_detail:2:c-format rd_hint:2:c-format xs_fail:4:c-format \
    ST_T:1:pass-c-format ST_N:1:pass-c-format
# Some msgids hold Catalan words ("5è of primària"): the sources are UTF-8.
XGETTEXT += --from-code=UTF-8
