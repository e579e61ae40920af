-- renda schema 25: rows written without temporary tables (issue 14: an import of 50,000
-- voter issues, a write command's start).
--
-- SQLite makes and drops a temporary table, at every row written, for two kinds of
-- statement this schema had: a list of three values or more in a CHECK constraint, a
-- trigger's WHEN or a partial index's WHERE (channel IN ('qr', 'phone', 'station',
-- 'other'); the partial index of the steps the points read, at every step), and schema
-- 20's triggers that mark the deputies of a changed row in points_stale (one INSERT ...
-- SELECT over a UNION of the row's deputies, skipping a deputy marked already with NOT
-- EXISTS on points_stale itself: the UNION's table, and the one an INSERT reading its own
-- table needs). Three a voter issue, a fifth of an import's instructions; and these
-- triggers were the largest bodies the schema parses at every start.
--
-- The lists are written as the same test with OR, which SQLite checks in place; they
-- accept and refuse the same values (a NULL passes both), and the index holds the same
-- rows (the points' queries repeat its condition word for word, POINTS_STEPS in
-- src/model/points/points.h). They are changed in place, as SQLite's ALTER TABLE page
-- describes for a constraint every row already meets
-- (https://sqlite.org/lang_altertable.html, "otheralter"); the triggers dropped and
-- created below change the schema's version, so every connection reads the new text.
-- tests/cli/migrate-checks.sh checks that the lists are the same and that each refuses.
--
-- The triggers mark the same deputies with the same transaction number: one statement a
-- source of deputies, and the upsert's own WHERE leaves a mark of this transaction alone
-- (an import still marks each deputy once).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'kind IN (''meeting'', ''inspection'', ''research'', ''enforcement'',
		''reception'', ''training'', ''group'', ''report'', ''other'')',
	'(kind = ''meeting'' OR kind = ''inspection'' OR kind = ''research'' OR kind = ''enforcement'' OR kind = ''reception'' OR kind = ''training'' OR kind = ''group'' OR kind = ''report'' OR kind = ''other'')')
	WHERE type = 'table' AND name = 'activity';
UPDATE sqlite_schema SET sql = replace(sql, 'status IN (''present'', ''leave'', ''absent'')',
	'(status = ''present'' OR status = ''leave'' OR status = ''absent'')')
	WHERE type = 'table' AND name = 'activity_attendance';
UPDATE sqlite_schema SET sql = replace(sql, 'status IN (''requested'', ''confirmed'', ''declined'', ''withdrawn'')',
	'(status = ''requested'' OR status = ''confirmed'' OR status = ''declined'' OR status = ''withdrawn'')')
	WHERE type = 'table' AND name = 'activity_signup';
UPDATE sqlite_schema SET sql = replace(sql, 'role IN (''admin'', ''city-clerk'', ''town-clerk'', ''unit'', ''viewer'')',
	'(role = ''admin'' OR role = ''city-clerk'' OR role = ''town-clerk'' OR role = ''unit'' OR role = ''viewer'')')
	WHERE type = 'table' AND name = 'app_user';
UPDATE sqlite_schema SET sql = replace(sql, 'kind IN (''admin'', ''enterprise'', ''natural'', ''zone'')',
	'(kind = ''admin'' OR kind = ''enterprise'' OR kind = ''natural'' OR kind = ''zone'')')
	WHERE type = 'table' AND name = 'fin_asset';
UPDATE sqlite_schema SET sql = replace(sql, 'status IN (''open'', ''progress'', ''done'')',
	'(status = ''open'' OR status = ''progress'' OR status = ''done'')')
	WHERE type = 'table' AND name = 'fin_audit';
UPDATE sqlite_schema SET sql = replace(sql, 'dataset IN (''budget'', ''fund'', ''capital'')',
	'(dataset = ''budget'' OR dataset = ''fund'' OR dataset = ''capital'')')
	WHERE type = 'table' AND name = 'fin_budget';
UPDATE sqlite_schema SET sql = replace(sql, 'kind IN (''added'', ''changed'', ''removed'')',
	'(kind = ''added'' OR kind = ''changed'' OR kind = ''removed'')')
	WHERE type = 'table' AND name = 'fin_change';
UPDATE sqlite_schema SET sql = replace(sql, 'validity IN (''in_force'', ''amended'', ''repealed'')',
	'(validity = ''in_force'' OR validity = ''amended'' OR validity = ''repealed'')')
	WHERE type = 'table' AND name = 'fin_policy';
