package vn.hanoi.lgsp.simulators;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a simulated receiver holds per exchange (or message) id, for harnesses that check
 * "delivered exactly once" from outside: {@code delivered} is 1 once the record was taken as
 * new; {@code accepted} counts every push or pick-up answered with a receipt, repeats included
 * (a sender that lost an answer sends again, and the receiver's idempotency keeps it one record).
 */
record DeliveryReport(String code, Map<String, Counts> deliveries) {

    record Counts(int delivered, int accepted) {
    }

    static Map<String, Counts> of(Set<String> taken, Map<String, AtomicInteger> accepted) {
        Map<String, Counts> report = new TreeMap<>();
        accepted.forEach((id, count) -> report.put(id, new Counts(taken.contains(id) ? 1 : 0, count.get())));
        taken.forEach(id -> report.putIfAbsent(id, new Counts(1, 0)));
        return report;
    }
}
