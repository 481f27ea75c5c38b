/*
 * fet_read_test.c
 *		Unit tests of the FET reader (src/import), outside the server: what
 *		the XML reader accepts and decodes, what it refuses and how it says
 *		so, and what the FET reader makes of students sets and placements.
 *		Run by tools/tests/harness-sanitizers under ASan, UBSan and valgrind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/fet_read.h"

static int	failures = 0;
static int	checks = 0;

static void *
malloc_block(void *context, size_t size)
{
	(void) context;
	return malloc(size);
}

static void
free_block(void *context, void *block)
{
	(void) context;
	free(block);
}

typedef struct outcome
{
	st_arena	arena;
	fet_file   *file;
	fet_error	error;
	fet_status	status;
} outcome;

static void
read_texts(outcome *o, const char *fet, const char *activities)
{
	st_allocator allocator = {malloc_block, free_block, NULL};

	st_arena_init(&o->arena, &allocator, 64 * 1024 * 1024);
	o->status = fet_read(fet, strlen(fet), activities, activities ? strlen(activities) : 0,
						 &o->arena, &o->file, &o->error);
}

static void
expect(int ok, const char *what, const outcome *o)
{
	checks++;
	if (ok)
		return;
	failures++;
	printf("not ok: %s\n", what);
	if (o != NULL && o->status != FET_OK)
		printf("  got status %d: %s\n  detail: %s\n  hint: %s\n", o->status, o->error.message,
			   o->error.detail, o->error.hint);
}

/* The text is refused with status, and message and detail hold the given texts. */
static void
refused(const char *name, const char *fet, const char *activities, fet_status status,
		const char *message, const char *detail)
{
	outcome		o;
	char		what[256];

	read_texts(&o, fet, activities);
	snprintf(what, sizeof(what), "%s: refused with the right status and text", name);
	expect(o.status == status && strstr(o.error.message, message) != NULL &&
		   (detail == NULL || strstr(o.error.detail, detail) != NULL), what, &o);
	st_arena_free(&o.arena);
}

#define HEAD "<fet version=\"6.8.5\">"
#define DAYS "<Days_List><Day><Name>Mon</Name></Day><Day><Name>Tue</Name></Day></Days_List>" \
	"<Hours_List><Hour><Name>h1</Name></Hour><Hour><Name>h2</Name></Hour></Hours_List>"
#define PEOPLE "<Subjects_List><Subject><Name>Maths</Name></Subject></Subjects_List>" \
	"<Teachers_List><Teacher><Name>T1</Name></Teacher><Teacher><Name>T2</Name></Teacher></Teachers_List>" \
	"<Students_List><Year><Name>Y1</Name><Group><Name>Y1-A</Name>" \
	"<Subgroup><Name>Y1-A-x</Name></Subgroup><Subgroup><Name>Y1-A-y</Name></Subgroup></Group>" \
	"<Group><Name>Y1-x</Name><Number_of_Students>9</Number_of_Students><Subgroup><Name>Y1-A-x</Name></Subgroup></Group></Year>" \
	"<Year><Name>Y2</Name><Group><Name>Y1-x</Name><Subgroup><Name>New</Name></Subgroup></Group></Year></Students_List>"
#define ACTIVITY(id, extra) "<Activity><Teacher>T1</Teacher><Subject>Maths</Subject><Students>Y1-A</Students>" \
	"<Duration>1</Duration><Id>" id "</Id>" extra "</Activity>"
#define PLACE(id, day, hour, weight) "<ConstraintActivityPreferredStartingTime><Weight_Percentage>" weight \
	"</Weight_Percentage><Activity_Id>" id "</Activity_Id><Preferred_Day>" day "</Preferred_Day>" \
	"<Preferred_Hour>" hour "</Preferred_Hour></ConstraintActivityPreferredStartingTime>"

