package org.aitrust.server.demo;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The demo loader's access token, signed in-process with the embedded issuer's key: the loader runs inside the
 * server it fills, so it is a client of that issuer with no secret to keep. It may do what the demo's gateway does:
 * write for its clients, record reviews on a clinician's behalf, read reports. Renewed shortly before it expires.
 */
final class DemoLoaderToken implements Supplier<String> {

	static final String CLIENT_ID = "demo-loader";
	private static final List<String> SCOPES = List.of("system/*.cruds", "aitrust/admin", "aitrust/review",
			"aitrust/reports");
	private static final Duration LIFETIME = Duration.ofHours(1);

	private final JwtEncoder encoder;
	private String token;
	private Instant expires = Instant.EPOCH;

	DemoLoaderToken(JWKSource<SecurityContext> issuerKeys) {
		this.encoder = new NimbusJwtEncoder(issuerKeys);
	}

	@Override
	public synchronized String get() {
		Instant now = Instant.now();
		if (now.plusSeconds(60).isAfter(expires)) {
			expires = now.plus(LIFETIME);
			JwtClaimsSet claims = JwtClaimsSet.builder().subject(CLIENT_ID).claim("client_id", CLIENT_ID)
					.claim("scope", SCOPES).issuedAt(now).expiresAt(expires).build();
			token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
					.getTokenValue();
		}
		return token;
	}
}
