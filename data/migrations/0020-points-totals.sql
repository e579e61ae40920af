-- renda schema 20: the duty points' yearly totals kept between readings (issues 14 and
-- 18: the cockpit's top points and the ranking at a million voter issues).
--
-- A deputy's total is computed from the events of every module (model/points/points.c);
-- computing every deputy's year reads every voter issue of the year. The totals computed
-- for the present are kept in points_total, and every change that can move a deputy's
-- points marks the deputy in points_stale, by the triggers below, in the transaction of
-- the change itself (a changeset of another site applied fires them too). A reading takes
-- the kept totals of the deputies not marked and computes the others from their own
-- records alone, then keeps what it computed and clears the marks it saw, unless a
-- change marked the deputy again meanwhile (a mark carries the number of its write
-- transaction, tx_number, which only grows). deputy_id 0 marks every deputy: a change of
-- the rules or of the result classes. Nothing here is a record: it is re-derived at will,
-- deleted and recomputed by the next reading, and never exchanged with other sites.
CREATE TABLE IF NOT EXISTS points_total (
	year INTEGER NOT NULL,
	deputy_id INTEGER NOT NULL,
	asof TEXT NOT NULL,   -- the time the totals were computed for
	recipe TEXT NOT NULL, -- the sources, items and pro-rating they were computed with
	total INTEGER NOT NULL,
	nevents INTEGER NOT NULL,
	days INTEGER NOT NULL,
	by_item TEXT NOT NULL, -- "item=hundredths" separated by spaces
	PRIMARY KEY (year, deputy_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS points_stale (
	deputy_id INTEGER PRIMARY KEY,
	mark INTEGER NOT NULL
);
-- The number of the write transaction under way: each one renda begins (db_begin())
-- adds one, so the marks of two transactions differ.
CREATE TABLE IF NOT EXISTS tx_number (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n INTEGER NOT NULL
);
INSERT INTO tx_number (id, n) VALUES (1, 0) ON CONFLICT DO NOTHING;

-- The points' sources read the steps they score through the partial index of schema 19
-- when they read a year of every deputy, and through each record's own steps when they
-- read one deputy's. Without statistics SQLite takes the index for the more selective
-- in both; these figures (the shape of the steps at a million voter issues: the index
-- holds about half the steps of a workflow, a day's few) let it choose by the deputy
-- when there is one. ANALYZE replaces them with the database's own.
ANALYZE sqlite_schema;
INSERT INTO sqlite_stat1 (tbl, idx, stat)
SELECT 'wf_event', 'wf_event_points', '1280000 640000 320000 2'
WHERE NOT EXISTS (SELECT 1 FROM sqlite_stat1 WHERE idx = 'wf_event_points');

-- Each trigger marks the deputies of the row changed, once a transaction (a deputy
-- already marked with the transaction's number is left alone: an import of 50,000 voter
-- issues marks each deputy once, not once a voter issue).

-- A voter issue: its deputy (received), and the steps below (handled).
CREATE TRIGGER IF NOT EXISTS points_stale_vcase_new AFTER INSERT ON vcase
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT new.deputy_id AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_vcase_changed AFTER UPDATE OF deputy_id, submitted_at ON vcase
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.deputy_id AS d UNION SELECT new.deputy_id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_vcase_gone AFTER DELETE ON vcase
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.deputy_id AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;

-- A motion's or suggestion's co-signers, its replies; an activity's attendance; an
-- opinion on a livelihood project; a correction; the roster (the part of a year served).
CREATE TRIGGER IF NOT EXISTS points_stale_cosigner_new AFTER INSERT ON suggestion_cosigner
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT new.deputy_id AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_cosigner_changed AFTER UPDATE ON suggestion_cosigner
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.deputy_id AS d UNION SELECT new.deputy_id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_cosigner_gone AFTER DELETE ON suggestion_cosigner
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.deputy_id AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_reply_new AFTER INSERT ON suggestion_reply
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT new.deputy_id AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_reply_changed AFTER UPDATE ON suggestion_reply
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.deputy_id AS d UNION SELECT new.deputy_id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_reply_gone AFTER DELETE ON suggestion_reply
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.deputy_id AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_attendance_new AFTER INSERT ON activity_attendance
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT new.deputy_id AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_attendance_changed AFTER UPDATE ON activity_attendance
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.deputy_id AS d UNION SELECT new.deputy_id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_attendance_gone AFTER DELETE ON activity_attendance
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.deputy_id AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_opinion_new AFTER INSERT ON popinion
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT new.deputy_id AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_opinion_changed AFTER UPDATE ON popinion
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.deputy_id AS d UNION SELECT new.deputy_id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_opinion_gone AFTER DELETE ON popinion
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.deputy_id AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_correction_new AFTER INSERT ON points_correction
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT new.deputy_id AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_correction_changed AFTER UPDATE ON points_correction
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.deputy_id AS d UNION SELECT new.deputy_id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_correction_gone AFTER DELETE ON points_correction
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.deputy_id AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_deputy_new AFTER INSERT ON deputy
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT new.id AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_deputy_changed AFTER UPDATE ON deputy
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.id AS d UNION SELECT new.id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_deputy_gone AFTER DELETE ON deputy
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.id AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;

-- The steps the sources read: a voter issue replied to or forwarded by its deputy; a motion
-- or suggestion submitted, withdrawn, converted or registered (its lead and co-signers);
-- an activity's record (its attendance).
CREATE TRIGGER IF NOT EXISTS points_stale_step_new AFTER INSERT ON wf_event
WHEN (new.workflow = 'case' AND new.action IN ('deputy-reply', 'forward')) OR (new.workflow = 'suggestion' AND new.action IN ('submit', 'withdraw', 'convert', 'register')) OR (new.workflow = 'activity' AND new.action = 'record')
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT deputy_id AS d FROM vcase WHERE new.workflow = 'case' AND id = new.item_id UNION SELECT lead_deputy_id FROM suggestion WHERE new.workflow = 'suggestion' AND id = new.item_id UNION SELECT deputy_id FROM suggestion_cosigner WHERE new.workflow = 'suggestion' AND suggestion_id = new.item_id UNION SELECT deputy_id FROM activity_attendance WHERE new.workflow = 'activity' AND activity_id = new.item_id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_step_gone AFTER DELETE ON wf_event
WHEN (old.workflow = 'case' AND old.action IN ('deputy-reply', 'forward')) OR (old.workflow = 'suggestion' AND old.action IN ('submit', 'withdraw', 'convert', 'register')) OR (old.workflow = 'activity' AND old.action = 'record')
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT deputy_id AS d FROM vcase WHERE old.workflow = 'case' AND id = old.item_id UNION SELECT lead_deputy_id FROM suggestion WHERE old.workflow = 'suggestion' AND id = old.item_id UNION SELECT deputy_id FROM suggestion_cosigner WHERE old.workflow = 'suggestion' AND suggestion_id = old.item_id UNION SELECT deputy_id FROM activity_attendance WHERE old.workflow = 'activity' AND activity_id = old.item_id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_step_changed AFTER UPDATE ON wf_event
WHEN (old.workflow = 'case' AND old.action IN ('deputy-reply', 'forward')) OR (old.workflow = 'suggestion' AND old.action IN ('submit', 'withdraw', 'convert', 'register')) OR (old.workflow = 'activity' AND old.action = 'record') OR (new.workflow = 'case' AND new.action IN ('deputy-reply', 'forward')) OR (new.workflow = 'suggestion' AND new.action IN ('submit', 'withdraw', 'convert', 'register')) OR (new.workflow = 'activity' AND new.action = 'record')
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT deputy_id AS d FROM vcase WHERE old.workflow = 'case' AND id = old.item_id UNION SELECT lead_deputy_id FROM suggestion WHERE old.workflow = 'suggestion' AND id = old.item_id UNION SELECT deputy_id FROM suggestion_cosigner WHERE old.workflow = 'suggestion' AND suggestion_id = old.item_id UNION SELECT deputy_id FROM activity_attendance WHERE old.workflow = 'activity' AND activity_id = old.item_id UNION SELECT deputy_id AS d FROM vcase WHERE new.workflow = 'case' AND id = new.item_id UNION SELECT lead_deputy_id FROM suggestion WHERE new.workflow = 'suggestion' AND id = new.item_id UNION SELECT deputy_id FROM suggestion_cosigner WHERE new.workflow = 'suggestion' AND suggestion_id = new.item_id UNION SELECT deputy_id FROM activity_attendance WHERE new.workflow = 'activity' AND activity_id = new.item_id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;

-- A motion or suggestion: its lead and co-signers (its kind names the items they score).
CREATE TRIGGER IF NOT EXISTS points_stale_suggestion_new AFTER INSERT ON suggestion
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT new.lead_deputy_id AS d UNION SELECT deputy_id FROM suggestion_cosigner WHERE suggestion_id = new.id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_suggestion_changed AFTER UPDATE OF lead_deputy_id, kind ON suggestion
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.lead_deputy_id AS d UNION SELECT deputy_id FROM suggestion_cosigner WHERE suggestion_id = old.id UNION SELECT new.lead_deputy_id AS d UNION SELECT deputy_id FROM suggestion_cosigner WHERE suggestion_id = new.id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_suggestion_gone AFTER DELETE ON suggestion
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT old.lead_deputy_id AS d UNION SELECT deputy_id FROM suggestion_cosigner WHERE suggestion_id = old.id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;

-- An activity: its kind and day score its attendance.
CREATE TRIGGER IF NOT EXISTS points_stale_activity_changed AFTER UPDATE OF kind, starts_at ON activity
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT deputy_id AS d FROM activity_attendance WHERE activity_id = new.id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_activity_gone AFTER DELETE ON activity
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT deputy_id AS d FROM activity_attendance WHERE activity_id = old.id)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;

-- The rules, and the result classes (the best one scores): every deputy.
CREATE TRIGGER IF NOT EXISTS points_stale_version_insert AFTER INSERT ON points_version
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT 0 AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_version_update AFTER UPDATE ON points_version
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT 0 AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_version_delete AFTER DELETE ON points_version
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT 0 AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_rule_insert AFTER INSERT ON points_rule
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT 0 AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_rule_update AFTER UPDATE ON points_rule
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT 0 AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_rule_delete AFTER DELETE ON points_rule
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT 0 AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_result_class_insert AFTER INSERT ON result_class
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT 0 AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_result_class_update AFTER UPDATE ON result_class
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT 0 AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
CREATE TRIGGER IF NOT EXISTS points_stale_result_class_delete AFTER DELETE ON result_class
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT 0 AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;

-- A term's first day is the first day served of its deputies with no day of their own.
CREATE TRIGGER IF NOT EXISTS points_stale_term_changed AFTER UPDATE OF start_date ON term
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT d, (SELECT n FROM tx_number) FROM (SELECT 0 AS d)
		WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_stale p WHERE p.deputy_id = d
			AND p.mark = (SELECT n FROM tx_number))
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark;
END;
