package org.aitrust.interceptor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

	@ParameterizedTest(name = "{0} trusts {1}: {2}")
	@CsvSource({
		"10.0.0.5, 10.0.0.5, true",
		"10.0.0.5, 10.0.0.6, false",
		"10.0.0.0/24, 10.0.0.0, true",
		"10.0.0.0/24, 10.0.0.255, true",
		"10.0.0.0/24, 10.0.1.0, false",
		"10.0.0.0/24, 9.255.255.255, false",
		"172.16.0.0/12, 172.31.255.255, true",
		"172.16.0.0/12, 172.32.0.0, false",
		"192.168.1.128/25, 192.168.1.127, false",
		"192.168.1.128/25, 192.168.1.128, true",
		"0.0.0.0/0, 203.0.113.9, true",
		"0.0.0.0/0, ::1, false",
		"127.0.0.1/32, 127.0.0.1, true",
		"127.0.0.1/32, 127.0.0.2, false",
		"127.0.0.1/32, ::ffff:127.0.0.1, true",
		"::1, ::1, true",
		"::1/128, 0:0:0:0:0:0:0:1, true",
		"::1/128, 127.0.0.1, false",
		"fd00::/8, fdff:ffff::1, true",
		"fd00::/8, fe00::1, false",
		"2001:db8::/33, 2001:db8:7fff:ffff::1, true",
		"2001:db8::/33, 2001:db8:8000::, false",
		"fe80::/10, fe80::1%eth0, true",
		"::/0, 2001:db8::1, true",
		"::/0, 10.0.0.1, false"
	})
	void matchesPeersByFamilyAndPrefix(String entry, String peer, boolean trusted) {
		assertThat(TrustedProxies.of(List.of(entry)).trusts(peer)).isEqualTo(trusted);
	}

	@ParameterizedTest
	@ValueSource(strings = {"", " ", "localhost", "gateway.hospital.example", "10.0.0", "10.0.0.256", "010.0.0.1",
		"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/8/8", "10.0.0.1/8", "::1/129", "fd00::1/8", "::ffff:10.0.0.1",
		"[::1]", "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", "12345::", "10.0.0.0/+8", ".:1"})
	void malformedEntriesAreRefusedWithAReason(String entry) {
		assertThat(TrustedProxies.problemWith(entry)).as(entry).isPresent();
		assertThatThrownBy(() -> TrustedProxies.of(List.of("127.0.0.1", entry)))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1]");
	}

	@Test
	void nothingIsTrustedByDefaultAndPeersThatAreNoAddressNeverAre() {
		assertThat(TrustedProxies.NONE.trusts("127.0.0.1")).isFalse();
		TrustedProxies everyone = TrustedProxies.of(List.of("0.0.0.0/0", "::/0"));
		assertThat(everyone.trusts(null)).isFalse();
		assertThat(everyone.trusts("")).isFalse();
		assertThat(everyone.trusts("localhost")).as("never looked up").isFalse();
		assertThat(everyone.size()).isEqualTo(2);
	}
}
