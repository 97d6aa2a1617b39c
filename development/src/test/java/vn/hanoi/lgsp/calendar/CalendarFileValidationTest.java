package vn.hanoi.lgsp.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DOST keeps the working-day calendar as a file; an edit that would give wrong deadlines is refused at
 * start-up, naming the bad entry.
 */
class CalendarFileValidationTest {

    @TempDir
    Path dir;

    private final CalendarFileReader reader = new CalendarFileReader();

    @Test
    void readsACalendarFromAConfiguredPath() throws IOException {
        CalendarFile file = reader.read(write(years(year2025(DAYS_2025, MAKE_UPS_2025))));

        WorkingDayCalendar calendar = new WorkingDayCalendar(file, LocalTime.of(17, 0));
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 4, 26))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 5, 2))).isFalse();
        assertThat(file.origin()).endsWith("calendar.json");
    }

    @Test
    void rejectsADateThatIsNotADate() throws IOException {
        String days = DAYS_2025.replace("2025-04-30", "2025-04-31");

        assertRejected(years(year2025(days, MAKE_UPS_2025)),
                "year 2025, daysOff entry 2 (2025-04-31): 'date' is not a date; write it as YYYY-MM-DD");
    }

    @Test
    void rejectsDatesOutOfOrder() throws IOException {
        String days = """
                { "date": "2025-05-01", "name": "Ngày Quốc tế Lao động", "reason": "holiday" },
                { "date": "2025-04-30", "name": "Ngày Chiến thắng", "reason": "holiday" },
                { "date": "2025-05-02", "name": "Nghỉ hoán đổi", "reason": "bridging-day" }""";

        assertRejected(years(year2025(days, MAKE_UPS_2025)),
                "year 2025, daysOff entry 2 (2025-04-30): comes after 2025-05-01");
    }

    @Test
    void rejectsADayThatIsBothOffAndAMakeUpDay() throws IOException {
        String days = DAYS_2025 + """
                , { "date": "2025-05-03", "name": "Nhầm", "reason": "holiday" }""";
        String makeUps = """
                { "date": "2025-05-03", "name": "Làm bù", "compensates": "2025-05-02" }""";

        assertRejected(years(year2025(days, makeUps)),
                "year 2025, makeUpDays entry 1 (2025-05-03): listed both as a day off and as a make-up working day");
    }

    @Test
    void rejectsAMakeUpDayOnAWeekday() throws IOException {
        String makeUps = """
                { "date": "2025-04-25", "name": "Làm bù", "compensates": "2025-05-02" }""";

        assertRejected(years(year2025(DAYS_2025, makeUps)),
                "year 2025, makeUpDays entry 1 (2025-04-25): a make-up working day must be a Saturday or a Sunday, "
                        + "but this is a FRIDAY");
    }

    @Test
    void rejectsABridgingDayNobodyMakesUp() throws IOException {
        assertRejected(years(year2025(DAYS_2025, "")),
                "year 2025, bridging day 2025-05-02: no make-up day compensates it");
    }

    @Test
    void rejectsAMakeUpDayForADayThatIsNotOff() throws IOException {
        String makeUps = MAKE_UPS_2025 + """
                , { "date": "2025-05-10", "name": "Làm bù", "compensates": "2025-05-09" }""";

        assertRejected(years(year2025(DAYS_2025, makeUps)),
                "year 2025, make-up day 2025-05-10: compensates 2025-05-09, which is not among the days off");
    }

    @Test
    void rejectsADateFiledUnderTheWrongYear() throws IOException {
        String days = DAYS_2025.replace("2025-04-30", "2024-04-30");

        assertRejected(years(year2025(days, MAKE_UPS_2025)), "daysOff entry 2 (2024-04-30): the date is not in 2025");
    }

    @Test
    void rejectsAGapBetweenYears() throws IOException {
        String year2027 = """
                { "year": 2027, "source": "provisional", "comment": "tạm tính",
                  "daysOff": [ { "date": "2027-01-01", "name": "Tết Dương lịch", "reason": "holiday" } ] }""";

        assertRejected(years(year2025(DAYS_2025, MAKE_UPS_2025) + "," + year2027),
                "year 2026 is missing between 2025 and 2027");
    }

    @Test
    void rejectsAnUnknownReason() throws IOException {
        String days = DAYS_2025.replace("\"reason\": \"holiday\"", "\"reason\": \"le\"");

        assertRejected(years(year2025(days, MAKE_UPS_2025)),
                "year 2025, daysOff entry 1 (2025-04-07): reason 'le' is none of [holiday, compensatory-day-off, "
                        + "bridging-day]");
    }

    @Test
    void rejectsAYearWithoutSource() throws IOException {
        String year = year2025(DAYS_2025, MAKE_UPS_2025).replace("\"source\": \"test\",", "");

        assertRejected(years(year), "year 2025: 'source' is missing");
    }

    @Test
    void rejectsAMistypedField() throws IOException {
        String year = year2025(DAYS_2025, MAKE_UPS_2025).replace("makeUpDays", "makeupDays");

        assertRejected(years(year), "unknown field 'makeupDays' at line");
    }

    @Test
    void rejectsBrokenJson() throws IOException {
        assertRejected(years(year2025(DAYS_2025, MAKE_UPS_2025)).replaceFirst("]\\s*}\\s*$", "]"),
                "not valid JSON at line");
    }

    @Test
    void rejectsAMissingFile() {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> reader.read(missing))
                .isInstanceOf(InvalidCalendarFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("no such file");
    }

    @Test
    void rejectsAFileThatDoesNotCoverToday() throws IOException {
        CalendarFile file = reader.read(write(years(year2025(DAYS_2025, MAKE_UPS_2025))));

        file.requireCovers(LocalDate.of(2025, 12, 31));
        assertThatThrownBy(() -> file.requireCovers(LocalDate.of(2026, 1, 2)))
                .isInstanceOf(InvalidCalendarFileException.class)
                .hasMessageContaining("it covers 2025–2025 but today is 2026-01-02; add 2026");
    }

    private void assertRejected(String content, String problem) throws IOException {
        Path file = write(content);
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(InvalidCalendarFileException.class)
                .hasMessageStartingWith("Working-day calendar " + file.toAbsolutePath() + ": ")
                .hasMessageContaining(problem);
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("calendar.json"), content);
    }

    private static final String DAYS_2025 = """
            { "date": "2025-04-07", "name": "Giỗ Tổ Hùng Vương", "reason": "holiday" },
            { "date": "2025-04-30", "name": "Ngày Chiến thắng", "reason": "holiday" },
            { "date": "2025-05-01", "name": "Ngày Quốc tế Lao động", "reason": "holiday" },
            { "date": "2025-05-02", "name": "Nghỉ hoán đổi", "reason": "bridging-day" }""";

    private static final String MAKE_UPS_2025 = """
            { "date": "2025-04-26", "name": "Làm bù cho 2/5", "compensates": "2025-05-02" }""";

    private static String year2025(String daysOff, String makeUpDays) {
        return """
                { "year": 2025, "source": "test", "comment": "test data",
                  "daysOff": [ %s ],
                  "makeUpDays": [ %s ] }""".formatted(daysOff, makeUpDays);
    }

    private static String years(String years) {
        return """
                { "version": "test", "years": [ %s ] }
                """.formatted(years);
    }
}
