-- renda schema 22: whether a motion or suggestion was brought as a motion (one converted
-- to a suggestion was) is asked for every line of the duty points that it gives its lead
-- deputy and co-signers (model/suggestion/sugg_points.c, WAS_MOTION). An index of the
-- conversion steps alone, a handful, answers at once, where every step of the item was read
-- for each line (issue 18: the cockpit as of a past day at a million voter issues). A query
-- names the condition as written here.
CREATE INDEX IF NOT EXISTS wf_event_convert ON wf_event (workflow, item_id)
	WHERE action = 'convert';
