package vn.hanoi.lgsp.portal;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import vn.hanoi.lgsp.notice.Notice;

/** The LGSP's notices as an Atom feed (RFC 4287), newest first, for readers and other portals. */
final class AtomFeed {

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private AtomFeed() {
    }

    static String of(String baseUrl, List<Notice> notices) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            xml.writeAttribute("xml:lang", "vi");
            text(xml, "id", baseUrl + "/thong-bao");
            text(xml, "title", "Thông báo của LGSP Hà Nội");
            Instant updated = notices.stream().map(Notice::publishedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
            text(xml, "updated", DateTimeFormatter.ISO_INSTANT.format(updated));
            link(xml, "self", baseUrl + "/thong-bao/atom.xml");
            link(xml, "alternate", baseUrl + "/thong-bao");
            xml.writeStartElement("author");
            text(xml, "name", "Sở Khoa học và Công nghệ Hà Nội");
            xml.writeEndElement();
            for (Notice notice : notices) {
                xml.writeStartElement("entry");
                text(xml, "id", "urn:uuid:" + notice.id());
                text(xml, "title", notice.title());
                text(xml, "updated", DateTimeFormatter.ISO_INSTANT.format(notice.publishedAt()));
                text(xml, "published", DateTimeFormatter.ISO_INSTANT.format(notice.publishedAt()));
                link(xml, "alternate", baseUrl + "/thong-bao#" + notice.id());
                xml.writeStartElement("category");
                xml.writeAttribute("term", notice.kind().name());
                xml.writeEndElement();
                StringBuilder summary = new StringBuilder(notice.body() == null ? "" : notice.body());
                summary.append("\nHiệu lực từ: ").append(PortalFormat.dateTime(notice.effectiveAt()));
                if (notice.endsAt() != null) {
                    summary.append(" đến ").append(PortalFormat.dateTime(notice.endsAt()));
                }
                text(xml, "summary", summary.toString());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the notices feed could not be written", e);
        }
        return out.toString();
    }

    /** Characters XML 1.0 cannot carry (control characters a notice's text might hold) are left out. */
    private static final java.util.regex.Pattern NOT_XML =
            java.util.regex.Pattern.compile("[^\\u0009\\u000A\\u000D\\u0020-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]");

    private static void text(XMLStreamWriter xml, String element, String value) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeCharacters(value == null ? "" : NOT_XML.matcher(value).replaceAll(""));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeStartElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        xml.writeEndElement();
    }
}
