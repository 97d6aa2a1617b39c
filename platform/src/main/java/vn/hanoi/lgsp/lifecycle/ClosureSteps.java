package vn.hanoi.lgsp.lifecycle;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.agency.AgencySystems;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.SharedService;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.exchange.ClosedAgencyExchanges;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.lifecycle.ClosureProcess.Variables;
import vn.hanoi.lgsp.notification.Recipients;
import vn.hanoi.lgsp.onboarding.IssuedCredentials;

/**
 * What the {@code agency-closure} model does at its steps (R-06, Đ10.3). Each step after the
 * effective date commits on its own and can run again: what already moved is not found again.
 */
@Component("closureSteps")
public class ClosureSteps {

    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String ACTOR = "lgsp";

    private final AccessGrants grants;
    private final AgencySystems systems;
    private final KeycloakAdmin keycloak;
    private final IssuedCredentials credentials;
    private final ClosedAgencyExchanges exchanges;
    private final ServiceCatalog catalog;
    private final ServiceLifecycle lifecycle;
    private final Announcements announce;

    ClosureSteps(AccessGrants grants, AgencySystems systems, KeycloakAdmin keycloak, IssuedCredentials credentials,
                 ClosedAgencyExchanges exchanges, ServiceCatalog catalog, ServiceLifecycle lifecycle,
                 Announcements announce) {
        this.grants = grants;
        this.systems = systems;
        this.keycloak = keycloak;
        this.credentials = credentials;
        this.exchanges = exchanges;
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.announce = announce;
    }

    /** What the agency has on the platform, written out for the DOST operator who confirms the transfer. */
    public void inventory(DelegateExecution execution) {
        String agency = agency(execution);
        List<String> lines = new ArrayList<>();
        List<AccessGrant> held = grants.list(agency).stream().filter(AccessGrant::isActive).toList();
        lines.add("Quyền khai thác đang hiệu lực: " + held.size() + (held.isEmpty() ? "" : " ("
                + String.join("; ", held.stream().map(g -> g.service() + " " + g.version() + " " + g.environment()).toList())
                + ")"));
        lines.add("Hệ thống kết nối: " + systems.find(agency).map(s -> s.baseUrl()).orElse("không có"));
        List<String> clients = keycloak.clientsOfAgency(agency);
        lines.add("Tài khoản kết nối (Keycloak): " + (clients.isEmpty() ? "không có" : String.join(", ", clients)));
        ClosedAgencyExchanges.InFlight inFlight = exchanges.inFlight(agency);
        lines.add("Hồ sơ đang trao đổi: " + inFlight.to() + " gửi đến, " + inFlight.from() + " gửi đi");
        List<String> provided = provided(agency).stream().map(SharedService::code).toList();
        lines.add("Dịch vụ cung cấp (sẽ dừng sau 60 ngày): " + (provided.isEmpty() ? "không có" : String.join(", ", provided)));
        List<String> staff = keycloak.staffOf(agency);
        lines.add("Tài khoản cán bộ (quản trị xử lý trong Keycloak): " + (staff.isEmpty() ? "không có" : String.join(", ", staff)));
        execution.setVariable(Variables.INVENTORY, String.join("\n", lines));
    }

    /**
     * Task listener on completion: the operator confirmed, and chose one of the successors the
     * closure named (none when the body was dissolved). Anything else refuses the completion.
     */
    public void checkConfirmation(DelegateTask task) {
        if (!Boolean.TRUE.equals(task.getVariable(Variables.TRANSFER_CONFIRMED))) {
            throw new IllegalArgumentException("Cần xác nhận việc chuyển giao (transferConfirmed)");
        }
        List<String> successors = successors(task.getVariable(Variables.SUCCESSORS));
        Object chosen = task.getVariable(Variables.TRANSFER_TO);
        String transferTo = chosen == null ? "" : chosen.toString().trim();
        if (successors.isEmpty() && !transferTo.isEmpty()) {
            throw new IllegalArgumentException("Đơn vị giải thể không có đơn vị kế thừa: để trống transferTo");
        }
        if (!successors.isEmpty() && !successors.contains(transferTo)) {
            throw new IllegalArgumentException("transferTo phải là một trong các đơn vị kế thừa: " + String.join(", ", successors));
        }
        task.setVariable(Variables.TRANSFER_TO, transferTo);
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String confirmer = authentication != null && authentication.getUserId() != null ? authentication.getUserId()
                : task.getAssignee();
        task.setVariable(Variables.CONFIRMED_BY, confirmer == null ? "unknown" : confirmer);
    }

    /** The confirmation is late: DOST's leaders hear of it; the task stays with the operators. */
    public void remindLate(DelegateExecution execution) {
        announce.send("closure-confirmation-late", Recipients.staffGroup("dost-leaders")
                        .and(Recipients.staffGroup("dost-operators")), "agency", agency(execution),
                "agencyName", execution.getVariable(Variables.AGENCY_NAME),
                "effective", execution.getVariable(Variables.EFFECTIVE_LABEL),
                "workingDays", ClosureProcess.CONFIRM_WORKING_DAYS);
    }

