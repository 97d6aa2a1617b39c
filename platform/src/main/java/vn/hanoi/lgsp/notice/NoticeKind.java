package vn.hanoi.lgsp.notice;

/** What a notice announces. */
public enum NoticeKind {
    /** A new version of a service is published. */
    NEW_VERSION,
    /** A version stays until its sunset; its consumers move to the successor. */
    DEPRECATION,
    /** A service will end on a date at least 60 days ahead. */
    RETIREMENT,
    /** A service or version has ended. */
    RETIRED,
    /** A connected system or the LGSP is maintained in a window announced 24 hours ahead (Đ11.6). */
    MAINTENANCE,
    /** A national category list changed: a unit or agency renamed, merged, split or closed (Đ10.3). */
    CATEGORY_CHANGE
}
