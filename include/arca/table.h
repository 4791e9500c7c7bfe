/* Text laid out in columns, as `arca list` prints its table. */
#ifndef ARCA_TABLE_H
#define ARCA_TABLE_H

#include <stddef.h>

#include "arca/error.h"

/* Formats rows x columns cells (row by row) into *out, one line per row: each
 * cell but the last of a row is padded with spaces to its column's width,
 * which is the widest cell of the column plus 3, and at least 12. Widths count
 * UTF-8 characters. This is the layout of Go's text/tabwriter with runc's
 * settings (minwidth 12, tabwidth 1, padding 3, padchar ' ', no flags). */
int arca_table_format(const char *const *cells, size_t rows, size_t columns, char **out,
                      struct arca_error **err);

#endif
