package vn.hanoi.lgsp.onboarding;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.cluster.ClusterJobs;
import vn.hanoi.lgsp.notification.Mailer;

/**
 * Once a day, a need whose deadline has come and that nothing has met yet is recalled to the
 * agency's contacts; a need past its deadline to DOST's operators too (Đ16.3, Đ16.5).
 */
@Component
class ConnectionNeedReminders {

    private final ConnectionNeeds needs;
    private final AgencyContacts contacts;
    private final Mailer mailer;
    private final ClusterJobs jobs;

    ConnectionNeedReminders(ConnectionNeeds needs, AgencyContacts contacts, Mailer mailer, ClusterJobs jobs) {
        this.needs = needs;
        this.contacts = contacts;
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
            String what = need.kind() == ConnectionNeeds.Kind.CONNECT
                    ? "đăng ký nhu cầu kết nối với Sở Khoa học và Công nghệ (Điều 16 khoản 3: 7 ngày làm việc)"
                    : "đề nghị hủy bỏ kết nối với LGSP (Điều 16 khoản 5: 5 ngày làm việc)";
            String subject = (late ? "Quá hạn " : "Đến hạn ") + what.substring(0, what.indexOf(" (")) + " của " + need.agency();
            String body = "Nhu cầu xác định ngày " + need.identifiedOn() + ": " + need.description() + ". Hạn " + what
                    + " là ngày " + need.dueOn() + (late ? "; đã quá hạn." : "; là hôm nay.");
            List<String> to = new ArrayList<>(contacts.of(need.agency()));
            if (to.isEmpty()) {
                // an agency that never registered has no contact on file yet: DOST, who recorded or received the need, is told
                body = body + " Cơ quan chưa có địa chỉ liên hệ trên LGSP; đề nghị Sở KH&CN liên hệ trực tiếp.";
            }
            if (late || to.isEmpty()) {
                to.addAll(mailer.staffGroup("dost-operators"));
            }
            if (to.isEmpty()) {
                continue;
            }
            mailer.send(to, subject, body);
            needs.reminded(need.id(), today);
            sent++;
        }
        return sent;
    }
}
