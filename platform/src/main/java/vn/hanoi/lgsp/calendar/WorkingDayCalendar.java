package vn.hanoi.lgsp.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Vietnamese working days: Monday to Friday, except the holidays of Labour Code 2019 Art. 112, the
 * compensatory days off and the bridging days the government announces each year, plus the Saturdays it
 * turns into make-up working days. None of this is computed: the dates come from the calendar file DOST keeps
 * ({@code calendar/vn-working-calendar.json}, or {@code lgsp.calendar.file}), because the lunar holidays
 * and the swaps are decided year by year. A date outside the years of the file raises
 * {@link CalendarNotCoveredException} rather than a guess.
 *
 * <h2>Counting convention</h2>
 * "Within n working days of X" follows the administrative reading: the day of X never counts, whatever the
 * hour, and the deadline is the n-th working day after it. Something received on a Saturday or during Tết
 * therefore has the first working day after as its day 1.
 * {@link #deadline(Instant, int)} ends that day at close of business, 17:00 in Asia/Ho_Chi_Minh unless
 * {@code lgsp.calendar.close-of-business} says otherwise, so a task due on its last day is not shown as
 * overdue while the office is still open, and an escalation timer fires as the office closes.
 *
 * <h2>From BPMN and DMN</h2>
 * Processes use the bean {@code workingDays} ({@link WorkingDays}): {@code ${workingDays.after(5)}} in a
 * timer or a task's due date, {@code ${workingDays.afterFrom(7, registeredAt)}} from a stored date. DMN
 * tables (FEEL) cannot call beans; give them a number computed by the process instead, as described on
 * {@link WorkingDays}.
 */
public final class WorkingDayCalendar {

    /** Deadlines are local to Vietnam, which has kept UTC+7 without daylight saving since 1975. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final int firstYear;
    private final int lastYear;
    private final Set<LocalDate> daysOff;
    private final Set<LocalDate> makeUpDays;
    private final LocalTime closeOfBusiness;

    WorkingDayCalendar(CalendarFile file, LocalTime closeOfBusiness) {
        this.firstYear = file.firstYear();
        this.lastYear = file.lastYear();
        this.daysOff = file.years().stream().flatMap(y -> y.daysOff().stream()).map(DayOff::date)
                .collect(Collectors.toUnmodifiableSet());
        this.makeUpDays = file.years().stream().flatMap(y -> y.makeUpDays().stream()).map(MakeUpDay::date)
                .collect(Collectors.toUnmodifiableSet());
        this.closeOfBusiness = Objects.requireNonNull(closeOfBusiness, "closeOfBusiness");
    }

    /**
     * @throws CalendarNotCoveredException if {@code day} is in a year the calendar file does not cover
     */
    public boolean isWorkingDay(LocalDate day) {
        int year = day.getYear();
        if (year < firstYear || year > lastYear) {
            throw new CalendarNotCoveredException(year, firstYear, lastYear);
        }
        if (makeUpDays.contains(day)) {
            return true;
        }
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && !daysOff.contains(day);
    }

    /**
     * The {@code n}-th working day after {@code start}; {@code start} itself is not counted, and {@code n = 0}
     * gives {@code start}.
     *
     * @throws CalendarNotCoveredException if the count runs into a year the calendar does not cover
     */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a number of working days cannot be negative: " + n);
        }
        LocalDate day = start;
        int remaining = n;
        while (remaining > 0) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                remaining--;
            }
        }
        return day;
    }

    /**
     * The working days in {@code [from, toExclusive)}. For any {@code start} and {@code n},
     * {@code workingDaysBetween(start.plusDays(1), addWorkingDays(start, n).plusDays(1)) == n}.
     *
     * @throws CalendarNotCoveredException if the range reaches a year the calendar does not cover
     */
    public int workingDaysBetween(LocalDate from, LocalDate toExclusive) {
        if (toExclusive.isBefore(from)) {
            throw new IllegalArgumentException("the range ends (" + toExclusive + ") before it starts (" + from + ")");
        }
        int count = 0;
        for (LocalDate day = from; day.isBefore(toExclusive); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Close of business (17:00 Asia/Ho_Chi_Minh by default) on the {@code workingDays}-th working day after the
     * local date of {@code start}; the start day does not count, whatever the hour of {@code start}.
     *
     * @throws CalendarNotCoveredException if the deadline would fall in a year the calendar does not cover
     */
    public Instant deadline(Instant start, int workingDays) {
        LocalDate startDay = start.atZone(VIETNAM).toLocalDate();
        return addWorkingDays(startDay, workingDays).atTime(closeOfBusiness).atZone(VIETNAM).toInstant();
    }
}
