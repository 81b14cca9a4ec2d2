package org.aitrust.interceptor.quality;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.Set;
import org.aitrust.interceptor.report.OperationParameters;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST [base]/$aitrust-reset-labels}: forgets the sources, AI models and profiles this node admitted to their
 * own metrics label, so that values admitted by mistake (or before an upgrade) stop holding labels that real sources
 * need. Named values (registered agents, configured sources, registered models' Devices) keep theirs. Answers, per
 * dimension, how many values it cleared and which. Labels are node-local: call it on every node of a cluster.
 */
public class LabelResetProvider {

	public static final String OPERATION = "$aitrust-reset-labels";
	private static final Set<String> PARAMETERS = Set.of("_format", "_pretty");

	private final QualityLabels labels;

	public LabelResetProvider(QualityLabels labels) {
		this.labels = labels;
	}

	@Operation(name = OPERATION)
	public Parameters resetLabels(RequestDetails request) {
		OperationParameters.refuseUnknown(OPERATION, request, PARAMETERS);
		Parameters result = new Parameters();
		labels.byDimension().forEach((dimension, cap) -> {
			List<String> cleared = cap.reset();
			Parameters.ParametersParameterComponent entry = result.addParameter().setName("cleared");
			entry.addPart().setName("dimension").setValue(new CodeType(dimension));
			entry.addPart().setName("count").setValue(new IntegerType(cleared.size()));
			cleared.forEach(value -> entry.addPart().setName("value").setValue(new StringType(value)));
		});
		return result;
	}
}
