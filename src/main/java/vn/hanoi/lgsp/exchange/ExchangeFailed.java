package vn.hanoi.lgsp.exchange;

/**
 * Published when an exchange fails (refused, or delivery gave up): other modules may raise
 * an incident for the destination.
 */
public record ExchangeFailed(String exchangeId, String source, String destination, String route, String reason) {
}
