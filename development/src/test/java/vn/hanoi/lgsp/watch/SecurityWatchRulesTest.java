package vn.hanoi.lgsp.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.contract.SecuritySignal;

/**
 * The security watch's counting without the stack: a finding at the rule's threshold and not
 * before; many sources at once make one incident about many sources, not one each.
 */
class SecurityWatchRulesTest {

    private final LgspIncidents incidents = mock(LgspIncidents.class);

    private SecurityWatch watch(int threshold) {
        WatchSettings.Rule rule = new WatchSettings.Rule(threshold, Duration.ofMinutes(5));
        WatchSettings settings = new WatchSettings(Duration.ofSeconds(15), Duration.ofMinutes(10), 20, LocalTime.of(2, 30),
                rule, rule, rule, rule);
        when(incidents.openFor(anyString(), anyString())).thenReturn(Optional.empty());
        when(incidents.open(any(), anyString(), anyString(), anyString())).thenAnswer(call -> new LgspIncidents.Opened(
                null, false));
        return new SecurityWatch(incidents, settings);
    }

    @Test
    void aFindingAtTheThresholdAndNotBefore() {
        SecurityWatch watch = watch(3);
        watch.signal(new SecuritySignal(SecuritySignal.AUTH_FAILURE, "network 203.0.113.0/24", "bad token"));
        watch.signal(new SecuritySignal(SecuritySignal.AUTH_FAILURE, "network 203.0.113.0/24", "bad token"));
        verify(incidents, never()).open(any(), anyString(), anyString(), anyString());
        watch.signal(new SecuritySignal(SecuritySignal.AUTH_FAILURE, "network 203.0.113.0/24", "bad token"));
        verify(incidents).open(eq(LgspIncidents.Category.SECURITY), eq(SecuritySignal.AUTH_FAILURE),
                eq("network 203.0.113.0/24"), anyString());
    }

    @Test
    void manySourcesMakeOneIncidentAboutManySources() {
        SecurityWatch watch = watch(1);
        for (int i = 0; i < 50; i++) {
            watch.signal(new SecuritySignal(SecuritySignal.AUTH_FAILURE, "network 198.51." + i + ".0/24", "bad token"));
        }
        verify(incidents, times(SecurityWatch.INCIDENTS_PER_RULE_PER_HOUR)).open(any(), eq(SecuritySignal.AUTH_FAILURE),
                org.mockito.ArgumentMatchers.startsWith("network "), anyString());
        verify(incidents, org.mockito.Mockito.atLeastOnce()).open(any(), eq(SecuritySignal.AUTH_FAILURE),
                eq(SecurityWatch.MANY_SOURCES), anyString());
        assertThat(SecurityWatch.INCIDENTS_PER_RULE_PER_HOUR).isLessThan(50);
    }
}
