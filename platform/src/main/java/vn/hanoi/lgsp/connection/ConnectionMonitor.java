package vn.hanoi.lgsp.connection;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.http.PeerClock;
import vn.hanoi.lgsp.monitoring.StatusCheckDocument;
import vn.hanoi.lgsp.monitoring.StatusLog;

/**
 * Turns each check into stored history and, by the consecutive-check rules, into at
 * most one open incident per system; checks inside an announced maintenance window
 * are kept, marked, and raise nothing. The system's clock is judged by the same rules
 * apart (Đ7.4): a clock off beyond the threshold is an incident of kind {@code CLOCK_SKEW}.
 */
@Service
class ConnectionMonitor {

    private static final Logger log = LoggerFactory.getLogger(ConnectionMonitor.class);
    private static final String ACTOR = "lgsp-monitor";

    private final JdbcTemplate jdbc;
    private final StatusLog statusLog;
    private final Incidents incidents;
    private final Maintenance maintenance;
    private final ConnectionSettings settings;
    private final IncidentEscalation escalation;

    ConnectionMonitor(JdbcTemplate jdbc, StatusLog statusLog, Incidents incidents, Maintenance maintenance,
                      ConnectionSettings settings, IncidentEscalation escalation) {
        this.escalation = escalation;
        this.jdbc = jdbc;
        this.statusLog = statusLog;
        this.incidents = incidents;
        this.maintenance = maintenance;
        this.settings = settings;
    }

    @Transactional
    void record(CheckOutcome outcome, Duration interval) {
        boolean inMaintenance = maintenance.active(outcome.agencyCode(), outcome.at());
        CheckOutcome.State state = inMaintenance ? CheckOutcome.State.MAINTENANCE : outcome.state();
        store(outcome, state, inMaintenance);
        jdbc.update("""
                insert into lgsp.connection_state (agency_code, state, consecutive_failures, consecutive_successes,
                    last_check_at, last_latency_ms, last_error, next_check_at, last_clock_skew_ms)
                values (?, ?, 0, 0, ?, ?, ?, ?, ?)
                on conflict (agency_code) do update set state = excluded.state, last_check_at = excluded.last_check_at,
                    last_latency_ms = excluded.last_latency_ms, last_error = excluded.last_error,
                    next_check_at = excluded.next_check_at, last_clock_skew_ms = excluded.last_clock_skew_ms""",
                outcome.agencyCode(), state.name(), Timestamp.from(outcome.at()), outcome.latencyMs(), outcome.error(),
                Timestamp.from(outcome.at().plus(interval)), outcome.clockSkewMs());
        if (inMaintenance) {
            jdbc.update("update lgsp.connection_state set consecutive_failures = 0, consecutive_successes = 0, "
                    + "clock_checks_beyond = 0, clock_checks_within = 0 where agency_code = ?", outcome.agencyCode());
            return;
        }
        judgeClock(outcome);
        if (outcome.bad()) {
            jdbc.update("update lgsp.connection_state set consecutive_failures = consecutive_failures + 1, "
                    + "consecutive_successes = 0 where agency_code = ?", outcome.agencyCode());
        } else {
            jdbc.update("update lgsp.connection_state set consecutive_successes = consecutive_successes + 1, "
                    + "consecutive_failures = 0 where agency_code = ?", outcome.agencyCode());
        }
        Integer failures = jdbc.queryForObject("select consecutive_failures from lgsp.connection_state where agency_code = ?",
                Integer.class, outcome.agencyCode());
        Integer successes = jdbc.queryForObject("select consecutive_successes from lgsp.connection_state where agency_code = ?",
                Integer.class, outcome.agencyCode());
        if (failures != null && failures >= settings.failuresToOpen()) {
            Incidents.Opened opened = incidents.open(outcome.agencyCode(), state.name(), describe(outcome, failures), ACTOR);
            if (opened.created()) {
                escalation.start(opened.incident());
                log.warn("Incident {} opened for {}: {}", opened.incident().id(), outcome.agencyCode(),
                        opened.incident().detail());
            } else if (failures == settings.failuresToOpen()) {
                incidents.log(opened.incident().id(), ACTOR, "failing again: " + describe(outcome, failures));
            }
        } else if (successes != null && successes >= settings.successesToClose()) {
            incidents.resolve(outcome.agencyCode(), ACTOR, "system answering again since " + outcome.at())
                    .ifPresent(i -> {
                        escalation.restored(i);
                        log.info("Incident {} of {} resolved by polling", i.id(), outcome.agencyCode());
                    });
        }
    }

