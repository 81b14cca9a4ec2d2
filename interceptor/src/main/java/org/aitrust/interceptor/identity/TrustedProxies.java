package org.aitrust.interceptor.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateways whose agent header the module believes ({@code aitrust.identity.trusted-proxies}): IPv4 and IPv6
 * addresses and CIDR blocks, matched against a request's TCP peer. Entries must be IP literals: a host name would
 * make trust depend on DNS, so it is refused, and no text is ever looked up. A block with host bits set
 * ({@code 10.0.0.1/8}) is refused too, because it is more likely a typo than a wish.
 */
public final class TrustedProxies {

	/** Nobody is trusted: the default. */
	public static final TrustedProxies NONE = new TrustedProxies(List.of());

	private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
	/** Hex digits, colons and dots (an embedded IPv4 tail), at least one colon: only an IPv6 literal can match. */
	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");
	private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");

	private final List<Block> blocks;

	private TrustedProxies(List<Block> blocks) {
		this.blocks = List.copyOf(blocks);
	}

	/** Parses the entries; a malformed one throws {@link IllegalArgumentException} naming its index. */
	public static TrustedProxies of(List<String> entries) {
		List<Block> blocks = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			String entry = entries.get(i);
			Optional<String> problem = problemWith(entry);
			if (problem.isPresent()) {
				throw new IllegalArgumentException("trusted proxy [" + i + "] '" + entry + "' " + problem.get());
			}
			blocks.add(parse(entry.trim()));
		}
		return new TrustedProxies(blocks);
	}

	/** What is wrong with one entry, for the start-up check; empty when it is a valid address or CIDR block. */
	public static Optional<String> problemWith(String entry) {
		if (entry == null || entry.isBlank()) {
			return Optional.of("must be an IP address or CIDR block, e.g. 10.0.0.5, 10.0.0.0/24 or fd00::/8");
		}
		String text = entry.trim();
		int slash = text.indexOf('/');
		String address = slash < 0 ? text : text.substring(0, slash);
		byte[] bytes = literal(address);
		if (bytes == null) {
			return Optional.of("is not an IP address (host names are not accepted); e.g. 10.0.0.5, 10.0.0.0/24 or"
					+ " fd00::/8");
		}
		if (bytes.length == 4 && address.contains(":")) {
			return Optional.of("is an IPv4-mapped IPv6 address; write it as IPv4");
		}
		if (slash < 0) {
			return Optional.empty();
		}
		String prefixText = text.substring(slash + 1);
		int bits = bytes.length * 8;
		if (!PREFIX.matcher(prefixText).matches() || Integer.parseInt(prefixText) > bits) {
			return Optional.of("has a prefix length that is not a number from 0 to " + bits);
		}
		Block block = new Block(bytes, Integer.parseInt(prefixText));
		if (!block.isNetworkAddress()) {
			return Optional.of("has host bits set after the /" + prefixText + " prefix; write the network address");
		}
		return Optional.empty();
	}

	/**
	 * Whether a request from this peer address (as the servlet container reports the TCP peer) comes from a trusted
	 * proxy. An address that is not an IP literal (or {@code null}) is not trusted.
	 */
	public boolean trusts(String peerAddress) {
		if (blocks.isEmpty() || peerAddress == null) {
			return false;
		}
		int zone = peerAddress.indexOf('%');
		byte[] bytes = literal(zone < 0 ? peerAddress : peerAddress.substring(0, zone));
		return bytes != null && blocks.stream().anyMatch(block -> block.contains(bytes));
	}

	/** How many entries are configured, for the status report. */
	public int size() {
		return blocks.size();
	}

	private static Block parse(String text) {
		int slash = text.indexOf('/');
		byte[] bytes = literal(slash < 0 ? text : text.substring(0, slash));
		return new Block(bytes, slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1)));
	}

	/**
	 * The address bytes of an IPv4 (dotted quad, no leading zeros) or IPv6 literal, else {@code null}. An IPv4-mapped
	 * IPv6 address gives the IPv4 bytes, so a peer reported either way matches an IPv4 entry. Only text that can be
	 * nothing but a literal reaches {@link InetAddress}, so no name is ever resolved.
	 */
	static byte[] literal(String text) {
		Matcher v4 = IPV4.matcher(text);
		if (v4.matches()) {
			byte[] bytes = new byte[4];
			for (int i = 0; i < 4; i++) {
				String octet = v4.group(i + 1);
				if ((octet.length() > 1 && octet.startsWith("0")) || Integer.parseInt(octet) > 255) {
					return null;
				}
				bytes[i] = (byte) Integer.parseInt(octet);
			}
			return bytes;
		}
		if (!text.contains(":") || !IPV6.matcher(text).matches()) {
			return null;
		}
		try {
			return InetAddress.getByName(text).getAddress();
		} catch (UnknownHostException e) {
			return null;
		}
	}

	/** One address block: the first {@code prefix} bits of {@code network}. */
	private record Block(byte[] network, int prefix) {

		boolean contains(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			int whole = prefix / 8;
			for (int i = 0; i < whole; i++) {
				if (address[i] != network[i]) {
					return false;
				}
			}
			int rest = prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (address[whole] & mask) == (network[whole] & mask);
		}

		boolean isNetworkAddress() {
			for (int bit = prefix; bit < network.length * 8; bit++) {
				if ((network[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
					return false;
				}
			}
			return true;
		}
	}
}