static void
test_decoding(void)
{
	outcome		o;

	read_texts(&o, "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!-- c -->"
			   "<fet version=\"6.0.0\">"
			   "<Institution_Name>&lt;a&gt; &amp; &apos;&quot; &#65;&#x42;&#x20AC;</Institution_Name>"
			   "<Comments>one\r\ntwo\rthree<![CDATA[ <&]]>four</Comments>"
			   "<?pi anything?><Unknown a='1' b=\"2\"><Deep><Deeper/></Deep>text</Unknown>"
			   "</fet>\n<!-- after -->\n", NULL);
	expect(o.status == FET_OK, "a document with references, CDATA, comments and PIs is read", &o);
	if (o.status == FET_OK)
	{
		expect(strcmp(o.file->institution, "<a> & '\" AB\xE2\x82\xAC") == 0, "references are decoded", NULL);
		expect(strcmp(o.file->comments, "one\ntwo\nthree <&four") == 0,
			   "line ends read as line feeds, CDATA as text", NULL);
	}
	st_arena_free(&o.arena);

	read_texts(&o, "<fet version=\"6.1.2-snapshot\"><Mode>Official</Mode></fet>", NULL);
	expect(o.status == FET_OK && o.file->major == 6 && o.file->minor == 1 && o.file->revision == 2 &&
		   strcmp(o.file->mode, "Official") == 0, "a version with a suffix is read", &o);
	st_arena_free(&o.arena);

	read_texts(&o, "<fet version=\"5.0.0\"/>", NULL);
	expect(o.status == FET_OK && o.file->nactivities == 0, "an empty root element is a FET file with nothing", &o);
	st_arena_free(&o.arena);
}

