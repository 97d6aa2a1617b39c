package vn.hanoi.lgsp.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.Newman;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * R-23 (Đ14, App1 §3.1–3.5) over plain HTTP: the public catalog found with and
 * without diacritics and drafts never shown, the generated Postman collections valid v2.1 and
 * run by Postman's own runner against the test environment of the default run, maintenance
 * in the Atom feed, and the connection guide listing every call of the OpenAPI document.
 */
class PortalTest extends PlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final String WARD = "000.00.61.H26";

    @Test
    void theCatalogIsFoundWithAndWithoutDiacriticsAndDraftsStayHidden() throws Exception {
        for (String query : List.of("hộ tịch", "ho tich", "HO TICH", "tra cuu ho tich")) {
            HttpResponse<String> page = get("/dich-vu?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).as(query).contains("data-service=\"hotich-tra-cuu\"")
                    .doesNotContain("data-service=\"giayphep-xay-dung\"");
        }
        assertThat(get("/dich-vu?q=" + URLEncoder.encode("khong co dich vu nay", StandardCharsets.UTF_8)).body())
                .doesNotContain("data-service=");
        assertThat(get("/dich-vu?provider=000.00.15.H26").body()).contains("data-service=\"giayphep-xay-dung\"")
                .doesNotContain("data-service=\"hotich-tra-cuu\"");
        assertThat(get("/dich-vu?classification=PERSONAL_DATA").body()).contains("data-service=\"hotich-tra-cuu\"")
                .doesNotContain("data-service=\"giayphep-xay-dung\"");
        // the draft service is nowhere: not listed, no page, no document
        assertThat(get("/dich-vu").body()).doesNotContain("ngansach-du-toan");
        assertThat(get("/dich-vu/ngansach-du-toan").statusCode()).isEqualTo(404);
        assertThat(get("/dich-vu/ngansach-du-toan/v1/postman.json").statusCode()).isEqualTo(404);
        assertThat(get("/dich-vu/khong-co/v1/openapi.json").statusCode()).isEqualTo(404);
        assertThat(get("/dich-vu?classification=%3Cscript%3E").statusCode()).isEqualTo(400);

        HttpResponse<String> service = get("/dich-vu/hotich-tra-cuu");
        assertThat(service.body()).contains("Tra cứu thông tin hộ tịch", "Sở Tư pháp", "data-version=\"v1\"",
                "/dich-vu/hotich-tra-cuu/v1/postman.json");
        assertThat(get("/dich-vu/hotich-tra-cuu/v1/openapi.json").body()).contains("/khai-sinh");
        assertThat(get("/dich-vu/hotich-tra-cuu/v1/openapi").body()).contains("swagger-ui-bundle.js");
        assertThat(get("/webjars/swagger-ui/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
    }

    @Test
    void aServicesCollectionIsValidVersionTwoOneAndEachRequestSucceedsInTheTestEnvironment() throws Exception {
        HttpResponse<String> download = get("/dich-vu/hotich-tra-cuu/v1/postman.json");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        JsonNode collection = JSON.readTree(download.body());
        assertThat(problems(collection)).isEmpty();
        assertThat(collection.path("item")).hasSize(1);
        assertThat(collection.path("item").get(0).path("request").path("url").path("raw").asText())
                .isEqualTo("{{baseUrl}}/api/v1/gateway/hotich-tra-cuu/v1/khai-sinh?soDinhDanh=001090000001");
        // the API serves the same generated collection
        String justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        assertThat(new Api(baseUrl()).get("/api/v1/services/hotich-tra-cuu/versions/v1/postman", justice).body())
                .isEqualTo(collection);

        // the ward's test credential: the collection takes its own token and reaches the provider's test system
        Newman.Run run = Newman.run(download.body(), Map.of("clientId", "phuonghoankiem-test",
                "clientSecret", "Hoankiem#Test2025"));
        assertThat(run.failures()).as(run.output()).isEmpty();
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.requests()).isEqualTo(collection.path("item").size());
        assertThat(run.assertions()).isGreaterThanOrEqualTo(2);

        // a wrong secret gets no token, and the request is refused: the run fails
        Newman.Run refused = Newman.run(download.body(), Map.of("clientId", "phuonghoankiem-test",
                "clientSecret", "not-the-secret"));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.failedAssertions()).isPositive();
    }

    @Test
    void thePlatformsOwnCollectionIsValidAndCoversEveryCallOfItsDocument() throws Exception {
        JsonNode document = JSON.readTree(get("/api/v1/openapi.json").body());
        HttpResponse<String> download = get("/api-nen-tang/postman.json");
        assertThat(download.statusCode()).isEqualTo(200);
        JsonNode collection = JSON.readTree(download.body());
        assertThat(problems(collection)).isEmpty();
        Set<String> operations = operations(document);
        Set<String> requests = new java.util.TreeSet<>();
        collection.path("item").forEach(item -> requests.add(item.path("request").path("method").asText() + " "
                + "/" + String.join("/", JSON.convertValue(item.path("request").path("url").path("path"), String[].class))
                .replaceAll(":([A-Za-z0-9_]+)", "{$1}")));
        assertThat(requests).isEqualTo(operations);

        // the status call of that collection, run by newman with the DOST system's credential
        Newman.Run run = Newman.run(onlyRequest(collection, "GET", List.of("api", "v1", "status", "services")),
                Map.of("clientId", Keycloak.DOST_SYSTEM.id(), "clientSecret", Keycloak.DOST_SYSTEM.secret()));
        assertThat(run.failures()).as(run.output()).isEmpty();
        assertThat(run.requests()).isEqualTo(1);

        // the connection guide lists every call of the document, each with its method and path
        String guide = get("/huong-dan-ket-noi").body();
        for (String operation : operations) {
            assertThat(guide).contains("data-call=\"" + operation + "\"");
        }
        assertThat(guide).contains("grant_type=client_credentials", "X-LGSP-Transaction-Id");
    }

    @Test
    void aMaintenanceWindowAnnouncedThroughTheApiIsOnTheNoticesPageAndInTheAtomFeed() throws Exception {
        String ward = keycloak.clientToken(new Keycloak.Client("phuonghoankiem-system",
                "Hoankiem#Demo2025", WARD));
        String reason = "Nâng cấp cơ sở dữ liệu " + UUID.randomUUID();
        Instant now = Instant.now();
        Api.Reply announced = new Api(baseUrl()).postJson("/api/v1/maintenance", ward, Map.of("agencyCode", WARD,
                "startsAt", now.plus(Duration.ofHours(26)).toString(), "endsAt", now.plus(Duration.ofHours(28)).toString(),
                "reason", reason));
        assertThat(announced.status()).as(announced.body().toString()).isEqualTo(201);

        assertThat(get("/thong-bao").body()).contains(reason);
        assertThat(get("/thong-bao?kind=MAINTENANCE").body()).contains(reason);
        assertThat(get("/thong-bao?kind=NEW_VERSION").body()).doesNotContain(reason);

        HttpResponse<String> feed = get("/thong-bao/atom.xml");
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document atom = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                feed.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(atom.getDocumentElement().getLocalName()).isEqualTo("feed");
        NodeList summaries = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "summary");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < summaries.getLength(); i++) {
            texts.add(summaries.item(i).getTextContent());
        }
        assertThat(texts).anyMatch(text -> text.contains(reason));
    }

    @Test
    void thePublicPagesAnswerWithoutSignInAndTheAgencyPageDoesNot() throws Exception {
        for (String page : List.of("/", "/dich-vu", "/thong-bao", "/bao-cao", "/trang-thai", "/bieu-mau",
                "/huong-dan-ket-noi", "/api-nen-tang")) {
            HttpResponse<String> answer = get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.body()).as(page).contains("<html lang=\"vi\"", "LGSP Hà Nội");
        }
        assertThat(get("/trang-thai").body()).containsIgnoringCase("postgresql");
        HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/dich-vu"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        // the agency page and anything unlisted send the visitor to sign in
        assertThat(get("/co-quan").statusCode()).isEqualTo(302);
        // the portal's pages take no writes
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/dich-vu"))
                .POST(HttpRequest.BodyPublishers.ofString("q=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(302);
        assertThat(post.headers().firstValue("Location").orElse("")).contains("/oauth2/authorization/keycloak");
        // a public OpenAPI document names the gateway, not the provider's system behind it
        assertThat(JSON.readTree(get("/dich-vu/hotich-tra-cuu/v1/openapi.json").body()).path("servers").get(0)
                .path("url").asText()).isEqualTo(baseUrl() + "/api/v1/gateway/hotich-tra-cuu/v1");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> problems(JsonNode collection) throws Exception {
        try (InputStream schema = PortalTest.class.getResourceAsStream("/postman/collection-v2.1.schema.json")) {
            JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
            Set<String> problems = new java.util.TreeSet<>();
            for (ValidationMessage message : validator.validate(collection)) {
                problems.add(message.getMessage());
            }
            return problems;
        }
    }

    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new java.util.TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    private static String onlyRequest(JsonNode collection, String method, List<String> path) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode copy = collection.deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode kept = JSON.createArrayNode();
        collection.path("item").forEach(item -> {
            if (item.path("request").path("method").asText().equals(method)
                    && JSON.convertValue(item.path("request").path("url").path("path"), List.class).equals(path)) {
                kept.add(item);
            }
        });
        assertThat(kept).hasSize(1);
        copy.set("item", kept);
        return JSON.writeValueAsString(copy);
    }
}
