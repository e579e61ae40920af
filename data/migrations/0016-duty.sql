-- renda schema 11: deputies' duty performance (履职, DESIGN 4.5). Activities that deputies
-- sign up for (点单) and attend, on the workflow engine (workflow 'activity' in wf_event);
-- the versioned rule table of duty points (履职积分) and the corrections to them. Points
-- themselves are never stored: they are computed from the events every module records.

-- The day a deputy elected in a by-election (补选) took office; NULL: the first day of
-- the deputy's term. Pro-rated points (renda.conf [points] prorate) count from it.
ALTER TABLE deputy ADD COLUMN joined_date TEXT;

-- An activity of deputies: a meeting of the congress or its standing committee sat in
-- on (列席), an inspection (视察), research (调研), a law-enforcement check (执法检查), a
-- reception of voters at a liaison station (进站接待), training, a deputy group's
-- activity, a report-back to voters (述职), or another. town_id NULL: organised by the
-- city; a town's activities are its clerks'. Who may sign up: the deputies of for_level,
-- for_town_id and for_group_id (NULL: any); capacity 0: no limit.
CREATE TABLE activity (
	id INTEGER PRIMARY KEY,
	number TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL CHECK (kind IN ('meeting', 'inspection', 'research', 'enforcement',
		'reception', 'training', 'group', 'report', 'other')),
	title TEXT NOT NULL,
	organiser TEXT NOT NULL,
	town_id INTEGER REFERENCES town (id),
	starts_at TEXT NOT NULL,
	ends_at TEXT NOT NULL DEFAULT '',
	place TEXT NOT NULL,
	capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
	for_level TEXT CHECK (for_level IN ('city', 'town')),
	for_town_id INTEGER REFERENCES town (id),
	for_group_id INTEGER REFERENCES deputy_group (id),
	content TEXT NOT NULL DEFAULT '',
	state TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	closed_at TEXT,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX activity_town ON activity (town_id, starts_at);
CREATE INDEX activity_starts ON activity (starts_at);
CREATE INDEX activity_state ON activity (state, town_id);

-- Sign-ups (点单): a deputy asks to take part; a clerk confirms or declines; a deputy may
-- withdraw. Confirmed sign-ups are the deputies expected at the activity.
CREATE TABLE activity_signup (
	activity_id INTEGER NOT NULL REFERENCES activity (id),
	deputy_id INTEGER NOT NULL REFERENCES deputy (id),
	status TEXT NOT NULL CHECK (status IN ('requested', 'confirmed', 'declined', 'withdrawn')),
	signed_at TEXT NOT NULL,
	answered_at TEXT,
	PRIMARY KEY (activity_id, deputy_id)
) WITHOUT ROWID;
CREATE INDEX activity_signup_deputy ON activity_signup (deputy_id);

-- Attendance (出席 / 请假 / 缺席, with the reason of a leave), kept as it was recorded:
-- a correction is a new row, and the latest row of a deputy at an activity counts, so
-- that what counted on any past day can be read again.
CREATE TABLE activity_attendance (
	id INTEGER PRIMARY KEY,
	activity_id INTEGER NOT NULL REFERENCES activity (id),
	deputy_id INTEGER NOT NULL REFERENCES deputy (id),
	status TEXT NOT NULL CHECK (status IN ('present', 'leave', 'absent')),
	reason TEXT NOT NULL DEFAULT '',
	recorded_at TEXT NOT NULL,
	account TEXT NOT NULL
);
CREATE INDEX activity_attendance_item ON activity_attendance (activity_id, deputy_id, id);
CREATE INDEX activity_attendance_deputy ON activity_attendance (deputy_id);

-- The rule table of duty points, in versions: a version is a whole set of rules that takes
-- effect from a day; a new version never changes an older one (the triggers refuse it), so
-- a total is always explained by the versions that scored it. Points are kept in
-- hundredths: 300 is 3 points, -50 is half a point deducted. cap: at most so many points a
-- year from the item (NULL: no limit; pro-rated for part of a year); within: the days an
-- item must be done in to score (NULL: any).
CREATE TABLE points_version (
	id INTEGER PRIMARY KEY,
	number INTEGER NOT NULL UNIQUE CHECK (number > 0),
	effective_from TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	account TEXT NOT NULL
);
CREATE TABLE points_rule (
	version_id INTEGER NOT NULL REFERENCES points_version (id),
	item TEXT NOT NULL,
	points INTEGER NOT NULL,
	cap INTEGER CHECK (cap > 0),
	within INTEGER CHECK (within > 0),
	PRIMARY KEY (version_id, item)
) WITHOUT ROWID;
CREATE TRIGGER points_version_keep BEFORE UPDATE ON points_version
BEGIN SELECT RAISE(ABORT, 'a version of the points rules is never changed: add a new one'); END;
CREATE TRIGGER points_version_stay BEFORE DELETE ON points_version
BEGIN SELECT RAISE(ABORT, 'a version of the points rules is never removed: add a new one'); END;
CREATE TRIGGER points_rule_keep BEFORE UPDATE ON points_rule
BEGIN SELECT RAISE(ABORT, 'a version of the points rules is never changed: add a new one'); END;
CREATE TRIGGER points_rule_stay BEFORE DELETE ON points_rule
BEGIN SELECT RAISE(ABORT, 'a version of the points rules is never removed: add a new one'); END;

-- Version 1: the defaults, after the shape of the county schemes published (e.g. the
-- Chongqing districts' 履职积分 rules: a suggestion +3, an inspection or research +3, an
-- unexcused absence deducted), in force since always. Every value is the committee's to
-- change, by a new version.
INSERT INTO points_version (id, number, effective_from, note, created_at, account)
	VALUES (1, 1, '2000-01-01', '默认积分规则', '2000-01-01T00:00:00+08:00', 'system');
INSERT INTO points_rule (version_id, item, points, cap, within) VALUES
	(1, 'base', 1000, NULL, NULL),
	(1, 'meeting', 200, 2000, NULL),
	(1, 'inspection', 300, 1500, NULL),
	(1, 'research', 300, 1500, NULL),
	(1, 'enforcement', 300, 1500, NULL),
	(1, 'reception', 200, 2400, NULL),
	(1, 'training', 200, 1000, NULL),
	(1, 'group', 200, 1600, NULL),
	(1, 'report', 500, 1000, NULL),
	(1, 'other', 100, 1000, NULL),
	(1, 'leave', 0, NULL, NULL),
	(1, 'absent', -200, NULL, NULL),
	(1, 'motion-lead', 500, 2000, NULL),
	(1, 'motion-cosign', 100, 1000, NULL),
	(1, 'suggestion-lead', 300, 1500, NULL),
	(1, 'suggestion-cosign', 100, 1000, NULL),
	(1, 'motion-registered', 300, NULL, NULL),
	(1, 'solved', 100, NULL, NULL),
	(1, 'case-received', 50, 1000, NULL),
	(1, 'case-handled', 100, 2000, 7),
	(1, 'project-opinion', 100, 1000, NULL);

-- Corrections (更正): a new event of a deputy with its reason, never an edit. Either an
-- event of an item the records missed (item, on day), scored by the rules like any other,
-- or the cancellation of an event that should not count (voids: its key), which takes
-- back exactly what that event scored.
CREATE TABLE points_correction (
	id INTEGER PRIMARY KEY,
	deputy_id INTEGER NOT NULL REFERENCES deputy (id),
	item TEXT,
	voids TEXT,
	day TEXT NOT NULL,
	reason TEXT NOT NULL CHECK (reason <> ''),
	at TEXT NOT NULL,
	account TEXT NOT NULL,
	CHECK ((item IS NULL) <> (voids IS NULL))
);
CREATE INDEX points_correction_deputy ON points_correction (deputy_id, day);
CREATE TRIGGER points_correction_keep BEFORE UPDATE ON points_correction
BEGIN SELECT RAISE(ABORT, 'a correction is never changed: add another one'); END;
CREATE TRIGGER points_correction_stay BEFORE DELETE ON points_correction
BEGIN SELECT RAISE(ABORT, 'a correction is never removed: add another one'); END;