UPDATE sqlite_schema SET sql = replace(sql, 'measure IN (''exec_behind'', ''sangong_over'', ''tax_decline'',
		''audit_overdue'', ''project_idle'', ''budget_adjusted'')',
	'(measure = ''exec_behind'' OR measure = ''sangong_over'' OR measure = ''tax_decline'' OR measure = ''audit_overdue'' OR measure = ''project_idle'' OR measure = ''budget_adjusted'')')
	WHERE type = 'table' AND name = 'fin_rule';
UPDATE sqlite_schema SET sql = replace(sql, 'per IN (''month'', ''quarter'', ''year'', ''once'')',
	'(per = ''month'' OR per = ''quarter'' OR per = ''year'' OR per = ''once'')')
	WHERE type = 'table' AND name = 'fin_rule';
UPDATE sqlite_schema SET sql = replace(sql, 'item IN (''abroad'', ''vehicle_buy'', ''vehicle_run'', ''reception'')',
	'(item = ''abroad'' OR item = ''vehicle_buy'' OR item = ''vehicle_run'' OR item = ''reception'')')
	WHERE type = 'table' AND name = 'fin_sangong';
UPDATE sqlite_schema SET sql = replace(sql, 'evaluation IN (''satisfied'', ''basic'', ''unsatisfied'')',
	'(evaluation = ''satisfied'' OR evaluation = ''basic'' OR evaluation = ''unsatisfied'')')
	WHERE type = 'table' AND name = 'pproject';
UPDATE sqlite_schema SET sql = replace(sql, 'source IN (''deputy'', ''group'', ''public'', ''government'')',
	'(source = ''deputy'' OR source = ''group'' OR source = ''public'' OR source = ''government'')')
	WHERE type = 'table' AND name = 'pproposal';
UPDATE sqlite_schema SET sql = replace(sql, 'result IN (''chosen'', ''passed'', ''failed'', ''tie'')',
	'(result = ''chosen'' OR result = ''passed'' OR result = ''failed'' OR result = ''tie'')')
	WHERE type = 'table' AND name = 'pproposal';
UPDATE sqlite_schema SET sql = replace(sql, 'rating IN (''satisfied'', ''basic'', ''unsatisfied'')',
	'(rating = ''satisfied'' OR rating = ''basic'' OR rating = ''unsatisfied'')')
	WHERE type = 'table' AND name = 'prating';
UPDATE sqlite_schema SET sql = replace(sql, 'evaluation IN (''satisfied'', ''basic'', ''unsatisfied'')',
	'(evaluation = ''satisfied'' OR evaluation = ''basic'' OR evaluation = ''unsatisfied'')')
	WHERE type = 'table' AND name = 'suggestion';
UPDATE sqlite_schema SET sql = replace(sql, 'status IN (''invited'', ''confirmed'', ''declined'')',
	'(status = ''invited'' OR status = ''confirmed'' OR status = ''declined'')')
	WHERE type = 'table' AND name = 'suggestion_cosigner';
UPDATE sqlite_schema SET sql = replace(sql, 'state IN (''open'', ''mine'', ''theirs'', ''peer'')',
	'(state = ''open'' OR state = ''mine'' OR state = ''theirs'' OR state = ''peer'')')
	WHERE type = 'table' AND name = 'sync_conflict';
UPDATE sqlite_schema SET sql = replace(sql, 'kind IN (''department'', ''town-government'', ''other'')',
	'(kind = ''department'' OR kind = ''town-government'' OR kind = ''other'')')
	WHERE type = 'table' AND name = 'unit';
UPDATE sqlite_schema SET sql = replace(sql, 'channel IN (''qr'', ''phone'', ''station'', ''other'')',
	'(channel = ''qr'' OR channel = ''phone'' OR channel = ''station'' OR channel = ''other'')')
	WHERE type = 'table' AND name = 'vcase';
UPDATE sqlite_schema SET sql = replace(sql, 'evaluation IN (''satisfied'', ''basic'', ''unsatisfied'')',
	'(evaluation = ''satisfied'' OR evaluation = ''basic'' OR evaluation = ''unsatisfied'')')
	WHERE type = 'table' AND name = 'vcase';
UPDATE sqlite_schema SET sql = replace(sql, 'outcome IN (''met'', ''late'', ''cancelled'')',
	'(outcome = ''met'' OR outcome = ''late'' OR outcome = ''cancelled'')')
	WHERE type = 'table' AND name = 'wf_clock';
