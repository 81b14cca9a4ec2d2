-- The confidence an AI write stated (the resource-level AIconfidence as a probability, AiConfidence), on the arrival
-- row for the confidence distribution and on the first review's row for calibration, so $ai-oversight counts both
-- with the other oversight figures, in the database. An exact decimal rounded to six places, not a bin index: bins
-- are computed in the query (FLOOR of ten times the value is exact on a DECIMAL), so their mean confidence and the
-- expected calibration error are exact sums, and another binning needs no new migration. Null when no probability
-- was stated (none, or a range, category or free text), on other arrivals, and on rows written before this migration.
-- IF NOT EXISTS keeps the script a no-op where it already ran.
ALTER TABLE AITRUST_QUALITY_ARRIVAL ADD COLUMN IF NOT EXISTS CONFIDENCE DECIMAL(7, 6);
ALTER TABLE AITRUST_QUALITY_REVIEW ADD COLUMN IF NOT EXISTS CONFIDENCE DECIMAL(7, 6);
