#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <png.h>
#include <pthread.h>
#include <qrencode.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "export/qr.h"
#include "util/conf.h"
#include "util/cpus.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/libs.h"
#include "util/outfile.h"
#include "util/xalloc.h"

/*
 * The workers of qr_write_files() run the same code as the public functions, so
 * nothing below may call err_set() (one buffer for the process): failures go to a
 * struct fail that the caller hands on to err_set() in its own thread.
 */
struct fail {
	int st;
	char msg[512];
};

static int failed(struct fail *f, int st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int failed(struct fail *f, int st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof f->msg, fmt, ap);
	va_end(ap);
	return f->st = st;
}

/* Hands a failure to err_set() (in the calling thread); returns its status. */
static int report(const struct fail *f)
{
	return err_set(f->st, "%s", f->msg);
}

void qr_opts_init(struct qr_opts *o)
{
	memset(o, 0, sizeof *o);
	o->margin = -1;
}

bool qr_parse_ec(const char *s, char *ec)
{
	if (!s || !s[0] || s[1] || !strchr("LMQHlmqh", s[0]))
		return false;
	*ec = (char)(s[0] & ~0x20);
	return true;
}

static char ec_of(const struct qr_opts *o)
{
	if (o->ec)
		return o->ec;
	if (conf.qr_ec_level && conf.qr_ec_level[0])
		return conf.qr_ec_level[0];
	return 'M';
}

static int margin_of(const struct qr_opts *o)
{
	return o->margin >= 0 ? o->margin : QR_MARGIN;
}

static int encode(const char *text, const struct qr_opts *o, struct qr *out, struct fail *f)
{
	memset(out, 0, sizeof *out);
	QRecLevel level;
	switch (ec_of(o)) {
	case 'L': level = QR_ECLEVEL_L; break;
	case 'Q': level = QR_ECLEVEL_Q; break;
	case 'H': level = QR_ECLEVEL_H; break;
	default: level = QR_ECLEVEL_M; break;
	}
	if (!text || !*text)
		return failed(f, RD_INVALID, _("QR code: nothing to encode"));
	/* Version 0: the smallest that holds the text. Always case-sensitive. */
	QRcode *c = QRcode_encodeString(text, 0, level, QR_MODE_8, 1);
	if (!c) {
		if (errno == ERANGE)
			return failed(f, RD_INVALID,
			              _("QR code: %s is too long for error correction %c"), text,
			              ec_of(o));
		return failed(f, RD_FAIL, _("QR code: cannot encode %s: %s"), text,
		              strerror(errno));
	}
	size_t n = (size_t)c->width * (size_t)c->width;
	out->version = c->version;
	out->width = c->width;
	out->dark = xmalloc(n);
	for (size_t i = 0; i < n; i++)
		out->dark[i] = c->data[i] & 1;
	QRcode_free(c);
	return RD_OK;
}

int qr_encode(const char *text, const struct qr_opts *o, struct qr *out)
{
	if (dynlib_ready(&libs_qrencode))
		return RD_FAIL;
	struct fail f;
	return encode(text, o, out, &f) ? report(&f) : RD_OK;
}

void qr_free(struct qr *q)
{
	free(q->dark);
	q->dark = NULL;
	q->width = q->version = 0;
}

/* True when module (x, y) of the symbol with its quiet zone is dark. */
static bool dark_at(const struct qr *q, int margin, int x, int y)
{
	x -= margin;
	y -= margin;
	if (x < 0 || y < 0 || x >= q->width || y >= q->width)
		return false;
	return q->dark[(size_t)y * (size_t)q->width + (size_t)x];
}

/* ---- PNG ------------------------------------------------------------------ */

struct png_ctx {
	struct sbuf *buf;
	char msg[200];
};

static void png_out(png_structp png, png_bytep data, size_t n)
{
	struct png_ctx *pc = png_get_io_ptr(png);
	sbuf_add(pc->buf, (const char *)data, n);
}

static void png_flush_none(png_structp png)
{
	(void)png;
}

static void png_on_error(png_structp png, png_const_charp msg)
{
	struct png_ctx *pc = png_get_error_ptr(png);
	snprintf(pc->msg, sizeof pc->msg, "%s", msg);
	png_longjmp(png, 1);
}

