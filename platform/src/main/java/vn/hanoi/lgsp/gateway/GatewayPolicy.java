package vn.hanoi.lgsp.gateway;

import java.util.List;

/**
 * How the gateway reaches and guards one service version: data an analyst changes through
 * {@code PUT /api/v1/services/{code}/versions/{version}/gateway-policy}, never code.
 *
 * @param upstream             the provider's own system, or a national service through NDXP
 * @param xroadService         NDXP only: the national service's X-Road address
 * @param testBaseUrl          where TEST credentials go; null: the version has no test environment
 * @param validateRequests     check requests against the version's OpenAPI document first
 * @param allowedContentTypes  media types a request body may have; empty accepts any
 * @param transform            XML answers turned into JSON for consumers that ask for JSON; null: none
 * @param subject              where a call names its data subject, journalled as a keyed hash; null: nowhere
 * @param quota                calls per window for the version, all consumers together; null: the default
 */
record GatewayPolicy(
        Upstream upstream,
        String xroadService,
        String testBaseUrl,
        boolean validateRequests,
        List<String> allowedContentTypes,
        XmlToJson transform,
        SubjectLocator subject,
        Integer quota) {

    enum Upstream { DIRECT, NDXP }

    /** A version nobody configured: the provider's registered URL, nothing else. */
    static final GatewayPolicy DEFAULT = new GatewayPolicy(Upstream.DIRECT, null, null, false, List.of(), null, null,
            null);

    GatewayPolicy {
        allowedContentTypes = allowedContentTypes == null ? List.of() : List.copyOf(allowedContentTypes);
    }
}
