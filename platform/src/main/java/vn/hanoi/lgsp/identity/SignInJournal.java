package vn.hanoi.lgsp.identity;

import java.time.Instant;
import java.util.Map;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import vn.hanoi.lgsp.audit.AuditEntry;
import vn.hanoi.lgsp.audit.AuditJournal;
import vn.hanoi.lgsp.contract.TransactionIds;

/** Staff sign-ins to the web apps through Keycloak, and failed ones, in the journal. */
final class SignInJournal {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SignInJournal.class);

    private final AuditJournal journal;

    SignInJournal(AuditJournal journal) {
        this.journal = journal;
    }

    AuthenticationSuccessHandler onSuccess() {
        SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
        return (request, response, authentication) -> {
            if (StaffOrCitizen.citizen(authentication)) {
                // a citizen's sign-in is VNeID's and the citizens' realm's to record, not the staff journal's
                next.onAuthenticationSuccess(request, response, authentication);
                return;
            }
            String user = authentication.getPrincipal() instanceof OidcUser oidc && oidc.getPreferredUsername() != null
                    ? oidc.getPreferredUsername() : authentication.getName();
            journal.append(new AuditEntry(Instant.now(), AuditEntry.ActorKind.STAFF, user, null, "staff.sign-in",
                    "web-apps", "00", TransactionIds.of(request), Map.of()));
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }

    AuthenticationFailureHandler onFailure() {
        SimpleUrlAuthenticationFailureHandler next = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, exception) -> {
            log.warn("A sign-in through Keycloak failed: {}", exception.getMessage());
            journal.append(new AuditEntry(Instant.now(), AuditEntry.ActorKind.ANONYMOUS, "anonymous", null,
                    "staff.sign-in", "web-apps", "01", TransactionIds.of(request),
                    Map.of("reason", exception.getClass().getSimpleName())));
            next.onAuthenticationFailure(request, response, exception);
        };
    }
}
