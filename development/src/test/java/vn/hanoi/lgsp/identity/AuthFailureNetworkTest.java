package vn.hanoi.lgsp.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Refused tokens are counted per network, so one attacker's neighbouring addresses count together. */
class AuthFailureNetworkTest {

    @Test
    void addressesCountByTheirIpv4Slash24OrIpv6Slash64() {
        assertThat(ApiAuthenticationFailures.network("203.0.113.77")).isEqualTo("203.0.113.0/24");
        assertThat(ApiAuthenticationFailures.network("203.0.113.200")).isEqualTo("203.0.113.0/24");
        assertThat(ApiAuthenticationFailures.network("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ApiAuthenticationFailures.network("not an address")).isEqualTo("unknown");
    }
}
