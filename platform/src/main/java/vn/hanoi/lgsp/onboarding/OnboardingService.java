package vn.hanoi.lgsp.onboarding;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.agency.Agency;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.onboarding.OnboardingProcess.Messages;
import vn.hanoi.lgsp.onboarding.OnboardingProcess.Variables;

/** What agencies do with their onboarding requests through the API. */
@Service
class OnboardingService {

    private final Registrations registrations;
    private final AgencyRegistry agencies;
    private final CatalogAccess catalog;
    private final RuntimeService runtime;
    private final KeycloakAdmin keycloak;

    private final ConnectionNeeds needs;

    OnboardingService(Registrations registrations, AgencyRegistry agencies, CatalogAccess catalog, RuntimeService runtime,
                      KeycloakAdmin keycloak, ConnectionNeeds needs) {
        this.needs = needs;
        this.registrations = registrations;
        this.agencies = agencies;
        this.catalog = catalog;
        this.runtime = runtime;
        this.keycloak = keycloak;
    }

    /** Accepts a complete request and starts its review; an incomplete one comes back with what is missing. */
    @Transactional
    Registrations.Registration submit(String agencyCode, RegistrationForm form) {
        Prepared prepared = prepare(agencyCode, form);
        STARTING_FROM_API.set(Boolean.TRUE);
        try {
            String instance = runtime.startProcessInstanceByKey(OnboardingProcess.PROCESS_KEY, prepared.id().toString(),
                    prepared.variables()).getId();
            registrations.processInstance(prepared.id(), instance);
        } finally {
            STARTING_FROM_API.remove();
        }
        return registrations.find(prepared.id()).orElseThrow();
    }

    /**
     * Set while the API starts a review it has already checked; not a process variable, which
     * whoever submits Tasklist's start form could set too.
     */
    private static final ThreadLocal<Boolean> STARTING_FROM_API = new ThreadLocal<>();

    static boolean startingFromApi() {
        return Boolean.TRUE.equals(STARTING_FROM_API.get());
    }

    /** A checked request, stored: what the review process starts with. */
    record Prepared(UUID id, Map<String, Object> variables) {
    }

