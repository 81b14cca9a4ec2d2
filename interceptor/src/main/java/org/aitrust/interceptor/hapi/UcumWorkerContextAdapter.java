package org.aitrust.interceptor.hapi;

import ca.uhn.fhir.context.support.IValidationSupport;
import java.io.IOException;
import java.io.InputStream;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;
import org.fhir.ucum.UcumService;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;

/**
 * HAPI's worker context for the validator, with a UCUM service. HAPI FHIR 8.8.0's
 * {@link WorkerContextValidationSupportAdapter#getUcumService()} throws {@code UnsupportedOperationException}
 * (HAPI-0676), so a profile whose {@code minValueQuantity} or {@code maxValueQuantity} is in other units than the
 * instance (500 g against 0 kg) makes {@code $validate} fail with HTTP 500 instead of comparing them. This adapter
 * answers with the UCUM essence service of the {@code org.fhir:ucum} library the validator already depends on
 * (loaded once, on first use), as the reference validator does.
 */
public class UcumWorkerContextAdapter extends WorkerContextValidationSupportAdapter {

	private static final String ESSENCE = "/ucum-essence.xml";

	private volatile UcumService ucum;

	/** Empty, as HAPI JPA creates its own; its chain hands it the validation support. */
	public UcumWorkerContextAdapter() {}

	public UcumWorkerContextAdapter(IValidationSupport validationSupport) {
		super(validationSupport);
	}

	@Override
	public UcumService getUcumService() {
		UcumService service = ucum;
		if (service == null) {
			synchronized (this) {
				if (ucum == null) {
					ucum = load();
				}
				service = ucum;
			}
		}
		return service;
	}

	private static UcumService load() {
		try (InputStream essence = UcumEssenceService.class.getResourceAsStream(ESSENCE)) {
			if (essence == null) {
				throw new IllegalStateException(ESSENCE + " is not on the classpath (org.fhir:ucum)");
			}
			return new UcumEssenceService(essence);
		} catch (IOException | UcumException e) {
			throw new IllegalStateException("Could not load the UCUM essence " + ESSENCE, e);
		}
	}

}
