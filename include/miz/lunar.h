/*
 * The lunar (Hijri) months as computed: each begins the day after the first
 * evening the new crescent can be seen in Tehran, by the MABIMS criterion
 * (at sunset the moon is past conjunction, at least 3 degrees high and at
 * least 6.4 degrees from the sun), with the Sun and Moon of libnova (Meeus'
 * algorithms).  Iran's official months follow actual sightings: this is a
 * forecast, within a day of them (the tests say how often exactly).
 */
#ifndef MIZ_LUNAR_H
#define MIZ_LUNAR_H

#include "miz/calendar.h"

/* The first day of Hijri month `month` (1-12) of Hijri year `year`. */
miz_day lunar_month_start(int year, int month);
/* The Hijri year in progress on a day, by the arithmetic calendar (within a
 * few days of the sighted one): enough to know which months to compute. */
int lunar_year_near(miz_day day);
/* The first day of a Hijri month by the arithmetic calendar (within two
 * days or so of the computed one, and free). */
miz_day lunar_month_estimate(int year, int month);

#endif
