/*
 * model.h
 *		The reference model's tables, found by the schema a trigger names.
 *
 * Set rules read more than the table they fire on: a group's sessions, a
 * teacher's sessions and duties, the centre's coverage.  They find those
 * tables in the model's schema, named by the trigger argument model=SCHEMA,
 * by OID, never through search_path.
 */
#ifndef SCHOOLTIME_MODEL_H
#define SCHOOLTIME_MODEL_H

#include "schooltime.h"

typedef struct ModelTables
{
	char	   *schema;			/* as named */
	char	   *centres;		/* quoted, schema-qualified names for SQL text */
	Oid			centres_oid;
	char	   *class_groups;
	char	   *teachers;
	char	   *sessions;
	char	   *duties;
	char	   *authorisations;
	char	   *lessons;		/* NULL for a model made before 0.3 (no lessons, no parts) */
	char	   *group_parts;
	Oid			class_groups_oid;
	Oid			teachers_oid;
	Oid			sessions_oid;
	Oid			duties_oid;
	Oid			authorisations_oid;
	Oid			lessons_oid;
	Oid			group_parts_oid;
} ModelTables;

/* The model in a schema; raises an error naming what is missing. */
extern ModelTables *model_tables(const char *schema, MemoryContext mcxt);

/* 'group "1r ESO A"', or 'group 42' if it cannot be read. */
extern char *model_group_label(const ModelTables *model, int64 centre_id, int64 group_id);

/* 'centre "Institut Les Vinyes"', or 'centre 3'. */
extern char *model_centre_label(const ModelTables *model, int64 centre_id);

/* 'teacher "Joan Puig"', or 'teacher 7'. */
extern char *model_teacher_label(const ModelTables *model, int64 teacher_id);

/*
 * '"Matemàtiques" of group "1r ESO A"' (or '"Matemàtiques"') for a session;
 * 'a guard duty' for a duty.
 */
extern char *model_item_label(const ModelTables *model, int64 centre_id, int64 id, bool is_duty,
							  bool with_group);

#endif							/* SCHOOLTIME_MODEL_H */
