/*
 * fet_read.c
 *		Reading a FET timetable file, free of PostgreSQL: the documents,
 *		the activities, their placements, and whether it all holds together.
 *
 * The reader follows what FET itself reads (FET's Rules::read): elements it
 * does not know are passed over, a students set named twice is the same
 * set, Active is true/yes/1 or false/no/0.  Where FET would warn and go on
 * (an activity naming a teacher the file does not define, which FET
 * drops), this reader stops: an import must not lose an activity quietly.
 */
#include "fet_reader.h"

#include <string.h>

/*
 * A constraint's weight, a decimal percentage: whether it is 100 (a
 * constraint FET must satisfy).  False when the text is not a number.
 */
static bool
parse_weight(const char *text, bool *full)
{
	const char *p = text;
	int64_t		whole = 0;
	int			digits = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	while (*p >= '0' && *p <= '9')
	{
		if (whole < 1000000)
			whole = whole * 10 + (*p - '0');
		p++;
		digits++;
	}
	if (*p == '.')
	{
		p++;
		while (*p >= '0' && *p <= '9')
		{
			p++;
			digits++;
		}
	}
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (digits == 0 || *p != '\0')
		return false;
	/* FET's weights run to 100; 100 (or anything written above it) binds */
	*full = whole >= 100;
	return true;
}

/* ---- activities ---- */

static bool
append_name(reader *rd, const char ***list, int *count, int *capacity)
{
	const char *name;

	if (!rd_text(rd, &name))
		return false;
	if (!st_arena_reserve(rd->arena, (void **) list, *count, capacity, 1, sizeof(char *)))
		return rd_out_of_memory(rd);
	(*list)[(*count)++] = name;
	return true;
}

