-- renda schema 8: a deadline clock may belong to one of an item's supporting units,
-- so that each supporting unit has its own opinion deadline, met or missed by its
-- own opinion, whatever the lead unit does. The clocks of the whole item have none.
ALTER TABLE wf_clock ADD COLUMN unit_id INTEGER REFERENCES unit (id);
-- The opinion deadlines running now become one per supporting unit that has not
-- given its opinion yet (before, one ran for the item until the last opinion).
INSERT INTO wf_clock (workflow, item_id, clock, round, started, due, unit_id)
	SELECT k.workflow, k.item_id, k.clock, k.round, k.started, k.due, su.unit_id
	FROM wf_clock k JOIN suggestion_unit su ON su.suggestion_id = k.item_id
		AND su.role = 'support' AND su.opinion_at IS NULL
	WHERE k.workflow = 'suggestion' AND k.clock = 'opinion' AND k.stopped IS NULL
		AND k.unit_id IS NULL;
DELETE FROM wf_clock WHERE workflow = 'suggestion' AND clock = 'opinion' AND stopped IS NULL
	AND unit_id IS NULL;
