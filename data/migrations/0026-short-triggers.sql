-- renda schema 26: shorter trigger bodies, for every command's start (issue 14: eight
-- clerks' write commands at once, p99 under 50 ms).
--
-- quick: triggers and views only, no row read or written (0.3 s on 210,000 voter issues).
--
-- Every process parses the whole schema when it first reads the database: some 190
-- instructions a byte of sqlite_schema's text, 12 M of the 18 M instructions of a
-- command such as renda case act ID chase. The triggers' text was the largest part:
-- schema 25's marks of the deputies whose points go stale repeated their upsert (INSERT
-- INTO points_stale ... ON CONFLICT ... DO UPDATE ...) in each of 64 statements, and
-- the days schema 24 deletes from the cockpit's kept figures repeated the day's
-- expression, twice in a trigger of an update.
--
-- Each is written once here, in a trigger on a view that holds no row. A row inserted
-- into stale_deputy marks its deputy (0: every deputy) stale with the transaction's
-- number, as the upsert did; one inserted into stale_item marks the deputies of a step's
-- record (a voter issue's deputy, a motion's lead and co-signers, an activity's
-- attendees), as the steps' triggers did; one inserted into cockpit_kept_from deletes
-- what is kept from the day before its time's day (every day when the time cannot be
-- read), as the DELETE did. The tables' triggers below insert their deputies, records
-- and times there: the same deputies are marked with the same number, and an update's
-- two times delete from the earlier day, as min() did. A value a subquery does not find
-- is NULL: no deputy, and every day, as before. A motion gone or given another lead
-- still marks the lead it had (the row no longer says it).
--
-- Each insert is of one row of VALUES: SQLite writes the rows of an INSERT ... SELECT
-- (or of several VALUES) into a view's trigger through a temporary table first, which
-- schema 25 removed from every write (tests/cli/migrate-checks.sh). The triggers' names,
-- tables and WHEN clauses are those of schemas 24 and 25 (migrate-checks.sh and
-- cockpit-kept.sh count them). The schema's text: 84 KB -> 71 KB.
CREATE VIEW IF NOT EXISTS stale_deputy (deputy_id) AS SELECT NULL WHERE 0;
CREATE TRIGGER IF NOT EXISTS stale_deputy_marked INSTEAD OF INSERT ON stale_deputy
WHEN new.deputy_id IS NOT NULL
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT new.deputy_id, n FROM tx_number WHERE 1
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
CREATE VIEW IF NOT EXISTS stale_item (workflow, item_id) AS SELECT NULL, NULL WHERE 0;
CREATE TRIGGER IF NOT EXISTS stale_item_marked INSTEAD OF INSERT ON stale_item
BEGIN
	INSERT INTO stale_deputy VALUES ((SELECT deputy_id FROM vcase
		WHERE new.workflow = 'case' AND id = new.item_id));
	INSERT INTO stale_deputy VALUES ((SELECT lead_deputy_id FROM suggestion
		WHERE new.workflow = 'suggestion' AND id = new.item_id));
	INSERT INTO points_stale (deputy_id, mark) SELECT suggestion_cosigner.deputy_id, n
		FROM suggestion_cosigner, tx_number WHERE new.workflow = 'suggestion' AND
		suggestion_cosigner.suggestion_id = new.item_id AND suggestion_cosigner.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT activity_attendance.deputy_id, n
		FROM activity_attendance, tx_number WHERE new.workflow = 'activity' AND
		activity_attendance.activity_id = new.item_id AND activity_attendance.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
