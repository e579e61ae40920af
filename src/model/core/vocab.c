#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/case/case.h"
#include "model/core/scope.h"
#include "model/core/vocab.h"
#include "model/suggestion/suggestion.h"
#include "modules.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* A code and the English msgid of its word, looked up in the context of its table. */
struct word {
	const char *code, *label;
};

/* The translation of s in context ctx (msgctxt), or s itself. */
static const char *pgettext_rt(const char *ctx, const char *s)
{
	char key[256];
	size_t c = strlen(ctx), n = strlen(s);
	if (c + n + 2 > sizeof key)
		return s;
	memcpy(key, ctx, c);
	key[c] = '\004';
	memcpy(key + c + 1, s, n + 1);
	const char *t = gettext(key);
	return t == key ? s : t;
}

static const struct word evaluations[] = {
    {"satisfied", NC_("evaluation", "satisfied")},
    {"basic", NC_("evaluation", "basically satisfied")},
    {"unsatisfied", NC_("evaluation", "unsatisfied")},
    {NULL, NULL},
};
static const struct word channels[] = {
    {"qr", NC_("channel", "QR code")},
    {"phone", NC_("channel", "phone call")},
    {"station", NC_("channel", "liaison station")},
    {"other", NC_("channel", "other")},
    /* How a livelihood project's proposal came in. */
    {"online", NC_("channel", "online")},
    {"paper", NC_("channel", "on paper")},
    {NULL, NULL},
};
static const struct word levels[] = {
    {"city", NC_("level", "city level")},
    {"town", NC_("level", "town level")},
    {NULL, NULL},
};
static const struct word statuses[] = {
    {"in-office", NC_("status", "in office")},
    {"left", NC_("status", "left office")},
    {"invited", NC_("status", "invited")},
    {"confirmed", NC_("status", "confirmed")},
    {"declined", NC_("status", "declined")},
    {"requested", NC_("status", "signed up")},
    {"withdrawn", NC_("status", "withdrawn")},
    {"present", NC_("status", "present")},
    {"leave", NC_("status", "on leave")},
    {"absent", NC_("status", "absent")},
    {NULL, NULL},
};
static const struct word kinds[] = {
    {"motion", NC_("kind", "motion")},
    {"suggestion", NC_("kind", "suggestion")},
    {"town", NC_("kind", "town")},
    {"street", NC_("kind", "street")},
    {"department", NC_("kind", "government department")},
    {"town-government", NC_("kind", "town government")},
    {"other", NC_("kind", "other")},
    {"holiday", NC_("kind", "holiday")},
    {"workday", NC_("kind", "make-up workday")},
    {"delegation", NC_("kind", "delegation")},
    {"presidium", NC_("kind", "presidium")},
    {"meeting", NC_("kind", "meeting sat in on")},
    {"inspection", NC_("kind", "inspection")},
    {"research", NC_("kind", "research")},
    {"enforcement", NC_("kind", "law-enforcement check")},
    {"reception", NC_("kind", "reception at a liaison station")},
    {"training", NC_("kind", "training")},
    {"group", NC_("kind", "deputy group activity")},
    {"report", NC_("kind", "report-back to voters")},
    /* A livelihood projects' ballot; a finance review's draft. */
    {"vote", NC_("kind", "vote")},
    {"evaluation", NC_("kind", "satisfaction evaluation")},
    {"budget", NC_("kind", "draft budget")},
    {"accounts", NC_("kind", "draft final accounts")},
    {NULL, NULL},
};
/* States of records that have no workflow (a project's rectification item). */
static const struct word other_states[] = {
    {"done", NC_("state", "done")},
    {NULL, NULL},
};
/* Who a reply to a motion or suggestion is owed to (suggestion_reply.role). */
static const struct word reply_roles[] = {
    {"lead", NC_("role", "lead deputy")},
    {"cosigner", NC_("role", "co-signer")},
    {NULL, NULL},
};
/* The conditions of a workflow's rows (wf_trans.when), for "only when ...". */
static const struct word conditions[] = {
    {"motion", NC_("condition", "it is a motion")},
    {"suggestion", NC_("condition", "it is a suggestion")},
    {"satisfied", NC_("condition", "the evaluation is satisfied")},
    {"basic", NC_("condition", "the evaluation is basically satisfied")},
    {"unsatisfied", NC_("condition", "the evaluation is unsatisfied")},
    {"support", NC_("condition", "supporting units are named")},
    {"last", NC_("condition", "it is the last supporting unit's opinion")},
    {"followup", NC_("condition", "the reply's class asks for follow-up")},
    {"tie", NC_("condition", "candidates tie at the cut")},
    {"rated", NC_("condition", "the evaluation's figures rate it")},
    {"bottom", NC_("condition", "it ranks in the bottom")},
    {"rerated", NC_("condition", "the second evaluation's figures rate it")},
    {"appraised", NC_("condition", "it has had a third-party evaluation")},
    {"open_items", NC_("condition", "it has rectification items open")},
    {NULL, NULL},
};
/* A co-signer's answer, or the answer to sign-ups, as an event's text ends with it
   ("names: confirm"). */
