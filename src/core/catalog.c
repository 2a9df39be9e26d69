/* The service catalog and its CSV import. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "miz/catalog.h"
#include "miz/clerk.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"
#include "store.h"

void
catalog_service_free(struct miz_service *s)
{
	if (s == NULL)
		return;
	free(s->code);
	free(s->name);
	free(s->name_en);
	free(s->department);
	free(s->officer);
	free(s->officer_phone);
	free(s->steps);
	for (size_t i = 0; i < s->ndocs; i++) {
		free(s->docs[i].name);
		free(s->docs[i].name_en);
	}
	free(s->docs);
	memset(s, 0, sizeof *s);
}

#define SERVICE_SELECT                                                                       \
	"SELECT s.id, s.code, s.name, s.name_en, s.department_id, coalesce(d.name, ''),"     \
	" s.officer_id, coalesce(o.name, ''), coalesce(o.phone, ''), s.working_days, s.fee," \
	" s.steps FROM service s LEFT JOIN department d ON d.id = s.department_id"           \
	" LEFT JOIN officer o ON o.id = s.officer_id"

/* Fills a service from a SERVICE_SELECT row. */
static void
service_from_row(struct store_stmt *st, struct miz_service *s)
{
	memset(s, 0, sizeof *s);
	s->id = store_int(st, 0);
	s->code = store_strdup(st, 1);
	s->name = store_strdup(st, 2);
	s->name_en = store_strdup(st, 3);
	s->department_id = store_int(st, 4);
	s->department = store_strdup(st, 5);
	s->officer_id = store_int(st, 6);
	s->officer = store_strdup(st, 7);
	s->officer_phone = store_strdup(st, 8);
	s->working_days = (int)store_int(st, 9);
	s->fee = store_int(st, 10);
	s->steps = store_strdup(st, 11);
}

/* Loads the active checklist of s. */
static int
service_load_docs(struct miz_db *db, struct miz_service *s, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT id, name, name_en, required, form FROM document"
	        " WHERE service_id = ? AND active = 1 ORDER BY position, id",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, s->id);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		s->docs = xreallocarray(s->docs, s->ndocs + 1, sizeof *s->docs);
		struct miz_document *d = &s->docs[s->ndocs++];
		d->id = store_int(st, 0);
		d->position = (int)s->ndocs;
		d->name = store_strdup(st, 1);
		d->name_en = store_strdup(st, 2);
		d->required = (int)store_int(st, 3) != 0;
		const char *form = store_text(st, 4);
		d->original = form != NULL && strcmp(form, "original") == 0;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return db_fail(db, cause);
	return 0;
}

/* Loads one service selected by `where` bound to text or id. */
static int
catalog_get_one(struct miz_db *db, const char *sql, const char *text, int64_t id,
    struct miz_service *out, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, sql, &st, cause) != 0)
		return -1;
	if (text != NULL)
		store_bind_text(st, 1, text);
	else
		store_bind_int(st, 1, id);
	int rc = store_step(st);
	if (rc == STORE_DONE) {
		store_finish(st);
		return 0;
	}
	if (rc != STORE_ROW) {
		store_finish(st);
		return db_fail(db, cause);
	}
	service_from_row(st, out);
	store_finish(st);
	if (service_load_docs(db, out, cause) != 0) {
		catalog_service_free(out);
		return -1;
	}
	return 1;
}

int
catalog_get_service(struct miz_db *db, const char *code, struct miz_service *out, char **cause)
{
	return catalog_get_one(
	    db, SERVICE_SELECT " WHERE lower(s.code) = lower(?1)", code, 0, out, cause);
}

int
catalog_get_service_by_id(struct miz_db *db, int64_t id, struct miz_service *out, char **cause)
{
	return catalog_get_one(db, SERVICE_SELECT " WHERE s.id = ?1", NULL, id, out, cause);
}

/* A column as fold_typed leaves typed text, in lower case. */
#define FOLDED(x) "lower(replace(replace(" x ", char(8204), ''), ' ', ''))"