CREATE VIEW IF NOT EXISTS cockpit_kept_from (at) AS SELECT NULL WHERE 0;
CREATE TRIGGER IF NOT EXISTS cockpit_kept_from_day INSTEAD OF INSERT ON cockpit_kept_from
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr(new.at, 1, 10), '-1 day'), '');
END;
DROP TRIGGER IF EXISTS points_stale_vcase_new;
CREATE TRIGGER points_stale_vcase_new AFTER INSERT ON vcase
BEGIN
	INSERT INTO stale_deputy VALUES (new.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_vcase_changed;
CREATE TRIGGER points_stale_vcase_changed AFTER UPDATE OF deputy_id, submitted_at ON vcase
BEGIN
	INSERT INTO stale_deputy VALUES (old.deputy_id);
	INSERT INTO stale_deputy VALUES (new.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_vcase_gone;
CREATE TRIGGER points_stale_vcase_gone AFTER DELETE ON vcase
BEGIN
	INSERT INTO stale_deputy VALUES (old.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_cosigner_new;
CREATE TRIGGER points_stale_cosigner_new AFTER INSERT ON suggestion_cosigner
BEGIN
	INSERT INTO stale_deputy VALUES (new.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_cosigner_changed;
CREATE TRIGGER points_stale_cosigner_changed AFTER UPDATE ON suggestion_cosigner
BEGIN
	INSERT INTO stale_deputy VALUES (old.deputy_id);
	INSERT INTO stale_deputy VALUES (new.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_cosigner_gone;
CREATE TRIGGER points_stale_cosigner_gone AFTER DELETE ON suggestion_cosigner
BEGIN
	INSERT INTO stale_deputy VALUES (old.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_reply_new;
CREATE TRIGGER points_stale_reply_new AFTER INSERT ON suggestion_reply
BEGIN
	INSERT INTO stale_deputy VALUES (new.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_reply_changed;
CREATE TRIGGER points_stale_reply_changed AFTER UPDATE ON suggestion_reply
BEGIN
	INSERT INTO stale_deputy VALUES (old.deputy_id);
	INSERT INTO stale_deputy VALUES (new.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_reply_gone;
CREATE TRIGGER points_stale_reply_gone AFTER DELETE ON suggestion_reply
BEGIN
	INSERT INTO stale_deputy VALUES (old.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_attendance_new;
CREATE TRIGGER points_stale_attendance_new AFTER INSERT ON activity_attendance
BEGIN
	INSERT INTO stale_deputy VALUES (new.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_attendance_changed;
CREATE TRIGGER points_stale_attendance_changed AFTER UPDATE ON activity_attendance
BEGIN
	INSERT INTO stale_deputy VALUES (old.deputy_id);
	INSERT INTO stale_deputy VALUES (new.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_attendance_gone;
CREATE TRIGGER points_stale_attendance_gone AFTER DELETE ON activity_attendance
BEGIN
	INSERT INTO stale_deputy VALUES (old.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_opinion_new;
CREATE TRIGGER points_stale_opinion_new AFTER INSERT ON popinion
BEGIN
	INSERT INTO stale_deputy VALUES (new.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_opinion_changed;
CREATE TRIGGER points_stale_opinion_changed AFTER UPDATE ON popinion
BEGIN
	INSERT INTO stale_deputy VALUES (old.deputy_id);
	INSERT INTO stale_deputy VALUES (new.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_opinion_gone;
CREATE TRIGGER points_stale_opinion_gone AFTER DELETE ON popinion
BEGIN
	INSERT INTO stale_deputy VALUES (old.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_correction_new;
CREATE TRIGGER points_stale_correction_new AFTER INSERT ON points_correction
BEGIN
	INSERT INTO stale_deputy VALUES (new.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_correction_changed;
CREATE TRIGGER points_stale_correction_changed AFTER UPDATE ON points_correction
BEGIN
	INSERT INTO stale_deputy VALUES (old.deputy_id);
	INSERT INTO stale_deputy VALUES (new.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_correction_gone;
CREATE TRIGGER points_stale_correction_gone AFTER DELETE ON points_correction
BEGIN
	INSERT INTO stale_deputy VALUES (old.deputy_id);
END;
DROP TRIGGER IF EXISTS points_stale_deputy_new;
CREATE TRIGGER points_stale_deputy_new AFTER INSERT ON deputy
BEGIN
	INSERT INTO stale_deputy VALUES (new.id);
END;
DROP TRIGGER IF EXISTS points_stale_deputy_changed;
CREATE TRIGGER points_stale_deputy_changed AFTER UPDATE ON deputy
BEGIN
	INSERT INTO stale_deputy VALUES (old.id);
	INSERT INTO stale_deputy VALUES (new.id);
END;
DROP TRIGGER IF EXISTS points_stale_deputy_gone;
CREATE TRIGGER points_stale_deputy_gone AFTER DELETE ON deputy
BEGIN
	INSERT INTO stale_deputy VALUES (old.id);
END;
DROP TRIGGER IF EXISTS points_stale_step_new;
CREATE TRIGGER points_stale_step_new AFTER INSERT ON wf_event
WHEN (new.workflow = 'case' AND new.action IN ('deputy-reply', 'forward')) OR (new.workflow = 'suggestion' AND (new.action = 'submit' OR new.action = 'withdraw' OR new.action = 'convert' OR new.action = 'register')) OR (new.workflow = 'activity' AND new.action = 'record')
BEGIN
	INSERT INTO stale_item VALUES (new.workflow, new.item_id);
END;
DROP TRIGGER IF EXISTS points_stale_step_gone;
CREATE TRIGGER points_stale_step_gone AFTER DELETE ON wf_event
WHEN (old.workflow = 'case' AND old.action IN ('deputy-reply', 'forward')) OR (old.workflow = 'suggestion' AND (old.action = 'submit' OR old.action = 'withdraw' OR old.action = 'convert' OR old.action = 'register')) OR (old.workflow = 'activity' AND old.action = 'record')
BEGIN
	INSERT INTO stale_item VALUES (old.workflow, old.item_id);
END;
DROP TRIGGER IF EXISTS points_stale_step_changed;
CREATE TRIGGER points_stale_step_changed AFTER UPDATE ON wf_event
WHEN (old.workflow = 'case' AND old.action IN ('deputy-reply', 'forward')) OR (old.workflow = 'suggestion' AND (old.action = 'submit' OR old.action = 'withdraw' OR old.action = 'convert' OR old.action = 'register')) OR (old.workflow = 'activity' AND old.action = 'record') OR (new.workflow = 'case' AND new.action IN ('deputy-reply', 'forward')) OR (new.workflow = 'suggestion' AND (new.action = 'submit' OR new.action = 'withdraw' OR new.action = 'convert' OR new.action = 'register')) OR (new.workflow = 'activity' AND new.action = 'record')
BEGIN
	INSERT INTO stale_item VALUES (old.workflow, old.item_id);
	INSERT INTO stale_item VALUES (new.workflow, new.item_id);
END;
DROP TRIGGER IF EXISTS points_stale_suggestion_new;
CREATE TRIGGER points_stale_suggestion_new AFTER INSERT ON suggestion
BEGIN
	INSERT INTO stale_item VALUES ('suggestion', new.id);
END;
DROP TRIGGER IF EXISTS points_stale_suggestion_changed;
CREATE TRIGGER points_stale_suggestion_changed AFTER UPDATE OF lead_deputy_id, kind ON suggestion
BEGIN
	INSERT INTO stale_deputy VALUES (old.lead_deputy_id);
	INSERT INTO stale_item VALUES ('suggestion', old.id);
	INSERT INTO stale_item VALUES ('suggestion', new.id);
END;
DROP TRIGGER IF EXISTS points_stale_suggestion_gone;
CREATE TRIGGER points_stale_suggestion_gone AFTER DELETE ON suggestion
BEGIN
	INSERT INTO stale_deputy VALUES (old.lead_deputy_id);
	INSERT INTO stale_item VALUES ('suggestion', old.id);
END;
DROP TRIGGER IF EXISTS points_stale_activity_changed;
CREATE TRIGGER points_stale_activity_changed AFTER UPDATE OF kind, starts_at ON activity
BEGIN
	INSERT INTO stale_item VALUES ('activity', new.id);
END;
DROP TRIGGER IF EXISTS points_stale_activity_gone;
CREATE TRIGGER points_stale_activity_gone AFTER DELETE ON activity
BEGIN
	INSERT INTO stale_item VALUES ('activity', old.id);
END;
DROP TRIGGER IF EXISTS points_stale_version_insert;
CREATE TRIGGER points_stale_version_insert AFTER INSERT ON points_version
BEGIN
	INSERT INTO stale_deputy VALUES (0);
END;
DROP TRIGGER IF EXISTS points_stale_version_update;
CREATE TRIGGER points_stale_version_update AFTER UPDATE ON points_version
BEGIN
	INSERT INTO stale_deputy VALUES (0);
END;
DROP TRIGGER IF EXISTS points_stale_version_delete;
CREATE TRIGGER points_stale_version_delete AFTER DELETE ON points_version
BEGIN
	INSERT INTO stale_deputy VALUES (0);
END;
DROP TRIGGER IF EXISTS points_stale_rule_insert;
CREATE TRIGGER points_stale_rule_insert AFTER INSERT ON points_rule
BEGIN
	INSERT INTO stale_deputy VALUES (0);
END;
DROP TRIGGER IF EXISTS points_stale_rule_update;
CREATE TRIGGER points_stale_rule_update AFTER UPDATE ON points_rule
BEGIN
	INSERT INTO stale_deputy VALUES (0);
END;
DROP TRIGGER IF EXISTS points_stale_rule_delete;
CREATE TRIGGER points_stale_rule_delete AFTER DELETE ON points_rule
BEGIN
	INSERT INTO stale_deputy VALUES (0);
END;
DROP TRIGGER IF EXISTS points_stale_result_class_insert;
CREATE TRIGGER points_stale_result_class_insert AFTER INSERT ON result_class
BEGIN
	INSERT INTO stale_deputy VALUES (0);
END;
DROP TRIGGER IF EXISTS points_stale_result_class_update;
CREATE TRIGGER points_stale_result_class_update AFTER UPDATE ON result_class
BEGIN
	INSERT INTO stale_deputy VALUES (0);
END;
DROP TRIGGER IF EXISTS points_stale_result_class_delete;
CREATE TRIGGER points_stale_result_class_delete AFTER DELETE ON result_class
BEGIN
	INSERT INTO stale_deputy VALUES (0);
END;
DROP TRIGGER IF EXISTS points_stale_term_changed;
CREATE TRIGGER points_stale_term_changed AFTER UPDATE OF start_date ON term
BEGIN
	INSERT INTO stale_deputy VALUES (0);
END;
DROP TRIGGER IF EXISTS kept_suggestion_changed;
CREATE TRIGGER kept_suggestion_changed AFTER UPDATE ON suggestion
BEGIN
	INSERT INTO cockpit_kept_from VALUES (old.created_at);
	INSERT INTO cockpit_kept_from VALUES (new.created_at);
END;
DROP TRIGGER IF EXISTS kept_suggestion_cosigner_changed;
CREATE TRIGGER kept_suggestion_cosigner_changed AFTER UPDATE ON suggestion_cosigner
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = old.suggestion_id));
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = new.suggestion_id));
END;
DROP TRIGGER IF EXISTS kept_suggestion_cosigner_gone;
CREATE TRIGGER kept_suggestion_cosigner_gone AFTER DELETE ON suggestion_cosigner
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = old.suggestion_id));
END;
DROP TRIGGER IF EXISTS kept_suggestion_cosigner_new;
CREATE TRIGGER kept_suggestion_cosigner_new AFTER INSERT ON suggestion_cosigner
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = new.suggestion_id));
END;
DROP TRIGGER IF EXISTS kept_suggestion_gone;
CREATE TRIGGER kept_suggestion_gone AFTER DELETE ON suggestion
BEGIN
	INSERT INTO cockpit_kept_from VALUES (old.created_at);
END;
DROP TRIGGER IF EXISTS kept_suggestion_meeting_changed;
CREATE TRIGGER kept_suggestion_meeting_changed AFTER UPDATE ON suggestion_meeting
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = old.suggestion_id));
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = new.suggestion_id));
END;
DROP TRIGGER IF EXISTS kept_suggestion_meeting_gone;
CREATE TRIGGER kept_suggestion_meeting_gone AFTER DELETE ON suggestion_meeting
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = old.suggestion_id));
END;
DROP TRIGGER IF EXISTS kept_suggestion_meeting_new;
CREATE TRIGGER kept_suggestion_meeting_new AFTER INSERT ON suggestion_meeting
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = new.suggestion_id));
END;
DROP TRIGGER IF EXISTS kept_suggestion_new;
CREATE TRIGGER kept_suggestion_new AFTER INSERT ON suggestion
BEGIN
	INSERT INTO cockpit_kept_from VALUES (new.created_at);
END;
DROP TRIGGER IF EXISTS kept_suggestion_reply_changed;
CREATE TRIGGER kept_suggestion_reply_changed AFTER UPDATE ON suggestion_reply
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = old.suggestion_id));
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = new.suggestion_id));
END;
DROP TRIGGER IF EXISTS kept_suggestion_reply_gone;
CREATE TRIGGER kept_suggestion_reply_gone AFTER DELETE ON suggestion_reply
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = old.suggestion_id));
END;
DROP TRIGGER IF EXISTS kept_suggestion_reply_new;
CREATE TRIGGER kept_suggestion_reply_new AFTER INSERT ON suggestion_reply
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = new.suggestion_id));
END;
DROP TRIGGER IF EXISTS kept_suggestion_unit_changed;
CREATE TRIGGER kept_suggestion_unit_changed AFTER UPDATE ON suggestion_unit
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = old.suggestion_id));
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = new.suggestion_id));
END;
DROP TRIGGER IF EXISTS kept_suggestion_unit_gone;
CREATE TRIGGER kept_suggestion_unit_gone AFTER DELETE ON suggestion_unit
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = old.suggestion_id));
END;
DROP TRIGGER IF EXISTS kept_suggestion_unit_new;
CREATE TRIGGER kept_suggestion_unit_new AFTER INSERT ON suggestion_unit
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT created_at FROM suggestion WHERE id = new.suggestion_id));
END;
DROP TRIGGER IF EXISTS kept_vcase_changed;
CREATE TRIGGER kept_vcase_changed AFTER UPDATE ON vcase
BEGIN
	INSERT INTO cockpit_kept_from VALUES (old.submitted_at);
	INSERT INTO cockpit_kept_from VALUES (new.submitted_at);
