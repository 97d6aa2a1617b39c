package vn.hanoi.lgsp.exchange;

import vn.hanoi.lgsp.workercontract.RecordExchangeProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Routes;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Variables;
import vn.hanoi.lgsp.decision.DecisionVersions;

/**
 * What the {@code record-exchange} model records as it moves, called from execution
 * listeners in the model ({@code ${exchangeLifecycle.routed(execution)}}, ...): the status
 * the parties see, the timeline, monitoring, and the removal of content.
 */
@Component("exchangeLifecycle")
public class ExchangeLifecycle {

    /** Due date of DOST's investigation of a failed delivery ({@code ${exchangeLifecycle.investigationDue()}}). */
    public Date investigationDue() {
        return Date.from(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant()
                .plus(Duration.ofHours(RecordExchangeProcess.INVESTIGATION_HOURS)));
    }

    private final ExchangeStore store;
    private final ExchangeMonitoring monitoring;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final DecisionVersions decisions;

    ExchangeLifecycle(ExchangeStore store, ExchangeMonitoring monitoring,
                      org.springframework.context.ApplicationEventPublisher events, DecisionVersions decisions) {
        this.decisions = decisions;
        this.store = store;
        this.monitoring = monitoring;
        this.events = events;
    }

    /** The version of a decision table the model evaluates ({@code ${exchangeLifecycle.productionVersion('exchange-routing')}}). */
    public int productionVersion(String decisionKey) {
        return decisions.productionVersion(decisionKey);
    }

    /**
     * A delivery inside the city failed and the failure is committed
     * ({@code ${exchangeLifecycle.reportFailure(execution)}}): connection monitoring
     * hears of it and opens an incident for the destination's system.
     */
    public void reportFailure(DelegateExecution execution) {
        events.publishEvent(new DeliveryFailed((String) execution.getVariable(Variables.EXCHANGE_ID),
                java.util.Objects.toString(execution.getVariable(Variables.SOURCE), null),
                (String) execution.getVariable(Variables.DESTINATION),
                java.util.Objects.toString(execution.getVariable(Variables.FAILURE_REASON), null)));
    }

    /** After the routing table: the route, the NDXP address and the deadline become variables. */
    public void routed(DelegateExecution execution) {
        ExchangeStore.Exchange exchange = lock(execution);
        @SuppressWarnings("unchecked")
        Map<String, Object> routing = (Map<String, Object>) execution.getVariable(Variables.ROUTING);
        String route = (String) routing.get("route");
        Date requested = (Date) execution.getVariable(Variables.REQUESTED_DEADLINE);
        Instant deadline = requested != null ? requested.toInstant()
                : Instant.now().plus(Duration.ofHours(((Number) routing.get("deadlineHours")).longValue()));
        execution.setVariable(Variables.ROUTE, route);
        execution.setVariable(Variables.DEADLINE, Date.from(deadline));
        execution.setVariable(Variables.MAX_ATTEMPTS, ((Number) routing.get("maxAttempts")).intValue());
        execution.setVariable(Variables.RETRY_BACKOFF_SECONDS, ((Number) routing.get("retryBackoffSeconds")).intValue());
        if (Routes.NDXP.equals(route)) {
            execution.setVariable(Variables.NDXP_ADDRESS, "VN:GOV:" + exchange.destination() + ":" + routing.get("subsystem"));
        }
        execution.setVariable(Variables.RECEIPT_CONFIRMED, false);
        store.setRoute(exchange.id(), route, deadline);
        if (Routes.UNROUTABLE.equals(route)) {
            store.addEvent(exchange.id(), exchange.status(), "no route to " + exchange.destination());
            return;
        }
        store.setStatus(exchange.id(), ExchangeStatus.ROUTED);
        store.addEvent(exchange.id(), ExchangeStatus.ROUTED, "route " + route
                + (Routes.NDXP.equals(route) ? " to " + execution.getVariable(Variables.NDXP_ADDRESS) : "")
                + ", result due " + deadline);
        monitoring.step(exchange, "routed", route, true, null, null, null);
    }

    /** The identity check through VDXP finished. */
    public void identityChecked(DelegateExecution execution) {
        Object outcome = execution.getVariable(Variables.IDENTITY_VERIFIED);
        if (outcome == null) {
            // interrupted by the boundary error: VDXP gave no answer, the failure path records it
            return;
        }
        ExchangeStore.Exchange exchange = lock(execution);
        boolean verified = Boolean.TRUE.equals(outcome);
        store.addEvent(exchange.id(), exchange.status(), verified ? "applicant identity verified by VDXP"
                : "applicant identity not verified by VDXP");
        monitoring.step(exchange, "identity-check", "VDXP", verified, verified ? null : "IDENTITY_NOT_VERIFIED", null, null);
    }

