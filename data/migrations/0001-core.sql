-- renda schema 1: the core. Users, reference data, calendar, audit trail.
-- Every record that clerks edit carries a version for optimistic concurrency.

CREATE TABLE meta (
	key TEXT PRIMARY KEY,
	value TEXT
);

CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	account TEXT NOT NULL,
	role TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id INTEGER NOT NULL,
	action TEXT NOT NULL,
	before_json TEXT,
	after_json TEXT,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE INDEX audit_account ON audit (account, at);

-- Towns and streets (镇 / 街道); "body" is the congress body that works there.
CREATE TABLE town (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL CHECK (kind IN ('town', 'street')),
	body TEXT NOT NULL,
	sort INTEGER NOT NULL DEFAULT 0,
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1
);

-- Categories of voter issues and suggestions.
CREATE TABLE category (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL UNIQUE,
	sort INTEGER NOT NULL DEFAULT 0,
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1
);

-- Handling units (承办单位): departments and town governments.
CREATE TABLE unit (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL CHECK (kind IN ('department', 'town-government', 'other')),
	town_id INTEGER REFERENCES town (id),
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1
);

-- Committee offices (办事机构 / 工作机构).
CREATE TABLE office (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL UNIQUE,
	sort INTEGER NOT NULL DEFAULT 0,
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1
);

-- Deputy groups (代表小组), per town.
CREATE TABLE deputy_group (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL UNIQUE,
	town_id INTEGER NOT NULL REFERENCES town (id),
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1
);

-- Liaison stations (代表联络站), per town.
CREATE TABLE station (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL UNIQUE,
	town_id INTEGER NOT NULL REFERENCES town (id),
	address TEXT NOT NULL DEFAULT '',
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1
);

-- Congress terms (届) at city level or of one town.
CREATE TABLE term (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	level TEXT NOT NULL CHECK (level IN ('city', 'town')),
	town_id INTEGER REFERENCES town (id),
	number INTEGER NOT NULL,
	name TEXT NOT NULL,
	start_date TEXT NOT NULL,
	end_date TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	CHECK ((level = 'city') = (town_id IS NULL))
);

-- Sessions (次会议) of a term.
CREATE TABLE congress_session (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	term_id INTEGER NOT NULL REFERENCES term (id),
	number INTEGER NOT NULL,
	name TEXT NOT NULL,
	start_date TEXT NOT NULL,
	end_date TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (term_id, number)
);

-- Official holidays and make-up working days (调休). Other days follow the week.
CREATE TABLE calendar_day (
	id INTEGER PRIMARY KEY,
	day TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
	name TEXT NOT NULL DEFAULT '',
	version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE app_user (
	id INTEGER PRIMARY KEY,
	login TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL DEFAULT '',
	role TEXT NOT NULL CHECK (role IN ('admin', 'city-clerk', 'town-clerk', 'unit', 'viewer')),
	town_id INTEGER REFERENCES town (id),
	unit_id INTEGER REFERENCES unit (id),
	active INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	CHECK ((role = 'town-clerk') = (town_id IS NOT NULL)),
	CHECK ((role = 'unit') = (unit_id IS NOT NULL))
);
