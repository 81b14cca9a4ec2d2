-- Every write inserts one arrival row, so the arrival table has only indexes cheap to keep up. A BRIN index serves
-- the day ranges of every query: rows arrive in day order, so each range of table blocks is summarised by its first
-- and last day, and an insert at most widens one summary. A partial index on the model, kept for AI writes alone,
-- serves the oversight queries. IF NOT EXISTS: builds of release 0.1.0 made them at start-up.
CREATE INDEX IF NOT EXISTS IDX_AITRUST_QA_DAY_BRIN ON AITRUST_QUALITY_ARRIVAL USING BRIN (EVENT_DAY);
CREATE INDEX IF NOT EXISTS IDX_AITRUST_QA_AI_MODEL ON AITRUST_QUALITY_ARRIVAL (AI_MODEL, EVENT_DAY)
	WHERE AI_MODEL IS NOT NULL;