static const struct word answers[] = {
    {"confirm", NC_("answer", "confirms")},
    {"decline", NC_("answer", "declines")},
    /* The answer to deputies' sign-ups for an activity ("names: confirm-signup"). */
    {"confirm-signup", NC_("answer", "sign-up confirmed")},
    {"decline-signup", NC_("answer", "sign-up declined")},
    {NULL, NULL},
};
static const struct word unit_roles[] = {
    {"lead", NC_("unit role", "lead unit")},
    {"support", NC_("unit role", "supporting unit")},
    {NULL, NULL},
};
/* The levels of a finance warning. */
static const struct word severities[] = {
    {"yellow", NC_("severity", "yellow")},
    {"red", NC_("severity", "red")},
    {NULL, NULL},
};
static const struct word weekdays[] = {
    {"Mon", NC_("weekday", "Mon")}, {"Tue", NC_("weekday", "Tue")},
    {"Wed", NC_("weekday", "Wed")}, {"Thu", NC_("weekday", "Thu")},
    {"Fri", NC_("weekday", "Fri")}, {"Sat", NC_("weekday", "Sat")},
    {"Sun", NC_("weekday", "Sun")}, {NULL, NULL},
};
/* The steps of the workflows and the changes the audit trail records. */
static const struct word actions[] = {
    {"receive", NC_("action", "receive")},
    {"deputy-reply", NC_("action", "deputy's reply")},
    {"forward", NC_("action", "forward")},
    {"reject", NC_("action", "reject")},
    {"assign", NC_("action", "assign")},
    {"return", NC_("action", "return")},
    {"respond", NC_("action", "respond")},
    {"reply", NC_("action", "reply")},
    {"evaluate", NC_("action", "evaluate")},
    {"close", NC_("action", "close")},
    {"chase", NC_("action", "chase")},
    {"invite", NC_("action", "invite co-signers")},
    {"cosign", NC_("action", "co-sign")},
    {"submit", NC_("action", "submit")},
    {"revise", NC_("action", "send back for revision")},
    {"withdraw", NC_("action", "withdraw")},
    {"convert", NC_("action", "convert to a suggestion")},
    {"register", NC_("action", "register")},
    {"merge", NC_("action", "merge")},
    {"opinion", NC_("action", "supporting unit's opinion")},
    {"meet", NC_("action", "face-to-face consultation")},
    {"request-extension", NC_("action", "request an extension")},
    {"extend", NC_("action", "extend")},
    {"supervise", NC_("action", "key supervision")},
    {"add", NC_("action", "add")},
    {"edit", NC_("action", "edit")},
    {"remove", NC_("action", "remove")},
    {"like", NC_("action", "like")},
    {"comment", NC_("action", "comment")},
    {"raise", NC_("action", "raise")},
    {"send", NC_("action", "send for self-check")},
    {"report", NC_("action", "self-check report")},
    {"verify", NC_("action", "verify")},
    {"resolve", NC_("action", "resolve")},
    {"dismiss", NC_("action", "dismiss")},
    {"note", NC_("action", "note")},
    {"import", NC_("action", "import")},
    {"respond", NC_("action", "record the response")},
    {"migrate", NC_("action", "upgrade the schema")},
    {"demo", NC_("action", "demo data")},
    {"seed", NC_("action", "first reference data")},
    {"init", NC_("action", "make the site's database")},
    {"sync", NC_("action", "exchange with another site")},
    {"key", NC_("action", "exchange key")},
    {"export", NC_("action", "write an exchange file")},
    {"apply", NC_("action", "apply an exchange file")},
    {"conflict", NC_("action", "exchange conflict found")},
    {"keep-mine", NC_("action", "keep our version")},
    {"take-theirs", NC_("action", "take the other site's version")},
    {"resolved-there", NC_("action", "resolved at the other site")},
    {"plan", NC_("action", "plan")},
    {"open", NC_("action", "open for sign-up")},
    {"sign-up", NC_("action", "sign up")},
    {"confirm", NC_("action", "answer sign-ups")},
    {"withdraw-signup", NC_("action", "withdraw a sign-up")},
    {"close-signup", NC_("action", "close the sign-up")},
    {"present", NC_("action", "present")},
    {"leave", NC_("action", "on leave")},
    {"absent", NC_("action", "absent")},
    {"record", NC_("action", "complete the attendance")},
    {"archive", NC_("action", "archive")},
    {"cancel", NC_("action", "cancel")},
    {NULL, NULL},
};
/* The kinds of records the audit trail names. */
static const struct word entities[] = {
    {"case", NC_("entity", "voter issue")},
    {"case_comment", NC_("entity", "comment on a voter issue")},
    {"case_like", NC_("entity", "like of a voter issue")},
    {"suggestion", NC_("entity", "motion or suggestion")},
    {"deputy", NC_("entity", "deputy")},
    {"user", NC_("entity", "account")},
    {"schema", NC_("entity", "database schema")},
    {"town", NC_("entity", "town or street")},
    {"category", NC_("entity", "category")},
    {"unit", NC_("entity", "handling unit")},
    {"office", NC_("entity", "committee office")},
    {"group", NC_("entity", "deputy group")},
    {"station", NC_("entity", "liaison station")},
    {"term", NC_("entity", "congress term")},
    {"session", NC_("entity", "congress session")},
    {"calendar", NC_("entity", "calendar day")},
    {"result_class", NC_("entity", "result class")},
    {"ethnicity", NC_("entity", "ethnic group")},
    {"delegation", NC_("entity", "delegation or presidium")},
    {"site", NC_("entity", "site")},
    {"sync", NC_("entity", "exchange between sites")},
    {"wf_event", NC_("entity", "workflow step")},
    {"wf_clock", NC_("entity", "deadline")},
    {"wf_rule", NC_("entity", "deadline rule")},
    {"vcase_unit", NC_("entity", "unit of a voter issue")},
    {"suggestion_cosigner", NC_("entity", "co-signer")},
    {"suggestion_unit", NC_("entity", "unit of a motion or suggestion")},
    {"suggestion_meeting", NC_("entity", "face-to-face consultation")},
    {"suggestion_reply", NC_("entity", "reply to a deputy")},
    {"activity", NC_("entity", "activity of deputies")},
    {"warning", NC_("entity", "finance warning")},
    {"fin_import", NC_("entity", "import of finance data")},
    {"fin_rule", NC_("entity", "warning rule")},
    {"fin_review", NC_("entity", "preliminary review opinion")},
    {"policy", NC_("entity", "document of the policy library")},
    {"audit", NC_("entity", "audit trail")},
    {"project", NC_("entity", "livelihood project")},
    {"project-cycle", NC_("entity", "yearly cycle of livelihood projects")},
    {"project-opinion", NC_("entity", "opinion on a livelihood project")},
    {"project-proposal", NC_("entity", "proposal for a livelihood project")},
    {"points_correction", NC_("entity", "correction of duty points")},
    {"points_version", NC_("entity", "version of the duty points rules")},
    /* The same by table name, as messages about a record's version name it. */
    {"vcase", NC_("entity", "voter issue")},
    {"app_user", NC_("entity", "account")},
    {"deputy_group", NC_("entity", "deputy group")},
    {"congress_session", NC_("entity", "congress session")},
    {"calendar_day", NC_("entity", "calendar day")},
    {"fin_warning", NC_("entity", "finance warning")},
    {"fin_policy", NC_("entity", "document of the policy library")},
    {NULL, NULL},
};
/* The columns of the records audit rows keep (audit_snapshot()). */
static const struct word columns[] = {
    {"id", NC_("column", "record id")},
    {"code", NC_("column", "code")},
    {"name", NC_("column", "name")},
    {"kind", NC_("column", "kind")},
    {"body", NC_("column", "congress body")},
    {"sort", NC_("column", "order")},
    {"active", NC_("column", "active")},
    {"version", NC_("column", "version")},
    {"town_id", NC_("column", "town or street")},
    {"address", NC_("column", "address")},
    {"level", NC_("column", "level")},
    {"number", NC_("column", "number")},
    {"start_date", NC_("column", "starts")},
    {"end_date", NC_("column", "ends")},
    {"term_id", NC_("column", "term")},
    {"day", NC_("column", "date")},
    {"followup", NC_("column", "follow-up")},
    {"letters", NC_("column", "letter code")},
    {"login", NC_("column", "account")},
    {"role", NC_("column", "role")},
    {"unit_id", NC_("column", "handling unit")},
    {"created_at", NC_("column", "registered at")},
    {"gender", NC_("column", "gender")},
    {"ethnicity", NC_("column", "ethnicity")},
    {"birth_date", NC_("column", "born")},
    {"party", NC_("column", "party")},
    {"occupation", NC_("column", "occupation")},
    {"phone", NC_("column", "phone")},
    {"resident_id", NC_("column", "resident ID")},
    {"constituency", NC_("column", "constituency")},
    {"group_id", NC_("column", "deputy group")},
    {"station_id", NC_("column", "liaison station")},
    {"status", NC_("column", "status")},
    {"left_date", NC_("column", "left on")},
    {"left_reason", NC_("column", "reason for leaving")},
    {"external_id", NC_("column", "intake page id")},
    {"submitted_at", NC_("column", "submitted at")},
    {"channel", NC_("column", "came by")},
    {"deputy_id", NC_("column", "deputy")},
    {"category_id", NC_("column", "category")},
    {"title", NC_("column", "title")},
    {"content", NC_("column", "content")},
    {"voter_name", NC_("column", "voter")},
    {"voter_phone", NC_("column", "voter's phone")},
    {"private", NC_("column", "not public")},
    {"state", NC_("column", "state")},
    {"lead_unit_id", NC_("column", "lead unit")},
    {"reply", NC_("column", "reply")},
    {"evaluation", NC_("column", "evaluation")},
    {"rounds", NC_("column", "re-handlings")},
    {"closed_at", NC_("column", "closed at")},
    {"updated_at", NC_("column", "changed at")},
    {"session_id", NC_("column", "congress session")},
    {"basis", NC_("column", "basis")},
    {"proposal", NC_("column", "proposal")},
    {"lead_deputy_id", NC_("column", "lead deputy")},
    {"delegation", NC_("column", "delegation")},
    {"merged_into", NC_("column", "merged into")},
    {"result_class_id", NC_("column", "result class")},
    {"key_supervised", NC_("column", "key supervised")},
    {"supervisor", NC_("column", "leading official")},
    {"case_id", NC_("column", "voter issue")},
    {"at", NC_("column", "time")},
    {"text", NC_("column", "text")},
    {"rating", NC_("column", "rating")},
    {"schema_version", NC_("column", "schema version")},
    /* The parts of records an exchange conflict shows (events, clocks, units...). */
    {"workflow", NC_("column", "workflow")},
    {"item_id", NC_("column", "item")},
    {"account", NC_("column", "account acting")},
    {"action", NC_("column", "action")},
    {"from_state", NC_("column", "state before")},
    {"to_state", NC_("column", "state after")},
    {"public", NC_("column", "public")},
    {"clock", NC_("column", "deadline")},
    {"round", NC_("column", "round")},
    {"started", NC_("column", "started")},
    {"due", NC_("column", "due")},
    {"stopped", NC_("column", "stopped")},
    {"outcome", NC_("column", "outcome")},
    {"assigned_at", NC_("column", "assigned at")},
    {"suggestion_id", NC_("column", "motion or suggestion")},
    {"invited_at", NC_("column", "invited at")},
    {"answered_at", NC_("column", "answered at")},
    {"opinion_at", NC_("column", "opinion given at")},
    {"place", NC_("column", "place")},
    {"deputies", NC_("column", "deputies present")},
    {"notes", NC_("column", "notes")},
    {"recorded_at", NC_("column", "recorded at")},
    {"via_id", NC_("column", "owed through item")},
    {"unit", NC_("column", "counted in")},
    {"joined_date", NC_("column", "joined on")},
    {"organiser", NC_("column", "organiser")},
    {"starts_at", NC_("column", "starts")},
    {"ends_at", NC_("column", "ends")},
    {"capacity", NC_("column", "places")},
    {"for_level", NC_("column", "for deputies of level")},
    {"for_town_id", NC_("column", "for deputies of town")},
    {"for_group_id", NC_("column", "for deputy group")},
    {"dataset", NC_("column", "dataset")},
    {"period", NC_("column", "period")},
    {"source_id", NC_("column", "sent by")},
    {"file", NC_("column", "file")},
    {"format", NC_("column", "format")},
    {"nrows", NC_("column", "rows")},
    {"added", NC_("column", "added")},
    {"changed", NC_("column", "changed")},
    {"removed", NC_("column", "removed")},
    {"unchanged", NC_("column", "unchanged")},
    {"prev_id", NC_("column", "previous import")},
    {"warnings", NC_("column", "warnings raised")},
    {"measure", NC_("column", "measure")},
    {"datasets", NC_("column", "datasets")},
    {"scope", NC_("column", "scope")},
    {"per", NC_("column", "once per")},
    {"yellow", NC_("column", "yellow threshold")},
    {"red", NC_("column", "red threshold")},
    {"min_amount", NC_("column", "smallest base")},
    {"enabled", NC_("column", "enabled")},
    {"policy_number", NC_("column", "policy document")},
    {"rule_id", NC_("column", "warning rule")},
    {"severity", NC_("column", "severity")},
    {"fact_key", NC_("column", "fact")},
    {"subject_code", NC_("column", "subject's code")},
    {"subject", NC_("column", "subject")},
    {"value", NC_("column", "value")},
    {"threshold", NC_("column", "threshold")},
    {"base", NC_("column", "base")},
    {"amount", NC_("column", "amount")},
    {"import_id", NC_("column", "import")},
    {"year", NC_("column", "year")},
    {"seq", NC_("column", "number in the year")},
    {"opinion", NC_("column", "opinion")},
    {"response", NC_("column", "response")},
    {"responded_on", NC_("column", "responded on")},
    {"issuer", NC_("column", "issuer")},
    {"issued_on", NC_("column", "issued on")},
    {"validity", NC_("column", "validity")},
    /* Livelihood projects' cycles, projects, proposals, opinions, ballots and the rest of
       their parts; activities' sign-ups and attendance; points. */
    {"choose", NC_("column", "projects to choose")},
    {"candidates", NC_("column", "candidates at least")},
    {"pass_num", NC_("column", "pass threshold's numerator")},
    {"pass_den", NC_("column", "pass threshold's denominator")},
    {"bottom", NC_("column", "in the bottom")},
    {"listed_on", NC_("column", "candidates listed on")},
    {"reviewed_on", NC_("column", "candidates reviewed on")},
    {"voted_on", NC_("column", "voted on")},
    {"evaluated_on", NC_("column", "evaluated on")},
    {"reevaluated_on", NC_("column", "evaluated again on")},
    {"cycle_id", NC_("column", "yearly cycle")},
    {"proposal_id", NC_("column", "project proposal")},
    {"budget", NC_("column", "budget (fen)")},
    {"leader", NC_("column", "leader")},
    {"office_id", NC_("column", "committee office")},
    {"percent", NC_("column", "progress (%)")},
    {"spent", NC_("column", "spent (fen)")},
    {"investigator_id", NC_("column", "investigated by")},
    {"findings", NC_("column", "findings")},
    {"deliberated_on", NC_("column", "deliberated on")},
    {"source", NC_("column", "source")},
    {"proposer", NC_("column", "proposer")},
    {"reason", NC_("column", "reason")},
    {"result", NC_("column", "vote result")},
    {"project_id", NC_("column", "livelihood project")},
    {"posted_at", NC_("column", "posted at")},
    {"answer", NC_("column", "answer")},
    {"item", NC_("column", "points item")},
    {"voids", NC_("column", "correction voided")},
    {"effective_from", NC_("column", "effective from")},
    {"note", NC_("column", "note")},
    {"rules", NC_("column", "rules")},
    {"key_id", NC_("column", "audit key's id")},
    {"generated_cases", NC_("column", "voter issues generated")},
    {"generated_suggestions", NC_("column", "motions and suggestions generated")},
    {"generated_activities", NC_("column", "activities generated")},
    {"generated_steps", NC_("column", "steps generated")},
    {"generated_warnings", NC_("column", "warnings generated")},
    {"ballot_id", NC_("column", "ballot")},
    {"satisfied", NC_("column", "satisfied votes")},
    {"basic", NC_("column", "basically satisfied votes")},
    {"unsatisfied", NC_("column", "unsatisfied votes")},
    {"rank", NC_("column", "rank")},
    {"month", NC_("column", "month")},
    {"attachments", NC_("column", "attachments")},
    {"agency", NC_("column", "agency")},
    {"score", NC_("column", "score")},
    {"done_at", NC_("column", "done at")},
    {"done_text", NC_("column", "what was done")},
    {"held_on", NC_("column", "held on")},
    {"issued", NC_("column", "ballots issued")},
    {"returned", NC_("column", "ballots returned")},
    {"valid", NC_("column", "valid ballots")},
    {"invalid", NC_("column", "invalid ballots")},
    {"counted_at", NC_("column", "counted at")},
    {"yes", NC_("column", "yes votes")},
    {"no", NC_("column", "no votes")},
    {"abstain", NC_("column", "abstentions")},
    {"activity_id", NC_("column", "activity")},
    {"signed_at", NC_("column", "signed up at")},
    {NULL, NULL},
};

