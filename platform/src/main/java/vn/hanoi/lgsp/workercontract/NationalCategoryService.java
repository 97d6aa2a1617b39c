package vn.hanoi.lgsp.workercontract;

import java.time.LocalDate;
import java.util.List;

/**
 * The national category service (danh mục dùng chung quốc gia, Đ6.1.2.b, Đ10.3) as NDXP
 * publishes it: each list's changes as numbered change sets, each with the date it takes
 * effect. The LGSP pulls the sets after its own version and applies them in order. Names and
 * shapes shared by the platform and the NDXP simulator; the member address is illustrative.
 */
public final class NationalCategoryService {

    public static final String SERVICE = "VN:GOV:000.00.00.G06:DMDCQG";
    public static final String CONTEXT = "/danh-muc-dung-chung/1.0";

    /** {@code GET} the change sets of a list after a version: {@code ?tu-phien-ban=<version>}. */
    public static String changesPath(String list) {
        return CONTEXT + "/danh-muc/" + list + "/thay-doi";
    }

    public static final String AFTER_VERSION = "tu-phien-ban";

    /** What a change does to an entry. */
    public static final class Kinds {
        /** A new entry. */
        public static final String ESTABLISHED = "ESTABLISHED";
        /** The same code under a new name (a unit) — an agency renamed gets a new code and its predecessor. */
        public static final String RENAMED = "RENAMED";
        /** The entry takes over its predecessors, which close (the entry may be one of them). */
        public static final String MERGED = "MERGED";
        /** The entry is one of the parts its single predecessor was split into. */
        public static final String SPLIT = "SPLIT";
        /** The entry ends with no successor. */
        public static final String CLOSED = "CLOSED";
        public static final List<String> ALL = List.of(ESTABLISHED, RENAMED, MERGED, SPLIT, CLOSED);

        private Kinds() {
        }
    }

    /**
     * One change. For administrative units {@code type} is PROVINCE, WARD, COMMUNE or SPECIAL_ZONE
     * and {@code parentCode} the province; for agencies {@code type} is unused and
     * {@code parentCode} the body above.
     */
    public record Change(String kind, String code, String name, String type, String parentCode,
                         List<String> predecessors) {
    }

    public record ChangeSet(int version, LocalDate effectiveDate, String note, List<Change> changes) {
    }

    public record Changes(String code, String message, String list, int latestVersion, List<ChangeSet> changeSets) {
    }

    private NationalCategoryService() {
    }
}