UPDATE sqlite_schema SET sql = replace(sql, 'unit IN (''days'', ''workdays'', ''weeks'', ''months'')',
	'(unit = ''days'' OR unit = ''workdays'' OR unit = ''weeks'' OR unit = ''months'')')
	WHERE type = 'table' AND name = 'wf_rule';
UPDATE sqlite_schema SET sql = replace(sql, 'new.clock IN (''respond'', ''reply'', ''rehandle'')',
	'(new.clock = ''respond'' OR new.clock = ''reply'' OR new.clock = ''rehandle'')')
	WHERE type = 'trigger' AND name GLOB 'vcase_tally_*';
UPDATE sqlite_schema SET sql = replace(sql, 'old.clock IN (''respond'', ''reply'', ''rehandle'')',
	'(old.clock = ''respond'' OR old.clock = ''reply'' OR old.clock = ''rehandle'')')
	WHERE type = 'trigger' AND name GLOB 'vcase_tally_*';
UPDATE sqlite_schema SET sql = replace(sql, 'action IN (''deputy-reply'', ''forward'', ''submit'', ''register'')',
	'(action = ''deputy-reply'' OR action = ''forward'' OR action = ''submit'' OR action = ''register'')')
	WHERE type = 'index' AND name = 'wf_event_points';
PRAGMA writable_schema = OFF;

