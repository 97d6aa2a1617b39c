package vn.hanoi.lgsp.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VdxpSimulatorTest {

    private static final String KEY = "lgsp-hanoi-vdxp";
    private static final String SECRET = "Vdxp#Secret2025";

    private VdxpSimulator vdxp;
    private String token;

    @BeforeEach
    void start() throws Exception {
        vdxp = new VdxpSimulator(new VdxpSimulator.Config(0, KEY, SECRET));
        vdxp.start();
        token = TestHttp.token(vdxp.baseUrl(), KEY, SECRET);
    }

    @AfterEach
    void stop() {
        vdxp.close();
    }

    @Test
    void tokenEndpointChecksBasicCredentials() throws Exception {
        assertThat(TestHttp.postToken(vdxp.baseUrl(), KEY, SECRET, "grant_type=client_credentials").status())
                .isEqualTo(200);
        var refused = TestHttp.postToken(vdxp.baseUrl(), "someone", SECRET, "grant_type=client_credentials");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("message").asText()).startsWith("100 AUTHEN_ERROR");
    }

    @Test
    void verifiesAKnownCitizen() throws Exception {
        JsonNode answer = verify(Map.of("citizenId", "001185000002")).json();

        assertThat(answer.get("code").asText()).isEqualTo("00");
        assertThat(answer.get("verified").asBoolean()).isTrue();
        assertThat(answer.get("assuranceLevel").asInt()).isEqualTo(2);
        assertThat(answer.get("fullName").asText()).isEqualTo("Trần Thị Bình");
        assertThat(answer.get("message").asText()).isNotBlank();
        assertThat(vdxp.verifications()).isEqualTo(1);
    }

    @Test
    void nameMatchesWhateverItsCaseOrUnicodeForm() throws Exception {
        String decomposedUpperCase = Normalizer.normalize("NGUYỄN VĂN AN", Normalizer.Form.NFD);

        var answer = verify(Map.of("citizenId", "001090000001", "fullName", decomposedUpperCase));

        assertThat(answer.json().get("verified").asBoolean()).isTrue();
        assertThat(answer.json().get("fullName").asText()).isEqualTo("Nguyễn Văn An");
    }

    @Test
    void someoneElsesNameIsNotVerified() throws Exception {
        var answer = verify(Map.of("citizenId", "001090000001", "fullName", "Lê Minh Châu"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("code").asText()).isEqualTo("00");
        assertThat(answer.json().get("verified").asBoolean()).isFalse();
        assertThat(answer.json().get("message").asText()).contains("không khớp");
        assertThat(answer.json().has("fullName")).isFalse();
    }

    @Test
    void unknownIdentifierIsNotVerified() throws Exception {
        var answer = verify(Map.of("citizenId", "001999000009"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("verified").asBoolean()).isFalse();
        assertThat(answer.json().get("message").asText()).isNotBlank();
    }

    @Test
    void identifierMustHaveTwelveDigits() throws Exception {
        var tooShort = verify(Map.of("citizenId", "00109000001"));
        var letters = verify(Map.of("citizenId", "00109000000A"));
        var missing = verify(Map.of("fullName", "Nguyễn Văn An"));

        for (var answer : new TestHttp.Answer[] {tooShort, letters, missing}) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("code").asText()).isEqualTo("01");
            assertThat(answer.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(vdxp.verifications()).isZero();
    }

    @Test
    void verificationNeedsABearerToken() throws Exception {
        var answer = TestHttp.postJson(vdxp.baseUrl() + "/identity/verify", null, Map.of("citizenId", "001090000001"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("error").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(vdxp.verifications()).isZero();
    }

    private TestHttp.Answer verify(Map<String, String> body) throws Exception {
        return TestHttp.postJson(vdxp.baseUrl() + "/identity/verify", token, body);
    }
}