END;
DROP TRIGGER IF EXISTS kept_vcase_comment_changed;
CREATE TRIGGER kept_vcase_comment_changed AFTER UPDATE ON vcase_comment
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT submitted_at FROM vcase WHERE id = old.case_id));
	INSERT INTO cockpit_kept_from VALUES ((SELECT submitted_at FROM vcase WHERE id = new.case_id));
END;
DROP TRIGGER IF EXISTS kept_vcase_comment_gone;
CREATE TRIGGER kept_vcase_comment_gone AFTER DELETE ON vcase_comment
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT submitted_at FROM vcase WHERE id = old.case_id));
END;
DROP TRIGGER IF EXISTS kept_vcase_comment_new;
CREATE TRIGGER kept_vcase_comment_new AFTER INSERT ON vcase_comment
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT submitted_at FROM vcase WHERE id = new.case_id));
END;
DROP TRIGGER IF EXISTS kept_vcase_gone;
CREATE TRIGGER kept_vcase_gone AFTER DELETE ON vcase
BEGIN
	INSERT INTO cockpit_kept_from VALUES (old.submitted_at);
END;
DROP TRIGGER IF EXISTS kept_vcase_like_changed;
CREATE TRIGGER kept_vcase_like_changed AFTER UPDATE ON vcase_like
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT submitted_at FROM vcase WHERE id = old.case_id));
	INSERT INTO cockpit_kept_from VALUES ((SELECT submitted_at FROM vcase WHERE id = new.case_id));
