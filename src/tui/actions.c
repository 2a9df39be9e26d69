/* Case actions that need input: referral, delivery with a rating, withdrawal and rejection. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "listview.h"
#include "miz/case.h"
#include "miz/catalog.h"
#include "miz/holiday.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

/* Working days a department gets when the clerk does not say. */
#define DEFAULT_REFERRAL_DAYS 5

/* After an action: back to the case (reloaded), with a message. */
static void
back_to_case(struct tui *t, struct form *f, const char *msg)
{
	struct screen *s = &f->s;
	while (s->below != NULL && strcmp(s->ops->name, "case") != 0)
		s = s->below;
	tui_pop_to(t, s);
	tui_info(t, "%s", msg);
}

/* --- delivery ------------------------------------------------------------ */

static char *
check_rating(struct form *f, int field, const char *text)
{
	(void)f;
	(void)field;
	long long v;
	if (text_parse_int(text, 1, 5, &v) != 0)
		return xstrdup(_("a rating from 1 (very unhappy) to 5 (very happy)"));
	return NULL;
}

static int
deliver_save(struct tui *t, struct form *f, char **cause, int *bad)
{
	char *rating = form_text(f, 0), *comment = form_text(f, 1);
	long long v = 0;
	text_parse_int(rating, 1, 5, &v);
	int ret =
	    case_set_status(t->db, f->id, ST_DELIVERED, NULL, (int)v, comment, t->today, cause);
	if (ret != 0)
		*bad = 0;
	free(rating);
	free(comment);
	if (ret == 0) {
		char *msg = xasprintf(_("Delivered; satisfaction %lld/5 recorded."), v);
		back_to_case(t, f, msg);
		free(msg);
	}
	return ret;
}

struct screen *
deliver_new(struct tui *t, int64_t case_id)
{
	struct form *f = form_new(t, _("Deliver to the client"), deliver_save);
	f->id = case_id;
	f->header = xstrdup(_("Ask the client: how satisfied are you, from 1 to 5?"));
	int r = form_add(f, _("Satisfaction (1-5)"), NULL, 1, check_rating, true,
	    _("one key: 1 very unhappy ... 5 very happy"));
	f->fields[r].one_key = true;
	form_add(f, _("Comment"), NULL, 200, NULL, false, _("optional; Enter saves"));
	return &f->s;
}

/* --- withdrawal and rejection -------------------------------------------- */

static int
reason_save(struct tui *t, struct form *f, char **cause, int *bad)
{
	char *reason = form_text(f, 0);
	enum miz_status to = (enum miz_status)f->id2;
	int ret = case_set_status(t->db, f->id, to, reason, 0, NULL, t->today, cause);
	free(reason);
	if (ret != 0) {
		*bad = 0;
		return ret;
	}
	char *msg = xasprintf(_("Case %s."), case_status_label(to));
	back_to_case(t, f, msg);
	free(msg);
	return 0;
}

struct screen *
reason_new(struct tui *t, int64_t case_id, enum miz_status to)
{
	struct form *f = form_new(
	    t, to == ST_WITHDRAWN ? _("Withdraw the case") : _("Reject the request"), reason_save);
	f->id = case_id;
	f->id2 = to;
	form_add(f, _("Reason"), NULL, 200, NULL, true,
	    to == ST_WITHDRAWN ? _("why the client withdraws") : _("why the request is rejected"));
	return &f->s;
}

/* --- referral -------------------------------------------------------------- */

struct dept_picker {
	struct screen s;
	int64_t case_id;
	struct listview lv;
};

static int
add_name(int64_t id, const char *name, const char *phone, void *arg)
{
	struct lv_fill *f = arg;
	const char *cols[] = { name, phone };
	lv_add(f->lv, id, TA_NORMAL, cols, 2);
	return 0;
}

/* Departments are few: the whole list, paged here. */
static int
add_dept_page(int64_t id, const char *name, const char *phone, void *arg)
{
	struct lv_page *p = arg;
	int take = lv_page_take(p);
	if (take <= 0)
		return take < 0;
	return add_name(id, name, phone, &p->f);
}

static int
fetch_depts(struct listview *lv, struct tui *t, int offset, int limit, char **cause)
{
	struct lv_page p = { { lv, t }, offset, limit };
	return catalog_list_departments(t->db, add_dept_page, &p, cause) < 0 ? -1 : lv->nrows;
}

static char *
check_days(struct form *f, int field, const char *text)
{
	(void)f;
	(void)field;
	long long v;
	miz_day d;
	if (text_parse_int(text, 0, 365, &v) == 0)
		return NULL;
	char *cause = NULL;
	if (cal_parse(text, &d, &cause) == 0)
		return NULL;
	free(cause);
	return xstrdup(_("working days (a number) or a date such as 1405/09/20"));
}

struct refer_arg {
	char *department;
	char *officers; /* hint */
};

