package vn.hanoi.lgsp.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.calendar.WorkingDayCalendar;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.ServiceVersion;
import vn.hanoi.lgsp.catalog.SharedService;
import vn.hanoi.lgsp.catalog.TechnicalDocument;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.notification.Recipients;

/**
 * Starts the lifecycle processes on a provider's or a consumer's request, after checking what
 * can be checked at once, so that a bad request is answered {@code 01} and starts nothing.
 * "Today" is the process engine's clock in Hanoi, as the models' timers see it.
 */
@Service
public class ServiceLifecycle {

    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

    private final RuntimeService runtime;
    private final ServiceCatalog catalog;
    private final AccessGrants grants;
    private final WorkingDayCalendar workingDays;
    private final KeycloakAdmin keycloak;
    private final Announcements announce;
    private final JdbcTemplate jdbc;

    ServiceLifecycle(RuntimeService runtime, ServiceCatalog catalog, AccessGrants grants, WorkingDayCalendar workingDays,
                     KeycloakAdmin keycloak, Announcements announce, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.catalog = catalog;
        this.grants = grants;
        this.workingDays = workingDays;
        this.keycloak = keycloak;
        this.announce = announce;
    }

    /** Who asks: an agency's system (its code) or a DOST operator acting for it (no agency). */
    public record Caller(String agency, String actor) {

        boolean isDost() {
            return agency == null;
        }
    }

    /** A new version as the provider submits it, with what its consumers need to move. */
    public record UpgradeRequest(String version, String baseUrl, String openApi, String postmanCollection,
                                 List<TechnicalDocument> documents, String qualityNotes, String migrationNotes,
                                 LocalDate sunsetOn) {
    }

    /** A started process: its instance and the deadline of its first step. */
    public record Started(String processInstanceId, String businessKey, Instant firstDeadline) {
    }

    // ---- service-retirement (App1 §3.5a) ----

