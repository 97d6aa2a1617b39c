package vn.hanoi.lgsp.onboarding;

import java.time.LocalDate;
import java.util.List;

/**
 * An onboarding request as Appendix 02 lays it out: Form 01 (a provider's service) or
 * Form 02 (a consumer's request), each with Form 03 (the security commitment) or an
 * approved security level of the system.
 *
 * @param type                 {@code PROVIDER} (Form 01) or {@code CONSUMER} (Form 02)
 */
public record RegistrationForm(String type, SystemInfo system, Contact contact, ProvidedService service,
                               Consumption consumption, SecurityCommitment securityCommitment,
                               ApprovedSecurityLevel approvedSecurityLevel) {

    /** The information system that connects. */
    public record SystemInfo(String name, String baseUrl, String description) {
    }

    public record Contact(String name, String position, String email, String phone) {
    }

    public record Document(String title, String url) {
    }

    /** Form 01: the service a provider publishes through the LGSP. */
    public record ProvidedService(String code, String name, String description, String version, String baseUrl,
                                  String dataClassification, String openApi, String postman, List<Document> documents,
                                  Contact support) {
    }

    /** Form 02: the service a consumer wants, and why. */
    public record Consumption(String serviceCode, String version, String purpose, String scope, String legalBasis,
                              Integer expectedCallsPerDay) {
    }

    /** Form 03: the unit's commitment to keep the connection secure. */
    public record SecurityCommitment(String signedBy, String position, LocalDate signedOn, Boolean accepted) {
    }

    /** A security level approved for the system (Decree 85/2016), instead of Form 03. */
    public record ApprovedSecurityLevel(Integer level, String decisionNumber, LocalDate approvedOn) {
    }
}
