package vn.hanoi.lgsp.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * deadlines count Vietnamese working days, on the calendar shipped with the platform (2025 and 2026 as
 * the government announced them, 2027 provisional).
 */
class WorkingDayCalendarTest {

    private static final ZoneOffset HANOI = ZoneOffset.ofHours(7);

    private final WorkingDayCalendar calendar =
            new WorkingDayCalendar(new CalendarFileReader().read(null), LocalTime.of(17, 0));

    @Test
    void deadlineFromTheThursdayBeforeTet2025LandsAfterTheNineDayBreak() {
        // Friday 24/1 is day 1; 25/1–2/2 is the Tết break; days 2–5 are 3/2–6/2
        assertThat(calendar.addWorkingDays(date(2025, 1, 23), 5)).isEqualTo(date(2025, 2, 6));
        assertThat(calendar.isWorkingDay(date(2025, 1, 27))).isFalse();
        assertThat(calendar.isWorkingDay(date(2025, 1, 31))).isFalse();
    }

    @Test
    void tet2025HadNoMakeUpSaturday() {
        // the approved schedule was five Tết days 27/1–31/1 between two weekends, without a swap
        assertThat(calendar.isWorkingDay(date(2025, 2, 8))).isFalse();
        assertThat(calendar.addWorkingDays(date(2025, 2, 7), 1)).isEqualTo(date(2025, 2, 10));
    }

    @Test
    void reunificationAndLabourDay2025AreBridgedByFridayAndMadeUpOnSaturday26April() {
        assertThat(calendar.isWorkingDay(date(2025, 4, 26))).isTrue();
        assertThat(calendar.isWorkingDay(date(2025, 4, 30))).isFalse();
        assertThat(calendar.isWorkingDay(date(2025, 5, 1))).isFalse();
        assertThat(calendar.isWorkingDay(date(2025, 5, 2))).isFalse();
        assertThat(calendar.addWorkingDays(date(2025, 4, 24), 2)).isEqualTo(date(2025, 4, 26));
        assertThat(calendar.addWorkingDays(date(2025, 4, 29), 1)).isEqualTo(date(2025, 5, 5));
    }

    @Test
    void deadlineCrossingTet2026SkipsSixteenToTwentyFebruary() {
        assertThat(calendar.addWorkingDays(date(2026, 2, 12), 3)).isEqualTo(date(2026, 2, 24));
        assertThat(calendar.workingDaysBetween(date(2026, 2, 1), date(2026, 3, 1))).isEqualTo(15);
    }

    @Test
    void newYear2026IsBridgedToTheWeekendAndMadeUpOnSaturday10January() {
        assertThat(calendar.addWorkingDays(date(2025, 12, 31), 2)).isEqualTo(date(2026, 1, 6));
        assertThat(calendar.isWorkingDay(date(2026, 1, 10))).isTrue();
    }

    @Test
    void hungKingsDay2026OnASundayGivesMondayOff() {
        assertThat(calendar.isWorkingDay(date(2026, 4, 27))).isFalse();
        assertThat(calendar.addWorkingDays(date(2026, 4, 24), 1)).isEqualTo(date(2026, 4, 28));
    }

    @Test
    void skipsWeekends() {
        assertThat(calendar.addWorkingDays(date(2025, 3, 7), 1)).isEqualTo(date(2025, 3, 10));
        assertThat(calendar.addWorkingDays(date(2025, 3, 8), 1)).isEqualTo(date(2025, 3, 10));
        assertThat(calendar.addWorkingDays(date(2025, 3, 10), 5)).isEqualTo(date(2025, 3, 17));
        assertThat(calendar.isWorkingDay(date(2025, 3, 15))).isFalse();
    }

    @Test
    void nationalDaySkipsTheHolidayAndTheDayBefore() {
        assertThat(calendar.addWorkingDays(date(2025, 8, 29), 1)).isEqualTo(date(2025, 9, 3));
        // 2026: Monday 31/8 is swapped with Saturday 22/8
        assertThat(calendar.addWorkingDays(date(2026, 8, 28), 1)).isEqualTo(date(2026, 9, 3));
        assertThat(calendar.addWorkingDays(date(2026, 8, 21), 1)).isEqualTo(date(2026, 8, 22));
    }

