-- Which population a quality row counts: 'write' (measured when the resource was written, every row before this
-- migration) or 'stored' (measured afterwards over stored resources by the stored-data job, MeasureStoredJob), so the
-- two never mix in a report. A stored row also names the run that made it (RUN_ID, null on write rows): a report of
-- the stored population reads the latest completed run only, so it never sees half a run or two runs.
-- IF NOT EXISTS keeps the script a no-op where it already ran (and where another migration added the same column).
ALTER TABLE AITRUST_QUALITY_ARRIVAL ADD COLUMN IF NOT EXISTS POPULATION VARCHAR(16) DEFAULT 'write' NOT NULL;
ALTER TABLE AITRUST_QUALITY_OUTCOME ADD COLUMN IF NOT EXISTS POPULATION VARCHAR(16) DEFAULT 'write' NOT NULL;
ALTER TABLE AITRUST_QUALITY_BREAKDOWN ADD COLUMN IF NOT EXISTS POPULATION VARCHAR(16) DEFAULT 'write' NOT NULL;
ALTER TABLE AITRUST_QUALITY_ARRIVAL ADD COLUMN IF NOT EXISTS RUN_ID VARCHAR(64);
ALTER TABLE AITRUST_QUALITY_OUTCOME ADD COLUMN IF NOT EXISTS RUN_ID VARCHAR(64);
ALTER TABLE AITRUST_QUALITY_BREAKDOWN ADD COLUMN IF NOT EXISTS RUN_ID VARCHAR(64);
-- No index on RUN_ID: every write inserts into these tables and would pay for it, while RUN_ID is read only by the
-- stored population's reports (within their days, by the day indexes) and by the deletion of a replaced run, rare.

-- One row per run of the stored-data job: started when the administrator asked for it, COMPLETED set when its last
-- chunk was measured (in the transaction that deletes the rows of every earlier run), null while it runs or after
-- it failed. JOB_ID is HAPI's Batch2 instance id, for $poll-status-like progress ($aitrust-quality-run-status).
CREATE TABLE IF NOT EXISTS AITRUST_QUALITY_RUN (
	RUN_ID VARCHAR(64) NOT NULL,
	JOB_ID VARCHAR(100),
	STARTED TIMESTAMP NOT NULL,
	COMPLETED TIMESTAMP,
	PRIMARY KEY (RUN_ID)
);

-- The chunks of a run already measured: a Batch2 chunk that is delivered again (a retry after its transaction
-- committed, a node restart) finds its row and inserts nothing, so no resource is counted twice in one run.
CREATE TABLE IF NOT EXISTS AITRUST_QUALITY_RUN_CHUNK (
	RUN_ID VARCHAR(64) NOT NULL,
	CHUNK_ID VARCHAR(100) NOT NULL,
	PRIMARY KEY (RUN_ID, CHUNK_ID)
);
