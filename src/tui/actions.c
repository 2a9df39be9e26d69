/* Case actions that need input: referral, delivery with a rating, withdrawal and rejection. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "form.h"
#include "listview.h"
#include "miz/case.h"
#include "miz/catalog.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

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
	int ret = case_set_status(
	    t->db, f->id, ST_DELIVERED, NULL, (int)v, comment, t->today, NULL, cause);
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
	int ret = case_set_status(t->db, f->id, to, reason, 0, NULL, t->today, NULL, cause);
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

/*
 * A referral is made in three steps: the department, then one of its
 * officers (or none in particular), each picked from a list that narrows as
 * the clerk types part of the name; then the due date and a note.  A name
 * is never typed in full, so it cannot be misspelt.
 */
struct name_picker {
	struct screen s;
	int64_t case_id;
	int64_t dept_id; /* 0 while the department is picked */
	char *department;
	struct field filter;
	struct listview lv;
};

/* The row "no officer in particular" (ids from the database are > 0). */
#define ANY_OFFICER 0

/* Departments and officers are few: the whole list, paged here. */
static int
add_name_page(int64_t id, const char *name, const char *phone, void *arg)
{
	struct lv_page *p = arg;
	int take = lv_page_take(p);
	if (take <= 0)
		return take < 0;
	const char *cols[] = { name, phone };
	lv_add(p->f.lv, id, TA_NORMAL, cols, 2);
	return 0;
}

static int
fetch_names(struct listview *lv, struct tui *t, int offset, int limit, char **cause)
{
	struct name_picker *p = lv->arg;
	char *q = field_text(&p->filter);
	struct lv_page pg = { { lv, t }, offset, limit };
	int n;
	if (p->dept_id == 0) {
		n = catalog_list_departments(t->db, q, add_name_page, &pg, cause);
	} else {
		/* Before anything is typed, the first row refers to the department alone. */
		if (*q == '\0' && lv_page_take(&pg) > 0) {
			const char *cols[] = { _("(no officer in particular)"), "" };
			lv_add(lv, ANY_OFFICER, TA_DIM, cols, 2);
		}
		n = catalog_list_officers(t->db, p->dept_id, q, add_name_page, &pg, cause);
	}
	free(q);
	return n < 0 ? -1 : lv->nrows;
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
	char *officer; /* "" for none in particular */
};

static void
refer_arg_free(void *p)
{
	struct refer_arg *a = p;
	free(a->department);
	free(a->officer);
	free(a);
}

static int
refer_save(struct tui *t, struct form *f, char **cause, int *bad)
{
	struct refer_arg *a = f->arg;
	char *due = form_text(f, 0), *note = form_text(f, 1);
	long long days = -1;
	miz_day due_on;
	int ret = -1;
	if (*due == '\0' || text_parse_int(due, 0, 365, &days) == 0) {
		if (case_referral_due(t->db, (int)days, t->today, &due_on, cause) != 0)
			goto out;
	} else if (cal_parse(due, &due_on, cause) != 0) {
		*bad = 0;
		goto out;
	}
	ret = case_refer(
	    t->db, f->id, a->department, a->officer, due_on, note, t->today, NULL, cause);
	if (ret != 0) {
		/* What the form can be wrong about is the due date. */
		*bad = 0;
		goto out;
	}
	char day[11];
	tui_day(t, due_on, day);
	char *msg = xasprintf(_("Referred to %s, due %s."), a->department, day);
	back_to_case(t, f, msg);
	free(msg);
out:
	free(due);
	free(note);
	return ret;
}

/* The last step: the due date and a note for what was picked. */
static void
refer_form(struct tui *t, int64_t case_id, const char *department, const char *officer,
    const char *phone)
{
	struct refer_arg *a = xcalloc(1, sizeof *a);
	a->department = xstrdup(department);
	a->officer = xstrdup(officer);
	struct form *f = form_new(t, _("Refer the case"), refer_save);
	f->id = case_id;
	f->arg = a;
	f->free_arg = refer_arg_free;
	if (*officer == '\0')
		f->header = xasprintf(
		    _("Department: %s\nOfficer: none in particular"), department);
	else if (*phone == '\0')
		f->header = xasprintf(_("Department: %s\nOfficer: %s"), department, officer);
	else
		f->header = xasprintf(
		    _("Department: %s\nOfficer: %s, phone %s"), department, officer, phone);
	form_add(f, _("Due in"), NULL, 12, check_days, false,
	    _("working days from today (empty: 5), or a date"));
	form_add(f, _("Note"), NULL, 200, NULL, false, _("what the department should do"));
	tui_push(t, &f->s);
}