END;
DROP TRIGGER IF EXISTS kept_vcase_like_gone;
CREATE TRIGGER kept_vcase_like_gone AFTER DELETE ON vcase_like
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT submitted_at FROM vcase WHERE id = old.case_id));
END;
DROP TRIGGER IF EXISTS kept_vcase_like_new;
CREATE TRIGGER kept_vcase_like_new AFTER INSERT ON vcase_like
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT submitted_at FROM vcase WHERE id = new.case_id));
END;
DROP TRIGGER IF EXISTS kept_vcase_new;
CREATE TRIGGER kept_vcase_new AFTER INSERT ON vcase
BEGIN
	INSERT INTO cockpit_kept_from VALUES (new.submitted_at);
END;
DROP TRIGGER IF EXISTS kept_vcase_unit_changed;
CREATE TRIGGER kept_vcase_unit_changed AFTER UPDATE ON vcase_unit
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT submitted_at FROM vcase WHERE id = old.case_id));
	INSERT INTO cockpit_kept_from VALUES ((SELECT submitted_at FROM vcase WHERE id = new.case_id));
END;
DROP TRIGGER IF EXISTS kept_vcase_unit_gone;
CREATE TRIGGER kept_vcase_unit_gone AFTER DELETE ON vcase_unit
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT submitted_at FROM vcase WHERE id = old.case_id));
END;
DROP TRIGGER IF EXISTS kept_vcase_unit_new;
CREATE TRIGGER kept_vcase_unit_new AFTER INSERT ON vcase_unit
BEGIN
	INSERT INTO cockpit_kept_from VALUES ((SELECT submitted_at FROM vcase WHERE id = new.case_id));
