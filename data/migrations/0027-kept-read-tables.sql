-- renda schema 27: the cockpit's kept figures are deleted by changes to the tables its
-- figures read, not by changes to every table (issue 14: every command's start).
--
-- quick: triggers only, no row read or written.
--
-- Schema 24 deleted what is kept of the cockpit's past days on a change to any table of
-- the records, reference data and rules: three triggers a table, 177 in all, which every
-- process parses when it first reads the database (schema 26's header: some 190
-- instructions a byte). A figure moves only with what it is computed from, and SQLite
-- names every table a statement reads when the statement is prepared (its authorizer):
-- reading the cockpit of past days, for every role and both periods, reads 32 of those
-- tables (tests/unit/test_cockpit.c, which checks that each table it reads has its three
-- triggers and that no other table has any). The other 27 lose theirs here: finance's
-- own records (the warnings stay: the cockpit counts them), the calendar and the
-- deadline rules (a deadline's day is kept on its clock, which the cockpit reads), the
-- roster's reference lists it does not show (delegations, ethnic groups, offices,
-- liaison stations), sign-ups, project proposals, targets and votes, ballots' tallies,
-- and voter issues' comments and likes. 81 triggers fewer: a command such as renda case
-- show ID runs 1.2 M instructions (8%) fewer. What is kept stays valid: no figure read
-- those tables.
DROP TRIGGER IF EXISTS kept_activity_signup_new;
DROP TRIGGER IF EXISTS kept_activity_signup_changed;
DROP TRIGGER IF EXISTS kept_activity_signup_gone;
DROP TRIGGER IF EXISTS kept_calendar_day_new;
DROP TRIGGER IF EXISTS kept_calendar_day_changed;
DROP TRIGGER IF EXISTS kept_calendar_day_gone;
DROP TRIGGER IF EXISTS kept_delegation_new;
DROP TRIGGER IF EXISTS kept_delegation_changed;
DROP TRIGGER IF EXISTS kept_delegation_gone;
DROP TRIGGER IF EXISTS kept_ethnicity_new;
DROP TRIGGER IF EXISTS kept_ethnicity_changed;
DROP TRIGGER IF EXISTS kept_ethnicity_gone;
DROP TRIGGER IF EXISTS kept_fin_asset_new;
DROP TRIGGER IF EXISTS kept_fin_asset_changed;
DROP TRIGGER IF EXISTS kept_fin_asset_gone;
DROP TRIGGER IF EXISTS kept_fin_audit_new;
DROP TRIGGER IF EXISTS kept_fin_audit_changed;
DROP TRIGGER IF EXISTS kept_fin_audit_gone;
DROP TRIGGER IF EXISTS kept_fin_budget_new;
DROP TRIGGER IF EXISTS kept_fin_budget_changed;
DROP TRIGGER IF EXISTS kept_fin_budget_gone;
DROP TRIGGER IF EXISTS kept_fin_change_new;
DROP TRIGGER IF EXISTS kept_fin_change_changed;
DROP TRIGGER IF EXISTS kept_fin_change_gone;
DROP TRIGGER IF EXISTS kept_fin_import_new;
DROP TRIGGER IF EXISTS kept_fin_import_changed;
DROP TRIGGER IF EXISTS kept_fin_import_gone;
DROP TRIGGER IF EXISTS kept_fin_perf_new;
DROP TRIGGER IF EXISTS kept_fin_perf_changed;
DROP TRIGGER IF EXISTS kept_fin_perf_gone;
DROP TRIGGER IF EXISTS kept_fin_policy_new;
DROP TRIGGER IF EXISTS kept_fin_policy_changed;
DROP TRIGGER IF EXISTS kept_fin_policy_gone;
DROP TRIGGER IF EXISTS kept_fin_project_new;
DROP TRIGGER IF EXISTS kept_fin_project_changed;
DROP TRIGGER IF EXISTS kept_fin_project_gone;
DROP TRIGGER IF EXISTS kept_fin_revenue_new;
DROP TRIGGER IF EXISTS kept_fin_revenue_changed;
DROP TRIGGER IF EXISTS kept_fin_revenue_gone;
DROP TRIGGER IF EXISTS kept_fin_review_new;
DROP TRIGGER IF EXISTS kept_fin_review_changed;
DROP TRIGGER IF EXISTS kept_fin_review_gone;
DROP TRIGGER IF EXISTS kept_fin_rule_new;
DROP TRIGGER IF EXISTS kept_fin_rule_changed;
DROP TRIGGER IF EXISTS kept_fin_rule_gone;
DROP TRIGGER IF EXISTS kept_fin_sangong_new;
DROP TRIGGER IF EXISTS kept_fin_sangong_changed;
DROP TRIGGER IF EXISTS kept_fin_sangong_gone;
DROP TRIGGER IF EXISTS kept_fin_warning_unit_new;
DROP TRIGGER IF EXISTS kept_fin_warning_unit_changed;
DROP TRIGGER IF EXISTS kept_fin_warning_unit_gone;
DROP TRIGGER IF EXISTS kept_office_new;
DROP TRIGGER IF EXISTS kept_office_changed;
DROP TRIGGER IF EXISTS kept_office_gone;
DROP TRIGGER IF EXISTS kept_pproposal_new;
DROP TRIGGER IF EXISTS kept_pproposal_changed;
DROP TRIGGER IF EXISTS kept_pproposal_gone;
DROP TRIGGER IF EXISTS kept_ptarget_new;
DROP TRIGGER IF EXISTS kept_ptarget_changed;
DROP TRIGGER IF EXISTS kept_ptarget_gone;
DROP TRIGGER IF EXISTS kept_pvote_new;
DROP TRIGGER IF EXISTS kept_pvote_changed;
DROP TRIGGER IF EXISTS kept_pvote_gone;
DROP TRIGGER IF EXISTS kept_station_new;
DROP TRIGGER IF EXISTS kept_station_changed;
DROP TRIGGER IF EXISTS kept_station_gone;
DROP TRIGGER IF EXISTS kept_tally_figure_new;
DROP TRIGGER IF EXISTS kept_tally_figure_changed;
DROP TRIGGER IF EXISTS kept_tally_figure_gone;
DROP TRIGGER IF EXISTS kept_tally_sheet_new;
DROP TRIGGER IF EXISTS kept_tally_sheet_changed;
DROP TRIGGER IF EXISTS kept_tally_sheet_gone;
DROP TRIGGER IF EXISTS kept_vcase_comment_new;
DROP TRIGGER IF EXISTS kept_vcase_comment_changed;
DROP TRIGGER IF EXISTS kept_vcase_comment_gone;
DROP TRIGGER IF EXISTS kept_vcase_like_new;
DROP TRIGGER IF EXISTS kept_vcase_like_changed;
DROP TRIGGER IF EXISTS kept_vcase_like_gone;
DROP TRIGGER IF EXISTS kept_wf_rule_new;
DROP TRIGGER IF EXISTS kept_wf_rule_changed;
DROP TRIGGER IF EXISTS kept_wf_rule_gone;
