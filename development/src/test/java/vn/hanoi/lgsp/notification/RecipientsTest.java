package vn.hanoi.lgsp.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipientsTest {

    @Test
    void aMissingNameOrAddressIsNobody() {
        assertThat(Recipients.agency(null)).isEqualTo(Recipients.nobody());
        assertThat(Recipients.staffGroup(null)).isEqualTo(Recipients.nobody());
        assertThat(Recipients.staffOf(null)).isEqualTo(Recipients.nobody());
        assertThat(Recipients.address(" ")).isEqualTo(Recipients.nobody());
        assertThat(Recipients.agencies(null)).isEqualTo(Recipients.nobody());
        assertThat(Recipients.users(Arrays.asList("anna", null, ""))).isEqualTo(Recipients.users(List.of("anna")));
    }

    @Test
    void joinsRecipientsKeepingTheirOrderOnce() {
        Recipients told = Recipients.agencies(List.of("H01.01", "H01")).and(Recipients.staffGroup("dost-operators"))
                .and(Recipients.agency("H01.01")).and(Recipients.address(" a@example.vn "));
        assertThat(told.agencies()).containsExactly("H01.01", "H01");
        assertThat(told.staffGroups()).containsExactly("dost-operators");
        assertThat(told.addresses()).containsExactly("a@example.vn");
        assertThat(told.users()).isEmpty();
    }
}
