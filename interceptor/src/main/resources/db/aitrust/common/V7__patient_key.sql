-- The pseudonymous key of the patient an AI write (and its first review) is about, so $ai-oversight can count
-- distinct patients and suppress small cells by patients rather than by writes: the hex SHA-256 of the Patient's
-- versionless reference (PatientStrata.patientKey). Null on rows of other arrivals, of AI writes about no patient
-- this server holds, and on every row written before this migration (oversight counts those as one unknown patient
-- each, see docs/oversight.md). IF NOT EXISTS keeps the script a no-op where it already ran.
ALTER TABLE AITRUST_QUALITY_ARRIVAL ADD COLUMN IF NOT EXISTS PATIENT_KEY VARCHAR(64);
ALTER TABLE AITRUST_QUALITY_REVIEW ADD COLUMN IF NOT EXISTS PATIENT_KEY VARCHAR(64);
