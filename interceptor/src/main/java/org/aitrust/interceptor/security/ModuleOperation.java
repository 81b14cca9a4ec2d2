package org.aitrust.interceptor.security;

import java.util.EnumSet;
import java.util.Set;
import org.aitrust.interceptor.installation.AiTrustStatusProvider;
import org.aitrust.interceptor.oversight.AiOversightProvider;
import org.aitrust.interceptor.provenance.AiReviewProvider;
import org.aitrust.interceptor.quality.DataQualityFailuresProvider;
import org.aitrust.interceptor.quality.DataQualityProvider;
import org.aitrust.interceptor.quality.MeasureStoredProvider;
import org.aitrust.interceptor.quality.LabelResetProvider;
import org.aitrust.interceptor.quality.RollupProvider;
import org.aitrust.interceptor.validation.IgPackageProvider;

/**
 * The module's own operations and the roles that may call each: the one permission table, documented in
 * docs/security.md. Any one of the listed roles suffices.
 */
public enum ModuleOperation {
	INSTALL_PACKAGE(IgPackageProvider.INSTALL, false, EnumSet.of(ModuleRole.ADMIN)),
	PACKAGES(IgPackageProvider.PACKAGES, false, EnumSet.of(ModuleRole.ADMIN, ModuleRole.REPORTS)),
	STATUS(AiTrustStatusProvider.OPERATION, false, EnumSet.of(ModuleRole.ADMIN, ModuleRole.REPORTS)),
	/** An administrator may record a review on a clinician's behalf; whom it names is checked by the operation. */
	REVIEW(AiReviewProvider.REVIEW, true, EnumSet.of(ModuleRole.REVIEW, ModuleRole.ADMIN)),
	UNREVIEWED(AiReviewProvider.UNREVIEWED, false, EnumSet.of(ModuleRole.REVIEW)),
	DATA_QUALITY(DataQualityProvider.OPERATION, false, EnumSet.of(ModuleRole.REPORTS)),
	RESET_LABELS(LabelResetProvider.OPERATION, false, EnumSet.of(ModuleRole.ADMIN)),
	OVERSIGHT(AiOversightProvider.OPERATION, false, EnumSet.of(ModuleRole.REPORTS)),
	ROLLUP(RollupProvider.OPERATION, false, EnumSet.of(ModuleRole.ADMIN)),
	MEASURE_STORED(MeasureStoredProvider.MEASURE, false, EnumSet.of(ModuleRole.ADMIN)),
	MEASURE_STORED_STATUS(MeasureStoredProvider.STATUS, false, EnumSet.of(ModuleRole.ADMIN)),
	/** Reveals resource ids: the reports role only, and audited. */
	QUALITY_FAILURES(DataQualityFailuresProvider.OPERATION, false, EnumSet.of(ModuleRole.REPORTS));

	private final String operationName;
	private final boolean onInstance;
	private final Set<ModuleRole> roles;

	ModuleOperation(String operationName, boolean onInstance, Set<ModuleRole> roles) {
		this.operationName = operationName;
		this.onInstance = onInstance;
		this.roles = roles;
	}

	/** The operation's name with its leading {@code $}. */
	public String operationName() {
		return operationName;
	}

	/** Invoked on a resource instance ({@code [base]/[type]/[id]/$op}) rather than on the server. */
	public boolean onInstance() {
		return onInstance;
	}

	/** True when any of {@code granted} may call the operation. */
	public boolean allowedFor(Set<ModuleRole> granted) {
		return granted.stream().anyMatch(roles::contains);
	}

	public Set<ModuleRole> roles() {
		return EnumSet.copyOf(roles);
	}
}
