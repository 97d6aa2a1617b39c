package vn.hanoi.lgsp.gateway;

import java.time.Instant;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.VersionStatus;

/**
 * Everything the gateway needs to decide about calls to one service version, read once and
 * kept for a few seconds: never a database round trip per call.
 *
 * @param productionUrl  the provider's registered base URL (for NDXP: the service's path on NDXP)
 * @param successor      the version consumers should move to, if there is one
 * @param offeredToNdxp  callable from outside Hanoi, through NDXP (Đ6.1.4.c)
 */
record Route(
        String service,
        String version,
        String provider,
        DataClassification classification,
        VersionStatus status,
        String productionUrl,
        Instant deprecatedAt,
        Instant sunsetAt,
        String successor,
        GatewayPolicy policy,
        OpenApiContract contract,
        boolean offeredToNdxp) {

    String target() {
        return service + "/" + version;
    }
}
