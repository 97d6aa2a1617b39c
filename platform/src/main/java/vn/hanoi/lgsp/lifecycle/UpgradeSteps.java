package vn.hanoi.lgsp.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.calendar.WorkingDayCalendar;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.ServiceVersion;
import vn.hanoi.lgsp.catalog.SharedService;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.lifecycle.UpgradeProcess.Variables;
import vn.hanoi.lgsp.monitoring.GatewayUsage;
import vn.hanoi.lgsp.notice.NoticeBoard;
import vn.hanoi.lgsp.notice.NoticeKind;
import vn.hanoi.lgsp.notification.Recipients;

/**
 * What the {@code service-version-upgrade} model does at its steps ({@code ${upgradeSteps.publish(execution)}}, ...).
 * Steps look at the catalog before they change it, so that one run again after a failure does
 * nothing twice.
 */
@Component("upgradeSteps")
public class UpgradeSteps {

    private static final String ACTOR = "lgsp";

    private final ServiceCatalog catalog;
    private final Announcements announce;
    private final GatewayUsage usage;
    private final WorkingDayCalendar workingDays;
    private final ServiceLifecycle lifecycle;
    private final KeycloakAdmin keycloak;

    UpgradeSteps(ServiceCatalog catalog, Announcements announce, GatewayUsage usage, WorkingDayCalendar workingDays,
                 ServiceLifecycle lifecycle, KeycloakAdmin keycloak) {
        this.lifecycle = lifecycle;
        this.keycloak = keycloak;
        this.catalog = catalog;
        this.announce = announce;
        this.usage = usage;
        this.workingDays = workingDays;
    }

