-- renda schema 12: speed at a million voter issues (issue 14).
-- The index of single characters keeps what a one- or two-character search needs and no
-- more: the set of characters of a case's title, content and reply, each a token of its
-- own (util/chartok.h), without positions (detail=none). A one-character search is one
-- token; a two-character one the cases holding both characters, checked for the pair.
-- Before, every character was kept with its positions, to be matched as a phrase.
DROP TABLE IF EXISTS vcase_chars;
CREATE VIRTUAL TABLE vcase_chars USING fts5 (text, content = '', detail = none,
	tokenize = 'unicode61');
INSERT INTO vcase_chars (rowid, text) SELECT id, renda_chars(title, content, reply) FROM vcase;

-- The running deadlines by due day: the overdue and due-soon lists and counts read the
-- running clocks past (or near) their day, not every running clock.
CREATE INDEX IF NOT EXISTS wf_clock_due ON wf_clock (workflow, due) WHERE stopped IS NULL;
