/*
 * The words of the stored codes, for people. The database, the files and the
 * commands' options keep the codes ("assigned", "satisfied", "town-clerk",
 * "department"); what a person reads says what they mean, in the person's
 * language (已交办, 满意, 镇（街道）工作人员, 部门). One table per field that holds
 * codes: workflow states (from the workflow tables), evaluations, channels,
 * levels, statuses, roles, kinds, actions, weekdays, flags (是, 否), audited
 * records, and the names of the columns that audit rows keep.
 *
 * The words are used when a message catalogue is in use (vocab_out(),
 * vocab_entity(), vocab_column()): the list and show commands and the console
 * print codes in the C locale, as before and for scripts, and words under
 * LANG=zh_CN.UTF-8, for clerks. vocab_label() gives the word in any locale.
 */
#ifndef RENDA_VOCAB_H
#define RENDA_VOCAB_H

#include <stdbool.h>

/* True when a message catalogue is in use (not the C locale, nor an untranslated language). */
bool vocab_translating(void);
/* The word for code as a value of field ("state", "from", "evaluation", ...); code when none. */
const char *vocab_label(const char *field, const char *code);
/* As vocab_label() when vocab_translating(), else code. */
const char *vocab_out(const char *field, const char *code);
/*
 * text with each whole word that is a code of field's values replaced by
 * vocab_out(), for values that join codes to other text ("张三 (ABC123)
 * confirmed; ..."). Returns a new string; caller frees.
 */
char *vocab_out_words(const char *field, const char *text);
/* True when field holds codes that vocab_label() knows (or words of them, as "cosigners"). */
bool vocab_has(const char *field);
/* The field whose words the values of column of table are: column itself but where a
   name means other codes in that table (a units table's "role": "unit_role"). */
const char *vocab_field_in(const char *table, const char *column);
/* The name of a kind of audited record ("case": voter issue), also by its table ("vcase"); entity
 * when unknown. */
const char *vocab_entity(const char *entity);
/* The label of a column that audit rows keep ("town_id": Town) when translating; else column. */
const char *vocab_column(const char *column);
/* The label of a field named by its key in options and files ("category": Category). */
const char *vocab_key(const char *key);
/*
 * How a message names a field: the key ("category") in the C locale, the
 * label and the key ("分类（category）") when translating, so that a clerk
 * reads the field and a script's author still finds the option. Points to
 * one of a few static buffers, valid until the fourth call after.
 */
const char *vocab_field(const char *key);

#endif
