package org.aitrust.interceptor.dashboard;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the dashboard page where the FHIR endpoint is ({@code <path>/settings.json}), so one page serves any server
 * whatever its FHIR base path.
 */
@RestController
public class DashboardSettingsController {

	private final Map<String, String> settings;

	public DashboardSettingsController(String fhirBase) {
		this.settings = Map.of("fhirBase", fhirBase);
	}

	@GetMapping("${aitrust.dashboard.path:/quality}/settings.json")
	public ResponseEntity<Map<String, String>> settings() {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(settings);
	}
}
