package vn.hanoi.lgsp.onboarding;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.cluster.ClusterJobs;
import vn.hanoi.lgsp.notification.Mailer;
import vn.hanoi.lgsp.notification.Recipients;

/**
 * Once a day, a need whose deadline has come and that nothing has met yet is recalled to the
 * agency's contacts; a need past its deadline to DOST's operators too (Đ16.3, Đ16.5).
 */
@Component
class ConnectionNeedReminders {

    private final ConnectionNeeds needs;
    private final Mailer mailer;
    private final ClusterJobs jobs;

    ConnectionNeedReminders(ConnectionNeeds needs, Mailer mailer, ClusterJobs jobs) {
        this.needs = needs;
        this.mailer = mailer;
        this.jobs = jobs;
    }

    @Scheduled(initialDelayString = "PT3M", fixedDelayString = "PT1H")
    void scheduled() {
        if (jobs.claim("connection-need-reminders", Duration.ofHours(1))) {
            remind(LocalDate.now(ConnectionNeeds.VIETNAM));
        }
    }

    /** Sends today's reminders; each need is recalled at most once a day. Returns how many were sent. */
    int remind(LocalDate today) {
        int sent = 0;
        for (ConnectionNeeds.Need need : needs.dueBy(today)) {
            boolean late = need.dueOn().isBefore(today);
            Recipients to = Recipients.agency(need.agency());
            // an agency that never registered has no contact on file yet: DOST, who recorded or received the need, is told
            boolean noContact = mailer.addressesOf(to).isEmpty();
            if (late || noContact) {
                to = to.and(Recipients.staffGroup("dost-operators"));
            }
            List<String> told = mailer.send("onboarding/connection-need-reminder", to, "agency", need.agency(),
                    "cancel", need.kind() != ConnectionNeeds.Kind.CONNECT, "late", late, "noContact", noContact,
                    "identifiedOn", need.identifiedOn(), "description", need.description(), "dueOn", need.dueOn());
            if (told.isEmpty()) {
                continue;
            }
            needs.reminded(need.id(), today);
            sent++;
        }
        return sent;
    }
}