    /**
     * The provider announces that its service ends on {@code retireOn} (the first day without
     * it), at least 60 calendar days from today; DOST confirms it in Tasklist.
     */
    @Transactional
    public Started announceRetirement(String code, LocalDate retireOn, String reason, Caller caller) {
        SharedService service = requireProviderOrDost(code, caller);
        List<String> problems = new ArrayList<>();
        if (retireOn == null) {
            problems.add("retireOn is required: the first day without the service (YYYY-MM-DD)");
        }
        if (reason == null || reason.isBlank()) {
            problems.add("reason is required: consumers are told why the service ends");
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, String.join("; ", problems));
        }
        LocalDate today = today();
        long days = ChronoUnit.DAYS.between(today, retireOn);
        if (days < RetirementProcess.NOTICE_DAYS) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "A service's end is announced at least "
                    + RetirementProcess.NOTICE_DAYS + " days ahead (R-16): " + retireOn + " is " + days
                    + " days from today (" + today + "); the earliest possible day is "
                    + today.plusDays(RetirementProcess.NOTICE_DAYS));
        }
        if (service.status() == VersionStatus.RETIRED) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Service " + code + " has already ended");
        }
        serialise(RetirementProcess.PROCESS_KEY + "/" + code);
        if (running(RetirementProcess.PROCESS_KEY, code)) {
            throw new ApiException(ErrorCode.DUPLICATE, "The retirement of " + code + " is already announced");
        }
        Instant now = now();
        Map<String, Object> variables = new HashMap<>();
        variables.put(RetirementProcess.Variables.SERVICE, code);
        variables.put(RetirementProcess.Variables.PROVIDER, service.provider());
        variables.put(RetirementProcess.Variables.RETIRE_AT, Date.from(retireOn.atStartOfDay(HANOI).toInstant()));
        variables.put(RetirementProcess.Variables.RETIRE_ON_LABEL,
                retireOn.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        variables.put(RetirementProcess.Variables.REASON, reason.trim());
        variables.put(RetirementProcess.Variables.ANNOUNCED_AT, Date.from(now));
        variables.put(RetirementProcess.Variables.ANNOUNCED_BY, caller.actor());
        Instant confirmDue = workingDays.deadline(now, RetirementProcess.CONFIRM_WORKING_DAYS);
        variables.put(RetirementProcess.Variables.CONFIRM_DUE, Date.from(confirmDue));
        ProcessInstance instance = runtime.startProcessInstanceByKey(RetirementProcess.PROCESS_KEY, code, variables);
        return new Started(instance.getId(), code, confirmDue);
    }

    // ---- service-version-upgrade (App1 §3.4) ----

    /**
     * The provider submits a new version of a published service: it is registered as DRAFT and
     * DOST reviews it. {@code sunsetOn}, when given, is the day the provider wants the old
     * version to end; never sooner than 180 days after publication.
     */
    @Transactional
    public Started submitUpgrade(String code, UpgradeRequest request, Caller caller) {
        PreparedUpgrade prepared = prepareUpgrade(code, request, caller, null);
        STARTING_FROM_API.set(Boolean.TRUE);
        try {
            ProcessInstance instance = runtime.startProcessInstanceByKey(UpgradeProcess.PROCESS_KEY, prepared.businessKey(),
                    prepared.variables());
            return new Started(instance.getId(), prepared.businessKey(), prepared.reviewDue());
        } finally {
            STARTING_FROM_API.remove();
        }
    }

    /**
     * Set while the API starts an upgrade it has already checked. Not a process variable, which
     * whoever submits the start form could set too.
     */
    private static final ThreadLocal<Boolean> STARTING_FROM_API = new ThreadLocal<>();

    static boolean startingFromApi() {
        return Boolean.TRUE.equals(STARTING_FROM_API.get());
    }

    /** A checked submission, its version registered as DRAFT: what the process starts with. */
    record PreparedUpgrade(String businessKey, Map<String, Object> variables, Instant reviewDue) {
    }

    /**
     * Everything {@link #submitUpgrade} checks and registers, for both ways in: the API, and the
     * start form in Tasklist, whose instance already exists ({@code startingInstance}).
     */
    PreparedUpgrade prepareUpgrade(String code, UpgradeRequest request, Caller caller, String startingInstance) {
        SharedService service = requireProviderOrDost(code, caller);
        Optional<ServiceVersion> published = service.versions().stream()
                .filter(v -> v.status() == VersionStatus.PUBLISHED).findFirst();
        if (published.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Service " + code + " has no published version to "
                    + "replace; its first version is published through onboarding (Form 01)");
        }
        if (request == null || request.version() == null || request.version().isBlank()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "version is required: the new version's name, e.g. v2");
        }
        LocalDate today = today();
        if (request.sunsetOn() != null && ChronoUnit.DAYS.between(today, request.sunsetOn()) < UpgradeProcess.OVERLAP_DAYS) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The old version runs at least " + UpgradeProcess.OVERLAP_DAYS
                    + " days after the new one is published (R-15): sunsetOn " + request.sunsetOn()
                    + " is too early; leave it out for the earliest day, or choose one on or after "
                    + today.plusDays(UpgradeProcess.OVERLAP_DAYS));
        }
        serialise(UpgradeProcess.PROCESS_KEY + "/" + code);
        if (runningLike(UpgradeProcess.PROCESS_KEY, code + "/", startingInstance)) {
            throw new ApiException(ErrorCode.DUPLICATE, "A new version of " + code + " is already under way");
        }
        if (running(RetirementProcess.PROCESS_KEY, code)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Service " + code + " is being retired; it takes no new version");
        }
        catalog.addVersion(code, new ServiceCatalog.NewVersion(request.version(), request.baseUrl(), request.openApi(),
                request.postmanCollection(), request.documents(), request.qualityNotes()), caller.actor());
        Instant now = now();
        Map<String, Object> variables = new HashMap<>();
        variables.put(UpgradeProcess.Variables.SERVICE, code);
        variables.put(UpgradeProcess.Variables.VERSION, request.version());
        variables.put(UpgradeProcess.Variables.PREVIOUS_VERSION, published.get().version());
        variables.put(UpgradeProcess.Variables.PROVIDER, service.provider());
        variables.put(UpgradeProcess.Variables.REQUESTED_SUNSET, request.sunsetOn() == null ? null
                : Date.from(request.sunsetOn().atStartOfDay(HANOI).toInstant()));
        variables.put(UpgradeProcess.Variables.MIGRATION_NOTES, request.migrationNotes());
        variables.put(UpgradeProcess.Variables.SUBMITTED_BY, caller.actor());
        Instant reviewDue = workingDays.deadline(now, UpgradeProcess.REVIEW_WORKING_DAYS);
        variables.put(UpgradeProcess.Variables.REVIEW_DUE, Date.from(reviewDue));
        variables.put(UpgradeProcess.Variables.REVIEW_REMINDER_AT,
                Date.from(workingDays.deadline(now, UpgradeProcess.REMINDER_WORKING_DAYS)));
        return new PreparedUpgrade(code + "/" + request.version(), variables, reviewDue);
    }

    /**
     * The short path of onboarding for a consumer moving to the new version: a consumer that
     * holds a production grant on an older version of the same service was already reviewed by
     * DOST and permitted by the provider for this service, whose classification (and so the
     * security level it requires) a version does not change. It gets the production grant on
     * the new version at once, with the old grant's quota, and keeps the old one until the sunset
     * so that it can switch when ready. No new Form 02 or Form 03; provider and DOST are told.
     */
    @Transactional
    public AccessGrant migrate(String code, String version, Caller caller) {
        if (caller.isDost()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "A consumer's system asks to move to a new version itself");
        }
        SharedService service = catalog.require(code);
        ServiceVersion target = service.version(version).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "Service " + code + " has no version " + version));
        AccessGrant previous = grants.activeOf(caller.agency(), code).stream()
                .filter(g -> g.environment() == AccessGrant.Environment.PRODUCTION && !g.version().equals(version))
                .filter(g -> service.version(g.version()).map(v -> v.createdAt().isBefore(target.createdAt())).orElse(false))
                .findFirst()
                .orElseThrow(() -> new ApiException(ErrorCode.FORBIDDEN, caller.agency() + " holds no production grant "
                        + "on an earlier version of " + code + "; a first use of a service goes through onboarding (Form 02)"));
        AccessGrant granted = grants.grant(caller.agency(), code, version, AccessGrant.Environment.PRODUCTION,
                caller.actor(), previous.quota());
        announce.send("migration-provider", Recipients.agency(service.provider()), "consumer", caller.agency(),
                "code", code, "name", service.name(), "version", version, "previous", previous.version());
        announce.send("migration-staff", Recipients.staffGroup("dost-operators"), "consumer", caller.agency(),
                "code", code, "version", version, "grant", granted.id(), "previousGrant", previous.id(),
                "previous", previous.version());
        return granted;
    }

    // ---- consumer-offboarding (Đ16.5, App1 §3.5b) ----

    /** A consumer says it stops using a service: the provider's staff revoke within 5 working days. */
    @Transactional
    public Started requestOffboarding(String code, String consumer, String reason, Caller caller) {
        SharedService service = catalog.require(code);
        String leaving = caller.isDost() ? consumer : caller.agency();
        if (leaving == null || leaving.isBlank()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "consumer is required when DOST asks for an agency");
        }
        if (!caller.isDost() && consumer != null && !consumer.isBlank() && !consumer.equals(caller.agency())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "An agency stops only its own use of a service");
        }
        if (grants.activeOf(leaving, code).isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, leaving + " holds no active grant on " + code);
        }
        String key = leaving + "/" + code;
        serialise(OffboardingProcess.PROCESS_KEY + "/" + key);
        if (running(OffboardingProcess.PROCESS_KEY, key)) {
            throw new ApiException(ErrorCode.DUPLICATE, "The end of " + leaving + "'s use of " + code + " is already asked for");
        }
        Instant now = now();
        Instant due = workingDays.deadline(now, OffboardingProcess.REVOKE_WORKING_DAYS);
        List<String> staff = keycloak.staffOf(service.provider());
        Map<String, Object> variables = new HashMap<>();
        variables.put(OffboardingProcess.Variables.CONSUMER, leaving);
        variables.put(OffboardingProcess.Variables.SERVICE, code);
        variables.put(OffboardingProcess.Variables.PROVIDER, service.provider());
        variables.put(OffboardingProcess.Variables.REASON, reason == null ? "" : reason.trim());
        variables.put(OffboardingProcess.Variables.REQUESTED_BY, caller.actor());
        variables.put(OffboardingProcess.Variables.REVOKE_DUE, Date.from(due));
        variables.put(OffboardingProcess.Variables.PROVIDER_STAFF, new ArrayList<>(staff));
        // a provider with no staff account on the platform is helped by DOST, never by other agencies' staff
        variables.put(OffboardingProcess.Variables.PROVIDER_GROUPS,
                new ArrayList<>(staff.isEmpty() ? List.of("dost-operators") : List.of()));
        ProcessInstance instance = runtime.startProcessInstanceByKey(OffboardingProcess.PROCESS_KEY, key, variables);
        return new Started(instance.getId(), key, due);
    }

    private SharedService requireProviderOrDost(String code, Caller caller) {
        SharedService service = catalog.require(code);
        if (!caller.isDost() && !caller.agency().equals(service.provider())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only the provider of " + code + " (" + service.provider()
                    + ") or DOST changes its lifecycle");
        }
        return service;
    }

    /** Two requests for the same at the same moment: the second waits for the first and then finds it running. */
    private void serialise(String key) {
        jdbc.queryForList("select pg_advisory_xact_lock(hashtext(?))", key);
    }

    private boolean running(String processKey, String businessKey) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(businessKey)
                .count() > 0;
    }

    private boolean runningLike(String processKey, String businessKeyPrefix, String except) {
        String escaped = businessKeyPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return runtime.createProcessInstanceQuery().processDefinitionKey(processKey)
                .processInstanceBusinessKeyLike(escaped + "%").list().stream()
                .anyMatch(instance -> !instance.getId().equals(except));
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    private static LocalDate today() {
        return now().atZone(HANOI).toLocalDate();
    }
}
