package vn.hanoi.lgsp.category;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.Change;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.ChangeSet;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.Kinds;

/**
 * A national change set of the administrative units, checked whole and then applied as a new
 * version: what a change ends is closed on the effective date (never deleted), what it makes
 * opens that day, and who took over whom is kept.
 */
@Component
class UnitChangeSets {

    private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");
    private static final Pattern UNIT = Pattern.compile("[0-9]{5}");
    private static final Set<String> TYPES = Set.of("PROVINCE", "WARD", "COMMUNE", "SPECIAL_ZONE");

    private final JdbcTemplate jdbc;
    private final AdministrativeUnits units;
    private final List<UnitUses> uses;

    UnitChangeSets(JdbcTemplate jdbc, AdministrativeUnits units, List<UnitUses> uses) {
        this.jdbc = jdbc;
        this.units = units;
        this.uses = uses;
    }

    /** Every problem of the set, each named by the change it is in; empty when it can be applied. */
    List<ChangeSetProblem> problems(ChangeSet set) {
        List<ChangeSetProblem> problems = new ArrayList<>();
        LocalDate day = set.effectiveDate();
        if (day == null) {
            problems.add(new ChangeSetProblem("effectiveDate", "is required"));
            return problems;
        }
        if (set.changes() == null || set.changes().isEmpty()) {
            problems.add(new ChangeSetProblem("changes", "is empty"));
            return problems;
        }
        Set<String> madeHere = new HashSet<>();
        // every code a change ends, and the one unit several SPLIT changes may name together
        java.util.Map<String, String> endedBy = new java.util.HashMap<>();
        for (int i = 0; i < set.changes().size(); i++) {
            Change change = set.changes().get(i);
            String at = "changes[" + i + "]";
            if (change == null || change.kind() == null || !Kinds.ALL.contains(change.kind())) {
                problems.add(new ChangeSetProblem(at + ".kind", "must be one of " + Kinds.ALL));
                continue;
            }
            String code = change.code();
            if (code == null || !(PROVINCE.matcher(code).matches() || UNIT.matcher(code).matches())) {
                problems.add(new ChangeSetProblem(at + ".code", "'" + code + "' is no unit code: 2 digits for a province,"
                        + " 5 for a ward, commune or special zone"));
                continue;
            }
            boolean inForce = units.inForce(code, day.minusDays(1)).isPresent();
            List<String> predecessors = change.predecessors() == null ? List.of() : change.predecessors();
            boolean takesOver = Kinds.MERGED.equals(change.kind()) || Kinds.SPLIT.equals(change.kind());
            if (!takesOver && !predecessors.isEmpty()) {
                problems.add(new ChangeSetProblem(at + ".predecessors", "only a MERGED or SPLIT change names predecessors"));
            }
            if (predecessors.size() > 100) {
                problems.add(new ChangeSetProblem(at + ".predecessors", "names " + predecessors.size() + " units; at most 100"));
                continue;
            }
            if (takesOver) {
                if (predecessors.isEmpty() || (Kinds.SPLIT.equals(change.kind()) && predecessors.size() != 1)) {
                    problems.add(new ChangeSetProblem(at + ".predecessors", Kinds.SPLIT.equals(change.kind())
                            ? "must name the one unit that was split" : "must name the units merged"));
                }
                for (String predecessor : predecessors) {
                    if (predecessor == null || units.inForce(predecessor, day.minusDays(1)).isEmpty()) {
                        problems.add(new ChangeSetProblem(at + ".predecessors", "'" + predecessor
                                + "' is not in force before " + day));
                    } else {
                        ended(endedBy, predecessor, change.kind(), at + ".predecessors", problems);
                    }
                }
                if (inForce && !predecessors.contains(code)) {
                    problems.add(new ChangeSetProblem(at + ".code", code + " is in force and not among the predecessors"));
                }
            } else if (Kinds.ESTABLISHED.equals(change.kind())) {
                if (inForce) {
                    problems.add(new ChangeSetProblem(at + ".code", code + " is already in force"));
                }
            } else if (!inForce) {
                problems.add(new ChangeSetProblem(at + ".code", code + " is not in force before " + day));
            } else {
                ended(endedBy, code, change.kind(), at + ".code", problems);
            }
            if (!Kinds.CLOSED.equals(change.kind())) {
                boolean province = "PROVINCE".equals(change.type());
                if (change.name() == null || change.name().isBlank() || change.name().length() > 200) {
                    problems.add(new ChangeSetProblem(at + ".name", "is required, at most 200 characters"));
                }
                if (change.type() == null || !TYPES.contains(change.type())) {
                    problems.add(new ChangeSetProblem(at + ".type", "must be one of " + TYPES));
                } else if (province != PROVINCE.matcher(code).matches()) {
                    problems.add(new ChangeSetProblem(at + ".type", change.type() + " does not fit the code " + code));
                } else if (!province && !provinceOn(change.parentCode(), day, set)) {
                    problems.add(new ChangeSetProblem(at + ".parentCode", "'" + change.parentCode()
                            + "' is no province in force on " + day));
                }
                if (!madeHere.add(code)) {
                    problems.add(new ChangeSetProblem(at + ".code", code + " is made twice in one set"));
                }
            }
        }
        return problems;
    }

