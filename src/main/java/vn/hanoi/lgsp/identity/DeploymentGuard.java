package vn.hanoi.lgsp.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.filter.OncePerRequestFilter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import vn.hanoi.lgsp.contract.EnvelopeWriter;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.contract.ReplayableRequest;

/**
 * Deployments through engine REST (Camunda Modeler, Cockpit) carry models only: a model runs its
 * scripts, Java delegates, listeners and expressions with the platform's own beans, so deploying
 * one that has them would be running code. Refused here, whoever deploys:
 * <ul>
 *   <li>a model, decision or form whose id is one the platform deploys from its repository
 *       ({@code processes/}, {@code dmn/}): those change through review and CI, and a new
 *       "latest" version would change every agency's process;</li>
 *   <li>script tasks, scripts anywhere, {@code camunda:class}, {@code camunda:delegateExpression},
 *       {@code camunda:expression}, execution and task listeners, connectors;</li>
 *   <li>an expression that reaches past a variable ({@code ${bean.method()}}, {@code ${x[0]}}):
 *       plain comparisons of variables ({@code ${approved}}, {@code ${count > 3}}) pass;</li>
 *   <li>decision tables in any language but FEEL; redeploying a past deployment.</li>
 * </ul>
 * External tasks ({@code camunda:topic}) are refused too: the platform's workers call national
 * systems for what such a task asks; and embedded forms ({@code camunda:formKey}), whose scripts
 * would run in staff's browsers. Camunda Forms ({@code camunda:formRef}) pass.
 */
final class DeploymentGuard extends OncePerRequestFilter {

    private static final Pattern CREATE = Pattern.compile(
            "(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/deployment/create");
    private static final Pattern REDEPLOY = Pattern.compile(
            "(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/deployment/[^/]+/redeploy");
    private static final int MAX_BODY = 10 * 1024 * 1024;
    /** A Camunda Form's own id: the first "id" of its JSON. */
    private static final Pattern FORM_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
    /** Past a variable: a property, a call, an index. */
    private static final Pattern REACHES_PAST_VARIABLE = Pattern.compile("[A-Za-z_][\\w]*\\s*[.(\\[]");
    private static final Set<String> FORBIDDEN_ELEMENTS = Set.of("scriptTask", "script", "executionListener",
            "taskListener", "connector", "variableListener");
    private static final Set<String> FORBIDDEN_ATTRIBUTES = Set.of("class", "delegateExpression", "expression",
            "scriptFormat", "resource", "variableMappingClass", "variableMappingDelegateExpression", "topic", "formKey");

    private final EnvelopeWriter envelopes;
    private final Set<String> platformIds;

