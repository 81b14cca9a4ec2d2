package org.aitrust.interceptor.validation;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * Administration of the validator's implementation guides: {@code GET [base]/$aitrust-packages} lists the
 * active packages; {@code POST [base]/$aitrust-install-package} with a Parameters {@code package}
 * (base64Binary of the {@code .tgz}) installs one without a restart, and {@code replace} = true lets it replace the
 * installed packages that define canonical URLs it defines. Installing is an administrator's act: protect the
 * operation as the server protects its other administrative operations.
 *
 * <p>Refusals: 413 for a package beyond a size or entry limit (the request was too large to process, as the
 * server's own request size limit answers); 409 for a package that conflicts with what is active or stored (its
 * name and version with other content, a canonical URL another package defines, a full store); 400 for what is
 * not an R4 FHIR NPM package.
 */
public class IgPackageProvider {

	public static final String PACKAGES = "$aitrust-packages";
	public static final String INSTALL = "$aitrust-install-package";

	private final IgPackageRegistry registry;

	public IgPackageProvider(IgPackageRegistry registry) {
		this.registry = registry;
	}

	@Operation(name = PACKAGES, idempotent = true)
	public Parameters packages() {
		Parameters result = new Parameters();
		for (IgPackage pkg : registry.packages()) {
			describe(result.addParameter().setName("package"), pkg);
		}
		return result;
	}

	@Operation(name = INSTALL)
	public Parameters installPackage(
			@OperationParam(name = "package", min = 1, max = 1) Base64BinaryType content,
			@OperationParam(name = "replace", min = 0, max = 1) BooleanType replace) {
		if (content == null || content.getValue() == null || content.getValue().length == 0) {
			throw new InvalidRequestException("Parameter 'package' must hold the base64 of a FHIR NPM package (.tgz)");
		}
		IgPackageRegistry.Installation installation;
		try {
			installation = registry.install(content.getValue(), replace != null && replace.booleanValue());
		} catch (IgPackageTooLargeException e) {
			String message = "Parameter 'package' " + e.getMessage();
			throw new PayloadTooLargeException(message, outcome(OperationOutcome.IssueType.TOOLONG, message));
		} catch (IllegalArgumentException e) {
			throw new InvalidRequestException("Parameter 'package' " + e.getMessage());
		} catch (IgPackageConflictException e) {
			throw new ResourceVersionConflictException(e.getMessage(), outcome(switch (e.reason()) {
				case SAME_ID_OTHER_CONTENT, CANONICAL_DEFINED_ELSEWHERE -> OperationOutcome.IssueType.DUPLICATE;
				case STORE_FULL -> OperationOutcome.IssueType.TOOCOSTLY;
			}, e.getMessage()));
		}
		Parameters result = new Parameters();
		result.addParameter().setName("installed").setValue(new BooleanType(installation.added()));
		if (!installation.added()) {
			result.addParameter().setName("message").setValue(new StringType("Package " + installation.pkg().id()
					+ " is already active with identical content; nothing changed"));
		}
		describe(result.addParameter().setName("package"), installation.pkg());
		for (IgPackage replaced : installation.replaced()) {
			result.addParameter().setName("replaced").setValue(new StringType(replaced.id()));
		}
		return result;
	}

	private static OperationOutcome outcome(OperationOutcome.IssueType type, String message) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
		return outcome;
	}

	private void describe(Parameters.ParametersParameterComponent parameter, IgPackage pkg) {
		parameter.addPart().setName("name").setValue(new StringType(pkg.name()));
		parameter.addPart().setName("version").setValue(new StringType(pkg.version()));
		parameter.addPart().setName("origin").setValue(new StringType(pkg.origin()));
		parameter.addPart().setName("profiles").setValue(new IntegerType(registry.profileUrls(pkg).size()));
	}
}
