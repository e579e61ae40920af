-- renda schema 6: the units of a voter issue carry the time of their assignment, as
-- those of a motion or suggestion do, so that one assignment step serves both
-- workflows. Existing rows take the time of the case's latest assignment.
ALTER TABLE vcase_unit ADD COLUMN assigned_at TEXT;
UPDATE vcase_unit SET assigned_at = (SELECT max(e.at) FROM wf_event e
	WHERE e.workflow = 'case' AND e.item_id = vcase_unit.case_id AND e.action = 'assign');
