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
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.ServiceVersion;
import vn.hanoi.lgsp.catalog.SharedService;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.lifecycle.RetirementProcess.Variables;
import vn.hanoi.lgsp.notice.NoticeBoard;
import vn.hanoi.lgsp.notice.NoticeKind;
import vn.hanoi.lgsp.notification.Recipients;
import vn.hanoi.lgsp.onboarding.IssuedCredentials;

/**
 * What the {@code service-retirement} model does at its steps ({@code ${retirementSteps.publish(execution)}}, ...).
 * Each step can run again after a failure without doing twice what it did: notices are keyed, the
 * catalog refuses a change already made and the steps look before they change.
 */
@Component("retirementSteps")
public class RetirementSteps {

    private static final String ACTOR = "lgsp";

    private final ServiceCatalog catalog;
    private final Announcements announce;
    private final IssuedCredentials credentials;
    private final KeycloakAdmin keycloak;

    RetirementSteps(ServiceCatalog catalog, Announcements announce, IssuedCredentials credentials,
                    KeycloakAdmin keycloak) {
        this.catalog = catalog;
        this.announce = announce;
        this.credentials = credentials;
        this.keycloak = keycloak;
    }

    /**
     * The provider announced the end: its consumers and DOST hear of it at once, since the 60
     * days count from this notice; DOST confirms it next.
     */
    public void announced(DelegateExecution execution) {
        SharedService service = service(execution);
        Instant retireAt = instant(execution, Variables.RETIRE_AT);
        Object[] values = {"code", service.code(), "name", service.name(), "providerName", service.providerName(),
                "retireOn", Announcements.day(retireAt), "reason", given(execution.getVariable(Variables.REASON))};
        announce.send("retirement-announced", Recipients.agencies(announce.consumersOf(service)), values);
        announce.send("retirement-confirmation-requested", Recipients.staffGroup("dost-operators"), values);
    }

    /** DOST refused the announcement: the provider and the consumers told of it hear why; nothing changes in the catalog. */
    public void notifyRefused(DelegateExecution execution) {
        SharedService service = service(execution);
        Set<String> told = new LinkedHashSet<>(announce.consumersOf(service));
        told.add(service.provider());
        announce.send("retirement-refused", Recipients.agencies(told), "code", service.code(), "name", service.name(),
                "comment", given(execution.getVariable(Variables.COMMENT)));
    }

    /**
     * DOST confirmed: the published version is deprecated with its end on the announced day, the
     * retirement is published as a notice, consumers and the provider are told, and the reminders
     * are set ({@link RetirementProcess#REMINDER_DAYS} before the end).
     */
    public void publish(DelegateExecution execution) {
        SharedService service = service(execution);
        Instant retireAt = instant(execution, Variables.RETIRE_AT);
        Instant announcedAt = instant(execution, Variables.ANNOUNCED_AT);
        for (ServiceVersion version : service.versions()) {
            if (version.status() == VersionStatus.PUBLISHED) {
                catalog.deprecate(service.code(), version.version(), retireAt, announcedAt, ACTOR);
            }
        }
        publishRetirementNotice(execution, service, retireAt);
        Set<String> told = new LinkedHashSet<>(announce.consumersOf(service));
        told.add(service.provider());
        announce.send("retirement-published", Recipients.agencies(told), "code", service.code(), "name", service.name(),
                "providerName", service.providerName(), "retireOn", Announcements.day(retireAt),
                "reason", given(execution.getVariable(Variables.REASON)));
        List<Integer> reminders = RetirementProcess.REMINDER_DAYS;
        execution.setVariable(Variables.REMINDER_30_AT, Date.from(retireAt.minus(Duration.ofDays(reminders.get(0)))));
        execution.setVariable(Variables.REMINDER_7_AT, Date.from(retireAt.minus(Duration.ofDays(reminders.get(1)))));
    }

    private void publishRetirementNotice(DelegateExecution execution, SharedService service, Instant retireAt) {
        announce.publish(new NoticeBoard.Draft("retirement/" + execution.getProcessInstanceId(), NoticeKind.RETIREMENT,
                service.code(), null, service.provider(), "Dừng cung cấp dịch vụ " + service.name(),
                "Dịch vụ " + service.name() + " (" + service.code() + ") của " + service.providerName()
                        + " dừng cung cấp từ ngày " + Announcements.day(retireAt) + ". Lý do: "
                        + text(execution.getVariable(Variables.REASON)) + ".", retireAt, null));
    }

