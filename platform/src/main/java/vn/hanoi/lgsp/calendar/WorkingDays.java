package vn.hanoi.lgsp.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Spring bean {@code workingDays}, through which BPMN expressions count Vietnamese working days (R-26,
 * It returns {@link Date}s because that is what Camunda takes, unparsed, for a timer and for a user
 * task's due date. The counting convention is the one of {@link WorkingDayCalendar#deadline(Instant, int)}:
 * the start day does not count, and the deadline is close of business (17:00 Hanoi time) on the last day.
 *
 * <h2>BPMN</h2>
 * <pre>{@code
 * <bpmn:userTask id="reviewRequest" camunda:dueDate="${workingDays.after(5)}"/>
 *
 * <bpmn:boundaryEvent id="registrationWindowClosed" attachedToRef="awaitRegistration">
 *   <bpmn:timerEventDefinition>
 *     <bpmn:timeDate>${workingDays.afterFrom(7, announcedAt)}</bpmn:timeDate>
 *   </bpmn:timerEventDefinition>
 * </bpmn:boundaryEvent>
 * }</pre>
 * A timer's date is computed once, when the timer is created: a later edit of the calendar file moves only
 * timers created after the restart. Recalculating a job's due date in Cockpit evaluates the expression again,
 * so {@code after(n)} then counts from the moment of the recalculation; use {@code afterFrom} with a stored date
 * where that matters.
 *
 * <h2>DMN</h2>
 * Decision tables use FEEL, which cannot call Spring beans, so a table does not count working days itself: the
 * business rule task hands it a number as an input variable, and the table's input expression names that
 * variable.
 * <pre>{@code
 * <bpmn:businessRuleTask id="chooseEscalation" camunda:decisionRef="escalation" ...>
 *   <bpmn:extensionElements><camunda:inputOutput>
 *     <camunda:inputParameter name="workingDaysElapsed">${workingDays.elapsedSince(submittedAt)}</camunda:inputParameter>
 *   </camunda:inputOutput></bpmn:extensionElements>
 * </bpmn:businessRuleTask>
 * }</pre>
 * and in the table an input with expression {@code workingDaysElapsed} and rules such as {@code > 5}. The same
 * works with a deadline stored by the process ({@code ${workingDays.afterFrom(5, submittedAt)}}) compared
 * with {@code now()} in FEEL.
 *
 * <p>From Java, inject {@link WorkingDayCalendar} instead.
 */
public final class WorkingDays {

    private final WorkingDayCalendar calendar;
    private final Supplier<Instant> now;

    /**
     * @param now the process engine's clock, so that due dates follow the engine when tests move its time
     */
    WorkingDays(WorkingDayCalendar calendar, Supplier<Instant> now) {
        this.calendar = calendar;
        this.now = now;
    }

    /** Close of business on the {@code workingDays}-th working day after today. */
    public Date after(int workingDays) {
        return Date.from(calendar.deadline(now.get(), workingDays));
    }

    /** Close of business on the {@code workingDays}-th working day after the day of {@code start}. */
    public Date afterFrom(int workingDays, Date start) {
        Objects.requireNonNull(start, "afterFrom: the start date is null (is the process variable set?)");
        return Date.from(calendar.deadline(start.toInstant(), workingDays));
    }

    /**
     * Working days from the day of {@code start} (not counted) to today (counted): 0 on the day itself, 5 on the
     * day {@code afterFrom(5, start)} falls due.
     */
    public int elapsedSince(Date start) {
        return elapsed(start, Date.from(now.get()));
    }

    /** Working days from the day of {@code start} (not counted) to the day of {@code end} (counted). */
    public int elapsed(Date start, Date end) {
        Objects.requireNonNull(start, "elapsed: the start date is null (is the process variable set?)");
        Objects.requireNonNull(end, "elapsed: the end date is null (is the process variable set?)");
        return calendar.workingDaysBetween(localDay(start).plusDays(1), localDay(end).plusDays(1));
    }

    private static LocalDate localDay(Date date) {
        return date.toInstant().atZone(WorkingDayCalendar.VIETNAM).toLocalDate();
    }
}
