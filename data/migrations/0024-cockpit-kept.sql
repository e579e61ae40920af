-- renda schema 24: the cockpit's figures as of a past day, kept between readings (issue 18:
-- the figures of a past day at a million voter issues in under a second).
--
-- The cockpit as of a past day reads every module's histories (model/cockpit): seconds at a
-- million voter issues. What it computed is kept here, a row a figure, for the scope, as-of
-- time and period it was computed for, by the reading itself (in a transaction of its own,
-- only when no change came in between: model/cockpit/cockpit.c). Every change that can move
-- a figure of a day deletes what is kept for that day and the days after it, by the
-- triggers below, in the transaction of the change itself (a changeset of another site
-- applied fires them too), whichever command made it. Nothing here is a record: it is
-- made again by the next reading, never exchanged with other sites, and not audited.
CREATE TABLE IF NOT EXISTS cockpit_kept (
	scope TEXT NOT NULL,   -- role, town, unit and site of the reader
	asof TEXT NOT NULL,    -- the as-of time computed for
	period INTEGER NOT NULL,
	ord INTEGER NOT NULL,  -- the figure's place, in the order computed
	day TEXT NOT NULL,     -- the as-of time's day
	recipe TEXT NOT NULL,  -- the renda that computed it
	panel TEXT NOT NULL,   -- its panel's key
	key TEXT NOT NULL,
	label TEXT NOT NULL,   -- untranslated when msgid, else a name from the records
	msgid INTEGER NOT NULL,
	kind INTEGER NOT NULL,
	value INTEGER NOT NULL,
	bar INTEGER NOT NULL,
	exact INTEGER NOT NULL,
	module TEXT,
	filter TEXT NOT NULL,  -- the filter of its list: a JSON array of key and value pairs
	PRIMARY KEY (scope, asof, period, ord)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cockpit_kept_day ON cockpit_kept (day);

-- What a change deletes: the days from the first day the row it changed can count in a
-- figure, less one (a time's day is read as written; one of another UTC offset may fall
-- on the day before). A voter issue counts from its submission (the cockpit's "made by
-- then": case workflow's made), a motion or suggestion from its creation (suggestion's
-- made), and their parts (units, comments, likes, replies, co-signers, meetings) from
-- their record's; a step counts from its time and a deadline from its start (the readings
-- as of a day take the steps by then and the deadlines started by then). A change to any
-- other table deletes every day kept: reference data, rosters, rules, calendars, the
-- other modules' records (a few changes a day; their figures are read from rows that do
-- not all say when they began). A day that cannot be read deletes every day.
-- The tables without triggers: the audit trail, meta, the exchange's bookkeeping
-- (sync_*), the accounts (the reader's role, town and unit are part of what figures are
-- kept for; no figure counts accounts), the transaction number, and what is derived
-- from the tables here in the same transaction (the tallies, the duty points kept, the
-- full-text indexes); tests/cli/cockpit-kept.sh checks that every other table has its
-- three.
CREATE TRIGGER IF NOT EXISTS kept_activity_new AFTER INSERT ON activity
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_activity_changed AFTER UPDATE ON activity
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_activity_gone AFTER DELETE ON activity
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_activity_attendance_new AFTER INSERT ON activity_attendance
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_activity_attendance_changed AFTER UPDATE ON activity_attendance
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_activity_attendance_gone AFTER DELETE ON activity_attendance
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_activity_signup_new AFTER INSERT ON activity_signup
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_activity_signup_changed AFTER UPDATE ON activity_signup
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_activity_signup_gone AFTER DELETE ON activity_signup
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_calendar_day_new AFTER INSERT ON calendar_day
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_calendar_day_changed AFTER UPDATE ON calendar_day
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_calendar_day_gone AFTER DELETE ON calendar_day
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_category_new AFTER INSERT ON category
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_category_changed AFTER UPDATE ON category
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_category_gone AFTER DELETE ON category
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_congress_session_new AFTER INSERT ON congress_session
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_congress_session_changed AFTER UPDATE ON congress_session
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_congress_session_gone AFTER DELETE ON congress_session
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_delegation_new AFTER INSERT ON delegation
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_delegation_changed AFTER UPDATE ON delegation
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_delegation_gone AFTER DELETE ON delegation
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_deputy_new AFTER INSERT ON deputy
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_deputy_changed AFTER UPDATE ON deputy
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_deputy_gone AFTER DELETE ON deputy
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_deputy_group_new AFTER INSERT ON deputy_group
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_deputy_group_changed AFTER UPDATE ON deputy_group
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_deputy_group_gone AFTER DELETE ON deputy_group
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_ethnicity_new AFTER INSERT ON ethnicity
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_ethnicity_changed AFTER UPDATE ON ethnicity
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_ethnicity_gone AFTER DELETE ON ethnicity
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_asset_new AFTER INSERT ON fin_asset
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_asset_changed AFTER UPDATE ON fin_asset
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_asset_gone AFTER DELETE ON fin_asset
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_audit_new AFTER INSERT ON fin_audit
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_audit_changed AFTER UPDATE ON fin_audit
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_audit_gone AFTER DELETE ON fin_audit
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_budget_new AFTER INSERT ON fin_budget
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_budget_changed AFTER UPDATE ON fin_budget
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_budget_gone AFTER DELETE ON fin_budget
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_change_new AFTER INSERT ON fin_change
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_change_changed AFTER UPDATE ON fin_change
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_change_gone AFTER DELETE ON fin_change
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_import_new AFTER INSERT ON fin_import
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_import_changed AFTER UPDATE ON fin_import
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_import_gone AFTER DELETE ON fin_import
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_perf_new AFTER INSERT ON fin_perf
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_perf_changed AFTER UPDATE ON fin_perf
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_perf_gone AFTER DELETE ON fin_perf
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_policy_new AFTER INSERT ON fin_policy
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_policy_changed AFTER UPDATE ON fin_policy
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_policy_gone AFTER DELETE ON fin_policy
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_project_new AFTER INSERT ON fin_project
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_project_changed AFTER UPDATE ON fin_project
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_project_gone AFTER DELETE ON fin_project
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_revenue_new AFTER INSERT ON fin_revenue
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_revenue_changed AFTER UPDATE ON fin_revenue
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_revenue_gone AFTER DELETE ON fin_revenue
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_review_new AFTER INSERT ON fin_review
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_review_changed AFTER UPDATE ON fin_review
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_review_gone AFTER DELETE ON fin_review
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_rule_new AFTER INSERT ON fin_rule
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_rule_changed AFTER UPDATE ON fin_rule
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_rule_gone AFTER DELETE ON fin_rule
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_sangong_new AFTER INSERT ON fin_sangong
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_sangong_changed AFTER UPDATE ON fin_sangong
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_sangong_gone AFTER DELETE ON fin_sangong
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_warning_new AFTER INSERT ON fin_warning
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_warning_changed AFTER UPDATE ON fin_warning
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_warning_gone AFTER DELETE ON fin_warning
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_warning_unit_new AFTER INSERT ON fin_warning_unit
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_warning_unit_changed AFTER UPDATE ON fin_warning_unit
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_fin_warning_unit_gone AFTER DELETE ON fin_warning_unit
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_office_new AFTER INSERT ON office
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_office_changed AFTER UPDATE ON office
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_office_gone AFTER DELETE ON office
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pappraisal_new AFTER INSERT ON pappraisal
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pappraisal_changed AFTER UPDATE ON pappraisal
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pappraisal_gone AFTER DELETE ON pappraisal
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pballot_new AFTER INSERT ON pballot
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pballot_changed AFTER UPDATE ON pballot
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pballot_gone AFTER DELETE ON pballot
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pcycle_new AFTER INSERT ON pcycle
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pcycle_changed AFTER UPDATE ON pcycle
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pcycle_gone AFTER DELETE ON pcycle
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_points_correction_new AFTER INSERT ON points_correction
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_points_correction_changed AFTER UPDATE ON points_correction
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_points_correction_gone AFTER DELETE ON points_correction
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_points_rule_new AFTER INSERT ON points_rule
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_points_rule_changed AFTER UPDATE ON points_rule
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_points_rule_gone AFTER DELETE ON points_rule
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_points_version_new AFTER INSERT ON points_version
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_points_version_changed AFTER UPDATE ON points_version
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_points_version_gone AFTER DELETE ON points_version
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_popinion_new AFTER INSERT ON popinion
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_popinion_changed AFTER UPDATE ON popinion
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_popinion_gone AFTER DELETE ON popinion
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pproject_new AFTER INSERT ON pproject
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pproject_changed AFTER UPDATE ON pproject
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pproject_gone AFTER DELETE ON pproject
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pproject_unit_new AFTER INSERT ON pproject_unit
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pproject_unit_changed AFTER UPDATE ON pproject_unit
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pproject_unit_gone AFTER DELETE ON pproject_unit
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pproposal_new AFTER INSERT ON pproposal
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pproposal_changed AFTER UPDATE ON pproposal
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pproposal_gone AFTER DELETE ON pproposal
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_prating_new AFTER INSERT ON prating
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_prating_changed AFTER UPDATE ON prating
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_prating_gone AFTER DELETE ON prating
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_prectify_new AFTER INSERT ON prectify
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_prectify_changed AFTER UPDATE ON prectify
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_prectify_gone AFTER DELETE ON prectify
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_ptarget_new AFTER INSERT ON ptarget
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_ptarget_changed AFTER UPDATE ON ptarget
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_ptarget_gone AFTER DELETE ON ptarget
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pupdate_new AFTER INSERT ON pupdate
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pupdate_changed AFTER UPDATE ON pupdate
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pupdate_gone AFTER DELETE ON pupdate
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pvote_new AFTER INSERT ON pvote
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pvote_changed AFTER UPDATE ON pvote
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_pvote_gone AFTER DELETE ON pvote
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_result_class_new AFTER INSERT ON result_class
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_result_class_changed AFTER UPDATE ON result_class
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_result_class_gone AFTER DELETE ON result_class
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_station_new AFTER INSERT ON station
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_station_changed AFTER UPDATE ON station
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_station_gone AFTER DELETE ON station
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_new AFTER INSERT ON suggestion
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr(new.created_at, 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_changed AFTER UPDATE ON suggestion
BEGIN
	DELETE FROM cockpit_kept WHERE day >= min(coalesce(date(substr(old.created_at, 1, 10), '-1 day'), ''), coalesce(date(substr(new.created_at, 1, 10), '-1 day'), ''));
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_gone AFTER DELETE ON suggestion
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr(old.created_at, 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_cosigner_new AFTER INSERT ON suggestion_cosigner
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = new.suggestion_id), 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_cosigner_changed AFTER UPDATE ON suggestion_cosigner
BEGIN
	DELETE FROM cockpit_kept WHERE day >= min(coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = old.suggestion_id), 1, 10), '-1 day'), ''), coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = new.suggestion_id), 1, 10), '-1 day'), ''));
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_cosigner_gone AFTER DELETE ON suggestion_cosigner
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = old.suggestion_id), 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_meeting_new AFTER INSERT ON suggestion_meeting
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = new.suggestion_id), 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_meeting_changed AFTER UPDATE ON suggestion_meeting
BEGIN
	DELETE FROM cockpit_kept WHERE day >= min(coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = old.suggestion_id), 1, 10), '-1 day'), ''), coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = new.suggestion_id), 1, 10), '-1 day'), ''));
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_meeting_gone AFTER DELETE ON suggestion_meeting
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = old.suggestion_id), 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_reply_new AFTER INSERT ON suggestion_reply
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = new.suggestion_id), 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_reply_changed AFTER UPDATE ON suggestion_reply
BEGIN
	DELETE FROM cockpit_kept WHERE day >= min(coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = old.suggestion_id), 1, 10), '-1 day'), ''), coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = new.suggestion_id), 1, 10), '-1 day'), ''));
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_reply_gone AFTER DELETE ON suggestion_reply
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = old.suggestion_id), 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_unit_new AFTER INSERT ON suggestion_unit
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = new.suggestion_id), 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_unit_changed AFTER UPDATE ON suggestion_unit
BEGIN
	DELETE FROM cockpit_kept WHERE day >= min(coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = old.suggestion_id), 1, 10), '-1 day'), ''), coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = new.suggestion_id), 1, 10), '-1 day'), ''));