/* The sites of the towns' exchange (a town is named by its name). */
static const struct word sites[] = {
    {"city", NC_("site", "the city")},
    {NULL, NULL},
};
/* Which way an exchange file went. */
static const struct word directions[] = {
    {"sent", NC_("direction", "written")},
    {"applied", NC_("direction", "applied")},
    {NULL, NULL},
};
/* Where an exchange conflict stands. */
static const struct word resolutions[] = {
    {"open", NC_("resolution", "open")},
    {"mine", NC_("resolution", "kept ours")},
    {"theirs", NC_("resolution", "took theirs")},
    {"peer", NC_("resolution", "resolved there")},
    {NULL, NULL},
};

/* The fields that messages name by their keys (options, CSV columns). */
static const struct word keys[] = {
    {"category", NC_("key", "category")},
    {"unit", NC_("key", "handling unit")},
    {"support", NC_("key", "supporting unit")},
    {"station", NC_("key", "liaison station")},
    {"town", NC_("key", "town or street")},
    {"deputy", NC_("key", "deputy")},
    {"deputy_code", NC_("key", "deputy code")},
    {"session", NC_("key", "congress session")},
    {NULL, NULL},
};

/* Where a livelihood project's proposal came from, and what the vote made of it. */
static const struct word sources[] = {
    {"deputy", NC_("source", "a deputy")},
    {"group", NC_("source", "a deputy group")},
    {"public", NC_("source", "the public")},
    {"government", NC_("source", "the government")},
    /* Where a ballot's figures came from. */
    {"paper", NC_("source", "paper tally sheets")},
    {"import", NC_("source", "the voting system's result file")},
    {NULL, NULL},
};
static const struct word results[] = {
    {"chosen", NC_("result", "chosen")},
    {"passed", NC_("result", "passed, not chosen")},
    {"failed", NC_("result", "failed")},
    {"tie", NC_("result", "tied at the cut")},
    {NULL, NULL},
};