static struct screen *name_picker_new(
    struct tui *t, int64_t case_id, int64_t dept_id, const char *department);

static bool
picker_key(struct screen *s, struct tui *t, const struct event *ev)
{
	struct name_picker *p = (struct name_picker *)s;
	if (ev->action == ACT_ENTER) {
		const struct lv_row *r = lv_selected(&p->lv);
		if (r == NULL) {
			tui_error(t, p->dept_id == 0 ?
			        _("No department matches: type part of its name.") :
			        _("No officer matches: type part of the name, or erase it for none in particular."));
			return true;
		}
		if (p->dept_id != 0) {
			refer_form(t, p->case_id, p->department, r->id == ANY_OFFICER ? "" : r->col[0],
			    r->col[1]);
			return true;
		}
		/* A department with no officers on record goes straight to the form. */
		char *cause = NULL;
		int n = catalog_list_officers(t->db, r->id, NULL, NULL, NULL, &cause);
		if (n < 0)
			tui_cause(t, cause);
		else if (n == 0)
			refer_form(t, p->case_id, r->col[0], "", "");
		else
			tui_push(t, name_picker_new(t, p->case_id, r->id, r->col[0]));
		return true;
	}
	if (ev->action == ACT_UP || ev->action == ACT_DOWN || ev->action == ACT_PGUP ||
	    ev->action == ACT_PGDN)
		return lv_key(&p->lv, t, ev);
	bool edited;
	if (field_key_edit(&p->filter, ev, &edited)) {
		if (edited)
			lv_reset(&p->lv, t);
		return true;
	}
	return false;
}

static void
picker_draw(struct screen *s, struct tui *t)
{
	struct name_picker *p = (struct name_picker *)s;
	char *title = p->dept_id == 0 ?
	    xstrdup(_("Refer to which department?")) :
	    xasprintf(_("Refer to whom in %s?"), p->department);
	tui_text(t, 2, 1, COLS - 2, title, TA_BOLD);
	free(title);
	const char *label = _("Type part of the name:");
	int lw = text_width(label);
	tui_text(t, 3, 1, lw + 1, label, TA_NORMAL);
	field_draw(t, &p->filter, 3, lw + 3, COLS - lw - 5 > 30 ? 30 : COLS - lw - 5, true);
	int cy = t->cursor_y, cx = t->cursor_x;
	lv_draw(&p->lv, t, 5, 0, COLS, tui_bottom_line() - 4, true);
	t->cursor_y = cy;
	t->cursor_x = cx;
}

static void
picker_reload(struct screen *s, struct tui *t)
{
	lv_reload(&((struct name_picker *)s)->lv, t);
}

static void
picker_free(struct screen *s)
{
	struct name_picker *p = (struct name_picker *)s;
	lv_free(&p->lv);
	free(p->department);
	free(p);
}

static const struct screen_ops picker_ops = {
	.name = "refer to",
	.draw = picker_draw,
	.key = picker_key,
	.reload = picker_reload,
	.free = picker_free,
};

static struct screen *
name_picker_new(struct tui *t, int64_t case_id, int64_t dept_id, const char *department)
{
	struct name_picker *p = xcalloc(1, sizeof *p);
	p->s.ops = &picker_ops;
	p->s.context = CX_LIST;
	p->case_id = case_id;
	p->dept_id = dept_id;
	p->department = department != NULL ? xstrdup(department) : NULL;
	field_init(&p->filter, 40);
	lv_init(&p->lv, fetch_names, p);
	if (dept_id == 0) {
		p->lv.ncols = 1;
		p->lv.cols[0] = (struct lv_column){ _("Department"), 0 };
		p->lv.empty = _("No department matches.");
	} else {
		p->lv.ncols = 2;
		p->lv.cols[0] = (struct lv_column){ _("Officer"), 0 };
		p->lv.cols[1] = (struct lv_column){ _("Phone"), 16 };
		p->lv.empty = _("No officer matches.");
	}
	p->lv.height = LINES - 9 > 1 ? LINES - 9 : 1;
	lv_reload(&p->lv, t);
	return &p->s;
}

struct screen *
refer_new(struct tui *t, int64_t case_id)
{
	struct screen *s = name_picker_new(t, case_id, 0, NULL);
	struct name_picker *p = (struct name_picker *)s;
	if (p->lv.nrows == 0 && !p->lv.more)
		p->lv.empty = _("No departments: import services.csv first.");
	return s;
}