    /**
     * Everything both ways in check and store (the API, and Tasklist's start form): the request
     * is complete, the agency active, the service known; then the registration is recorded.
     */
    Prepared prepare(String agencyCode, RegistrationForm form) {
        Agency agency = agencies.requireActive(agencyCode);
        List<ApiError.Detail> missing = CompletenessCheck.missing(form);
        if (!missing.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The request is incomplete and was not accepted; missing: "
                    + missing.stream().map(d -> d.field() + " (" + d.reason() + ")").toList(), missing);
        }
        CatalogAccess.Target target = catalog.target(agencyCode, form);
        UUID id = UUID.randomUUID();
        Instant validAt = Instant.now();
        registrations.insert(id, agencyCode, target.providerCode(), target.serviceCode(), target.version(), form, validAt);
        // a need to connect the agency recorded earlier is met by this registration, from the API or Tasklist (Đ16.3)
        needs.fulfil(agencyCode, ConnectionNeeds.Kind.CONNECT, "registration:" + id);
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.REGISTRATION_ID, id.toString());
        variables.put(Variables.REQUEST_TYPE, form.type());
        variables.put(Variables.DATA_CLASSIFICATION, target.dataClassification());
        variables.put(Variables.SECURITY_LEVEL, form.approvedSecurityLevel() == null || form.approvedSecurityLevel().level() == null
                ? 0 : form.approvedSecurityLevel().level());
        variables.put("applicantName", agency.name());
        variables.put("applicantCode", agency.code());
        variables.put("requestTypeLabel", "PROVIDER".equals(form.type()) ? "Cung cấp dịch vụ (mẫu 01)" : "Khai thác dịch vụ (mẫu 02)");
        variables.put("serviceName", target.serviceName() + " (" + target.serviceCode() + ", " + target.version() + ")");
        variables.put("providerName", agencies.find(target.providerCode()).map(Agency::name).orElse(target.providerCode()));
        variables.put("purpose", "PROVIDER".equals(form.type()) ? form.service().description()
                : form.consumption().purpose() + " — " + form.consumption().scope());
        variables.put("securitySummary", securitySummary(form));
        variables.put("contactSummary", form.contact().name() + ", " + form.contact().email() + ", " + form.contact().phone());
        return new Prepared(id, variables);
    }

    Registrations.Registration view(UUID id, String agencyCode) {
        return registrations.find(id).filter(r -> r.agencyCode().equals(agencyCode) || r.providerCode().equals(agencyCode))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No registration " + id + " is visible to " + agencyCode));
    }

    List<Registrations.Event> timeline(UUID id) {
        return registrations.events(id);
    }

    /** The applicant completes a request that was returned for correction. */
    @Transactional
    Registrations.Registration correct(UUID id, String agencyCode, RegistrationForm form) {
        Registrations.Registration r = own(id, agencyCode);
        if (r.status() != RegistrationStatus.RETURNED) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Registration " + id + " is " + r.status()
                    + "; only a request returned for correction can be changed");
        }
        if (!r.requestType().equals(form.type())) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "A correction cannot change the request type");
        }
        List<ApiError.Detail> missing = CompletenessCheck.missing(form);
        if (!missing.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The corrected request is still incomplete; missing: "
                    + missing.stream().map(d -> d.field() + " (" + d.reason() + ")").toList(), missing);
        }
        Instant validAt = Instant.now();
        registrations.correct(id, form, validAt);
        registrations.status(id, RegistrationStatus.IN_REVIEW, "corrected by the applicant; review restarts");
        correlate(r, Messages.CORRECTED, Map.of("purpose", "PROVIDER".equals(form.type()) ? form.service().description()
                : form.consumption().purpose() + " — " + form.consumption().scope(),
                "securitySummary", securitySummary(form)));
        return registrations.find(id).orElseThrow();
    }

    /** The provider permits or refuses a consumer (Appendix 01 §3.3: the provider's permission). */
    @Transactional
    Registrations.Registration providerDecision(UUID id, String providerCode, boolean permit, String comment) {
        Registrations.Registration r = registrations.find(id).filter(x -> x.providerCode().equals(providerCode)
                        && "CONSUMER".equals(x.requestType()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No consumer registration " + id + " for provider "
                        + providerCode));
        if (r.status() != RegistrationStatus.AWAITING_PROVIDER) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Registration " + id + " is " + r.status()
                    + "; the provider's decision is not expected now");
        }
        registrations.event(id, r.status(), (permit ? "provider permitted" : "provider refused")
                + (comment == null ? "" : ": " + comment));
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.PROVIDER_DECISION, permit ? "PERMIT" : "REFUSE");
        variables.put(Variables.PROVIDER_COMMENT, comment);
        correlate(r, Messages.PROVIDER_DECIDED, variables);
        return registrations.find(id).orElseThrow();
    }

    /** The applicant confirms its test connection worked (R-14: both sides confirm). */
    @Transactional
    Registrations.Registration confirmTest(UUID id, String agencyCode) {
        Registrations.Registration r = own(id, agencyCode);
        if (r.status() != RegistrationStatus.TESTING) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Registration " + id + " is " + r.status()
                    + "; the test can be confirmed only while testing");
        }
        registrations.event(id, r.status(), "the applicant confirmed the test connection");
        correlate(r, Messages.TEST_CONFIRMED, Map.of());
        return registrations.find(id).orElseThrow();
    }

    /** The applicant's system reads its credentials; they never travel by e-mail. */
    KeycloakAdmin.AgencyCredentials credentials(UUID id, String agencyCode, String environment) {
        Registrations.Registration r = own(id, agencyCode);
        String clientId = "PRODUCTION".equals(environment) ? r.productionClientId() : r.testClientId();
        if (clientId == null || r.status() == RegistrationStatus.REJECTED || r.status() == RegistrationStatus.WITHDRAWN) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Registration " + id + " has no " + environment + " credentials");
        }
        return keycloak.agencyCredentials(clientId, environment).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "The " + environment + " credentials of " + id + " were revoked"));
    }

    private Registrations.Registration own(UUID id, String agencyCode) {
        return registrations.find(id).filter(r -> r.agencyCode().equals(agencyCode))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No registration " + id + " of " + agencyCode));
    }

    private void correlate(Registrations.Registration r, String message, Map<String, Object> variables) {
        boolean waiting = runtime.createExecutionQuery().processInstanceBusinessKey(r.id().toString())
                .messageEventSubscriptionName(message).count() > 0;
        if (!waiting) {
            throw new ApiException(ErrorCode.UPSTREAM_UNAVAILABLE, "Registration " + r.id() + " is not waiting for this now");
        }
        runtime.createMessageCorrelation(message).processInstanceBusinessKey(r.id().toString())
                .setVariables(variables).correlate();
    }

    static String securitySummary(RegistrationForm form) {
        if (form.approvedSecurityLevel() != null && form.approvedSecurityLevel().level() != null) {
            return "Cấp độ " + form.approvedSecurityLevel().level() + " (quyết định " + form.approvedSecurityLevel().decisionNumber() + ")";
        }
        RegistrationForm.SecurityCommitment c = form.securityCommitment();
        return "Cam kết mẫu 03: " + c.signedBy() + (c.position() == null ? "" : ", " + c.position()) + ", ký ngày " + c.signedOn();
    }
}
