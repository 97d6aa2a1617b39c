package vn.hanoi.lgsp.watch;

import java.time.Duration;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.audit.JournalVerifier;
import vn.hanoi.lgsp.cluster.ClusterJobs;
import vn.hanoi.lgsp.contract.SecuritySignal;

/**
 * The audit journal verified every day (Đ13.5): its chain and its signed anchors. A journal that
 * no longer verifies is a security finding at once, a critical incident for DOST.
 */
@Component
class JournalCheck implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(JournalCheck.class);
    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

    private final JournalVerifier verifier;
    private final ApplicationEventPublisher events;
    private final ClusterJobs jobs;
    private final WatchSettings settings;

    JournalCheck(JournalVerifier verifier, ApplicationEventPublisher events, ClusterJobs jobs, WatchSettings settings) {
        this.verifier = verifier;
        this.events = events;
        this.jobs = jobs;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        String cron = "0 %d %d * * *".formatted(settings.journalVerifyAt().getMinute(), settings.journalVerifyAt().getHour());
        registrar.addCronTask(new CronTask(() -> {
            if (jobs.claim("audit-journal-daily-verify", Duration.ofHours(12))) {
                verifyNow();
            }
        }, new CronTrigger(cron, HANOI)));
    }

    /** Verifies the whole journal; one that does not verify becomes a finding. */
    JournalVerifier.Report verifyNow() {
        JournalVerifier.Report report = verifier.verify();
        if (!report.intact()) {
            log.error("The audit journal does not verify: {} problems", report.problems().size());
            events.publishEvent(new SecuritySignal(SecuritySignal.JOURNAL_TAMPERED, "audit journal",
                    report.problems().size() + " problems, first: " + report.problems().get(0)));
        }
        return report;
    }
}
