package org.aitrust.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An EHR's REST-hook receiver on loopback, as the JDK's HTTP server: it answers every request 200 and keeps what
 * arrived, in order. When a notification arrives, {@code onArrival} is asked about it before the answer goes back
 * (the tests read the notified resource from the FHIR server there, to see it is committed when it is announced).
 */
final class NotificationReceiver implements AutoCloseable {

	/** One request the server sent: method, path below the receiver's root, body, and what the arrival check said. */
	record Notification(String method, String path, String body, String checkedOnArrival) {}

	private final HttpServer server;
	private final List<Notification> received = new CopyOnWriteArrayList<>();
	private volatile Function<Notification, String> onArrival = notification -> "";

	NotificationReceiver() {
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.createContext("/", this::receive);
		server.start();
	}

	/** {@code http://127.0.0.1:<port>/}: the prefix to allow, and the base of every endpoint below it. */
	String root() {
		return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/";
	}

	void checkOnArrival(Function<Notification, String> check) {
		onArrival = check;
	}

	/** What arrived below {@code /<endpoint>/}, in order. */
	List<Notification> at(String endpoint) {
		return received.stream().filter(n -> n.path().startsWith("/" + endpoint + "/") || n.path().equals("/" + endpoint))
				.toList();
	}

	List<Notification> all() {
		return List.copyOf(received);
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			Notification notification = new Notification(exchange.getRequestMethod(),
					exchange.getRequestURI().getPath(), body, "");
			String checked;
			try {
				checked = onArrival.apply(notification);
			} catch (RuntimeException e) {
				checked = "check failed: " + e;
			}
			received.add(new Notification(notification.method(), notification.path(), body, checked));
			exchange.sendResponseHeaders(200, -1);
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
