package vn.hanoi.lgsp.watch;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.agency.AgencyQueries;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.notice.NoticeBoard;
import vn.hanoi.lgsp.notice.NoticeKind;
import vn.hanoi.lgsp.notification.Mailer;
import vn.hanoi.lgsp.notification.Recipients;

/**
 * The LGSP's own maintenance (Đ11.6): announced at least 24 hours ahead, on the notices page and
 * to every agency with a connected system, since every one of them goes through the LGSP; while a
 * window lasts, the LGSP's components failing open no incident.
 */
@Service
class LgspMaintenance {

    static final Duration NOTICE = Duration.ofHours(24);
    /** Whose notice it is: the city, under whose code the LGSP is a member of the national network. */
    static final String LGSP_AGENCY = "000.00.00.H26";
    private static final Duration LONGEST = Duration.ofDays(2);

    record Window(UUID id, Instant startsAt, Instant endsAt, String reason, String announcedBy, int told) {
    }

    private final JdbcTemplate jdbc;
    private final AgencyQueries agencies;
    private final Mailer mailer;
    private final NoticeBoard notices;

    LgspMaintenance(JdbcTemplate jdbc, AgencyQueries agencies, Mailer mailer, NoticeBoard notices) {
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.mailer = mailer;
        this.notices = notices;
    }

    @Transactional
    Window announce(Instant startsAt, Instant endsAt, String reason, String by) {
        check(startsAt, endsAt, reason);
        UUID id = UUID.randomUUID();
        List<String> connected = agencies.connectedAgencies();
        List<String> told = mailer.send("watch/lgsp-maintenance", Recipients.agencies(connected)
                        .and(Recipients.staffGroup("dost-operators")),
                "startsAt", startsAt, "endsAt", endsAt, "reason", reason.strip());
        jdbc.update("insert into lgsp.lgsp_maintenance (id, starts_at, ends_at, reason, announced_by, told)"
                        + " values (?, ?, ?, ?, ?, ?)", id, Timestamp.from(startsAt), Timestamp.from(endsAt), reason.strip(),
                by, told.size());
        publishNotice(id, startsAt, endsAt, reason.strip());
        return new Window(id, startsAt, endsAt, reason.strip(), by, told.size());
    }

    private static void check(Instant startsAt, Instant endsAt, String reason) {
        Instant now = Instant.now();
        if (startsAt == null || endsAt == null || reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "LGSP maintenance needs startsAt, endsAt and a reason "
                    + "(at most 1000 characters)");
        }
        if (startsAt.isBefore(now.plus(NOTICE))) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The LGSP's maintenance is announced at least 24 hours "
                    + "ahead (Decision 5918, Đ11.6): the earliest allowed start is " + now.plus(NOTICE));
        }
        if (!endsAt.isAfter(startsAt) || Duration.between(startsAt, endsAt).compareTo(LONGEST) > 0) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "endsAt must be after startsAt and within 2 days of it");
        }
    }

    /** The notices page and its feed carry it, as they carry an agency's maintenance. */
    private void publishNotice(UUID id, Instant startsAt, Instant endsAt, String reason) {
        notices.publish(new NoticeBoard.Draft("lgsp-maintenance/" + id, NoticeKind.MAINTENANCE, null, null, LGSP_AGENCY,
                "Bảo trì LGSP Hà Nội", reason, startsAt, endsAt));
    }

    boolean active(Instant at) {
        Integer n = jdbc.queryForObject("select count(*) from lgsp.lgsp_maintenance where starts_at <= ? and ends_at > ?",
                Integer.class, Timestamp.from(at), Timestamp.from(at));
        return n != null && n > 0;
    }
}
