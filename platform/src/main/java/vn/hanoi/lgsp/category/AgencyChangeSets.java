package vn.hanoi.lgsp.category;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.agency.Agency;
import vn.hanoi.lgsp.agency.AgencyCode;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.Change;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.ChangeSet;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.Kinds;

/**
 * A national change set of the agencies' identifier codes (Decision 20/2020/QĐ-TTg). A body
 * renamed, merged or split gets new codes; its old code closes with its successors named, and
 * the {@code agency-closure} process asks DOST what becomes of its systems, grants and
 * services — the same path as a closure entered by hand.
 */
@Component
class AgencyChangeSets {

    static final String SYNC_ACTOR = "national-category-sync";

    private final AgencyRegistry agencies;

    AgencyChangeSets(AgencyRegistry agencies) {
        this.agencies = agencies;
    }

    List<ChangeSetProblem> problems(ChangeSet set) {
        List<ChangeSetProblem> problems = new ArrayList<>();
        LocalDate day = set.effectiveDate();
        if (day == null || set.changes() == null || set.changes().isEmpty()) {
            problems.add(new ChangeSetProblem(day == null ? "effectiveDate" : "changes", day == null ? "is required" : "is empty"));
            return problems;
        }
        Set<String> made = new HashSet<>();
        for (int i = 0; i < set.changes().size(); i++) {
            Change change = set.changes().get(i);
            String at = "changes[" + i + "]";
            if (change == null || change.kind() == null || !Kinds.ALL.contains(change.kind())) {
                problems.add(new ChangeSetProblem(at + ".kind", "must be one of " + Kinds.ALL));
                continue;
            }
            AgencyCode parsed;
            try {
                parsed = AgencyCode.parse(change.code());
            } catch (ApiException e) {
                problems.add(new ChangeSetProblem(at + ".code", "'" + change.code() + "': " + e.getMessage()));
                continue;
            }
            boolean known = agencies.find(change.code()).isPresent();
            List<String> predecessors = change.predecessors() == null ? List.of() : change.predecessors();
            if ((Kinds.CLOSED.equals(change.kind()) || Kinds.ESTABLISHED.equals(change.kind())) && !predecessors.isEmpty()) {
                problems.add(new ChangeSetProblem(at + ".predecessors", "only a RENAMED, MERGED or SPLIT change names predecessors"));
            }
            String parent = parsed.parent().orElse(null);
            if (!Kinds.CLOSED.equals(change.kind()) && parent != null && !made.contains(parent) && !active(parent, day.plusDays(1))) {
                problems.add(new ChangeSetProblem(at + ".code", "the body above " + change.code() + ", " + parent
                        + ", is not registered and active"));
            }
            if (Kinds.CLOSED.equals(change.kind())) {
                if (!active(change.code(), day)) {
                    problems.add(new ChangeSetProblem(at + ".code", change.code() + " is not active before " + day));
                }
                continue;
            }
            if (change.name() == null || change.name().isBlank() || change.name().length() > 300) {
                problems.add(new ChangeSetProblem(at + ".name", "is required, at most 300 characters"));
            }
            if (!Kinds.ESTABLISHED.equals(change.kind())) {
                if (predecessors.isEmpty() || (!Kinds.MERGED.equals(change.kind()) && predecessors.size() != 1)) {
                    problems.add(new ChangeSetProblem(at + ".predecessors", Kinds.MERGED.equals(change.kind())
                            ? "must name the bodies merged" : "must name the one body it comes from"));
                }
                for (String predecessor : predecessors) {
                    if (predecessor == null || !active(predecessor, day)) {
                        problems.add(new ChangeSetProblem(at + ".predecessors", "'" + predecessor
                                + "' is not active before " + day));
                    }
                }
            }
            boolean takesOverItself = Kinds.MERGED.equals(change.kind()) && predecessors.contains(change.code());
            if (known && !takesOverItself) {
                problems.add(new ChangeSetProblem(at + ".code", change.code() + " is already registered; a new body gets a new code"));
            }
            if (!made.add(change.code())) {
                problems.add(new ChangeSetProblem(at + ".code", change.code() + " is made twice in one set"));
            }
        }
        return problems;
    }

    /** Applies a checked set; returns the codes it closed. */
    Set<String> apply(ChangeSet set) {
        LocalDate day = set.effectiveDate();
        Map<String, List<String>> successors = new LinkedHashMap<>();
        Map<String, Agency.ClosureReason> reasons = new LinkedHashMap<>();
        for (Change change : set.changes()) {
            if (Kinds.CLOSED.equals(change.kind())) {
                successors.putIfAbsent(change.code(), new ArrayList<>());
                reasons.put(change.code(), Agency.ClosureReason.DISSOLVED);
                continue;
            }
            if (agencies.find(change.code()).isEmpty()) {
                agencies.register(new AgencyRegistry.NewAgency(change.code(), change.name().trim(), null, day), SYNC_ACTOR);
            }
            for (String predecessor : change.predecessors() == null ? List.<String>of() : change.predecessors()) {
                if (!predecessor.equals(change.code())) {
                    successors.computeIfAbsent(predecessor, p -> new ArrayList<>()).add(change.code());
                    reasons.put(predecessor, Agency.ClosureReason.valueOf(change.kind()));
                }
            }
        }
        Set<String> closed = new LinkedHashSet<>();
        successors.forEach((code, next) -> {
            agencies.close(code, day, reasons.get(code), next, SYNC_ACTOR);
            closed.add(code);
        });
        return closed;
    }

    private boolean active(String code, LocalDate day) {
        return agencies.find(code).map(a -> a.activeOn(day.minusDays(1))).orElse(false);
    }
}
