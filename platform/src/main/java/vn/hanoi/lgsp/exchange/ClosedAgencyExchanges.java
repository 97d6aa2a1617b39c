package vn.hanoi.lgsp.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Variables;

/**
 * What becomes of the exchanges still in flight when an agency closes (R-06, Đ10.3).
 * <ul>
 * <li>Addressed to it and already delivered: its system holds the record and passes, with the
 *     closure, to the successor, so the exchange is redirected there and the successor reports
 *     the result.</li>
 * <li>Addressed to it and not yet delivered: ended ({@code CANCELLED}) with the successor named,
 *     so that the source sends it again to the body now competent. The LGSP does not forward the
 *     content itself: which successor is competent for a procedure is the source's call when a
 *     body was split, and the route differs per destination.</li>
 * <li>Sent by it: the successor receives the result in its place.</li>
 * </ul>
 * Without a successor every one of them ends. Nothing here reads or keeps content.
 */
@Service
public class ClosedAgencyExchanges {

    private final JdbcTemplate jdbc;
    private final ExchangeStore store;
    private final RuntimeService runtime;
    private final ExchangeMonitoring monitoring;

    ClosedAgencyExchanges(JdbcTemplate jdbc, ExchangeStore store, RuntimeService runtime, ExchangeMonitoring monitoring) {
        this.jdbc = jdbc;
        this.store = store;
        this.runtime = runtime;
        this.monitoring = monitoring;
    }

    /** The exchange ids each way went. */
    public record Outcome(List<UUID> redirected, List<UUID> ended, List<UUID> resultsToSuccessor) {
    }

    /** How many exchanges are in flight to and from an agency. */
    public record InFlight(int to, int from) {
    }

    public InFlight inFlight(String agency) {
        return jdbc.queryForObject("""
                select count(*) filter (where destination_code = ?), count(*) filter (where source_code = ?)
                from lgsp.exchange
                where (destination_code = ? or source_code = ?) and status not in ('COMPLETED', 'FAILED', 'EXPIRED', 'CANCELLED')""",
                (rs, n) -> new InFlight(rs.getInt(1), rs.getInt(2)), agency, agency, agency, agency);
    }

    /** Settles every exchange in flight to or from {@code closed}; {@code successor} null when dissolved. */
    @Transactional
    public Outcome settle(String closed, String successor) {
        List<UUID> redirected = new ArrayList<>();
        List<UUID> ended = new ArrayList<>();
        List<UUID> resultsToSuccessor = new ArrayList<>();
        List<UUID> inFlight = jdbc.queryForList("""
                select id from lgsp.exchange
                where (destination_code = ? or source_code = ?) and status not in ('COMPLETED', 'FAILED', 'EXPIRED', 'CANCELLED')
                order by created_at""", UUID.class, closed, closed);
        for (UUID id : inFlight) {
            ExchangeStore.Exchange exchange = store.lock(id).orElseThrow();
            if (exchange.status().terminal()) {
                continue;
            }
            if (exchange.destination().equals(closed)) {
                if (successor != null && exchange.status() == ExchangeStatus.DELIVERED) {
                    jdbc.update("update lgsp.exchange set destination_code = ?, updated_at = now() where id = ?",
                            successor, id);
                    setVariable(exchange, Variables.DESTINATION, successor);
                    store.addEvent(id, exchange.status(), closed + " closed; the record passes with its system to "
                            + successor + ", which reports the result");
                    redirected.add(id);
                } else {
                    end(exchange, closed, successor);
                    ended.add(id);
                }
            } else if (successor != null) {
                int moved = jdbc.update("""
                        update lgsp.exchange set source_code = ?, updated_at = now()
                        where id = ? and not exists (select 1 from lgsp.exchange o where o.source_code = ? and o.idempotency_key = ?)""",
                        successor, id, successor, exchange.idempotencyKey());
                if (moved == 1) {
                    setVariable(exchange, Variables.SOURCE, successor);
                    store.addEvent(id, exchange.status(), closed + " closed; " + successor + " receives the result in its place");
                    resultsToSuccessor.add(id);
                } else {
                    end(exchange, closed, successor);
                    ended.add(id);
                }
            } else {
                end(exchange, closed, null);
                ended.add(id);
            }
        }
        return new Outcome(redirected, ended, resultsToSuccessor);
    }

    private void end(ExchangeStore.Exchange exchange, String closed, String successor) {
        String reason = "Agency " + closed + " closed before the exchange ended"
                + (successor == null ? "; it has no successor" : "; send the record again to its successor " + successor);
        store.purgeContent(exchange.id());
        store.setFailure(exchange.id(), reason);
        store.setStatus(exchange.id(), ExchangeStatus.CANCELLED);
        jdbc.update("update lgsp.exchange set in_inbox = false where id = ?", exchange.id());
        store.addEvent(exchange.id(), ExchangeStatus.CANCELLED, reason);
        monitoring.step(exchange, "cancelled", null, false, "AGENCY_CLOSED", null, null);
        if (exchange.processInstanceId() != null
                && runtime.createProcessInstanceQuery().processInstanceId(exchange.processInstanceId()).count() > 0) {
            // the end listener finds the exchange already ended and only makes sure no content stays
            runtime.deleteProcessInstance(exchange.processInstanceId(), reason);
        }
    }

    private void setVariable(ExchangeStore.Exchange exchange, String name, String value) {
        if (exchange.processInstanceId() != null
                && runtime.createProcessInstanceQuery().processInstanceId(exchange.processInstanceId()).count() > 0) {
            runtime.setVariable(exchange.processInstanceId(), name, value);
        }
    }
}
