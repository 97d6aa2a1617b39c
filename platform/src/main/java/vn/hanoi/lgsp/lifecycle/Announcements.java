package vn.hanoi.lgsp.lifecycle;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.catalog.ServiceVersion;
import vn.hanoi.lgsp.catalog.SharedService;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.notice.Notice;
import vn.hanoi.lgsp.notice.NoticeBoard;
import vn.hanoi.lgsp.notification.Mailer;
import vn.hanoi.lgsp.notification.Recipients;

/** Who is told what in the lifecycle processes: agencies and staff by mail, everyone by a public notice. */
@Component
class Announcements {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private final Mailer mailer;
    private final NoticeBoard notices;
    private final AccessGrants grants;

    Announcements(Mailer mailer, NoticeBoard notices, AccessGrants grants) {
        this.mailer = mailer;
        this.notices = notices;
        this.grants = grants;
    }

    /** Mails one of the lifecycle's messages ({@code templates/mail/lifecycle/<message>.txt}). */
    void send(String message, Recipients to, Object... namesAndValues) {
        mailer.send("lifecycle/" + message, to, namesAndValues);
    }

    Notice publish(NoticeBoard.Draft draft) {
        return notices.publish(draft);
    }

    /** Consumers holding an active grant, in either environment, on a live version of the service. */
    Set<String> consumersOf(SharedService service) {
        Set<String> consumers = new LinkedHashSet<>();
        for (ServiceVersion version : service.versions()) {
            if (version.status() == VersionStatus.RETIRED) {
                continue;
            }
            for (AccessGrant.Environment environment : AccessGrant.Environment.values()) {
                grants.activeOn(service.code(), version.version(), environment).forEach(g -> consumers.add(g.consumer()));
            }
        }
        return consumers;
    }

    /** Consumers holding an active production grant on one version. */
    Set<String> productionConsumersOf(String service, String version) {
        Set<String> consumers = new LinkedHashSet<>();
        grants.activeOn(service, version, AccessGrant.Environment.PRODUCTION).forEach(g -> consumers.add(g.consumer()));
        return consumers;
    }

    /** Whole days from the engine's now to {@code instant}, rounded to the nearest: what a reminder says is left. */
    static long daysUntil(Instant instant) {
        java.time.Duration left = java.time.Duration.between(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime()
                .toInstant(), instant);
        return Math.max(0, Math.round(left.toMinutes() / (24 * 60.0)));
    }

    static String day(Instant instant) {
        return DAY.format(instant);
    }
}
