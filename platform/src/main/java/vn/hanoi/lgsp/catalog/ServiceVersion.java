package vn.hanoi.lgsp.catalog;

import java.time.Instant;
import java.util.List;

/**
 * One version of a service as the catalog describes it. The OpenAPI document and the
 * Postman collection are fetched on their own; here only whether they exist.
 *
 * @param baseUrl   the provider's endpoint the gateway calls for this version
 * @param sunsetAt  for a deprecated version, the earliest day it may be retired: at least 180
 *                  days after its successor was published, or 60 days' notice when it
 *                  is withdrawn without one
 * @param offeredToNdxp whether DOST offers this version to ministries and other provinces through
 *                      NDXP (Đ6.1.4.c): only then is it callable from outside Hanoi
 */
public record ServiceVersion(
        String version,
        VersionStatus status,
        String baseUrl,
        boolean hasOpenApi,
        String openApiMediaType,
        boolean hasPostmanCollection,
        List<TechnicalDocument> documents,
        String qualityNotes,
        Instant createdAt,
        Instant publishedAt,
        Instant deprecatedAt,
        Instant sunsetAt,
        Instant retiredAt,
        boolean offeredToNdxp) {
}
