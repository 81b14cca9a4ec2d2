package org.aitrust.interceptor.quality;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.interceptor.core.WriteMarks;
import org.hl7.fhir.r4.model.Measure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Stores the {@link DataQualityMeasure} on the server at start-up ({@code Measure/aitrust-data-quality}), updated to
 * this node's checks and thresholds. An unchanged Measure stores no new version; when two nodes start together and
 * one wins the race, the other keeps the winner's.
 */
public class DataQualityMeasurePublisher implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(DataQualityMeasurePublisher.class);

	private final ModuleRecordWriter records;
	private final Measure measure;

	public DataQualityMeasurePublisher(ModuleRecordWriter records, Measure measure) {
		this.records = records;
		this.measure = measure;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			Measure stored = measure.copy();
			WriteMarks.markModuleWritten(stored);
			records.storeAtItsId(stored);
			log.info("FHIR AI Trust published Measure/{} with {} checks", DataQualityMeasure.ID, measure.getGroup().size());
		} catch (ResourceVersionConflictException | DataIntegrityViolationException e) {
			log.info("Measure/{} was published by another node at the same moment", DataQualityMeasure.ID);
		}
	}
}
