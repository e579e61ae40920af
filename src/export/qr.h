/*
 * QR codes of deputies' URLs as PNG (1-bit, with the print DPI), SVG and
 * terminal text. Output layer: no curses, no SQL. Encoding is always
 * case-sensitive 8-bit (a URL's path keeps its case); the error-correction
 * level comes from the options or the configuration ([qr] error_correction).
 */
#ifndef RENDA_QR_H
#define RENDA_QR_H

#include <stdbool.h>
#include <stddef.h>

#include "util/sbuf.h"

/* Defaults: pixels per module, quiet zone in modules (the standard's 4), PNG DPI. */
#define QR_MODULE_PX 8
#define QR_MARGIN 4
#define QR_DPI 300
/* Limits accepted by the options. */
#define QR_MODULE_MAX 100
#define QR_MARGIN_MAX 40
#define QR_DPI_MAX 9600

struct qr_opts {
	char ec;       /* 'L', 'M', 'Q' or 'H'; 0 = the configuration's (M when unset) */
	int module_px; /* pixels per module (0 = QR_MODULE_PX) */
	int margin;    /* quiet zone in modules (-1 = QR_MARGIN) */
	int dpi;       /* PNG pHYs (0 = QR_DPI); with module_px, the printed size of both */
	bool ascii;    /* text: "##" per module, for terminals that draw ▀▄█ double width */
	bool invert;   /* text: for dark text on a light background (default: light on dark) */
	bool force;    /* files: replace an existing file */
	int threads;   /* qr_write_files: threads (0 = one per processor) */
};

enum qr_format { QR_FORMAT_PNG, QR_FORMAT_SVG };

/* A QR symbol: width x width modules, one byte each (nonzero = dark). */
struct qr {
	int version, width;
	unsigned char *dark;
};

/* Sets the defaults (all zero but margin -1). */
void qr_opts_init(struct qr_opts *o);
/* Parses "L", "M", "Q" or "H" (any case); false when it is none of them. */
bool qr_parse_ec(const char *s, char *ec);

/* Encodes text as a QR symbol (case-sensitive 8-bit mode); caller frees with qr_free. */
int qr_encode(const char *text, const struct qr_opts *o, struct qr *out);
void qr_free(struct qr *q);

/* Appends a PNG of the symbol to buf (1-bit grayscale, pHYs = dpi, fast zlib). */
int qr_png(const struct qr *q, const struct qr_opts *o, struct sbuf *buf);
/*
 * Appends an SVG of the symbol: a white square and one path, viewBox in modules,
 * width and height in millimetres: the printed size of the PNG with the same
 * options (module_px pixels per module at dpi; 25 mm for 37 modules by default).
 */
void qr_svg(const struct qr *q, const struct qr_opts *o, struct sbuf *buf);
/*
 * Appends the symbol as terminal text. Half blocks (▀ ▄ █ and space) put two rows
 * in one line; o->ascii uses "##"/"  " per module, one line per row. The glyphs draw
 * the light modules and the quiet zone, so the code scans on the usual light-on-dark
 * terminal; o->invert draws the dark modules instead, for dark text on light paper.
 */
void qr_text(const struct qr *q, const struct qr_opts *o, struct sbuf *buf);

/*
 * Writes data to path as util/outfile.h writes every file (a temporary file
 * created exclusively beside it, renamed into place). Without force an existing
 * name is kept: RD_EXISTS naming it and --force.
 */
int qr_write_file(const char *path, const char *data, size_t len, bool force);
/*
 * Writes texts[i] as a QR image (PNG or SVG) to paths[i], as qr_write_file does,
 * for i < n, with several threads. Stops at the first failure, reported as a
 * serial run would report it; *written counts the files written.
 */
int qr_write_files(const char *const *texts, const char *const *paths, size_t n, enum qr_format fmt,
                   const struct qr_opts *o, size_t *written);

#endif
