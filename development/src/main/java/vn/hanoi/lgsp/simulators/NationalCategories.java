package vn.hanoi.lgsp.simulators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import vn.hanoi.lgsp.workercontract.NationalCategoryService;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.ChangeSet;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.Changes;

/**
 * The national category service behind NDXP: publishes each list's change sets in order. It
 * starts with none (every list at the version the LGSP loaded from the published files); a
 * test or a demonstration publishes a change set with {@code POST /_sim/categories/{list}}.
 * The service does not check what it publishes: the LGSP must refuse a bad set whole.
 */
final class NationalCategories {

    static final NationalServices.NationalService SERVICE = new NationalServices.NationalService(
            NationalCategoryService.SERVICE, NationalCategoryService.CONTEXT, "/danh-muc", "Danh mục dùng chung quốc gia",
            "Bộ Khoa học và Công nghệ");
    /** The LGSP's files are version 1 of every list; national change sets start at 2. */
    private static final int LOADED_VERSION = 1;

    private final Map<String, List<ChangeSet>> published = new ConcurrentHashMap<>();

    /** Publishes the list's next change set, numbered after the last; returns its version. */
    synchronized int publish(String list, ChangeSet changeSet) {
        List<ChangeSet> sets = published.computeIfAbsent(list, l -> new ArrayList<>());
        int version = LOADED_VERSION + sets.size() + 1;
        sets.add(new ChangeSet(version, changeSet.effectiveDate(), changeSet.note(), changeSet.changes()));
        return version;
    }

    /** The national service corrects a set it published (a refused one, say): same version, new content. */
    synchronized void replace(String list, int version, ChangeSet changeSet) {
        List<ChangeSet> sets = published.getOrDefault(list, List.of());
        int index = version - LOADED_VERSION - 1;
        if (index < 0 || index >= sets.size()) {
            throw SimResponse.failure(404, "NOT_FOUND", "Danh mục " + list + " chưa có phiên bản " + version).reject();
        }
        sets.set(index, new ChangeSet(version, changeSet.effectiveDate(), changeSet.note(), changeSet.changes()));
    }

    synchronized SimResponse changes(SimRequest request, Matcher path) {
        String list = path.group(1);
        int after = java.util.Optional.ofNullable(request.query().get(NationalCategoryService.AFTER_VERSION)).map(NationalCategories::version)
                .orElse(0);
        List<ChangeSet> sets = published.getOrDefault(list, List.of());
        List<ChangeSet> newer = sets.stream().filter(set -> set.version() > after).toList();
        return SimResponse.ok(new Changes(SimResponse.SUCCESS, newer.size() + " bộ thay đổi", list,
                LOADED_VERSION + sets.size(), newer));
    }

    SimResponse replaceControl(SimRequest request, Matcher path) {
        replace(path.group(1), version(path.group(2)), request.json(ChangeSet.class));
        return SimResponse.ok(Map.of("code", SimResponse.SUCCESS, "version", Integer.parseInt(path.group(2))));
    }

    SimResponse publishControl(SimRequest request, Matcher path) {
        int version = publish(path.group(1), request.json(ChangeSet.class));
        return SimResponse.ok(Map.of("code", SimResponse.SUCCESS, "version", version));
    }

    private static int version(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw Fields.invalid("tu-phien-ban phải là số nguyên");
        }
    }
}
