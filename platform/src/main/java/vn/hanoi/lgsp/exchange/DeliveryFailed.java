package vn.hanoi.lgsp.exchange;

/**
 * A record could not be delivered inside the city: the destination's system refused it or never
 * took it. Published by the {@code record-exchange} model's own step after the failure is
 * committed, so that connection monitoring can open an incident for that system.
 */
public record DeliveryFailed(String exchangeId, String source, String destination, String failureReason) {
}
