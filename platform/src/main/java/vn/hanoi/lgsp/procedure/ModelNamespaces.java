package vn.hanoi.lgsp.procedure;

import static vn.hanoi.lgsp.procedure.ModelXml.ACTIVITI;
import static vn.hanoi.lgsp.procedure.ModelXml.BPMN;
import static vn.hanoi.lgsp.procedure.ModelXml.CAMUNDA;
import static vn.hanoi.lgsp.procedure.ModelXml.DMN_CAMUNDA;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import vn.hanoi.lgsp.procedure.ModelPolicy.Problem;

/**
 * The namespaces a model may use. The model is read as the engine will: the old Activiti
 * namespace is Camunda's, and a namespace the engine does not know has no place in a model.
 */
final class ModelNamespaces {

    /** Namespaces a model may use; anything else is refused rather than guessed at. */
    private static final Set<String> KNOWN_NAMESPACES = Set.of(BPMN, CAMUNDA, DMN_CAMUNDA,
            "http://www.omg.org/spec/BPMN/20100524/DI", "http://www.omg.org/spec/DD/20100524/DC",
            "http://www.omg.org/spec/DD/20100524/DI", "http://camunda.org/schema/modeler/1.0",
            "http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/2000/xmlns/",
            "http://www.w3.org/XML/1998/namespace", "https://www.omg.org/spec/DMN/20191111/MODEL/",
            "https://www.omg.org/spec/DMN/20191111/DMNDI/", "http://www.omg.org/spec/DMN/20180521/MODEL/",
            "http://www.omg.org/spec/DMN/20180521/DMNDI/", "http://www.omg.org/spec/DMN/20180521/DI/",
            "http://www.omg.org/spec/DMN/20180521/DC/", "https://www.omg.org/spec/DMN/20230324/MODEL/",
            "https://www.omg.org/spec/DMN/20230324/DMNDI/", "http://www.omg.org/spec/DMN/20151101/dmn.xsd");

    private ModelNamespaces() {
    }

    /** Renames Activiti's elements and attributes to Camunda's, and names every unknown namespace as a problem. */
    static void normalize(String resource, Document document, List<Problem> problems) {
        normalize(resource, document, document.getDocumentElement(), null, problems);
    }

    private static void normalize(String resource, Document document, Element element, Element named, List<Problem> problems) {
        if (!element.getAttribute("id").isEmpty()) {
            named = element;
        }
        if (ACTIVITI.equals(element.getNamespaceURI())) {
            element = (Element) document.renameNode(element, CAMUNDA, "camunda:" + ModelXml.localName(element));
        } else if (element.getNamespaceURI() != null && !KNOWN_NAMESPACES.contains(element.getNamespaceURI())) {
            problems.add(Problem.at(resource, named, "element <" + element.getTagName() + "> of namespace "
                    + element.getNamespaceURI() + " is not accepted"));
        }
        NamedNodeMap attributes = element.getAttributes();
        List<Attr> renamed = new ArrayList<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String namespace = attribute.getNamespaceURI();
            if (ACTIVITI.equals(namespace)) {
                renamed.add(attribute);
            } else if (namespace != null && !KNOWN_NAMESPACES.contains(namespace)) {
                problems.add(Problem.at(resource, named, "attribute " + attribute.getName() + " of namespace " + namespace
                        + " is not accepted"));
            }
        }
        for (Attr attribute : renamed) {
            document.renameNode(attribute, CAMUNDA, "camunda:" + attribute.getLocalName());
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                normalize(resource, document, e, named, problems);
            }
        }
    }
}
