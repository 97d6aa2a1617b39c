package vn.hanoi.lgsp.procedure;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.w3c.dom.Document;
import vn.hanoi.lgsp.xml.SafeXml;

/**
 * The models the platform ships in its jar ({@code processes/}, {@code dmn/}): their ids, which no
 * analyst's model may take (decision tables excepted: those change through the governed path),
 * and the decision tables' test cases.
 */
final class PlatformModels {

    private final Set<String> processIds = new HashSet<>();
    private final Set<String> decisionIds = new HashSet<>();
    private final Set<String> formIds = new HashSet<>();
    /** Decision id → its shipped table's test cases ({@code dmn/<id>.tests.json}), when it has them. */
    private final Map<String, byte[]> decisionTests = new HashMap<>();

    PlatformModels() {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        try {
            for (Resource resource : resolver.getResources("classpath*:processes/**/*.bpmn")) {
                byte[] bytes = read(resource);
                ModelXml.elements(SafeXml.parse(bytes).getDocumentElement(), ModelXml.BPMN, "process")
                        .forEach(p -> processIds.add(p.getAttribute("id")));
            }
            for (Resource resource : resolver.getResources("classpath*:dmn/**/*.dmn")) {
                byte[] bytes = read(resource);
                Document dmn = SafeXml.parse(bytes);
                var nodes = dmn.getDocumentElement().getElementsByTagNameNS("*", "decision");
                for (int i = 0; i < nodes.getLength(); i++) {
                    decisionIds.add(((org.w3c.dom.Element) nodes.item(i)).getAttribute("id"));
                }
            }
            for (Resource resource : resolver.getResources("classpath*:processes/**/*.form")) {
                byte[] bytes = read(resource);
                String id = ModelXml.formId(bytes);
                if (id != null) {
                    formIds.add(id);
                }
            }
            for (Resource resource : resolver.getResources("classpath*:dmn/**/*.tests.json")) {
                String name = resource.getFilename();
                decisionTests.put(name.substring(0, name.length() - ".tests.json".length()), read(resource));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the platform's own models", e);
        }
    }

    Set<String> processIds() {
        return Set.copyOf(processIds);
    }

    Set<String> decisionIds() {
        return Set.copyOf(decisionIds);
    }

    Set<String> formIds() {
        return Set.copyOf(formIds);
    }

    java.util.Optional<byte[]> decisionTests(String decisionId) {
        return java.util.Optional.ofNullable(decisionTests.get(decisionId));
    }

    private static byte[] read(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
