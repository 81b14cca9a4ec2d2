package org.aitrust.server;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aitrust.testsupport.FhirTestClients;

/**
 * The tests' own client of the starter servers they start: a gateway in front of them, as a hospital's integration
 * engine would be. It holds a client of the server's embedded issuer, with a secret made for this JVM, and sends
 * every request with a token that client got by the client credentials grant; from loopback, its agent header names
 * the client it speaks for (see {@code LoopbackGatewayContextCustomizerFactory}). So every suite runs with security
 * on and asserts what it asserted before.
 */
final class TestGateway {

	static final String CLIENT_ID = "test-gateway";
	/** What the gateway may do: everything, as the engine in front of a hospital's FHIR server may. */
	static final String SCOPES = "system/*.cruds aitrust/admin aitrust/review aitrust/reports";
	/** The starter's default reviewer, with a password made for this JVM. */
	static final String REVIEWER = "reviewer";

	private static final String SECRET = randomSecret();
	private static final String REVIEWER_PASSWORD = randomSecret();
	private static final Path DATA_DIR = temporaryDataDir();
	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Map<Integer, Token> TOKENS = new ConcurrentHashMap<>();

	private TestGateway() {}

	/**
	 * Properties that register the gateway's client with the server's issuer, set the reviewer's password, and keep
	 * the issuer's generated secrets out of the working directory.
	 */
	static Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("aitrust.server.issuer.clients." + CLIENT_ID + ".secret", SECRET);
		properties.put("aitrust.server.issuer.clients." + CLIENT_ID + ".scopes", SCOPES.replace(' ', ','));
		properties.put("aitrust.server.issuer.users." + REVIEWER + ".password", REVIEWER_PASSWORD);
		properties.put("aitrust.server.data-dir", DATA_DIR.toString());
		properties.put("aitrust.identity.gateway-clients", CLIENT_ID);
		return properties;
	}

	static String reviewerPassword() {
		return REVIEWER_PASSWORD;
	}

	/** A request to {@code uri} carrying the gateway's token for the server at that port. */
	static HttpRequest.Builder request(URI uri) {
		return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token(uri.getPort()));
	}

	/** A HAPI client of {@code http://localhost:<port>/fhir} that sends the gateway's token with every request. */
	static IGenericClient client(int port) {
		IGenericClient client = FhirTestClients.forPort(port);
		client.registerInterceptor(new IClientInterceptor() {
			@Override
			public void interceptRequest(IHttpRequest request) {
				request.addHeader("Authorization", "Bearer " + token(port));
			}

			@Override
			public void interceptResponse(IHttpResponse response) {}
		});
		return client;
	}

	/** A token of the gateway's client from the server at {@code port}, fetched anew shortly before it expires. */
	static String token(int port) {
		return TOKENS.compute(port, (p, held) -> held != null && held.validFor(60) ? held : fetch(p, SCOPES)).value();
	}

	/** A token from the server's issuer for one of its clients, by the client credentials grant. */
	static String clientToken(int port, String clientId, String secret, String scopes) {
		return fetchFor(port, clientId, secret, scopes).value();
	}

	private static Token fetch(int port, String scopes) {
		return fetchFor(port, CLIENT_ID, SECRET, scopes);
	}

	private static Token fetchFor(int port, String clientId, String secret, String scopes) {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
						+ java.net.URLEncoder.encode(scopes, StandardCharsets.UTF_8)))
				.build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("The issuer at port " + port + " refused client " + clientId + ": "
						+ response.statusCode() + " " + response.body());
			}
			JsonNode body = JSON.readTree(response.body());
			return new Token(body.get("access_token").asText(),
					Instant.now().plusSeconds(body.path("expires_in").asLong(300)));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static String randomSecret() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static Path temporaryDataDir() {
		try {
			Path folder = Files.createTempDirectory("aitrust-test-data-");
			folder.toFile().deleteOnExit();
			return folder;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private record Token(String value, Instant expires) {
		boolean validFor(long seconds) {
			return Instant.now().plusSeconds(seconds).isBefore(expires);
		}
	}
}
