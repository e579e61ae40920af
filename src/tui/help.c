/* The help screen: every key of the screen below it, from the key table. */
#include "config.h"

#include <stdlib.h>

#include "tui/screens.h"
#include "tui/view.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static int help_load(void *ctx, struct vw_data *d)
{
	struct scr *s = ctx;
	unsigned ctx_now = s->cls->keyctx ? s->cls->keyctx(s) : s->cls->ctx;
	/* A form's help lists the keys of every kind of field, not only the focused one's. */
	if (ctx_now & KC_FORM)
		ctx_now |= KC_CHOICE;
	d->ncells = 2;
	vw_heading(d, _("Keys"), _("What they do"), NULL);
	for (int i = 0; i < key_count; i++) {
		const struct keydef *k = &key_table[i];
		if (!(k->ctx & ctx_now))
			continue;
		if (k->act != ACT_NONE && key_find(ctx_now, k->act) != k)
			continue; /* the same action under another key of a context met earlier */
		if (k->act != ACT_NONE && s->cls->can && !s->cls->can(s, k->act))
			continue;
		vw_add(d, false, key_names(k), _(k->help), NULL);
	}
	if (s->cls->help)
		s->cls->help(s, d);
	return RD_OK;
}

int scr_help(struct scr *target)
{
	const char *title = target->cls->title ? target->cls->title(target) : _(target->cls->name);
	struct vw_spec spec = {
	    .title = xasprintf(_("Keys: %s"), title),
	    .load = help_load,
	    .ctx = target,
	};
	return tui_push(&scr_view, &spec);
}