    /**
     * Đ7.4: a clock certainly off by more than the threshold in {@code failuresToOpen} checks in a row
     * opens a {@code CLOCK_SKEW} incident; certainly within it in {@code successesToClose} checks in a
     * row resolves it. A check whose skew is unknown (no time given) or uncertain (the round trip
     * too long to tell) moves neither count.
     */
    private void judgeClock(CheckOutcome outcome) {
        if (outcome.clockSkewMs() == null) {
            return;
        }
        long skew = outcome.clockSkewMs();
        Duration roundTrip = Duration.ofMillis(outcome.latencyMs());
        Duration threshold = settings.clockSkewThreshold();
        boolean beyond = PeerClock.certainlyBeyond(skew, roundTrip, threshold);
        boolean within = PeerClock.certainlyWithin(skew, roundTrip, threshold);
        if (!beyond && !within) {
            return;
        }
        int[] counts = jdbc.queryForObject("""
                update lgsp.connection_state
                set clock_checks_beyond = case when ? then clock_checks_beyond + 1 else 0 end,
                    clock_checks_within = case when ? then clock_checks_within + 1 else 0 end
                where agency_code = ? returning clock_checks_beyond, clock_checks_within""",
                (rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}, beyond, within, outcome.agencyCode());
        if (beyond && counts[0] >= settings.failuresToOpen()) {
            String detail = "clock " + Math.abs(skew) + " ms " + (skew > 0 ? "ahead of" : "behind") + " the LGSP's for "
                    + counts[0] + " consecutive checks (threshold " + threshold.toMillis() + " ms, Đ7.4)";
            Incidents.Opened opened = incidents.open(outcome.agencyCode(), Incidents.CLOCK_SKEW, detail, ACTOR);
            if (opened.created()) {
                escalation.start(opened.incident());
                log.warn("Incident {} opened for {}: {}", opened.incident().id(), outcome.agencyCode(), detail);
            } else if (counts[0] == settings.failuresToOpen()) {
                incidents.log(opened.incident().id(), ACTOR, "clock off again: " + detail);
            }
        } else if (within && counts[1] >= settings.successesToClose()) {
            incidents.resolve(outcome.agencyCode(), Incidents.CLOCK_SKEW, ACTOR, "clock within " + threshold.toMillis()
                    + " ms of the LGSP's again since " + outcome.at() + " (" + skew + " ms)").ifPresent(i -> {
                        escalation.restored(i);
                        log.info("Incident {} of {} resolved: its clock is in sync again", i.id(), outcome.agencyCode());
                    });
        }
    }

    private void store(CheckOutcome outcome, CheckOutcome.State state, boolean inMaintenance) {
        String environment = "production";
        statusLog.record(new StatusCheckDocument(UUID.randomUUID().toString(), outcome.at(), outcome.agencyCode(),
                outcome.baseUrl(), StatusCheckDocument.SYSTEM, null, StatusCheckDocument.State.valueOf(state.name()),
                outcome.httpStatus(), outcome.latencyMs(), outcome.error(), inMaintenance, environment,
                outcome.clockSkewMs()));
        List<CheckOutcome.ServiceState> services = outcome.services() == null ? List.of() : outcome.services();
        for (CheckOutcome.ServiceState service : services) {
            statusLog.record(new StatusCheckDocument(UUID.randomUUID().toString(), outcome.at(), outcome.agencyCode(),
                    outcome.baseUrl(), 2, service.name(), inMaintenance ? StatusCheckDocument.State.MAINTENANCE
                    : "UP".equals(service.status()) ? StatusCheckDocument.State.UP : StatusCheckDocument.State.DOWN,
                    null, null, null, inMaintenance, environment, null));
        }
    }

    private static String describe(CheckOutcome outcome, int failures) {
        return outcome.state() + " for " + failures + " consecutive checks"
                + (outcome.error() == null ? "" : " (" + outcome.error() + ")");
    }
}