static void
test_refusals(void)
{
	char		deep[4096];
	int			i;

	refused("empty", "", NULL, FET_NOT_XML, "not well-formed XML", "the text is empty");
	refused("plain text", "hello", NULL, FET_NOT_XML, "not well-formed XML",
			"Line 1, column 1: the text does not begin with an XML element");
	refused("unclosed", "<fet version=\"6.0.0\">\n<Days_List>", NULL, FET_NOT_XML, "not well-formed",
			"the text ends before the end tag of <Days_List>, opened at line 2");
	refused("crossed tags", "<fet version=\"6.0.0\">\n<a><b></a></b></fet>", NULL, FET_NOT_XML, "not well-formed",
			"Line 2, column 7: the end tag </a> does not close <b>, opened at line 2");
	refused("doctype", "<!DOCTYPE fet><fet version=\"6.0.0\"/>", NULL, FET_NOT_XML, "not well-formed",
			"document type declaration is not accepted");
	refused("entity", "<fet version=\"6.0.0\">&nbsp;</fet>", NULL, FET_NOT_XML, "not well-formed",
			"the entity \"&nbsp;\" is not defined");
	refused("bare ampersand", "<fet version=\"6.0.0\">a & b</fet>", NULL, FET_NOT_XML, "not well-formed",
			"\"&\" begins no reference");
	refused("character reference to NUL", "<fet version=\"6.0.0\">&#0;</fet>", NULL, FET_NOT_XML,
			"not well-formed", "a character reference to a character XML does not allow");
	refused("double hyphen in a comment", "<fet version=\"6.0.0\"><!-- a -- b --></fet>", NULL, FET_NOT_XML,
			"not well-formed", "a comment holds \"--\"");
	refused("control character", "<fet version=\"6.0.0\">\x01</fet>", NULL, FET_NOT_XML, "not well-formed",
			"the control character U+0001");
	refused("bad UTF-8", "<fet version=\"6.0.0\">\xC3\x28</fet>", NULL, FET_NOT_XML, "not well-formed",
			"not valid UTF-8");
	refused("overlong UTF-8", "<fet version=\"6.0.0\">\xC0\xAF</fet>", NULL, FET_NOT_XML, "not well-formed",
			"not valid UTF-8");
	refused("two roots", "<fet version=\"6.0.0\"/><fet version=\"6.0.0\"/>", NULL, FET_NOT_XML,
			"not well-formed", "the text goes on after the root element ends");
	refused("late declaration", " <?xml version=\"1.0\"?><fet version=\"6.0.0\"/>", NULL, FET_NOT_XML,
			"not well-formed", "only at the very start");
	refused("duplicate attribute", "<fet version=\"6.0.0\" version=\"6.0.0\"/>", NULL, FET_NOT_XML,
			"not well-formed", "an attribute appears twice");
	refused("text where an element holds text", HEAD "<Institution_Name>a<b/></Institution_Name></fet>", NULL,
			FET_NOT_XML, "not well-formed", "element <Institution_Name> holds element <b> where text was expected");

	strcpy(deep, "<fet version=\"6.0.0\">");
	for (i = 0; i < 40; i++)
		strcat(deep, "<a>");
	refused("too deep", deep, NULL, FET_TOO_LARGE, "beyond what schooltime reads", "nested more than 32 deep");

	refused("not FET", "<html/>", NULL, FET_NOT_FET, "the text is not a FET file", "Its root element is <html>");
	refused("no version", "<fet/>", NULL, FET_UNSUPPORTED, "does not say which version", NULL);
	refused("version 4", "<fet version=\"4.2.0\"/>", NULL, FET_UNSUPPORTED, "FET version \"4.2.0\" is not one", NULL);
	refused("version 7", "<fet version=\"7.0.0\"/>", NULL, FET_UNSUPPORTED, "FET version \"7.0.0\" is not one", NULL);
	refused("version not a version", "<fet version=\"six\"/>", NULL, FET_UNSUPPORTED, "FET version \"six\"", NULL);
	refused("version with a space", "<fet version=\" 6.0.0\"/>", NULL, FET_UNSUPPORTED, "FET version \" 6.0.0\"", NULL);
	refused("count of days", HEAD "<Days_List><Number_of_Days>3</Number_of_Days><Day><Name>Mon</Name></Day></Days_List></fet>",
			NULL, FET_BAD_CONTENT, "says it has 3 days but lists 1", NULL);
	refused("teacher twice", HEAD "<Teachers_List><Teacher><Name>T</Name></Teacher>\n<Teacher><Name>T</Name></Teacher></Teachers_List></fet>",
			NULL, FET_BAD_CONTENT, "teacher \"T\" is defined twice", "Lines 1 and 2");
	refused("empty teacher name", HEAD "<Teachers_List><Teacher><Name></Name></Teacher></Teachers_List></fet>",
			NULL, FET_BAD_CONTENT, "a teacher in the FET file has an empty name", NULL);
	refused("group and subgroup", HEAD "<Students_List><Year><Name>Y</Name><Group><Name>G</Name>"
			"<Subgroup><Name>G</Name></Subgroup></Group></Year></Students_List></fet>",
			NULL, FET_BAD_CONTENT, "\"G\" names a group and a subgroup", NULL);
	refused("year twice", HEAD "<Students_List><Year><Name>Y</Name></Year><Year><Name>Y</Name></Year></Students_List></fet>",
			NULL, FET_BAD_CONTENT, "\"Y\" names a year and a year", NULL);
	refused("undefined students", HEAD DAYS PEOPLE "<Activities_List>"
			"<Activity><Subject>Maths</Subject><Students>Y9</Students><Duration>1</Duration><Id>4</Id></Activity>"
			"</Activities_List></fet>", NULL, FET_BAD_CONTENT,
			"activity 4 of the FET file names students set \"Y9\", which the file does not define", NULL);
	refused("undefined teacher", HEAD DAYS PEOPLE "<Activities_List>"
			"<Activity><Teacher>T9</Teacher><Subject>Maths</Subject><Duration>1</Duration><Id>4</Id></Activity>"
			"</Activities_List></fet>", NULL, FET_BAD_CONTENT, "names teacher \"T9\"", NULL);
	refused("undefined subject", HEAD DAYS PEOPLE "<Activities_List>"
			"<Activity><Teacher>T1</Teacher><Subject>Art</Subject><Duration>1</Duration><Id>4</Id></Activity>"
			"</Activities_List></fet>", NULL, FET_BAD_CONTENT, "names subject \"Art\"", NULL);
	refused("no subject", HEAD DAYS PEOPLE "<Activities_List>"
			"<Activity><Teacher>T1</Teacher><Duration>1</Duration><Id>4</Id></Activity>"
			"</Activities_List></fet>", NULL, FET_BAD_CONTENT, "activity 4 of the FET file has no subject", NULL);
	refused("teacher twice in an activity", HEAD DAYS PEOPLE "<Activities_List>"
			"<Activity><Teacher>T1</Teacher><Teacher>T1</Teacher><Subject>Maths</Subject><Duration>1</Duration><Id>4</Id></Activity>"
			"</Activities_List></fet>", NULL, FET_BAD_CONTENT, "names teacher \"T1\" twice", NULL);
	refused("id twice", HEAD DAYS PEOPLE "<Activities_List>" ACTIVITY("4", "") "\n" ACTIVITY("4", "")
			"</Activities_List></fet>", NULL, FET_BAD_CONTENT, "activity id 4 is used twice", "Lines 1 and 2");
	refused("no id", HEAD DAYS PEOPLE "<Activities_List><Activity><Subject>Maths</Subject><Duration>1</Duration></Activity>"
			"</Activities_List></fet>", NULL, FET_BAD_CONTENT, "an activity of the FET file has no id", NULL);
	refused("duration not a number", HEAD DAYS PEOPLE "<Activities_List>" ACTIVITY("4", "<Duration>two</Duration>")
			"</Activities_List></fet>", NULL, FET_BAD_CONTENT, "an activity's duration in the FET file is not a whole number",
			"<Duration>two</Duration>");
	refused("active maybe", HEAD DAYS PEOPLE "<Activities_List>" ACTIVITY("4", "<Active>maybe</Active>")
			"</Activities_List></fet>", NULL, FET_BAD_CONTENT, "neither true nor false", NULL);
	refused("placed on an unknown day", HEAD DAYS PEOPLE "<Activities_List>" ACTIVITY("4", "")
			"</Activities_List><Time_Constraints_List>" PLACE("4", "Sun", "h1", "100")
			"</Time_Constraints_List></fet>", NULL, FET_BAD_CONTENT,
			"places activity 4 on day \"Sun\", which is not one of the FET file's days", NULL);
	refused("placed past the last hour", HEAD DAYS PEOPLE "<Activities_List>"
			"<Activity><Teacher>T1</Teacher><Subject>Maths</Subject><Duration>2</Duration><Id>4</Id></Activity>"
			"</Activities_List><Time_Constraints_List>" PLACE("4", "Mon", "h2", "100")
			"</Time_Constraints_List></fet>", NULL, FET_BAD_CONTENT,
			"activity 4 lasts 2 hours from hour \"h2\", past the last of the FET file's 2 hours", NULL);
	refused("placed twice", HEAD DAYS PEOPLE "<Activities_List>" ACTIVITY("4", "")
			"</Activities_List><Time_Constraints_List>" PLACE("4", "Mon", "h1", "100") PLACE("4", "Tue", "h1", "100")
			"</Time_Constraints_List></fet>", NULL, FET_BAD_CONTENT, "placed at two different times", NULL);
	refused("result not a result", HEAD "</fet>", "<fet version=\"6.0.0\"/>", FET_NOT_FET,
			"the activities file is not a FET activities timetable", NULL);
	refused("result not XML", HEAD "</fet>", "<Activities_Timetable>", FET_NOT_XML,
			"the activities file is not well-formed XML", NULL);
	refused("result of another file", HEAD DAYS PEOPLE "<Activities_List>" ACTIVITY("4", "") "</Activities_List></fet>",
			"<Activities_Timetable><Activity><Id>5</Id><Day>Mon</Day><Hour>h1</Hour></Activity></Activities_Timetable>",
			FET_BAD_CONTENT, "the activities file places activity 5, which the FET file does not have", NULL);
	refused("result with a day and no hour", HEAD DAYS PEOPLE "<Activities_List>" ACTIVITY("4", "") "</Activities_List></fet>",
			"<Activities_Timetable><Activity><Id>4</Id><Day>Mon</Day></Activity></Activities_Timetable>",
			FET_BAD_CONTENT, "gives activity 4 a day but no hour", NULL);
}

