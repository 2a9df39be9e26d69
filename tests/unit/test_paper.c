/*
 * Paper: which document a case calls for, paper sizes, the print command
 * (run without a shell, the file last, its output on /dev/null) and the
 * errors a clerk sees; a hand-built case written as PDF and read back
 * with pdftotext when poppler-utils is there.
 */
#include "config.h"

#include <sys/stat.h>

#include "testutil.h"

#include "miz/conf.h"
#include "miz/paper.h"

static void
test_kind_for(void **state)
{
	(void)state;
	struct miz_case c;
	memset(&c, 0, sizeof c);
	static const struct {
		enum miz_status st;
		enum paper_kind want;
	} cases[] = {
		{ ST_AWAITING_DOCUMENTS, PAPER_NOTICE },
		{ ST_IN_PROGRESS, PAPER_RECEIPT },
		{ ST_REFERRED, PAPER_RECEIPT },
		{ ST_READY, PAPER_RECEIPT },
		{ ST_DELIVERED, PAPER_SLIP },
		{ ST_WITHDRAWN, PAPER_SLIP },
		{ ST_REJECTED, PAPER_SLIP },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		c.status = cases[i].st;
		assert_int_equal(paper_kind_for(&c), cases[i].want);
	}
}

static void
test_size_parse(void **state)
{
	(void)state;
	enum paper_size s = PAPER_ROLL80;
	assert_int_equal(paper_size_parse("a5", &s), 0);
	assert_int_equal(s, PAPER_A5);
	assert_int_equal(paper_size_parse("roll80", &s), 0);
	assert_int_equal(s, PAPER_ROLL80);
	assert_int_equal(paper_size_parse("A5", &s), 0);
	assert_int_equal(s, PAPER_A5);
	s = PAPER_ROLL80;
	assert_int_equal(paper_size_parse("a4", &s), -1);
	assert_int_equal(paper_size_parse("", &s), -1);
	assert_int_equal(paper_size_parse("roll", &s), -1);
	assert_int_equal(paper_size_parse(NULL, &s), -1);
	assert_int_equal(s, PAPER_ROLL80); /* untouched on failure */
}

/* Sends `file` with a print command; returns paper_send's result. */
static int
send_with(const char *command, const char *file, char **cause)
{
	struct miz_conf conf = { 0 };
	conf.print_command = xstrdup(command);
	int rc = paper_send(&conf, file, cause);
	free(conf.print_command);
	return rc;
}