    /** Waiting for a receipt: from NDXP, or from the destination pulling its inbox. */
    public void awaitingReceipt(DelegateExecution execution) {
        ExchangeStore.Exchange exchange = lock(execution);
        if (Boolean.TRUE.equals(execution.getVariable(Variables.DELIVERED_TO_INBOX))) {
            store.putInInbox(exchange.id());
            store.addEvent(exchange.id(), exchange.status(), "waiting in the inbox of " + exchange.destination());
        } else {
            store.addEvent(exchange.id(), exchange.status(), "waiting for the receipt of " + exchange.destination());
        }
    }

    /** The destination holds the record intact: the content is no longer needed here. */
    public void delivered(DelegateExecution execution) {
        ExchangeStore.Exchange exchange = lock(execution);
        store.purgeContent(exchange.id());
        store.setStatus(exchange.id(), ExchangeStatus.DELIVERED);
        // monitoring already has the receipt; the status change is in the timeline
        store.addEvent(exchange.id(), ExchangeStatus.DELIVERED, "delivered to " + exchange.destination());
    }

    /** Whether the receipt is already recorded (it came before the process reached its wait); locks the exchange. */
    public boolean receiptInHand(DelegateExecution execution) {
        return lock(execution).receivedAt() != null;
    }

    /**
     * Whether the destination's result is already stored (it came before the process reached its
     * wait). Locks the exchange: a result being reported at this moment is either seen here or,
     * once this transaction has made the wait, correlated to it.
     */
    public boolean resultInHand(DelegateExecution execution) {
        return lock(execution).resultCode() != null;
    }

    public void completed(DelegateExecution execution) {
        finish(execution, ExchangeStatus.COMPLETED, "result returned to " + lock(execution).source(), null);
    }

    /** A failure: its reason comes from the BPMN error or the identity check. */
    public void failed(DelegateExecution execution) {
        Object reason = execution.getVariable(Variables.FAILURE_REASON);
        finish(execution, ExchangeStatus.FAILED, reason == null ? "failed" : reason.toString(), "FAILED");
    }

    /**
     * A delivery that failed for good. Whether it opens an incident for the destination's system
     * is the model's own step ({@code Gateway_DestinationAtFault}), after this is committed.
     */
    public void deliveryFailed(DelegateExecution execution) {
        failed(execution);
    }

    public void rejectedIdentity(DelegateExecution execution) {
        execution.setVariable(Variables.FAILURE_REASON, "the applicant's identity was not verified by VDXP");
        failed(execution);
    }

    public void unroutable(DelegateExecution execution) {
        execution.setVariable(Variables.FAILURE_REASON, "no route to " + execution.getVariable(Variables.DESTINATION));
        failed(execution);
    }

    public void expired(DelegateExecution execution) {
        finish(execution, ExchangeStatus.EXPIRED, "the deadline " + execution.getVariable(Variables.DEADLINE)
                + " passed before the destination's result", "DEADLINE_PASSED");
    }

    /**
     * Every way out of the process, an operator's cancellation included: whatever the
     * path, no content stays behind.
     */
    public void ended(DelegateExecution execution) {
        ExchangeStore.Exchange exchange = lock(execution);
        store.purgeContent(exchange.id());
        if (!exchange.status().terminal()) {
            store.setStatus(exchange.id(), ExchangeStatus.CANCELLED);
            store.addEvent(exchange.id(), ExchangeStatus.CANCELLED, "cancelled by an operator");
            monitoring.step(exchange, "cancelled", null, false, "CANCELLED", null, null);
        }
        if (ProcedureExchanges.madeForCase(exchange)) {
            // the case waiting for it moves on in this same transaction
            ExchangeStore.Exchange ended = store.find(exchange.id()).orElseThrow();
            events.publishEvent(ProcedureExchanges.outcome(ended));
        }
    }

    private void finish(DelegateExecution execution, ExchangeStatus status, String detail, String error) {
        ExchangeStore.Exchange exchange = lock(execution);
        store.purgeContent(exchange.id());
        if (exchange.status().terminal()) {
            return;
        }
        if (error != null) {
            store.setFailure(exchange.id(), detail);
        }
        store.setStatus(exchange.id(), status);
        store.addEvent(exchange.id(), status, detail);
        if (status != ExchangeStatus.COMPLETED && exchange.resultCode() != null) {
            // a result that came before the delivery was recorded, then the exchange ended another way
            store.addEvent(exchange.id(), status, "the result " + exchange.resultCode() + " reported by "
                    + exchange.destination() + " was not passed on: the exchange ended " + status);
        }
        if (error != null) {
            // a completion is already in monitoring as the destination's result
            monitoring.step(exchange, status.name().toLowerCase(), null, false, error, null, null);
        }
    }

    private ExchangeStore.Exchange lock(DelegateExecution execution) {
        UUID id = UUID.fromString((String) execution.getVariable(Variables.EXCHANGE_ID));
        return store.lock(id).orElseThrow(() -> new IllegalStateException("exchange " + id + " is missing"));
    }
}
