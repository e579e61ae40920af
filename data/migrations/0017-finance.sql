-- renda schema: finance networked supervision (财经联网监督) and state assets (国资),
-- DESIGN 4.6. The datasets the finance, development-and-reform, tax and audit
-- departments send (budget execution of the three books, revenue by tax kind, 三公经费,
-- major investment projects, audit findings and their rectification, state assets of
-- four kinds, performance targets and results), each import and what it changed;
-- the warning rules (data) and the warnings they raise (workflow 'warning' in wf_rule,
-- wf_event and wf_clock); the policies and regulations library; the committee's
-- preliminary-review opinions on the draft budget and final accounts with the
-- government's responses. Amounts are kept in fen (1/100 yuan), rates and thresholds
-- in hundredths. The formats of the files are in renda-finance(5).

-- One import of one file: a dataset, a period, the department that sent it.
CREATE TABLE IF NOT EXISTS fin_import (
	id INTEGER PRIMARY KEY,
	dataset TEXT NOT NULL,
	period TEXT NOT NULL,
	source_id INTEGER NOT NULL REFERENCES unit (id),
	file TEXT NOT NULL,
	format TEXT NOT NULL,
	at TEXT NOT NULL,
	account TEXT NOT NULL,
	nrows INTEGER NOT NULL,
	added INTEGER NOT NULL,
	changed INTEGER NOT NULL,
	removed INTEGER NOT NULL,
	unchanged INTEGER NOT NULL,
	prev_id INTEGER REFERENCES fin_import (id),
	warnings INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS fin_import_period ON fin_import (dataset, period, source_id, id);

-- What an import changed against the rows of the same dataset, period and source:
-- a row added or removed, or one field of a row changed.
CREATE TABLE IF NOT EXISTS fin_change (
	id INTEGER PRIMARY KEY,
	import_id INTEGER NOT NULL REFERENCES fin_import (id),
	kind TEXT NOT NULL CHECK (kind IN ('added', 'changed', 'removed')),
	rkey TEXT NOT NULL,
	field TEXT NOT NULL DEFAULT '',
	before TEXT NOT NULL DEFAULT '',
	after TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS fin_change_import ON fin_change (import_id, id);

-- Budget execution of the general public budget ('budget'), the government-fund
-- budget ('fund') and the state-capital budget ('capital'): a row per department,
-- function class (功能分类科目) and project; executed is the year to date.
CREATE TABLE IF NOT EXISTS fin_budget (
	id INTEGER PRIMARY KEY,
	dataset TEXT NOT NULL CHECK (dataset IN ('budget', 'fund', 'capital')),
	period TEXT NOT NULL,
	year INTEGER NOT NULL,
	month INTEGER NOT NULL,
	source_id INTEGER NOT NULL REFERENCES unit (id),
	import_id INTEGER NOT NULL REFERENCES fin_import (id),
	unit_id INTEGER REFERENCES unit (id),
	department_code TEXT NOT NULL,
	department TEXT NOT NULL,
	function_code TEXT NOT NULL,
	function TEXT NOT NULL,
	project_code TEXT NOT NULL DEFAULT '',
	project TEXT NOT NULL DEFAULT '',
	annual INTEGER NOT NULL,
	adjusted INTEGER NOT NULL,
	executed INTEGER NOT NULL,
	UNIQUE (dataset, period, source_id, department_code, function_code, project_code)
);
CREATE INDEX IF NOT EXISTS fin_budget_year ON fin_budget (dataset, year, month, department_code);
CREATE INDEX IF NOT EXISTS fin_budget_unit ON fin_budget (unit_id, dataset, year, month);

-- Revenue by tax kind (from the tax bureau): the year to date and the year's budget.
CREATE TABLE IF NOT EXISTS fin_revenue (
	id INTEGER PRIMARY KEY,
	dataset TEXT NOT NULL,
	period TEXT NOT NULL,
	year INTEGER NOT NULL,
	month INTEGER NOT NULL,
	source_id INTEGER NOT NULL REFERENCES unit (id),
	import_id INTEGER NOT NULL REFERENCES fin_import (id),
	unit_id INTEGER REFERENCES unit (id),
	kind_code TEXT NOT NULL,
	kind TEXT NOT NULL,
	amount INTEGER NOT NULL,
	budget INTEGER NOT NULL DEFAULT 0,
	UNIQUE (dataset, period, source_id, kind_code)
);
CREATE INDEX IF NOT EXISTS fin_revenue_year ON fin_revenue (year, month, kind_code);

-- 三公经费 per department and item: the year's budget and the year to date.
CREATE TABLE IF NOT EXISTS fin_sangong (
	id INTEGER PRIMARY KEY,
	dataset TEXT NOT NULL,
	period TEXT NOT NULL,
	year INTEGER NOT NULL,
	month INTEGER NOT NULL,
	source_id INTEGER NOT NULL REFERENCES unit (id),
	import_id INTEGER NOT NULL REFERENCES fin_import (id),
	unit_id INTEGER REFERENCES unit (id),
	department_code TEXT NOT NULL,
	department TEXT NOT NULL,
	item TEXT NOT NULL CHECK (item IN ('abroad', 'vehicle_buy', 'vehicle_run', 'reception')),
	budget INTEGER NOT NULL,
	spent INTEGER NOT NULL,
	UNIQUE (dataset, period, source_id, department_code, item)
);
CREATE INDEX IF NOT EXISTS fin_sangong_year ON fin_sangong (year, month, department_code);

-- Major investment projects (from the development and reform bureau): the plan,
-- the money spent in the year to date and the progress.
CREATE TABLE IF NOT EXISTS fin_project (
	id INTEGER PRIMARY KEY,
	dataset TEXT NOT NULL,
	period TEXT NOT NULL,
	year INTEGER NOT NULL,
	month INTEGER NOT NULL,
	source_id INTEGER NOT NULL REFERENCES unit (id),
	import_id INTEGER NOT NULL REFERENCES fin_import (id),
	unit_id INTEGER REFERENCES unit (id),
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	unit_code TEXT NOT NULL,
	unit TEXT NOT NULL,
	total_investment INTEGER NOT NULL,
	annual_plan INTEGER NOT NULL,
	spent INTEGER NOT NULL,
	progress INTEGER NOT NULL DEFAULT 0,
	note TEXT NOT NULL DEFAULT '',
	UNIQUE (dataset, period, source_id, code)
);
CREATE INDEX IF NOT EXISTS fin_project_year ON fin_project (year, month, code);

-- Audit findings and their rectification (from the audit bureau), as of the period.
CREATE TABLE IF NOT EXISTS fin_audit (
	id INTEGER PRIMARY KEY,
	dataset TEXT NOT NULL,
	period TEXT NOT NULL,
	year INTEGER NOT NULL,
	month INTEGER NOT NULL,
	source_id INTEGER NOT NULL REFERENCES unit (id),
	import_id INTEGER NOT NULL REFERENCES fin_import (id),
	unit_id INTEGER REFERENCES unit (id),
	code TEXT NOT NULL,
	audit_year INTEGER NOT NULL,
	unit_code TEXT NOT NULL,
	unit TEXT NOT NULL,
	finding TEXT NOT NULL,
	amount INTEGER NOT NULL DEFAULT 0,
	deadline TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('open', 'progress', 'done')),
	rectified_amount INTEGER NOT NULL DEFAULT 0,
	rectified_on TEXT NOT NULL DEFAULT '',
	measures TEXT NOT NULL DEFAULT '',
	UNIQUE (dataset, period, source_id, code)
);
CREATE INDEX IF NOT EXISTS fin_audit_period ON fin_audit (period, unit_id);

-- State assets of four kinds: administrative and public-institution, enterprise,
-- natural-resource and development-zone assets, per holder and category, a year.
CREATE TABLE IF NOT EXISTS fin_asset (
	id INTEGER PRIMARY KEY,
	dataset TEXT NOT NULL,
	period TEXT NOT NULL,
	year INTEGER NOT NULL,
	month INTEGER NOT NULL,
	source_id INTEGER NOT NULL REFERENCES unit (id),
	import_id INTEGER NOT NULL REFERENCES fin_import (id),
	unit_id INTEGER REFERENCES unit (id),
	kind TEXT NOT NULL CHECK (kind IN ('admin', 'enterprise', 'natural', 'zone')),
	holder_code TEXT NOT NULL,
	holder TEXT NOT NULL,
	category TEXT NOT NULL,
	value INTEGER NOT NULL,
	change INTEGER NOT NULL DEFAULT 0,
	UNIQUE (dataset, period, source_id, kind, holder_code, category)
);
CREATE INDEX IF NOT EXISTS fin_asset_year ON fin_asset (year, kind, holder_code);

-- Performance (绩效): a project's indicators, each with its target, its result, its
-- weight and the score given.
CREATE TABLE IF NOT EXISTS fin_perf (
	id INTEGER PRIMARY KEY,
	dataset TEXT NOT NULL,
	period TEXT NOT NULL,
	year INTEGER NOT NULL,
	month INTEGER NOT NULL,
	source_id INTEGER NOT NULL REFERENCES unit (id),
	import_id INTEGER NOT NULL REFERENCES fin_import (id),
	unit_id INTEGER REFERENCES unit (id),
	project_code TEXT NOT NULL,
	project TEXT NOT NULL,
	department_code TEXT NOT NULL,
	department TEXT NOT NULL,
	indicator TEXT NOT NULL,
	target TEXT NOT NULL DEFAULT '',
	result TEXT NOT NULL DEFAULT '',
	weight INTEGER NOT NULL,
	score INTEGER NOT NULL,
	UNIQUE (dataset, period, source_id, project_code, indicator)
);
CREATE INDEX IF NOT EXISTS fin_perf_year ON fin_perf (year, department_code, project_code);

-- The policies and regulations library (政策法规库): documents with their issuer,
-- number (文号), date, validity and full text.
CREATE TABLE IF NOT EXISTS fin_policy (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	issuer TEXT NOT NULL,
	number TEXT NOT NULL DEFAULT '',
	issued_on TEXT NOT NULL,
	validity TEXT NOT NULL CHECK (validity IN ('in_force', 'amended', 'repealed')),
	text TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS fin_policy_issued ON fin_policy (issued_on);
CREATE INDEX IF NOT EXISTS fin_policy_number ON fin_policy (number);
-- Full-text search as for voter issues: trigram over title, number, issuer and text
-- for three characters or more; the tokens of the characters for one or two.
CREATE VIRTUAL TABLE IF NOT EXISTS fin_policy_fts USING fts5 (title, number, issuer, text,
	content = 'fin_policy', content_rowid = 'id', tokenize = 'trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS fin_policy_chars USING fts5 (text, content = '', detail = none,
	tokenize = 'unicode61');

-- The warning rules (预警规则): all data. measure is one of the measures renda
-- computes (renda-finance(5)); datasets the '|' list it watches; scope the level of
-- its subjects; per how often one subject may raise a warning of a severity;
-- thresholds in hundredths (points, per cent, days or months, by measure), red
-- optional; min_amount in fen: subjects whose base is smaller are not looked at.
CREATE TABLE IF NOT EXISTS fin_rule (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	measure TEXT NOT NULL CHECK (measure IN ('exec_behind', 'sangong_over', 'tax_decline',
		'audit_overdue', 'project_idle', 'budget_adjusted')),
	datasets TEXT NOT NULL,
	scope TEXT NOT NULL,
	per TEXT NOT NULL CHECK (per IN ('month', 'quarter', 'year', 'once')),
	yellow INTEGER NOT NULL,
	red INTEGER,
	min_amount INTEGER NOT NULL DEFAULT 0,
	basis TEXT NOT NULL DEFAULT '',
	policy_number TEXT NOT NULL DEFAULT '',
	enabled INTEGER NOT NULL DEFAULT 1,
	updated_at TEXT NOT NULL DEFAULT '',
	version INTEGER NOT NULL DEFAULT 1
);

-- The warnings: one per fact (fact_key: rule, severity, subject, period as the rule's
-- per says), raised after an import and handled as workflow 'warning'.
CREATE TABLE IF NOT EXISTS fin_warning (
	id INTEGER PRIMARY KEY,
	number TEXT NOT NULL UNIQUE,
	rule_id INTEGER NOT NULL REFERENCES fin_rule (id),
	severity TEXT NOT NULL CHECK (severity IN ('yellow', 'red')),
	fact_key TEXT NOT NULL UNIQUE,
	dataset TEXT NOT NULL,
	period TEXT NOT NULL,
	subject_code TEXT NOT NULL,
	subject TEXT NOT NULL,
	unit_id INTEGER REFERENCES unit (id),
	value INTEGER NOT NULL,
	threshold INTEGER NOT NULL,
	base INTEGER NOT NULL DEFAULT 0,
	amount INTEGER NOT NULL DEFAULT 0,
	import_id INTEGER REFERENCES fin_import (id),
	state TEXT NOT NULL,
	lead_unit_id INTEGER REFERENCES unit (id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	closed_at TEXT,
	rounds INTEGER NOT NULL DEFAULT 0,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS fin_warning_state ON fin_warning (state, severity);
CREATE INDEX IF NOT EXISTS fin_warning_lead ON fin_warning (lead_unit_id, state);
CREATE INDEX IF NOT EXISTS fin_warning_period ON fin_warning (period);

-- The department a warning was sent to for self-check (自查).
CREATE TABLE IF NOT EXISTS fin_warning_unit (
	warning_id INTEGER NOT NULL REFERENCES fin_warning (id),
	unit_id INTEGER NOT NULL REFERENCES unit (id),
	role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
	assigned_at TEXT NOT NULL,
	PRIMARY KEY (warning_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fin_warning_unit_unit ON fin_warning_unit (unit_id);

-- A department reports its self-check within 15 working days of the warning's sending.
INSERT INTO wf_rule (workflow, clock, category_id, amount, unit)
	SELECT 'warning', 'selfcheck', NULL, 15, 'workdays'
	WHERE NOT EXISTS (SELECT 1 FROM wf_rule WHERE workflow = 'warning' AND clock = 'selfcheck');

-- The committee's opinions of the preliminary review (初步审查) of the draft budget and
-- of the final accounts, a year, each with the government's response.
CREATE TABLE IF NOT EXISTS fin_review (
	id INTEGER PRIMARY KEY,
	year INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('budget', 'accounts')),
	seq INTEGER NOT NULL,
	opinion TEXT NOT NULL,
	response TEXT NOT NULL DEFAULT '',
	responded_on TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (year, kind, seq)
);

-- The documents the default rules cite, as the library holds them until a clerk loads
-- the full texts (renda policy edit ID --file FILE).
INSERT OR IGNORE INTO fin_policy (id, title, issuer, number, issued_on, validity, text, created_at,
	updated_at) VALUES
	(1, '中华人民共和国预算法', '全国人民代表大会常务委员会', '中华人民共和国主席令第二十二号',
	 '2018-12-29', 'in_force',
	 '（摘要，全文以正式公布的文本为准）预算法规定预算的编制、审查和批准、执行、调整、决算和监督。' ||
	 '各级预算的收入和支出实行收支平衡；预算收入征收部门和单位应当依法及时、足额征收应征的预算收入；' ||
	 '各部门、各单位的支出必须按照预算执行；在预算执行中需要增加或者减少预算总支出、调入预算稳定调节基金、' ||
	 '调减预算安排的重点支出数额或者增加举借债务数额的，应当进行预算调整，预算调整方案应当提请本级人民代表大会' ||
	 '常务委员会审查和批准；县级以上地方各级人民代表大会及其常务委员会对本级和下级预算、决算进行监督。',
	 '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
	(2, '中华人民共和国预算法实施条例', '国务院', '中华人民共和国国务院令第729号', '2020-08-03',
	 'in_force',
	 '（摘要，全文以正式公布的文本为准）实施条例细化预算法关于预算编制、执行和监督的规定，' ||
	 '要求各部门、各单位按照批准的预算和用款计划及时拨付和使用资金，加强预算执行管理，' ||
	 '各级政府财政部门定期向本级政府和上一级政府财政部门报告预算执行情况。',
	 '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
	(3, '党政机关厉行节约反对浪费条例', '中共中央 国务院', '中发〔2013〕13号', '2013-11-18',
	 'in_force',
	 '（摘要，全文以正式公布的文本为准）条例对经费管理、国内差旅、因公临时出国（境）、公务接待、' ||
	 '公务用车、会议活动、办公用房等作出规定，要求严格执行预算，严控因公出国（境）费、公务用车购置及运行费、' ||
	 '公务接待费（“三公”经费）支出，不得超预算或者无预算安排支出。',
	 '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
	(4, '国务院关于加强审计工作的意见', '国务院', '国发〔2014〕48号', '2014-10-09', 'in_force',
	 '（摘要，全文以正式公布的文本为准）意见要求被审计单位对审计发现的问题及时整改，' ||
	 '将整改结果在规定期限内报告审计机关，建立整改检查跟踪机制，对整改不力的依法依规追究责任。',
	 '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
	(5, '政府投资条例', '国务院', '中华人民共和国国务院令第712号', '2019-04-14', 'in_force',
	 '（摘要，全文以正式公布的文本为准）条例规范政府投资项目的决策、年度计划、实施和监督管理，' ||
	 '要求项目单位按照批准的建设内容、规模和投资概算实施，按照年度投资计划使用资金，' ||
	 '投资主管部门和有关部门对项目实施情况进行监督检查。',
	 '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00');
INSERT INTO fin_policy_fts (fin_policy_fts) VALUES ('rebuild');
-- The index of characters, as renda writes it (util/chartok.h: each character of title,
-- number, issuer and text once, as a token).
INSERT INTO fin_policy_chars (rowid, text)
	SELECT id, renda_chars(title, number, issuer, text) FROM fin_policy
	WHERE id NOT IN (SELECT rowid FROM fin_policy_chars);

-- The default rules, as finance committees use them.
INSERT OR IGNORE INTO fin_rule (id, code, name, measure, datasets, scope, per, yellow, red, min_amount,
	basis, policy_number) VALUES
	(1, 'EXEC-LAG', '预算执行进度滞后', 'exec_behind', 'budget', 'department', 'quarter',
	 1000, 2000, 100000000,
	 '《中华人民共和国预算法》：各部门、各单位的支出必须按照预算执行；' ||
	 '《中华人民共和国预算法实施条例》：按照批准的预算和用款计划及时使用资金',
	 '中华人民共和国主席令第二十二号'),
	(2, 'SANGONG-OVER', '“三公”经费超预算', 'sangong_over', 'sangong', 'department', 'year',
	 10000, 11000, 0,
	 '《党政机关厉行节约反对浪费条例》：严控“三公”经费支出，不得超预算或者无预算安排支出',
	 '中发〔2013〕13号'),
	(3, 'TAX-DROP', '税收收入同比下降', 'tax_decline', 'revenue', 'kind', 'quarter',
	 500, 1000, 1000000000,
	 '《中华人民共和国预算法》：预算收入征收部门和单位应当依法及时、足额征收应征的预算收入',
	 '中华人民共和国主席令第二十二号'),
	(4, 'AUDIT-OVERDUE', '审计查出问题超期未整改', 'audit_overdue', 'audit', 'finding', 'once',
	 0, 9000, 0,
	 '《国务院关于加强审计工作的意见》：被审计单位应当及时整改审计发现的问题，在规定期限内报告整改结果',
	 '国发〔2014〕48号'),
	(5, 'PROJECT-IDLE', '重大投资项目连续无支出', 'project_idle', 'projects', 'project', 'year',
	 300, 600, 0,
	 '《政府投资条例》：项目单位应当按照年度投资计划使用资金，有关部门对项目实施情况进行监督检查',
	 '中华人民共和国国务院令第712号'),
	(6, 'BUDGET-ADJUST', '预算调整幅度过大', 'budget_adjusted', 'budget', 'department', 'year',
	 1000, 2000, 100000000,
	 '《中华人民共和国预算法》第六十七条：预算执行中需要调整的，应当编制预算调整方案，' ||
	 '提请本级人民代表大会常务委员会审查和批准',
	 '中华人民共和国主席令第二十二号');
