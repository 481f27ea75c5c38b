/*
 * outing_facts.h
 *		Reading what the outing rules need: an outing's row, its groups
 *		with their stage and ratio, its escorts, its pupils, the
 *		authorisations naming it, and the catalogue's figures.
 */
#ifndef SCHOOLTIME_OUTING_FACTS_H
#define SCHOOLTIME_OUTING_FACTS_H

#include "schooltime.h"

#include "nodes/pg_list.h"
#include "utils/date.h"

#include "outing_kernel.h"
#include "outing_ratio.h"

/* The tables of a model that outings are judged from, by OID. */
typedef struct OutingModel
{
	Oid			namespace;
	char	   *schema;			/* quoted, for SQL text */
	char	   *schema_name;	/* as it is, for messages */
	Oid			outings;
	Oid			outing_groups;
	Oid			outing_escorts;
	Oid			outing_pupils;
	Oid			adapted_escort_ratios;
	Oid			authorisations;
	Oid			centres;
	Oid			class_groups;
} OutingModel;

/*
 * The model's tables in a schema; raises undefined_table, naming what is
 * missing, if the schema holds no model with outings.  mcxt holds the
 * result.
 */
extern void outing_model_resolve(Oid namespace, OutingModel *model, MemoryContext mcxt);

/* An outing's key. */
typedef struct OutingKey
{
	int64		centre_id;
	int64		outing_id;
} OutingKey;

typedef enum OutingFilter
{
	OUTINGS_ALL,				/* every outing of the model */
	OUTINGS_WITH_ID,			/* value is the outing id, in any centre */
	OUTINGS_OF_CENTRE,			/* centre_id's outings */
	OUTINGS_OF_GROUP			/* the outings a group (centre_id, value) takes part in */
} OutingFilter;

/*
 * The keys (a List of OutingKey, in key order) of the outings a filter
 * selects; for_commit reads as outing_read_facts() does.
 */
extern List *outing_find(const OutingModel *model, OutingFilter filter, int64 centre_id,
						 int64 value, bool for_commit);

typedef struct GroupFacts
{
	char	   *name;
	Oid			regime;
	int			level;
	char	   *stage;			/* public centres only */
	int32		ratio;
	int32		adapted_ratio;	/* the centre's for pupils with special needs; 0: none */
	int64		declared;		/* pupils going, as outing_groups says */
	int64		listed;			/* pupils listed in outing_pupils */
	int64		special_needs;	/* of those listed */
} GroupFacts;

typedef struct PupilFacts
{
	char	   *pupil;
	char	   *group;
	bool		minor;
	family_authorisation authorisation;
	bool		travel_documents;
	bool		has_police;
	DateADT		police_issued_on;
	DateADT		police_valid_until;
} PupilFacts;

/* Everything one judgement of an outing reads. */
typedef struct OutingFacts
{
	int64		centre_id;
	int64		outing_id;
	char	   *name;
	int			school_year;
	DateADT		starts_on;
	DateADT		ends_on;
	bool		multi_day;
	bool		abroad;
	bool		in_annual_programme;
	bool		valued_by_school_council;
	bool		has_director;
	DateADT		director_authorised_on;
	bool		changes_centre_spaces;
	bool		has_communicated;
	DateADT		communicated_on;
	bool		has_families_informed;
	DateADT		families_informed_on;
	int			programme_min_escorts;	/* 0: the programme sets none */
	bool		public_centre;
	OutingLimits limits;
	int64		escorts;
	int64		teacher_escorts;
	int			ngroups;
	GroupFacts *groups;
	int			npupils;
	PupilFacts *pupils;
	int			nauthorisations;
	char	  **authorised_rules;
	int64	   *authorisation_ids;
} OutingFacts;

/*
 * Reads one outing's facts into f (allocated in the current memory
 * context); false if there is no such outing.
 *
 * for_commit: the outing is being written.  Its row is locked first (FOR
 * NO KEY UPDATE), so that two transactions writing the same outing are
 * judged one after the other, and then every row is read with the latest
 * snapshot, as the owner of the outings table, whatever the writer may
 * see.  Otherwise (reports) the caller's snapshot and rights are used.
 */
extern bool outing_read_facts(const OutingModel *model, int64 centre_id, int64 outing_id,
							  bool for_commit, OutingFacts *f);

#endif							/* SCHOOLTIME_OUTING_FACTS_H */
