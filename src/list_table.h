/* `arca list`'s table, laid out as runc lays out its own. */
#ifndef ARCA_LIST_TABLE_H
#define ARCA_LIST_TABLE_H

#include <stdio.h>

#include "arca/error.h"
#include "arca/state.h"

/* Prints the header and one row per container: ID, PID, STATUS, BUNDLE,
 * CREATED (RFC 3339 as Go prints it, trailing zeros of the fraction dropped)
 * and OWNER (the user name of the owner, "#<uid>" when it has none). */
int list_print_table(FILE *out, const struct arca_state_list *list, struct arca_error **err);

#endif