/* The contents of a file (a new string; "" when it cannot be read). */
static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return xstrdup("");
	char *buf = xcalloc(1, 4096);
	size_t n = fread(buf, 1, 4095, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void
test_send_errors(void **state)
{
	(void)state;
	char *cause = NULL;
	assert_int_equal(send_with("", "/tmp/x.pdf", &cause), -1);
	assert_cause(cause, "no print command is set");
	assert_int_equal(send_with("lp -d 'desk", "/tmp/x.pdf", &cause), -1);
	assert_cause(cause, "quote");
	assert_int_equal(send_with("miz-no-such-printer -d desk", "/tmp/x.pdf", &cause), -1);
	assert_cause(cause, "'miz-no-such-printer' was not found");
	assert_int_equal(send_with("false", "/tmp/x.pdf", &cause), -1);
	assert_cause(cause, "'false' failed (exit 1)");
	/* A command that reports "not found" itself (exit 127), as a wrapper would. */
	assert_int_equal(send_with("sh -c 'exit 127'", "/tmp/x.pdf", &cause), -1);
	assert_cause(cause, "was not found");
	assert_int_equal(send_with("sh -c 'kill -TERM $$'", "/tmp/x.pdf", &cause), -1);
	assert_cause(cause, "signal 15");
}

static void
test_send_runs_without_shell(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *file = test_write_file(dir, "a b;$(x).pdf", "%PDF-1.5\n");
	char *cause = NULL;
	/* The file is one argument, the last, with its spaces and shell signs
	 * untouched; the command's input and output are /dev/null. */
	char *cmd = xasprintf("sh -c 'fds=$(readlink /proc/$$/fd/0 /proc/$$/fd/1 /proc/$$/fd/2); "
	                      "printf \"%%s|%%s\\n\" \"$#\" \"$1\" >\"$0.args\"; "
	                      "printf \"%%s\\n\" \"$fds\" >\"$0.fds\"; "
	                      "echo noise; echo noise >&2' %s/first",
	    dir);
	assert_int_equal(send_with(cmd, file, &cause), 0);
	free(cmd);
	/* $0 is DIR/first, $1 the file: one argument after it. */
	char *p = xasprintf("%s/first.args", dir);
	char *args = slurp(p);
	char *want = xasprintf("1|%s\n", file);
	assert_string_equal(args, want);
	free(want);
	free(args);
	free(p);
	p = xasprintf("%s/first.fds", dir);
	char *fds = slurp(p);
	assert_string_equal(fds, "/dev/null\n/dev/null\n/dev/null\n");
	free(fds);
	free(p);
	free(file);
	test_rmdir(dir);
}

/* A case built by hand: PERMIT waiting for two documents. */
static void
make_case(struct miz_case *c)
{
	memset(c, 0, sizeof *c);
	c->code = xstrdup("001000000018");
	strcpy(c->client.national_id, "0499370899");
	c->client.full_name = xstrdup("مریم گلزاری");
	c->client.mobile = xstrdup("");
	c->service.code = xstrdup("BUILD-EXT2");
	c->service.name = xstrdup("صدور پروانه ساخت");
	c->service.name_en = xstrdup("Construction permit");
	c->service.department = xstrdup("معاونت فنی");
	c->service.officer = xstrdup("رضا نوری");
	c->service.officer_phone = xstrdup("051-35412233");
	c->service.steps = xstrdup("ثبت درخواست\nبازدید");
	c->service.working_days = 5;
	c->service.fee = 15000000;
	c->status = ST_AWAITING_DOCUMENTS;
	c->opened_on = cal_from_gregorian(2026, 11, 23);
	c->complete_on = c->promised_on = c->original_promised_on = c->closed_on = NO_DAY;
	c->working_days = 5;
	c->comment = xstrdup("");
	c->note = xstrdup("");
	c->opened_by = xstrdup("tester");
	c->ndocs = 2;
	c->docs = xcalloc(2, sizeof *c->docs);
	c->docs[0].name = xstrdup("کپی کارت ملی");
	c->docs[0].received = true;
	c->docs[1].name = xstrdup("نقشه‌های معماری");
	c->docs[1].original = true;
	c->nnotices = 1;
	c->notices = xcalloc(1, sizeof *c->notices);
	c->notices[0].issued_on = c->opened_on;
	c->notices[0].deadline = cal_from_gregorian(2026, 12, 8);
	c->notices[0].resolved_on = NO_DAY;
	c->notices[0].nitems = 1;
	c->notices[0].items = xcalloc(1, sizeof *c->notices[0].items);
	c->notices[0].items[0] = xstrdup("نقشه‌های معماری");
}

static const struct paper_style style = { true, "دفتر ۳", "tester", PAPER_A5, false, 0 };

static void
test_case_pdf_errors(void **state)
{
	(void)state;
	struct miz_case c;
	make_case(&c);
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/x.pdf", dir);
	char *cause = NULL;
	struct stat sb;
	/* The wrong document for the status: refused, nothing written. */
	assert_int_equal(paper_case_pdf(&c, PAPER_RECEIPT, &style, path, &cause), -1);
	assert_cause(cause, "0010 0000 0018");
	assert_int_equal(paper_case_pdf(&c, PAPER_SLIP, &style, path, &cause), -1);
	assert_cause(cause, "still open");
	assert_int_not_equal(stat(path, &sb), 0);
	/* A folder that does not exist: the path and the system's reason. */
	char *bad = xasprintf("%s/none/x.pdf", dir);
	assert_int_equal(paper_case_pdf(&c, PAPER_NOTICE, &style, bad, &cause), -1);
	char *want = xasprintf("cannot write %s: No such file or directory", bad);
	assert_cause(cause, want);
	free(want);
	free(bad);
	/* The notice itself is written. */
	assert_int_equal(paper_case_pdf(&c, PAPER_NOTICE, &style, path, &cause), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(sb.st_size > 1000);
	c.status = ST_IN_PROGRESS;
	assert_int_equal(paper_case_pdf(&c, PAPER_NOTICE, &style, path, &cause), -1);
	assert_cause(cause, "not waiting for documents");
	free(path);
	test_rmdir(dir);
	case_free(&c);
}

/* True when a command is on the PATH. */
static bool
have(const char *tool)
{
	char *cmd = xasprintf("command -v %s >/dev/null 2>&1", tool);
	int rc = system(cmd);
	free(cmd);
	return rc == 0;
}

static void
test_persian_digits(void **state)
{
	(void)state;
	if (!have("pdftotext"))
		skip();
	struct miz_case c;
	make_case(&c);
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/fa.pdf", dir);
	char *cause = NULL;
	struct paper_style st = style;
	st.persian_digits = true;
	st.today = cal_from_gregorian(2026, 11, 23);
	if (paper_case_pdf(&c, PAPER_NOTICE, &st, path, &cause) != 0)
		fail_msg("%s", cause);
	char *cmd = xasprintf("pdftotext -enc UTF-8 '%s' '%s.txt'", path, path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	char *txt_path = xasprintf("%s.txt", path);
	char *text = slurp(txt_path);
	/* The code in Persian digits and in its groups; a Latin word keeps its digit. */
	assert_non_null(strstr(text, "۰۰۱۰ ۰۰۰۰ ۰۰۱۸"));
	assert_non_null(strstr(text, "۱۴۰۵/۰۹/۱۷"));
	assert_non_null(strstr(text, "BUILD-EXT2"));
	assert_null(strstr(text, "0010"));
	free(text);
	free(txt_path);
	free(path);
	test_rmdir(dir);
	case_free(&c);
}

int
main(void)
{
	test_setlocale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_for),
		cmocka_unit_test(test_size_parse),
		cmocka_unit_test(test_send_errors),
		cmocka_unit_test(test_send_runs_without_shell),
		cmocka_unit_test(test_case_pdf_errors),
		cmocka_unit_test(test_persian_digits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
