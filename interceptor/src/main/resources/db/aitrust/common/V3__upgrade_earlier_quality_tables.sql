-- What databases of earlier builds of release 0.1.0 need to look like a fresh one; a no-op on a fresh database.

-- Outcome tables made by the earliest builds held 64 characters: too few for a must-support measure of a long
-- element path, which then failed the write it measured.
ALTER TABLE AITRUST_QUALITY_OUTCOME ALTER COLUMN MEASURE SET DATA TYPE VARCHAR(255);

-- Full indexes of earlier builds on the arrival table, one entry per arrival each; V4 makes what replaces them.
DROP INDEX IF EXISTS IDX_AITRUST_QA_DAY;
DROP INDEX IF EXISTS IDX_AITRUST_QA_MODEL;
