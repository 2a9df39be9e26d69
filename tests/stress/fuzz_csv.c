/* libFuzzer target: a CSV file of any bytes through the reader (encoding
 * decision, line ends, libcsv). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "miz/csvfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touches every field of a row. */
static int
row(const struct csvfile_row *r, void *arg)
{
	size_t *n = arg;
	for (size_t i = 0; i < r->nfields; i++)
		*n += strlen(r->fields[i]);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (*path == '\0')
		snprintf(path, sizeof path, "/tmp/miz-fuzz-csv-%d.csv", (int)getpid());
	FILE *fp = fopen(path, "wb");
	if (fp == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	size_t n = 0;
	char *cause = NULL;
	struct csvfile_opts opts = { NULL, NULL };
	if (csvfile_read(path, &opts, row, &n, &cause) != 0)
		free(cause);
	return 0;
}
