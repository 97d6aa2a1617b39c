package vn.hanoi.lgsp.catalog;

import java.time.Instant;
import java.util.UUID;
import vn.hanoi.lgsp.monitoring.TransactionDocument;

/** Catalog milestones as transaction documents: which service and version, between whom. */
final class Milestones {

    private Milestones() {
    }

    static TransactionDocument of(String kind, String source, String destination, String service, String version,
                                  String environment) {
        return new TransactionDocument(UUID.randomUUID().toString(), Instant.now(), kind, null, null, source,
                destination, service, version, null, null, null, "00", null, null, null, null, null, environment, null, null, null);
    }
}
