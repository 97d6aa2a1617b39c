package vn.hanoi.lgsp.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** electronic identifier codes per Decision 20/2020/QĐ-TTg. */
class AgencyCodeTest {

    @ParameterizedTest
    @CsvSource({
            "000.00.00.H26, 1, ",
            "000.00.00.G22, 1, ",
            "000.00.12.H26, 2, 000.00.00.H26",
            "000.01.12.H26, 3, 000.00.12.H26",
            "001.01.12.H26, 4, 000.01.12.H26",
            "000.05.00.H26, 3, 000.00.00.H26",
    })
    void readsLevelAndParentOfStateBodies(String raw, int level, String parent) {
        AgencyCode code = AgencyCode.parse(raw);
        assertThat(code.level()).isEqualTo(level);
        assertThat(code.parent().orElse(null)).isEqualTo(parent);
    }

    @Test
    void acceptsEnterpriseRegistrationNumbers() {
        assertThat(AgencyCode.parse("0101234567").isEnterprise()).isTrue();
        assertThat(AgencyCode.parse("0101234567001").isEnterprise()).isTrue();
    }

    /** Đ6.1.4.c: bodies outside Hanoi reach the city's services through NDXP; the city's own call directly. */
    @ParameterizedTest
    @CsvSource({
            "000.00.00.H26, true, false",
            "000.00.61.H26, true, false",
            "001.01.12.K26, true, false",
            "000.00.00.H41, false, true",
            "000.00.00.G22, false, true",
            "000.00.00.H27, false, true",
            "0101234567, false, false",
    })
    void tellsHanoisBodiesFromThoseOutsideIt(String raw, boolean hanoi, boolean outside) {
        AgencyCode code = AgencyCode.parse(raw);
        assertThat(code.isHanoi()).isEqualTo(hanoi);
        assertThat(code.isOutsideHanoi()).isEqualTo(outside);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "000.00.12.h26 | 'h' at position 11",
            "000.00.12.H2 | level-1 group (last) must be a capital letter and two digits",
            "000.00.12.126 | level-1 group (last) must be a capital letter and two digits",
            "00.00.12.H26 | level-4 group (first) must be 3 digits",
            "000.0A.12.H26 | level-3 group (second) must be 2 digits",
            "000.00.1.H26 | level-2 group (third) must be 2 digits",
            "000.00.H26 | four dot-separated groups",
            "000..00.H26 | single dots",
            ".000.00.00.H26 | single dots",
            "000 00 00 H26 | ' ' at position 4",
            "12345 | 10- or 13-digit registration number",
            "000.00.00.00.00.00.00.00.00.00.00.H26 | at most 35 are allowed",
    })
    void explainsWhatIsWrongWithAMalformedCode(String raw, String reason) {
        assertThatThrownBy(() -> AgencyCode.parse(raw))
                .isInstanceOf(InvalidAgencyCodeException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void requiresACode() {
        assertThatThrownBy(() -> AgencyCode.parse(" ")).hasMessageContaining("required");
    }
}
