/*
 * make bench helper: times the QR library without the database.
 *   qrbench png N DIR [THREADS]   N PNG files of deputies' URLs into DIR
 *   qrbench sheet N FILE          a print sheet of N cards
 * Prints one line: what, count, seconds, per second.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export/qr.h"
#include "export/qrsheet.h"
#include "model/deputy/deputy.h"
#include "util/conf.h"
#include "util/err.h"
#include "util/xalloc.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The i-th of a run of well-formed deputy codes (body from the code alphabet + check). */
static char *code_of(size_t i)
{
	static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
	char body[DEPUTY_CODE_LEN];
	size_t v = i * 7919 + 104729;
	for (int k = 0; k < DEPUTY_CODE_LEN - 1; k++, v /= 32)
		body[k] = alphabet[v % 32];
	body[DEPUTY_CODE_LEN - 1] = '\0';
	return xasprintf("%s%c", body, deputy_code_check(body));
}

int main(int argc, char **argv)
{
	if (argc < 4 || conf_load(NULL)) {
		fprintf(stderr, "usage: qrbench png N DIR [THREADS] | sheet N FILE\n");
		return 2;
	}
	size_t n = strtoul(argv[2], NULL, 10);
	struct deputy_card *cards = xcalloc(n, sizeof *cards);
	for (size_t i = 0; i < n; i++) {
		cards[i].id = (int64_t)i + 1;
		cards[i].code = code_of(i);
		cards[i].url = deputy_url(cards[i].code);
		cards[i].name = xstrdup("王秀英");
		cards[i].level = xstrdup("city-level deputy");
		cards[i].town = xstrdup("当湖街道");
		cards[i].station = xstrdup("当湖街道人大代表联络站");
	}
	int rc;
	double t = now();
	if (!strcmp(argv[1], "png")) {
		struct qr_opts o;
		qr_opts_init(&o);
		o.threads = argc > 4 ? atoi(argv[4]) : 0;
		const char **texts = xcalloc(n, sizeof *texts);
		char **paths = xcalloc(n, sizeof *paths);
		for (size_t i = 0; i < n; i++) {
			texts[i] = cards[i].url;
			paths[i] = xasprintf("%s/%s.png", argv[3], cards[i].code);
		}
		size_t written;
		t = now();
		rc = qr_write_files(texts, (const char *const *)paths, n, QR_FORMAT_PNG, &o,
		                    &written);
		t = now() - t;
		printf("%zu PNG files in %.3f s: %.0f per second (%s)\n", written, t,
		       (double)written / t,
		       o.threads == 1 ? "one thread" : "a thread per processor");
	} else {
		struct qrsheet_opts so = {.across = 3};
		rc = qrsheet_write(argv[3], cards, n, &so);
		t = now() - t;
		printf("a print sheet of %zu cards in %.3f s\n", n, t);
	}
	if (rc)
		fprintf(stderr, "qrbench: %s\n", err_msg());
	deputy_cards_free(cards, n);
	return rc ? 1 : 0;
}
