-- renda schema 12: tally sheets entered twice (model/core/tally.h). The figures of a
-- count made on paper (the ballots of a vote, the votes of a satisfaction evaluation)
-- are typed by two different clerks, each into a sheet of their own; the figures are
-- taken only when both sheets agree, and every difference is shown until they do.

CREATE TABLE IF NOT EXISTS tally_sheet (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,        -- what is counted ('project-ballot')
	owner_id INTEGER NOT NULL, -- the record counted (a ballot)
	entry INTEGER NOT NULL CHECK (entry IN (1, 2)),
	account TEXT NOT NULL,     -- the clerk who typed it
	at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (kind, owner_id, entry),
	UNIQUE (kind, owner_id, account)
);

CREATE TABLE IF NOT EXISTS tally_figure (
	sheet_id INTEGER NOT NULL REFERENCES tally_sheet (id),
	key TEXT NOT NULL,
	value INTEGER NOT NULL CHECK (value >= 0),
	PRIMARY KEY (sheet_id, key)
) WITHOUT ROWID;
