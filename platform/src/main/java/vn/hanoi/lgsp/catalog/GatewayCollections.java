package vn.hanoi.lgsp.catalog;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.documentation.PostmanCollection;
import vn.hanoi.lgsp.documentation.PublicAddresses;

/**
 * The Postman collection of a service version as consumers call it: through the LGSP gateway
 * ({@code /api/v1/gateway/{service}/{version}}), generated from the provider's OpenAPI
 * document, with the token flow of Keycloak's client credentials. A provider's own collection
 * (uploaded with the version) addresses its system directly, so it is served only where the
 * version has no OpenAPI document to generate from.
 */
@Component
public class GatewayCollections {

    private final ServiceCatalog catalog;
    private final PublicAddresses addresses;

    GatewayCollections(ServiceCatalog catalog, PublicAddresses addresses) {
        this.catalog = catalog;
        this.addresses = addresses;
    }

    /**
     * A look-up of personal data says why and for whom (Decree 13/2023), as the gateway requires;
     * the examples are percent-encoded UTF-8, as the headers carry Vietnamese.
     */
    private static List<PostmanCollection.Header> headers(SharedService service) {
        if (service.classification() != DataClassification.PERSONAL_DATA) {
            return List.of();
        }
        return List.of(
                new PostmanCollection.Header("X-LGSP-Purpose", encoded("Giải quyết thủ tục hành chính"),
                        "(bắt buộc) Mục đích tra cứu, 1–200 ký tự, mã hóa phần trăm UTF-8"),
                new PostmanCollection.Header("X-LGSP-Officer", encoded("Nguyễn Văn A"),
                        "(bắt buộc) Cán bộ thực hiện tra cứu, 1–200 ký tự, mã hóa phần trăm UTF-8"));
    }

    private static String encoded(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** For connected systems: the generated collection, or where there is none the provider's own. */
    public Optional<String> of(String code, String version, HttpServletRequest request) {
        Optional<String> generated = generated(code, version, request);
        return generated.isPresent() ? generated : catalog.postmanCollection(code, version);
    }

    /** The collection generated from the version's OpenAPI document; empty when there is none to generate from. */
    public Optional<String> generated(String code, String version, HttpServletRequest request) {
        SharedService service = catalog.require(code);
        Optional<ServiceCatalog.OpenApiDocument> document = catalog.openApi(code, version);
        if (document.isEmpty()) {
            return Optional.empty();
        }
        String description = service.description() + "\n\nGọi qua cổng chia sẻ dữ liệu của LGSP Hà Nội. Điền "
                + "clientId và clientSecret của hệ thống kết nối: thông tin xác thực môi trường thử nghiệm "
                + "(lgsp_environment = test) gọi môi trường thử nghiệm của bên cung cấp, thông tin xác thực chính "
                + "thức gọi môi trường chính thức. Token được bộ sưu tập tự lấy từ Keycloak.";
        try {
            return Optional.of(PostmanCollection.generate(document.get().content(), new PostmanCollection.Target(
                    service.name() + " " + version + " — LGSP Hà Nội", description, addresses.baseUrl(request),
                    "/api/v1/gateway/" + code + "/" + version, addresses.tokenUrl(), null, headers(service))));
        } catch (IllegalArgumentException notOpenApi) {
            return Optional.empty();
        }
    }
}
