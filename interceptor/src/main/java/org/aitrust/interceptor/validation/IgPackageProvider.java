package org.aitrust.interceptor.validation;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * Administration of the validator's implementation guides: {@code GET [base]/$aitrust-packages} lists the
 * active packages; {@code POST [base]/$aitrust-install-package} with a Parameters {@code package}
 * (base64Binary of the {@code .tgz}) installs one without a restart. Installing is an administrator's act:
 * protect the operation as the server protects its other administrative operations.
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
	public Parameters installPackage(@OperationParam(name = "package", min = 1, max = 1) Base64BinaryType content) {
		if (content == null || content.getValue() == null || content.getValue().length == 0) {
			throw new InvalidRequestException("Parameter 'package' must hold the base64 of a FHIR NPM package (.tgz)");
		}
		boolean installed;
		try {
			installed = registry.install(content.getValue());
		} catch (IllegalArgumentException e) {
			throw new InvalidRequestException("Parameter 'package' " + e.getMessage());
		}
		IgPackage pkg = IgPackageLoader.read(content.getValue(), "installed at run time");
		Parameters result = new Parameters();
		result.addParameter().setName("installed").setValue(new BooleanType(installed));
		IgPackage active = registry.packages().stream().filter(p -> p.id().equals(pkg.id())).findFirst().orElse(pkg);
		describe(result.addParameter().setName("package"), active);
		return result;
	}

	private void describe(Parameters.ParametersParameterComponent parameter, IgPackage pkg) {
		parameter.addPart().setName("name").setValue(new StringType(pkg.name()));
		parameter.addPart().setName("version").setValue(new StringType(pkg.version()));
		parameter.addPart().setName("origin").setValue(new StringType(pkg.origin()));
		parameter.addPart().setName("profiles").setValue(new IntegerType(registry.profileUrls(pkg).size()));
	}
}
