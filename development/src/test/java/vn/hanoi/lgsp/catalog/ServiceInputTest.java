package vn.hanoi.lgsp.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;

/** what a DOST operator registers is checked field by field before it reaches the catalog. */
class ServiceInputTest {

    private final ServiceInput input = new ServiceInput(new ObjectMapper());

    @Test
    void acceptsAWellFormedService() {
        input.checkService(service("hotich-tra-cuu", "v1", "https://hotich.example.gov.vn/api",
                "{\"openapi\":\"3.0.3\",\"info\":{}}"));
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        ServiceCatalog.NewService bad = new ServiceCatalog.NewService("Hộ Tịch", " ", null, null, null, "1.0",
                "ftp://x", "not an api", "[1]", List.of(new TechnicalDocument("", "x")), null);

        assertThatThrownBy(() -> input.checkService(bad)).isInstanceOfSatisfying(ApiException.class, e ->
                assertThat(e.details()).extracting(ApiError.Detail::field).containsExactly("code", "name", "provider",
                        "classification", "version", "baseUrl", "openApi", "postmanCollection", "documents[0]"));
    }

    @Test
    void tellsJsonFromYamlOpenApi() {
        assertThat(input.openApiMediaType("  {\"openapi\": \"3.1.0\"}")).isEqualTo(ServiceInput.JSON);
        assertThat(input.openApiMediaType("openapi: 3.1.0\ninfo:\n  title: x\n")).isEqualTo(ServiceInput.YAML);
        input.checkVersion(new ServiceCatalog.NewVersion("v2", "https://a.gov.vn", "openapi: 3.1.0\npaths: {}\n",
                null, null, null));
    }

    /** T34: a reference to another file or a URL would make the platform read its disk or call out each time. */
    @Test
    void refusesOpenApiThatRefersOutsideItself() {
        for (String ref : List.of("http://169.254.169.254/latest/meta-data", "/etc/passwd", "schemas.yaml#/Person")) {
            String document = "{\"openapi\":\"3.0.3\",\"info\":{},\"paths\":{\"/x\":{\"get\":{\"responses\":"
                    + "{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":{\"$ref\":\""
                    + ref + "\"}}}}}}}}}";
            assertThatThrownBy(() -> input.checkVersion(new ServiceCatalog.NewVersion("v2", "https://a.gov.vn", document,
                    null, null, null))).isInstanceOfSatisfying(ApiException.class, e ->
                    assertThat(e.details()).anyMatch(d -> d.field().equals("openApi") && d.reason().contains(ref)));
            assertThat(vn.hanoi.lgsp.documentation.OpenApiDocuments.read(document)).isEmpty();
        }
        // a reference inside the document is fine
        input.checkVersion(new ServiceCatalog.NewVersion("v2", "https://a.gov.vn", "{\"openapi\":\"3.0.3\",\"info\":{},"
                + "\"components\":{\"schemas\":{\"P\":{\"type\":\"object\"}}},\"paths\":{\"/x\":{\"get\":"
                + "{\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":"
                + "{\"$ref\":\"#/components/schemas/P\"}}}}}}}}}", null, null, null));
    }

    @Test
    void firstVersionIsV1UnlessNamed() {
        assertThat(service("a-b", null, "https://a.gov.vn", null).firstVersion().version()).isEqualTo("v1");
    }

    @Test
    void unknownEnumValueListsTheAllowedOnes() {
        assertThatThrownBy(() -> ServiceInput.parse(VersionStatus.class, "status", "LIVE"))
                .hasMessageContaining("DRAFT, TEST, PUBLISHED, DEPRECATED, RETIRED").hasMessageContaining("LIVE");
        assertThat(ServiceInput.parse(AccessGrant.Environment.class, "environment", "production"))
                .isEqualTo(AccessGrant.Environment.PRODUCTION);
    }

    private static ServiceCatalog.NewService service(String code, String version, String baseUrl, String openApi) {
        return new ServiceCatalog.NewService(code, "Tra cứu thông tin hộ tịch", null, "000.00.13.H26",
                DataClassification.PERSONAL_DATA, version, baseUrl, openApi, null, null, null);
    }
}
