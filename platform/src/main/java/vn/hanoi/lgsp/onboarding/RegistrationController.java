package vn.hanoi.lgsp.onboarding;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.identity.KeycloakAdmin;

/** Onboarding for agency systems: submit Form 01/02 with Form 03, follow, correct, permit, confirm the test. */
@RestController
@RequestMapping(path = "/api/v1/registrations", produces = MediaType.APPLICATION_JSON_VALUE)
class RegistrationController {

    private final OnboardingService onboarding;

    RegistrationController(OnboardingService onboarding) {
        this.onboarding = onboarding;
    }

    record View(String registrationId, String type, RegistrationStatus status, String agency, String provider,
                String serviceCode, String serviceVersion, Instant validAt, Instant reviewDue, String decisionComment,
                String testClientId, String productionClientId, List<Registrations.Event> timeline) {
    }

    record Detail(String code, String message, View registration) {
    }

    record ProviderDecision(Boolean permit, String comment) {
    }

    record Credentials(String code, String message, String environment, String clientId, String clientSecret,
                       String tokenEndpoint) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Detail> submit(@RequestBody RegistrationForm form, Authentication caller) {
        Registrations.Registration r = onboarding.submit(agency(caller), form);
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", "/api/v1/registrations/" + r.id())
                .body(detail(r, "Request accepted; DOST decides by " + r.reviewDue()));
    }

    @GetMapping("/{id}")
    Detail get(@PathVariable String id, Authentication caller) {
        return detail(onboarding.view(parse(id), agency(caller)), "Registration found");
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Detail correct(@PathVariable String id, @RequestBody RegistrationForm form, Authentication caller) {
        return detail(onboarding.correct(parse(id), agency(caller), form), "Correction received; review restarts");
    }

    @PostMapping(path = "/{id}/provider-decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    Detail providerDecision(@PathVariable String id, @RequestBody ProviderDecision decision, Authentication caller) {
        if (decision == null || decision.permit() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The decision needs permit: true or false");
        }
        return detail(onboarding.providerDecision(parse(id), agency(caller), decision.permit(), decision.comment()),
                "Decision recorded");
    }

    @PostMapping("/{id}/test-confirmation")
    Detail confirmTest(@PathVariable String id, Authentication caller) {
        return detail(onboarding.confirmTest(parse(id), agency(caller)), "Test confirmed");
    }

    @GetMapping("/{id}/credentials")
    Credentials credentials(@PathVariable String id, @RequestParam(defaultValue = "TEST") String environment,
                            Authentication caller) {
        if (!"TEST".equals(environment) && !"PRODUCTION".equals(environment)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "environment is TEST or PRODUCTION");
        }
        KeycloakAdmin.AgencyCredentials c = onboarding.credentials(parse(id), agency(caller), environment);
        return new Credentials(ApiResponses.SUCCESS, "Credentials of " + environment, environment, c.clientId(),
                c.clientSecret(), c.tokenEndpoint());
    }

    private Detail detail(Registrations.Registration r, String message) {
        return new Detail(ApiResponses.SUCCESS, message, new View(r.id().toString(), r.requestType(), r.status(),
                r.agencyCode(), r.providerCode(), r.serviceCode(), r.serviceVersion(), r.validAt(), r.reviewDue(),
                r.decisionComment(), r.testClientId(), r.productionClientId(), onboarding.timeline(r.id())));
    }

    private static String agency(Authentication caller) {
        return AgencyCaller.of(caller).requireAgency("Registrations are made by agency systems: the token carries no "
                + "agency_code");
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No registration " + id);
        }
    }
}
