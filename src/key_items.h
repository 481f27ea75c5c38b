/*
 * key_items.h
 *		One key's slots (a group's sessions, a teacher's sessions and duties,
 *		a centre's lective time), gathered as rows stream past and sorted as
 *		the kernels need them.
 */
#ifndef SCHOOLTIME_KEY_ITEMS_H
#define SCHOOLTIME_KEY_ITEMS_H

#include "schooltime.h"

#include "kernels/kernels.h"

/* A key's slots, gathered while the rows of the key stream past. */
typedef struct KeyItems
{
	st_item    *items;
	int64	   *centres;
	int64	   *teachers;		/* a session's teacher, 0 for none */
	int			n;
	int			capacity;
} KeyItems;

extern void key_items_add(KeyItems *k, const st_item *item, int64 centre);
extern void key_items_add_session(KeyItems *k, const st_item *item, int64 centre, int64 teacher);

/* Sorts a key's items by start (then end and id), as the kernels need them. */
extern void key_items_sort(KeyItems *k);

#endif							/* SCHOOLTIME_KEY_ITEMS_H */
