-- Whether the one-time backfill of the review worklist has run (UnreviewedWorklistBackfill): AI-labelled resources
-- stored before V6 created the worklist are put on it once, at the first start with this migration. The backfill
-- writes the one row (ID 1) when it has finished; while the table is empty, every start runs it again. Running it on a
-- database with no earlier AI writes is cheap, so a fresh database runs it too rather than being marked done here.
-- IF NOT EXISTS keeps the script a no-op where it already ran.
CREATE TABLE IF NOT EXISTS AITRUST_WORKLIST_BACKFILL (
	ID INTEGER NOT NULL,
	COMPLETED TIMESTAMP NOT NULL,
	PRIMARY KEY (ID)
);
