/*
 * The server's side of roles on PostgreSQL (miz pg grants): two group
 * roles, miz_clerk for the desk's work and miz_supervisor for the rest, and
 * what each may do to each table.  The record's append-only tables are
 * refused their changes by trigger already (schema_pg.h); the grants add
 * that a clerk's database user cannot change the catalog, the calendar, the
 * clerks or the settings, nor UPDATE or DELETE what the record keeps.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "miz/db.h"
#include "miz/i18n.h"
#include "miz/xmalloc.h"
#include "store.h"

/* %1$s: the schema, quoted; %2$s: the database, quoted. */
#define GRANTS                                                                                \
	"-- The roles of miz: members of miz_clerk work at the desk; members of\n"            \
	"-- miz_supervisor also keep the catalog, the calendar, the clerks and the\n"         \
	"-- settings.  Give each person a login role in one of them, e.g.\n"                  \
	"--   CREATE ROLE maryam LOGIN PASSWORD (a password) IN ROLE miz_clerk;\n"            \
	"-- The two roles are the cluster's: one office to a cluster, or its\n"               \
	"-- grants are every office's.  Apply again after miz adds tables.\n"                 \
	"DO $$ BEGIN\n"                                                                       \
	"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'miz_clerk') THEN\n"         \
	"    CREATE ROLE miz_clerk NOLOGIN;\n"                                                \
	"  END IF;\n"                                                                         \
	"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'miz_supervisor') THEN\n"    \
	"    CREATE ROLE miz_supervisor NOLOGIN;\n"                                           \
	"  END IF;\n"                                                                         \
	"END $$;\n"                                                                           \
	"GRANT miz_clerk TO miz_supervisor;\n"                                                \
	"GRANT CONNECT ON DATABASE %2$s TO miz_clerk;\n"                                      \
	"GRANT TEMPORARY ON DATABASE %2$s TO miz_supervisor;\n"                               \
	"GRANT USAGE ON SCHEMA %1$s TO miz_clerk;\n"                                          \
	"REVOKE ALL ON ALL TABLES IN SCHEMA %1$s FROM miz_clerk, miz_supervisor;\n"           \
	"GRANT SELECT ON ALL TABLES IN SCHEMA %1$s TO miz_clerk;\n"                           \
	"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %1$s TO miz_clerk;\n"                 \
	"-- The desk's work: clients, cases, their documents, notices, referrals and\n"       \
	"-- history, the SMS outbox, the tracking-code counter and the day figures.\n"        \
	"GRANT INSERT ON %1$s.client, %1$s.client_history, %1$s.cases, %1$s.case_document,\n" \
	"  %1$s.notice, %1$s.notice_item, %1$s.referral, %1$s.history, %1$s.outbox,\n"        \
	"  %1$s.overdue_span, %1$s.overdue_day, %1$s.day_figure, %1$s.code_counter,\n"        \
	"  %1$s.lunar_month TO miz_clerk;\n"                                                  \
	"GRANT UPDATE ON %1$s.cases, %1$s.code_counter, %1$s.overdue_day, %1$s.day_figure\n"  \
	"  TO miz_clerk;\n"                                                                   \
	"GRANT UPDATE (full_name, mobile, address, sms) ON %1$s.client TO miz_clerk;\n"       \
	"GRANT UPDATE (end_day), DELETE ON %1$s.overdue_span TO miz_clerk;\n"                 \
	"GRANT UPDATE (name) ON %1$s.clerk TO miz_clerk;\n"                                   \
	"-- The one change each kept table lets through (its trigger checks the rest):\n"     \
	"-- a seal, a notice resolved, a referral returned, a document found missing,\n"      \
	"-- an SMS sent.\n"                                                                   \
	"GRANT UPDATE (hash) ON %1$s.history TO miz_clerk;\n"                                 \
	"GRANT UPDATE (resolved_on) ON %1$s.notice TO miz_clerk;\n"                           \
	"GRANT UPDATE (returned_on) ON %1$s.referral TO miz_clerk;\n"                         \
	"GRANT UPDATE (lost_on) ON %1$s.case_document TO miz_clerk;\n"                        \
	"GRANT UPDATE (sent_at) ON %1$s.outbox TO miz_clerk;\n"                               \
	"-- The supervisor's: the catalog, the calendar, the clerks, the settings, a\n"       \
	"-- client's national ID corrected or merged, and the figures rebuilt.\n"             \
	"GRANT INSERT, UPDATE, DELETE ON %1$s.service, %1$s.document, %1$s.department,\n"     \
	"  %1$s.officer, %1$s.holiday, %1$s.holiday_list, %1$s.workweek, %1$s.setting,\n"     \
	"  %1$s.clerk TO miz_supervisor;\n"                                                   \
	"-- A province's database: its offices send their figures with a\n"                   \
	"-- supervisor's login.\n"                                                            \
	"GRANT INSERT, UPDATE ON %1$s.province_figure TO miz_supervisor;\n"                   \
	"GRANT UPDATE, DELETE ON %1$s.client, %1$s.overdue_day, %1$s.day_figure,\n"           \
	"  %1$s.lunar_month TO miz_supervisor;\n"

int
db_pg_grants(struct miz_db *db, char **sql, char **cause)
{
	*sql = NULL;
	if (!db_is_server(db_where(db)))
		return miz_fail(cause,
		    _("%s is an SQLite file: its roles are the clerk table's and the file's "
		      "permissions; grants are PostgreSQL's"),
		    db_where(db));
	struct store_stmt *st;
	if (store_prepare(db, "SELECT current_schema(), current_database()", &st, cause) != 0)
		return -1;
	int rc = store_step(st);
	if (rc != STORE_ROW || store_is_null(st, 0)) {
		store_finish(st);
		return db_fail(db, cause);
	}
	char *schema = store_quote_name(store_text(st, 0));
	char *dbname = store_quote_name(store_text(st, 1));
	store_finish(st);
	*sql = xasprintf(GRANTS, schema, dbname);
	free(schema);
	free(dbname);
	return 0;
}

int
db_run_script(struct miz_db *db, const char *sql, char **cause)
{
	return db_exec(db, sql, cause);
}
