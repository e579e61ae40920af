/*
 * Numbers written for reading: thousands grouped with commas, as the finance screens,
 * the lists' totals and the finance warnings show them. Module prefix: num_.
 */
#ifndef RENDA_NUM_H
#define RENDA_NUM_H

#include <stddef.h>

/*
 * Copies plain, a number written "[-]digits[.decimals]" (as printf or fin_dec() write
 * it), into out (cap bytes) with a comma before each group of three digits of its whole
 * part: "-1234567.50" is "-1,234,567.50". Cut to fit cap, always terminated.
 */
void num_group(const char *plain, char *out, size_t cap);

#endif
