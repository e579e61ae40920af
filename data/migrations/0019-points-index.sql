-- renda schema 19: the duty points read the steps they score (a voter issue replied to
-- or forwarded by its deputy, a motion or suggestion submitted or registered) from the
-- steps taken in the year asked for, not by looking at every record of every year
-- (issues 14 and 18: the cockpit's deputies at a million voter issues). The index holds
-- only those steps; a query names its condition as written here (model/points/points.h).
CREATE INDEX IF NOT EXISTS wf_event_points ON wf_event (workflow, action, at)
	WHERE action IN ('deputy-reply', 'forward', 'submit', 'register');
