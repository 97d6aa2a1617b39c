package vn.hanoi.lgsp.postal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.audit.AuditEntry;
import vn.hanoi.lgsp.audit.AuditJournal;
import vn.hanoi.lgsp.monitoring.TransactionDocument;
import vn.hanoi.lgsp.monitoring.TransactionLog;

/**
 * Each step of a shipment becomes a transaction document and an audit entry, as exchanges'
 * steps do: agency, dossier, tracking number, status — never the recipient.
 */
@Component
class PostalMonitoring {

    static final String ROUTE = "POSTAL";

    private final TransactionLog transactions;
    private final AuditJournal journal;

    PostalMonitoring(TransactionLog transactions, AuditJournal journal) {
        this.transactions = transactions;
        this.journal = journal;
    }

    void step(PostalStore.Shipment shipment, String kind, boolean success, String error) {
        String transactionId = UUID.randomUUID().toString();
        transactions.record(new TransactionDocument(transactionId, Instant.now(), kind, null, null,
                shipment.agencyCode(), null, shipment.procedureCode(), null, ROUTE, shipment.id().toString(),
                shipment.processInstanceId(), success ? "00" : "01", error, null, null, null, null,
                transactions.environment(), null, null, null));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dossierNumber", shipment.dossierNumber());
        details.put("status", shipment.status());
        if (shipment.trackingNumber() != null) {
            details.put("trackingNumber", shipment.trackingNumber());
        }
        journal.append(new AuditEntry(Instant.now(), AuditEntry.ActorKind.PLATFORM, "lgsp", shipment.agencyCode(),
                "postal." + kind.replaceFirst("^postal-", ""), "shipment/" + shipment.id(), success ? "00" : "01",
                transactionId, details));
    }
}
