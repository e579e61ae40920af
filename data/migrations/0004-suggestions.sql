-- renda schema 4: deputies' motions and suggestions (议案 / 建议), on the workflow engine
-- of schema 3 (workflow 'suggestion' in wf_rule, wf_event and wf_clock).

-- Result classes of a unit's reply (答复结果分类): editable reference data. A class
-- with followup set keeps the item in follow-up (跟踪办理) until a second reply.
CREATE TABLE result_class (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL UNIQUE,
	followup INTEGER NOT NULL DEFAULT 0 CHECK (followup IN (0, 1)),
	sort INTEGER NOT NULL DEFAULT 0,
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1
);
-- The same rows as data/ref/result_classes.csv, for databases made before this schema.
INSERT INTO result_class (code, name, followup, sort) VALUES
	('A', '已解决或基本解决', 0, 1),
	('B', '正在解决或列入计划', 1, 2),
	('C', '因条件限制留作参考', 0, 3);

-- Deadlines: a written reply within 3 months of assignment; supporting units give
-- their opinion to the lead unit within 1 month; a unit may return a mis-assigned
-- item within 7 working days; a re-handled item is replied to again within 1 month.
-- 'extension' is no clock but the limit of an approved extension (延期): the reply
-- may be put off to at most 6 months after the assignment.
INSERT INTO wf_rule (workflow, clock, category_id, amount, unit) VALUES
	('suggestion', 'reply', NULL, 3, 'months'),
	('suggestion', 'opinion', NULL, 1, 'months'),
	('suggestion', 'return', NULL, 7, 'workdays'),
	('suggestion', 'rehandle', NULL, 1, 'months'),
	('suggestion', 'extension', NULL, 6, 'months');

-- A motion (议案: 案由 title, 案据 basis, 方案 proposal) or a suggestion (建议: title and
-- content, kept in proposal), of one congress session. Its level and town follow the
-- session's term: town-level items belong to a town's congress. The number is given
-- at registration (立案 / 登记), per session and kind, and never taken back.
CREATE TABLE suggestion (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('motion', 'suggestion')),
	level TEXT NOT NULL CHECK (level IN ('city', 'town')),
	town_id INTEGER REFERENCES town (id),
	session_id INTEGER NOT NULL REFERENCES congress_session (id),
	number INTEGER CHECK (number > 0),
	title TEXT NOT NULL,
	basis TEXT NOT NULL DEFAULT '',
	proposal TEXT NOT NULL DEFAULT '',
	category_id INTEGER NOT NULL REFERENCES category (id),
	lead_deputy_id INTEGER NOT NULL REFERENCES deputy (id),
	delegation TEXT NOT NULL DEFAULT '',
	state TEXT NOT NULL,
	merged_into INTEGER REFERENCES suggestion (id),
	lead_unit_id INTEGER REFERENCES unit (id),
	result_class_id INTEGER REFERENCES result_class (id),
	reply TEXT NOT NULL DEFAULT '',
	evaluation TEXT CHECK (evaluation IN ('satisfied', 'basic', 'unsatisfied')),
	rounds INTEGER NOT NULL DEFAULT 0,
	key_supervised INTEGER NOT NULL DEFAULT 0,
	supervisor TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	submitted_at TEXT,
	closed_at TEXT,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (session_id, kind, number),
	CHECK ((level = 'town') = (town_id IS NOT NULL)),
	CHECK (merged_into IS NULL OR merged_into <> id)
);
CREATE INDEX suggestion_state ON suggestion (state, level, town_id);
CREATE INDEX suggestion_session ON suggestion (session_id, kind, number);
CREATE INDEX suggestion_lead_deputy ON suggestion (lead_deputy_id);
CREATE INDEX suggestion_lead_unit ON suggestion (lead_unit_id, state);
CREATE INDEX suggestion_merged ON suggestion (merged_into) WHERE merged_into IS NOT NULL;

-- Co-signing deputies (附议): invited, then confirmed or declined (clerks record it).
CREATE TABLE suggestion_cosigner (
	suggestion_id INTEGER NOT NULL REFERENCES suggestion (id),
	deputy_id INTEGER NOT NULL REFERENCES deputy (id),
	status TEXT NOT NULL CHECK (status IN ('invited', 'confirmed', 'declined')),
	invited_at TEXT NOT NULL,
	answered_at TEXT,
	PRIMARY KEY (suggestion_id, deputy_id)
) WITHOUT ROWID;
CREATE INDEX suggestion_cosigner_deputy ON suggestion_cosigner (deputy_id);

-- The units an item is assigned to: one lead unit (主办, also suggestion.lead_unit_id)
-- and supporting units (协办) with the opinion each gives the lead unit.
CREATE TABLE suggestion_unit (
	suggestion_id INTEGER NOT NULL REFERENCES suggestion (id),
	unit_id INTEGER NOT NULL REFERENCES unit (id),
	role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
	assigned_at TEXT NOT NULL,
	opinion TEXT NOT NULL DEFAULT '',
	opinion_at TEXT,
	PRIMARY KEY (suggestion_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX suggestion_unit_unit ON suggestion_unit (unit_id);

-- Face-to-face consultations (面商) of a unit with the deputies.
CREATE TABLE suggestion_meeting (
	id INTEGER PRIMARY KEY,
	suggestion_id INTEGER NOT NULL REFERENCES suggestion (id),
	unit_id INTEGER REFERENCES unit (id),
	day TEXT NOT NULL,
	place TEXT NOT NULL,
	deputies TEXT NOT NULL,
	notes TEXT NOT NULL DEFAULT '',
	recorded_at TEXT NOT NULL
);
CREATE INDEX suggestion_meeting_item ON suggestion_meeting (suggestion_id);

-- The replies owed, one row per deputy per reply (round 1 the first reply, 2 the
-- second...): the lead deputy, the confirmed co-signers, and the deputies of the
-- items merged into this one (via_id names the item that made the deputy owed).
CREATE TABLE suggestion_reply (
	suggestion_id INTEGER NOT NULL REFERENCES suggestion (id),
	deputy_id INTEGER NOT NULL REFERENCES deputy (id),
	round INTEGER NOT NULL CHECK (round > 0),
	via_id INTEGER NOT NULL REFERENCES suggestion (id),
	role TEXT NOT NULL CHECK (role IN ('lead', 'cosigner')),
	result_class_id INTEGER NOT NULL REFERENCES result_class (id),
	text TEXT NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (suggestion_id, deputy_id, round)
) WITHOUT ROWID;
CREATE INDEX suggestion_reply_deputy ON suggestion_reply (deputy_id);