/* A flag's two values (active, private, public): 1 and 0 are not words. */
static const struct word flags[] = {
    {"1", NC_("flag", "yes")},
    {"0", NC_("flag", "no")},
    {NULL, NULL},
};

/* Which table of words a field's values are: by the field's name in lists and records. */
static const struct field {
	const char *field, *ctx;
	const struct word *words; /* NULL: the workflow states, or the roles */
	bool suffix;              /* only a code after ": " at the end of the value */
} fields[] = {
    {"state", "state", NULL, false},
    {"from", "state", NULL, false},
    {"to", "state", NULL, false},
    {"evaluation", "evaluation", evaluations, false},
    {"rating", "evaluation", evaluations, false},
    {"source", "source", sources, false},
    {"result", "result", results, false},
    {"channel", "channel", channels, false},
    {"level", "level", levels, false},
    {"status", "status", statuses, false},
    {"cosigners", "status", statuses, false},
    {"kind", "kind", kinds, false},
    {"unit_role", "unit role", unit_roles, false},
    {"weekday", "weekday", weekdays, false},
    {"severity", "severity", severities, false},
    {"action", "action", actions, false},
    {"role", "role", NULL, false},
    {"entity", "entity", entities, false},
    {"text", "answer", answers, true},
    {"when", "condition", conditions, false},
    {"site", "site", sites, false},
    {"direction", "direction", directions, false},
    {"resolution", "resolution", resolutions, false},
    {"active", "flag", flags, false},
    {"private", "flag", flags, false},
    {"public", "flag", flags, false},
    {"key_supervised", "flag", flags, false},
    {"followup", "flag", flags, false},
};
#define NFIELDS (sizeof fields / sizeof fields[0])