/*
 * Part of a name as typed, for matching: normalised, with its half-spaces
 * (U+200C) and spaces left out, since a clerk types "بهره برداری" or
 * "بهرهبرداری" for "بهره‌برداری".
 */
static char *
fold_typed(const char *typed)
{
	char *q = text_normalize(typed != NULL ? typed : "", false);
	char *o = q;
	for (const char *p = q; *p != '\0';) {
		if (*p == ' ')
			p++;
		else if (strncmp(p, "\u200c", 3) == 0)
			p += 3;
		else
			*o++ = *p++;
	}
	*o = '\0';
	return q;
}

int
catalog_find_services(
    struct miz_db *db, const char *query, catalog_visit_fn fn, void *arg, char **cause)
{
	char *q = text_normalize(query != NULL ? query : "", false);
	char *folded = fold_typed(query);
	struct store_stmt *st;
	int count = -1;
	if (store_prepare(db,
	        SERVICE_SELECT " WHERE ?2 = '' OR s.code LIKE ?1 || '%'"
	                       " OR (?2 <> '' AND instr(" FOLDED(
	                           "s.name") ", lower(?2)) > 0)"
	                                     " OR instr(lower(s.name_en), lower(?1)) > 0"
	                                     " ORDER BY s.code",
	        &st, cause) != 0)
		goto out;
	store_bind_text(st, 1, q);
	store_bind_text(st, 2, folded);
	count = 0;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		struct miz_service s;
		service_from_row(st, &s);
		count++;
		int stop = fn != NULL ? fn(&s, arg) : 0;
		catalog_service_free(&s);
		if (stop)
			break;
	}
	if (rc != STORE_ROW && rc != STORE_DONE)
		count = db_fail(db, cause);
	store_finish(st);
out:
	free(q);
	free(folded);
	return count;
}

int
catalog_find_department(struct miz_db *db, const char *name, int64_t *id, char **cause)
{
	char *n = text_normalize(name, false);
	struct store_stmt *st;
	int ret = -1;
	if (store_prepare(db, "SELECT id FROM department WHERE name = ?", &st, cause) == 0) {
		store_bind_text(st, 1, n);
		int rc = store_step(st);
		if (rc == STORE_ROW) {
			*id = store_int(st, 0);
			ret = 1;
		} else if (rc == STORE_DONE) {
			ret = 0;
		} else {
			db_fail(db, cause);
		}
		store_finish(st);
	}
	free(n);
	return ret;
}

int
catalog_find_officer(
    struct miz_db *db, const char *name, int64_t dept_id, int64_t *id, char **cause)
{
	char *n = text_normalize(name, false);
	struct store_stmt *st;
	int ret = -1;
	if (store_prepare(db,
	        "SELECT id FROM officer WHERE name = ?1 AND (?2 = 0 OR department_id = ?2)"
	        " ORDER BY id LIMIT 1",
	        &st, cause) == 0) {
		store_bind_text(st, 1, n);
		store_bind_int(st, 2, dept_id);
		int rc = store_step(st);
		if (rc == STORE_ROW) {
			*id = store_int(st, 0);
			ret = 1;
		} else if (rc == STORE_DONE) {
			ret = 0;
		} else {
			db_fail(db, cause);
		}
		store_finish(st);
	}
	free(n);
	return ret;
}

/* Runs a statement that returns one id (INSERT ... RETURNING id). */
static int
step_id(struct miz_db *db, struct store_stmt *st, int64_t *id, char **cause)
{
	int rc = store_step(st);
	if (rc == STORE_ROW)
		*id = store_int(st, 0);
	store_finish(st);
	if (rc != STORE_ROW)
		return db_fail(db, cause);
	return 0;
}

/* Finds or creates a department. */
static int
department_ensure(struct miz_db *db, const char *name, int64_t *id, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO department(name) VALUES (?)"
	        " ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id",
	        &st, cause) != 0)
		return -1;
	store_bind_text(st, 1, name);
	return step_id(db, st, id, cause);
}

