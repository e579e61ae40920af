-- renda schema 2: the deputy roster (代表) and their public codes.

CREATE TABLE deputy (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	gender TEXT NOT NULL CHECK (gender IN ('男', '女')),
	ethnicity TEXT NOT NULL DEFAULT '汉族',
	birth_date TEXT,
	party TEXT NOT NULL DEFAULT '',
	occupation TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	resident_id TEXT UNIQUE,
	level TEXT NOT NULL CHECK (level IN ('city', 'town')),
	town_id INTEGER NOT NULL REFERENCES town (id),
	constituency TEXT NOT NULL DEFAULT '',
	group_id INTEGER REFERENCES deputy_group (id),
	station_id INTEGER REFERENCES station (id),
	term_id INTEGER REFERENCES term (id),
	status TEXT NOT NULL DEFAULT 'in-office' CHECK (status IN ('in-office', 'left')),
	left_date TEXT,
	left_reason TEXT NOT NULL DEFAULT '',
	version INTEGER NOT NULL DEFAULT 1,
	CHECK ((status = 'left') = (left_date IS NOT NULL))
);
CREATE INDEX deputy_town ON deputy (town_id, level, status);
CREATE INDEX deputy_name ON deputy (name);
