package vn.hanoi.lgsp.lifecycle;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.agency.AgencyClosed;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.calendar.WorkingDayCalendar;
import vn.hanoi.lgsp.lifecycle.ClosureProcess.Variables;

/**
 * Starts {@code agency-closure} in the transaction that closes the agency's record, so that a
 * closure is never recorded without the process that settles what the agency had.
 */
@Component
class AgencyClosures {

    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

    private final RuntimeService runtime;
    private final AgencyRegistry agencies;
    private final WorkingDayCalendar workingDays;

    AgencyClosures(RuntimeService runtime, AgencyRegistry agencies, WorkingDayCalendar workingDays) {
        this.runtime = runtime;
        this.agencies = agencies;
        this.workingDays = workingDays;
    }

    @EventListener
    void onClosed(AgencyClosed closed) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.AGENCY, closed.code());
        variables.put(Variables.AGENCY_NAME, agencies.find(closed.code()).map(a -> a.name()).orElse(closed.code()));
        variables.put(Variables.CLOSURE_REASON, closed.reason().name());
        variables.put(Variables.EFFECTIVE_AT, Date.from(closed.effective().atStartOfDay(HANOI).toInstant()));
        variables.put(Variables.EFFECTIVE_LABEL, closed.effective().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        variables.put(Variables.SUCCESSORS, String.join(", ", closed.successors()));
        variables.put(Variables.TRANSFER_TO, closed.successors().isEmpty() ? "" : closed.successors().get(0));
        variables.put(Variables.CLOSED_BY, closed.closedBy());
        variables.put(Variables.CONFIRM_DUE, Date.from(workingDays.deadline(now, ClosureProcess.CONFIRM_WORKING_DAYS)));
        runtime.startProcessInstanceByKey(ClosureProcess.PROCESS_KEY, closed.code(), variables);
    }
}
