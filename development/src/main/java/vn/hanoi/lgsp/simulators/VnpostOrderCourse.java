package vn.hanoi.lgsp.simulators;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import vn.hanoi.lgsp.simulators.VnpostSimulator.Outcome;
import vn.hanoi.lgsp.simulators.VnpostSimulator.Status;

/**
 * An order's course from acceptance to delivery or return, as its {@link Outcome} says: each
 * status recorded in its history and reported by callback, the next one after the step delay.
 */
final class VnpostOrderCourse {

    private final VnpostSimulator.Config config;
    private final CallbackPoster poster;
    private final Clock clock;

    VnpostOrderCourse(VnpostSimulator.Config config, CallbackPoster poster, Clock clock) {
        this.config = config;
        this.poster = poster;
        this.clock = clock;
    }

    /** The next status of the order's course; an ended order stays where it is. */
    Status advance(VnpostOrder order) {
        synchronized (order) {
            Status next = switch (order.status) {
                case ACCEPTED -> Status.PICKED_UP;
                case PICKED_UP -> Status.IN_TRANSIT;
                case IN_TRANSIT -> {
                    order.deliveryAttempts++;
                    boolean fails = order.outcome == Outcome.RETURNED
                            || (order.outcome == Outcome.FAILED_THEN_DELIVERED && order.deliveryAttempts == 1);
                    yield fails ? Status.DELIVERY_FAILED : Status.DELIVERED;
                }
                case DELIVERY_FAILED -> order.deliveryAttempts >= 2 ? Status.RETURNED : Status.IN_TRANSIT;
                case DELIVERED, RETURNED -> order.status;
            };
            if (next != order.status) {
                record(order, next, switch (next) {
                    case PICKED_UP -> "Bưu điện đã nhận kết quả tại cơ quan";
                    case IN_TRANSIT -> order.deliveryAttempts == 0 ? "Đang vận chuyển" : "Phát lại lần "
                            + (order.deliveryAttempts + 1);
                    case DELIVERY_FAILED -> "Phát không thành công: người nhận vắng nhà";
                    case DELIVERED -> "Đã phát thành công";
                    case RETURNED -> "Đã chuyển hoàn về cơ quan";
                    default -> "";
                });
                scheduleNext(order);
            }
            return order.status;
        }
    }

    /** The order is now in this status: its history, its callback, and its recipient forgotten once it ended. */
    void record(VnpostOrder order, Status status, String note) {
        order.status = status;
        Map<String, Object> event = Map.of("status", status.name(), "at", clock.instant().toString(), "note", note);
        order.history.add(event);
        if (status == Status.DELIVERED || status == Status.RETURNED) {
            // the recipient's name and phone are needed only while the item travels
            order.recipient = Map.of();
        }
        poster.post(URI.create(order.callbackUrl), config.callbacks(), Map.of("code", SimResponse.SUCCESS,
                "trackingNumber", order.trackingNumber, "orderNumber", order.orderNumber, "status", status.name(),
                "at", event.get("at"), "note", note), "status " + status + " of " + order.trackingNumber);
    }

    /** The next status comes by itself after the step delay; with none, only through the control route. */
    void scheduleNext(VnpostOrder order) {
        if (!config.stepDelay().isZero() && order.status != Status.DELIVERED && order.status != Status.RETURNED) {
            poster.later(config.stepDelay(), () -> advance(order));
        }
    }
}
