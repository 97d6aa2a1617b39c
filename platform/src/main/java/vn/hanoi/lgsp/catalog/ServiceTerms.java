package vn.hanoi.lgsp.catalog;

/**
 * The terms of the regulation for a service's end, defined once for the catalog's rules, the
 * lifecycle processes and their tests. Both are calendar days: App1 §3.4-3.5 speaks of days,
 * not working days.
 */
public final class ServiceTerms {

    /** an old version keeps running at least this many days after its successor is published. */
    public static final int UPGRADE_OVERLAP_DAYS = 180;
    /** a service ends no sooner than this many days after its end is announced. */
    public static final int RETIREMENT_NOTICE_DAYS = 60;

    private ServiceTerms() {
    }
}