/* Finds or creates an officer of a department; updates the phone. */
static int
officer_ensure(struct miz_db *db, const char *name, const char *phone, int64_t dept_id, int64_t *id,
    char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO officer(name, phone, department_id) VALUES (?1, ?2, ?3)"
	        " ON CONFLICT(name, department_id) DO UPDATE"
	        " SET phone = coalesce(nullif(excluded.phone, ''), officer.phone)"
	        " RETURNING id",
	        &st, cause) != 0)
		return -1;
	store_bind_text(st, 1, name);
	store_bind_text(st, 2, phone);
	store_bind_int(st, 3, dept_id);
	return step_id(db, st, id, cause);
}

/* A service row of services.csv after checking. */
struct service_row {
	char *f[9]; /* normalised fields in header order */
	long long working_days;
	long long fee;
};

static const char *const service_header[] = {
	"code",
	"name",
	"name_en",
	"department",
	"officer",
	"officer_phone",
	"working_days",
	"fee",
	"steps",
};

struct service_import {
	const char *path;
	struct miz_errlist *errs;
	struct service_row *rows;
	size_t nrows;
};

/* True when a service code is usable: letters, digits, '-' and '_' only. */
static bool
code_valid(const char *s)
{
	if (*s == '\0' || strlen(s) > 32)
		return false;
	for (; *s != '\0'; s++) {
		char c = *s;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		        c == '-' || c == '_'))
			return false;
	}
	return true;
}

/* Checks one services.csv row; collects it or its errors. */
static int
service_row_cb(const struct csvfile_row *row, void *arg, char **cause)
{
	struct service_import *im = arg;
	if (row->nfields != 9) {
		errlist_add(im->errs, _("%s:%ld: expected 9 fields, found %zu"), im->path,
		    row->line, row->nfields);
		return 0;
	}
	struct service_row r;
	memset(&r, 0, sizeof r);
	size_t before = im->errs->n;
	/* Every field checked at the way in: names and titles, the steps (a
	 * note: lines allowed). */
	static const size_t limits[9] = { 32, TEXT_MAX_TITLE, TEXT_MAX_TITLE, TEXT_MAX_TITLE,
		TEXT_MAX_NAME, 32, 12, 20, TEXT_MAX_NOTE };
	for (int i = 0; i < 9; i++) {
		char *why = NULL;
		if (text_check(row->fields[i], service_header[i], limits[i], i == 8, &why) != 0) {
			errlist_add(im->errs, "%s:%ld: %s", im->path, row->line, why);
			free(why);
		}
	}
	for (int i = 0; i < 9; i++)
		r.f[i] = text_normalize(row->fields[i], i == 8);
	if (!code_valid(r.f[0]))
		errlist_add(im->errs,
		    _("%s:%ld: service code '%s' must be letters, digits, '-' or '_'"), im->path,
		    row->line, r.f[0]);
	for (size_t i = 0; i < im->nrows; i++) {
		if (strcasecmp(im->rows[i].f[0], r.f[0]) == 0)
			errlist_add(im->errs,
			    _("%s:%ld: service code %s appears twice in the file"), im->path,
			    row->line, r.f[0]);
	}
	if (*r.f[1] == '\0')
		errlist_add(im->errs, _("%s:%ld: the service name is empty"), im->path, row->line);
	if (*r.f[3] == '\0')
		errlist_add(im->errs, _("%s:%ld: the department is empty"), im->path, row->line);
	if (text_parse_int(r.f[6], 0, 365, &r.working_days) != 0)
		errlist_add(im->errs, _("%s:%ld: working_days '%s' must be a number from 0 to 365"),
		    im->path, row->line, r.f[6]);
	if (text_parse_int(r.f[7], 0, 1000000000000000LL, &r.fee) != 0)
		errlist_add(im->errs, _("%s:%ld: fee '%s' must be a whole number of rials"),
		    im->path, row->line, r.f[7]);
	if (*r.f[5] != '\0' && *r.f[4] == '\0')
		errlist_add(im->errs, _("%s:%ld: an officer phone needs the officer's name"),
		    im->path, row->line);
	if (im->errs->n != before) {
		for (int i = 0; i < 9; i++)
			free(r.f[i]);
		return 0;
	}
	/* Phones are kept as digits and dashes, Persian digits made ASCII. */
	char *phone = text_ascii_digits(r.f[5]);
	free(r.f[5]);
	r.f[5] = phone;
	im->rows = xreallocarray(im->rows, im->nrows + 1, sizeof *im->rows);
	im->rows[im->nrows++] = r;
	return 0;
}