    /** The grants pass to the successor, or end when there is none. */
    public void transferGrants(DelegateExecution execution) {
        String agency = agency(execution);
        String to = transferTo(execution);
        if (to == null) {
            execution.setVariable(Variables.REVOKED_GRANTS, new ArrayList<>(grants.revokeAll(agency, ACTOR,
                    "Agency " + agency + " was dissolved without a successor (R-06)")));
            return;
        }
        List<Long> made = new ArrayList<>();
        List<Long> ended = new ArrayList<>();
        for (AccessGrants.Transfer transfer : grants.transfer(agency, to, ACTOR)) {
            ended.add(transfer.from());
            if (transfer.to() != null) {
                made.add(transfer.to());
            }
        }
        execution.setVariable(Variables.TRANSFERRED_GRANTS, made);
        execution.setVariable(Variables.REVOKED_GRANTS, ended);
    }

    /**
     * The system passes to the successor with its credentials: the clients that spoke for the
     * closed agency speak for the successor from now on (their old tokens stop). Without a
     * successor the system is disconnected and its clients disabled.
     */
    public void transferSystem(DelegateExecution execution) {
        String agency = agency(execution);
        String to = transferTo(execution);
        execution.setVariable(Variables.SYSTEM_TRANSFER, systems.transfer(agency, to, ACTOR).name());
        List<String> reassigned = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        for (String client : keycloak.clientsOfAgency(agency)) {
            if (to != null) {
                keycloak.reassignClient(client, to);
                reassigned.add(client);
            } else if (keycloak.clientEnabled(client)) {
                keycloak.disableClient(client, agency + " dissolved without a successor (R-06)");
                disabled.add(client);
            }
        }
        if (to != null) {
            credentials.transfer(agency, to);
        }
        execution.setVariable(Variables.REASSIGNED_CLIENTS, reassigned);
        execution.setVariable(Variables.DISABLED_CLIENTS, disabled);
    }

    public void settleExchanges(DelegateExecution execution) {
        ClosedAgencyExchanges.Outcome outcome = exchanges.settle(agency(execution), transferTo(execution));
        execution.setVariable(Variables.REDIRECTED_EXCHANGES, ids(outcome.redirected()));
        execution.setVariable(Variables.ENDED_EXCHANGES, ids(outcome.ended()));
        execution.setVariable(Variables.RESULTS_TO_SUCCESSOR, ids(outcome.resultsToSuccessor()));
    }

    /**
     * The services the agency provided go onto the retirement path with the shortest notice
     * the regulation allows: consumers keep them 60 days, enough to move to whatever the
     * successor publishes. A retirement already announced keeps its own date.
     */
    public void retireServices(DelegateExecution execution) {
        String agency = agency(execution);
        String to = transferTo(execution);
        LocalDate retireOn = ClockUtil.getCurrentTime().toInstant().atZone(HANOI).toLocalDate()
                .plusDays(RetirementProcess.NOTICE_DAYS);
        String reason = "Đơn vị cung cấp " + agency + " chấm dứt hoạt động từ " + execution.getVariable(Variables.EFFECTIVE_LABEL)
                + (to == null ? " và không có đơn vị kế thừa." : "; đơn vị kế thừa: " + to + ".");
        List<String> retiring = new ArrayList<>();
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        for (SharedService service : provided(agency)) {
            boolean announced = runtime.createProcessInstanceQuery().processDefinitionKey(RetirementProcess.PROCESS_KEY)
                    .processInstanceBusinessKey(service.code()).count() > 0;
            if (!announced) {
                lifecycle.announceRetirement(service.code(), retireOn, reason, new ServiceLifecycle.Caller(null, ACTOR));
            }
            retiring.add(service.code());
        }
        execution.setVariable(Variables.RETIRING_SERVICES, retiring);
    }

    public void notifySettled(DelegateExecution execution) {
        String agency = agency(execution);
        String to = transferTo(execution);
        Recipients told = to == null ? Recipients.staffGroup("dost-operators")
                : Recipients.agency(to).and(Recipients.staffGroup("dost-operators"));
        announce.send("closure-settled", told, "agency", agency, "agencyName", execution.getVariable(Variables.AGENCY_NAME),
                "effective", execution.getVariable(Variables.EFFECTIVE_LABEL), "successor", to,
                "redirected", size(execution, Variables.REDIRECTED_EXCHANGES),
                "ended", size(execution, Variables.ENDED_EXCHANGES),
                "retiring", size(execution, Variables.RETIRING_SERVICES));
    }

    private List<SharedService> provided(String agency) {
        return catalog.search(null, agency, null).stream()
                .filter(s -> s.provider().equals(agency) && s.status() != VersionStatus.RETIRED).toList();
    }

    private static ArrayList<String> ids(List<java.util.UUID> ids) {
        return new ArrayList<>(ids.stream().map(Object::toString).toList());
    }

    private static int size(DelegateExecution execution, String variable) {
        return execution.getVariable(variable) instanceof List<?> list ? list.size() : 0;
    }

    static List<String> successors(Object value) {
        if (value == null || value.toString().isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String agency(DelegateExecution execution) {
        return (String) execution.getVariable(Variables.AGENCY);
    }

    private static String transferTo(DelegateExecution execution) {
        Object to = execution.getVariable(Variables.TRANSFER_TO);
        return to == null || to.toString().isBlank() ? null : to.toString();
    }
}
