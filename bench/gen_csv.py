#!/usr/bin/env python3
"""Writes a synthetic legacy register as CSV files for `miz import`.

    gen_csv.py DIR CLIENTS CASES

DIR/services.csv (40 services), DIR/clients.csv and DIR/cases.csv, in the
formats of docs/csv-formats.md: Persian names, notes with commas, quotes
and newlines, national IDs with leading zeros, Solar Hijri dates.
"""
import csv
import os
import random
import sys

FIRST = ("محمد علی حسین رضا مهدی امیر حسن زهرا فاطمه مریم سارا نرگس مهسا "
         "محمدرضا علیرضا امیرحسین ابوالفضل یاسین کوثر ریحانه الهام "
         "پریسا نازنین بهاره سمیه اکبر اصغر قاسم ناصر مجید").split()
LAST = ("احمدی محمدی حسینی رضایی کریمی موسوی جعفری صادقی رحیمی هاشمی "
        "کاظمی قاسمی نوری عباسی طاهری اکبری ملکی یزدانی شریفی فرهادی "
        "نیک‌نام حسین‌زاده قربانی طباطبایی رستمی خسروی مرادی زارعی").split()
NOTES = ["", "", "", "پیگیری تلفنی شد", 'مدارک ناقص، "فیش" تحویل نشد',
         "ارجاع به واحد فنی\nبازدید انجام شد", "=تماس, مجدد"]


def nid(n):
    d = "%09d" % n
    s = sum(int(d[i]) * (10 - i) for i in range(9))
    r = s % 11
    return d + str(r if r < 2 else 11 - r)


def jalali(day_index):
    # Day 0 = 1403/01/01; months of 31 then 30 days; 1403 is leap (366 days).
    y = 1403
    lengths = {1403: 366, 1404: 365, 1405: 365, 1406: 365}
    while day_index >= lengths[y]:
        day_index -= lengths[y]
        y += 1
    if day_index < 186:
        return "%d/%02d/%02d" % (y, day_index // 31 + 1, day_index % 31 + 1)
    day_index -= 186
    return "%d/%02d/%02d" % (y, day_index // 30 + 7, day_index % 30 + 1)


def main():
    out, nclients, ncases = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rnd = random.Random(1405)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "services.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "name_en", "department", "officer", "officer_phone",
                    "working_days", "fee", "steps"])
        for s in range(1, 41):
            w.writerow(["B%02d" % s, "خدمت شماره %d" % s, "Service %d" % s,
                        "واحد %d" % (s % 6 + 1), "کارشناس %d" % (s % 9 + 1),
                        "051-354122%02d" % s, rnd.randint(3, 30), rnd.randint(0, 50) * 100000,
                        "ثبت\nبررسی\nتحویل"])
    with open(os.path.join(out, "clients.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["national_id", "full_name", "mobile", "address"])
        for i in range(1, nclients + 1):
            w.writerow([nid(i * 7), "%s %s" % (rnd.choice(FIRST), rnd.choice(LAST)),
                        "0915%07d" % i if i % 3 else "",
                        "مشهد، بلوار وکیل‌آباد، پلاک %d" % i if i % 5 == 0 else ""])
    statuses = ["awaiting_documents", "in_progress", "referred", "ready", "delivered",
                "delivered", "delivered", "withdrawn", "rejected"]
    with open(os.path.join(out, "cases.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["tracking_code", "national_id", "service_code", "received_on",
                    "promised_on", "status", "closed_on", "satisfaction", "note"])
        for c in range(1, ncases + 1):
            st = rnd.choice(statuses)
            received = rnd.randint(0, 900)
            promised = "" if st == "awaiting_documents" else jalali(received + rnd.randint(3, 40))
            closed = jalali(received + rnd.randint(1, 45)) \
                if st in ("delivered", "withdrawn", "rejected") else ""
            sat = str(rnd.randint(1, 5)) if st == "delivered" and c % 4 else ""
            w.writerow(["%07d" % c, nid(rnd.randint(1, nclients) * 7), "B%02d" % rnd.randint(1, 40),
                        jalali(received), promised, st, closed, sat, rnd.choice(NOTES)])


if __name__ == "__main__":
    main()