END;
CREATE TRIGGER IF NOT EXISTS kept_suggestion_unit_gone AFTER DELETE ON suggestion_unit
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr((SELECT created_at FROM suggestion WHERE id = old.suggestion_id), 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_tally_figure_new AFTER INSERT ON tally_figure
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_tally_figure_changed AFTER UPDATE ON tally_figure
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_tally_figure_gone AFTER DELETE ON tally_figure
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_tally_sheet_new AFTER INSERT ON tally_sheet
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_tally_sheet_changed AFTER UPDATE ON tally_sheet
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_tally_sheet_gone AFTER DELETE ON tally_sheet
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_term_new AFTER INSERT ON term
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_term_changed AFTER UPDATE ON term
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_term_gone AFTER DELETE ON term
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_town_new AFTER INSERT ON town
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_town_changed AFTER UPDATE ON town
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_town_gone AFTER DELETE ON town
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_unit_new AFTER INSERT ON unit
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_unit_changed AFTER UPDATE ON unit
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_unit_gone AFTER DELETE ON unit
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_vcase_new AFTER INSERT ON vcase
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr(new.submitted_at, 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_vcase_changed AFTER UPDATE ON vcase
BEGIN
	DELETE FROM cockpit_kept WHERE day >= min(coalesce(date(substr(old.submitted_at, 1, 10), '-1 day'), ''), coalesce(date(substr(new.submitted_at, 1, 10), '-1 day'), ''));
END;
CREATE TRIGGER IF NOT EXISTS kept_vcase_gone AFTER DELETE ON vcase
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr(old.submitted_at, 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_vcase_comment_new AFTER INSERT ON vcase_comment
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr((SELECT submitted_at FROM vcase WHERE id = new.case_id), 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_vcase_comment_changed AFTER UPDATE ON vcase_comment
BEGIN
	DELETE FROM cockpit_kept WHERE day >= min(coalesce(date(substr((SELECT submitted_at FROM vcase WHERE id = old.case_id), 1, 10), '-1 day'), ''), coalesce(date(substr((SELECT submitted_at FROM vcase WHERE id = new.case_id), 1, 10), '-1 day'), ''));
END;
CREATE TRIGGER IF NOT EXISTS kept_vcase_comment_gone AFTER DELETE ON vcase_comment
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr((SELECT submitted_at FROM vcase WHERE id = old.case_id), 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_vcase_like_new AFTER INSERT ON vcase_like
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr((SELECT submitted_at FROM vcase WHERE id = new.case_id), 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_vcase_like_changed AFTER UPDATE ON vcase_like
BEGIN
	DELETE FROM cockpit_kept WHERE day >= min(coalesce(date(substr((SELECT submitted_at FROM vcase WHERE id = old.case_id), 1, 10), '-1 day'), ''), coalesce(date(substr((SELECT submitted_at FROM vcase WHERE id = new.case_id), 1, 10), '-1 day'), ''));
END;
CREATE TRIGGER IF NOT EXISTS kept_vcase_like_gone AFTER DELETE ON vcase_like
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr((SELECT submitted_at FROM vcase WHERE id = old.case_id), 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_vcase_unit_new AFTER INSERT ON vcase_unit
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr((SELECT submitted_at FROM vcase WHERE id = new.case_id), 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_vcase_unit_changed AFTER UPDATE ON vcase_unit
BEGIN
	DELETE FROM cockpit_kept WHERE day >= min(coalesce(date(substr((SELECT submitted_at FROM vcase WHERE id = old.case_id), 1, 10), '-1 day'), ''), coalesce(date(substr((SELECT submitted_at FROM vcase WHERE id = new.case_id), 1, 10), '-1 day'), ''));
END;
CREATE TRIGGER IF NOT EXISTS kept_vcase_unit_gone AFTER DELETE ON vcase_unit
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr((SELECT submitted_at FROM vcase WHERE id = old.case_id), 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_wf_clock_new AFTER INSERT ON wf_clock
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr(new.started, 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_wf_clock_changed AFTER UPDATE ON wf_clock
BEGIN
	DELETE FROM cockpit_kept WHERE day >= min(coalesce(date(substr(old.started, 1, 10), '-1 day'), ''), coalesce(date(substr(new.started, 1, 10), '-1 day'), ''));
END;
CREATE TRIGGER IF NOT EXISTS kept_wf_clock_gone AFTER DELETE ON wf_clock
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr(old.started, 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_wf_event_new AFTER INSERT ON wf_event
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr(new.at, 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_wf_event_changed AFTER UPDATE ON wf_event
BEGIN
	DELETE FROM cockpit_kept WHERE day >= min(coalesce(date(substr(old.at, 1, 10), '-1 day'), ''), coalesce(date(substr(new.at, 1, 10), '-1 day'), ''));
END;
CREATE TRIGGER IF NOT EXISTS kept_wf_event_gone AFTER DELETE ON wf_event
BEGIN
	DELETE FROM cockpit_kept WHERE day >= coalesce(date(substr(old.at, 1, 10), '-1 day'), '');
END;
CREATE TRIGGER IF NOT EXISTS kept_wf_rule_new AFTER INSERT ON wf_rule
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_wf_rule_changed AFTER UPDATE ON wf_rule
BEGIN
	DELETE FROM cockpit_kept;
END;
CREATE TRIGGER IF NOT EXISTS kept_wf_rule_gone AFTER DELETE ON wf_rule
BEGIN
	DELETE FROM cockpit_kept;
END;
