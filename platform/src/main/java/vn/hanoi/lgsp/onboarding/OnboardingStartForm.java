package vn.hanoi.lgsp.onboarding;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.VariableScope;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.onboarding.OnboardingProcess.StartForm;

/**
 * Reads Tasklist's flat start form into the request the API takes, so that both are checked
 * by the same {@link CompletenessCheck}. Form 01's part is read only for a provider, Form 02's
 * only for a consumer; Form 03 or the approved security level for both.
 */
final class OnboardingStartForm {

    private OnboardingStartForm() {
    }

    static RegistrationForm read(VariableScope form) {
        String type = text(form, StartForm.TYPE);
        type = type == null ? null : type.toUpperCase(Locale.ROOT);
        RegistrationForm.ProvidedService service = !"PROVIDER".equals(type) ? null
                : new RegistrationForm.ProvidedService(text(form, StartForm.SERVICE_CODE), text(form, StartForm.SERVICE_NAME),
                text(form, StartForm.SERVICE_DESCRIPTION), text(form, StartForm.SERVICE_VERSION),
                text(form, StartForm.SERVICE_BASE_URL), text(form, StartForm.SERVICE_CLASSIFICATION),
                text(form, StartForm.SERVICE_OPEN_API), null, List.of(),
                new RegistrationForm.Contact(text(form, StartForm.CONTACT_NAME), null, text(form, StartForm.SUPPORT_EMAIL),
                        text(form, StartForm.SUPPORT_PHONE)));
        RegistrationForm.Consumption consumption = !"CONSUMER".equals(type) ? null
                : new RegistrationForm.Consumption(text(form, StartForm.WANTED_SERVICE), text(form, StartForm.WANTED_VERSION),
                text(form, StartForm.PURPOSE), text(form, StartForm.SCOPE), text(form, StartForm.LEGAL_BASIS),
                integer(form, StartForm.CALLS_PER_DAY));
        Integer level = integer(form, StartForm.SECURITY_LEVEL);
        RegistrationForm.ApprovedSecurityLevel approved = level == null ? null
                : new RegistrationForm.ApprovedSecurityLevel(level, text(form, StartForm.SECURITY_DECISION),
                day(form, StartForm.SECURITY_APPROVED_ON));
        RegistrationForm.SecurityCommitment commitment = approved != null ? null
                : new RegistrationForm.SecurityCommitment(text(form, StartForm.COMMITMENT_SIGNED_BY),
                text(form, StartForm.COMMITMENT_POSITION), day(form, StartForm.COMMITMENT_SIGNED_ON),
                Boolean.TRUE.equals(form.getVariable(StartForm.COMMITMENT_ACCEPTED)) ? Boolean.TRUE : null);
        return new RegistrationForm(type,
                new RegistrationForm.SystemInfo(text(form, StartForm.SYSTEM_NAME), text(form, StartForm.SYSTEM_BASE_URL),
                        text(form, StartForm.SYSTEM_DESCRIPTION)),
                new RegistrationForm.Contact(text(form, StartForm.CONTACT_NAME), text(form, StartForm.CONTACT_POSITION),
                        text(form, StartForm.CONTACT_EMAIL), text(form, StartForm.CONTACT_PHONE)),
                service, consumption, commitment, approved);
    }

    private static String text(VariableScope form, String name) {
        Object value = form.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static Integer integer(VariableScope form, String name) {
        Object value = form.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.valueOf(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, name + " must be a whole number, not '" + value + "'");
        }
    }

    private static LocalDate day(VariableScope form, String name) {
        String value = text(form, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, name + " must be a day as YYYY-MM-DD, not '" + value + "'");
        }
    }
}
