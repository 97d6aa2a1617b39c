package vn.hanoi.lgsp.procedure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A model's XML read the way the engine reads it: its namespaces, its elements, the Camunda
 * properties an element carries, its character data; and a Camunda Form's id.
 */
final class ModelXml {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final String DMN_CAMUNDA = "http://camunda.org/schema/1.0/dmn";
    /** The engine reads this old namespace as Camunda's own: it is treated as Camunda's here too. */
    static final String ACTIVITI = "http://activiti.org/bpmn";

    private static final Pattern FORM_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private ModelXml() {
    }

    static String property(Element element, String name) {
        for (Element property : elements(element, CAMUNDA, "property")) {
            // only the element's own properties, not those of elements nested in it
            Node parent = property.getParentNode();
            Node owner = parent == null ? null : parent.getParentNode();
            owner = owner == null ? null : owner.getParentNode();
            if (owner == element && name.equals(property.getAttribute("name"))) {
                return property.getAttribute("value").strip();
            }
        }
        return null;
    }

    static List<Element> elements(Element root, String namespace, String local) {
        List<Element> found = new ArrayList<>();
        var nodes = root.getElementsByTagNameNS(namespace, local);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    static String localName(Element element) {
        return element.getLocalName() == null ? element.getTagName() : element.getLocalName();
    }

    /** An element's own character data as the engine's parser reads it: text and CDATA together, comments left out. */
    static String ownText(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString();
    }

    /** A Camunda Form's id, the first {@code "id"} of its JSON. */
    static String formId(byte[] form) {
        Matcher id = FORM_ID.matcher(new String(form, StandardCharsets.UTF_8));
        return id.find() ? id.group(1) : null;
    }
}