/* Writes the checked services. */
static int
services_write(struct miz_db *db, struct service_import *im, char **cause)
{
	for (size_t i = 0; i < im->nrows; i++) {
		struct service_row *r = &im->rows[i];
		int64_t dept = 0, officer = 0;
		if (department_ensure(db, r->f[3], &dept, cause) != 0)
			return -1;
		if (*r->f[4] != '\0' &&
		    officer_ensure(db, r->f[4], r->f[5], dept, &officer, cause) != 0)
			return -1;
		/* A service already there (its code in any case) is updated, else
		 * added: two statements, as codes match without case on both
		 * engines by lower() (an upsert would need the column's). */
		static const char *const sql[] = {
			"UPDATE service SET name = ?2, name_en = ?3, department_id = ?4,"
			" officer_id = ?5, working_days = ?6, fee = ?7, steps = ?8"
			" WHERE lower(code) = lower(?1)",
			"INSERT INTO service(code, name, name_en, department_id, officer_id,"
			" working_days, fee, steps) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		};
		struct store_stmt *st;
		for (int pass = 0; pass < 2; pass++) {
			if (store_prepare(db, sql[pass], &st, cause) != 0)
				return -1;
			store_bind_text(st, 1, r->f[0]);
			store_bind_text(st, 2, r->f[1]);
			store_bind_text(st, 3, r->f[2]);
			store_bind_int(st, 4, dept);
			if (officer > 0)
				store_bind_int(st, 5, officer);
			else
				store_bind_null(st, 5);
			store_bind_int(st, 6, r->working_days);
			store_bind_int(st, 7, r->fee);
			store_bind_text(st, 8, r->f[8]);
			int rc = store_step(st);
			store_finish(st);
			if (rc != STORE_DONE)
				return db_fail(db, cause);
			if (store_changes(db) > 0)
				break;
		}
	}
	return 0;
}

int
catalog_import_services(
    struct miz_db *db, const char *path, struct miz_errlist *errs, int *count, char **cause)
{
	struct service_import im = { .path = path, .errs = errs };
	int ret = -1;
	*count = 0;
	if (clerk_require_supervisor(db, _("import the service catalog"), cause) != 0)
		return -1;
	if (csvfile_import(path, NULL, service_header, 9, 9, service_row_cb, &im, errs, cause) != 0)
		goto out;
	if (db_begin(db, cause) != 0)
		goto out;
	if (services_write(db, &im, cause) != 0) {
		db_rollback(db);
		goto out;
	}
	if (db_commit(db, cause) != 0)
		goto out;
	*count = (int)im.nrows;
	ret = 0;
out:
	for (size_t i = 0; i < im.nrows; i++) {
		for (int j = 0; j < 9; j++)
			free(im.rows[i].f[j]);
	}
	free(im.rows);
	return ret;
}

/* A documents.csv row after checking. */
struct document_row {
	char *service_code;
	char *name;
	char *name_en;
	int required;
	int original;
};

static const char *const document_header[] = {
	"service_code",
	"name",
	"name_en",
	"required",
	"form",
};

struct document_import {
	struct miz_db *db;
	const char *path;
	struct miz_errlist *errs;
	struct document_row *rows;
	size_t nrows;
};

/* Checks one documents.csv row; collects it or its errors. */
static int
document_row_cb(const struct csvfile_row *row, void *arg, char **cause)
{
	struct document_import *im = arg;
	if (row->nfields != 5) {
		errlist_add(im->errs, _("%s:%ld: expected 5 fields, found %zu"), im->path,
		    row->line, row->nfields);
		return 0;
	}
	struct document_row r;
	for (size_t i = 0; i < 5; i++) {
		char *why = NULL;
		if (text_check(row->fields[i], document_header[i], TEXT_MAX_TITLE, false, &why) != 0) {
			errlist_add(im->errs, "%s:%ld: %s", im->path, row->line, why);
			free(why);
		}
	}
	r.service_code = text_normalize(row->fields[0], false);
	r.name = text_normalize(row->fields[1], false);
	r.name_en = text_normalize(row->fields[2], false);
	char *required = text_normalize(row->fields[3], false);
	char *form = text_normalize(row->fields[4], false);
	size_t before = im->errs->n;

	struct miz_service s;
	int found = catalog_get_service(im->db, r.service_code, &s, cause);
	if (found < 0) {
		free(required);
		free(form);
		free(r.service_code);
		free(r.name);
		free(r.name_en);
		return -1;
	}
	if (found == 0)
		errlist_add(im->errs, _("%s:%ld: unknown service code '%s': import services first"),
		    im->path, row->line, r.service_code);
	else
		catalog_service_free(&s);
	if (*r.name == '\0')
		errlist_add(im->errs, _("%s:%ld: the document name is empty"), im->path, row->line);
	if (text_eq(required, "yes"))
		r.required = 1;
	else if (text_eq(required, "no"))
		r.required = 0;
	else
		errlist_add(im->errs, _("%s:%ld: required must be yes or no, not '%s'"), im->path,
		    row->line, required);
	if (text_eq(form, "original"))
		r.original = 1;
	else if (text_eq(form, "copy"))
		r.original = 0;
	else
		errlist_add(im->errs, _("%s:%ld: form must be original or copy, not '%s'"),
		    im->path, row->line, form);
	for (size_t i = 0; i < im->nrows && found > 0; i++) {
		if (strcasecmp(im->rows[i].service_code, r.service_code) != 0)
			continue;
		if (strcmp(im->rows[i].name, r.name) == 0)
			errlist_add(im->errs, _("%s:%ld: document '%s' is listed twice for %s"),
			    im->path, row->line, r.name, r.service_code);
		else if (strcasecmp(im->rows[im->nrows - 1].service_code, r.service_code) != 0) {
			errlist_add(im->errs,
			    _("%s:%ld: the rows of service %s must be together: file order is "
			      "checklist order"),
			    im->path, row->line, r.service_code);
			break;
		}
	}
	free(required);
	free(form);
	if (im->errs->n != before) {
		free(r.service_code);
		free(r.name);
		free(r.name_en);
		return 0;
	}
	im->rows = xreallocarray(im->rows, im->nrows + 1, sizeof *im->rows);
	im->rows[im->nrows++] = r;
	return 0;
}

/*
 * Writes the checklists: for every service in the file, its checklist
 * becomes the file's rows in order.  Documents already used by cases are
 * never deleted: ones no longer listed are made inactive.
 */
static int
documents_write(struct miz_db *db, struct document_import *im, char **cause)
{
	const char *prev = NULL;
	int position = 0;
	for (size_t i = 0; i < im->nrows; i++) {
		struct document_row *r = &im->rows[i];
		struct store_stmt *st;
		if (prev == NULL || strcasecmp(prev, r->service_code) != 0) {
			position = 0;
			prev = r->service_code;
			if (store_prepare(db,
			        "UPDATE document SET active = 0 WHERE service_id ="
			        " (SELECT id FROM service WHERE lower(code) = lower(?1))",
			        &st, cause) != 0)
				return -1;
			store_bind_text(st, 1, r->service_code);
			int rc = store_step(st);
			store_finish(st);
			if (rc != STORE_DONE)
				return db_fail(db, cause);
		}
		position++;
		if (store_prepare(db,
		        "UPDATE document SET position = ?3, name_en = ?4, required = ?5, form = ?6,"
		        " active = 1 WHERE id = (SELECT d.id FROM document d JOIN service s"
		        " ON s.id = d.service_id WHERE lower(s.code) = lower(?1) AND d.name = ?2"
		        " ORDER BY d.id LIMIT 1)",
		        &st, cause) != 0)
			return -1;
		store_bind_text(st, 1, r->service_code);
		store_bind_text(st, 2, r->name);
		store_bind_int(st, 3, position);
		store_bind_text(st, 4, r->name_en);
		store_bind_int(st, 5, r->required);
		store_bind_text(st, 6, r->original ? "original" : "copy");
		int rc = store_step(st);
		store_finish(st);
		if (rc != STORE_DONE)
			return db_fail(db, cause);
		if (store_changes(db) > 0)
			continue;
		if (store_prepare(db,
		        "INSERT INTO document(service_id, position, name, name_en, required, form)"
		        " SELECT id, CAST(?3 AS INTEGER), ?2, ?4, CAST(?5 AS INTEGER), ?6 FROM "
		        "service"
		        " WHERE lower(code) = lower(?1)",
		        &st, cause) != 0)
			return -1;
		store_bind_text(st, 1, r->service_code);
		store_bind_text(st, 2, r->name);
		store_bind_int(st, 3, position);
		store_bind_text(st, 4, r->name_en);
		store_bind_int(st, 5, r->required);
		store_bind_text(st, 6, r->original ? "original" : "copy");
		rc = store_step(st);
		store_finish(st);
		if (rc != STORE_DONE)
			return db_fail(db, cause);
	}
	return 0;
}

int
catalog_import_documents(
    struct miz_db *db, const char *path, struct miz_errlist *errs, int *count, char **cause)
{
	struct document_import im = { .db = db, .path = path, .errs = errs };
	int ret = -1;
	*count = 0;
	if (clerk_require_supervisor(db, _("import the service catalog"), cause) != 0)
		return -1;
	if (csvfile_import(path, NULL, document_header, 5, 5, document_row_cb, &im, errs, cause) !=
	    0)
		goto out;
	if (db_begin(db, cause) != 0)
		goto out;
	if (documents_write(db, &im, cause) != 0) {
		db_rollback(db);
		goto out;
	}
	if (db_commit(db, cause) != 0)
		goto out;
	*count = (int)im.nrows;
	ret = 0;
out:
	for (size_t i = 0; i < im.nrows; i++) {
		free(im.rows[i].service_code);
		free(im.rows[i].name);
		free(im.rows[i].name_en);
	}
	free(im.rows);
	return ret;
}

/*
 * Runs an (id, name, phone) query whose parameters are ?1, the department
 * (when the query has one), and ?2, the part of the name typed ("" for all).
 */
static int
list_names(struct miz_db *db, const char *sql, int64_t param, const char *query,
    catalog_name_fn fn, void *arg, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, sql, &st, cause) != 0)
		return -1;
	char *q = fold_typed(query);
	store_bind_int(st, 1, param);
	store_bind_text(st, 2, q);
	int rc, count = 0;
	while ((rc = store_step(st)) == STORE_ROW) {
		const char *name = store_text(st, 1);
		const char *phone = store_text(st, 2);
		count++;
		if (fn != NULL &&
		    fn(store_int(st, 0), name != NULL ? name : "", phone != NULL ? phone : "",
		        arg) != 0)
			break;
	}
	if (rc != STORE_ROW && rc != STORE_DONE)
		count = db_fail(db, cause);
	store_finish(st);
	free(q);
	return count;
}

/* Matches a name that contains the typed part (Latin letters in any case,
 * half-spaces and spaces left out on both sides: see fold_typed). */
#define NAME_MATCHES " (?2 = '' OR instr(" FOLDED("name") ", lower(?2)) > 0)"

int
catalog_list_departments(
    struct miz_db *db, const char *query, catalog_name_fn fn, void *arg, char **cause)
{
	return list_names(db,
	    "SELECT id, name, '' FROM department WHERE" NAME_MATCHES " ORDER BY name",
	    0, query, fn, arg, cause);
}

int
catalog_list_officers(struct miz_db *db, int64_t dept_id, const char *query, catalog_name_fn fn,
    void *arg, char **cause)
{
	return list_names(db,
	    "SELECT id, name, phone FROM officer WHERE department_id = ?1 AND" NAME_MATCHES
	    " ORDER BY name",
	    dept_id, query, fn, arg, cause);
}
