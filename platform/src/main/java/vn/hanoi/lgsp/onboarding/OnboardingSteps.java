package vn.hanoi.lgsp.onboarding;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.core.env.Environment;
import vn.hanoi.lgsp.platform.PlatformSettings;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.decision.DecisionVersions;
import vn.hanoi.lgsp.calendar.WorkingDayCalendar;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.notification.Mailer;
import vn.hanoi.lgsp.notification.Recipients;
import vn.hanoi.lgsp.monitoring.TransactionDocument;
import vn.hanoi.lgsp.monitoring.TransactionLog;
import vn.hanoi.lgsp.onboarding.OnboardingProcess.Variables;

/**
 * What the {@code service-onboarding} model does at its service tasks and listeners
 * ({@code ${onboardingSteps.provisionTest(execution)}}, ...). Each step is safe to run
 * again: the steps touching Keycloak, the catalog and mail run after a savepoint
 * (asynchronous before), and a retried step finds its earlier effect and goes on.
 */
@Component("onboardingSteps")
public class OnboardingSteps {

    private final Registrations registrations;
    private final WorkingDayCalendar workingDays;
    private final KeycloakAdmin keycloak;
    private final CatalogAccess catalog;
    private final Mailer mail;
    private final TransactionLog transactions;
    private final Environment environment;

    private final OnboardingService onboarding;
    private final DecisionVersions decisions;
    private final PlatformSettings platform;

    OnboardingSteps(Registrations registrations, WorkingDayCalendar workingDays, KeycloakAdmin keycloak,
                    CatalogAccess catalog, Mailer mail, TransactionLog transactions,
                    Environment environment, OnboardingService onboarding, DecisionVersions decisions,
                    PlatformSettings platform) {
        this.decisions = decisions;
        this.platform = platform;
        this.onboarding = onboarding;
        this.registrations = registrations;
        this.workingDays = workingDays;
        this.keycloak = keycloak;
        this.catalog = catalog;
        this.mail = mail;
        this.transactions = transactions;
        this.environment = environment;
    }

    /** The version of a decision table the model evaluates ({@code ${onboardingSteps.productionVersion('onboarding-review')}}). */
    public int productionVersion(String decisionKey) {
        return decisions.productionVersion(decisionKey);
    }

