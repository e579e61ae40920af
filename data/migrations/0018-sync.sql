-- renda schema 14: towns that work apart (DESIGN 4.8). A town that runs its own database
-- and the city's exchange their changes as files: SQLite session changesets of the
-- records' own tables (never the full-text indexes, which each side rebuilds), with a
-- signed header. These tables are each database's own: nothing here is exchanged.

-- The sites this database exchanges with: at the city one row per town that has its
-- own database, at a town the city (site 0). The key signs and checks the files (both
-- sides hold it: the city makes it, renda sync key; the town loads it, renda sync
-- key-load). sent: the last file written to the site; applied: the last of its files
-- applied here; acked: the last of our files it says it has applied (its files' base).
CREATE TABLE IF NOT EXISTS sync_peer (
	site INTEGER PRIMARY KEY CHECK (site >= 0),
	key TEXT NOT NULL,
	key_id TEXT NOT NULL,
	keyed_at TEXT NOT NULL,
	keyed_by TEXT NOT NULL,
	sent INTEGER NOT NULL DEFAULT 0,
	applied INTEGER NOT NULL DEFAULT 0,
	acked INTEGER NOT NULL DEFAULT 0,
	sent_upto INTEGER NOT NULL DEFAULT 0
);

-- What each write transaction changed, as the session extension recorded it, while the
-- database has a site to exchange with. origin: the site whose file brought the change
-- (never sent back to it), NULL for a change made here. A 'forced' entry says that the
-- record rkind/rid, whose conflict with site peer was resolved here, goes to that site
-- whole, as it is when the next file is written; its changeset holds the other site's
-- changes of the record (rows it added that this side does not keep go as deletes).
-- Entries that every site has acknowledged are removed; their numbers are never used
-- again.
CREATE TABLE IF NOT EXISTS sync_log (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at TEXT NOT NULL,
	origin INTEGER,
	peer INTEGER,
	kind TEXT NOT NULL DEFAULT 'changes' CHECK (kind IN ('changes', 'forced')),
	rkind TEXT,
	rid INTEGER,
	changeset BLOB NOT NULL
);

-- The exchange log: every file written for a site or applied from one, when, by whom.
-- A file written keeps its bytes until the site acknowledges it, so that it can be
-- written again (renda sync export --again).
CREATE TABLE IF NOT EXISTS sync_file (
	id INTEGER PRIMARY KEY,
	direction TEXT NOT NULL CHECK (direction IN ('sent', 'applied')),
	peer INTEGER NOT NULL,
	seq INTEGER NOT NULL CHECK (seq > 0),
	base INTEGER NOT NULL,
	at TEXT NOT NULL,
	account TEXT NOT NULL,
	path TEXT NOT NULL,
	hash TEXT NOT NULL,
	last_entry INTEGER NOT NULL DEFAULT 0,
	changes INTEGER NOT NULL DEFAULT 0,
	records INTEGER NOT NULL DEFAULT 0,
	conflicts INTEGER NOT NULL DEFAULT 0,
	kept INTEGER NOT NULL DEFAULT 0,
	bytes BLOB,
	UNIQUE (direction, peer, seq)
);

-- A record that a file changed while this database had changed it too: their changes
-- are kept here, not applied, until a clerk keeps ours or takes theirs. kind is the
-- module or reference kind ('case', 'deputy', 'town'...), rid the record's id.
CREATE TABLE IF NOT EXISTS sync_conflict (
	id INTEGER PRIMARY KEY,
	peer INTEGER NOT NULL,
	kind TEXT NOT NULL,
	rid INTEGER NOT NULL,
	seq INTEGER NOT NULL,
	detected_at TEXT NOT NULL,
	theirs BLOB NOT NULL,
	state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'mine', 'theirs', 'peer')),
	resolved_at TEXT,
	resolved_by TEXT,
	entry INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS sync_conflict_open ON sync_conflict (peer, kind, rid) WHERE state = 'open';

-- The records a site holds (sent to it, or come from it): their later changes travel as
-- changes; a record it does not hold yet goes as a whole.
CREATE TABLE IF NOT EXISTS sync_known (
	peer INTEGER NOT NULL,
	kind TEXT NOT NULL,
	rid INTEGER NOT NULL,
	PRIMARY KEY (peer, kind, rid)
) WITHOUT ROWID;