    /** DOST did not confirm within 5 working days: its leaders hear of it. */
    public void escalateConfirm(DelegateExecution execution) {
        SharedService service = service(execution);
        announce.send("retirement-confirmation-overdue", Recipients.staffGroup("dost-leaders"), "code", service.code(),
                "providerName", service.providerName(), "workingDays", RetirementProcess.CONFIRM_WORKING_DAYS);
    }

    /** A reminder, at one of {@link RetirementProcess#REMINDER_DAYS}, to the consumers that still hold a grant. */
    public void remind(DelegateExecution execution) {
        SharedService service = service(execution);
        Set<String> consumers = announce.consumersOf(service);
        Instant retireAt = instant(execution, Variables.RETIRE_AT);
        long daysBefore = Announcements.daysUntil(retireAt);
        announce.send("retirement-reminder", Recipients.agencies(consumers), "code", service.code(), "name", service.name(),
                "daysBefore", daysBefore, "retireOn", Announcements.day(retireAt));
    }

    /**
     * The day has come: every version ends (published ones through their sunset, unpublished
     * ones withdrawn), which revokes every grant; the gateway answers 410 from then on; the
     * clients issued for this service alone are disabled.
     */
    public void retire(DelegateExecution execution) {
        SharedService service = service(execution);
        Set<String> consumers = announce.consumersOf(service);
        execution.setVariable("consumersAtRetirement", new ArrayList<>(consumers));
        for (ServiceVersion version : service.versions()) {
            switch (version.status()) {
                case DRAFT, TEST -> catalog.withdraw(service.code(), version.version(), ACTOR);
                case DEPRECATED -> catalog.moveVersion(service.code(), version.version(), VersionStatus.RETIRED, ACTOR);
                case PUBLISHED -> throw new IllegalStateException("version " + version.version() + " of " + service.code()
                        + " was published after the retirement was confirmed; DOST must deprecate it first");
                case RETIRED -> {
                }
            }
        }
        List<String> disabled = new ArrayList<>();
        for (String client : credentials.clientsServing(service.code())) {
            if (keycloak.clientEnabled(client)) {
                keycloak.disableClient(client, "service " + service.code() + " retired (R-16)");
                disabled.add(client);
            }
        }
        execution.setVariable("disabledClients", disabled);
    }

    /** Everyone who was told of the end hears it is done. */
    public void notifyRetired(DelegateExecution execution) {
        SharedService service = service(execution);
        @SuppressWarnings("unchecked")
        List<String> consumers = (List<String>) execution.getVariable("consumersAtRetirement");
        Set<String> told = new LinkedHashSet<>(consumers == null ? List.of() : consumers);
        told.add(service.provider());
        publishRetiredNotice(execution, service);
        announce.send("retirement-done", Recipients.agencies(told), "code", service.code(), "name", service.name());
        announce.send("retirement-done-staff", Recipients.staffGroup("dost-operators"), "code", service.code(),
                "told", told);
    }

    private void publishRetiredNotice(DelegateExecution execution, SharedService service) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        announce.publish(new NoticeBoard.Draft("retired/" + execution.getProcessInstanceId(), NoticeKind.RETIRED,
                service.code(), null, service.provider(), "Đã dừng dịch vụ " + service.name(),
                "Dịch vụ " + service.name() + " (" + service.code() + ") đã dừng cung cấp từ ngày "
                        + Announcements.day(now) + "; các quyền khai thác đã được thu hồi.", now, null));
    }

    private SharedService service(DelegateExecution execution) {
        return catalog.require((String) execution.getVariable(Variables.SERVICE));
    }

    private static Instant instant(DelegateExecution execution, String name) {
        return ((Date) execution.getVariable(name)).toInstant();
    }

    private static String text(Object value) {
        String given = given(value);
        return given == null ? "không nêu" : given;
    }

    /** What staff wrote, or null when they wrote nothing: the templates say so in their own words. */
    private static String given(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
