package vn.hanoi.lgsp.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.contract.ApiException;

/** How the citizen's page shows officers and reads its period, without the stack. */
class DataUseEntryTest {

    @Test
    void aPersonsNameIsShownAndAnAccountIsMasked() {
        assertThat(DataUseEntry.shownOfficer("Trần Thị Cán Bộ")).isEqualTo("Trần Thị Cán Bộ");
        assertThat(DataUseEntry.shownOfficer("canbo.hoankiem")).isEqualTo("can***em");
        assertThat(DataUseEntry.shownOfficer("cb1")).isEqualTo("c***");
        assertThat(DataUseEntry.shownOfficer("  ")).isNull();
    }

    @Test
    void onlyIdentificationNumbersAndTaxCodesAreLookedUp() {
        assertThat(DataUseLedger.isIdentifier("001090000001")).isTrue();
        assertThat(DataUseLedger.isIdentifier("0101234567")).isTrue();
        assertThat(DataUseLedger.isIdentifier("staff.stp")).isFalse();
        assertThat(DataUseLedger.isIdentifier("00109000000' or '1'='1")).isFalse();
        assertThat(DataUseLedger.isIdentifier(null)).isFalse();
    }

    @Test
    void thePeriodIsAtMostAYearAndInOrder() {
        CitizenDataUse.Period period = CitizenDataUse.period("2026-01-01", "2026-03-31");
        assertThat(period.from()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(period.end()).isEqualTo(LocalDate.of(2026, 4, 1).atStartOfDay(CitizenDataUse.HANOI).toInstant());
        assertThat(CitizenDataUse.period(null, null).from()).isEqualTo(LocalDate.now(CitizenDataUse.HANOI).minusDays(90));
        assertThatThrownBy(() -> CitizenDataUse.period("2026-03-01", "2026-01-01")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> CitizenDataUse.period("2024-01-01", "2026-01-01")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> CitizenDataUse.period("31/01/2026", null)).isInstanceOf(ApiException.class)
                .hasMessageContaining("năm-tháng-ngày");
    }
}
