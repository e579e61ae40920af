/*
 * Unit tests of the QR outputs: real readers decode what we write (zbarimg for
 * PNG, and for SVG after rsvg-convert renders it); the PNG header says 1 bit and
 * the DPI; the terminal drawing has the size of the symbol and reads back to it;
 * an existing file is kept without force.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/qr.h"
#include "export/qrsheet.h"
#include "tap.h"
#include "util/conf.h"
#include "util/err.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

static char dir[] = "/tmp/renda-qr.XXXXXX";
static bool have_zbar, have_rsvg;

static void skip(const char *what, const char *why)
{
	printf("ok %d - %s # SKIP %s\n", ++tap_n, what, why);
}

static bool have(const char *prog)
{
	char *cmd = xasprintf("command -v %s >/dev/null 2>&1", prog);
	int rc = system(cmd);
	free(cmd);
	return rc == 0;
}

/* Runs cmd and returns its standard output less one final newline; caller frees. */
static char *output_of(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	struct sbuf b = SBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		sbuf_add(&b, buf, n);
	int st = pclose(p);
	char *s = sbuf_take(&b);
	size_t len = strlen(s);
	if (len && s[len - 1] == '\n')
		s[len - 1] = '\0';
	if (st) {
		free(s);
		return NULL;
	}
	return s;
}

/* What zbarimg reads in the image at path (NULL when nothing); caller frees. */
static char *decode(const char *path)
{
	char *cmd = xasprintf("zbarimg --raw -q '%s' 2>/dev/null", path);
	char *s = output_of(cmd);
	free(cmd);
	return s;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct sbuf b = SBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&b, buf, n);
	fclose(f);
	*len = b.len;
	return sbuf_take(&b);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static const char *const texts[] = {
    "HELLO WORLD 123",
    "https://rd.example.gov.cn/q/AbCdEf?Voter=MiXeD",
};

static void test_png(void)
{
	static const int modules[] = {2, 4, 8};
	static const char levels[] = "LMQH";
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
		for (size_t m = 0; m < sizeof modules / sizeof modules[0]; m++)
			for (int l = 0; l < 4; l++) {
				struct qr_opts o;
				qr_opts_init(&o);
				o.module_px = modules[m];
				o.ec = levels[l];
				o.force = true;
				struct qr q;
				int rc = qr_encode(texts[t], &o, &q);
				struct sbuf b = SBUF_INIT;
				if (!rc)
					rc = qr_png(&q, &o, &b);
				char *path =
				    xasprintf("%s/t%zu-m%d-%c.png", dir, t, modules[m], levels[l]);
				if (!rc)
					rc = qr_write_file(path, b.s, b.len, false);
				ok(rc == RD_OK, "PNG of text %zu, %d px, level %c is written (%s)",
				   t, modules[m], levels[l], err_msg());
				if (have_zbar) {
					char *got = decode(path);
					is_str(got, texts[t], "zbarimg reads it back exactly");
					free(got);
				} else
					skip("zbarimg reads it back exactly", "no zbarimg");
				free(path);
				sbuf_free(&b);
				qr_free(&q);
			}
}

static void test_png_header(void)
{
	struct qr_opts o;
	qr_opts_init(&o);
	o.module_px = 3;
	o.margin = 2;
	o.dpi = 600;
	struct qr q;
	qr_encode("HELLO", &o, &q);
	is_int(q.width, 21, "HELLO fits version 1 (21 modules)");
	struct sbuf b = SBUF_INIT;
	qr_png(&q, &o, &b);
	const unsigned char *p = (const unsigned char *)b.s;
	ok(b.len > 33 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8) && !memcmp(p + 12, "IHDR", 4),
	   "a PNG signature and IHDR");
	is_int(be32(p + 16), (21 + 2 * 2) * 3, "width: (modules + 2 margins) x module size");
	is_int(be32(p + 20), (21 + 2 * 2) * 3, "height the same");
	is_int(p[24], 1, "bit depth 1");
	is_int(p[25], 0, "colour type 0 (grayscale)");
	const unsigned char *phys = NULL;
	for (size_t i = 8; i + 8 < b.len;) {
		uint32_t len = be32(p + i);
		if (!memcmp(p + i + 4, "pHYs", 4)) {
			phys = p + i + 8;
			break;
		}
		if (!memcmp(p + i + 4, "IDAT", 4))
			break;
		i += 12 + len;
	}
	ok(phys != NULL, "a pHYs chunk before the image data");
	if (phys) {
		is_int(be32(phys), 23622, "600 dpi = 23622 pixels per metre across");
		is_int(be32(phys + 4), 23622, "and down");
		is_int(phys[8], 1, "the unit is the metre");
	}
	sbuf_free(&b);
	qr_free(&q);
}