    /**
     * Start listener: a provider's staff member (or a DOST operator) submitted the start form in
     * Tasklist. The same checks as the API run here, as the signed-in user: only the provider's
     * own staff or DOST operators, the version registered as DRAFT, the 180 days kept; a refusal
     * aborts the start and Tasklist shows why. Of what the form sent only its own fields are
     * kept, so that no one presets a decision or a deadline of the process.
     */
    public void submittedInTasklist(DelegateExecution execution) {
        if (ServiceLifecycle.startingFromApi()) {
            return;
        }
        var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            throw new ApiException(ErrorCode.FORBIDDEN, "A new version is submitted by a signed-in user or through the API");
        }
        String user = authentication.getUserId();
        for (String name : new ArrayList<>(execution.getVariableNames())) {
            if (!UpgradeProcess.START_FORM_FIELDS.contains(name)) {
                execution.removeVariable(name);
            }
        }
        String code = text(execution, Variables.SERVICE);
        if (code == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "serviceCode is required: the code of the service in the catalog");
        }
        List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        String provider = catalog.require(code).provider();
        // the provider's staff are the Keycloak accounts of its agency; anyone else acts for no provider here
        ServiceLifecycle.Caller caller = groups.contains("dost-operators") ? new ServiceLifecycle.Caller(null, user)
                : new ServiceLifecycle.Caller(keycloak.staffOf(provider).contains(user) ? provider : "account " + user, user);
        ServiceLifecycle.UpgradeRequest request = new ServiceLifecycle.UpgradeRequest(text(execution, Variables.VERSION),
                text(execution, Variables.BASE_URL), text(execution, Variables.OPEN_API), null, List.of(),
                text(execution, Variables.QUALITY_NOTES), text(execution, Variables.MIGRATION_NOTES),
                day(text(execution, Variables.SUNSET_ON)));
        ServiceLifecycle.PreparedUpgrade prepared = lifecycle.prepareUpgrade(code, request, caller,
                execution.getProcessInstanceId());
        // the documents live in the catalog now; the process keeps only what its steps use
        List.of(Variables.BASE_URL, Variables.OPEN_API, Variables.QUALITY_NOTES, Variables.SUNSET_ON)
                .forEach(execution::removeVariable);
        prepared.variables().forEach(execution::setVariable);
        execution.setProcessBusinessKey(prepared.businessKey());
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static java.time.LocalDate day(String value) {
        if (value == null) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "sunsetOn must be a day as YYYY-MM-DD, not '" + value + "'");
        }
    }

    public void remindReviewers(DelegateExecution execution) {
        announce.send("upgrade-review-reminder", Recipients.staffGroup("dost-reviewers"), "code", code(execution),
                "version", version(execution), "due", Announcements.day(instant(execution, Variables.REVIEW_DUE)));
    }

    public void escalateReview(DelegateExecution execution) {
        announce.send("upgrade-review-overdue", Recipients.staffGroup("dost-leaders"), "code", code(execution),
                "version", version(execution), "workingDays", UpgradeProcess.REVIEW_WORKING_DAYS);
    }

    /** DOST approved: the new version goes on the test environment and the provider is told. */
    public void moveToTest(DelegateExecution execution) {
        String code = code(execution);
        String version = version(execution);
        if (catalog.require(code).version(version).map(ServiceVersion::status).orElse(null) == VersionStatus.DRAFT) {
            catalog.moveVersion(code, version, VersionStatus.TEST, ACTOR);
        }
        execution.setVariable(Variables.TEST_DUE,
                Date.from(workingDays.deadline(now(), UpgradeProcess.TEST_WORKING_DAYS)));
        announce.send("upgrade-in-test", Recipients.agency(provider(execution)), "code", code, "version", version);
    }

    /** Refused at review or at test: the new version is withdrawn and the provider hears why. */
    public void withdraw(DelegateExecution execution) {
        String code = code(execution);
        String version = version(execution);
        VersionStatus status = catalog.require(code).version(version).map(ServiceVersion::status).orElse(null);
        if (status == VersionStatus.DRAFT || status == VersionStatus.TEST) {
            catalog.withdraw(code, version, ACTOR);
        }
        Object comment = execution.getVariable(Variables.REVIEW_COMMENT);
        announce.send("upgrade-withdrawn", Recipients.agency(provider(execution)), "code", code, "version", version,
                "comment", comment == null || comment.toString().isBlank() ? null : comment);
    }

    /**
     * Publishes the new version; the old one is deprecated with its sunset 180 days on, or on the
     * later day the provider chose. A notice of each; every consumer with a production
     * grant on the old version is told, with the migration notes; the reminders are set.
     */
    public void publish(DelegateExecution execution) {
        String code = code(execution);
        String version = version(execution);
        String previous = (String) execution.getVariable(Variables.PREVIOUS_VERSION);
        SharedService service = catalog.require(code);
        if (service.version(version).map(ServiceVersion::status).orElse(null) == VersionStatus.TEST) {
            Date requested = (Date) execution.getVariable(Variables.REQUESTED_SUNSET);
            service = catalog.publish(code, version, requested == null ? null : requested.toInstant(), ACTOR);
        }
        ServiceVersion old = service.version(previous).orElseThrow();
        Instant sunset = old.sunsetAt();
        execution.setVariable(Variables.SUNSET_AT, Date.from(sunset));
        List<Integer> days = UpgradeProcess.REMINDER_DAYS;
        execution.setVariable(Variables.REMINDER_90_AT, Date.from(sunset.minus(Duration.ofDays(days.get(0)))));
        execution.setVariable(Variables.REMINDER_30_AT, Date.from(sunset.minus(Duration.ofDays(days.get(1)))));
        execution.setVariable(Variables.REMINDER_7_AT, Date.from(sunset.minus(Duration.ofDays(days.get(2)))));
        publishNotices(execution, service, previous, sunset);
        Set<String> consumers = announce.productionConsumersOf(code, previous);
        announce.send("upgrade-published-consumers", Recipients.agencies(consumers), "code", code, "name", service.name(),
                "version", version, "previous", previous, "sunset", Announcements.day(sunset),
                "notes", migrationNotes(execution));
        announce.send("upgrade-published-provider", Recipients.agency(service.provider()), "code", code,
                "version", version, "previous", previous, "sunset", Announcements.day(sunset),
                "consumers", consumers.size());
    }

    /** The public notices of a publication: the new version, and the old one's end. */
    private void publishNotices(DelegateExecution execution, SharedService service, String previous, Instant sunset) {
        String code = service.code();
        String version = version(execution);
        String key = execution.getProcessInstanceId();
        announce.publish(new NoticeBoard.Draft("new-version/" + key, NoticeKind.NEW_VERSION, code, version,
                service.provider(), "Phiên bản mới " + version + " của " + service.name(),
                "Phiên bản " + version + " của dịch vụ " + service.name() + " (" + code + ") đã được công bố.\n"
                        + notes(execution), now(), null));
        announce.publish(new NoticeBoard.Draft("deprecation/" + key, NoticeKind.DEPRECATION, code, previous,
                service.provider(), "Phiên bản " + previous + " của " + service.name() + " dừng từ "
                        + Announcements.day(sunset),
                "Phiên bản " + previous + " của dịch vụ " + service.name() + " (" + code + ") tiếp tục hoạt động đến "
                        + Announcements.day(sunset) + "; đề nghị các đơn vị khai thác chuyển sang phiên bản " + version
                        + " trước ngày này.", sunset, null));
    }

    /**
     * At each of {@link UpgradeProcess#REMINDER_DAYS} before the sunset: the consumers still on the old version, that is with a
     * production grant on it and at least one call to it through the gateway in the last
     * {@link UpgradeProcess#RECENT_USE_DAYS} days, are reminded; the others have moved or stopped.
     */
    public void remind(DelegateExecution execution) {
        long daysBefore = Announcements.daysUntil(instant(execution, Variables.SUNSET_AT));
        String code = code(execution);
        String previous = (String) execution.getVariable(Variables.PREVIOUS_VERSION);
        Instant now = now();
        Set<String> recent = new LinkedHashSet<>();
        String provider = provider(execution);
        for (GatewayUsage.Row row : usage.usage(now.minus(Duration.ofDays(UpgradeProcess.RECENT_USE_DAYS)), now, null,
                provider)) {
            if (row.service().equals(code) && row.version().equals(previous) && row.calls() > 0
                    && "production".equalsIgnoreCase(row.environment())) {
                recent.add(row.consumer());
            }
        }
        List<String> reminded = new ArrayList<>(announce.productionConsumersOf(code, previous));
        reminded.retainAll(recent);
        Instant sunset = instant(execution, Variables.SUNSET_AT);
        announce.send("upgrade-sunset-reminder", Recipients.agencies(reminded), "code", code, "previous", previous,
                "version", version(execution), "daysBefore", daysBefore, "recentDays", UpgradeProcess.RECENT_USE_DAYS,
                "sunset", Announcements.day(sunset));
        execution.setVariable("remindedAt" + daysBefore + "Days", reminded);
    }

    /**
     * The sunset: the old version is retired, which revokes its grants; consumers that never
     * moved get a last notice and DOST operators a task listing them.
     */
    public void retireOld(DelegateExecution execution) {
        String code = code(execution);
        String previous = (String) execution.getVariable(Variables.PREVIOUS_VERSION);
        String version = version(execution);
        SharedService service = catalog.require(code);
        if (service.version(previous).map(ServiceVersion::status).orElse(null) == VersionStatus.DEPRECATED) {
            List<String> stragglers = new ArrayList<>(announce.productionConsumersOf(code, previous));
            stragglers.removeAll(announce.productionConsumersOf(code, version));
            execution.setVariable(Variables.STRAGGLER_LIST, stragglers);
            catalog.moveVersion(code, previous, VersionStatus.RETIRED, ACTOR);
        }
        @SuppressWarnings("unchecked")
        List<String> stragglers = (List<String>) execution.getVariable(Variables.STRAGGLER_LIST);
        execution.setVariable(Variables.STRAGGLERS, stragglers != null && !stragglers.isEmpty());
        execution.setVariable(Variables.STRAGGLER_SUMMARY, stragglers == null ? "" : String.join(", ", stragglers));
        execution.setVariable(Variables.FOLLOW_UP_DUE,
                Date.from(workingDays.deadline(now(), UpgradeProcess.FOLLOW_UP_WORKING_DAYS)));
        publishRetiredNotice(execution, service, previous);
        if (stragglers != null && !stragglers.isEmpty()) {
            announce.send("upgrade-stragglers", Recipients.agencies(stragglers), "code", code, "previous", previous,
                    "version", version);
        }
    }

    private void publishRetiredNotice(DelegateExecution execution, SharedService service, String previous) {
        announce.publish(new NoticeBoard.Draft("retired/" + execution.getProcessInstanceId(), NoticeKind.RETIRED,
                service.code(), previous, service.provider(), "Đã dừng phiên bản " + previous + " của " + service.name(),
                "Phiên bản " + previous + " của dịch vụ " + service.name() + " (" + service.code() + ") đã dừng; phiên bản "
                        + "đang cung cấp là " + version(execution) + ".", now(), null));
    }

    private static String notes(DelegateExecution execution) {
        String notes = migrationNotes(execution);
        return notes == null ? "" : "Hướng dẫn chuyển đổi: " + notes;
    }

    private static String migrationNotes(DelegateExecution execution) {
        Object notes = execution.getVariable(Variables.MIGRATION_NOTES);
        return notes == null || notes.toString().isBlank() ? null : notes.toString();
    }

    private static String code(DelegateExecution execution) {
        return (String) execution.getVariable(Variables.SERVICE);
    }

    private static String version(DelegateExecution execution) {
        return (String) execution.getVariable(Variables.VERSION);
    }

    private static String provider(DelegateExecution execution) {
        return (String) execution.getVariable(Variables.PROVIDER);
    }

    private static Instant instant(DelegateExecution execution, String name) {
        return ((Date) execution.getVariable(name)).toInstant();
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
