package vn.hanoi.lgsp.contract;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the platform's own API ({@code GET /api/v1/openapi.json}), generated
 * from the controllers so it cannot drift from them: the bearer tokens Keycloak issues, and on
 * every operation the failure envelope ({@code code} "01", a message a person can act on, the
 * error token) that Appendix 01 §3.1 prescribes.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    private static final String ENVELOPE = "ApiError";
    private static final String BEARER = "keycloak";

    @Bean
    OpenAPI lgspOpenApi() {
        Schema<?> error = new ObjectSchema()
                .description("Mọi lỗi trả về cùng một dạng (Phụ lục 01 §3.1): code \"01\", message, error, transactionId")
                .addProperty("code", new StringSchema()._enum(java.util.List.of(ApiError.FAILURE)))
                .addProperty("message", new StringSchema().description("What went wrong, in words a person can act on"))
                .addProperty("error", new StringSchema()._enum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList()))
                .addProperty("transactionId", new StringSchema().description("Same as the X-LGSP-Transaction-Id header"))
                .addProperty("details", new io.swagger.v3.oas.models.media.ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema()).addProperty("reason", new StringSchema())));
        error.setExample(java.util.Map.of("code", "01", "message", "period must be today, 7d or 30d, was 'yesterday'",
                "error", "VALIDATION_FAILED", "transactionId", "3f1c2a9e-7b7d-4f43-9c1e-2f0f7f3b8d21"));
        return new OpenAPI()
                .info(new Info().title("LGSP Hà Nội — API của nền tảng").version("v1")
                        .description("Nền tảng tích hợp, chia sẻ dữ liệu thành phố Hà Nội (Quyết định 5918/QĐ-UBND). "
                                + "Successful answers carry code \"00\"; failures the ApiError envelope with code \"01\". "
                                + "Tokens: Keycloak realm lgsp (client credentials for agency systems, staff sign-in for staff)."))
                .components(new Components().addSchemas(ENVELOPE, error).addSecuritySchemes(BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("Keycloak access token of the realm lgsp")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Every operation may fail with the envelope: bad input, no or bad token, not allowed. */
    @Bean
    OpenApiCustomizer failureEnvelope() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            Content content = new Content().addMediaType("application/json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ENVELOPE)));
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                var responses = operation.getResponses();
                if (responses == null) {
                    return;
                }
                responses.putIfAbsent("400", new ApiResponse().description("01 — VALIDATION_FAILED and others")
                        .content(content));
                responses.putIfAbsent("401", new ApiResponse().description("01 — UNAUTHENTICATED").content(content));
                responses.putIfAbsent("403", new ApiResponse().description("01 — FORBIDDEN, NOT_GRANTED").content(content));
            }));
        };
    }
}
