package vn.hanoi.lgsp.catalog;

/** A consumer's access to a service version was granted or revoked, in the transaction that did it. */
public record GrantChanged(String consumer, String service, String version) {
}
