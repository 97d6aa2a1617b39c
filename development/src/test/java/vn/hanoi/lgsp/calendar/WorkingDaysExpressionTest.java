package vn.hanoi.lgsp.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.impl.juel.ExpressionFactoryImpl;
import org.camunda.bpm.impl.juel.SimpleContext;
import org.camunda.bpm.impl.juel.jakarta.el.ExpressionFactory;
import org.junit.jupiter.api.Test;

/**
 * BPMN timers and user-task due dates say "5 working days" as {@code ${workingDays.after(5)}}. The
 * expressions are evaluated here with the expression language implementation the Camunda engine uses, without
 * an engine.
 */
class WorkingDaysExpressionTest {

    private final AtomicReference<Instant> engineClock = new AtomicReference<>(Instant.parse("2025-01-23T03:00:00Z"));
    private final WorkingDays workingDays = new WorkingDays(
            new WorkingDayCalendar(new CalendarFileReader().read(null), LocalTime.of(17, 0)), engineClock::get);

    private final ExpressionFactory el = new ExpressionFactoryImpl();
    private final SimpleContext context = new SimpleContext();

    WorkingDaysExpressionTest() {
        context.setVariable("workingDays", el.createValueExpression(workingDays, WorkingDays.class));
    }

    @Test
    void afterGivesTheDateOfCloseOfBusinessOnTheFifthWorkingDay() {
        // Thursday 23/1/2025 10:00 in Hanoi; Tết 2025 lies between
        assertThat(evaluate("${workingDays.after(5)}")).isEqualTo(Date.from(Instant.parse("2025-02-06T10:00:00Z")));
    }

    @Test
    void afterFollowsTheEngineClock() {
        engineClock.set(Instant.parse("2026-02-12T02:00:00Z"));

        assertThat(evaluate("${workingDays.after(3)}")).isEqualTo(Date.from(Instant.parse("2026-02-24T10:00:00Z")));
    }

    @Test
    void afterFromCountsFromADateProcessVariable() {
        Date announcedAt = Date.from(Instant.parse("2026-02-10T02:00:00Z"));
        context.setVariable("announcedAt", el.createValueExpression(announcedAt, Date.class));

        assertThat(evaluate("${workingDays.afterFrom(7, announcedAt)}"))
                .isEqualTo(Date.from(Instant.parse("2026-02-26T10:00:00Z")));
    }

    @Test
    void elapsedSinceGivesTheNumberADecisionTableCompares() {
        Date submittedAt = Date.from(Instant.parse("2025-04-24T02:00:00Z"));
        context.setVariable("submittedAt", el.createValueExpression(submittedAt, Date.class));
        engineClock.set(Instant.parse("2025-05-05T04:00:00Z"));

        // Friday 25/4, make-up Saturday 26/4, Monday 28/4, Tuesday 29/4, then Monday 5/5 after the 30/4 break
        assertThat(evaluate("${workingDays.elapsedSince(submittedAt)}")).isEqualTo(5);
        assertThat(workingDays.elapsed(submittedAt, workingDays.afterFrom(4, submittedAt))).isEqualTo(4);
    }

    @Test
    void namesTheMissingVariableInsteadOfComputingFromNothing() {
        assertThatThrownBy(() -> workingDays.afterFrom(5, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("start date is null");
    }

    private Object evaluate(String expression) {
        return el.createValueExpression(context, expression, Object.class).getValue(context);
    }
}