static void png_on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* Writes the image through png; libpng errors longjmp out to make_png. */
static void png_body(png_structp png, png_infop info, const struct qr *q, const struct qr_opts *o,
                     unsigned char *row, const unsigned char *blank, size_t rowbytes)
{
	int px = o->module_px > 0 ? o->module_px : QR_MODULE_PX;
	int margin = margin_of(o);
	int dpi = o->dpi > 0 ? o->dpi : QR_DPI;
	int n = q->width + 2 * margin;
	png_uint_32 side = (png_uint_32)n * (png_uint_32)px;
	png_set_IHDR(png, info, side, side, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_uint_32 ppm = (png_uint_32)(dpi / 0.0254 + 0.5);
	png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	/* Two-colour images compress best unfiltered; level 1 is fast and still small. */
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_compression_level(png, Z_BEST_SPEED);
	png_write_info(png, info);
	for (int y = 0; y < n; y++) {
		const unsigned char *r = blank;
		if (y >= margin && y < margin + q->width) {
			memset(row, 0xff, rowbytes);
			for (int x = margin; x < margin + q->width; x++) {
				if (!dark_at(q, margin, x, y))
					continue;
				png_uint_32 p = (png_uint_32)x * (png_uint_32)px,
				            e = p + (png_uint_32)px;
				for (; p < e; p++)
					row[p >> 3] &= (unsigned char)~(0x80u >> (p & 7));
			}
			r = row;
		}
		for (int k = 0; k < px; k++)
			png_write_row(png, r);
	}
	png_write_end(png, NULL);
}

static int make_png(const struct qr *q, const struct qr_opts *o, struct sbuf *buf, struct fail *f)
{
	size_t n = (size_t)(q->width + 2 * margin_of(o));
	size_t rowbytes = (n * (size_t)(o->module_px > 0 ? o->module_px : QR_MODULE_PX) + 7) / 8;
	/* Grayscale 1 bit: 0 is black, 1 is white. Rows of the quiet zone are all white. */
	unsigned char *row = xmalloc(rowbytes), *blank = xmalloc(rowbytes);
	memset(blank, 0xff, rowbytes);
	struct png_ctx pc = {.buf = buf};
	png_structp png =
	    png_create_write_struct(PNG_LIBPNG_VER_STRING, &pc, png_on_error, png_on_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	int rc = RD_OK;
	if (!info)
		rc = failed(f, RD_FAIL, _("PNG: out of memory"));
	else if (setjmp(png_jmpbuf(png)))
		rc = failed(f, RD_FAIL, _("PNG: %s"), pc.msg);
	else {
		png_set_write_fn(png, &pc, png_out, png_flush_none);
		png_body(png, info, q, o, row, blank, rowbytes);
	}
	png_destroy_write_struct(&png, info ? &info : NULL);
	free(row);
	free(blank);
	return rc;
}

int qr_png(const struct qr *q, const struct qr_opts *o, struct sbuf *buf)
{
	if (dynlib_ready(&libs_png))
		return RD_FAIL;
	struct fail f;
	return make_png(q, o, buf, &f) ? report(&f) : RD_OK;
}

/* ---- SVG ------------------------------------------------------------------ */

void qr_svg(const struct qr *q, const struct qr_opts *o, struct sbuf *buf)
{
	int margin = margin_of(o);
	int n = q->width + 2 * margin;
	sbuf_printf(
	    buf,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 %d %d\"",
	    n, n);
	/* The printed size of the PNG with the same options: module_px dots at dpi. */
	int px = o->module_px > 0 ? o->module_px : QR_MODULE_PX;
	int dpi = o->dpi > 0 ? o->dpi : QR_DPI;
	double mm = n * px * 25.4 / dpi;
	sbuf_printf(buf, " width=\"%.2fmm\" height=\"%.2fmm\"", mm, mm);
	sbuf_printf(buf,
	            " shape-rendering=\"crispEdges\">\n"
	            "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n"
	            "<path fill=\"#000\" d=\"",
	            n, n);
	/* One subpath per horizontal run of dark modules. */
	char tmp[64];
	for (int y = 0; y < q->width; y++) {
		const unsigned char *row = q->dark + (size_t)y * (size_t)q->width;
		for (int x = 0; x < q->width;) {
			if (!row[x]) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < q->width && row[x + run])
				run++;
			int len = snprintf(tmp, sizeof tmp, "M%d %dh%dv1h-%dz", x + margin,
			                   y + margin, run, run);
			sbuf_add(buf, tmp, (size_t)len);
			x += run;
		}
	}
	sbuf_puts(buf, "\"/>\n</svg>\n");
}

/* ---- terminal text -------------------------------------------------------- */

void qr_text(const struct qr *q, const struct qr_opts *o, struct sbuf *buf)
{
	int margin = margin_of(o);
	int n = q->width + 2 * margin;
	/* Ink: the glyph's colour, which is the terminal's text colour. Beyond the last
	 * row (an odd count in half-block mode) there is no ink: the terminal's own
	 * background shows, which is light when inverted and dark otherwise. */
#define INK(x, y) ((y) < n && (dark_at(q, margin, (x), (y)) == o->invert))
	if (o->ascii) {
		for (int y = 0; y < n; y++) {
			for (int x = 0; x < n; x++)
				sbuf_add(buf, INK(x, y) ? "##" : "  ", 2);
			sbuf_putc(buf, '\n');
		}
		return;
	}
	/* space, lower half, upper half, full block */
	static const char *const half[4] = {" ", "\xe2\x96\x84", "\xe2\x96\x80", "\xe2\x96\x88"};
	for (int y = 0; y < n; y += 2) {
		for (int x = 0; x < n; x++)
			sbuf_puts(buf, half[(INK(x, y) ? 2 : 0) | (INK(x, y + 1) ? 1 : 0)]);
		sbuf_putc(buf, '\n');
	}
#undef INK
}

/* ---- files ---------------------------------------------------------------- */

int qr_write_file(const char *path, const char *data, size_t len, bool force)
{
	return outfile_save(path, data, len, force, OUTFILE_PUBLIC);
}

/* ---- many files at once --------------------------------------------------- */

struct batch {
	const char *const *texts, *const *paths;
	size_t n;
	enum qr_format fmt;
	const struct qr_opts *o;
	atomic_size_t next, written;
	atomic_bool stop;
	pthread_mutex_t lock;
	size_t fail_at; /* index of the first failed job (n when none) */
	struct fail fail;
};

/* One job: encode, draw, write. */
static int one(struct batch *b, size_t i, struct sbuf *buf, struct fail *f)
{
	struct qr q;
	int rc = encode(b->texts[i], b->o, &q, f);
	if (rc)
		return rc;
	sbuf_reset(buf);
	if (b->fmt == QR_FORMAT_SVG)
		qr_svg(&q, b->o, buf);
	else
		rc = make_png(&q, b->o, buf, f);
	qr_free(&q);
	if (!rc && (rc = qr_write_file(b->paths[i], buf->s, buf->len, b->o->force)))
		failed(f, rc, "%s", err_msg()); /* this thread's own message */
	return rc;
}

static void *worker(void *arg)
{
	struct batch *b = arg;
	struct sbuf buf = SBUF_INIT;
	struct fail f;
	while (!atomic_load(&b->stop)) {
		size_t i = atomic_fetch_add(&b->next, 1);
		if (i >= b->n)
			break;
		if (!one(b, i, &buf, &f)) {
			atomic_fetch_add(&b->written, 1);
			continue;
		}
		/* Keep the failure of the earliest job: the one a serial run would report. */
		pthread_mutex_lock(&b->lock);
		if (i < b->fail_at) {
			b->fail_at = i;
			b->fail = f;
		}
		pthread_mutex_unlock(&b->lock);
		atomic_store(&b->stop, true);
	}
	sbuf_free(&buf);
	return NULL;
}

int qr_write_files(const char *const *texts, const char *const *paths, size_t n, enum qr_format fmt,
                   const struct qr_opts *o, size_t *written)
{
	/* Loaded here, before the workers start, to say why if it cannot be. */
	*written = 0;
	if (dynlib_ready(&libs_qrencode) || dynlib_ready(&libs_png))
		return RD_FAIL;
	struct batch b = {.texts = texts, .paths = paths, .n = n, .fmt = fmt, .o = o, .fail_at = n};
	atomic_init(&b.next, 0);
	atomic_init(&b.written, 0);
	atomic_init(&b.stop, false);
	pthread_mutex_init(&b.lock, NULL);
	long cpus = o->threads > 0 ? o->threads : cpus_usable();
	/* A thread per processor, and no more than one per 8 files. */
	size_t nthreads = cpus < 1 ? 1 : cpus > 16 ? 16 : (size_t)cpus;
	if (nthreads > n / 8 + 1)
		nthreads = n / 8 + 1;
	pthread_t *tid = xcalloc(nthreads, sizeof *tid);
	size_t started = 1;
	for (size_t t = 1; t < nthreads; t++, started++)
		if (pthread_create(&tid[t], NULL, worker, &b))
			break;
	worker(&b); /* the calling thread works too */
	for (size_t t = 1; t < started; t++)
		pthread_join(tid[t], NULL);
	free(tid);
	pthread_mutex_destroy(&b.lock);
	*written = atomic_load(&b.written);
	return b.fail_at < n ? report(&b.fail) : RD_OK;
}
