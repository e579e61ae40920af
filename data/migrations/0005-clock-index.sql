-- renda schema 5: the index of running clocks leads with the item, so that the
-- per-case lookups of lists ("is this case overdue?") use it instead of scanning
-- every running clock of the workflow.
DROP INDEX IF EXISTS wf_clock_open;
CREATE INDEX wf_clock_open ON wf_clock (workflow, item_id, clock, due) WHERE stopped IS NULL;
