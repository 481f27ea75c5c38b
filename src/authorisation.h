/*
 * authorisation.h
 *		Whether a recorded authorisation sets a rule aside for a subject.
 *
 * The model's authorisations table names a rule, a centre and school year,
 * and optionally one group, session or outing.  An authorisation with no
 * subject covers the whole centre.  Rules look one up only once they are
 * already broken, so the path that accepts a row never pays for it.
 */
#ifndef SCHOOLTIME_AUTHORISATION_H
#define SCHOOLTIME_AUTHORISATION_H

#include "schooltime.h"

typedef struct AuthorisationSubject
{
	Datum		centre;			/* the centre's key */
	Oid			centre_type;
	int			school_year;	/* first calendar year */
	Oid			regime;			/* the group's regime, or InvalidOid */
	bool		has_group;
	Datum		group;
	Oid			group_type;
	int			nsessions;		/* sessions involved in the violation */
	Datum	   *sessions;
	Oid			session_type;
	bool		has_outing;
	Datum		outing;
	Oid			outing_type;
} AuthorisationSubject;

/*
 * The OID of the authorisations table a trigger argument names; it must be
 * schema-qualified, so that search_path plays no part.
 */
extern Oid	authorisation_table(const char *qualified_name, const char *trigger_name);

/* True if the table holds an authorisation of rule covering the subject. */
extern bool authorisation_covers(Oid table, const char *rule, const AuthorisationSubject *subject);

/* The id of the most specific authorisation covering the subject, or 0. */
extern int64 authorisation_find(Oid table, const char *rule, const AuthorisationSubject *subject);

/*
 * The authorisation of a row rule for a session of a group (its own id,
 * or 0 for a session not written yet), its group or its centre, or 0.
 */
extern int64 authorisation_of_session(Oid table, const char *rule, int64 centre_id, int64 group_id,
									  int64 session_id, int school_year, Oid regime);

#endif							/* SCHOOLTIME_AUTHORISATION_H */
