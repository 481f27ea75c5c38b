/*
 * arena.c
 *		Memory for the FET reader: blocks from an allocator, freed at once.
 */
#include "arena.h"

#include <stdint.h>
#include <string.h>

#define ARENA_BLOCK_SIZE	(64 * 1024)
#define ARENA_ALIGN			16

struct st_arena_block
{
	st_arena_block *previous;
	/* the block's space follows, aligned */
};

#define BLOCK_HEADER	((sizeof(st_arena_block) + ARENA_ALIGN - 1) & ~(size_t) (ARENA_ALIGN - 1))

void
st_arena_init(st_arena *arena, const st_allocator *allocator, size_t budget)
{
	memset(arena, 0, sizeof(*arena));
	arena->allocator = *allocator;
	arena->budget = budget;
}

void *
st_arena_alloc(st_arena *arena, size_t size)
{
	size_t		rounded;
	char	   *result;

	if (arena->failed)
		return NULL;
	if (size > SIZE_MAX / 2)
	{
		arena->failed = arena->over_budget = true;
		return NULL;
	}
	rounded = (size + ARENA_ALIGN - 1) & ~(size_t) (ARENA_ALIGN - 1);
	if (rounded == 0)
		rounded = ARENA_ALIGN;
	if (rounded > arena->left)
	{
		size_t		space = rounded > ARENA_BLOCK_SIZE ? rounded : ARENA_BLOCK_SIZE;
		size_t		total = BLOCK_HEADER + space;
		st_arena_block *block;

		if (arena->used + total > arena->budget)
		{
			arena->failed = arena->over_budget = true;
			return NULL;
		}
		block = arena->allocator.alloc(arena->allocator.context, total);
		if (block == NULL)
		{
			arena->failed = true;
			return NULL;
		}
		block->previous = arena->blocks;
		arena->blocks = block;
		arena->used += total;
		arena->next = (char *) block + BLOCK_HEADER;
		arena->left = space;
	}
	result = arena->next;
	arena->next += rounded;
	arena->left -= rounded;
	return result;
}

char *
st_arena_strndup(st_arena *arena, const char *text, size_t len)
{
	char	   *copy = st_arena_alloc(arena, len + 1);

	if (copy == NULL)
		return NULL;
	if (len > 0)
		memcpy(copy, text, len);
	copy[len] = '\0';
	return copy;
}

bool
st_arena_reserve(st_arena *arena, void **items, int count, int *capacity, int need, size_t elem_size)
{
	int			wanted;
	void	   *grown;

	if (need < 0 || count > INT32_MAX - need)
	{
		arena->failed = arena->over_budget = true;
		return false;
	}
	if (count + need <= *capacity)
		return true;
	wanted = *capacity < 8 ? 8 : *capacity;
	while (wanted < count + need)
	{
		if (wanted > INT32_MAX / 2)
		{
			wanted = count + need;
			break;
		}
		wanted *= 2;
	}
	if ((size_t) wanted > SIZE_MAX / elem_size)
	{
		arena->failed = arena->over_budget = true;
		return false;
	}
	grown = st_arena_alloc(arena, (size_t) wanted * elem_size);
	if (grown == NULL)
		return false;
	if (count > 0)
		memcpy(grown, *items, (size_t) count * elem_size);
	*items = grown;
	*capacity = wanted;
	return true;
}

void
st_arena_free(st_arena *arena)
{
	st_arena_block *block = arena->blocks;

	while (block != NULL)
	{
		st_arena_block *previous = block->previous;

		arena->allocator.release(arena->allocator.context, block);
		block = previous;
	}
	arena->blocks = NULL;
	arena->next = NULL;
	arena->left = 0;
	arena->used = 0;
}
