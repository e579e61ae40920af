-- renda schema 23: the trigram indexes keep which items hold each trigram, not where
-- (FTS5 detail=none; issue 14: a leaner database at a million voter issues).
--
-- The positions of every trigram were most of the index (at renda demo --scale 10: 39 MiB
-- with them, 8 without) and served one thing, a phrase query. A search of three characters
-- is one trigram and needs none; one of four or more asks for items holding its trigrams
-- (model/case/case.c, case_search_query) and checks the text itself on those (LIKE), as a
-- search of two characters already did.
DROP TABLE vcase_fts;
CREATE VIRTUAL TABLE vcase_fts USING fts5 (title, content, reply, content = 'vcase',
	content_rowid = 'id', tokenize = 'trigram', detail = none);
INSERT INTO vcase_fts (vcase_fts) VALUES ('rebuild');

DROP TABLE fin_policy_fts;
CREATE VIRTUAL TABLE fin_policy_fts USING fts5 (title, number, issuer, text,
	content = 'fin_policy', content_rowid = 'id', tokenize = 'trigram', detail = none);
INSERT INTO fin_policy_fts (fin_policy_fts) VALUES ('rebuild');
