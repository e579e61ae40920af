-- renda schema 22: the duty points read the steps they score faster (issue 18: the data
-- cockpit as of a past day at a million voter issues).
--
-- The index of schema 19 holds the item of each step too, so that the steps of a year are
-- read from it alone (it gave their row ids, and every step's row was read for its item).
DROP INDEX IF EXISTS wf_event_points;
CREATE INDEX wf_event_points ON wf_event (workflow, action, at, item_id)
	WHERE action IN ('deputy-reply', 'forward', 'submit', 'register');
-- Dropping the index took its statistics (schema 20's figures, or ANALYZE's): the same
-- figures again, with the item's column (a day's steps are of as many items).
INSERT INTO sqlite_stat1 (tbl, idx, stat)
SELECT 'wf_event', 'wf_event_points', '1280000 640000 320000 2 1'
WHERE NOT EXISTS (SELECT 1 FROM sqlite_stat1 WHERE idx = 'wf_event_points');

-- Whether a motion or suggestion was brought as a motion (one converted to a suggestion
-- was) is asked for every line of the points it gives its lead deputy and co-signers
-- (model/suggestion/sugg_points.c, WAS_MOTION). An index of the conversion steps alone, a
-- handful, answers at once, where every step of the item was read for each line. A query
-- names the condition as written here.
CREATE INDEX IF NOT EXISTS wf_event_convert ON wf_event (workflow, item_id)
	WHERE action = 'convert';

-- The deadlines stopped after their day (a few of every deadline): a deadline overdue at a
-- past time and stopped since was stopped after its day, so the overdue ones as of then are
-- the running ones (wf_clock_due) and these, without reading every deadline (flow.c,
-- flow_ids_asof_sql: the cockpit's overdue figures as of a past day).
CREATE INDEX IF NOT EXISTS wf_clock_late ON wf_clock (workflow, stopped)
	WHERE stopped > due;
