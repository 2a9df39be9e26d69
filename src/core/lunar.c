/* Computed first days of the Hijri months (lunar.h), from libnova's Sun and Moon. */
#include "config.h"

#include <math.h>
#include <stdbool.h>

#include <libnova/angular_separation.h>
#include <libnova/lunar.h>
#include <libnova/solar.h>
#include <libnova/transform.h>

#include "miz/lunar.h"

/* Where and by what the crescent is judged. */
#define TEHRAN_LNG 51.389 /* degrees east */
#define TEHRAN_LAT 35.689
#define IRST_HOURS 3.5 /* Iran Standard Time, UTC+3:30 all year */
#define MABIMS_ALT 3.0 /* the moon's altitude at sunset, degrees */
#define MABIMS_ELONG 6.4 /* its distance from the sun, degrees */
#define MOON_PRECISION 10.0 /* arcseconds: ample for whole degrees, and fast */

#define JD_UNIX_EPOCH 2440587.5 /* 1970-01-01 00:00 UT: day number 0 */
#define JD_HIJRA 1948439.5 /* 1 Muharram 1 AH in the arithmetic calendar */
#define SYNODIC_MONTH 29.530588861
#define JDE_NEW_MOON_2000 2451550.09766 /* Meeus (49.1): the mean new moon of k = 0 */

/* The Julian day of local noon in Tehran on a day. */
static double
local_noon(miz_day day)
{
	return JD_UNIX_EPOCH + day + (12.0 - IRST_HOURS) / 24.0;
}

/* True when the new crescent can be seen in Tehran at sunset on `day`. */
static bool
crescent_seen(miz_day day)
{
	struct ln_lnlat_posn observer = { TEHRAN_LNG, TEHRAN_LAT };
	struct ln_rst_time rst;
	if (ln_get_solar_rst(local_noon(day), &observer, &rst) != 0)
		return false; /* no sunset: not at Tehran's latitude */
	double t = rst.set;
	struct ln_lnlat_posn moon_ecl, sun_ecl;
	struct ln_equ_posn moon, sun;
	struct ln_hrz_posn moon_hrz;
	ln_get_lunar_ecl_coords(t, &moon_ecl, MOON_PRECISION);
	ln_get_equ_from_ecl(&moon_ecl, t, &moon);
	ln_get_solar_ecl_coords(t, &sun_ecl);
	ln_get_solar_equ_coords(t, &sun);
	ln_get_hrz_from_equ(&moon, &observer, t, &moon_hrz);
	/* Past conjunction: the moon east of the sun, (0, 180) degrees. */
	double ahead = fmod(moon_ecl.lng - sun_ecl.lng + 720.0, 360.0);
	return ahead > 0.0 && ahead < 180.0 && moon_hrz.alt >= MABIMS_ALT &&
	    ln_get_angular_separation(&moon, &sun) >= MABIMS_ELONG;
}

/* The Julian day the arithmetic calendar's month begins (its mean length). */
static double
civil_start(int year, int month)
{
	return JD_HIJRA + ((year - 1) * 12.0 + (month - 1)) * 29.530588853;
}

miz_day
lunar_month_estimate(int year, int month)
{
	return (miz_day)floor(civil_start(year, month) - JD_UNIX_EPOCH);
}

miz_day
lunar_month_start(int year, int month)
{
	/* The arithmetic calendar's first of the month is a day or two after
	 * the conjunction: the mean new moon nearest the day before it is this
	 * month's, within about 14 hours of the true one. */
	double civil = civil_start(year, month);
	double k = floor((civil - 1.0 - JDE_NEW_MOON_2000) / SYNODIC_MONTH + 0.5);
	double conjunction = JDE_NEW_MOON_2000 + k * SYNODIC_MONTH;
	miz_day first = (miz_day)floor(conjunction - 1.0 - JD_UNIX_EPOCH + IRST_HOURS / 24.0);
	/* The crescent is seen one to three evenings after the conjunction. */
	for (miz_day day = first; day < first + 5; day++) {
		if (crescent_seen(day))
			return day + 1;
	}
	return first + 4; /* never reached at Tehran's latitude */
}

int
lunar_year_near(miz_day day)
{
	double jd = JD_UNIX_EPOCH + day + 0.5;
	return (int)floor((30.0 * (jd - JD_HIJRA) + 10646.0) / 10631.0);
}
