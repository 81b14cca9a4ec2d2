-- The arrival table partitioned by month of EVENT_DAY, so retention drops a month's partition instead of deleting its
-- rows one by one (ArrivalPartitions). The rollup job creates the partitions of the current month and the months
-- ahead; a DEFAULT partition takes every other row, so an insert never fails: rows already stored stay there (they
-- are deleted by retention, not dropped), as do rows of a day no partition covers. The BRIN and partial indexes are
-- declared on the parent, so every partition gets its own. A no-op where the table is already partitioned.
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass('aitrust_quality_arrival') AND relkind = 'p') THEN
		RETURN;
	END IF;
	ALTER TABLE AITRUST_QUALITY_ARRIVAL RENAME TO AITRUST_QUALITY_ARRIVAL_UNPARTITIONED;
	DROP INDEX IF EXISTS IDX_AITRUST_QA_DAY_BRIN;
	DROP INDEX IF EXISTS IDX_AITRUST_QA_AI_MODEL;
	CREATE TABLE AITRUST_QUALITY_ARRIVAL (LIKE AITRUST_QUALITY_ARRIVAL_UNPARTITIONED INCLUDING DEFAULTS)
		PARTITION BY RANGE (EVENT_DAY);
	CREATE TABLE AITRUST_QUALITY_ARRIVAL_DEFAULT PARTITION OF AITRUST_QUALITY_ARRIVAL DEFAULT;
	INSERT INTO AITRUST_QUALITY_ARRIVAL SELECT * FROM AITRUST_QUALITY_ARRIVAL_UNPARTITIONED;
	DROP TABLE AITRUST_QUALITY_ARRIVAL_UNPARTITIONED;
	CREATE INDEX IDX_AITRUST_QA_DAY_BRIN ON AITRUST_QUALITY_ARRIVAL USING BRIN (EVENT_DAY);
	CREATE INDEX IDX_AITRUST_QA_AI_MODEL ON AITRUST_QUALITY_ARRIVAL (AI_MODEL, EVENT_DAY) WHERE AI_MODEL IS NOT NULL;
END
$$;
