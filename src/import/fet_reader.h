/*
 * fet_reader.h
 *		What the parts of the FET reader share, free of PostgreSQL: the
 *		reader's state, and its errors, element readers and name lists
 *		(fet_reader.c), which the students (fet_students.c) and the
 *		documents and activities (fet_read.c) use.  Not part of the
 *		reader's interface: that is fet_read.h.
 */
#ifndef SCHOOLTIME_IMPORT_FET_READER_H
#define SCHOOLTIME_IMPORT_FET_READER_H

#include <stdarg.h>

#include "fet_read.h"
#include "xml_scan.h"

/* a placement read from a constraint or from the activities file */
typedef struct placement
{
	int64_t		activity_id;
	const char *day;			/* NULL when not placed */
	const char *hour;
	int			line;
} placement;

typedef struct reader
{
	xs_reader	xml;
	st_arena   *arena;
	fet_file   *file;
	fet_error  *error;
	const char *source;			/* "FET file" or "activities file" */
	placement  *placements;
	int			nplacements;
	int			placements_capacity;
	char		shown[4][96];	/* names quoted for messages */
	int			next_shown;
} reader;

/* errors: the first one sticks; each returns false, to be returned */
extern bool rd_fail(reader *rd, fet_status status, const char *format,...) ST_PRINTF(3, 4);
extern void rd_detail(reader *rd, const char *format,...) ST_PRINTF(2, 3);
extern void rd_hint(reader *rd, const char *format,...) ST_PRINTF(2, 3);
extern bool rd_xml_failed(reader *rd);
extern bool rd_out_of_memory(reader *rd);
/* a name of the file, shortened for a message; four can be in use at once */
extern const char *rd_shown(reader *rd, const char *name);

/* the element opened last: its text (copied), passed over, its next child */
extern bool rd_text(reader *rd, const char **out);
extern bool rd_skip(reader *rd);
extern int	rd_child(reader *rd);
/* an element holding a whole number within [min, max], or a FET boolean */
extern bool rd_integer(reader *rd, const char *what, int64_t min, int64_t max, int64_t *value);
extern bool rd_boolean(reader *rd, const char *what, bool *value);

/* name lists (<Teachers_List>...) and the lookup tables of names */
extern bool rd_name_list(reader *rd, fet_names *names, const char *item, const char *number, const char *what);
extern bool rd_slots_insert(reader *rd, int **slots, int *nslots, int count, int index, const char *name,
							const char *(*name_of) (const void *, int), const void *owner);
extern const char *rd_name_of_set(const void *owner, int index);

/* <Students_List>: years, groups, subgroups (fet_students.c) */
extern bool rd_students(reader *rd);

#endif							/* SCHOOLTIME_IMPORT_FET_READER_H */