bool vocab_translating(void)
{
	/* A catalogue in use answers "" with its header. */
	static const char empty[] = "";
	const char *h = gettext(empty);
	return h && *h;
}

static const struct field *field_of(const char *name)
{
	for (size_t i = 0; name && i < NFIELDS; i++)
		if (!strcmp(fields[i].field, name))
			return &fields[i];
	return NULL;
}

bool vocab_has(const char *field)
{
	return field_of(field) != NULL;
}

/* The word of code in a table, or NULL. */
static const char *lookup(const struct word *w, const char *ctx, const char *code)
{
	for (; w && w->code; w++)
		if (!strcmp(w->code, code))
			return pgettext_rt(ctx, w->label);
	return NULL;
}

/* The word of a state of any workflow of the registry: the label of its table. */
static const char *state_word(const char *code)
{
	for (int i = 0; i < nmodules; i++) {
		const struct wf_state *s = modules[i].flow ? wf_state(modules[i].flow, code) : NULL;
		if (s)
			return _(s->label);
	}
	return NULL;
}

/* The word of a step no table above names: how its workflow's history names it. */
static const char *step_word(const char *code)
{
	for (int i = 0; i < nmodules; i++) {
		const struct wf_def *w = modules[i].flow;
		for (int k = 0; w && k < w->ntrans; k++)
			if (!strcmp(w->trans[k].action, code))
				return _(w->trans[k].done);
	}
	return NULL;
}