    /** A unit ends once per set; several SPLIT changes naming the same unit are one split. */
    private static void ended(java.util.Map<String, String> endedBy, String code, String kind, String at,
                              List<ChangeSetProblem> problems) {
        String earlier = endedBy.putIfAbsent(code, kind);
        if (earlier != null && !(Kinds.SPLIT.equals(earlier) && Kinds.SPLIT.equals(kind))) {
            problems.add(new ChangeSetProblem(at, code + " is ended by two changes of one set (" + earlier + ", " + kind + ")"));
        }
    }

    /** A province in force that day and not closed by the set, or one the set makes. */
    private boolean provinceOn(String code, LocalDate day, ChangeSet set) {
        if (code == null || !PROVINCE.matcher(code).matches()) {
            return false;
        }
        boolean closedHere = set.changes().stream().anyMatch(c -> c != null && (code.equals(c.code())
                && Kinds.CLOSED.equals(c.kind()) || (c.predecessors() != null && c.predecessors().contains(code)
                && !code.equals(c.code()))));
        boolean madeHere = set.changes().stream().anyMatch(c -> c != null && code.equals(c.code())
                && !Kinds.CLOSED.equals(c.kind()) && "PROVINCE".equals(c.type()));
        return madeHere || (!closedHere && units.inForce(code, day).filter(u -> "PROVINCE".equals(u.type())).isPresent());
    }

    /** Applies a set {@link #problems} found nothing in; returns the codes it ended or renamed. */
    Set<String> apply(ChangeSet set) {
        LocalDate day = set.effectiveDate();
        Set<String> ended = new LinkedHashSet<>();
        for (Change change : set.changes()) {
            List<String> predecessors = change.predecessors() == null ? List.of() : change.predecessors();
            Set<String> closing = new LinkedHashSet<>(predecessors);
            if (Kinds.RENAMED.equals(change.kind()) || Kinds.CLOSED.equals(change.kind())) {
                closing.add(change.code());
            }
            for (String code : closing) {
                // a unit split in several changes closes with the first; closing again changes nothing
                close(code, day);
                ended.add(code);
                if (!code.equals(change.code())) {
                    jdbc.update("""
                            insert into lgsp.administrative_unit_succession (predecessor_code, successor_code,
                                effective_date, change_kind) values (?, ?, ?, ?) on conflict do nothing""",
                            code, change.code(), day, change.kind());
                }
            }
            if (!Kinds.CLOSED.equals(change.kind())) {
                jdbc.update("""
                        insert into lgsp.administrative_unit (code, name, unit_type, parent_code, valid_from)
                        values (?, ?, ?, ?, ?)""", change.code(), change.name().trim(), change.type(),
                        "PROVINCE".equals(change.type()) ? null : change.parentCode(), day);
            }
        }
        return ended;
    }

    private void close(String code, LocalDate day) {
        // only a version older than the change: one this set opened that day stays open
        jdbc.update("update lgsp.administrative_unit set valid_to = ? where code = ? and valid_to is null and valid_from < ?",
                day, code, day);
    }

    /** What still uses these codes and needs a decision, e.g. postal shipments on their way to them. */
    List<String> uses(Set<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        for (UnitUses use : uses) {
            found.addAll(use.uses(codes));
        }
        return found;
    }
}
