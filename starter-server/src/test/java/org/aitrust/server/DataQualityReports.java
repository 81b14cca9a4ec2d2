package org.aitrust.server;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** Reads {@code $data-quality} the way a quality team's script would. */
final class DataQualityReports {

	private DataQualityReports() {}

	/** {@code GET [base]/$data-quality} with the given name/value pairs. */
	static MeasureReport report(IGenericClient client, String... parameters) {
		Parameters in = new Parameters();
		for (int i = 0; i < parameters.length; i += 2) {
			in.addParameter().setName(parameters[i]).setValue(new StringType(parameters[i + 1]));
		}
		return client.operation().onServer().named("$data-quality").withParameters(in).useHttpGet()
				.returnResourceType(MeasureReport.class).execute();
	}

	/** {denominator, numerator} by measure id, for every group that has both populations. */
	static Map<String, long[]> counts(MeasureReport report) {
		return report.getGroup().stream().filter(g -> g.getPopulation().size() == 2).collect(Collectors.toMap(
				g -> g.getCode().getCodingFirstRep().getCode(),
				g -> new long[] {g.getPopulation().get(0).getCount(), g.getPopulation().get(1).getCount()}));
	}

	/**
	 * {denominator, numerator} by measure id of the report for these parameters, as lists so that two nodes'
	 * totals compare with {@code equals}.
	 */
	static Map<String, List<Long>> totals(IGenericClient client, String... parameters) {
		return counts(report(client, parameters)).entrySet().stream()
				.collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()[0], e.getValue()[1])));
	}

	/** Occurrences by item of one breakdown, as the stratifier on the measure's group lists them. */
	static Map<String, Long> strata(MeasureReport report, String measure, String breakdown) {
		return report.getGroup().stream()
				.filter(g -> measure.equals(g.getCode().getCodingFirstRep().getCode()))
				.flatMap(g -> g.getStratifier().stream())
				.filter(s -> breakdown.equals(s.getCodeFirstRep().getCodingFirstRep().getCode()))
				.flatMap(s -> s.getStratum().stream())
				.collect(Collectors.toMap(
						stratum -> stratum.getValue().getText(),
						stratum -> (long) stratum.getPopulationFirstRep().getCount()));
	}
}