/* The word of code as a value of f, or NULL when it has none. */
static const char *word_of(const struct field *f, const char *code)
{
	if (!f || !code || !*code)
		return NULL;
	if (!strcmp(f->ctx, "state")) {
		const char *w = state_word(code);
		return w ? w : lookup(other_states, "state", code);
	}
	if (!strcmp(f->ctx, "role")) {
		enum role r;
		if (role_parse(code, &r))
			return role_label(r);
		return !strcmp(code, "system") ? _("system") : lookup(reply_roles, "role", code);
	}
	const char *w = lookup(f->words, f->ctx, code);
	if (!w && !strcmp(f->ctx, "action"))
		w = step_word(code);
	return w;
}

const char *vocab_field_in(const char *table, const char *column)
{
	/* A workflow's units table: its role is the unit's (lead or supporting), not a
	   deputy's or an account's. */
	for (int i = 0; table && column && !strcmp(column, "role") && i < nmodules; i++)
		if (modules[i].flow && modules[i].flow->units &&
		    !strcmp(modules[i].flow->units, table))
			return "unit_role";
	return column;
}

const char *vocab_label(const char *field, const char *code)
{
	const char *w = word_of(field_of(field), code);
	return w ? w : code;
}

const char *vocab_out(const char *field, const char *code)
{
	return vocab_translating() ? vocab_label(field, code) : code;
}

