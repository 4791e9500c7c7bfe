#include "arca/table.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "arca/cleanup.h"

#define TABLE_MIN_WIDTH 12
#define TABLE_PADDING   3

/* The number of characters in a UTF-8 string: bytes that do not continue one. */
static size_t text_width(const char *text)
{
	size_t width = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if ((*p & 0xc0) != 0x80)
			width++;
	}
	return width;
}

static size_t column_width(const char *const *cells, size_t rows, size_t columns, size_t column)
{
	size_t width = TABLE_MIN_WIDTH;
	for (size_t row = 0; row < rows; row++) {
		size_t padded = text_width(cells[row * columns + column]) + TABLE_PADDING;
		if (padded > width)
			width = padded;
	}
	return width;
}

static void put_row(FILE *out, const char *const *row, const size_t *widths, size_t columns)
{
	for (size_t column = 0; column + 1 < columns; column++) {
		fputs(row[column], out);
		fprintf(out, "%*s", (int)(widths[column] - text_width(row[column])), "");
	}
	fputs(row[columns - 1], out);
	fputc('\n', out);
}

int arca_table_format(const char *const *cells, size_t rows, size_t columns, char **out,
                      struct arca_error **err)
{
	if (columns == 0)
		return arca_fail_msg(err, EINVAL, "table: no columns");
	_cleanup_free_ size_t *widths = calloc(columns, sizeof(*widths));
	if (!widths)
		return arca_fail(err, ENOMEM, "table: column widths");
	for (size_t column = 0; column + 1 < columns; column++)
		widths[column] = column_width(cells, rows, columns, column);
	char *text = NULL;
	size_t len = 0;
	FILE *stream = open_memstream(&text, &len);
	if (!stream)
		return arca_fail(err, errno, "table: open memory stream");
	for (size_t row = 0; row < rows; row++)
		put_row(stream, cells + row * columns, widths, columns);
	int failed = ferror(stream);
	if (fclose(stream) != 0 || failed) {
		free(text);
		return arca_fail(err, ENOMEM, "table: format");
	}
	*out = text;
	return 0;
}
