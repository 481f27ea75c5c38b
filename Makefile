# schooltime: PGXS build.  `make && make install && make installcheck`;
# tools/test runs everything (see README).

EXTENSION    = schooltime
EXTVERSION   = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big   = $(EXTENSION)
# C sources: src/*.c, and src/<concern>/*.c for a concern of several files
OBJS         = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c src/*/*.c)))

# Each directory extension/<version>/ or extension/<from>--<to>/ holds the
# parts of one script, concatenated in name order.
SCRIPT_DIRS  = $(patsubst %/,%,$(sort $(dir $(wildcard extension/*/*.sql))))
DATA_built   = $(foreach d,$(SCRIPT_DIRS),extension/$(EXTENSION)--$(notdir $(d)).sql)

REGRESS      = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=$(EXTENSION)
ISOLATION    = $(patsubst specs/%.spec,%,$(sort $(wildcard specs/*.spec)))
ISOLATION_OPTS = --load-extension=$(EXTENSION)
ENCODING     = UTF8
NO_LOCALE    = 1

PG_CPPFLAGS  = -I$(srcdir)/src
PG_CFLAGS    = -Wall -Wmissing-prototypes -Wextra -Wno-unused-parameter -Wno-missing-field-initializers

PG_CONFIG   ?= pg_config
PGXS        := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Rebuild an object when a header it includes changes.
override CFLAGS += -MMD -MP
-include $(OBJS:.o=.d)
EXTRA_CLEAN += $(OBJS:.o=.d)

.SECONDEXPANSION:
extension/$(EXTENSION)--%.sql: $$(sort $$(wildcard extension/%/*.sql))
	cat $^ > $@

# The release archive PGXN takes: $(EXTENSION)-<version>.zip, <version> being
# META.json's, with every committed file under $(EXTENSION)-<version>/ (git
# archive of HEAD, so uncommitted changes stay out).  DISTDIR picks where it
# is written.
DISTDIR ?= .
dist:
	@version=$$(sed -n 's/^   "version": "\([^"]*\)",$$/\1/p' META.json) && \
	test -n "$$version" || { echo "META.json has no version" >&2; exit 1; } && \
	{ git diff --quiet HEAD -- || echo "make dist: uncommitted changes are left out of the archive" >&2; } && \
	git archive --format=zip --prefix=$(EXTENSION)-$$version/ --output=$(DISTDIR)/$(EXTENSION)-$$version.zip HEAD && \
	echo "$(DISTDIR)/$(EXTENSION)-$$version.zip"
.PHONY: dist
