-- renda schema 7: every database is a site. The city's database is site 0; a town
-- that runs its own database is the site numbered by its town's id (renda init --site).
-- A site gives its new records ids from its own range, site × 2^40 + 1 onwards, so
-- records made apart never share a key when their changes are exchanged (DESIGN 4.8);
-- the numbers people read (2026-000123) take the town's code before them at a town's
-- site (ZP-2026-000123). Existing databases are the city's: their ids are already in
-- the city's range.
INSERT OR IGNORE INTO meta (key, value) VALUES ('site', '0');
