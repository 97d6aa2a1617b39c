package vn.hanoi.lgsp.exchange;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.xml.SafeXml;

/**
 * The addressing of an edXML package (QCVN 102:2016): the sender in {@code From/OrganId}
 * must be the submitting agency and the destination must be among {@code To/OrganId}.
 */
final class EdXmlEnvelope {

    static final String NAMESPACE = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

    private EdXmlEnvelope() {
    }

    static void checkAddressing(byte[] content, String source, String destination) {
        Document document = parse(content);
        Element root = document.getDocumentElement();
        if (!"edXML".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
            throw invalid("the content is declared edXML but its root is not edXML in namespace " + NAMESPACE);
        }
        List<String> from = organIds(document, "From");
        List<String> to = organIds(document, "To");
        if (from.size() != 1 || !from.get(0).equals(source)) {
            throw invalid("the edXML sender (From/OrganId " + from + ") is not the submitting agency " + source);
        }
        if (!to.contains(destination)) {
            throw invalid("the edXML recipients (To/OrganId " + to + ") do not include the destination " + destination);
        }
    }

    private static List<String> organIds(Document document, String party) {
        List<String> ids = new ArrayList<>();
        NodeList parties = document.getElementsByTagNameNS(NAMESPACE, party);
        for (int i = 0; i < parties.getLength(); i++) {
            NodeList organ = ((Element) parties.item(i)).getElementsByTagNameNS(NAMESPACE, "OrganId");
            for (int j = 0; j < organ.getLength(); j++) {
                ids.add(organ.item(j).getTextContent().trim());
            }
        }
        return ids;
    }

    private static Document parse(byte[] content) {
        try {
            return SafeXml.parse(content);
        } catch (IllegalArgumentException e) {
            throw invalid("the edXML content is not well-formed XML (" + e.getMessage() + ")");
        }
    }

    private static ApiException invalid(String reason) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "The record is not valid: " + reason,
                List.of(new ApiError.Detail("payload.content", reason)));
    }
}
