/* libFuzzer target: the text module's display order, checks and safety on
 * any bytes (tests/stress/fuzz.sh builds and runs it). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "miz/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	/* The first bytes choose the look and the width; the rest is the text. */
	struct text_look lk = { (enum text_dir)(data[0] % 3), (data[0] & 4) ? TEXT_RTL : TEXT_LTR,
		(data[0] & 8) == 0, (data[0] & 16) != 0, (data[0] & 32) != 0 };
	int cells = (int)(data[1] % 90) - 10;
	char *s = malloc(size - 1);
	memcpy(s, data + 2, size - 2);
	s[size - 2] = '\0';
	int used = 0, caret = 0;
	char *a = text_visual(s, cells, &lk, &used);
	if (cells >= 0 && text_width(a) != cells)
		abort(); /* a cell is exactly as wide as asked */
	free(a);
	a = text_visual_caret(s, cells, &lk, data[1] % 40, &caret);
	if (cells > 0 && (caret < 0 || caret >= cells))
		abort(); /* the cursor stays in its cell */
	free(a);
	char *cause = NULL;
	if (text_check(s, "x", 50, (data[0] & 64) != 0, &cause) != 0)
		free(cause);
	free(text_terminal_safe(s));
	free(text_isolate_numbers(s));
	free(text_persian_digits(s));
	free(text_normalize(s, (data[0] & 128) != 0));
	(void)text_shaped_width(s);
	(void)text_dir_of(s, TEXT_LTR);
	free(s);
	return 0;
}
