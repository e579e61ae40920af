-- renda schema 13: livelihood projects chosen by the deputies' vote (民生实事项目票决制,
-- DESIGN 4.4). A yearly cycle at one level (the city's congress or a town's) collects
-- proposals, fixes the candidates, votes on them (tallies only: the ballot is secret),
-- supervises the projects chosen all year (a lead department, the "three ones" team,
-- monthly targets and progress updates, deputies' opinions each answered in time) and
-- evaluates them (satisfaction tallies; the bottom ones and those rated unsatisfied are
-- investigated, deliberated and evaluated again; a few get a third-party evaluation).

-- Clock lengths (model/flow): a project updates its progress at least once a month; a
-- department answers a deputy's or a group's opinion within 15 working days. (Like the
-- tables below, written so that running the migration again changes nothing.)
INSERT INTO wf_rule (workflow, clock, category_id, amount, unit)
	SELECT 'project', 'update', NULL, 1, 'months' WHERE NOT EXISTS (SELECT 1 FROM wf_rule
		WHERE workflow = 'project' AND clock = 'update' AND category_id IS NULL);
INSERT INTO wf_rule (workflow, clock, category_id, amount, unit)
	SELECT 'project-opinion', 'answer', NULL, 15, 'workdays' WHERE NOT EXISTS (SELECT 1 FROM wf_rule
		WHERE workflow = 'project-opinion' AND clock = 'answer' AND category_id IS NULL);

-- A yearly cycle: the city's, or a town's (a town with a congress, not a street).
CREATE TABLE IF NOT EXISTS pcycle (
	id INTEGER PRIMARY KEY,
	number TEXT NOT NULL UNIQUE,    -- 2021-CITY, 2021-ZP (the town's code)
	year INTEGER NOT NULL,
	level TEXT NOT NULL CHECK (level IN ('city', 'town')),
	town_id INTEGER REFERENCES town (id),
	choose INTEGER NOT NULL CHECK (choose > 0),  -- projects to choose
	candidates INTEGER NOT NULL,                 -- candidates on the ballot, at least
	pass_num INTEGER NOT NULL DEFAULT 1,         -- yes votes must be more than
	pass_den INTEGER NOT NULL DEFAULT 2,         --   num/den of all the congress's deputies
	bottom INTEGER NOT NULL DEFAULT 1 CHECK (bottom >= 0), -- the last K by satisfaction
	session_id INTEGER REFERENCES congress_session (id),
	listed_on TEXT,       -- the government's preliminary list (初定)
	reviewed_on TEXT,     -- the standing committee's review of the candidates (审议)
	voted_on TEXT,        -- the vote at the congress (票决)
	evaluated_on TEXT,    -- the satisfaction evaluation (测评)
	reevaluated_on TEXT,  -- the second evaluation
	state TEXT NOT NULL,
	rounds INTEGER NOT NULL DEFAULT 0,
	evaluation TEXT,
	closed_at TEXT,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	CHECK ((level = 'city') = (town_id IS NULL)),
	CHECK (candidates > choose),
	CHECK (pass_den > 0 AND pass_num > 0 AND pass_num < pass_den)
);
CREATE UNIQUE INDEX IF NOT EXISTS pcycle_one ON pcycle (year, coalesce(town_id, 0));

-- A proposal collected (征集), adopted as a candidate or not.
CREATE TABLE IF NOT EXISTS pproposal (
	id INTEGER PRIMARY KEY,
	cycle_id INTEGER NOT NULL REFERENCES pcycle (id),
	town_id INTEGER REFERENCES town (id), -- the cycle's (NULL: the city's)
	number TEXT NOT NULL UNIQUE,          -- 2021-CITY-Z01
	source TEXT NOT NULL CHECK (source IN ('deputy', 'group', 'public', 'government')),
	deputy_id INTEGER REFERENCES deputy (id),
	group_id INTEGER REFERENCES deputy_group (id),
	proposer TEXT NOT NULL DEFAULT '',    -- the public: who; the government: which office
	channel TEXT NOT NULL CHECK (channel IN ('online', 'paper')),
	submitted_at TEXT NOT NULL,
	title TEXT NOT NULL,
	content TEXT NOT NULL DEFAULT '',
	category_id INTEGER REFERENCES category (id),
	unit_id INTEGER REFERENCES unit (id), -- the department that would carry it out
	budget INTEGER,                       -- fen
	reason TEXT NOT NULL DEFAULT '',      -- why it was adopted or not
	result TEXT CHECK (result IN ('chosen', 'passed', 'failed', 'tie')),
	state TEXT NOT NULL,
	rounds INTEGER NOT NULL DEFAULT 0,
	evaluation TEXT,
	closed_at TEXT,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	CHECK (source <> 'deputy' OR deputy_id IS NOT NULL),
	CHECK (source <> 'group' OR group_id IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS pproposal_cycle ON pproposal (cycle_id, state);
CREATE INDEX IF NOT EXISTS pproposal_deputy ON pproposal (deputy_id);

-- A ballot: the vote on the candidates (a re-vote is round 2...), or a satisfaction
-- evaluation of the projects (a second evaluation is round 2). Only tallies are kept.
CREATE TABLE IF NOT EXISTS pballot (
	id INTEGER PRIMARY KEY,
	cycle_id INTEGER NOT NULL REFERENCES pcycle (id),
	kind TEXT NOT NULL CHECK (kind IN ('vote', 'evaluation')),
	round INTEGER NOT NULL,
	held_on TEXT NOT NULL,
	deputies INTEGER,          -- a vote: all deputies of the congress on held_on (the roster)
	source TEXT CHECK (source IN ('paper', 'import')),
	issued INTEGER,
	returned INTEGER,
	valid INTEGER,
	invalid INTEGER,
	counted_at TEXT,           -- the result computed: the figures are final
	UNIQUE (cycle_id, kind, round)
);

-- A candidate on a vote's ballot: its votes once the figures are agreed.
CREATE TABLE IF NOT EXISTS pvote (
	ballot_id INTEGER NOT NULL REFERENCES pballot (id),
	proposal_id INTEGER NOT NULL REFERENCES pproposal (id),
	yes INTEGER,
	no INTEGER,
	abstain INTEGER,
	PRIMARY KEY (ballot_id, proposal_id)
) WITHOUT ROWID;

-- A livelihood project chosen by the vote.
CREATE TABLE IF NOT EXISTS pproject (
	id INTEGER PRIMARY KEY,
	cycle_id INTEGER NOT NULL REFERENCES pcycle (id),
	proposal_id INTEGER NOT NULL UNIQUE REFERENCES pproposal (id),
	town_id INTEGER REFERENCES town (id), -- the cycle's (NULL: the city's)
	number TEXT NOT NULL UNIQUE,          -- 2021-CITY-01
	title TEXT NOT NULL,
	content TEXT NOT NULL DEFAULT '',
	category_id INTEGER REFERENCES category (id),
	budget INTEGER,                       -- fen
	lead_unit_id INTEGER REFERENCES unit (id),
	leader TEXT NOT NULL DEFAULT '',      -- "three ones": the standing committee's leader
	group_id INTEGER REFERENCES deputy_group (id), -- the deputy group
	office_id INTEGER REFERENCES office (id),      -- the committee office
	percent INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
	spent INTEGER NOT NULL DEFAULT 0,     -- fen, to date
	investigator_id INTEGER REFERENCES office (id), -- the committee that investigates
	findings TEXT NOT NULL DEFAULT '',    -- its investigation report
	opinion TEXT NOT NULL DEFAULT '',     -- the standing committee's opinion (审议意见)
	deliberated_on TEXT,
	state TEXT NOT NULL,
	rounds INTEGER NOT NULL DEFAULT 0,
	evaluation TEXT CHECK (evaluation IN ('satisfied', 'basic', 'unsatisfied')),
	closed_at TEXT,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS pproject_cycle ON pproject (cycle_id);
CREATE INDEX IF NOT EXISTS pproject_lead ON pproject (lead_unit_id, state);
CREATE INDEX IF NOT EXISTS pproject_town ON pproject (town_id);

CREATE TABLE IF NOT EXISTS pproject_unit (
	project_id INTEGER NOT NULL REFERENCES pproject (id),
	unit_id INTEGER NOT NULL REFERENCES unit (id),
	role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
	assigned_at TEXT,
	PRIMARY KEY (project_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pproject_unit_unit ON pproject_unit (unit_id);

-- A project on an evaluation's ballot: its votes once agreed, its rating and rank.
CREATE TABLE IF NOT EXISTS prating (
	ballot_id INTEGER NOT NULL REFERENCES pballot (id),
	project_id INTEGER NOT NULL REFERENCES pproject (id),
	satisfied INTEGER,
	basic INTEGER,
	unsatisfied INTEGER,
	rating TEXT CHECK (rating IN ('satisfied', 'basic', 'unsatisfied')),
	rank INTEGER,
	bottom INTEGER NOT NULL DEFAULT 0,    -- ranked among the cycle's last K
	PRIMARY KEY (ballot_id, project_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS prating_project ON prating (project_id);

-- A month's target set by the department.
CREATE TABLE IF NOT EXISTS ptarget (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES pproject (id),
	month TEXT NOT NULL,                  -- 2021-05
	text TEXT NOT NULL,
	at TEXT NOT NULL,
	account TEXT NOT NULL,
	UNIQUE (project_id, month)
);

-- A progress update by the department.
CREATE TABLE IF NOT EXISTS pupdate (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES pproject (id),
	day TEXT NOT NULL,                    -- the day the progress stands at
	text TEXT NOT NULL,
	percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
	spent INTEGER NOT NULL,               -- fen, to date
	attachments TEXT NOT NULL DEFAULT '', -- file names, one a line
	at TEXT NOT NULL,
	account TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pupdate_project ON pupdate (project_id, day);

-- An opinion (意见建议) of a deputy or a deputy group, answered by the department.
CREATE TABLE IF NOT EXISTS popinion (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES pproject (id),
	town_id INTEGER REFERENCES town (id), -- the project's (NULL: the city's)
	number TEXT NOT NULL UNIQUE,          -- 2021-CITY-01-Y001
	deputy_id INTEGER REFERENCES deputy (id),
	group_id INTEGER REFERENCES deputy_group (id),
	text TEXT NOT NULL,
	posted_at TEXT NOT NULL,
	answer TEXT NOT NULL DEFAULT '',
	answered_at TEXT,
	state TEXT NOT NULL,
	rounds INTEGER NOT NULL DEFAULT 0,
	evaluation TEXT,
	closed_at TEXT,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	CHECK (deputy_id IS NOT NULL OR group_id IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS popinion_project ON popinion (project_id);
CREATE INDEX IF NOT EXISTS popinion_deputy ON popinion (deputy_id);

-- A third-party performance evaluation (第三方绩效评价) of a finished project.
CREATE TABLE IF NOT EXISTS pappraisal (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL UNIQUE REFERENCES pproject (id),
	agency TEXT NOT NULL,
	score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10000), -- hundredths of a point
	findings TEXT NOT NULL,
	day TEXT NOT NULL,
	at TEXT NOT NULL,
	account TEXT NOT NULL
);

-- A rectification item (整改) of an evaluation, tracked until it is done ("一督到底").
CREATE TABLE IF NOT EXISTS prectify (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES pproject (id),
	number TEXT NOT NULL,                 -- R1, R2... within the project
	text TEXT NOT NULL,
	due TEXT,
	state TEXT NOT NULL CHECK (state IN ('open', 'done')),
	done_at TEXT,
	done_text TEXT NOT NULL DEFAULT '',
	at TEXT NOT NULL,
	UNIQUE (project_id, number)
);