static bool
read_activity(reader *rd)
{
	fet_file   *f = rd->file;
	fet_activity *a;
	bool		has_id = false;
	bool		has_duration = false;
	bool		has_total = false;
	int			r;

	if (!st_arena_reserve(rd->arena, (void **) &f->activities, f->nactivities, &f->activities_capacity, 1,
						  sizeof(fet_activity)))
		return rd_out_of_memory(rd);
	a = &f->activities[f->nactivities];
	memset(a, 0, sizeof(*a));
	a->line = rd->xml.tag_line;
	a->active = true;
	a->day = a->hour = -1;
	while ((r = rd_child(rd)) > 0)
	{
		int64_t		n;

		if (xs_tag_is(&rd->xml, "Teacher"))
		{
			if (!append_name(rd, &a->teachers, &a->nteachers, &a->teachers_capacity))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Students"))
		{
			if (!append_name(rd, &a->students, &a->nstudents, &a->students_capacity))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Activity_Tag") || xs_tag_is(&rd->xml, "Subject_Tag"))
		{
			if (!append_name(rd, &a->tags, &a->ntags, &a->tags_capacity))
				return false;
			if (a->tags[a->ntags - 1][0] == '\0')
				a->ntags--;		/* FET ignores an empty tag */
		}
		else if (xs_tag_is(&rd->xml, "Subject"))
		{
			if (a->subject != NULL)
			{
				rd_fail(rd, FET_BAD_CONTENT, "an activity of the %s has two subjects", rd->source);
				rd_detail(rd, "Line %d: a second <Subject> in the <Activity> of line %d.", rd->xml.tag_line, a->line);
				return false;
			}
			if (!rd_text(rd, &a->subject))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Id"))
		{
			if (!rd_integer(rd, "an activity id", 0, INT32_MAX, &a->id))
				return false;
			has_id = true;
		}
		else if (xs_tag_is(&rd->xml, "Activity_Group_Id"))
		{
			if (!rd_integer(rd, "an activity group id", 0, INT32_MAX, &a->group_id))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Duration"))
		{
			if (!rd_integer(rd, "an activity's duration", 1, 1000, &n))
				return false;
			a->duration = (int) n;
			has_duration = true;
		}
		else if (xs_tag_is(&rd->xml, "Total_Duration"))
		{
			if (!rd_integer(rd, "an activity's total duration", 1, 1000000, &n))
				return false;
			a->total_duration = (int) n;
			has_total = true;
		}
		else if (xs_tag_is(&rd->xml, "Active"))
		{
			if (!rd_boolean(rd, "whether an activity is active", &a->active))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Comments") && a->comments == NULL)
		{
			if (!rd_text(rd, &a->comments))
				return false;
		}
		else if (!rd_skip(rd))
			return false;
	}
	if (r < 0)
		return false;
	if (!has_id)
	{
		rd_fail(rd, FET_BAD_CONTENT, "an activity of the %s has no id", rd->source);
		rd_detail(rd, "Line %d: <Activity> holds no <Id>.", a->line);
		return false;
	}
	if (!has_duration)
	{
		rd_fail(rd, FET_BAD_CONTENT, "activity %lld of the %s has no duration", (long long) a->id, rd->source);
		rd_detail(rd, "Line %d: <Activity> holds no <Duration>.", a->line);
		return false;
	}
	if (!has_total)
		a->total_duration = a->duration;
	f->nactivities++;
	return true;
}

static bool
read_activities(reader *rd)
{
	int			r;

	while ((r = rd_child(rd)) > 0)
	{
		if (xs_tag_is(&rd->xml, "Activity"))
		{
			if (!read_activity(rd))
				return false;
		}
		else if (!rd_skip(rd))
			return false;
	}
	return r == 0;
}

/* ---- placements ---- */

static bool
add_placement(reader *rd, int64_t activity_id, const char *day, const char *hour, int line)
{
	placement  *p;

	if (!st_arena_reserve(rd->arena, (void **) &rd->placements, rd->nplacements, &rd->placements_capacity, 1,
						  sizeof(placement)))
		return rd_out_of_memory(rd);
	p = &rd->placements[rd->nplacements++];
	p->activity_id = activity_id;
	p->day = day;
	p->hour = hour;
	p->line = line;
	return true;
}

/* <ConstraintActivityPreferredStartingTime>: a placement when it binds (weight 100, active). */
static bool
read_starting_time(reader *rd)
{
	int			line = rd->xml.tag_line;
	const char *day = NULL;
	const char *hour = NULL;
	bool		has_id = false;
	bool		active = true;
	bool		full = true;
	int64_t		id = 0;
	int			r;

	while ((r = rd_child(rd)) > 0)
	{
		if (xs_tag_is(&rd->xml, "Activity_Id"))
		{
			if (!rd_integer(rd, "a constraint's activity id", 0, INT32_MAX, &id))
				return false;
			has_id = true;
		}
		else if (xs_tag_is(&rd->xml, "Preferred_Day") && day == NULL)
		{
			if (!rd_text(rd, &day))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Preferred_Hour") && hour == NULL)
		{
			if (!rd_text(rd, &hour))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Active"))
		{
			if (!rd_boolean(rd, "whether a constraint is active", &active))
				return false;
		}
		else if (xs_tag_is(&rd->xml, "Weight_Percentage"))
		{
			const char *weight;
			int			weight_line = rd->xml.tag_line;

			if (!rd_text(rd, &weight))
				return false;
			if (!parse_weight(weight, &full))
			{
				rd_fail(rd, FET_BAD_CONTENT, "a constraint's weight in the %s is not a number", rd->source);
				rd_detail(rd, "Line %d: <Weight_Percentage>%s</Weight_Percentage>.", weight_line, rd_shown(rd, weight));
				return false;
			}
		}
		else if (!rd_skip(rd))
			return false;
	}
	if (r < 0)
		return false;
	if (has_id && active && full && day != NULL && hour != NULL)
		return add_placement(rd, id, day, hour, line);
	return true;
}

static bool
read_time_constraints(reader *rd)
{
	int			r;

	while ((r = rd_child(rd)) > 0)
	{
		if (xs_tag_is(&rd->xml, "ConstraintActivityPreferredStartingTime"))
		{
			if (!read_starting_time(rd))
				return false;
		}
		else if (!rd_skip(rd))
			return false;
	}
	return r == 0;
}

/* ---- the documents ---- */

/* "5.47.1", "6.0.0", "5.27.3-algeria40": major.minor.revision and any text. */
static bool
parse_version(const char *text, int *major, int *minor, int *revision)
{
	int			parts[3];
	const char *p = text;
	int			k;

	for (k = 0; k < 3; k++)
	{
		int			digits = 0;

		parts[k] = 0;
		while (*p >= '0' && *p <= '9')
		{
			if (parts[k] > 100000)
				return false;
			parts[k] = parts[k] * 10 + (*p++ - '0');
			digits++;
		}
		if (digits == 0)
			return false;
		if (k < 2 && *p++ != '.')
			return false;
	}
	*major = parts[0];
	*minor = parts[1];
	*revision = parts[2];
	return true;
}

static bool
read_fet(reader *rd, const char *text, size_t len)
{
	fet_file   *f = rd->file;
	const char *version;
	char		root[80];
	int			r;

	xs_init(&rd->xml, text, len, rd->arena);
	if (!xs_root(&rd->xml))
		return rd_xml_failed(rd);
	xs_tag_name(&rd->xml, root, sizeof(root));
	if (!xs_tag_is(&rd->xml, "fet") && !xs_tag_is(&rd->xml, "FET"))
	{
		rd_fail(rd, FET_NOT_FET, "the text is not a FET file");
		rd_detail(rd, "Its root element is <%s>; a FET file's is <fet>.", root);
		rd_hint(rd, "Pass the .fet file FET saves, or the *_data_and_timetable.fet file fet-cl writes.");
		return false;
	}
	version = xs_attribute(&rd->xml, "version");
	if (version == NULL)
	{
		if (!rd_xml_failed(rd))
			return false;
		rd_fail(rd, FET_UNSUPPORTED, "the FET file does not say which version of FET wrote it");
		rd_detail(rd, "Its root element <%s> has no version attribute.", root);
		rd_hint(rd, "Open the file in FET and save it again.");
		return false;
	}
	f->version = st_arena_strndup(rd->arena, version, strlen(version));
	if (f->version == NULL)
		return rd_out_of_memory(rd);
	if (!parse_version(f->version, &f->major, &f->minor, &f->revision) ||
		f->major < FET_MIN_MAJOR || f->major > FET_MAX_MAJOR)
	{
		rd_fail(rd, FET_UNSUPPORTED, "FET version \"%s\" is not one schooltime reads", rd_shown(rd, f->version));
		rd_detail(rd, "schooltime reads the files of FET %d and %d (it is tested with files of 5.41.0 to 6.8.5).",
			   FET_MIN_MAJOR, FET_MAX_MAJOR);
		rd_hint(rd, "Open the file in FET 6 and save it: FET converts the files of earlier versions.");
		return false;
	}
	while ((r = rd_child(rd)) > 0)
	{
		bool		ok;

		if (xs_tag_is(&rd->xml, "Mode") && f->mode == NULL)
			ok = rd_text(rd, &f->mode);
		else if (xs_tag_is(&rd->xml, "Institution_Name") && f->institution == NULL)
			ok = rd_text(rd, &f->institution);
		else if (xs_tag_is(&rd->xml, "Comments") && f->comments == NULL)
			ok = rd_text(rd, &f->comments);
		else if (xs_tag_is(&rd->xml, "Days_List"))
			ok = rd_name_list(rd, &f->days, "Day", "Number_of_Days", "day");
		else if (xs_tag_is(&rd->xml, "Hours_List"))
			ok = rd_name_list(rd, &f->hours, "Hour", "Number_of_Hours", "hour");
		else if (xs_tag_is(&rd->xml, "Subjects_List"))
			ok = rd_name_list(rd, &f->subjects, "Subject", NULL, "subject");
		else if (xs_tag_is(&rd->xml, "Teachers_List"))
			ok = rd_name_list(rd, &f->teachers, "Teacher", NULL, "teacher");
		else if (xs_tag_is(&rd->xml, "Activity_Tags_List"))
			ok = rd_name_list(rd, &f->tags, "Activity_Tag", NULL, "activity tag");
		else if (xs_tag_is(&rd->xml, "Subject_Tags_List"))
			ok = rd_name_list(rd, &f->tags, "Subject_Tag", NULL, "activity tag");
		else if (xs_tag_is(&rd->xml, "Students_List"))
			ok = rd_students(rd);
		else if (xs_tag_is(&rd->xml, "Activities_List"))
			ok = read_activities(rd);
		else if (xs_tag_is(&rd->xml, "Time_Constraints_List"))
			ok = read_time_constraints(rd);
		else
			ok = rd_skip(rd);
		if (!ok)
			return false;
	}
	if (r < 0)
		return false;
	return xs_finish(&rd->xml) || rd_xml_failed(rd);
}

/* The *_activities.xml fet-cl writes: <Activities_Timetable><Activity><Id/><Day/><Hour/>... */
static bool
read_result(reader *rd, const char *text, size_t len)
{
	char		root[80];
	int			r;

	xs_init(&rd->xml, text, len, rd->arena);
	if (!xs_root(&rd->xml))
		return rd_xml_failed(rd);
	xs_tag_name(&rd->xml, root, sizeof(root));
	if (!xs_tag_is(&rd->xml, "Activities_Timetable"))
	{
		rd_fail(rd, FET_NOT_FET, "the activities file is not a FET activities timetable");
		rd_detail(rd, "Its root element is <%s>; that of the *_activities.xml file fet-cl writes is <Activities_Timetable>.",
			   root);
		return false;
	}
	while ((r = rd_child(rd)) > 0)
	{
		int			line = rd->xml.tag_line;
		const char *day = NULL;
		const char *hour = NULL;
		bool		has_id = false;
		int64_t		id = 0;
		int			k;

		if (!xs_tag_is(&rd->xml, "Activity"))
		{
			if (!rd_skip(rd))
				return false;
			continue;
		}
		while ((k = rd_child(rd)) > 0)
		{
			if (xs_tag_is(&rd->xml, "Id"))
			{
				if (!rd_integer(rd, "an activity id", 0, INT32_MAX, &id))
					return false;
				has_id = true;
			}
			else if (xs_tag_is(&rd->xml, "Day") && day == NULL)
			{
				if (!rd_text(rd, &day))
					return false;
			}
			else if (xs_tag_is(&rd->xml, "Hour") && hour == NULL)
			{
				if (!rd_text(rd, &hour))
					return false;
			}
			else if (!rd_skip(rd))
				return false;
		}
		if (k < 0)
			return false;
		if (!has_id)
		{
			rd_fail(rd, FET_BAD_CONTENT, "an activity of the activities file has no id");
			rd_detail(rd, "Line %d: <Activity> holds no <Id>.", line);
			return false;
		}
		/* an unplaced activity has neither, or empty ones */
		if (day != NULL && day[0] == '\0')
			day = NULL;
		if (hour != NULL && hour[0] == '\0')
			hour = NULL;
		if ((day == NULL) != (hour == NULL))
		{
			rd_fail(rd, FET_BAD_CONTENT, "the activities file gives activity %lld a %s but no %s", (long long) id,
				 day != NULL ? "day" : "hour", day != NULL ? "hour" : "day");
			rd_detail(rd, "Line %d.", line);
			return false;
		}
		if (!add_placement(rd, id, day, hour, line))
			return false;
	}
	if (r < 0)
		return false;
	return xs_finish(&rd->xml) || rd_xml_failed(rd);
}

/* ---- holding together ---- */

typedef struct id_index
{
	int		   *slots;			/* index + 1 */
	int			nslots;
} id_index;

static uint32_t
hash_id(int64_t id)
{
	uint64_t	x = (uint64_t) id * 0x9E3779B97F4A7C15ull;

	return (uint32_t) (x >> 32);
}

static int
find_activity(const fet_file *f, const id_index *ix, int64_t id)
{
	int			i;

	if (ix->nslots == 0)
		return -1;
	for (i = (int) (hash_id(id) & (uint32_t) (ix->nslots - 1)); ix->slots[i] != 0; i = (i + 1) & (ix->nslots - 1))
		if (f->activities[ix->slots[i] - 1].id == id)
			return ix->slots[i] - 1;
	return -1;
}

static bool
index_activities(reader *rd, id_index *ix)
{
	fet_file   *f = rd->file;
	int			n = 16;
	int			a;

	while (n < f->nactivities * 2 + 2)
		n *= 2;
	ix->nslots = n;
	ix->slots = st_arena_alloc(rd->arena, (size_t) n * sizeof(int));
	if (ix->slots == NULL)
		return rd_out_of_memory(rd);
	memset(ix->slots, 0, (size_t) n * sizeof(int));
	for (a = 0; a < f->nactivities; a++)
	{
		int			existing = find_activity(f, ix, f->activities[a].id);
		int			i;

		if (existing >= 0)
		{
			rd_fail(rd, FET_BAD_CONTENT, "activity id %lld is used twice in the FET file", (long long) f->activities[a].id);
			rd_detail(rd, "Lines %d and %d.", f->activities[existing].line, f->activities[a].line);
			return false;
		}
		for (i = (int) (hash_id(f->activities[a].id) & (uint32_t) (n - 1)); ix->slots[i] != 0; i = (i + 1) & (n - 1))
			;
		ix->slots[i] = a + 1;
	}
	return true;
}

static bool
check_names(reader *rd, const fet_activity *a, const char *const *names, int n, const char *what,
			const char *element, bool (*defined) (const fet_file *, const char *))
{
	int			i;
	int			j;

	for (i = 0; i < n; i++)
	{
		if (!defined(rd->file, names[i]))
		{
			rd_fail(rd, FET_BAD_CONTENT, "activity %lld of the FET file names %s \"%s\", which the file does not define",
				 (long long) a->id, what, rd_shown(rd, names[i]));
			rd_detail(rd, "The activity begins at line %d; FET would leave it out of the timetable.", a->line);
			rd_hint(rd, "Define the %s in FET, or correct the activity's <%s>.", what, element);
			return false;
		}
		for (j = 0; j < i; j++)
			if (strcmp(names[i], names[j]) == 0)
			{
				rd_fail(rd, FET_BAD_CONTENT, "activity %lld of the FET file names %s \"%s\" twice", (long long) a->id,
					 what, rd_shown(rd, names[i]));
				rd_detail(rd, "The activity begins at line %d.", a->line);
				return false;
			}
	}
	return true;
}

static bool
teacher_defined(const fet_file *f, const char *name)
{
	return fet_find_name(&f->teachers, name) >= 0;
}

static bool
students_defined(const fet_file *f, const char *name)
{
	return fet_find_set(f, name) >= 0;
}

static bool
subject_defined(const fet_file *f, const char *name)
{
	return fet_find_name(&f->subjects, name) >= 0;
}

static bool
place(reader *rd, const id_index *ix, const placement *p, const char *where)
{
	fet_file   *f = rd->file;
	int			a = find_activity(f, ix, p->activity_id);
	int			day;
	int			hour;
	fet_activity *act;

	if (a < 0)
	{
		if (!f->has_result)
			return true;		/* as FET: a constraint on an activity that is not there is dropped */
		rd_fail(rd, FET_BAD_CONTENT, "the activities file places activity %lld, which the FET file does not have",
			 (long long) p->activity_id);
		rd_detail(rd, "Line %d of the activities file.", p->line);
		rd_hint(rd, "Pass the *_activities.xml file fet-cl wrote for this FET file.");
		return false;
	}
	act = &f->activities[a];
	if (p->day == NULL)
		return true;
	day = fet_find_name(&f->days, p->day);
	hour = fet_find_name(&f->hours, p->hour);
	if (day < 0 || hour < 0)
	{
		rd_fail(rd, FET_BAD_CONTENT, "%s places activity %lld on %s \"%s\", which is not one of the FET file's %ss",
			 where, (long long) p->activity_id, day < 0 ? "day" : "hour", rd_shown(rd, day < 0 ? p->day : p->hour),
			 day < 0 ? "day" : "hour");
		rd_detail(rd, "Line %d of the %s.", p->line, f->has_result ? "activities file" : "FET file");
		return false;
	}
	if (act->day >= 0 && (act->day != day || act->hour != hour))
	{
		rd_fail(rd, FET_BAD_CONTENT, "activity %lld is placed at two different times in the %s", (long long) act->id,
			 f->has_result ? "activities file" : "FET file");
		rd_detail(rd, "Lines %d and %d.", act->placed_line, p->line);
		return false;
	}
	if (hour + act->duration > f->hours.count)
	{
		rd_fail(rd, FET_BAD_CONTENT, "activity %lld lasts %d hours from hour \"%s\", past the last of the FET file's %d hours",
			 (long long) act->id, act->duration, rd_shown(rd, p->hour), f->hours.count);
		rd_detail(rd, "The activity begins at line %d; it is placed at line %d of the %s.", act->line, p->line,
			   f->has_result ? "activities file" : "FET file");
		return false;
	}
	act->day = day;
	act->hour = hour;
	act->placed_line = p->line;
	act->placed_by_result = f->has_result;
	return true;
}

static bool
hold_together(reader *rd)
{
	fet_file   *f = rd->file;
	id_index	ix;
	int			a;
	int			p;

	if (!index_activities(rd, &ix))
		return false;
	for (a = 0; a < f->nactivities; a++)
	{
		fet_activity *act = &f->activities[a];

		if (!check_names(rd, act, act->teachers, act->nteachers, "teacher", "Teacher", teacher_defined) ||
			!check_names(rd, act, act->students, act->nstudents, "students set", "Students", students_defined))
			return false;
		if (act->subject == NULL || act->subject[0] == '\0')
		{
			rd_fail(rd, FET_BAD_CONTENT, "activity %lld of the FET file has no subject", (long long) act->id);
			rd_detail(rd, "The activity begins at line %d.", act->line);
			return false;
		}
		if (!check_names(rd, act, &act->subject, 1, "subject", "Subject", subject_defined))
			return false;
	}
	for (p = 0; p < rd->nplacements; p++)
		if (!place(rd, &ix, &rd->placements[p],
				   f->has_result ? "the activities file" : "a constraint of the FET file"))
			return false;
	return true;
}

fet_status
fet_read(const char *fet, size_t fet_len, const char *activities, size_t activities_len,
		 st_arena *arena, fet_file **file, fet_error *error)
{
	reader		rd;

	memset(error, 0, sizeof(*error));
	memset(&rd, 0, sizeof(rd));
	rd.arena = arena;
	rd.error = error;
	rd.source = "FET file";
	*file = NULL;
	rd.file = st_arena_alloc(arena, sizeof(fet_file));
	if (rd.file == NULL)
		return rd_out_of_memory(&rd), error->status;
	memset(rd.file, 0, sizeof(fet_file));
	if (!read_fet(&rd, fet, fet_len))
		return error->status;
	if (activities != NULL)
	{
		/* the result's placements, not the file's constraints */
		rd.nplacements = 0;
		rd.file->has_result = true;
		rd.source = "activities file";
		if (!read_result(&rd, activities, activities_len))
			return error->status;
		rd.source = "FET file";
	}
	if (!hold_together(&rd))
		return error->status;
	*file = rd.file;
	return FET_OK;
}
