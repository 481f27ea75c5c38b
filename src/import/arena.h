/*
 * arena.h
 *		Memory for the FET reader, free of PostgreSQL.
 *
 * Everything the reader builds lives in one arena and goes away at once.
 * The arena takes its blocks from the allocator it is given: palloc in a
 * memory context inside the server (so that an error frees everything),
 * malloc in the fuzzing and sanitizer harnesses.  An arena never grows past
 * its budget; an allocation over it fails, and the reader reports a limit.
 */
#ifndef SCHOOLTIME_IMPORT_ARENA_H
#define SCHOOLTIME_IMPORT_ARENA_H

#include <stdbool.h>
#include <stddef.h>

/* printf-like functions of the reader, checked by the compiler */
#if defined(__GNUC__) || defined(__clang__)
#define ST_PRINTF(format_index, first_arg) __attribute__((format(printf, format_index, first_arg)))
#else
#define ST_PRINTF(format_index, first_arg)
#endif

typedef struct st_allocator
{
	void	   *(*alloc) (void *context, size_t size);	/* NULL when out of memory */
	void		(*release) (void *context, void *block);
	void	   *context;
} st_allocator;

typedef struct st_arena_block st_arena_block;

typedef struct st_arena
{
	st_allocator allocator;
	st_arena_block *blocks;
	char	   *next;			/* free space of the newest block */
	size_t		left;
	size_t		used;			/* bytes taken from the allocator */
	size_t		budget;			/* most bytes it may take */
	bool		failed;			/* an allocation failed: out of budget or memory */
	bool		over_budget;	/* ...because of the budget */
} st_arena;

extern void st_arena_init(st_arena *arena, const st_allocator *allocator, size_t budget);

/* size bytes aligned for any object, or NULL (arena->failed is then set) */
extern void *st_arena_alloc(st_arena *arena, size_t size);

/* a copy of len bytes with a terminator, or NULL */
extern char *st_arena_strndup(st_arena *arena, const char *text, size_t len);

/*
 * Makes room for at least need more elements in *items, of elem_size bytes
 * each, holding *count and room for *capacity; false when out of memory.
 * Old storage is left in the arena (it is freed with the arena).
 */
extern bool st_arena_reserve(st_arena *arena, void **items, int count, int *capacity,
							 int need, size_t elem_size);

/* gives every block back to the allocator */
extern void st_arena_free(st_arena *arena);

#endif							/* SCHOOLTIME_IMPORT_ARENA_H */