    /**
     * Tasklist's start form (Forms 01–03): the signed-in staff member's agency applies, with the
     * same checks and records as {@code POST /api/v1/registrations}; only the form's own fields
     * are read, and none of them stays in the process. Started by the API, this does nothing.
     */
    public void submittedInTasklist(DelegateExecution execution) {
        if (OnboardingService.startingFromApi()) {
            return;
        }
        var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            throw new vn.hanoi.lgsp.contract.ApiException(vn.hanoi.lgsp.contract.ErrorCode.FORBIDDEN,
                    "A registration is submitted by a signed-in agency staff member or through the API");
        }
        String agency = keycloak.agencyOfStaff(authentication.getUserId()).orElseThrow(() ->
                new vn.hanoi.lgsp.contract.ApiException(vn.hanoi.lgsp.contract.ErrorCode.FORBIDDEN, "Account "
                        + authentication.getUserId() + " belongs to no agency: a registration is made by an agency's staff"));
        RegistrationForm form = OnboardingStartForm.read(execution);
        for (String name : new java.util.ArrayList<>(execution.getVariableNames())) {
            execution.removeVariable(name);
        }
        OnboardingService.Prepared prepared = onboarding.prepare(agency, form);
        prepared.variables().forEach(execution::setVariable);
        execution.setProcessBusinessKey(prepared.id().toString());
        registrations.processInstance(prepared.id(), execution.getProcessInstanceId());
    }

    /** After the reviewers are chosen: the 5-working-day deadline counts from the valid request. */
    public void assigned(DelegateExecution execution) {
        Registrations.Registration r = registration(execution);
        @SuppressWarnings("unchecked")
        Map<String, Object> review = (Map<String, Object>) execution.getVariable(Variables.REVIEW);
        execution.setVariable(Variables.REVIEWER_GROUP, review.get("reviewerGroup"));
        execution.setVariable(Variables.LEADER_APPROVAL, review.get("leaderApproval"));
        execution.setVariable("reviewReason", review.get("reviewReason"));
        Instant due = workingDays.deadline(r.validAt(), OnboardingProcess.REVIEW_WORKING_DAYS);
        execution.setVariable(Variables.REVIEW_DUE, Date.from(due));
        execution.setVariable(Variables.REVIEW_REMINDER_AT,
                Date.from(workingDays.deadline(r.validAt(), OnboardingProcess.REMINDER_WORKING_DAYS)));
        registrations.reviewDue(r.id(), due);
        registrations.event(r.id(), r.status(), "review by " + review.get("reviewerGroup")
                + (Boolean.TRUE.equals(review.get("leaderApproval")) ? " and DOST leaders" : "") + ", due " + due);
    }

    public void remindReviewers(DelegateExecution execution) {
        Registrations.Registration r = registration(execution);
        mail.send("onboarding/review-reminder", Recipients.staffGroup((String) execution.getVariable(Variables.REVIEWER_GROUP)),
                "registration", r.id(), "agency", r.agencyCode(), "service", r.serviceCode(),
                "due", execution.getVariable(Variables.REVIEW_DUE));
        registrations.event(r.id(), r.status(), "reviewers reminded");
    }

    /** The 5 working days ran out: DOST leaders are told, the review task stays open. */
    public void escalateReview(DelegateExecution execution) {
        Registrations.Registration r = registration(execution);
        mail.send("onboarding/review-overdue", Recipients.staffGroup("dost-leaders"), "registration", r.id(),
                "agency", r.agencyCode(), "service", r.serviceCode(), "validAt", r.validAt());
        registrations.event(r.id(), r.status(), "review overdue: DOST leaders told");
    }

    public void returnForCorrection(DelegateExecution execution) {
        Registrations.Registration r = registration(execution);
        String comment = (String) execution.getVariable(Variables.REVIEW_COMMENT);
        Instant due = workingDays.deadline(Instant.now(), OnboardingProcess.CORRECTION_WORKING_DAYS);
        execution.setVariable(Variables.CORRECTION_DUE, Date.from(due));
        registrations.decisionComment(r.id(), comment);
        registrations.status(r.id(), RegistrationStatus.RETURNED, "returned for correction until " + due
                + (comment == null ? "" : ": " + comment));
        mail.send("onboarding/correction-requested", applicant(r), "registration", r.id(), "due", due,
                "comment", comment);
    }

    public void withdraw(DelegateExecution execution) {
        Registrations.Registration r = registration(execution);
        registrations.status(r.id(), RegistrationStatus.WITHDRAWN, "not corrected in time: the request is closed");
        mail.send("onboarding/registration-withdrawn", applicant(r), "registration", r.id());
    }

    public void askProvider(DelegateExecution execution) {
        Registrations.Registration r = registration(execution);
        Instant due = workingDays.deadline(Instant.now(), OnboardingProcess.PROVIDER_WORKING_DAYS);
        execution.setVariable(Variables.PROVIDER_DUE, Date.from(due));
        registrations.status(r.id(), RegistrationStatus.AWAITING_PROVIDER, "provider " + r.providerCode()
                + " asked to permit, answer due " + due);
        mail.send("onboarding/provider-permission-requested", Recipients.addresses(catalog.providerContacts(r.serviceCode())),
                "registration", r.id(), "agency", r.agencyCode(), "service", r.serviceCode(), "version", r.serviceVersion());
    }

    /** Listener on the timeout path: the provider did not answer in time. */
    public void providerSilent(DelegateExecution execution) {
        execution.setVariable(Variables.PROVIDER_COMMENT, "the provider did not answer within "
                + OnboardingProcess.PROVIDER_WORKING_DAYS + " working days");
    }

    /** Test environment first (Appendix 01 §3.1): credentials, and the access grant or the service in test. */
    public void provisionTest(DelegateExecution execution) {
        Registrations.Registration r = registration(execution);
        String clientId = clientId(r, "test");
        keycloak.provisionAgencyClient(clientId, "Thử nghiệm — " + r.agencyCode() + " — " + r.serviceCode(),
                r.agencyCode(), "test");
        registrations.testClient(r.id(), clientId);
        catalog.enterTest(r);
        execution.setVariable(Variables.TEST_CLIENT_ID, clientId);
        if (r.status() != RegistrationStatus.TESTING) {
            registrations.status(r.id(), RegistrationStatus.TESTING, "test credentials " + clientId + " issued");
            milestone(r, "onboarding-test-credentials");
        }
    }

    public void sendConnectionGuide(DelegateExecution execution) {
        Registrations.Registration r = registration(execution);
        // the guide of Appendix 01 §3.1; credentials are not in it: the applicant's system reads them from the API
        mail.send("onboarding/connection-guide", applicant(r), "environment", "TEST", "registration", r.id(),
                "requestType", r.requestType(), "agency", r.agencyCode(), "service", r.serviceCode(),
                "version", r.serviceVersion(), "provider", r.providerCode(),
                "system", r.form().system() == null ? "" : r.form().system().name(), "platformUrl", platformUrl(),
                "tokenEndpoint", keycloak.tokenEndpoint(), "clientId", r.testClientId());
        registrations.event(r.id(), r.status(), "connection guide sent to " + r.form().contact().email());
    }

    /** Both sides confirmed the test: production credentials, the grant or the publication. */
    public void provisionProduction(DelegateExecution execution) {
        Registrations.Registration r = registration(execution);
        String clientId = clientId(r, "prod");
        keycloak.provisionAgencyClient(clientId, "Chính thức — " + r.agencyCode() + " — " + r.serviceCode(),
                r.agencyCode(), "production");
        registrations.productionClient(r.id(), clientId);
        catalog.goLive(r);
        // at go-live the test credentials stop, unless DOST keeps them on purpose (test form)
        if (r.testClientId() != null && !Boolean.TRUE.equals(execution.getVariable(Variables.KEEP_TEST_CLIENT))) {
            keycloak.disableClient(r.testClientId(), "go-live of registration " + r.id());
        }
        if (r.status() != RegistrationStatus.ACTIVE) {
            registrations.status(r.id(), RegistrationStatus.ACTIVE, "production credentials " + clientId + " issued; "
                    + ("PROVIDER".equals(r.requestType()) ? "service published" : "access granted"));
            milestone(r, "onboarding-activated");
        }
    }

    public void notifyActivated(DelegateExecution execution) {
        Registrations.Registration r = registration(execution);
        Recipients to = applicant(r);
        if ("CONSUMER".equals(r.requestType())) {
            to = to.and(Recipients.addresses(catalog.providerContacts(r.serviceCode())));
        }
        mail.send("onboarding/activated", to, "registration", r.id(), "agency", r.agencyCode(), "service", r.serviceCode(),
                "version", r.serviceVersion(), "clientId", r.productionClientId());
    }

    /** Any refusal: nothing issued stays behind. */
    public void reject(DelegateExecution execution) {
        Registrations.Registration r = registration(execution);
        String reason = firstNonBlank((String) execution.getVariable("leaderComment"),
                (String) execution.getVariable(Variables.PROVIDER_COMMENT),
                (String) execution.getVariable(Variables.REVIEW_COMMENT), "refused");
        for (String clientId : List.of(clientId(r, "test"), clientId(r, "prod"))) {
            keycloak.deleteClient(clientId);
        }
        catalog.withdraw(r);
        registrations.decisionComment(r.id(), reason);
        if (r.status() != RegistrationStatus.REJECTED) {
            registrations.status(r.id(), RegistrationStatus.REJECTED, "rejected: " + reason);
            milestone(r, "onboarding-rejected");
        }
        mail.send("onboarding/rejected", applicant(r), "registration", r.id(), "reason", reason);
    }

    private void milestone(Registrations.Registration r, String kind) {
        transactions.record(TransactionDocument.milestone(UUID.randomUUID().toString(), kind, r.agencyCode(),
                r.providerCode(), transactions.environment()));
    }

    /** The contact the applicant gave in its form. */
    private static Recipients applicant(Registrations.Registration r) {
        return Recipients.address(r.form().contact().email());
    }

    private String platformUrl() {
        String configured = platform.publicUrl();
        return configured != null && !configured.isBlank() ? configured : "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080");
    }

    /** The whole registration id: a client is never shared between two registrations. */
    /** Due date of DOST's test confirmation ({@code ${onboardingSteps.testConfirmationDue()}}), in working days. */
    public Date testConfirmationDue() {
        return Date.from(workingDays.deadline(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant(),
                OnboardingProcess.TEST_CONFIRMATION_WORKING_DAYS));
    }

    static String clientId(Registrations.Registration r, String environment) {
        return "reg-" + r.id() + "-" + environment;
    }

    private Registrations.Registration registration(DelegateExecution execution) {
        UUID id = UUID.fromString((String) execution.getVariable(Variables.REGISTRATION_ID));
        Registrations.Registration registration = registrations.find(id)
                .orElseThrow(() -> new IllegalStateException("registration " + id + " is missing"));
        // a registration is moved only by the one instance started for it: another instance naming it is refused
        if (!execution.getProcessInstanceId().equals(registration.processInstanceId())) {
            throw new IllegalStateException("registration " + id + " belongs to process instance "
                    + registration.processInstanceId() + ", not " + execution.getProcessInstanceId());
        }
        return registration;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
