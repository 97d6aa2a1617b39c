package vn.hanoi.lgsp.catalog;

/** A version was offered to NDXP or its offer withdrawn (Đ6.1.4.c), in the transaction that did it. */
public record NdxpOfferChanged(String service, String version, boolean offered, String actor) {
}