static void test_case_sensitive(void)
{
	struct qr_opts o;
	qr_opts_init(&o);
	struct qr a, b;
	qr_encode("https://x.cn/q/abcdef", &o, &a);
	qr_encode("https://x.cn/q/ABCDEF", &o, &b);
	ok(a.width != b.width || memcmp(a.dark, b.dark, (size_t)a.width * (size_t)a.width),
	   "lower and upper case give different symbols");
	qr_free(&a);
	qr_free(&b);
}

static void test_svg(void)
{
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		struct qr_opts o;
		qr_opts_init(&o);
		o.ec = t ? 'H' : 'L';
		o.module_px = t ? 0 : 5;
		struct qr q;
		qr_encode(texts[t], &o, &q);
		struct sbuf b = SBUF_INIT;
		qr_svg(&q, &o, &b);
		char *vb = xasprintf("viewBox=\"0 0 %d %d\"", q.width + 8, q.width + 8);
		ok(strstr(b.s, vb) != NULL, "the SVG's viewBox is in modules (%s)", vb);
		const char *first = strstr(b.s, "<path");
		ok(first && !strstr(first + 1, "<path"), "one path");
		ok(strstr(b.s, "crispEdges") != NULL, "crisp edges");
		/* The printed size of the PNG: (width + 8) modules of 5 or 8 pixels at 300 dpi. */
		double mm = (q.width + 8) * (o.module_px ? o.module_px : 8) * 25.4 / 300;
		char *size = xasprintf(" width=\"%.2fmm\" height=\"%.2fmm\"", mm, mm);
		const char *svgtag = strstr(b.s, "<svg"), *w = strstr(b.s, size);
		ok(w && w < strchr(svgtag, '>'), "the svg element is %.2f mm square", mm);
		free(size);
		char *svg = xasprintf("%s/s%zu.svg", dir, t);
		char *png = xasprintf("%s/s%zu.svg.png", dir, t);
		ok(qr_write_file(svg, b.s, b.len, false) == RD_OK, "the SVG is written");
		if (have_zbar && have_rsvg) {
			char *cmd = xasprintf("rsvg-convert -w 400 -o '%s' '%s'", png, svg);
			ok(system(cmd) == 0, "rsvg-convert renders it");
			char *got = decode(png);
			is_str(got, texts[t], "zbarimg reads the rendered SVG back exactly");
			free(got);
			free(cmd);
		} else {
			skip("rsvg-convert renders it", "no rsvg-convert or zbarimg");
			skip("zbarimg reads the rendered SVG back exactly", "no rsvg-convert");
		}
		free(vb);
		free(svg);
		free(png);
		sbuf_free(&b);
		qr_free(&q);
	}
}