DROP TRIGGER IF EXISTS points_stale_vcase_new;
CREATE TRIGGER points_stale_vcase_new AFTER INSERT ON vcase
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT new.deputy_id, n FROM tx_number WHERE new.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_vcase_changed;
CREATE TRIGGER points_stale_vcase_changed AFTER UPDATE OF deputy_id, submitted_at ON vcase
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.deputy_id, n FROM tx_number WHERE old.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT new.deputy_id, n FROM tx_number WHERE new.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_vcase_gone;
CREATE TRIGGER points_stale_vcase_gone AFTER DELETE ON vcase
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.deputy_id, n FROM tx_number WHERE old.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_cosigner_new;
CREATE TRIGGER points_stale_cosigner_new AFTER INSERT ON suggestion_cosigner
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT new.deputy_id, n FROM tx_number WHERE new.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_cosigner_changed;
CREATE TRIGGER points_stale_cosigner_changed AFTER UPDATE ON suggestion_cosigner
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.deputy_id, n FROM tx_number WHERE old.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT new.deputy_id, n FROM tx_number WHERE new.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_cosigner_gone;
CREATE TRIGGER points_stale_cosigner_gone AFTER DELETE ON suggestion_cosigner
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.deputy_id, n FROM tx_number WHERE old.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_reply_new;
CREATE TRIGGER points_stale_reply_new AFTER INSERT ON suggestion_reply
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT new.deputy_id, n FROM tx_number WHERE new.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_reply_changed;
CREATE TRIGGER points_stale_reply_changed AFTER UPDATE ON suggestion_reply
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.deputy_id, n FROM tx_number WHERE old.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT new.deputy_id, n FROM tx_number WHERE new.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_reply_gone;
CREATE TRIGGER points_stale_reply_gone AFTER DELETE ON suggestion_reply
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.deputy_id, n FROM tx_number WHERE old.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_attendance_new;
CREATE TRIGGER points_stale_attendance_new AFTER INSERT ON activity_attendance
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT new.deputy_id, n FROM tx_number WHERE new.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_attendance_changed;
CREATE TRIGGER points_stale_attendance_changed AFTER UPDATE ON activity_attendance
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.deputy_id, n FROM tx_number WHERE old.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT new.deputy_id, n FROM tx_number WHERE new.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_attendance_gone;
CREATE TRIGGER points_stale_attendance_gone AFTER DELETE ON activity_attendance
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.deputy_id, n FROM tx_number WHERE old.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_opinion_new;
CREATE TRIGGER points_stale_opinion_new AFTER INSERT ON popinion
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT new.deputy_id, n FROM tx_number WHERE new.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_opinion_changed;
CREATE TRIGGER points_stale_opinion_changed AFTER UPDATE ON popinion
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.deputy_id, n FROM tx_number WHERE old.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT new.deputy_id, n FROM tx_number WHERE new.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_opinion_gone;
CREATE TRIGGER points_stale_opinion_gone AFTER DELETE ON popinion
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.deputy_id, n FROM tx_number WHERE old.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_correction_new;
CREATE TRIGGER points_stale_correction_new AFTER INSERT ON points_correction
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT new.deputy_id, n FROM tx_number WHERE new.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_correction_changed;
CREATE TRIGGER points_stale_correction_changed AFTER UPDATE ON points_correction
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.deputy_id, n FROM tx_number WHERE old.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT new.deputy_id, n FROM tx_number WHERE new.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_correction_gone;
CREATE TRIGGER points_stale_correction_gone AFTER DELETE ON points_correction
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.deputy_id, n FROM tx_number WHERE old.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_deputy_new;
CREATE TRIGGER points_stale_deputy_new AFTER INSERT ON deputy
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT new.id, n FROM tx_number WHERE new.id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_deputy_changed;
CREATE TRIGGER points_stale_deputy_changed AFTER UPDATE ON deputy
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.id, n FROM tx_number WHERE old.id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT new.id, n FROM tx_number WHERE new.id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_deputy_gone;
CREATE TRIGGER points_stale_deputy_gone AFTER DELETE ON deputy
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.id, n FROM tx_number WHERE old.id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_step_new;
CREATE TRIGGER points_stale_step_new AFTER INSERT ON wf_event
WHEN (new.workflow = 'case' AND new.action IN ('deputy-reply', 'forward')) OR (new.workflow = 'suggestion' AND (new.action = 'submit' OR new.action = 'withdraw' OR new.action = 'convert' OR new.action = 'register')) OR (new.workflow = 'activity' AND new.action = 'record')
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT vcase.deputy_id, n FROM vcase, tx_number WHERE new.workflow = 'case' AND vcase.id = new.item_id AND vcase.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT suggestion.lead_deputy_id, n FROM suggestion, tx_number WHERE new.workflow = 'suggestion' AND suggestion.id = new.item_id AND suggestion.lead_deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT suggestion_cosigner.deputy_id, n FROM suggestion_cosigner, tx_number WHERE new.workflow = 'suggestion' AND suggestion_cosigner.suggestion_id = new.item_id AND suggestion_cosigner.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT activity_attendance.deputy_id, n FROM activity_attendance, tx_number WHERE new.workflow = 'activity' AND activity_attendance.activity_id = new.item_id AND activity_attendance.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_step_gone;
CREATE TRIGGER points_stale_step_gone AFTER DELETE ON wf_event
WHEN (old.workflow = 'case' AND old.action IN ('deputy-reply', 'forward')) OR (old.workflow = 'suggestion' AND (old.action = 'submit' OR old.action = 'withdraw' OR old.action = 'convert' OR old.action = 'register')) OR (old.workflow = 'activity' AND old.action = 'record')
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT vcase.deputy_id, n FROM vcase, tx_number WHERE old.workflow = 'case' AND vcase.id = old.item_id AND vcase.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT suggestion.lead_deputy_id, n FROM suggestion, tx_number WHERE old.workflow = 'suggestion' AND suggestion.id = old.item_id AND suggestion.lead_deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT suggestion_cosigner.deputy_id, n FROM suggestion_cosigner, tx_number WHERE old.workflow = 'suggestion' AND suggestion_cosigner.suggestion_id = old.item_id AND suggestion_cosigner.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT activity_attendance.deputy_id, n FROM activity_attendance, tx_number WHERE old.workflow = 'activity' AND activity_attendance.activity_id = old.item_id AND activity_attendance.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_step_changed;
CREATE TRIGGER points_stale_step_changed AFTER UPDATE ON wf_event
WHEN (old.workflow = 'case' AND old.action IN ('deputy-reply', 'forward')) OR (old.workflow = 'suggestion' AND (old.action = 'submit' OR old.action = 'withdraw' OR old.action = 'convert' OR old.action = 'register')) OR (old.workflow = 'activity' AND old.action = 'record') OR (new.workflow = 'case' AND new.action IN ('deputy-reply', 'forward')) OR (new.workflow = 'suggestion' AND (new.action = 'submit' OR new.action = 'withdraw' OR new.action = 'convert' OR new.action = 'register')) OR (new.workflow = 'activity' AND new.action = 'record')
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT vcase.deputy_id, n FROM vcase, tx_number WHERE old.workflow = 'case' AND vcase.id = old.item_id AND vcase.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT suggestion.lead_deputy_id, n FROM suggestion, tx_number WHERE old.workflow = 'suggestion' AND suggestion.id = old.item_id AND suggestion.lead_deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT suggestion_cosigner.deputy_id, n FROM suggestion_cosigner, tx_number WHERE old.workflow = 'suggestion' AND suggestion_cosigner.suggestion_id = old.item_id AND suggestion_cosigner.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT activity_attendance.deputy_id, n FROM activity_attendance, tx_number WHERE old.workflow = 'activity' AND activity_attendance.activity_id = old.item_id AND activity_attendance.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT vcase.deputy_id, n FROM vcase, tx_number WHERE new.workflow = 'case' AND vcase.id = new.item_id AND vcase.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT suggestion.lead_deputy_id, n FROM suggestion, tx_number WHERE new.workflow = 'suggestion' AND suggestion.id = new.item_id AND suggestion.lead_deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT suggestion_cosigner.deputy_id, n FROM suggestion_cosigner, tx_number WHERE new.workflow = 'suggestion' AND suggestion_cosigner.suggestion_id = new.item_id AND suggestion_cosigner.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT activity_attendance.deputy_id, n FROM activity_attendance, tx_number WHERE new.workflow = 'activity' AND activity_attendance.activity_id = new.item_id AND activity_attendance.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_suggestion_new;
CREATE TRIGGER points_stale_suggestion_new AFTER INSERT ON suggestion
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT new.lead_deputy_id, n FROM tx_number WHERE new.lead_deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT suggestion_cosigner.deputy_id, n FROM suggestion_cosigner, tx_number WHERE suggestion_cosigner.suggestion_id = new.id AND suggestion_cosigner.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_suggestion_changed;
CREATE TRIGGER points_stale_suggestion_changed AFTER UPDATE OF lead_deputy_id, kind ON suggestion
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.lead_deputy_id, n FROM tx_number WHERE old.lead_deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT suggestion_cosigner.deputy_id, n FROM suggestion_cosigner, tx_number WHERE suggestion_cosigner.suggestion_id = old.id AND suggestion_cosigner.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT new.lead_deputy_id, n FROM tx_number WHERE new.lead_deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT suggestion_cosigner.deputy_id, n FROM suggestion_cosigner, tx_number WHERE suggestion_cosigner.suggestion_id = new.id AND suggestion_cosigner.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_suggestion_gone;
CREATE TRIGGER points_stale_suggestion_gone AFTER DELETE ON suggestion
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT old.lead_deputy_id, n FROM tx_number WHERE old.lead_deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
	INSERT INTO points_stale (deputy_id, mark) SELECT suggestion_cosigner.deputy_id, n FROM suggestion_cosigner, tx_number WHERE suggestion_cosigner.suggestion_id = old.id AND suggestion_cosigner.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_activity_changed;
