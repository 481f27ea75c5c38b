/*
 * schooltime.c
 *		Module entry point.
 *
 * The code is split by concern: weektime.c and weekslot.c (types),
 * weektime_parse.c (their text form, free of PostgreSQL), catalogue.c (the
 * cached rule catalogue), row_rules.c (per-row rules), violation.c (how a
 * broken rule is reported), trigger_args.c and spi_util.c (plumbing).
 */
#include "schooltime.h"

#include "miscadmin.h"

#include "catalogue.h"
#include "enforcement.h"
#include "spi_util.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	/*
	 * schooltime's messages are read from <localedir>/<lang>/LC_MESSAGES/
	 * schooltime-<major>.mo, under the server's lc_messages.
	 */
	pg_bindtextdomain(TEXTDOMAIN);
	catalogue_init();
	enforcement_init();
	kept_plans_init();
}
