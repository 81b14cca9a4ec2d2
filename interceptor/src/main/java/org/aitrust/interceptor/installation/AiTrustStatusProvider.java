package org.aitrust.interceptor.installation;

import ca.uhn.fhir.rest.annotation.Operation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET [base]/$aitrust-status}: which of the module's capabilities are on and which interceptors it
 * registered, so an administrator can check an installation without reading logs.
 */
public class AiTrustStatusProvider {

	public static final String OPERATION = "$aitrust-status";

	private final Map<String, Boolean> capabilities;
	private final Map<String, Map<String, String>> settings;
	private volatile AiTrustInstallation installation;

	/** @param capabilities every capability of the module by its name, and whether it is switched on */
	public AiTrustStatusProvider(Map<String, Boolean> capabilities) {
		this(capabilities, Map.of());
	}

	/**
	 * @param capabilities every capability of the module by its name, and whether it is switched on
	 * @param settings settings worth showing per capability name (never secrets), listed after its switch
	 */
	public AiTrustStatusProvider(Map<String, Boolean> capabilities, Map<String, Map<String, String>> settings) {
		this.capabilities = new LinkedHashMap<>(capabilities);
		this.settings = Map.copyOf(settings);
	}

	/** Called once the installation is assembled; the provider is part of it, hence not a constructor argument. */
	public void describe(AiTrustInstallation installation) {
		this.installation = installation;
	}

	@Operation(name = OPERATION, idempotent = true)
	public Parameters status() {
		Parameters result = new Parameters();
		String version = AiTrustStatusProvider.class.getPackage().getImplementationVersion();
		result.addParameter("module", "FHIR AI Trust");
		result.addParameter("version", version == null ? "development" : version);
		capabilities.forEach((name, enabled) -> addCapability(result, name, enabled));
		AiTrustInstallation current = installation;
		if (current != null) {
			current.interceptorNames().forEach(name -> result.addParameter().setName("interceptor")
					.setValue(new StringType(name)));
		}
		return result;
	}

	private void addCapability(Parameters result, String name, boolean enabled) {
		Parameters.ParametersParameterComponent capability = result.addParameter().setName("capability");
		capability.addPart().setName("name").setValue(new StringType(name));
		capability.addPart().setName("enabled").setValue(new BooleanType(enabled));
		settings.getOrDefault(name, Map.of()).forEach((setting, value) ->
				capability.addPart().setName(setting).setValue(new StringType(value)));
	}
}
