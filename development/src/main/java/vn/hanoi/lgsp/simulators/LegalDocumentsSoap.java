package vn.hanoi.lgsp.simulators;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The SOAP 1.1 operation {@code TraCuuVanBan} of the national legal documents database: the
 * number and symbol of a document in, its summary, issuer, date and validity out. The request
 * comes from outside, so the parser refuses document type declarations and never loads
 * anything the document points to.
 */
final class LegalDocumentsSoap {

    static final String SOAP_NAMESPACE = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String NS = NationalServices.LEGAL_DOCUMENTS_NAMESPACE;

    private final DocumentBuilderFactory factory = secureFactory();

    SimResponse answer(SimRequest request) {
        String contentType = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("text/xml")) {
            return fault(415, "Yêu cầu SOAP 1.1 phải có Content-Type text/xml; charset=utf-8");
        }
        Document document;
        try {
            document = parse(request.body());
        } catch (SAXException | IOException e) {
            return fault(500, "Nội dung yêu cầu không phải tài liệu XML hợp lệ hoặc có khai báo DOCTYPE");
        }
        String number = requestedNumber(document);
        if (number == null) {
            return fault(500, "Yêu cầu phải là phong bì SOAP có phần Body chứa TraCuuVanBan với trường SoKyHieu"
                    + " thuộc không gian tên " + NS);
        }
        return NationalRegisters.legalDocument(number)
                .map(LegalDocumentsSoap::found)
                .orElseGet(() -> fault(500, "Không tìm thấy văn bản có số, ký hiệu " + number + " trong "
                        + NationalServices.LEGAL_DOCUMENTS.name()));
    }

    private Document parse(byte[] body) throws SAXException, IOException {
        DocumentBuilder builder;
        // A factory is not promised to be thread-safe; the builders it makes are used by one thread each.
        try {
            synchronized (factory) {
                builder = factory.newDocumentBuilder();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser is always available", e);
        }
        // The default handler prints every parse error to stderr; the fault answer says enough.
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException exception) {
            }

            @Override
            public void error(SAXParseException exception) throws SAXException {
                throw exception;
            }

            @Override
            public void fatalError(SAXParseException exception) throws SAXException {
                throw exception;
            }
        });
        // From bytes, so the parser honours the encoding the XML declaration names.
        return builder.parse(new InputSource(new ByteArrayInputStream(body)));
    }

    /** The trimmed SoKyHieu of a well-formed request, or {@code null} if the shape is wrong. */
    private static String requestedNumber(Document document) {
        Element envelope = document.getDocumentElement();
        if (!is(envelope, SOAP_NAMESPACE, "Envelope")) {
            return null;
        }
        Element body = null;
        for (Element child = firstElement(envelope.getFirstChild()); child != null;
                child = firstElement(child.getNextSibling())) {
            if (is(child, SOAP_NAMESPACE, "Body")) {
                body = child;
            }
        }
        Element operation = body == null ? null : firstElement(body.getFirstChild());
        if (!is(operation, NS, "TraCuuVanBan")) {
            return null;
        }
        for (Element field = firstElement(operation.getFirstChild()); field != null;
                field = firstElement(field.getNextSibling())) {
            if (is(field, NS, "SoKyHieu")) {
                String number = field.getTextContent().strip();
                return number.isEmpty() ? null : number;
            }
        }
        return null;
    }

    private static Element firstElement(Node from) {
        for (Node node = from; node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                return element;
            }
        }
        return null;
    }

    private static boolean is(Element element, String namespace, String localName) {
        return element != null && namespace.equals(element.getNamespaceURI())
                && localName.equals(element.getLocalName());
    }

    private static SimResponse found(NationalRegisters.LegalDocument document) {
        return SimResponse.xml(200, envelope("<TraCuuVanBanResponse xmlns=\"" + NS + "\"><VanBan>"
                + element("SoKyHieu", document.number())
                + element("TrichYeu", document.summary())
                + element("CoQuanBanHanh", document.issuer())
                + element("NgayBanHanh", document.issuedOn())
                + element("TinhTrangHieuLuc", document.validity())
                + "</VanBan></TraCuuVanBanResponse>"));
    }

    /** SOAP 1.1 sends every fault with HTTP 500, except when the request was not SOAP at all. */
    private static SimResponse fault(int status, String reason) {
        return SimResponse.xml(status, envelope("<soap:Fault>"
                + element("faultcode", "soap:Client")
                + element("faultstring", reason)
                + "</soap:Fault>"));
    }

    private static String envelope(String content) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap:Envelope xmlns:soap=\"" + SOAP_NAMESPACE + "\"><soap:Body>"
                + content
                + "</soap:Body></soap:Envelope>";
    }

    private static String element(String name, String text) {
        return "<" + name + ">" + escape(text) + "</" + name + ">";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The JDK's own parser, whatever else is on the class path, set up against XML external
     * entity and entity expansion attacks.
     */
    private static DocumentBuilderFactory secureFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser supports these features", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }
}
