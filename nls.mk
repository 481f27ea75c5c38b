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
GETTEXT_TRIGGERS = $(BACKEND_COMMON_GETTEXT_TRIGGERS) _n:1,2 _c:1c,2
GETTEXT_FLAGS    = $(BACKEND_COMMON_GETTEXT_FLAGS) \
    _n:1:pass-c-format _n:2:pass-c-format _c:2:pass-c-format \
    psprintf:1:c-format appendStringInfo:2:c-format
# Some msgids hold Catalan words ("5è of primària"): the sources are UTF-8.
XGETTEXT += --from-code=UTF-8
