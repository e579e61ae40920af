/*
 * The print sheet of deputies' QR codes: an XLSX workbook of cards (name, level,
 * town, liaison station, the QR image and the code in text) laid out for A4 paper,
 * cut along the dashed lines and handed to the liaison stations. Output layer.
 */
#ifndef RENDA_QRSHEET_H
#define RENDA_QRSHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "export/qr.h"
#include "model/deputy/deputy.h"

struct qrsheet_opts {
	char ec;    /* error correction, as struct qr_opts (0 = the configuration's) */
	int across; /* cards side by side: 2 (larger codes) or 3 (0 = 3) */
	bool force; /* replace an existing file */
};

/*
 * Writes the cards to path as an XLSX workbook (through a temporary file renamed
 * into place; RD_EXISTS without force when path exists). Each card encodes
 * cards[i].url and shows cards[i].level as it is (already translated).
 */
int qrsheet_write(const char *path, const struct deputy_card *cards, size_t n,
                  const struct qrsheet_opts *o);

#endif