END;
DROP TRIGGER IF EXISTS kept_wf_clock_changed;
CREATE TRIGGER kept_wf_clock_changed AFTER UPDATE ON wf_clock
BEGIN
	INSERT INTO cockpit_kept_from VALUES (old.started);
	INSERT INTO cockpit_kept_from VALUES (new.started);
END;
DROP TRIGGER IF EXISTS kept_wf_clock_gone;
CREATE TRIGGER kept_wf_clock_gone AFTER DELETE ON wf_clock
BEGIN
	INSERT INTO cockpit_kept_from VALUES (old.started);
END;
DROP TRIGGER IF EXISTS kept_wf_clock_new;
CREATE TRIGGER kept_wf_clock_new AFTER INSERT ON wf_clock
BEGIN
	INSERT INTO cockpit_kept_from VALUES (new.started);
END;
DROP TRIGGER IF EXISTS kept_wf_event_changed;
CREATE TRIGGER kept_wf_event_changed AFTER UPDATE ON wf_event
BEGIN
	INSERT INTO cockpit_kept_from VALUES (old.at);
	INSERT INTO cockpit_kept_from VALUES (new.at);
END;
DROP TRIGGER IF EXISTS kept_wf_event_gone;
CREATE TRIGGER kept_wf_event_gone AFTER DELETE ON wf_event
BEGIN
	INSERT INTO cockpit_kept_from VALUES (old.at);
END;
DROP TRIGGER IF EXISTS kept_wf_event_new;
CREATE TRIGGER kept_wf_event_new AFTER INSERT ON wf_event
BEGIN
	INSERT INTO cockpit_kept_from VALUES (new.at);
END;
