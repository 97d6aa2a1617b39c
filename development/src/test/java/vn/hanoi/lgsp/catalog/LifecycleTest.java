package vn.hanoi.lgsp.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/** the lifecycle rules of service versions and grants, without storage. */
class LifecycleTest {

    private static final Instant NOW = Instant.parse("2026-03-02T03:00:00Z");

    @ParameterizedTest
    @EnumSource(value = VersionStatus.class, names = {"DRAFT", "TEST", "PUBLISHED"})
    void movesOneStageForward(VersionStatus from) {
        VersionStatus next = from.next().orElseThrow();
        List<Lifecycle.Change> changes = Lifecycle.plan(service(version("v1", from, null)), "v1", next, NOW);

        assertThat(changes).last().satisfies(c -> {
            assertThat(c.from()).isEqualTo(from);
            assertThat(c.to()).isEqualTo(next);
        });
    }

    @Test
    void refusesEverySkipAndEveryStepBack() {
        for (VersionStatus from : VersionStatus.values()) {
            for (VersionStatus to : VersionStatus.values()) {
                if (from.next().orElse(null) == to) {
                    continue;
                }
                assertThatThrownBy(() -> Lifecycle.plan(service(version("v1", from, NOW.minus(Duration.ofDays(1)))),
                        "v1", to, NOW))
                        .as(from + " → " + to)
                        .isInstanceOfSatisfying(ApiException.class,
                                e -> assertThat(e.error()).isEqualTo(ErrorCode.VALIDATION_FAILED));
            }
        }
    }

    @Test
    void skipIsRefusedNamingTheNextStage() {
        assertThatThrownBy(() -> Lifecycle.plan(service(version("v1", VersionStatus.DRAFT, null)), "v1",
                VersionStatus.PUBLISHED, NOW))
                .hasMessageContaining("cannot skip to PUBLISHED").hasMessageContaining("next stage is TEST");
        assertThatThrownBy(() -> Lifecycle.plan(service(version("v1", VersionStatus.PUBLISHED, null)), "v1",
                VersionStatus.TEST, NOW))
                .hasMessageContaining("cannot go back to TEST");
    }

    @Test
    void publishingDeprecatesThePublishedVersionFirstWithA180DaySunset() {
        SharedService service = service(version("v1", VersionStatus.PUBLISHED, null), version("v2", VersionStatus.TEST, null));

        List<Lifecycle.Change> changes = Lifecycle.plan(service, "v2", VersionStatus.PUBLISHED, NOW);

        assertThat(changes).containsExactly(
                new Lifecycle.Change("v1", VersionStatus.PUBLISHED, VersionStatus.DEPRECATED, NOW.plus(Duration.ofDays(180))),
                new Lifecycle.Change("v2", VersionStatus.TEST, VersionStatus.PUBLISHED, null));
    }

    @Test
    void alreadyDeprecatedVersionsKeepTheirSunsetWhenAnotherIsPublished() {
        SharedService service = service(version("v1", VersionStatus.DEPRECATED, NOW.plus(Duration.ofDays(30))),
                version("v2", VersionStatus.PUBLISHED, null), version("v3", VersionStatus.TEST, null));

        List<Lifecycle.Change> changes = Lifecycle.plan(service, "v3", VersionStatus.PUBLISHED, NOW);

        assertThat(changes).extracting(Lifecycle.Change::version).containsExactly("v2", "v3");
    }

    @Test
    void deprecatingWithoutSuccessorGivesConsumersSixtyDaysNotice() {
        List<Lifecycle.Change> changes = Lifecycle.plan(service(version("v1", VersionStatus.PUBLISHED, null)), "v1",
                VersionStatus.DEPRECATED, NOW);

        assertThat(changes).singleElement().extracting(Lifecycle.Change::sunsetAt).isEqualTo(NOW.plus(Duration.ofDays(60)));
    }

    @Test
    void retiringBeforeTheSunsetIsRefused() {
        Instant sunset = NOW.plus(Duration.ofDays(1));
        assertThatThrownBy(() -> Lifecycle.plan(service(version("v1", VersionStatus.DEPRECATED, sunset)), "v1",
                VersionStatus.RETIRED, NOW))
                .isInstanceOf(ApiException.class).hasMessageContaining("sunset").hasMessageContaining(sunset.toString());
    }

    @Test
    void retiringFromTheSunsetOnIsAllowed() {
        assertThat(Lifecycle.plan(service(version("v1", VersionStatus.DEPRECATED, NOW)), "v1", VersionStatus.RETIRED, NOW))
                .singleElement().extracting(Lifecycle.Change::to).isEqualTo(VersionStatus.RETIRED);
    }

    @Test
    void unknownVersionIsNotFound() {
        assertThatThrownBy(() -> Lifecycle.plan(service(version("v1", VersionStatus.DRAFT, null)), "v9",
                VersionStatus.TEST, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void serviceStatusIsTheFurthestLiveStageOfItsVersions() {
        assertThat(Lifecycle.overall(Set.of(VersionStatus.DEPRECATED, VersionStatus.PUBLISHED, VersionStatus.DRAFT)))
                .isEqualTo(VersionStatus.PUBLISHED);
        assertThat(Lifecycle.overall(Set.of(VersionStatus.DEPRECATED, VersionStatus.TEST))).isEqualTo(VersionStatus.DEPRECATED);
        assertThat(Lifecycle.overall(Set.of(VersionStatus.RETIRED, VersionStatus.DRAFT))).isEqualTo(VersionStatus.DRAFT);
        assertThat(Lifecycle.overall(Set.of(VersionStatus.RETIRED))).isEqualTo(VersionStatus.RETIRED);
    }

    @Test
    void testEnvironmentOpensAtTestProductionOnlyOncePublished() {
        Lifecycle.checkGrantable("s", "v1", VersionStatus.TEST, AccessGrant.Environment.TEST);
        Lifecycle.checkGrantable("s", "v1", VersionStatus.PUBLISHED, AccessGrant.Environment.TEST);
        Lifecycle.checkGrantable("s", "v1", VersionStatus.PUBLISHED, AccessGrant.Environment.PRODUCTION);

        assertThatThrownBy(() -> Lifecycle.checkGrantable("s", "v1", VersionStatus.TEST, AccessGrant.Environment.PRODUCTION))
                .hasMessageContaining("PUBLISHED");
        for (VersionStatus closed : Arrays.asList(VersionStatus.DRAFT, VersionStatus.DEPRECATED, VersionStatus.RETIRED)) {
            for (AccessGrant.Environment environment : AccessGrant.Environment.values()) {
                assertThatThrownBy(() -> Lifecycle.checkGrantable("s", "v1", closed, environment))
                        .as(closed + " on " + environment).isInstanceOf(ApiException.class);
            }
        }
    }

    private static ServiceVersion version(String version, VersionStatus status, Instant sunsetAt) {
        return new ServiceVersion(version, status, "https://example.gov.vn/api", false, null, false, List.of(), null,
                NOW.minus(Duration.ofDays(400)), null, null, sunsetAt, null, false);
    }

    private static SharedService service(ServiceVersion... versions) {
        return new SharedService("thu-nghiem", "Dịch vụ thử nghiệm", null, "000.00.13.H26", "Sở Tư pháp",
                DataClassification.PUBLIC, VersionStatus.DRAFT, NOW, List.of(versions));
    }
}
