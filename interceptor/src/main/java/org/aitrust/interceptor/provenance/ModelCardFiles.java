package org.aitrust.interceptor.provenance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.provenance.AttachedModelCard;

/**
 * Reads the model card an administrator attaches to a registered agent ({@code aitrust.provenance.agents[i].model-card-data})
 * from a {@code classpath:} resource or a file path, at start-up: bounded in size, and checked to be what its name
 * says (UTF-8 Markdown, JSON or XML), so a wrong file stops the server instead of ending up in every node's Device.
 */
public final class ModelCardFiles {

	private static final String CLASSPATH = "classpath:";
	private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

	private ModelCardFiles() {}

	/**
	 * The card at {@code location}.
	 *
	 * @param maxBytes the largest card accepted
	 * @throws IllegalArgumentException saying what is wrong: the name's type, a missing file, its size or content
	 */
	public static AttachedModelCard read(String location, long maxBytes) {
		String contentType = AttachedModelCard.contentTypeOfFileName(location).orElseThrow(() ->
				new IllegalArgumentException("must name a .md, .markdown, .json or .xml file (the name gives the card's format)"));
		byte[] data = bytesOf(location, maxBytes);
		if (data.length == 0) {
			throw new IllegalArgumentException("is an empty file");
		}
		String text = utf8(data);
		switch (contentType) {
			case AttachedModelCard.MEDIA_TYPE_JSON -> requireJson(text);
			case AiTransparency.MEDIA_TYPE_CHAI_XML -> requireXml(data);
			default -> { } // Markdown is any UTF-8 text.
		}
		return new AttachedModelCard(contentType, data);
	}

	private static byte[] bytesOf(String location, long maxBytes) {
		try (InputStream in = open(location)) {
			byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBytes + 1));
			if (data.length > maxBytes) {
				throw new IllegalArgumentException("is larger than aitrust.provenance.model-card-max-size (" + maxBytes
						+ " bytes)");
			}
			return data;
		} catch (IOException e) {
			throw new IllegalArgumentException("cannot be read: " + e.getMessage());
		}
	}

	private static InputStream open(String location) throws IOException {
		if (location.startsWith(CLASSPATH)) {
			String name = location.substring(CLASSPATH.length()).replaceFirst("^/", "");
			InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
			if (in == null) {
				throw new IllegalArgumentException("is not on the classpath");
			}
			return in;
		}
		Path path = Path.of(location);
		if (!Files.isRegularFile(path)) {
			throw new IllegalArgumentException("is not a readable file");
		}
		return Files.newInputStream(path);
	}

	private static String utf8(byte[] data) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(data))
					.toString();
		} catch (CharacterCodingException e) {
			throw new IllegalArgumentException("is not UTF-8 text");
		}
	}

	private static void requireJson(String text) {
		try {
			if (!JSON.readTree(text).isObject()) {
				throw new IllegalArgumentException("is not a JSON object");
			}
		} catch (IOException e) {
			throw new IllegalArgumentException("is not well-formed JSON: " + e.getMessage());
		}
	}

	private static void requireXml(byte[] data) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // the exception says it; no stderr print
			builder.parse(new ByteArrayInputStream(data));
		} catch (Exception e) {
			throw new IllegalArgumentException("is not well-formed XML without a DOCTYPE: " + e.getMessage());
		}
	}
}