char *vocab_out_words(const char *field, const char *text)
{
	const struct field *f = field_of(field);
	if (!text)
		return NULL;
	if (!f || !vocab_translating())
		return xstrdup(text);
	struct sbuf b = SBUF_INIT;
	if (f->suffix) {
		/* "NAMES: confirm": the last word only, after ": ". */
		const char *colon = strrchr(text, ':');
		const char *w = colon && colon[1] == ' ' ? word_of(f, colon + 2) : NULL;
		if (!w)
			return xstrdup(text);
		sbuf_add(&b, text, (size_t)(colon - text));
		sbuf_printf(&b, _(": %s"), w);
		return sbuf_take(&b);
	}
	const char *p = text;
	while (*p) {
		/* A word: letters, digits, '-' and '_'; anything else is copied as it is. */
		size_t n =
		    strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
		if (!n) {
			sbuf_putc(&b, *p++);
			continue;
		}
		char word[64];
		const char *w = NULL;
		if (n < sizeof word) {
			memcpy(word, p, n);
			word[n] = '\0';
			w = word_of(f, word);
		}
		if (w)
			sbuf_puts(&b, w);
		else
			sbuf_add(&b, p, n);
		p += n;
	}
	return sbuf_take(&b);
}

const char *vocab_entity(const char *entity)
{
	const char *w = entity && vocab_translating() ? lookup(entities, "entity", entity) : NULL;
	return w ? w : entity;
}

const char *vocab_column(const char *column)
{
	const char *w = column && vocab_translating() ? lookup(columns, "column", column) : NULL;
	return w ? w : column;
}

const char *vocab_key(const char *key)
{
	const char *w = key ? lookup(keys, "key", key) : NULL;
	return w ? w : key;
}

const char *vocab_field(const char *key)
{
	static char buf[4][96];
	static int next;
	if (!vocab_translating() || !key)
		return key;
	char *b = buf[next];
	next = (next + 1) % 4;
	snprintf(b, sizeof buf[0], _("%s (%s)"), vocab_key(key), key);
	return b;
}
