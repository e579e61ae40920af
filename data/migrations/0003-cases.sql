-- renda schema 3: voter issues (码上提、马上办 / 民情直通) and the workflow engine's
-- shared tables: deadline rules, clocks, and the event history of every item.

-- Deadline rules: how long each clock runs, per workflow, optionally per category.
CREATE TABLE wf_rule (
	id INTEGER PRIMARY KEY,
	workflow TEXT NOT NULL,
	clock TEXT NOT NULL,
	category_id INTEGER REFERENCES category (id),
	amount INTEGER NOT NULL CHECK (amount > 0),
	unit TEXT NOT NULL CHECK (unit IN ('days', 'workdays', 'weeks', 'months')),
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (workflow, clock, category_id)
);
-- Pinghu's rules: respond within 1 week, reply within 1 month of assignment, a unit
-- may return a mis-assigned case within 7 working days, re-handling replies in 1 month.
INSERT INTO wf_rule (workflow, clock, category_id, amount, unit) VALUES
	('case', 'respond', NULL, 1, 'weeks'),
	('case', 'reply', NULL, 1, 'months'),
	('case', 'return', NULL, 7, 'workdays'),
	('case', 'rehandle', NULL, 1, 'months');

CREATE TABLE vcase (
	id INTEGER PRIMARY KEY,
	number TEXT NOT NULL UNIQUE,
	external_id TEXT UNIQUE,
	submitted_at TEXT NOT NULL,
	channel TEXT NOT NULL CHECK (channel IN ('qr', 'phone', 'station', 'other')),
	deputy_id INTEGER REFERENCES deputy (id),
	station_id INTEGER REFERENCES station (id),
	town_id INTEGER NOT NULL REFERENCES town (id),
	level TEXT CHECK (level IN ('city', 'town')),
	category_id INTEGER NOT NULL REFERENCES category (id),
	title TEXT NOT NULL,
	content TEXT NOT NULL,
	voter_name TEXT NOT NULL DEFAULT '',
	voter_phone TEXT NOT NULL DEFAULT '',
	private INTEGER NOT NULL DEFAULT 0,
	state TEXT NOT NULL,
	lead_unit_id INTEGER REFERENCES unit (id),
	reply TEXT NOT NULL DEFAULT '',
	evaluation TEXT CHECK (evaluation IN ('satisfied', 'basic', 'unsatisfied')),
	rounds INTEGER NOT NULL DEFAULT 0,
	closed_at TEXT,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	CHECK (deputy_id IS NOT NULL OR station_id IS NOT NULL)
);
CREATE INDEX vcase_state ON vcase (state, town_id);
CREATE INDEX vcase_town ON vcase (town_id, submitted_at);
CREATE INDEX vcase_category ON vcase (category_id, submitted_at);
CREATE INDEX vcase_deputy ON vcase (deputy_id);
CREATE INDEX vcase_submitted ON vcase (submitted_at);
CREATE INDEX vcase_lead ON vcase (lead_unit_id, state);

-- Units a case is assigned to (the lead one is also vcase.lead_unit_id).
CREATE TABLE vcase_unit (
	case_id INTEGER NOT NULL REFERENCES vcase (id),
	unit_id INTEGER NOT NULL REFERENCES unit (id),
	role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
	PRIMARY KEY (case_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX vcase_unit_unit ON vcase_unit (unit_id);

-- Every step of every workflow item: who, when, what, the text given.
CREATE TABLE wf_event (
	id INTEGER PRIMARY KEY,
	workflow TEXT NOT NULL,
	item_id INTEGER NOT NULL,
	at TEXT NOT NULL,
	account TEXT NOT NULL,
	role TEXT NOT NULL,
	action TEXT NOT NULL,
	from_state TEXT,
	to_state TEXT NOT NULL,
	text TEXT NOT NULL DEFAULT '',
	unit_id INTEGER REFERENCES unit (id),
	public INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX wf_event_item ON wf_event (workflow, item_id, id);

-- Deadline clocks: started by a transition, stopped by another; kept per round.
CREATE TABLE wf_clock (
	id INTEGER PRIMARY KEY,
	workflow TEXT NOT NULL,
	item_id INTEGER NOT NULL,
	clock TEXT NOT NULL,
	round INTEGER NOT NULL DEFAULT 0,
	started TEXT NOT NULL,
	due TEXT NOT NULL,
	stopped TEXT,
	outcome TEXT CHECK (outcome IN ('met', 'late', 'cancelled'))
);
CREATE INDEX wf_clock_item ON wf_clock (workflow, item_id, clock);
CREATE INDEX wf_clock_open ON wf_clock (workflow, due) WHERE stopped IS NULL;

-- Deputies' comments (留言) with an optional rating (评价 1-5), and likes (点赞).
CREATE TABLE vcase_comment (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES vcase (id),
	deputy_id INTEGER NOT NULL REFERENCES deputy (id),
	at TEXT NOT NULL,
	text TEXT NOT NULL DEFAULT '',
	rating INTEGER CHECK (rating BETWEEN 1 AND 5)
);
CREATE INDEX vcase_comment_case ON vcase_comment (case_id);
CREATE TABLE vcase_like (
	case_id INTEGER NOT NULL REFERENCES vcase (id),
	deputy_id INTEGER NOT NULL REFERENCES deputy (id),
	at TEXT NOT NULL,
	PRIMARY KEY (case_id, deputy_id)
) WITHOUT ROWID;

-- Full-text search, kept by the model in the same transaction as the case:
-- trigram over title, content and reply for queries of three or more characters;
-- and an index of single characters (the text with every CJK character spaced
-- out, unicode61) that answers one- and two-character queries as phrases.
CREATE VIRTUAL TABLE vcase_fts USING fts5 (title, content, reply, content = 'vcase',
	content_rowid = 'id', tokenize = 'trigram');
CREATE VIRTUAL TABLE vcase_chars USING fts5 (text, content = '', tokenize = 'unicode61');
