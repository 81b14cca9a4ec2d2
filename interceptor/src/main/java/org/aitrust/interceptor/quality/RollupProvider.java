package org.aitrust.interceptor.quality;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.math.BigDecimal;
import java.util.Set;
import org.aitrust.interceptor.report.OperationParameters;
import org.aitrust.interceptor.store.DailyRollup;
import org.aitrust.interceptor.store.RollupRun;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;

/**
 * {@code POST [base]/$aitrust-rollup}: runs the daily rollup job now, as its schedule would: rolls up every closed day
 * not yet rolled up (and days that received late rows), creates the arrival partitions ahead and applies retention.
 * Answers what it did. Row counts are decimals, as they may exceed an integer's range.
 */
public class RollupProvider {

	public static final String OPERATION = "$aitrust-rollup";
	private static final Set<String> PARAMETERS = Set.of("_format", "_pretty");

	private final DailyRollup rollup;

	public RollupProvider(DailyRollup rollup) {
		this.rollup = rollup;
	}

	@Operation(name = OPERATION)
	public Parameters rollUp(RequestDetails request) {
		OperationParameters.refuseUnknown(OPERATION, request, PARAMETERS);
		return describe(rollup.run());
	}

	/** The run as the operation answers it. */
	static Parameters describe(RollupRun run) {
		Parameters result = new Parameters();
		result.addParameter().setName("ran").setValue(new BooleanType(run.ran()));
		if (run.rolledThrough() != null) {
			result.addParameter().setName("rolled-through").setValue(new DateType(run.rolledThrough().toString()));
		}
		result.addParameter().setName("days-rolled-up").setValue(new IntegerType(run.daysRolledUp()));
		result.addParameter().setName("days-rolled-up-again").setValue(new IntegerType(run.daysRolledUpAgain()));
		result.addParameter().setName("rows-summarised").setValue(new DecimalType(BigDecimal.valueOf(run.rowsSummarised())));
		result.addParameter().setName("raw-rows-deleted").setValue(new DecimalType(BigDecimal.valueOf(run.rawRowsDeleted())));
		result.addParameter().setName("partitions-created").setValue(new IntegerType(run.partitionsCreated()));
		result.addParameter().setName("partitions-dropped").setValue(new IntegerType(run.partitionsDropped()));
		result.addParameter().setName("rollup-rows-deleted")
				.setValue(new DecimalType(BigDecimal.valueOf(run.rollupRowsDeleted())));
		return result;
	}
}
