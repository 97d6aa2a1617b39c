package vn.hanoi.lgsp.gateway;

import vn.hanoi.lgsp.audit.SubjectHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectLocatorTest {

    @Test
    void findsTheSubjectInTheQueryOrThePath() {
        assertThat(SubjectLocator.parse("query:soDinhDanh").find(List.of("khai-sinh"), "a=1&soDinhDanh=001090000001"))
                .isEqualTo("001090000001");
        assertThat(SubjectLocator.parse("path:1").find(List.of("cong-dan", "001090000001"), null)).isEqualTo("001090000001");
        assertThat(SubjectLocator.parse("path:3").find(List.of("cong-dan"), null)).isNull();
        assertThat(SubjectLocator.parse(null)).isNull();
    }

    @Test
    void refusesACallThatNamesItsSubjectTwice() {
        SubjectLocator locator = SubjectLocator.parse("query:soDinhDanh");
        assertThatThrownBy(() -> locator.find(List.of(), "soDinhDanh=000000000000&soDinhDanh=001090000001"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> locator.find(List.of(), "soDinhDanh=000000000000&SODINHDANH=001090000001"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesLocatorsItCannotRead() {
        assertThatThrownBy(() -> SubjectLocator.parse("header:x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyedHashesDifferByKeyAndNeverShowTheIdentifier() {
        SubjectHash one = new SubjectHash("a-secret-of-at-least-thirty-two-characters");
        SubjectHash other = new SubjectHash("another-secret-of-at-least-thirty-two-chars");

        assertThat(one.hash("001090000001")).hasSize(64).doesNotContain("001090000001")
                .isEqualTo(one.hash("001090000001")).isNotEqualTo(other.hash("001090000001"));
        assertThatThrownBy(() -> new SubjectHash("short")).isInstanceOf(IllegalStateException.class);
    }
}