/* Reads a drawing back into modules: dark[y * n + x]; returns the number of rows. */
static int text_modules(const char *s, bool ascii, bool invert, int n, unsigned char *dark)
{
	int y = 0;
	while (*s) {
		int x = 0;
		for (; *s && *s != '\n'; x++) {
			int top, bottom;
			if (ascii) {
				top = bottom = s[0] == '#';
				s += 2;
			} else if (*s == ' ') {
				top = bottom = 0;
				s++;
			} else {
				/* U+2580 upper half, U+2584 lower half, U+2588 full block */
				unsigned c = (unsigned char)s[2];
				top = c == 0x80 || c == 0x88;
				bottom = c == 0x84 || c == 0x88;
				s += 3;
			}
			if (x < n) {
				/* Ink draws the light modules unless inverted. */
				if (y < n)
					dark[y * n + x] = (unsigned char)(top == invert);
				if (!ascii && y + 1 < n)
					dark[(y + 1) * n + x] = (unsigned char)(bottom == invert);
			}
		}
		if (*s == '\n')
			s++;
		y += ascii ? 1 : 2;
	}
	return y;
}

static void test_text(void)
{
	struct qr_opts o;
	qr_opts_init(&o);
	o.ec = 'L';
	struct qr q;
	qr_encode("HELLO", &o, &q);
	const int n = 21 + 2 * QR_MARGIN; /* 29 */
	for (int mode = 0; mode < 4; mode++) {
		o.ascii = mode & 1;
		o.invert = mode & 2;
		struct sbuf b = SBUF_INIT;
		qr_text(&q, &o, &b);
		int lines = 0, maxcols = 0, cols = 0;
		for (const char *p = b.s; *p; p++) {
			if (*p == '\n') {
				lines++;
				if (cols > maxcols)
					maxcols = cols;
				cols = 0;
			} else if ((*p & 0xc0) != 0x80)
				cols++; /* one column per character (none of them is wide) */
		}
		const char *name = o.ascii ? (o.invert ? "ASCII, inverted" : "ASCII")
		                           : (o.invert ? "half blocks, inverted" : "half blocks");
		is_int(lines, o.ascii ? n : (n + 1) / 2,
		       "%s: lines for version 1 with the quiet zone", name);
		is_int(maxcols, o.ascii ? 2 * n : n, "%s: columns", name);
		unsigned char *dark = xcalloc((size_t)n * n, 1);
		text_modules(b.s, o.ascii, o.invert, n, dark);
		bool same = true;
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				int in = x >= 4 && y >= 4 && x < 25 && y < 25;
				int want = in ? q.dark[(y - 4) * 21 + (x - 4)] : 0;
				if (dark[y * n + x] != want)
					same = false;
			}
		ok(same, "%s: the drawing reads back to the symbol and its light quiet zone", name);
		free(dark);
		sbuf_free(&b);
	}
	qr_free(&q);
}

/* Counts the files in dir whose names contain part. */
static int count_files(const char *part)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (strstr(e->d_name, part))
			n++;
	if (d)
		closedir(d);
	return n;
}

static void test_overwrite(void)
{
	char *path = xasprintf("%s/keep.png", dir);
	ok(qr_write_file(path, "first", 5, false) == RD_OK, "a new file is written");
	int rc = qr_write_file(path, "second", 6, false);
	is_int(rc, RD_EXISTS, "an existing file is refused without force");
	ok(strstr(err_msg(), path) && strstr(err_msg(), "--force"),
	   "the message names the file and --force (%s)", err_msg());
	size_t len;
	char *s = read_file(path, &len);
	is_str(s, "first", "and the file is unchanged");
	free(s);
	ok(qr_write_file(path, "second", 6, true) == RD_OK, "force replaces it");
	s = read_file(path, &len);
	is_str(s, "second", "with the new content");
	free(s);
	is_int(count_files(".tmp-"), 0, "no temporary file is left behind");

	/* A sheet is refused the same way. */
	struct deputy_card c = {1,
	                        "AB2CDE",
	                        "张三",
	                        "city-level deputy",
	                        "当湖街道",
	                        "联络站",
	                        "https://rd.example.gov.cn/q/AB2CDE"};
	char *xlsx = xasprintf("%s/sheet.xlsx", dir);
	struct qrsheet_opts so = {0};
	ok(qrsheet_write(xlsx, &c, 1, &so) == RD_OK, "a print sheet is written (%s)", err_msg());
	s = read_file(xlsx, &len);
	ok(s && len > 4 && !memcmp(s, "PK", 2), "it is a zip container");
	free(s);
	is_int(qrsheet_write(xlsx, &c, 1, &so), RD_EXISTS,
	       "a second sheet is refused without force");
	so.force = true;
	so.across = 2;
	is_int(qrsheet_write(xlsx, &c, 1, &so), RD_OK, "and written with force");
	is_int(qrsheet_write(xlsx, &c, 0, &so), RD_NOTFOUND, "a sheet needs at least one card");
	is_int(count_files(".tmp-"), 0, "no temporary file is left behind");
	free(xlsx);
	free(path);
}