static void
refer_arg_free(void *p)
{
	struct refer_arg *a = p;
	free(a->department);
	free(a->officers);
	free(a);
}

static int
refer_save(struct tui *t, struct form *f, char **cause, int *bad)
{
	struct refer_arg *a = f->arg;
	char *officer = form_text(f, 0), *due = form_text(f, 1), *note = form_text(f, 2);
	long long days;
	miz_day due_on;
	int ret = -1;
	if (*due == '\0')
		days = DEFAULT_REFERRAL_DAYS;
	if (*due == '\0' || text_parse_int(due, 0, 365, &days) == 0) {
		struct miz_calendar cal;
		if (holiday_load_calendar(t->db, &cal, cause) != 0)
			goto out;
		due_on = cal_add_working_days(&cal, t->today, (int)days);
		cal_free(&cal);
	} else if (cal_parse(due, &due_on, cause) != 0) {
		*bad = 1;
		goto out;
	}
	ret = case_refer(t->db, f->id, a->department, officer, due_on, note, t->today, cause);
	if (ret != 0) {
		/* The field the refusal is about, in the order case_refer checks:
		 * the due date first, then the officer. */
		int64_t dept = 0, who = 0;
		*bad = 1;
		if (due_on >= t->today && *officer != '\0' &&
		    catalog_find_department(t->db, a->department, &dept, NULL) > 0 &&
		    catalog_find_officer(t->db, officer, dept, &who, NULL) <= 0)
			*bad = 0;
		goto out;
	}
	char day[11];
	tui_day(t, due_on, day);
	char *msg = xasprintf(_("Referred to %s, due %s."), a->department, day);
	back_to_case(t, f, msg);
	free(msg);
out:
	free(officer);
	free(due);
	free(note);
	return ret;
}

/* Collects officer names for the hint. */
static int
add_officer_hint(int64_t id, const char *name, const char *phone, void *arg)
{
	(void)id;
	(void)phone;
	char **hint = arg;
	char *more =
	    xasprintf("%s%s%s", *hint != NULL ? *hint : "", *hint != NULL ? ", " : "", name);
	free(*hint);
	*hint = more;
	return 0;
}

static bool
picker_key(struct screen *s, struct tui *t, const struct event *ev)
{
	struct dept_picker *p = (struct dept_picker *)s;
	if (ev->action != ACT_ENTER)
		return lv_key(&p->lv, t, ev);
	const struct lv_row *r = lv_selected(&p->lv);
	if (r == NULL)
		return true;
	struct refer_arg *a = xcalloc(1, sizeof *a);
	a->department = xstrdup(r->col[0]);
	catalog_list_officers(t->db, r->id, add_officer_hint, &a->officers, NULL);
	struct form *f = form_new(t, _("Refer the case"), refer_save);
	f->id = p->case_id;
	f->arg = a;
	f->free_arg = refer_arg_free;
	f->header = xasprintf(_("Department: %s\nOfficers: %s"), a->department,
	    a->officers != NULL ? a->officers : _("none recorded"));
	form_add(f, _("Officer"), NULL, 80, NULL, false, _("optional: one of the officers above"));
	form_add(f, _("Due in"), NULL, 12, check_days, false,
	    _("working days from today (empty: 5), or a date"));
	form_add(f, _("Note"), NULL, 200, NULL, false, _("what the department should do"));
	tui_push(t, &f->s);
	return true;
}

static void
picker_draw(struct screen *s, struct tui *t)
{
	struct dept_picker *p = (struct dept_picker *)s;
	tui_text(t, 2, 1, COLS - 2, _("Refer to which department?"), TA_BOLD);
	lv_draw(&p->lv, t, 4, 0, COLS, tui_bottom_line() - 3, true);
}

static void
picker_reload(struct screen *s, struct tui *t)
{
	lv_reload(&((struct dept_picker *)s)->lv, t);
}

static void
picker_free(struct screen *s)
{
	struct dept_picker *p = (struct dept_picker *)s;
	lv_free(&p->lv);
	free(p);
}

static const struct screen_ops picker_ops = {
	.name = "departments",
	.draw = picker_draw,
	.key = picker_key,
	.reload = picker_reload,
	.free = picker_free,
};

struct screen *
refer_new(struct tui *t, int64_t case_id)
{
	struct dept_picker *p = xcalloc(1, sizeof *p);
	p->s.ops = &picker_ops;
	p->s.context = CX_LIST | CX_LETTERS;
	p->case_id = case_id;
	lv_init(&p->lv, fetch_depts, p);
	p->lv.ncols = 1;
	p->lv.cols[0] = (struct lv_column){ _("Department"), 0 };
	p->lv.empty = _("No departments: import services.csv first.");
	p->lv.height = LINES - 8 > 1 ? LINES - 8 : 1;
	lv_reload(&p->lv, t);
	return &p->s;
}
