package org.aitrust.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does to sign a user in at the starter's embedded issuer, step by step over HTTP: ask to authorize
 * with a PKCE challenge, get sent to the sign-in form, post the user's name, password and CSRF token, follow back to
 * the authorize endpoint, receive the code at the redirect URI, and redeem it with the verifier. The dashboard page
 * does the same in JavaScript ({@code DashboardBrowserIT} drives that in Chromium).
 */
final class BrowserSignIn {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final String origin;
	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER).build();

	/** @param port the server's port; the browser reaches it at 127.0.0.1, a loopback redirect URI */
	BrowserSignIn(int port) {
		this.origin = "http://127.0.0.1:" + port;
	}

	/** The token endpoint's JSON answer for the user, whose app asked for {@code scope}. */
	JsonNode signIn(String username, String password, String scope) throws Exception {
		String verifier = random();
		String redirectUri = origin + "/quality/";
		String authorize = origin + "/oauth2/authorize?" + form(Map.of("response_type", "code",
				"client_id", "aitrust-dashboard", "redirect_uri", redirectUri, "scope", scope, "state", "s1",
				"code_challenge", challenge(verifier), "code_challenge_method", "S256"));
		HttpResponse<String> toLogin = http.send(HttpRequest.newBuilder(URI.create(authorize))
				.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
		expectRedirect(toLogin, "/login");
		HttpResponse<String> loginPage = http.send(HttpRequest.newBuilder(URI.create(origin + "/login"))
				.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(loginPage.body());
		if (!csrf.find()) {
			throw new AssertionError("no CSRF token on the sign-in page: " + loginPage.body());
		}
		HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(origin + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
				.POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
						"_csrf", csrf.group(1)))))
				.build(), HttpResponse.BodyHandlers.ofString());
		String back = expectRedirect(signedIn, "/oauth2/authorize");
		HttpResponse<String> withCode = http.send(HttpRequest.newBuilder(URI.create(back))
				.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
		String answer = expectRedirect(withCode, redirectUri);
		Map<String, String> parameters = query(URI.create(answer).getRawQuery());
		if (!"s1".equals(parameters.get("state")) || parameters.get("code") == null) {
			throw new AssertionError("the issuer answered " + answer);
		}
		return redeem(parameters.get("code"), redirectUri, verifier);
	}

	/** Redeems a code at the token endpoint with the given verifier; the JSON answer, whatever its status. */
	JsonNode redeem(String code, String redirectUri, String verifier) throws Exception {
		HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(origin + "/oauth2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code,
						"redirect_uri", redirectUri, "client_id", "aitrust-dashboard", "code_verifier", verifier))))
				.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode body = JSON.readTree(token.body());
		((com.fasterxml.jackson.databind.node.ObjectNode) body).put("httpStatus", token.statusCode());
		return body;
	}

	/** The claims of a JWT, read without checking its signature (the server checks it; the test reads what it says). */
	static JsonNode claims(String jwt) throws Exception {
		return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
	}

	private static String expectRedirect(HttpResponse<String> response, String expected) {
		String location = response.headers().firstValue("Location").orElse("");
		if (response.statusCode() != 302 || !location.contains(expected)) {
			throw new AssertionError("expected a redirect to " + expected + ", got " + response.statusCode() + " "
					+ location + " " + response.body());
		}
		return location;
	}

	private static String random() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String challenge(String verifier) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

	private static String form(Map<String, String> values) {
		return values.entrySet().stream()
				.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : raw.split("&")) {
			String[] nameValue = pair.split("=", 2);
			parameters.put(nameValue[0], nameValue.length > 1
					? java.net.URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
		}
		return parameters;
	}
}
