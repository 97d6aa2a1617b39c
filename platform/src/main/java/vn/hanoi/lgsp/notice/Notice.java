package vn.hanoi.lgsp.notice;

import java.time.Instant;
import java.util.UUID;

/**
 * One public notice.
 *
 * @param agency      the provider of the service, or the owner of the system maintained
 * @param effectiveAt the day it is about: the sunset, the retirement, the start of the window
 * @param endsAt      the end of a maintenance window; null otherwise
 */
public record Notice(UUID id, NoticeKind kind, String service, String version, String agency, String title, String body,
                     Instant effectiveAt, Instant endsAt, Instant publishedAt) {
}
