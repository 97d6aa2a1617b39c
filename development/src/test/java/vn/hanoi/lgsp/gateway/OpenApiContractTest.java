package vn.hanoi.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.contract.ApiError;

class OpenApiContractTest {

    private static final String DOCUMENT = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "v1"},
             "paths": {
               "/cong-dan/{soDinhDanh}": {"get": {"parameters": [{"name": "soDinhDanh", "in": "path", "required": true,
                   "schema": {"type": "string", "pattern": "^[0-9]{12}$"}}], "responses": {"200": {"description": "ok"}}}},
               "/khai-sinh": {"get": {"parameters": [{"name": "soDinhDanh", "in": "query", "required": true,
                   "schema": {"type": "string", "pattern": "^[0-9]{12}$"}}], "responses": {"200": {"description": "ok"}}}}}}""";

    private final OpenApiContract contract = OpenApiContract.of(DOCUMENT);

    @Test
    void keepsTheDocumentsTemplateInsteadOfTheIdentifier() {
        assertThat(contract.template(List.of("cong-dan", "001090000001"))).isEqualTo("/cong-dan/{soDinhDanh}");
    }

    @Test
    void withoutADocumentMasksSegmentsThatCouldBeIdentifiers() {
        assertThat(OpenApiContract.NONE.template(List.of("doanh-nghiep", "0101234567", "chi-tiet")))
                .isEqualTo("/doanh-nghiep/{}/chi-tiet");
        assertThat(OpenApiContract.NONE.template(List.of("tra-cuu", "Nguy%E1%BB%85n"))).isEqualTo("/tra-cuu/{}");
        assertThat(OpenApiContract.NONE.template(List.of())).isEqualTo("/");
    }

    @Test
    void namesTheFieldThatBreaksTheDocument() {
        List<ApiError.Detail> missing = contract.problems("GET", "/khai-sinh", null, null, null);
        List<ApiError.Detail> malformed = contract.problems("GET", "/khai-sinh", "soDinhDanh=123", null, null);
        List<ApiError.Detail> fine = contract.problems("GET", "/khai-sinh", "soDinhDanh=001090000001", null, null);

        assertThat(missing).extracting(ApiError.Detail::field).contains("soDinhDanh");
        assertThat(malformed).extracting(ApiError.Detail::field).contains("soDinhDanh");
        assertThat(fine).isEmpty();
        assertThat(contract.problems("GET", "/khong-co", null, null, null)).isNotEmpty();
    }
}
