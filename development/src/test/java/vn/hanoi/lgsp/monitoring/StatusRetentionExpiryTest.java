package vn.hanoi.lgsp.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which monthly status indices a retention lets go: only those whose whole month is past it. */
class StatusRetentionExpiryTest {

    private static final Period THREE_MONTHS = Period.ofMonths(3);

    private final MonthlyIndices indices = new MonthlyIndices("lgsp-status");

    private static List<String> months(String... months) {
        return java.util.Arrays.stream(months).map(m -> "lgsp-status-" + m).toList();
    }

    @Test
    void dropsOnlyMonthsThatEndedBeforeNowMinusRetention() {
        List<String> existing = months("2026.05", "2026.06", "2026.07", "2026.08", "2026.09", "2026.10", "2026.11");

        assertThat(indices.expired(existing, Instant.parse("2026-11-15T10:00:00Z"), THREE_MONTHS))
                .containsExactlyElementsOf(months("2026.05", "2026.06", "2026.07"));
    }

    @Test
    void dropsMonthFourBackButKeepsMonthTwoBackWithThreeMonthRetention() {
        List<String> existing = months("2026.07", "2026.09");

        assertThat(indices.expired(existing, Instant.parse("2026-11-20T08:00:00Z"), THREE_MONTHS))
                .containsExactlyElementsOf(months("2026.07"));
    }

    @Test
    void dropsMonthWhoseEndIsExactlyRetentionAgo() {
        // July ends at 1 August 00:00 UTC, exactly 3 months before now: nothing in it is younger
        assertThat(indices.expired(months("2026.07", "2026.08"), Instant.parse("2026-11-01T00:00:00Z"), THREE_MONTHS))
                .containsExactlyElementsOf(months("2026.07"));
    }

    @Test
    void keepsMonthWhoseLastMomentIsStillWithinRetention() {
        assertThat(indices.expired(months("2026.07"), Instant.parse("2026-10-31T23:59:59.999Z"), THREE_MONTHS))
                .isEmpty();
    }

    @Test
    void keepsTheMonthThatJustEndedWhateverTheRetention() {
        assertThat(indices.expired(months("2026.10"), Instant.parse("2026-11-01T00:00:00Z"), THREE_MONTHS)).isEmpty();
    }

    @Test
    void countsBackFromAShortMonthEndWithoutDroppingEarly() {
        // 31 May minus 3 months is 28 February: January is past, February is not
        assertThat(indices.expired(months("2026.01", "2026.02"), Instant.parse("2026-05-31T12:00:00Z"), THREE_MONTHS))
                .containsExactlyElementsOf(months("2026.01"));
    }

    @Test
    void countsAcrossTheYearBoundary() {
        assertThat(indices.expired(months("2026.10", "2026.11"), Instant.parse("2027-02-10T00:00:00Z"), THREE_MONTHS))
                .containsExactlyElementsOf(months("2026.10"));
    }

    @Test
    void defaultSixMonthRetentionKeepsHalfAYear() {
        List<String> existing = months("2026.04", "2026.05", "2026.06");

        assertThat(indices.expired(existing, Instant.parse("2026-11-15T00:00:00Z"), Period.ofMonths(6)))
                .containsExactlyElementsOf(months("2026.04"));
    }

    @Test
    void ignoresEveryIndexNotNamedExactlyPrefixYearDotMonth() {
        List<String> others = List.of("lgsp-status-archive", "lgsp-status-2026.7", "lgsp-status-2026.13",
                "lgsp-status-2026.00", "lgsp-status-2026.07-restored", "lgsp-status-2026.07.01", "lgsp-status-26.07",
                "lgsp-statusx-2020.01", "old-lgsp-status-2020.01", "lgsp-transactions-2020.01", "lgsp-status-");

        assertThat(indices.expired(others, Instant.parse("2030-01-01T00:00:00Z"), THREE_MONTHS)).isEmpty();
        assertThat(others).allSatisfy(name -> assertThat(indices.monthOf(name)).isEmpty());
    }

    @Test
    void treatsThePrefixLiterallyNotAsAPattern() {
        MonthlyIndices dotted = new MonthlyIndices("lgsp.status");

        assertThat(dotted.monthOf("lgspxstatus-2020.01")).isEmpty();
        assertThat(dotted.monthOf("lgsp.status-2020.01")).contains(YearMonth.of(2020, 1));
    }

    @Test
    void namesTheIndexAfterTheUtcMonthOfTheTimestamp() {
        // already 1 December in Hanoi, still November in UTC
        assertThat(indices.nameFor(Instant.parse("2026-11-30T23:30:00Z"))).isEqualTo("lgsp-status-2026.11");
        assertThat(indices.monthOf("lgsp-status-2026.11")).contains(YearMonth.of(2026, 11));
    }
}