    @Test
    void countsWorkingDaysInAHalfOpenRange() {
        // April 2025: 22 weekdays, less Hùng Kings day 7/4 and 30/4, plus make-up Saturday 26/4
        assertThat(calendar.workingDaysBetween(date(2025, 4, 1), date(2025, 5, 1))).isEqualTo(21);
        assertThat(calendar.workingDaysBetween(date(2025, 1, 1), date(2026, 1, 1))).isEqualTo(250);
        assertThat(calendar.workingDaysBetween(date(2026, 1, 1), date(2027, 1, 1))).isEqualTo(250);
        assertThat(calendar.workingDaysBetween(date(2025, 6, 2), date(2025, 6, 2))).isZero();
        assertThatThrownBy(() -> calendar.workingDaysBetween(date(2025, 6, 3), date(2025, 6, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countingBackTheWorkingDaysAddedGivesTheSameNumber() {
        for (LocalDate start = date(2025, 1, 1); start.isBefore(date(2027, 11, 1)); start = start.plusDays(1)) {
            for (int n = 0; n <= 12; n++) {
                LocalDate due = calendar.addWorkingDays(start, n);
                assertThat(calendar.workingDaysBetween(start.plusDays(1), due.plusDays(1)))
                        .as("%d working days after %s", n, start).isEqualTo(n);
                assertThat(n == 0 || calendar.isWorkingDay(due)).isTrue();
            }
        }
    }

    @Test
    void deadlineEndsAtFivePmHanoiTimeOnTheLastWorkingDay() {
        Instant morning = OffsetDateTime.of(2025, 1, 23, 10, 0, 0, 0, HANOI).toInstant();
        Instant lateEvening = OffsetDateTime.of(2025, 1, 23, 23, 30, 0, 0, HANOI).toInstant();
        Instant afterMidnight = OffsetDateTime.of(2025, 1, 24, 0, 30, 0, 0, HANOI).toInstant();

        assertThat(calendar.deadline(morning, 5)).isEqualTo(Instant.parse("2025-02-06T10:00:00Z"));
        assertThat(calendar.deadline(lateEvening, 5)).isEqualTo(Instant.parse("2025-02-06T10:00:00Z"));
        assertThat(calendar.deadline(afterMidnight, 5)).isEqualTo(Instant.parse("2025-02-07T10:00:00Z"));
    }

    @Test
    void closeOfBusinessIsConfigurable() {
        WorkingDayCalendar earlyClosing =
                new WorkingDayCalendar(new CalendarFileReader().read(null), LocalTime.of(16, 30));
        Instant start = OffsetDateTime.of(2025, 3, 7, 9, 0, 0, 0, HANOI).toInstant();

        assertThat(earlyClosing.deadline(start, 1)).isEqualTo(Instant.parse("2025-03-10T09:30:00Z"));
    }

    @Test
    void provisional2027KeepsTheLabourCodeHolidays() {
        assertThat(calendar.isWorkingDay(date(2027, 2, 8))).isFalse();
        assertThat(calendar.isWorkingDay(date(2027, 4, 16))).isFalse();
        assertThat(calendar.isWorkingDay(date(2027, 5, 3))).isFalse();
        assertThat(calendar.isWorkingDay(date(2027, 9, 2))).isFalse();
    }

    @Test
    void shipsAnnouncedYears2025And2026AndAProvisional2027WithMakeUpsOnSaturdays() {
        CalendarFile file = new CalendarFileReader().read(null);
        assertThat(file.years().stream().flatMap(y -> y.makeUpDays().stream()).map(m -> m.date().getDayOfWeek()))
                .containsOnly(DayOfWeek.SATURDAY);
        assertThat(file.years()).extracting(CalendarYear::year, CalendarYear::provisional)
                .containsExactly(tuple(2025, false), tuple(2026, false), tuple(2027, true));
    }

    @Test
    void saysTheCalendarHasNoDataForAYearOutsideTheFile() {
        assertThatThrownBy(() -> calendar.isWorkingDay(date(2024, 12, 31)))
                .isInstanceOf(CalendarNotCoveredException.class)
                .hasMessageContaining("no data for 2024")
                .hasMessageContaining("2025–2027");
        assertThatThrownBy(() -> calendar.addWorkingDays(date(2027, 12, 28), 5))
                .isInstanceOfSatisfying(CalendarNotCoveredException.class, e -> assertThat(e.year()).isEqualTo(2028))
                .hasMessageContaining("no data for 2028");
        assertThatThrownBy(() -> calendar.deadline(Instant.parse("2027-12-30T03:00:00Z"), 3))
                .isInstanceOf(CalendarNotCoveredException.class);
    }

    @Test
    void refusesANegativeNumberOfWorkingDays() {
        assertThatThrownBy(() -> calendar.addWorkingDays(date(2025, 6, 2), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static LocalDate date(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }
}