CREATE TRIGGER points_stale_activity_changed AFTER UPDATE OF kind, starts_at ON activity
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT activity_attendance.deputy_id, n FROM activity_attendance, tx_number WHERE activity_attendance.activity_id = new.id AND activity_attendance.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_activity_gone;
CREATE TRIGGER points_stale_activity_gone AFTER DELETE ON activity
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT activity_attendance.deputy_id, n FROM activity_attendance, tx_number WHERE activity_attendance.activity_id = old.id AND activity_attendance.deputy_id IS NOT NULL
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_version_insert;
CREATE TRIGGER points_stale_version_insert AFTER INSERT ON points_version
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT 0, n FROM tx_number WHERE 1
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_version_update;
CREATE TRIGGER points_stale_version_update AFTER UPDATE ON points_version
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT 0, n FROM tx_number WHERE 1
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_version_delete;
CREATE TRIGGER points_stale_version_delete AFTER DELETE ON points_version
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT 0, n FROM tx_number WHERE 1
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_rule_insert;
CREATE TRIGGER points_stale_rule_insert AFTER INSERT ON points_rule
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT 0, n FROM tx_number WHERE 1
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_rule_update;
CREATE TRIGGER points_stale_rule_update AFTER UPDATE ON points_rule
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT 0, n FROM tx_number WHERE 1
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_rule_delete;
CREATE TRIGGER points_stale_rule_delete AFTER DELETE ON points_rule
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT 0, n FROM tx_number WHERE 1
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_result_class_insert;
CREATE TRIGGER points_stale_result_class_insert AFTER INSERT ON result_class
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT 0, n FROM tx_number WHERE 1
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_result_class_update;
CREATE TRIGGER points_stale_result_class_update AFTER UPDATE ON result_class
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT 0, n FROM tx_number WHERE 1
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_result_class_delete;
CREATE TRIGGER points_stale_result_class_delete AFTER DELETE ON result_class
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT 0, n FROM tx_number WHERE 1
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
DROP TRIGGER IF EXISTS points_stale_term_changed;
CREATE TRIGGER points_stale_term_changed AFTER UPDATE OF start_date ON term
BEGIN
	INSERT INTO points_stale (deputy_id, mark) SELECT 0, n FROM tx_number WHERE 1
		ON CONFLICT (deputy_id) DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark;
END;
