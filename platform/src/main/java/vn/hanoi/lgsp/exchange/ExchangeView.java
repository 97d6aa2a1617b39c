package vn.hanoi.lgsp.exchange;

import java.time.Instant;
import java.util.List;

/** An exchange as the agency API shows it: metadata, outcome and timeline, never content. */
record ExchangeView(String exchangeId, ExchangeStatus status, String source, String destination, String procedureCode,
                    String route, String contentType, String contentSha256, long contentBytes, Instant createdAt,
                    Instant deadline, Instant receivedAt, Result result, String failureReason,
                    List<ExchangeStore.Event> timeline) {

    record Result(String code, String message, String reference) {
    }

    static ExchangeView of(ExchangeStore.Exchange e, List<ExchangeStore.Event> timeline) {
        return new ExchangeView(e.id().toString(), e.status(), e.source(), e.destination(), e.procedureCode(), e.route(),
                e.contentType(), e.contentSha256(), e.contentBytes(), e.createdAt(), e.deadline(), e.receivedAt(),
                e.resultCode() == null ? null : new Result(e.resultCode(), e.resultMessage(), e.resultReference()),
                e.failureReason(), timeline);
    }
}
