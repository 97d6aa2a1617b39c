package vn.hanoi.lgsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.platform.Role;

/** The launcher chooses which application to start from the same typed roles as everything else. */
class LauncherRolesTest {

    @Test
    void theLauncherReadsTheRolesFromTheCommandLineAsTheContextWould() {
        assertThat(LgspApplication.settings(new String[] {"--lgsp.roles=workers"}).runsOnly(Role.WORKERS)).isTrue();
        assertThat(LgspApplication.settings(new String[] {"--lgsp.roles=SIMULATORS"}).runsOnly(Role.SIMULATORS)).isTrue();
        assertThat(LgspApplication.settings(new String[] {"--lgsp.roles=engine,workers"}).runsOnly(Role.WORKERS)).isFalse();
        assertThat(LgspApplication.settings(new String[0]).roles()).isEqualTo(Set.of(Role.ENGINE, Role.WORKERS));
    }
}
