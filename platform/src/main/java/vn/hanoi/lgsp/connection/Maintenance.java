package vn.hanoi.lgsp.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.notice.NoticeBoard;
import vn.hanoi.lgsp.notice.NoticeKind;
import vn.hanoi.lgsp.notification.Mailer;
import vn.hanoi.lgsp.notification.Recipients;

/**
 * Maintenance windows: announced at least 24 hours ahead; checks inside a window are
 * marked maintenance and raise no incident.
 */
@Service
public class Maintenance {

    /** Đ11.6: maintenance and upgrades are announced at least 24 hours before. */
    public static final Duration NOTICE = Duration.ofHours(24);
    private static final Duration LONGEST = Duration.ofDays(7);

    private final JdbcTemplate jdbc;
    private final AgencyRegistry agencies;
    private final vn.hanoi.lgsp.catalog.AccessGrants grants;
    private final Mailer mailer;
    private final NoticeBoard noticeBoard;

    Maintenance(JdbcTemplate jdbc, AgencyRegistry agencies, vn.hanoi.lgsp.catalog.AccessGrants grants,
                Mailer mailer, NoticeBoard noticeBoard) {
        this.noticeBoard = noticeBoard;
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.grants = grants;
        this.mailer = mailer;
    }

    public record Window(UUID id, String agencyCode, Instant startsAt, Instant endsAt, String reason, String announcedBy,
                         Instant announcedAt) {
    }

    @Transactional
    public Window announce(String agencyCode, Instant startsAt, Instant endsAt, String reason, String announcedBy) {
        agencies.requireActive(agencyCode);
        Instant now = Instant.now();
        if (startsAt == null || endsAt == null || reason == null || reason.isBlank()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "A maintenance window needs startsAt, endsAt and a reason");
        }
        if (startsAt.isBefore(now.plus(NOTICE))) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Maintenance must be announced at least 24 hours ahead "
                    + "(Decision 5918, Đ11.6): it starts " + startsAt + ", the earliest allowed start is " + now.plus(NOTICE));
        }
        if (!endsAt.isAfter(startsAt) || Duration.between(startsAt, endsAt).compareTo(LONGEST) > 0) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "endsAt must be after startsAt and within 7 days of it");
        }
        UUID id = UUID.randomUUID();
        jdbc.update("insert into lgsp.maintenance_window (id, agency_code, starts_at, ends_at, reason, announced_by) "
                + "values (?, ?, ?, ?, ?, ?)", id, agencyCode, java.sql.Timestamp.from(startsAt),
                java.sql.Timestamp.from(endsAt), reason, announcedBy);
        notifyConsumers(agencyCode, startsAt, endsAt, reason);
        noticeBoard.publish(new NoticeBoard.Draft("maintenance/" + id, NoticeKind.MAINTENANCE, null, null, agencyCode,
                "Bảo trì hệ thống " + agencyCode, reason, startsAt, endsAt));
        return windows(agencyCode).stream().filter(w -> w.id().equals(id)).findFirst().orElseThrow();
    }

    /** Everyone who depends on the system hears of the window in advance. */
    private void notifyConsumers(String agencyCode, Instant startsAt, Instant endsAt, String reason) {
        mailer.send("connection/maintenance", Recipients.staffGroup("dost-operators")
                        .and(Recipients.agencies(grants.productionConsumersOf(agencyCode))),
                "agency", agencyCode, "startsAt", startsAt, "endsAt", endsAt, "reason", reason);
    }

    public boolean active(String agencyCode, Instant at) {
        Integer n = jdbc.queryForObject("select count(*) from lgsp.maintenance_window where agency_code = ? "
                + "and starts_at <= ? and ends_at > ?", Integer.class, agencyCode, java.sql.Timestamp.from(at),
                java.sql.Timestamp.from(at));
        return n != null && n > 0;
    }

    public List<Window> windows(String agencyCode) {
        return jdbc.query("select * from lgsp.maintenance_window where agency_code = ? order by starts_at", (rs, n) ->
                new Window(rs.getObject("id", UUID.class), rs.getString("agency_code"), rs.getTimestamp("starts_at").toInstant(),
                        rs.getTimestamp("ends_at").toInstant(), rs.getString("reason"), rs.getString("announced_by"),
                        rs.getTimestamp("announced_at").toInstant()), agencyCode);
    }
}
