-- renda schema 28: the index of a record's steps without the step's own number (issue 14:
-- the size per voter issue).
--
-- wf_event_item listed (workflow, item_id, id); id is the row's own key, which every entry
-- of an index holds after its columns anyway, so each entry held it twice. Ordered and
-- searched the same (SQLite reads the key after the columns: a record's steps in order,
-- and from or up to a step), a quarter smaller: 166 -> 125 MB at a million voter issues,
-- some 40 bytes a voter issue. The index is made again: on a large database, the upgrade
-- takes a while.
DROP INDEX IF EXISTS wf_event_item;
CREATE INDEX wf_event_item ON wf_event (workflow, item_id);
