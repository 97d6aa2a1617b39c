package vn.hanoi.lgsp.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** An unexpected failure is a 500 envelope that names the transaction, not the exception. */
class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler(new EnvelopeWriter(new ObjectMapper()));

    @Test
    void unexpectedFailureBecomesInternalErrorWithoutItsDetails() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/anything");
        request.setAttribute(TransactionIds.REQUEST_ATTRIBUTE, "tx-123");

        ResponseEntity<ApiError> response = handler.unexpected(new IllegalStateException("password=secret"), request);

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getBody().code()).isEqualTo("01");
        assertThat(response.getBody().error()).isEqualTo("INTERNAL_ERROR");
        assertThat(response.getBody().message()).contains("tx-123").doesNotContain("secret");
        assertThat(response.getBody().transactionId()).isEqualTo("tx-123");
    }
}
