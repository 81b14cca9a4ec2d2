-- Daily rollups of closed days (DailyRollup) and the population column they group by.
--
-- POPULATION: which population a row counts ('write': an arrival; 'stored': a resource measured where it is stored).
-- Added here too, IF NOT EXISTS, so the rollups can group by it whichever of the two migrations that add it runs first.
ALTER TABLE AITRUST_QUALITY_ARRIVAL ADD COLUMN IF NOT EXISTS POPULATION VARCHAR(16) DEFAULT 'write' NOT NULL;
ALTER TABLE AITRUST_QUALITY_OUTCOME ADD COLUMN IF NOT EXISTS POPULATION VARCHAR(16) DEFAULT 'write' NOT NULL;
ALTER TABLE AITRUST_QUALITY_BREAKDOWN ADD COLUMN IF NOT EXISTS POPULATION VARCHAR(16) DEFAULT 'write' NOT NULL;

-- Each rollup table holds, per closed day, one row per distinct combination of its raw table's dimension columns,
-- with TALLY, the number of raw rows it stands for, and the sums of the columns that are summed. Reports read the
-- raw rows of days not yet rolled up (each counting 1) united with the rollup rows of rolled days (ReportRows), so a
-- report's query is its raw-row query with COUNT(*) read as SUM(TALLY).

