-- renda schema 21: each motion's or suggestion's answered reply deadlines, counted as
-- they are answered (issues 14 and 18: the statistics of motions and suggestions and the
-- cockpit's panel at scale). The statistics count, per item, the reply and re-handling
-- deadlines answered (on time or late) and those on time. These never change once a
-- deadline is answered, so triggers add them up in the same transaction as the step that
-- stops the clock, as schema 13 does for voter issues, and the statistics of the present
-- read one row per item instead of every clock; the deadlines still running come from the
-- index of running clocks. The statistics as of a past day read the clocks as before.
CREATE TABLE IF NOT EXISTS suggestion_tally (
	suggestion_id INTEGER PRIMARY KEY, -- a motion or suggestion (suggestion.id)
	answered INTEGER NOT NULL DEFAULT 0,
	met INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER IF NOT EXISTS suggestion_tally_answered AFTER UPDATE OF stopped ON wf_clock
WHEN new.workflow = 'suggestion' AND old.stopped IS NULL AND new.outcome IN ('met', 'late')
	AND new.clock IN ('reply', 'rehandle')
BEGIN
	INSERT INTO suggestion_tally (suggestion_id) VALUES (new.item_id) ON CONFLICT DO NOTHING;
	UPDATE suggestion_tally SET answered = answered + 1, met = met + (new.outcome = 'met')
	WHERE suggestion_id = new.item_id;
END;

-- A clock written already stopped (a database's changes brought in as rows), or removed.
CREATE TRIGGER IF NOT EXISTS suggestion_tally_inserted AFTER INSERT ON wf_clock
WHEN new.workflow = 'suggestion' AND new.outcome IN ('met', 'late')
	AND new.clock IN ('reply', 'rehandle')
BEGIN
	INSERT INTO suggestion_tally (suggestion_id) VALUES (new.item_id) ON CONFLICT DO NOTHING;
	UPDATE suggestion_tally SET answered = answered + 1, met = met + (new.outcome = 'met')
	WHERE suggestion_id = new.item_id;
END;
CREATE TRIGGER IF NOT EXISTS suggestion_tally_removed AFTER DELETE ON wf_clock
WHEN old.workflow = 'suggestion' AND old.outcome IN ('met', 'late')
	AND old.clock IN ('reply', 'rehandle')
BEGIN
	UPDATE suggestion_tally SET answered = answered - 1, met = met - (old.outcome = 'met')
	WHERE suggestion_id = old.item_id;
END;

-- The items of an existing database: their deadlines answered so far (counted afresh when
-- a database is taken through the migrations again).
DELETE FROM suggestion_tally;
INSERT INTO suggestion_tally (suggestion_id, answered, met)
SELECT item_id, count(*), sum(outcome = 'met')
FROM wf_clock WHERE workflow = 'suggestion' AND outcome IN ('met', 'late')
	AND clock IN ('reply', 'rehandle')
GROUP BY item_id;

-- The items with every column the statistics count, group by and choose by, in one index:
-- the statistics of the present read it and never the items' rows (with their texts);
-- with the lead deputy, so does the count of a list (the cockpit's figures).
CREATE INDEX IF NOT EXISTS suggestion_stat ON suggestion (session_id, kind, lead_unit_id,
	category_id, state, number, level, town_id, result_class_id, evaluation, key_supervised,
	lead_deputy_id);
