package vn.hanoi.lgsp.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import vn.hanoi.lgsp.contract.AgencyCaller;

class AgencyCallerConverterTest {

    private final AgencyCallerConverter converter = new AgencyCallerConverter();

    @Test
    void agencySystemTokenBecomesItsAgencyAsPrincipal() {
        AbstractAuthenticationToken authentication = converter.convert(token(Map.of("azp", "sostp-system",
                "agency_code", "000.00.12.H26", "preferred_username", "service-account-sostp-system",
                "realm_access", Map.of("roles", List.of("agency-system")))));

        AgencyCaller caller = (AgencyCaller) authentication.getPrincipal();
        assertThat(caller.agencyCode()).isEqualTo("000.00.12.H26");
        assertThat(caller.agencySystem()).isTrue();
        assertThat(caller.clientId()).isEqualTo("sostp-system");
        assertThat(caller.name()).isEqualTo("service-account-sostp-system");
        assertThat(authentication.getName()).isEqualTo("service-account-sostp-system");
        assertThat(caller.roles()).containsExactly("agency-system");
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_agency-system");
        assertThat(AgencyCaller.of(authentication)).isSameAs(caller);
    }

    @Test
    void tokenWithoutAgencyCodeNamesNoAgency() {
        AgencyCaller caller = AgencyCallerConverter.caller(token(Map.of("preferred_username", "reviewer",
                "staff_agency_code", "000.00.12.H26", "groups", List.of("/reviewers"))));

        assertThat(caller.agencyCode()).isNull();
        assertThat(caller.agencySystem()).isFalse();
        assertThat(caller.staffAgencyCode()).isEqualTo("000.00.12.H26");
        assertThat(caller.groups()).containsExactly("reviewers");
        // no azp: the client is the one the token was issued as
        assertThat(caller.clientId()).isEqualTo("reviewer");
    }

    @Test
    void agencyCodeThatIsNotTextNamesNoAgencyYetMarksASystem() {
        for (Object forged : List.of(List.of("000.00.12.H26", "000.00.13.H26"), 12, Map.of("code", "000.00.12.H26"), " ")) {
            AgencyCaller caller = AgencyCallerConverter.caller(token(Map.of("agency_code", forged,
                    "staff_agency_code", "000.00.12.H26")));

            assertThat(caller.agencyCode()).as("agency_code %s", forged).isNull();
            // a credential that claims to be a system's is never taken for a staff member's
            assertThat(caller.agencySystem()).isTrue();
            assertThat(caller.staffAgencyCode()).isNull();
        }
    }

    @Test
    void readsTheEnvironmentTheCredentialWasIssuedFor() {
        assertThat(AgencyCallerConverter.caller(token(Map.of("agency_code", "000.00.12.H26"))).environment())
                .isEqualTo(AgencyCaller.Environment.PRODUCTION);
        assertThat(AgencyCallerConverter.caller(token(Map.of("lgsp_environment", "production"))).environment())
                .isEqualTo(AgencyCaller.Environment.PRODUCTION);
        AgencyCaller test = AgencyCallerConverter.caller(token(Map.of("lgsp_environment", "TEST")));
        assertThat(test.environment()).isEqualTo(AgencyCaller.Environment.TEST);
        assertThat(test.testCredential()).isTrue();
        AgencyCaller staging = AgencyCallerConverter.caller(token(Map.of("lgsp_environment", "staging")));
        assertThat(staging.environment()).isEqualTo(AgencyCaller.Environment.UNKNOWN);
        assertThat(staging.environmentClaim()).isEqualTo("staging");
        assertThat(staging.testCredential()).isFalse();
    }

    @Test
    void nobodySignedInIsAnAnonymousCallerWithoutAgencyOrRoles() {
        AgencyCaller nobody = AgencyCaller.of(null);

        assertThat(nobody.agencyCode()).isNull();
        assertThat(nobody.roles()).isEmpty();
        assertThat(nobody.clientId()).isEqualTo("anonymous");
    }

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "RS256").subject("subject-id");
        claims.forEach(builder::claim);
        return builder.build();
    }
}
