package vn.hanoi.lgsp.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A data-sharing service a provider agency publishes through the LGSP, with its versions.
 *
 * @param code     short stable identifier used in gateway paths, e.g. {@code hotich-tra-cuu}
 * @param provider electronic identifier code of the providing agency
 * @param status   the furthest live stage of its versions (see {@link VersionStatus})
 */
public record SharedService(
        String code,
        String name,
        String description,
        String provider,
        String providerName,
        DataClassification classification,
        VersionStatus status,
        Instant registeredAt,
        List<ServiceVersion> versions) {

    public Optional<ServiceVersion> version(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }
}
