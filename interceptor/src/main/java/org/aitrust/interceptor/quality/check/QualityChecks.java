package org.aitrust.interceptor.quality.check;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/**
 * An ordered set of checks applied together to each resource that arrives. Outcomes are keyed by check id, so ids
 * must be unique; the order is kept so that reports list checks the same way every time.
 */
public final class QualityChecks {

	private final List<QualityCheck> checks;

	/** Rejects a list with two checks of the same id. */
	public QualityChecks(List<QualityCheck> checks) {
		Set<String> ids = new HashSet<>();
		for (QualityCheck check : checks) {
			Objects.requireNonNull(check, "check");
			if (!ids.add(check.id())) {
				throw new IllegalArgumentException("Two quality checks with id " + check.id());
			}
		}
		this.checks = List.copyOf(checks);
	}

	/** {@link #defaults(FhirContext)} on HAPI's shared R4 context. */
	public static List<QualityCheck> defaults() {
		return defaults(FhirContext.forR4Cached());
	}

	/**
	 * Every built-in check ({@link BuiltInCheck}) in its declaration order, which is by Kahn category as the Data
	 * Quality Dashboard lists them: conformance, completeness, plausibility. Immutable.
	 *
	 * @param fhirContext the server's R4 context, whose model definitions the checks that walk resources use
	 */
	public static List<QualityCheck> defaults(FhirContext fhirContext) {
		if (fhirContext.getVersion().getVersion() != FhirVersionEnum.R4) {
			throw new IllegalArgumentException("Quality checks need an R4 FhirContext, not "
					+ fhirContext.getVersion().getVersion());
		}
		return Arrays.stream(BuiltInCheck.values()).map(check -> check.create(fhirContext)).toList();
	}

	/** The checks, in order. */
	public List<QualityCheck> checks() {
		return checks;
	}

	/** The check with this id, if there is one. */
	public Optional<QualityCheck> byId(String id) {
		return checks.stream().filter(check -> check.id().equals(id)).findFirst();
	}

	/** The outcome of every check for one resource, keyed by check id, in the order of the checks. */
	public Map<String, CheckOutcome> evaluateAll(Resource resource, CheckContext context) {
		return evaluate(resource, context).outcomes();
	}

	/**
	 * The outcome of every check for one resource, keyed by check id in the order of the checks, and what the checks
	 * that report items found ({@link QualityCheck#evaluateWithFindings}).
	 */
	public Evaluation evaluate(Resource resource, CheckContext context) {
		// sized for every check at once: growing it on each write was a tenth of this method's own cost
		Map<String, CheckOutcome> outcomes = new LinkedHashMap<>(checks.size() * 2);
		Map<String, CheckFindings> findings = null;
		PopulatedElements.remember(resource);
		try {
			for (QualityCheck check : checks) {
				CheckFindings found = check.evaluateWithFindings(resource, context);
				outcomes.put(check.id(), found.outcome());
				if (!found.items().isEmpty()) {
					if (findings == null) {
						findings = new LinkedHashMap<>();
					}
					findings.put(check.id(), found);
				}
			}
		} finally {
			PopulatedElements.forget(resource);
		}
		return new Evaluation(Collections.unmodifiableMap(outcomes),
				findings == null ? Map.of() : Collections.unmodifiableMap(findings));
	}

	/**
	 * What the checks found in one resource.
	 *
	 * @param outcomes the outcome of every check, by check id, in the order of the checks
	 * @param findings the findings of the checks that reported items, by check id; checks without items are left out
	 */
	public record Evaluation(Map<String, CheckOutcome> outcomes, Map<String, CheckFindings> findings) {}
}
