package vn.hanoi.lgsp.catalog;

/** A version's provider endpoint moved, in the transaction that moved it. */
public record VersionRelocated(String service, String version, String baseUrl, String actor) {
}
