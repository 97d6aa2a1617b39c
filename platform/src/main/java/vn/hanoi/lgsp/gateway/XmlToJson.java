package vn.hanoi.lgsp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.hanoi.lgsp.xml.SafeXml;

/**
 * One declarative mapping from a provider's XML (SOAP) answer to JSON (R-07, App1 §1.2.1):
 * which element holds the answer, under which name it goes into the JSON envelope, how its
 * children are renamed, and where a SOAP fault's text is. Element paths are local names
 * separated by {@code /}, namespaces ignored. Written as JSON in the gateway policy:
 * <pre>{"select": "Envelope/Body/TraCuuVanBanResponse/VanBan", "as": "vanBan",
 *  "fields": {"soKyHieu": "SoKyHieu"}, "fault": "Envelope/Body/Fault/faultstring"}</pre>
 *
 * @param fields JSON name → child element name; empty keeps every child under its own name
 */
record XmlToJson(List<String> select, String as, Map<String, String> fields, List<String> fault) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    XmlToJson {
        if (select == null || select.isEmpty()) {
            throw new IllegalArgumentException("the transform needs select: the path of the answer element");
        }
        if (as == null || as.isBlank()) {
            throw new IllegalArgumentException("the transform needs as: the JSON name of the answer");
        }
        // in the order the analyst wrote them, which is the order of the JSON answer
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        fault = fault == null ? List.of() : List.copyOf(fault);
    }

    static XmlToJson parse(JsonNode spec) {
        if (spec == null || spec.isNull() || spec.isMissingNode()) {
            return null;
        }
        if (!spec.isObject()) {
            throw new IllegalArgumentException("the transform must be an object {select, as, fields?, fault?}");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        spec.path("fields").fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
        return new XmlToJson(path(spec.path("select").asText(null)), spec.path("as").asText(null), fields,
                path(spec.path("fault").asText(null)));
    }

    /** The mapping written back as the JSON an analyst wrote. */
    ObjectNode toJson() {
        ObjectNode node = NODES.objectNode();
        node.put("select", String.join("/", select));
        node.put("as", as);
        if (!fields.isEmpty()) {
            ObjectNode f = node.putObject("fields");
            fields.forEach(f::put);
        }
        if (!fault.isEmpty()) {
            node.put("fault", String.join("/", fault));
        }
        return node;
    }

    /**
     * The JSON envelope for an XML answer: {@code {code: "00", message, <as>: {...}}}, or
     * {@code {code: "01", message: <fault text>, error: "PROVIDER_FAULT"}}.
     *
     * @throws IllegalArgumentException when the answer is not well-formed XML or lacks the element
     */
    ObjectNode convert(byte[] xml) {
        Element root = parse(xml);
        ObjectNode envelope = NODES.objectNode();
        Element faultText = fault.isEmpty() ? null : find(root, fault);
        if (faultText != null) {
            envelope.put("code", "01");
            envelope.put("message", faultText.getTextContent().trim());
            envelope.put("error", "PROVIDER_FAULT");
            return envelope;
        }
        Element answer = find(root, select);
        if (answer == null) {
            throw new IllegalArgumentException("the provider's answer has no element " + String.join("/", select));
        }
        envelope.put("code", "00");
        envelope.put("message", "Thành công");
        envelope.set(as, fields.isEmpty() ? toNode(answer) : mapped(answer));
        return envelope;
    }

    private ObjectNode mapped(Element answer) {
        ObjectNode node = NODES.objectNode();
        fields.forEach((json, element) -> {
            List<Element> found = children(answer, element);
            if (found.size() == 1) {
                node.set(json, toNode(found.get(0)));
            } else if (found.size() > 1) {
                found.forEach(e -> node.withArray(json).add(toNode(e)));
            }
        });
        return node;
    }

    private static JsonNode toNode(Element element) {
        List<Element> kids = children(element, null);
        if (kids.isEmpty()) {
            return NODES.textNode(element.getTextContent().trim());
        }
        ObjectNode node = NODES.objectNode();
        for (Element kid : kids) {
            String name = kid.getLocalName() != null ? kid.getLocalName() : kid.getTagName();
            JsonNode value = toNode(kid);
            JsonNode existing = node.get(name);
            if (existing == null) {
                node.set(name, value);
            } else if (existing.isArray()) {
                node.withArray(name).add(value);
            } else {
                node.putArray(name).add(existing).add(value);
            }
        }
        return node;
    }

    private static Element find(Element root, List<String> path) {
        if (!localName(root).equals(path.get(0))) {
            return null;
        }
        Element current = root;
        for (String step : path.subList(1, path.size())) {
            List<Element> next = children(current, step);
            if (next.isEmpty()) {
                return null;
            }
            current = next.get(0);
        }
        return current;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && (name == null || localName(e).equals(name))) {
                found.add(e);
            }
        }
        return found;
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    private static Element parse(byte[] xml) {
        try {
            return SafeXml.parse(xml).getDocumentElement();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the provider's answer is not well-formed XML", e);
        }
    }

    private static List<String> path(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> steps = new ArrayList<>();
        for (String step : text.split("/")) {
            if (!step.isBlank()) {
                steps.add(step.trim());
            }
        }
        return steps;
    }

    static boolean isXml(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("text/xml") || type.startsWith("application/xml") || type.contains("+xml");
    }
}
