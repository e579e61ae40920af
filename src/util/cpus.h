/* The processors this process may use. Module prefix: cpus_. */
#ifndef RENDA_CPUS_H
#define RENDA_CPUS_H

/*
 * How many processors this process may run on: its affinity (taskset, a cpuset,
 * systemd's CPUAffinity=), not the machine's count; at least 1. Work split over
 * threads asks this, so that renda confined to one processor does its work in one.
 */
int cpus_usable(void);

#endif