static void
test_students_and_placements(void)
{
	outcome		o;
	int			y1x;
	int			a;

	read_texts(&o, HEAD DAYS PEOPLE "<Activities_List>" ACTIVITY("1", "") ACTIVITY("2", "") ACTIVITY("3", "<Active>false</Active>")
			   ACTIVITY("4", "") "</Activities_List><Time_Constraints_List>"
			   PLACE("1", "Tue", "h2", "100") PLACE("2", "Mon", "h1", "95") PLACE("3", "Mon", "h1", "100")
			   PLACE("99", "Mon", "h1", "100")
			   "<ConstraintActivityPreferredStartingTime><Weight_Percentage>100</Weight_Percentage><Activity_Id>4</Activity_Id>"
			   "<Preferred_Day>Mon</Preferred_Day><Preferred_Hour>h1</Preferred_Hour><Active>false</Active>"
			   "</ConstraintActivityPreferredStartingTime>"
			   "</Time_Constraints_List></fet>", NULL);
	expect(o.status == FET_OK, "a file with shared groups and subgroups is read", &o);
	if (o.status != FET_OK)
	{
		st_arena_free(&o.arena);
		return;
	}
	y1x = fet_find_set(o.file, "Y1-x");
	expect(o.file->nyears == 2 && o.file->nsets == 6, "two years, three groups, three subgroups (one per name)", NULL);
	expect(y1x >= 0 && o.file->sets[y1x].nmembers == 1 && o.file->sets[y1x].students == 9,
		   "a group listed in two years is its first listing", NULL);
	expect(fet_find_set(o.file, "New") < 0, "what a later listing of a group holds is ignored, as FET does", NULL);
	expect(o.file->sets[o.file->years[1]].nmembers == 1 &&
		   o.file->sets[o.file->years[1]].members[0] == y1x, "the second year holds the shared group", NULL);
	a = 0;
	expect(o.file->activities[a].day == 1 && o.file->activities[a].hour == 1,
		   "a constraint of weight 100 places an activity", NULL);
	expect(o.file->activities[1].day == -1, "a constraint of weight 95 does not", NULL);
	expect(o.file->activities[2].day == 0 && !o.file->activities[2].active, "an inactive activity keeps its place", NULL);
	expect(o.file->activities[3].day == -1, "an inactive constraint places nothing", NULL);
	st_arena_free(&o.arena);

	read_texts(&o, HEAD DAYS PEOPLE "<Activities_List>" ACTIVITY("1", "") ACTIVITY("2", "") "</Activities_List>"
			   "<Time_Constraints_List>" PLACE("1", "Tue", "h2", "100") "</Time_Constraints_List></fet>",
			   "<Activities_Timetable><Activity><Id>2</Id><Day>Tue</Day><Hour>h1</Hour><Room>R</Room></Activity>"
			   "<Activity><Id>1</Id><Day></Day><Hour></Hour></Activity></Activities_Timetable>");
	expect(o.status == FET_OK && o.file->has_result && o.file->activities[0].day == -1 &&
		   o.file->activities[1].day == 1 && o.file->activities[1].hour == 0,
		   "with an activities file, its placements and not the constraints count", &o);
	st_arena_free(&o.arena);
}

int
main(void)
{
	test_decoding();
	test_refusals();
	test_students_and_placements();
	if (failures > 0)
	{
		printf("%d of %d checks failed\n", failures, checks);
		return 1;
	}
	printf("ok: %d checks of the FET reader\n", checks);
	return 0;
}
