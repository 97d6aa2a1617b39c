package vn.hanoi.lgsp.exchange;

import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.monitoring.TransactionDocument;
import vn.hanoi.lgsp.monitoring.TransactionLog;

/** Each step of an exchange becomes one transaction document: ids, parties, outcome, never content. */
@Component
class ExchangeMonitoring {

    private final TransactionLog transactions;

    ExchangeMonitoring(TransactionLog transactions) {
        this.transactions = transactions;
    }

    void step(ExchangeStore.Exchange exchange, String kind, String route, boolean success, String error,
              Integer httpStatus, Long durationMs) {
        transactions.record(new TransactionDocument(UUID.randomUUID().toString(), Instant.now(), "exchange-" + kind,
                null, null, exchange.source(), exchange.destination(), exchange.procedureCode(), null,
                route != null ? route : exchange.route(), exchange.id().toString(), exchange.processInstanceId(),
                success ? "00" : "01", error, httpStatus, durationMs, exchange.contentBytes(), null,
                transactions.environment(), null, null, null));
    }
}
