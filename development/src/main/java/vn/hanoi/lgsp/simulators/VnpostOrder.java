package vn.hanoi.lgsp.simulators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.hanoi.lgsp.simulators.VnpostSimulator.OrderRequest;
import vn.hanoi.lgsp.simulators.VnpostSimulator.Outcome;
import vn.hanoi.lgsp.simulators.VnpostSimulator.Status;

/** One order as VNPost keeps it; its recipient is forgotten once it has ended. */
final class VnpostOrder {
    final String trackingNumber;
    final String orderNumber;
    final String agencyCode;
    final String requestHash;
    final String callbackUrl;
    final Outcome outcome;
    final long feeDong;
    final List<Map<String, Object>> history = new ArrayList<>();
    Status status;
    int deliveryAttempts;
    Map<String, Object> recipient;

    VnpostOrder(String trackingNumber, OrderRequest request, String requestHash, Outcome outcome, long feeDong) {
        this.trackingNumber = trackingNumber;
        this.orderNumber = request.orderNumber();
        this.agencyCode = request.agencyCode();
        this.requestHash = requestHash;
        this.callbackUrl = request.callbackUrl();
        this.outcome = outcome;
        this.feeDong = feeDong;
        this.recipient = request.recipient() == null ? Map.of() : Map.of("name", request.recipient().name(),
                "phone", request.recipient().phone());
    }
}
