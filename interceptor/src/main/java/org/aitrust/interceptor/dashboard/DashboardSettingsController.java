package org.aitrust.interceptor.dashboard;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the dashboard page where the FHIR endpoint is ({@code <path>/settings.json}), so one page serves any server
 * whatever its FHIR base path, and with which SMART client it signs the user in when the server needs tokens.
 */
@RestController
public class DashboardSettingsController {

	private final Map<String, Object> settings;

	/**
	 * @param fhirBase the FHIR endpoint as the browser reaches it
	 * @param clientId the SMART client the page signs the user in with, or empty to send no token
	 * @param scope the scopes it asks for
	 */
	public DashboardSettingsController(String fhirBase, String clientId, String scope) {
		this.settings = clientId == null || clientId.isBlank()
				? Map.of("fhirBase", fhirBase)
				: Map.of("fhirBase", fhirBase, "signIn", Map.of("clientId", clientId, "scope", scope));
	}

	@GetMapping("${aitrust.dashboard.path:/quality}/settings.json")
	public ResponseEntity<Map<String, Object>> settings() {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(settings);
	}
}
