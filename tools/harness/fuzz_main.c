/*
 * fuzz_main.c
 *		Runs a fuzz target (LLVMFuzzerTestOneInput) over files, without
 *		libFuzzer, so that the corpus and the regression inputs can be
 *		replayed by any C compiler, under the sanitizers or valgrind.
 *
 *		fuzz_weektime_replay FILE-OR-DIRECTORY...
 *
 * Prints how many inputs it ran; a broken property aborts the process.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int	inputs = 0;

static int
run_file(const char *path)
{
	FILE	   *f = fopen(path, "rb");
	uint8_t    *data;
	long		size;

	if (f == NULL)
	{
		perror(path);
		return 1;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
	{
		perror(path);
		fclose(f);
		return 1;
	}
	/* a buffer of exactly the file's size, so that over-reads are caught */
	data = malloc(size > 0 ? (size_t) size : 1);
	if (data == NULL || (size > 0 && fread(data, 1, (size_t) size, f) != (size_t) size))
	{
		perror(path);
		free(data);
		fclose(f);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(data, (size_t) size);
	free(data);
	inputs++;
	return 0;
}

static int
run_path(const char *path)
{
	struct stat st;
	DIR		   *dir;
	struct dirent *entry;
	int			status = 0;

	if (stat(path, &st) != 0)
	{
		perror(path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	dir = opendir(path);
	if (dir == NULL)
	{
		perror(path);
		return 1;
	}
	while ((entry = readdir(dir)) != NULL)
	{
		char	   *child;

		if (entry->d_name[0] == '.')
			continue;
		child = malloc(strlen(path) + strlen(entry->d_name) + 2);
		if (child == NULL)
			break;
		sprintf(child, "%s/%s", path, entry->d_name);
		status |= run_path(child);
		free(child);
	}
	closedir(dir);
	return status;
}

int
main(int argc, char **argv)
{
	int			status = 0;
	int			i;

	for (i = 1; i < argc; i++)
		status |= run_path(argv[i]);
	printf("%d inputs run\n", inputs);
	return status;
}
