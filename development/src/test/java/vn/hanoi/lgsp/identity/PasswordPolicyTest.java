package vn.hanoi.lgsp.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.support.PlatformTest;

/** Keycloak enforces the password policy and the platform passes on its reason. */
class PasswordPolicyTest extends PlatformTest {

    @Autowired
    KeycloakAdmin keycloak;

    @ParameterizedTest
    @CsvSource({
            "Ab1#xyz, minimum length",
            "abcdef1#, upper",
            "ABCDEF1#, lower",
            "Abcdefg#, digit",
            "Abcdefg1, special",
    })
    void refusesPasswordThatBreaksThePolicy(String password, String reason) {
        String username = "policy." + System.nanoTime();
        assertThatThrownBy(() -> keycloak.createStaffAccount(account(username, password)))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessageContaining("Keycloak refused")
                .hasMessageContaining(reason);
        assertThat(keycloak.findUserId(username)).isEmpty();
    }

    @Test
    void acceptsPasswordThatMeetsThePolicy() {
        String username = "policy." + System.nanoTime();
        String id = keycloak.createStaffAccount(account(username, "Ha#Noi2025x"));
        assertThat(keycloak.findUserId(username)).contains(id);
        keycloak.deleteUser(id);
    }

    private static KeycloakAdmin.StaffAccount account(String username, String password) {
        return new KeycloakAdmin.StaffAccount(username, "Thử", "Nguyễn", username + "@lgsp.hanoi.demo",
                "000.00.13.H26", password);
    }
}
