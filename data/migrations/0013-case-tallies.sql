-- renda schema 13: each voter issue's answered deadlines, counted as they are answered.
-- The statistics of voter issues count, per case, the respond deadlines answered (on time
-- or late) and those on time, the same of the reply and re-handling deadlines, and the
-- reply deadlines answered with the days they took. These never change once a deadline
-- is answered, so a trigger adds them up in the same transaction as the step that stops
-- the clock (the workflow engine's UPDATE of wf_clock), and the statistics read one row
-- per case instead of every clock. Deadlines still running come from the clocks.
CREATE TABLE IF NOT EXISTS vcase_tally (
	case_id INTEGER PRIMARY KEY REFERENCES vcase (id),
	respond_answered INTEGER NOT NULL DEFAULT 0,
	respond_met INTEGER NOT NULL DEFAULT 0,
	reply_answered INTEGER NOT NULL DEFAULT 0,
	reply_met INTEGER NOT NULL DEFAULT 0,
	replies INTEGER NOT NULL DEFAULT 0,
	reply_days INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER IF NOT EXISTS vcase_tally_answered AFTER UPDATE OF stopped ON wf_clock
WHEN new.workflow = 'case' AND old.stopped IS NULL AND new.outcome IN ('met', 'late')
	AND new.clock IN ('respond', 'reply', 'rehandle')
BEGIN
	INSERT INTO vcase_tally (case_id) VALUES (new.item_id) ON CONFLICT DO NOTHING;
	UPDATE vcase_tally SET
		respond_answered = respond_answered + (new.clock = 'respond'),
		respond_met = respond_met + (new.clock = 'respond' AND new.outcome = 'met'),
		reply_answered = reply_answered + (new.clock <> 'respond'),
		reply_met = reply_met + (new.clock <> 'respond' AND new.outcome = 'met'),
		replies = replies + (new.clock = 'reply'),
		reply_days = reply_days + CASE WHEN new.clock = 'reply' THEN
			CAST(julianday(new.stopped) - julianday(new.started) AS INTEGER) ELSE 0 END
	WHERE case_id = new.item_id;
END;

-- A clock written already stopped (a database's changes brought in as rows), or removed.
CREATE TRIGGER IF NOT EXISTS vcase_tally_inserted AFTER INSERT ON wf_clock
WHEN new.workflow = 'case' AND new.outcome IN ('met', 'late')
	AND new.clock IN ('respond', 'reply', 'rehandle')
BEGIN
	INSERT INTO vcase_tally (case_id) VALUES (new.item_id) ON CONFLICT DO NOTHING;
	UPDATE vcase_tally SET
		respond_answered = respond_answered + (new.clock = 'respond'),
		respond_met = respond_met + (new.clock = 'respond' AND new.outcome = 'met'),
		reply_answered = reply_answered + (new.clock <> 'respond'),
		reply_met = reply_met + (new.clock <> 'respond' AND new.outcome = 'met'),
		replies = replies + (new.clock = 'reply'),
		reply_days = reply_days + CASE WHEN new.clock = 'reply' THEN
			CAST(julianday(new.stopped) - julianday(new.started) AS INTEGER) ELSE 0 END
	WHERE case_id = new.item_id;
END;
CREATE TRIGGER IF NOT EXISTS vcase_tally_removed AFTER DELETE ON wf_clock
WHEN old.workflow = 'case' AND old.outcome IN ('met', 'late')
	AND old.clock IN ('respond', 'reply', 'rehandle')
BEGIN
	UPDATE vcase_tally SET
		respond_answered = respond_answered - (old.clock = 'respond'),
		respond_met = respond_met - (old.clock = 'respond' AND old.outcome = 'met'),
		reply_answered = reply_answered - (old.clock <> 'respond'),
		reply_met = reply_met - (old.clock <> 'respond' AND old.outcome = 'met'),
		replies = replies - (old.clock = 'reply'),
		reply_days = reply_days - CASE WHEN old.clock = 'reply' THEN
			CAST(julianday(old.stopped) - julianday(old.started) AS INTEGER) ELSE 0 END
	WHERE case_id = old.item_id;
END;

-- The cases of an existing database: their deadlines answered so far (counted afresh when
-- a database is taken through the migrations again).
DELETE FROM vcase_tally;
INSERT INTO vcase_tally (case_id, respond_answered, respond_met, reply_answered, reply_met,
	replies, reply_days)
SELECT item_id, sum(clock = 'respond'), sum(clock = 'respond' AND outcome = 'met'),
	sum(clock <> 'respond'), sum(clock <> 'respond' AND outcome = 'met'), sum(clock = 'reply'),
	sum(CASE WHEN clock = 'reply' THEN
		CAST(julianday(stopped) - julianday(started) AS INTEGER) ELSE 0 END)
FROM wf_clock WHERE workflow = 'case' AND outcome IN ('met', 'late')
	AND clock IN ('respond', 'reply', 'rehandle')
GROUP BY item_id;

-- The cases of a period with every column the statistics group and count by, in one
-- index: a year's statistics read its range and never the cases' rows (with their
-- texts). It begins with the submission time, so it also serves what the index on the
-- submission time alone served.
CREATE INDEX IF NOT EXISTS vcase_stat ON vcase (submitted_at, category_id, town_id, channel, deputy_id,
	lead_unit_id, state, evaluation);
DROP INDEX IF EXISTS vcase_submitted;
