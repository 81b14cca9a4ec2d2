package org.aitrust.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Serves OHDSI DQD's results viewer from {@code ../shared/corpora/dqd-viewer} as it lies there (never copied into the
 * repository), with jQuery from its WebJar put first in the page's head, as the Shiny app would supply it, and a
 * results document as {@code results.json}. A test-only static server on a free port of the loopback interface.
 */
final class DqdViewerServer implements AutoCloseable {

	private static final String JQUERY = "/webjars/jquery.min.js";
	private static final Map<String, String> TYPES = Map.of("html", "text/html", "js", "text/javascript",
			"css", "text/css", "png", "image/png", "ico", "image/x-icon", "json", "application/json",
			"woff", "font/woff", "woff2", "font/woff2", "ttf", "font/ttf");

	private final HttpServer server;
	private final Path root;
	private final byte[] results;

	DqdViewerServer(Path viewer, String resultsJson) throws IOException {
		this.root = viewer.resolve("inst/shinyApps/www").toRealPath();
		this.results = resultsJson.getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", this::serve);
		server.start();
	}

	/** The viewer's page. */
	String pageUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/index.html";
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			byte[] body;
			if (path.equals(JQUERY)) {
				body = jquery();
			} else if (path.equals("/results.json")) {
				body = results;
			} else {
				Path file = root.resolve(path.substring(1)).normalize();
				if (!file.startsWith(root) || !Files.isRegularFile(file)) {
					exchange.sendResponseHeaders(404, -1);
					return;
				}
				body = Files.readAllBytes(file);
				if (file.getFileName().toString().equals("index.html")) {
					body = new String(body, StandardCharsets.UTF_8)
							.replaceFirst("<head>", "<head>\n  <script src=\"" + JQUERY + "\"></script>")
							.getBytes(StandardCharsets.UTF_8);
				}
			}
			String extension = path.substring(path.lastIndexOf('.') + 1);
			exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	/** jQuery from the WebJar on the test classpath, whichever version it is. */
	private static byte[] jquery() throws IOException {
		Properties webjar = new Properties();
		try (InputStream in = resource("META-INF/maven/org.webjars/jquery/pom.properties")) {
			webjar.load(in);
		}
		try (InputStream in = resource("META-INF/resources/webjars/jquery/" + webjar.getProperty("version")
				+ "/jquery.min.js")) {
			return in.readAllBytes();
		}
	}

	private static InputStream resource(String name) throws IOException {
		InputStream in = DqdViewerServer.class.getClassLoader().getResourceAsStream(name);
		if (in == null) {
			throw new IOException(name + " is not on the test classpath (org.webjars:jquery, test scope)");
		}
		return in;
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
