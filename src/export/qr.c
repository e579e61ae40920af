#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <png.h>
#include <qrencode.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "export/qr.h"
#include "util/conf.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

void qr_opts_init(struct qr_opts *o)
{
	memset(o, 0, sizeof *o);
	o->margin = -1;
}

bool qr_parse_ec(const char *s, char *ec)
{
	if (!s || !s[0] || s[1])
		return false;
	const char *p = strchr("LMQHlmqh", s[0]);
	if (!p)
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

int qr_encode(const char *text, const struct qr_opts *o, struct qr *out)
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
		return err_set(RD_INVALID, _("QR code: nothing to encode"));
	/* Version 0: the smallest that holds the text. Always case-sensitive. */
	QRcode *c = QRcode_encodeString(text, 0, level, QR_MODE_8, 1);
	if (!c) {
		if (errno == ERANGE)
			return err_set(RD_INVALID,
			               _("QR code: %s is too long for error correction %c"), text,
			               ec_of(o));
		return err_set(RD_FAIL, _("QR code: cannot encode %s: %s"), text, strerror(errno));
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

int qr_png(const struct qr *q, const struct qr_opts *o, struct sbuf *buf)
{
	int px = o->module_px > 0 ? o->module_px : QR_MODULE_PX;
	int margin = margin_of(o);
	int dpi = o->dpi > 0 ? o->dpi : QR_DPI;
	int n = q->width + 2 * margin;
	uint32_t side = (uint32_t)n * (uint32_t)px;
	size_t rowbytes = (side + 7) / 8;
	/* Grayscale 1 bit: 0 is black, 1 is white. Rows of the quiet zone are all white. */
	unsigned char *row = xmalloc(rowbytes), *blank = xmalloc(rowbytes);
	memset(blank, 0xff, rowbytes);
	struct png_ctx pc = {.buf = buf};
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &pc, png_on_error,
	                                          png_on_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!info) {
		png_destroy_write_struct(&png, NULL);
		free(row);
		free(blank);
		return err_set(RD_FAIL, _("PNG: out of memory"));
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(row);
		free(blank);
		return err_set(RD_FAIL, _("PNG: %s"), pc.msg);
	}
	png_set_write_fn(png, &pc, png_out, png_flush_none);
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
				for (uint32_t p = (uint32_t)x * (uint32_t)px,
				              e = p + (uint32_t)px;
				     p < e; p++)
					row[p >> 3] &= (unsigned char)~(0x80u >> (p & 7));
			}
			r = row;
		}
		for (int k = 0; k < px; k++)
			png_write_row(png, r);
	}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(row);
	free(blank);
	return RD_OK;
}

/* ---- SVG ------------------------------------------------------------------ */

void qr_svg(const struct qr *q, const struct qr_opts *o, struct sbuf *buf)
{
	int margin = margin_of(o);
	int n = q->width + 2 * margin;
	sbuf_printf(buf,
	            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 %d %d\"",
	            n, n);
	if (o->module_px > 0)
		sbuf_printf(buf, " width=\"%d\" height=\"%d\"", n * o->module_px, n * o->module_px);
	sbuf_printf(buf,
	            " shape-rendering=\"crispEdges\">\n"
	            "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n"
	            "<path fill=\"#000\" d=\"",
	            n, n);
	/* One subpath per horizontal run of dark modules. */
	char tmp[64];
	for (int y = 0; y < q->width; y++) {
		for (int x = 0; x < q->width;) {
			if (!q->dark[(size_t)y * (size_t)q->width + (size_t)x]) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < q->width &&
			       q->dark[(size_t)y * (size_t)q->width + (size_t)(x + run)])
				run++;
			int len = snprintf(tmp, sizeof tmp, "M%d %dh%dv1h-%dz", x + margin, y + margin,
			                   run, run);
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
	static const char *const half[4] = {" ", "\xe2\x96\x84", "\xe2\x96\x80", "\xe2\x96\x88"};
	for (int y = 0; y < n; y += 2) {
		for (int x = 0; x < n; x++)
			sbuf_puts(buf, half[(INK(x, y) ? 2 : 0) | (INK(x, y + 1) ? 1 : 0)]);
		sbuf_putc(buf, '\n');
	}
#undef INK
}

/* ---- files ---------------------------------------------------------------- */

int qr_check_new(const char *path, bool force)
{
	struct stat sb;
	if (!force && !lstat(path, &sb))
		return err_set(RD_EXISTS, _("%s already exists; use --force to overwrite it"), path);
	return RD_OK;
}

/* Renames tmp to path; without force, fails with EEXIST rather than replace a file. */
static int place(const char *tmp, const char *path, bool force)
{
	if (force)
		return rename(tmp, path);
#ifdef RENAME_NOREPLACE
	if (!renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE))
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return -1;
#endif
	/* A hard link never replaces; file systems without links get check-then-rename. */
	if (!link(tmp, path)) {
		unlink(tmp);
		return 0;
	}
	if (errno == EEXIST)
		return -1;
	struct stat sb;
	if (!lstat(path, &sb)) {
		errno = EEXIST;
		return -1;
	}
	return rename(tmp, path);
}

char *qr_tmp_name(const char *path)
{
	static unsigned serial;
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path + 1) : 0;
	return xasprintf("%.*s.%s.tmp-%ld-%u", dirlen, path, path + dirlen, (long)getpid(),
	                 serial++);
}

int qr_commit(const char *tmp, const char *path, bool force)
{
	int rc = RD_OK;
	if (place(tmp, path, force))
		rc = errno == EEXIST ? err_set(RD_EXISTS,
		                               _("%s already exists; use --force to overwrite it"), path)
		                     : err_set(RD_FAIL, _("cannot save %s: %s"), path, strerror(errno));
	if (rc)
		unlink(tmp);
	return rc;
}

int qr_write_file(const char *path, const char *data, size_t len, bool force)
{
	int rc = qr_check_new(path, force);
	if (rc)
		return rc;
	char *tmp = NULL;
	int fd = -1;
	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		free(tmp);
		tmp = qr_tmp_name(path);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		rc = err_set(RD_FAIL, _("cannot save %s: %s"), path, strerror(errno));
		free(tmp);
		return rc;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	int saved = errno;
	if (close(fd) && done == len) {
		saved = errno;
		done = 0;
	}
	if (done != len) {
		rc = err_set(RD_FAIL, _("cannot save %s: %s"), path, strerror(saved ? saved : EIO));
		unlink(tmp);
	} else
		rc = qr_commit(tmp, path, force);
	free(tmp);
	return rc;
}
