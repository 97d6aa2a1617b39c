package vn.hanoi.lgsp.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalTime;
import java.time.Period;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** connection status is kept at least 3 months, so a shorter retention must not start. */
class StatusRetentionRefusalTest {

    private static MonitoringSettings withRetention(Period retention) {
        return new MonitoringSettings("lgsp-transactions", "test", null,
                new MonitoringSettings.Status("lgsp-status", retention, LocalTime.of(3, 30)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P2M", "P1M", "P0D", "P2M29D", "P89D", "P90D", "P91D", "P-6M", "P3M-1D"})
    void refusesRetentionShorterThanThreeMonths(String retention) {
        assertThatIllegalStateException()
                .isThrownBy(() -> new StatusRetention(null, new ObjectMapper(), withRetention(Period.parse(retention))))
                .withMessageContaining("lgsp.monitoring.status.retention=" + retention)
                .withMessageContaining("R-17")
                .withMessageContaining("P3M");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P3M", "P6M", "P1Y", "P92D", "P2M33D", "P1M64D"})
    void acceptsRetentionOfAtLeastThreeMonths(String retention) {
        Period period = Period.parse(retention);

        assertThat(StatusRetention.requireAtLeastMinimum(period)).isEqualTo(period);
    }

    @Test
    void refusesMissingRetention() {
        assertThatIllegalStateException().isThrownBy(() -> StatusRetention.requireAtLeastMinimum(null))
                .withMessageContaining("R-17");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MonitoringSettings.class)
    static class Wiring {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Wiring.class)
            .withBean(RestClient.class, () -> mock(RestClient.class))
            .withBean(ObjectMapper.class, ObjectMapper::new)
            .withBean(StatusRetention.class);

    @Test
    void startUpFailsWithTheReasonWhenConfiguredRetentionIsTooShort() {
        context.withPropertyValues("lgsp.monitoring.status.retention=P2M").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("lgsp.monitoring.status.retention=P2M")
                    .hasMessageContaining("R-17");
        });
    }

    @Test
    void startsWithDefaultsOfSixMonthsDroppedDailyAtHalfPastThree() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            MonitoringSettings.Status status = started.getBean(MonitoringSettings.class).status();
            assertThat(status.indexPrefix()).isEqualTo("lgsp-status");
            assertThat(status.retention()).isEqualTo(Period.ofMonths(6));
            assertThat(status.dropAt()).isEqualTo(LocalTime.of(3, 30));
            assertThat(started.getBean(StatusRetention.class).cron()).isEqualTo("0 30 3 * * *");
        });
    }

    @Test
    void bindsRetentionAndDropTimeFromProperties() {
        context.withPropertyValues("lgsp.monitoring.status.retention=P1Y", "lgsp.monitoring.status.drop-at=01:05")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started.getBean(MonitoringSettings.class).status().retention()).isEqualTo(Period.ofYears(1));
                    assertThat(started.getBean(StatusRetention.class).cron()).isEqualTo("0 5 1 * * *");
                });
    }
}
