package vn.hanoi.lgsp.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.hanoi.lgsp.contract.ApiError;

/**
 * The conditions of Appendix 01 §3.2 (provider) and §3.3 (consumer): an incomplete request
 * is returned with everything that is missing at once, not accepted.
 */
final class CompletenessCheck {

    static final Set<String> CLASSIFICATIONS = Set.of("PUBLIC", "INTERNAL", "PERSONAL_DATA", "CONFIDENTIAL");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SERVICE_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{2,79}");

    private CompletenessCheck() {
    }

    static List<ApiError.Detail> missing(RegistrationForm form) {
        List<ApiError.Detail> missing = new ArrayList<>();
        if (form.type() == null || !Set.of("PROVIDER", "CONSUMER").contains(form.type())) {
            missing.add(new ApiError.Detail("type", "PROVIDER (Form 01) or CONSUMER (Form 02)"));
            return missing;
        }
        if (form.system() == null || blank(form.system().name())) {
            missing.add(new ApiError.Detail("system.name", "the information system that connects"));
        }
        contact("contact", form.contact(), missing);
        if (form.type().equals("PROVIDER")) {
            provider(form.service(), missing);
        } else {
            consumer(form.consumption(), missing);
        }
        security(form, missing);
        return missing;
    }

    private static void provider(RegistrationForm.ProvidedService service, List<ApiError.Detail> missing) {
        if (service == null) {
            missing.add(new ApiError.Detail("service", "Form 01: the service to publish"));
            return;
        }
        if (service.code() == null || !SERVICE_CODE.matcher(service.code()).matches()) {
            missing.add(new ApiError.Detail("service.code", "a short code of lower-case letters, digits and dashes"));
        }
        require(service.name(), "service.name", "the service's name", missing);
        require(service.description(), "service.description", "what data the service shares", missing);
        require(service.version(), "service.version", "the version, e.g. v1", missing);
        require(service.baseUrl(), "service.baseUrl", "where the LGSP reaches the service", missing);
        if (service.dataClassification() == null || !CLASSIFICATIONS.contains(service.dataClassification())) {
            missing.add(new ApiError.Detail("service.dataClassification", "one of " + CLASSIFICATIONS));
        }
        if (blank(service.openApi()) && blank(service.postman())) {
            missing.add(new ApiError.Detail("service.openApi", "technical documentation: an OpenAPI or Postman file"));
        }
        contact("service.support", service.support(), missing);
    }

    private static void consumer(RegistrationForm.Consumption consumption, List<ApiError.Detail> missing) {
        if (consumption == null) {
            missing.add(new ApiError.Detail("consumption", "Form 02: the service wanted and why"));
            return;
        }
        require(consumption.serviceCode(), "consumption.serviceCode", "the service wanted", missing);
        require(consumption.version(), "consumption.version", "the version wanted", missing);
        require(consumption.purpose(), "consumption.purpose", "the purpose of use", missing);
        require(consumption.scope(), "consumption.scope", "the scope of use (which data, for what procedures)", missing);
    }

    private static void security(RegistrationForm form, List<ApiError.Detail> missing) {
        RegistrationForm.SecurityCommitment commitment = form.securityCommitment();
        RegistrationForm.ApprovedSecurityLevel level = form.approvedSecurityLevel();
        boolean committed = commitment != null && Boolean.TRUE.equals(commitment.accepted())
                && !blank(commitment.signedBy()) && commitment.signedOn() != null;
        boolean approved = level != null && level.level() != null && level.level() >= 1 && level.level() <= 5
                && !blank(level.decisionNumber());
        if (!committed && !approved) {
            missing.add(new ApiError.Detail("securityCommitment",
                    "Form 03 signed (signedBy, signedOn, accepted) or an approved security level (1-5, decisionNumber)"));
        }
    }

    private static void contact(String field, RegistrationForm.Contact contact, List<ApiError.Detail> missing) {
        if (contact == null) {
            missing.add(new ApiError.Detail(field, "a contact person with name, e-mail and phone"));
            return;
        }
        require(contact.name(), field + ".name", "the contact's name", missing);
        if (contact.email() == null || !EMAIL.matcher(contact.email()).matches()) {
            missing.add(new ApiError.Detail(field + ".email", "a valid e-mail address"));
        }
        require(contact.phone(), field + ".phone", "a phone number", missing);
    }

    private static void require(String value, String field, String what, List<ApiError.Detail> missing) {
        if (blank(value)) {
            missing.add(new ApiError.Detail(field, what));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
