package org.aitrust.interceptor.hapi;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.util.XmlUtil;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The body of a {@code $validate} request in its Parameters form: the {@code resource} to validate, exactly as the
 * client wrote it, and the {@code profile} and {@code mode} parameters as text (whatever primitive type the client
 * chose: R4 declares {@code profile} a uri, later versions a canonical, many clients send a string).
 *
 * @param resource the text of the one {@code resource} parameter's resource, in the body's encoding
 * @param profile the {@code profile} parameter's value, or null
 * @param mode the {@code mode} parameter's value, or null
 */
public record ValidateOperationEnvelope(String resource, String profile, String mode) {

	private static final String FHIR_NAMESPACE = "http://hl7.org/fhir";
	private static final JsonFactory JSON = JsonFactory.builder().build();

	/**
	 * Reads a request body. Empty when the body is not a Parameters resource with exactly one {@code resource}
	 * parameter, or cannot be read: then it is not an envelope this class can open, and the request is left as sent.
	 */
	public static Optional<ValidateOperationEnvelope> read(String body, EncodingEnum encoding) {
		try {
			List<Parameter> parameters = switch (encoding) {
				case JSON -> jsonParameters(body);
				case XML -> xmlParameters(body);
				default -> null;
			};
			if (parameters == null) {
				return Optional.empty();
			}
			List<Parameter> resources = parameters.stream().filter(p -> "resource".equals(p.name())).toList();
			if (resources.size() != 1 || resources.get(0).resource() == null) {
				return Optional.empty();
			}
			return Optional.of(new ValidateOperationEnvelope(resources.get(0).resource(),
					value(parameters, "profile"), value(parameters, "mode")));
		} catch (Exception unreadable) {
			return Optional.empty();
		}
	}

	private record Parameter(String name, String value, String resource) {}

	private static String value(List<Parameter> parameters, String name) {
		return parameters.stream().filter(p -> name.equals(p.name()) && p.value() != null).map(Parameter::value)
				.findFirst().orElse(null);
	}

	/** The parameters of a JSON Parameters resource, each resource cut out of the text unchanged; null if none. */
	private static List<Parameter> jsonParameters(String body) throws IOException {
		try (JsonParser parser = JSON.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			String resourceType = null;
			List<Parameter> parameters = new ArrayList<>();
			while (parser.nextToken() == JsonToken.FIELD_NAME) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("resourceType".equals(field)) {
					resourceType = parser.getText();
				} else if ("parameter".equals(field) && value == JsonToken.START_ARRAY) {
					while (parser.nextToken() == JsonToken.START_OBJECT) {
						parameters.add(jsonParameter(parser, body));
					}
				} else {
					parser.skipChildren();
				}
			}
			return "Parameters".equals(resourceType) ? parameters : null;
		}
	}

	private static Parameter jsonParameter(JsonParser parser, String body) throws IOException {
		Map<String, String> values = new LinkedHashMap<>();
		String resource = null;
		while (parser.nextToken() == JsonToken.FIELD_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("resource".equals(field) && value == JsonToken.START_OBJECT) {
				int start = (int) parser.currentTokenLocation().getCharOffset();
				parser.skipChildren();
				int end = (int) parser.currentLocation().getCharOffset();
				resource = body.substring(start, end);
			} else if (value.isScalarValue()) {
				values.put(field, parser.getText());
			} else {
				parser.skipChildren();
			}
		}
		String primitive = values.entrySet().stream().filter(e -> e.getKey().startsWith("value"))
				.map(Map.Entry::getValue).findFirst().orElse(null);
		return new Parameter(values.get("name"), primitive, resource);
	}

	/** The parameters of an XML Parameters resource, each resource re-encoded on its own; null if none. */
	private static List<Parameter> xmlParameters(String body) throws Exception {
		Document document = XmlUtil.parseDocument(body);
		Element root = document.getDocumentElement();
		if (!"Parameters".equals(root.getLocalName()) || !FHIR_NAMESPACE.equals(root.getNamespaceURI())) {
			return null;
		}
		List<Parameter> parameters = new ArrayList<>();
		for (Element parameter : children(root, "parameter")) {
			String name = null;
			String value = null;
			String resource = null;
			for (Element child : children(parameter, null)) {
				String element = child.getLocalName();
				if ("name".equals(element)) {
					name = child.getAttribute("value");
				} else if (element.startsWith("value") && child.hasAttribute("value")) {
					value = child.getAttribute("value");
				} else if ("resource".equals(element)) {
					List<Element> contents = children(child, null);
					resource = contents.size() == 1 ? XmlUtil.encodeDocument(contents.get(0)) : null;
				}
			}
			parameters.add(new Parameter(name, value, resource));
		}
		return parameters;
	}

	private static List<Element> children(Element parent, String localName) {
		List<Element> children = new ArrayList<>();
		for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element element && FHIR_NAMESPACE.equals(element.getNamespaceURI())
					&& (localName == null || localName.equals(element.getLocalName()))) {
				children.add(element);
			}
		}
		return children;
	}
}
