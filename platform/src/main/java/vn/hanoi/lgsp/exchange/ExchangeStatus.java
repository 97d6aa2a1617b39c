package vn.hanoi.lgsp.exchange;

/** Where an exchange stands, as its source and destination see it. */
public enum ExchangeStatus {
    ACCEPTED, ROUTED, DELIVERED, COMPLETED, FAILED, EXPIRED, CANCELLED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == EXPIRED || this == CANCELLED;
    }
}
