-- An evaluation step keeps the evaluation it recorded on the first line of its event's
-- text (flow.c). Evaluation steps recorded before get it back: one that sent the item
-- back for handling was unsatisfied; one that closed it (or began the follow-up) gave
-- the evaluation the record holds (for an item evaluated twice without being sent back,
-- the later one); a note given with the step moves to the second line.
UPDATE wf_event SET text = CASE
	WHEN to_state IN ('assigned', 'forwarded') THEN 'unsatisfied'
	WHEN workflow = 'case' THEN coalesce((SELECT evaluation FROM vcase WHERE id = item_id), '')
	WHEN workflow = 'suggestion' THEN
		coalesce((SELECT evaluation FROM suggestion WHERE id = item_id), '')
	ELSE '' END || char(10) || text
WHERE action = 'evaluate';