    DeploymentGuard(EnvelopeWriter envelopes) {
        this.envelopes = envelopes;
        this.platformIds = platformIds();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (REDEPLOY.matcher(path).matches()) {
            envelopes.write(request, response, ErrorCode.FORBIDDEN, "Redeploying a past deployment is not accepted: "
                    + "deploy the model again from Camunda Modeler");
            return;
        }
        if (!CREATE.matcher(path).matches()) {
            chain.doFilter(request, response);
            return;
        }
        ReplayableRequest replayable;
        try {
            replayable = ReplayableRequest.of(request, MAX_BODY);
        } catch (ReplayableRequest.TooLarge e) {
            envelopes.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, "A deployment is at most 10 MB");
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Part part : parts(request.getContentType(), replayable.body())) {
            if (part.filename() != null) {
                problems.addAll(check(part.filename(), part.content()));
            }
        }
        if (!problems.isEmpty()) {
            envelopes.write(request, response, ErrorCode.VALIDATION_FAILED, "The deployment was not accepted: "
                    + String.join("; ", problems));
            return;
        }
        chain.doFilter(replayable, response);
    }

    List<String> check(String filename, byte[] content) {
        String name = filename.toLowerCase(Locale.ROOT);
        List<String> problems = new ArrayList<>();
        if (name.endsWith(".form")) {
            Matcher id = FORM_ID.matcher(new String(content, StandardCharsets.UTF_8));
            if (id.find() && platformIds.contains(id.group(1))) {
                problems.add(filename + ": form " + id.group(1) + " is one the platform deploys itself");
            }
            return problems;
        }
        if (!name.endsWith(".bpmn") && !name.endsWith(".bpmn20.xml") && !name.endsWith(".dmn")
                && !name.endsWith(".dmn11.xml")) {
            problems.add(filename + ": only BPMN, DMN and form files are deployed here");
            return problems;
        }
        Document document;
        try {
            document = parse(content);
        } catch (Exception e) {
            problems.add(filename + ": not a readable XML model");
            return problems;
        }
        walk(filename, document.getDocumentElement(), problems);
        return problems;
    }

    private void walk(String filename, Element element, List<String> problems) {
        String local = element.getLocalName() == null ? element.getTagName() : element.getLocalName();
        if (FORBIDDEN_ELEMENTS.contains(local)) {
            problems.add(filename + ": <" + local + "> is not accepted (it runs code)");
        }
        if (Set.of("process", "decision", "collaboration").contains(local) && platformIds.contains(element.getAttribute("id"))) {
            problems.add(filename + ": " + local + " " + element.getAttribute("id") + " is one the platform deploys itself");
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            String attributeName = attribute.getLocalName() == null ? attribute.getNodeName() : attribute.getLocalName();
            if (FORBIDDEN_ATTRIBUTES.contains(attributeName) && "http://camunda.org/schema/1.0/bpmn".equals(attribute.getNamespaceURI())) {
                problems.add(filename + ": camunda:" + attributeName + " on <" + local + "> is not accepted (it runs code)");
            }
            if ("expressionLanguage".equals(attributeName) && !attribute.getNodeValue().toLowerCase(Locale.ROOT).contains("feel")) {
                problems.add(filename + ": expression language " + attribute.getNodeValue() + " is not accepted; use FEEL");
            }
            checkExpressions(filename, local, attribute.getNodeValue(), problems);
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                walk(filename, e, problems);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                checkExpressions(filename, local, child.getNodeValue(), problems);
            }
        }
    }

    private static void checkExpressions(String filename, String element, String text, List<String> problems) {
        if (text == null) {
            return;
        }
        Matcher expression = EXPRESSION.matcher(text);
        while (expression.find()) {
            // strings inside the expression do not reach anything
            String code = expression.group(1).replaceAll("'[^']*'|\"[^\"]*\"", "''");
            if (REACHES_PAST_VARIABLE.matcher(code).find()) {
                problems.add(filename + ": expression " + expression.group() + " on <" + element
                        + "> reaches past a variable; only comparisons of variables are accepted");
            }
        }
    }

    private static Document parse(byte[] content) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(content));
    }

    /** Ids of the processes, decisions and forms in the platform's repository, read from the classpath. */
    private static Set<String> platformIds() {
        Set<String> ids = new HashSet<>();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        try {
            for (String pattern : List.of("classpath*:processes/*.bpmn", "classpath*:dmn/*.dmn")) {
                for (Resource resource : resolver.getResources(pattern)) {
                    try (InputStream in = resource.getInputStream()) {
                        collectIds(parse(in.readAllBytes()).getDocumentElement(), ids);
                    }
                }
            }
            for (Resource resource : resolver.getResources("classpath*:processes/forms/*.form")) {
                try (InputStream in = resource.getInputStream()) {
                    Matcher id = FORM_ID.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    if (id.find()) {
                        ids.add(id.group(1));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the platform's own models", e);
        }
        return Set.copyOf(ids);
    }

    private static void collectIds(Element element, Set<String> ids) {
        String local = element.getLocalName();
        if (("process".equals(local) || "decision".equals(local)) && !element.getAttribute("id").isEmpty()) {
            ids.add(element.getAttribute("id"));
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                collectIds(e, ids);
            }
        }
    }

    private record Part(String filename, byte[] content) {
    }

    /** The parts of a multipart/form-data body, as Camunda Modeler sends them. */
    private static List<Part> parts(String contentType, byte[] body) {
        List<Part> parts = new ArrayList<>();
        Matcher boundaryParameter = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType == null ? "" : contentType);
        if (!boundaryParameter.find()) {
            return parts;
        }
        byte[] boundary = ("--" + boundaryParameter.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        int start = indexOf(body, boundary, 0);
        while (start >= 0) {
            int headersStart = start + boundary.length + 2;
            int next = indexOf(body, boundary, headersStart);
            if (next < 0 || headersStart >= body.length) {
                break;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0 || headersEnd > next) {
                break;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int contentEnd = Math.max(contentStart, next - 2);
            Matcher filename = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
            parts.add(new Part(filename.find() ? filename.group(1) : null, content));
            start = next;
        }
        return parts;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
