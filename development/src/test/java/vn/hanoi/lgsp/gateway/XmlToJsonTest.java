package vn.hanoi.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlToJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = """
            {"select": "Envelope/Body/TraCuuVanBanResponse/VanBan", "as": "vanBan",
             "fields": {"soKyHieu": "SoKyHieu", "trichYeu": "TrichYeu", "lienQuan": "LienQuan"},
             "fault": "Envelope/Body/Fault/faultstring"}""";

    private final XmlToJson mapping = XmlToJson.parse(read(SPEC));

    @Test
    void mapsTheSelectedElementUnderItsDeclaredNames() {
        JsonNode json = mapping.convert(bytes("""
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
                  <TraCuuVanBanResponse xmlns="urn:vn:gov:vbpl:1.0"><VanBan>
                    <SoKyHieu>5918/QĐ-UBND</SoKyHieu><TrichYeu>Quy chế LGSP</TrichYeu><KhongKhai>x</KhongKhai>
                    <LienQuan>13/2023/NĐ-CP</LienQuan><LienQuan>20/2020/QĐ-TTg</LienQuan>
                  </VanBan></TraCuuVanBanResponse></s:Body></s:Envelope>"""));

        assertThat(json.path("code").asText()).isEqualTo("00");
        assertThat(json.path("vanBan").path("soKyHieu").asText()).isEqualTo("5918/QĐ-UBND");
        assertThat(json.path("vanBan").path("trichYeu").asText()).isEqualTo("Quy chế LGSP");
        assertThat(json.path("vanBan").has("KhongKhai")).as("undeclared children are left out").isFalse();
        assertThat(json.path("vanBan").path("lienQuan").size()).isEqualTo(2);
    }

    @Test
    void turnsASoapFaultIntoAFailureEnvelope() {
        JsonNode json = mapping.convert(bytes("""
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>
                  <faultcode>s:Client</faultcode><faultstring>Không tìm thấy văn bản</faultstring>
                </s:Fault></s:Body></s:Envelope>"""));

        assertThat(json.path("code").asText()).isEqualTo("01");
        assertThat(json.path("message").asText()).isEqualTo("Không tìm thấy văn bản");
        assertThat(json.path("error").asText()).isEqualTo("PROVIDER_FAULT");
    }

    @Test
    void keepsEveryChildWhenNoFieldsAreDeclared() {
        XmlToJson whole = XmlToJson.parse(read("{\"select\": \"a/b\", \"as\": \"b\"}"));

        JsonNode json = whole.convert(bytes("<a><b><c>1</c><d><e>2</e></d></b></a>"));

        assertThat(json.path("b").path("c").asText()).isEqualTo("1");
        assertThat(json.path("b").path("d").path("e").asText()).isEqualTo("2");
    }

    @Test
    void refusesEntityTricksAndAnswersWithoutTheElement() {
        assertThatThrownBy(() -> mapping.convert(bytes("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mapping.convert(bytes("<Envelope><Body/></Envelope>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VanBan");
    }

    @Test
    void aMappingNeedsItsSelectAndName() {
        assertThatThrownBy(() -> XmlToJson.parse(read("{\"as\": \"x\"}"))).hasMessageContaining("select");
        assertThatThrownBy(() -> XmlToJson.parse(read("{\"select\": \"a\"}"))).hasMessageContaining("as");
        assertThat(XmlToJson.parse(read(SPEC)).toJson().path("select").asText())
                .isEqualTo("Envelope/Body/TraCuuVanBanResponse/VanBan");
    }

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