-- The arrival table without its lag, patient key and confidence, which do not compress: the confidence kept as its
-- bin (FLOOR of ten times the value) and the exact sum of the values in it.
CREATE TABLE IF NOT EXISTS AITRUST_ROLLUP_ARRIVAL (
	EVENT_DAY DATE NOT NULL,
	POPULATION VARCHAR(16) NOT NULL,
	SOURCE VARCHAR(128) NOT NULL,
	RESOURCE_TYPE VARCHAR(64) NOT NULL,
	PROFILE VARCHAR(255) NOT NULL,
	ACCEPTED BOOLEAN NOT NULL,
	AI_LABELLED BOOLEAN NOT NULL,
	WITH_PROVENANCE BOOLEAN NOT NULL,
	APPLIED BIGINT NOT NULL,
	FAILED BIGINT NOT NULL,
	AI_MODEL VARCHAR(128),
	AGE_BAND VARCHAR(16),
	GENDER VARCHAR(16),
	RACE VARCHAR(64),
	ETHNICITY VARCHAR(64),
	CONFIDENCE_BIN INTEGER,
	CONFIDENCE_SUM DECIMAL(19, 6),
	TALLY BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS IDX_AITRUST_RA_DAY ON AITRUST_ROLLUP_ARRIVAL (EVENT_DAY);

-- The distribution of arrival lags: how many arrivals had each lag, per day and report filter, so the median and the
-- 95th percentile stay exact.
CREATE TABLE IF NOT EXISTS AITRUST_ROLLUP_LAG (
	EVENT_DAY DATE NOT NULL,
	POPULATION VARCHAR(16) NOT NULL,
	SOURCE VARCHAR(128) NOT NULL,
	RESOURCE_TYPE VARCHAR(64) NOT NULL,
	PROFILE VARCHAR(255) NOT NULL,
	LAG_SECONDS BIGINT NOT NULL,
	TALLY BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS IDX_AITRUST_RL_DAY ON AITRUST_ROLLUP_LAG (EVENT_DAY);

-- Stored AI writes per day, model, strata, check bit sets and patient: oversight counts distinct patients per week,
-- which a daily count cannot give, so the patient key is kept per day (rows without one grouped, each counting as a
-- patient of its own).
CREATE TABLE IF NOT EXISTS AITRUST_ROLLUP_PATIENT (
	EVENT_DAY DATE NOT NULL,
	POPULATION VARCHAR(16) NOT NULL,
	AI_MODEL VARCHAR(128) NOT NULL,
	AGE_BAND VARCHAR(16),
	GENDER VARCHAR(16),
	RACE VARCHAR(64),
	ETHNICITY VARCHAR(64),
	APPLIED BIGINT NOT NULL,
	FAILED BIGINT NOT NULL,
	PATIENT_KEY VARCHAR(64),
	TALLY BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS IDX_AITRUST_RP_MODEL ON AITRUST_ROLLUP_PATIENT (AI_MODEL, EVENT_DAY);

-- Must-support outcomes (their lag is not kept: no report reads it).
CREATE TABLE IF NOT EXISTS AITRUST_ROLLUP_OUTCOME (
	EVENT_DAY DATE NOT NULL,
	POPULATION VARCHAR(16) NOT NULL,
	SOURCE VARCHAR(128) NOT NULL,
	RESOURCE_TYPE VARCHAR(64) NOT NULL,
	PROFILE VARCHAR(255) NOT NULL,
	ACCEPTED BOOLEAN NOT NULL,
	MEASURE VARCHAR(255) NOT NULL,
	HIT BOOLEAN NOT NULL,
	TALLY BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS IDX_AITRUST_RO_DAY ON AITRUST_ROLLUP_OUTCOME (EVENT_DAY);

-- Breakdown items, their occurrences summed.
CREATE TABLE IF NOT EXISTS AITRUST_ROLLUP_BREAKDOWN (
	EVENT_DAY DATE NOT NULL,
	POPULATION VARCHAR(16) NOT NULL,
	SOURCE VARCHAR(128) NOT NULL,
	RESOURCE_TYPE VARCHAR(64) NOT NULL,
	PROFILE VARCHAR(255) NOT NULL,
	ACCEPTED BOOLEAN NOT NULL,
	BREAKDOWN VARCHAR(64) NOT NULL,
	ITEM VARCHAR(255) NOT NULL,
	OCCURRENCES BIGINT NOT NULL,
	TALLY BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS IDX_AITRUST_RB_DAY ON AITRUST_ROLLUP_BREAKDOWN (EVENT_DAY);

-- First reviews, rolled up by the day they were recorded (REVIEW_DAY): a review arrives days after the arrival it
-- counts against, so the arrival's day is never closed for reviews. Every column is kept (reviews are few), the
-- confidence as bin and sum like the arrival rollup.
CREATE TABLE IF NOT EXISTS AITRUST_ROLLUP_REVIEW (
	EVENT_DAY DATE NOT NULL,
	REVIEW_DAY DATE NOT NULL,
	SOURCE VARCHAR(128) NOT NULL,
	RESOURCE_TYPE VARCHAR(64) NOT NULL,
	PROFILE VARCHAR(255) NOT NULL,
	OUTCOME VARCHAR(32) NOT NULL,
	LAG_SECONDS BIGINT NOT NULL,
	AI_MODEL VARCHAR(128),
	AGE_BAND VARCHAR(16),
	GENDER VARCHAR(16),
	RACE VARCHAR(64),
	ETHNICITY VARCHAR(64),
	PATIENT_KEY VARCHAR(64),
	CONFIDENCE_BIN INTEGER,
	CONFIDENCE_SUM DECIMAL(19, 6),
	TALLY BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS IDX_AITRUST_RR_DAY ON AITRUST_ROLLUP_REVIEW (REVIEW_DAY);
CREATE INDEX IF NOT EXISTS IDX_AITRUST_RR_MODEL ON AITRUST_ROLLUP_REVIEW (AI_MODEL, EVENT_DAY);

-- The one row (ID 1) the rollup job locks, so one node works at a time, and the last day rolled up: reports read raw
-- rows after it and rollups up to it. The day's rollup and the move of this marker commit in one transaction.
CREATE TABLE IF NOT EXISTS AITRUST_ROLLUP_STATE (
	ID INTEGER NOT NULL,
	ROLLED_THROUGH DATE,
	PRIMARY KEY (ID)
);
INSERT INTO AITRUST_ROLLUP_STATE (ID, ROLLED_THROUGH) VALUES (1, NULL);

-- One row per rolled-up day: how many raw rows of each table its rollup summarised (reviews by REVIEW_DAY), so a
-- later run finds raw rows that arrived for the day after it was rolled up (their count differs) and rolls it up
-- again; and whether its raw rows were deleted by retention, after which raw rows for it are added to its rollup.
CREATE TABLE IF NOT EXISTS AITRUST_ROLLUP_DAY (
	ROLLED_DAY DATE NOT NULL,
	ARRIVAL_ROWS BIGINT NOT NULL,
	OUTCOME_ROWS BIGINT NOT NULL,
	BREAKDOWN_ROWS BIGINT NOT NULL,
	REVIEW_ROWS BIGINT NOT NULL,
	RAW_DELETED BOOLEAN NOT NULL,
	ROLLED_AT TIMESTAMP NOT NULL,
	PRIMARY KEY (ROLLED_DAY)
);
