-- renda schema 10: the roster's rules (issue 11, item 6), and the city office's name.
-- The 56 ethnic groups as reference data (GB/T 3304: code, name, letter code);
-- deputies' free-text ethnicity mapped onto them where the text says which group
-- it is; resident IDs with a final x stored with X; look-alikes of the middle dot
-- in names stored as U+00B7. Nothing is refused and nothing is dropped: a value
-- that maps onto no group, and an ID whose X form another deputy already holds,
-- stay as they are, and 'renda check' lists them for a clerk to correct.
-- Every changed deputy's version moves, so a form opened before shows the change.

CREATE TABLE ethnicity (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL UNIQUE,
	letters TEXT NOT NULL DEFAULT '',
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1
);

INSERT INTO ethnicity (code, name, letters) VALUES
	('01', '汉族', 'HA'),
	('02', '蒙古族', 'MG'),
	('03', '回族', 'HU'),
	('04', '藏族', 'ZA'),
	('05', '维吾尔族', 'UG'),
	('06', '苗族', 'MH'),
	('07', '彝族', 'YI'),
	('08', '壮族', 'ZH'),
	('09', '布依族', 'BY'),
	('10', '朝鲜族', 'CS'),
	('11', '满族', 'MA'),
	('12', '侗族', 'DO'),
	('13', '瑶族', 'YA'),
	('14', '白族', 'BA'),
	('15', '土家族', 'TJ'),
	('16', '哈尼族', 'HN'),
	('17', '哈萨克族', 'KZ'),
	('18', '傣族', 'DA'),
	('19', '黎族', 'LI'),
	('20', '傈僳族', 'LS'),
	('21', '佤族', 'VA'),
	('22', '畲族', 'SH'),
	('23', '高山族', 'GS'),
	('24', '拉祜族', 'LH'),
	('25', '水族', 'SU'),
	('26', '东乡族', 'DX'),
	('27', '纳西族', 'NX'),
	('28', '景颇族', 'JP'),
	('29', '柯尔克孜族', 'KG'),
	('30', '土族', 'TU'),
	('31', '达斡尔族', 'DU'),
	('32', '仫佬族', 'ML'),
	('33', '羌族', 'QI'),
	('34', '布朗族', 'BL'),
	('35', '撒拉族', 'SL'),
	('36', '毛南族', 'MN'),
	('37', '仡佬族', 'GL'),
	('38', '锡伯族', 'XB'),
	('39', '阿昌族', 'AC'),
	('40', '普米族', 'PM'),
	('41', '塔吉克族', 'TA'),
	('42', '怒族', 'NU'),
	('43', '乌孜别克族', 'UZ'),
	('44', '俄罗斯族', 'RS'),
	('45', '鄂温克族', 'EW'),
	('46', '德昂族', 'DE'),
	('47', '保安族', 'BN'),
	('48', '裕固族', 'YG'),
	('49', '京族', 'GI'),
	('50', '塔塔尔族', 'TT'),
	('51', '独龙族', 'DR'),
	('52', '鄂伦春族', 'OR'),
	('53', '赫哲族', 'HZ'),
	('54', '门巴族', 'MB'),
	('55', '珞巴族', 'LB'),
	('56', '基诺族', 'JN');

-- Free text onto the groups: the name with spaces around it (also U+3000), without
-- 族 (回 for 回族), the code (03) or letter code (HU), or a common short form.
CREATE TEMP TABLE ethnicity_alias (alias TEXT PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO ethnicity_alias VALUES ('蒙族', '蒙古族'), ('维族', '维吾尔族'), ('汉民', '汉族'),
	('回民', '回族'), ('哈萨克', '哈萨克族'), ('柯族', '柯尔克孜族'), ('朝鲜', '朝鲜族');
CREATE TEMP TABLE ethnicity_text AS
	SELECT id, trim(ethnicity, ' ' || char(9) || char(12288)) AS t FROM deputy
	WHERE ethnicity NOT IN (SELECT name FROM ethnicity);
CREATE TEMP TABLE ethnicity_map AS
	SELECT x.id, coalesce(
		(SELECT e.name FROM ethnicity e WHERE e.name = x.t),
		(SELECT e.name FROM ethnicity e WHERE e.name = x.t || '族'),
		(SELECT e.name FROM ethnicity e WHERE e.code = x.t),
		(SELECT e.name FROM ethnicity e WHERE e.letters = upper(x.t) AND length(x.t) = 2),
		(SELECT a.name FROM ethnicity_alias a WHERE a.alias = x.t)) AS name
	FROM ethnicity_text x;
UPDATE deputy SET ethnicity = (SELECT name FROM ethnicity_map m WHERE m.id = deputy.id),
	version = version + 1
	WHERE id IN (SELECT id FROM ethnicity_map WHERE name IS NOT NULL);
DROP TABLE ethnicity_map;
DROP TABLE ethnicity_text;
DROP TABLE ethnicity_alias;

-- One person, one deputy: ...x is ...X.
UPDATE deputy SET resident_id = upper(resident_id), version = version + 1
	WHERE resident_id GLOB '*x'
	AND NOT EXISTS (SELECT 1 FROM deputy o WHERE o.resident_id = upper(deputy.resident_id));

-- 阿沛・阿旺晋美 (U+30FB) and the other look-alikes are 阿沛·阿旺晋美 (U+00B7).
UPDATE deputy SET name = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name, char(46), char(183)), char(903), char(183)), char(5159), char(183)), char(5867), char(183)), char(8226), char(183)), char(8231), char(183)), char(8729), char(183)), char(8901), char(183)), char(10625), char(183)), char(11825), char(183)), char(12539), char(183)), char(12685), char(183)), char(65106), char(183)), char(65294), char(183)), char(65381), char(183)), version = version + 1
	WHERE name <> replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name, char(46), char(183)), char(903), char(183)), char(5159), char(183)), char(5867), char(183)), char(8226), char(183)), char(8231), char(183)), char(8729), char(183)), char(8901), char(183)), char(10625), char(183)), char(11825), char(183)), char(12539), char(183)), char(12685), char(183)), char(65106), char(183)), char(65294), char(183)), char(65381), char(183));

-- The office that reviews the city's voter issues goes by 代选工委, as the committee
-- calls it (issue 11, item 8); renamed only when it still has the name renda init gave it.
UPDATE office SET name = '代表与选举任免工作委员会（代选工委）', version = version + 1
	WHERE code = 'DBW' AND name = '代表与选举任免工作委员会';
