package org.aitrust.bench;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.aitrust.testsupport.FhirTestClients;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * What the starter's security costs on single creates: the starter's shipped configuration (AI provenance,
 * data-quality metrics, oversight, validation in SHADOW) open ({@code aitrust.security.enabled=false}) and secured (Spring Security's resource server checking each
 * request's JWT, and the module's {@code AuthorizationInterceptor} building rules from its SMART scopes), each in its
 * own JVM, driven in interleaved rounds by the same clients. The secured server's clients send a token from its
 * embedded issuer, fetched once, as a real client reuses its token until it expires. Prints throughput, latency and
 * CPU per create, and the secured server relative to the open one; asserts nothing.
 *
 * <p>Run: {@code mvn -B -q package -pl bench -am -DskipTests -Pbench
 * -Dbench.main=org.aitrust.bench.SecurityOverheadBenchmark
 * [-Dbench.jvmArgs="-Dbench.clients=4 -Dbench.requests=4000 -Dbench.rounds=8 -Dbench.warmup=12000"]}.
 */
public final class SecurityOverheadBenchmark {

	private static final String CLIENT_ID = "bench-client";
	/** The starter's shipped configuration: every capability on, validation in SHADOW. */
	private static final List<String> MODULE = List.of("aitrust.quality.enabled=true",
			"aitrust.oversight.enabled=true", "aitrust.validation.enabled=true", "aitrust.validation.mode=SHADOW",
			"aitrust.provenance.enabled=true", "aitrust.provenance.agents[0].id=" + CLIENT_ID,
			"aitrust.provenance.agents[0].model-name=BenchModel", "aitrust.provenance.agents[0].model-version=1",
			"aitrust.provenance.agents[0].manufacturer=Bench");

	public static void main(String[] args) throws Exception {
		int clients = Integer.getInteger("bench.clients", 4);
		int requests = Integer.getInteger("bench.requests", 4000);
		int warmUp = Integer.getInteger("bench.warmup", 12000);
		int rounds = Integer.getInteger("bench.rounds", 8);
		String secret = UUID.randomUUID().toString();
		BenchReport report = new BenchReport("security-overhead", String.format(
				"Single creates of Observations by an AI agent, open against secured: %d clients, %d requests per"
						+ " configuration in %d interleaved rounds after %d warm-up, database %s, each server in its"
						+ " own JVM", clients, requests, rounds, warmUp, BenchServer.engine()));
		Map<String, BenchServer> servers = new LinkedHashMap<>();
		try {
			List<String> open = new java.util.ArrayList<>(MODULE);
			open.add("aitrust.security.enabled=false");
			List<String> secured = new java.util.ArrayList<>(MODULE);
			secured.addAll(List.of("aitrust.security.enabled=true",
					"aitrust.server.issuer.clients." + CLIENT_ID + ".secret=" + secret,
					"aitrust.server.issuer.clients." + CLIENT_ID + ".scopes=system/*.cruds",
					"aitrust.server.issuer.token-time-to-live=4h",
					"aitrust.server.data-dir=" + java.nio.file.Files.createTempDirectory("aitrust-bench-issuer")));
			BenchServer openServer = BenchServer.start(open);
			servers.put("security off (open)", openServer);
			BenchServer securedServer = BenchServer.start(secured);
			servers.put("security on (JWT + SMART scopes)", securedServer);

			String token = token(securedServer.port(), secret);
			Map<String, Supplier<HttpLoad.Client>> targets = new LinkedHashMap<>();
			String openSubject = subject(client(openServer.port(), null, true));
			targets.put("security off (open)", () -> creates(client(openServer.port(), null, true), openSubject));
			String securedSubject = subject(client(securedServer.port(), token, false));
			targets.put("security on (JWT + SMART scopes)",
					() -> creates(client(securedServer.port(), token, false), securedSubject));
			for (Map.Entry<String, Supplier<HttpLoad.Client>> target : targets.entrySet()) {
				HttpLoad.warmUp(target.getKey(), clients, warmUp, target.getValue());
			}
			Map<String, BenchServer.CpuTime> cpuBefore = HttpLoad.cpuTimes(servers);
			HttpLoad.throughputTable(report, "Single creates of Observations (ratio: throughput relative to security off)",
					HttpLoad.interleave(targets, clients, requests, rounds)).print();
			HttpLoad.cpuTable(report, servers, cpuBefore, requests).print();
			report.write();
		} finally {
			for (BenchServer server : servers.values()) {
				server.close();
			}
		}
	}

	/**
	 * A client of the server: with a token, it authenticates as the AI agent itself; without, it is the AI agent
	 * named by the trusted gateway's header, as on an open server behind a gateway.
	 */
	private static IGenericClient client(int port, String token, boolean viaGateway) {
		IGenericClient client = FhirTestClients.forPort(port);
		if (token != null) {
			client.registerInterceptor(new BearerTokenAuthInterceptor(token));
		}
		if (viaGateway) {
			AdditionalRequestHeadersInterceptor gateway = new AdditionalRequestHeadersInterceptor();
			gateway.addHeaderValue("X-AI-Agent", CLIENT_ID);
			client.registerInterceptor(gateway);
		}
		return client;
	}

	private static HttpLoad.Client creates(IGenericClient client, String subject) {
		return i -> client.create().resource(heartRate(subject, 60 + i % 40)).execute().getResponseStatusCode();
	}

	private static String subject(IGenericClient client) {
		Patient patient = new Patient();
		patient.addName().setFamily("Bench");
		return client.create().resource(patient).execute().getId().toUnqualifiedVersionless().getValue();
	}

	private static Observation heartRate(String subject, int value) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4").setDisplay("Heart rate");
		observation.setSubject(new Reference(subject));
		observation.setValue(new Quantity().setValue(value).setUnit("/min").setSystem("http://unitsofmeasure.org")
				.setCode("/min"));
		return observation;
	}

	private static String token(int port, String secret) throws Exception {
		String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
						URI.create("http://localhost:" + port + "/oauth2/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
						+ URLEncoder.encode("system/*.cruds", StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("no token: " + response.statusCode() + " " + response.body());
		}
		return new ObjectMapper().readTree(response.body()).get("access_token").asText();
	}
}
