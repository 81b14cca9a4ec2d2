-- The review worklist: one row per AI-labelled resource whose current version has no review recorded by $ai-review.
-- Kept in the transaction of every write (UnreviewedWorklistInterceptor): an AI-labelled version puts or replaces its
-- resource's row, a first review of that version, a version without the label or a delete removes it. $ai-unreviewed
-- pages through it and $data-quality's ai-unreviewed counts it, so both read one definition.
-- EVENT_DAY, SOURCE, RESOURCE_TYPE and PROFILE are named as in the quality tables: the report filters them alike.
CREATE TABLE IF NOT EXISTS AITRUST_AI_UNREVIEWED (
	RESOURCE_KEY VARCHAR(200) NOT NULL,
	RESOURCE_TYPE VARCHAR(64) NOT NULL,
	VERSION_ID BIGINT NOT NULL,
	PATIENT VARCHAR(200),
	LAST_UPDATED TIMESTAMP NOT NULL,
	EVENT_DAY DATE NOT NULL,
	SOURCE VARCHAR(128) NOT NULL,
	PROFILE VARCHAR(255) NOT NULL,
	PRIMARY KEY (RESOURCE_KEY)
);
-- The worklist's orders, newest first, with the key as tie-break so a page's cursor is exact: all types, one type,
-- one patient; and the arrival day, for the day ranges of the report.
CREATE INDEX IF NOT EXISTS IDX_AITRUST_AU_UPDATED ON AITRUST_AI_UNREVIEWED (LAST_UPDATED, RESOURCE_KEY);
CREATE INDEX IF NOT EXISTS IDX_AITRUST_AU_TYPE ON AITRUST_AI_UNREVIEWED (RESOURCE_TYPE, LAST_UPDATED, RESOURCE_KEY);
CREATE INDEX IF NOT EXISTS IDX_AITRUST_AU_PATIENT ON AITRUST_AI_UNREVIEWED (PATIENT, LAST_UPDATED, RESOURCE_KEY);
CREATE INDEX IF NOT EXISTS IDX_AITRUST_AU_DAY ON AITRUST_AI_UNREVIEWED (EVENT_DAY);
