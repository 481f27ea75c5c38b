/*
 * fet_read.h
 *		Reading a FET timetable file, free of PostgreSQL.
 *
 * FET (https://lalescu.ro/liviu/fet/) saves a school's data as XML: days,
 * hours, subjects, teachers, the students sets (years, their groups, the
 * groups' subgroups), the activities, and constraints.  A solved
 * timetable comes either as the *_data_and_timetable.fet file fet-cl
 * writes, where every placed activity is locked by a constraint "activity
 * preferred starting time" of weight 100, or as the input file with the
 * *_activities.xml result (the day and hour of each activity) beside it.
 *
 * fet_read() reads both, checks that the file holds together (every name an
 * activity uses is defined, every placement names a day and an hour of the
 * file and fits in the day) and reports the first problem with its line;
 * fet_to_json() writes what was read as one JSON document, the shape the
 * SQL function schooltime.fet_read() returns (see doc/import.md).
 */
#ifndef SCHOOLTIME_IMPORT_FET_READ_H
#define SCHOOLTIME_IMPORT_FET_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* The FET versions whose format this reader knows: 5.x.y and 6.x.y. */
#define FET_MIN_MAJOR	5
#define FET_MAX_MAJOR	6

#define FET_MESSAGE_LEN 512

typedef enum fet_status
{
	FET_OK = 0,
	FET_NOT_XML,				/* not well-formed XML: 22P02 */
	FET_NOT_FET,				/* XML, but not a FET file: 22P02 */
	FET_BAD_CONTENT,			/* a FET file that does not hold together: 22P02 */
	FET_UNSUPPORTED,			/* a FET file this reader does not know (its version): 22023 */
	FET_TOO_LARGE,				/* past a limit of the reader: 54000 */
	FET_NO_MEMORY				/* out of memory: 53200 */
} fet_status;

typedef struct fet_error
{
	fet_status	status;
	char		message[FET_MESSAGE_LEN];	/* lower case, no final period */
	char		detail[FET_MESSAGE_LEN];	/* full sentences, or empty */
	char		hint[FET_MESSAGE_LEN];	/* full sentences, or empty */
} fet_error;

typedef enum fet_set_kind
{
	FET_YEAR,
	FET_GROUP,
	FET_SUBGROUP
} fet_set_kind;

/* One of the divisions FET's "divide year by categories" dialog made. */
typedef struct fet_category
{
	const char **divisions;
	int			ndivisions;
	int			capacity;
} fet_category;

/*
 * A students set.  A name means one set in the whole file: a group listed
 * in two years is one group, a subgroup listed in two groups one subgroup
 * (FET reads the first listing and ignores what later ones hold).
 */
typedef struct fet_set
{
	const char *name;
	const char *comments;
	fet_set_kind kind;
	int			students;		/* Number_of_Students; 0 when not given */
	int			line;
	int		   *members;		/* a year's groups, a group's subgroups: indexes of sets */
	int			nmembers;
	int			capacity;
	fet_category *categories;	/* a year's categories, if FET recorded them */
	int			ncategories;
	int			categories_capacity;
	const char *separator;		/* a year's separator of division names, or NULL */
} fet_set;

typedef struct fet_activity
{
	int64_t		id;
	int64_t		group_id;		/* Activity_Group_Id: the activities split from one */
	int			line;
	const char **teachers;
	int			nteachers;
	int			teachers_capacity;
	const char *subject;
	const char **tags;
	int			ntags;
	int			tags_capacity;
	const char **students;
	int			nstudents;
	int			students_capacity;
	int			duration;		/* in FET hours */
	int			total_duration;
	bool		active;
	const char *comments;
	int			day;			/* index into days, or -1: not placed */
	int			hour;			/* index into hours, or -1 */
	int			placed_line;	/* where the placement was read */
	bool		placed_by_result;	/* from the *_activities.xml file */
} fet_activity;

typedef struct fet_names
{
	const char **names;
	int		   *lines;
	int			count;
	int			capacity;
	int			lines_capacity;
	int		   *slots;			/* open addressing: index + 1, 0 empty */
	int			nslots;
} fet_names;

typedef struct fet_file
{
	const char *version;
	int			major;
	int			minor;
	int			revision;
	const char *mode;			/* FET 6's Mode, or NULL (FET 5: official) */
	const char *institution;
	const char *comments;
	fet_names	days;
	fet_names	hours;
	fet_names	subjects;
	fet_names	teachers;
	fet_names	tags;
	fet_set    *sets;			/* years, groups and subgroups, as first listed */
	int			nsets;
	int			sets_capacity;
	int		   *years;			/* indexes of the years, in order */
	int			nyears;
	int			years_capacity;
	int		   *set_slots;		/* name lookup of sets: index + 1 */
	int			nset_slots;
	fet_activity *activities;
	int			nactivities;
	int			activities_capacity;
	bool		has_result;		/* placements came from an *_activities.xml */
} fet_file;

/*
 * Reads a FET file (fet, fet_len bytes of UTF-8) and, when activities is
 * not NULL, the *_activities.xml result beside it.  On success *file is
 * the file, in arena; otherwise error says why.
 */
extern fet_status fet_read(const char *fet, size_t fet_len,
						   const char *activities, size_t activities_len,
						   st_arena *arena, fet_file **file, fet_error *error);

/* Index of a set by name, or -1. */
extern int	fet_find_set(const fet_file *file, const char *name);

/* Index of a name in a list, or -1. */
extern int	fet_find_name(const fet_names *names, const char *name);

/*
 * The file as one JSON document (UTF-8, terminated), in arena; NULL when
 * out of memory.  *len is its length.
 */
extern char *fet_to_json(const fet_file *file, st_arena *arena, size_t *len);

#endif							/* SCHOOLTIME_IMPORT_FET_READ_H */
