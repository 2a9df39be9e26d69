#!/usr/bin/env python3
"""Writes SQL that fills a miz database with a synthetic register.

    gen_register.py CLIENTS CASES SERVICES > register.sql

Clients get valid national IDs and Persian names; cases spread over the
last two years across SERVICES services, in every status.  The SQL is fed to
the sqlite3 shell against a database created by `miz init`, so the schema,
triggers and the trigram name index are miz's own.
"""
import random
import sys

FIRST = ("محمد علی حسین رضا مهدی امیر حسن زهرا فاطمه مریم سارا نرگس مهسا "
         "محمدرضا علیرضا امیرحسین ابوالفضل یاسین سید‌جواد کوثر ریحانه الهام "
         "پریسا نازنین بهاره سمیه اکبر اصغر قاسم ناصر مجید").split()
LAST = ("احمدی محمدی حسینی رضایی کریمی موسوی جعفری صادقی رحیمی هاشمی "
        "کاظمی قاسمی نوری عباسی طاهری اکبری ملکی یزدانی شریفی فرهادی "
        "نیک‌نام حسین‌زاده قربانی طباطبایی رستمی خسروی مرادی زارعی").split()
STATUSES = ["awaiting_documents", "in_progress", "referred", "ready",
            "delivered", "delivered", "delivered", "withdrawn", "rejected"]


def nid(n):
    d = "%09d" % n
    s = sum(int(d[i]) * (10 - i) for i in range(9))
    r = s % 11
    return d + str(r if r < 2 else 11 - r)


DAMM = [[0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
        [4, 2, 0, 6, 8, 7, 1, 3, 5, 9], [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
        [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
        [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
        [9, 4, 3, 8, 6, 1, 7, 2, 0, 5], [2, 5, 8, 1, 4, 3, 6, 7, 9, 0]]


def code(office, serial):
    s = "%03d%08d" % (office, serial)
    i = 0
    for c in s:
        i = DAMM[i][int(c)]
    return s + str(i)


def q(s):
    return "'" + s.replace("'", "''") + "'"


def main():
    nclients, ncases, nservices = (int(a) for a in sys.argv[1:4])
    rnd = random.Random(1405)
    out = sys.stdout
    out.write("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=OFF;\nBEGIN;\n")
    out.write("INSERT OR IGNORE INTO department(id, name) VALUES (1, 'واحد خدمات');\n")
    for s in range(1, nservices + 1):
        out.write("INSERT OR IGNORE INTO service(id, code, name, name_en, department_id,"
                  " working_days, fee, steps) VALUES (%d, 'B%02d', %s, 'Bench service %d',"
                  " 1, %d, %d, 'ثبت\nبررسی\nتحویل');\n"
                  % (10000 + s, s, q("خدمت آزمایشی شماره %d" % s), s,
                     rnd.randint(3, 30), rnd.randint(0, 50) * 100000))
    for i in range(1, nclients + 1):
        name = "%s %s" % (rnd.choice(FIRST), rnd.choice(LAST))
        mobile = "0915%07d" % i
        out.write("INSERT INTO client(national_id, full_name, mobile, created_at)"
                  " VALUES ('%s', %s, '%s', '2025-01-01 08:00:00');\n"
                  % (nid(100000000 + i), q(name), mobile))
    base = 20089  # 2025-01-01 as days since 1970-01-01
    for c in range(1, ncases + 1):
        st = rnd.choice(STATUSES)
        opened = base + rnd.randint(0, 700)
        complete = "NULL" if st == "awaiting_documents" else "date(%d*86400, 'unixepoch')" % opened
        promised = "NULL" if st == "awaiting_documents" else \
            "date(%d*86400, 'unixepoch')" % (opened + rnd.randint(3, 40))
        closed = "date(%d*86400, 'unixepoch')" % (opened + rnd.randint(1, 45)) \
            if st in ("delivered", "withdrawn", "rejected") else "NULL"
        sat = str(rnd.randint(1, 5)) if st == "delivered" else "NULL"
        out.write("INSERT INTO cases(id, code, client_id, service_id, status, opened_on,"
                  " working_days, complete_on, promised_on, original_promised_on, closed_on,"
                  " satisfaction, visits) VALUES (%d, '%s', %d, %d, '%s',"
                  " date(%d*86400, 'unixepoch'), 10, %s, %s, %s, %s, %s, %d);\n"
                  % (c, code(900, c), rnd.randint(1, nclients), 10000 + rnd.randint(1, nservices),
                     st, opened, complete, promised, promised, closed, sat,
                     rnd.randint(1, 4)))
        if st == "awaiting_documents":
            out.write("INSERT INTO notice(id, case_id, issued_on, deadline) VALUES"
                      " (%d, %d, date(%d*86400, 'unixepoch'), date(%d*86400, 'unixepoch'));\n"
                      % (c, c, opened, opened + 14))
        elif st == "referred":
            out.write("INSERT INTO referral(case_id, department_id, referred_on, due_on)"
                      " VALUES (%d, 1, date(%d*86400, 'unixepoch'), date(%d*86400, 'unixepoch'));\n"
                      % (c, opened + 2, opened + 9))
    out.write("INSERT OR REPLACE INTO code_counter(office, next) VALUES (900, %d);\n"
              % (ncases + 1))
    out.write("COMMIT;\n")


if __name__ == "__main__":
    main()