static void test_batch(void)
{
	enum { N = 40 };
	char *texts_[N], *paths[N];
	for (int i = 0; i < N; i++) {
		texts_[i] = xasprintf("https://rd.example.gov.cn/q/Batch%02dx", i);
		paths[i] = xasprintf("%s/batch%02d.png", dir, i);
	}
	struct qr_opts o;
	qr_opts_init(&o);
	o.threads = 3;
	size_t written = 0;
	int rc = qr_write_files((const char *const *)texts_, (const char *const *)paths, N,
	                        QR_FORMAT_PNG, &o, &written);
	ok(rc == RD_OK && written == N, "40 PNG files with 3 threads (%zu written)", written);
	bool all = true;
	for (int i = 0; i < N && have_zbar; i += 7) {
		char *got = decode(paths[i]);
		if (!got || strcmp(got, texts_[i]))
			all = false;
		free(got);
	}
	ok(all, "each holds its own text");
	rc = qr_write_files((const char *const *)texts_, (const char *const *)paths, N,
	                    QR_FORMAT_SVG, &o, &written);
	is_int(rc, RD_EXISTS, "writing them again without force is refused");
	ok(strstr(err_msg(), paths[0]) != NULL, "naming the first file (%s)", err_msg());
	for (int i = 0; i < N; i++) {
		free(texts_[i]);
		free(paths[i]);
	}
}

static void test_limits(void)
{
	struct qr_opts o;
	qr_opts_init(&o);
	o.ec = 'H';
	char *big = xmalloc(2000);
	memset(big, 'x', 1999);
	big[1999] = '\0';
	struct qr q;
	is_int(qr_encode(big, &o, &q), RD_INVALID, "a text too long for level H is refused");
	is_int(qr_encode("", &o, &q), RD_INVALID, "so is an empty text");
	free(big);
	/* Without --ec the configuration's level counts ([qr] error_correction). */
	const char *url = "https://rd.example.gov.cn/q/AB2CDE";
	struct qr l, h, d;
	o.ec = 'L';
	qr_encode(url, &o, &l);
	o.ec = 'H';
	qr_encode(url, &o, &h);
	char *saved = conf.qr_ec_level;
	conf.qr_ec_level = "H";
	o.ec = 0;
	qr_encode(url, &o, &d);
	conf.qr_ec_level = saved;
	ok(l.width < h.width, "level H makes a larger symbol than L (%d, %d)", l.width, h.width);
	ok(d.width == h.width && !memcmp(d.dark, h.dark, (size_t)h.width * (size_t)h.width),
	   "the configured level is used when none is given");
	qr_free(&l);
	qr_free(&h);
	qr_free(&d);
	char ec = 0;
	ok(qr_parse_ec("q", &ec) && ec == 'Q', "levels parse in either case");
	ok(!qr_parse_ec("X", &ec) && !qr_parse_ec("LM", &ec), "and nothing else");
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	have_zbar = have("zbarimg");
	have_rsvg = have("rsvg-convert");
	test_png_header();
	test_case_sensitive();
	test_png();
	test_svg();
	test_text();
	test_overwrite();
	test_batch();
	test_limits();
	tap_remove_dir(dir);
	return tap_done();
}
