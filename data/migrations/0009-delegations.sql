-- renda schema 9: the bodies that may bring a motion without co-signers (local
-- organisation law): a delegation (代表团) of the city's congress, or the presidium (主席团)
-- of the city's congress or of a town's. Reference data (data/ref/delegations.csv): a
-- motion names one of them, chosen, not typed.
CREATE TABLE delegation (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL CHECK (kind IN ('delegation', 'presidium')),
	level TEXT NOT NULL CHECK (level IN ('city', 'town')),
	town_id INTEGER REFERENCES town (id),
	sort INTEGER NOT NULL DEFAULT 0,
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1,
	CHECK (level = 'city' OR town_id IS NOT NULL)
);
-- The same rows as data/ref/delegations.csv, for databases made before this schema (a new
-- database has no towns yet here: renda init loads the file after the towns).
INSERT INTO delegation (code, name, kind, level, town_id, sort)
SELECT v.column1, v.column2, v.column3, v.column4, t.id, v.column6 FROM (VALUES
	('ZXT', '平湖市人民代表大会主席团', 'presidium', 'city', NULL, 1),
	('DT-DH', '当湖街道代表团', 'delegation', 'city', '当湖街道', 2),
	('DT-ZD', '钟埭街道代表团', 'delegation', 'city', '钟埭街道', 3),
	('DT-CQ', '曹桥街道代表团', 'delegation', 'city', '曹桥街道', 4),
	('DT-ZP', '乍浦镇代表团', 'delegation', 'city', '乍浦镇', 5),
	('DT-XD', '新埭镇代表团', 'delegation', 'city', '新埭镇', 6),
	('DT-XC', '新仓镇代表团', 'delegation', 'city', '新仓镇', 7),
	('DT-GC', '广陈镇代表团', 'delegation', 'city', '广陈镇', 8),
	('DT-LD', '林埭镇代表团', 'delegation', 'city', '林埭镇', 9),
	('DT-DSG', '独山港镇代表团', 'delegation', 'city', '独山港镇', 10),
	('ZXT-ZP', '乍浦镇人民代表大会主席团', 'presidium', 'town', '乍浦镇', 11),
	('ZXT-XD', '新埭镇人民代表大会主席团', 'presidium', 'town', '新埭镇', 12),
	('ZXT-XC', '新仓镇人民代表大会主席团', 'presidium', 'town', '新仓镇', 13),
	('ZXT-GC', '广陈镇人民代表大会主席团', 'presidium', 'town', '广陈镇', 14),
	('ZXT-LD', '林埭镇人民代表大会主席团', 'presidium', 'town', '林埭镇', 15),
	('ZXT-DSG', '独山港镇人民代表大会主席团', 'presidium', 'town', '独山港镇', 16)
) AS v LEFT JOIN town t ON t.name = v.column5
WHERE EXISTS (SELECT 1 FROM town) AND (v.column5 IS NULL OR t.id IS NOT NULL);
