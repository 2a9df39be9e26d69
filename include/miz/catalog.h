/* The service catalog: services, their document checklists, departments and officers. */
#ifndef MIZ_CATALOG_H
#define MIZ_CATALOG_H

#include <stdbool.h>
#include <stdint.h>

#include "miz/csvfile.h"
#include "miz/db.h"

/* One item of a service's checklist. */
struct miz_document {
	int64_t id;
	int position; /* 1-based order in the checklist */
	char *name;
	char *name_en;
	bool required;
	bool original; /* original (true) or copy (false) */
};

/* A service's catalog card (شناسنامه خدمت). */
struct miz_service {
	int64_t id;
	char *code;
	char *name;
	char *name_en;
	int64_t department_id;
	char *department;
	int64_t officer_id;
	char *officer;
	char *officer_phone;
	int working_days;
	long long fee; /* rials */
	char *steps; /* one step per line */
	struct miz_document *docs; /* active checklist in order */
	size_t ndocs;
};

void catalog_service_free(struct miz_service *s);

/* Loads a service and its checklist by code: 1 found, 0 not, -1 error. */
int catalog_get_service(
    struct miz_db *db, const char *code, struct miz_service *out /* OUT */, char **cause);
/* Same, by row id. */
int catalog_get_service_by_id(
    struct miz_db *db, int64_t id, struct miz_service *out /* OUT */, char **cause);

/* Called per service found (without checklist); non-zero stops. */
typedef int (*catalog_visit_fn)(const struct miz_service *s, void *arg);

/*
 * Lists services whose code starts with, or whose Persian or English name
 * contains, `query` (all when query is NULL or empty), by code.  Returns
 * the count or -1.
 */
int catalog_find_services(
    struct miz_db *db, const char *query, catalog_visit_fn fn, void *arg, char **cause);

/*
 * Imports services.csv / documents.csv in one transaction: every row is
 * checked first; any bad row means nothing is written and each bad row is
 * in *errs as "FILE:LINE: message".  *count gets the rows imported.
 */
int catalog_import_services(struct miz_db *db, const char *path, struct miz_errlist *errs,
    int *count /* OUT */, char **cause);
int catalog_import_documents(struct miz_db *db, const char *path, struct miz_errlist *errs,
    int *count /* OUT */, char **cause);

/* Finds a department by name: 1 found, 0 not, -1 error. */
int catalog_find_department(
    struct miz_db *db, const char *name, int64_t *id /* OUT */, char **cause);
/* Finds an officer by name (within a department when dept_id > 0). */
int catalog_find_officer(
    struct miz_db *db, const char *name, int64_t dept_id, int64_t *id /* OUT */, char **cause);

/* Called per department or officer; phone is "" for departments.  Non-zero stops. */
typedef int (*catalog_name_fn)(int64_t id, const char *name, const char *phone, void *arg);

/*
 * Lists departments by name, those whose name contains query when it is not
 * NULL or "" (normalised as stored names are).  Returns the count or -1.
 */
int catalog_list_departments(
    struct miz_db *db, const char *query, catalog_name_fn fn, void *arg, char **cause);
/* Lists the officers of a department by name, narrowed the same way. */
int catalog_list_officers(struct miz_db *db, int64_t dept_id, const char *query,
    catalog_name_fn fn, void *arg, char **cause);

#endif
