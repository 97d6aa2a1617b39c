package vn.hanoi.lgsp.category;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * Shared category lists (danh mục dùng chung, R-12): each list has its metadata (fields)
 * and its entries, the shape the national category API uses.
 */
@RestController
@RequestMapping("/api/v1/categories")
class CategoryController {

    private final AgencyRegistry agencies;
    private final AdministrativeUnits units;
    private final ProcedureCodes procedures;
    private final CategoryLists lists;
    private final NationalCategorySync sync;

    CategoryController(AgencyRegistry agencies, AdministrativeUnits units, ProcedureCodes procedures, CategoryLists lists,
                       NationalCategorySync sync) {
        this.agencies = agencies;
        this.units = units;
        this.procedures = procedures;
        this.lists = lists;
        this.sync = sync;
    }

    record Versions(String code, String message, String list, int current, List<CategoryLists.Version> versions,
                    List<CategoryLists.Refusal> refused) {
    }

    record SyncAnswer(String code, String message, List<NationalCategorySync.ListResult> lists) {
    }

    record CategoryList(String name, String title, String description) {
    }

    record Field(String name, String type, String description) {
    }

    record Lists(String code, String message, List<CategoryList> lists) {
    }

    record Metadata(String code, String message, CategoryList list, List<Field> fields) {
    }

    record Entries(String code, String message, String list, int total, List<?> entries) {
    }

    private static final Map<String, CategoryList> LISTS = Map.of(
            "agencies", new CategoryList("agencies", "Danh mục mã định danh điện tử của cơ quan, đơn vị",
                    "Electronic identifier codes of agencies (Decision 20/2020/QĐ-TTg), with validity and successors"),
            "administrative-units", new CategoryList("administrative-units", "Danh mục đơn vị hành chính",
                    "Administrative units in force since 1 July 2025 (34 provinces and cities, 3,321 wards, communes and"
                            + " special zones; statistics office codes), with every later version and its validity"),
            "procedures", new CategoryList("procedures", "Danh mục mã thủ tục hành chính",
                    "National administrative procedure ids (national database of administrative procedures); a"
                            + " province writes them with its suffix, e.g. 1.001193.000.00.00.H26"));

    private static final Map<String, List<Field>> FIELDS = Map.of(
            "agencies", List.of(
                    new Field("code", "string", "electronic identifier code, at most 35 characters of [0-9A-Z.]"),
                    new Field("name", "string", "official name"),
                    new Field("englishName", "string", "English name"),
                    new Field("level", "integer", "1–4 for state bodies, 0 for enterprises"),
                    new Field("parentCode", "string", "code of the body directly above"),
                    new Field("status", "string", "ACTIVE or CLOSED"),
                    new Field("validFrom", "date", "first day the code is valid"),
                    new Field("validTo", "date", "first day the code is no longer valid"),
                    new Field("closureReason", "string", "RENAMED, SPLIT, MERGED or DISSOLVED"),
                    new Field("successors", "string[]", "codes that took over a closed body"),
                    new Field("predecessors", "string[]", "codes this body took over")),
            "administrative-units", List.of(
                    new Field("code", "string", "administrative unit code"),
                    new Field("name", "string", "official name"),
                    new Field("type", "string", "PROVINCE, WARD, COMMUNE or SPECIAL_ZONE"),
                    new Field("parentCode", "string", "code of the unit above"),
                    new Field("validFrom", "date", "first day the unit exists"),
                    new Field("validTo", "date", "first day the unit no longer exists")),
            "procedures", List.of(
                    new Field("code", "string", "national procedure id, e.g. 1.001193"),
                    new Field("name", "string", "name in the national database"),
                    new Field("validFrom", "date", "first day in the list"),
                    new Field("validTo", "date", "first day no longer in the list")));

    @GetMapping
    Lists lists() {
        return new Lists(ApiResponses.SUCCESS, LISTS.size() + " category lists",
                LISTS.values().stream().sorted(java.util.Comparator.comparing(CategoryList::name)).toList());
    }

    @GetMapping("/{list}/metadata")
    Metadata metadata(@PathVariable String list) {
        return new Metadata(ApiResponses.SUCCESS, "Fields of " + list, known(list), FIELDS.get(list));
    }

    @GetMapping("/{list}")
    Entries entries(@PathVariable String list,
                    @RequestParam(required = false) String q,
                    @RequestParam(required = false) String parent,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate at,
                    @RequestParam(defaultValue = "false") boolean includeClosed) {
        known(list);
        List<?> entries = switch (list) {
            case "agencies" -> agencies.search(new AgencyRegistry.Query(q, parent, at, includeClosed));
            case "procedures" -> procedures.search(q, at, includeClosed);
            default -> units.search(q, parent, at, includeClosed);
        };
        return new Entries(ApiResponses.SUCCESS, entries.size() + " entries", list, entries.size(), entries);
    }

    /** Every version the list went through, newest first, and the national change sets refused. */
    @GetMapping("/{list}/versions")
    Versions versions(@PathVariable String list) {
        known(list);
        List<CategoryLists.Version> versions = lists.versions(list);
        return new Versions(ApiResponses.SUCCESS, versions.size() + " versions", list, lists.currentVersion(list), versions,
                lists.refusals(list));
    }

    /** Pulls the national category service now instead of at the next round (DOST). */
    @PostMapping("/sync")
    @PreAuthorize("hasRole('dost-operator')")
    SyncAnswer syncNow() {
        return new SyncAnswer(ApiResponses.SUCCESS, "Synchronised with the national category service", sync.syncAll());
    }

    private static CategoryList known(String list) {
        CategoryList found = LISTS.get(list);
        if (found == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "There is no category list '" + list + "'; the lists are "
                    + LISTS.keySet().stream().sorted().toList());
        }
        return found;
    }
}
