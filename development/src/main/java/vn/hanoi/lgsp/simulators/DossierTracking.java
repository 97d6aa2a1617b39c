package vn.hanoi.lgsp.simulators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hanoi.lgsp.workercontract.PostalProcess;

/**
 * The national tracking of dossiers, kept by the national public service portal and reached
 * through NDXP: provinces report each state of a dossier that travels by post. A state reported
 * again (a retry after a timeout) is acknowledged and not recorded twice.
 */
final class DossierTracking {

    private static final Logger log = LoggerFactory.getLogger(DossierTracking.class);

    private static final Set<String> STATES = Set.of(PostalProcess.TrackingStates.RECEIVED,
            PostalProcess.TrackingStates.RESULT_SENT, PostalProcess.TrackingStates.RESULT_RETURNED,
            PostalProcess.TrackingStates.RESULT_UNDELIVERED);

    private final Map<String, List<Report>> byDossier = new ConcurrentHashMap<>();

    /** {@code POST {context}/ho-so/trang-thai}, behind the gateway's checks. */
    SimResponse report(SimRequest request, Matcher path) {
        Report report = request.json(Report.class);
        List<String> problems = problems(report);
        if (!problems.isEmpty()) {
            return SimResponse.failure(400, "VALIDATION_FAILED",
                    "Trạng thái hồ sơ không hợp lệ: " + String.join("; ", problems));
        }
        List<Report> reports = byDossier.computeIfAbsent(report.dossierNumber(), k -> new ArrayList<>());
        synchronized (reports) {
            boolean known = reports.stream().anyMatch(earlier -> earlier.state().equals(report.state()));
            if (known) {
                log.info("National tracking: dossier {} was already {}", report.dossierNumber(), report.state());
                return SimResponse.ok(new Answer(SimResponse.SUCCESS, "Trạng thái đã được ghi nhận trước đó",
                        report.dossierNumber(), report.state(), true));
            }
            reports.add(report);
        }
        log.info("National tracking: dossier {} is now {}", report.dossierNumber(), report.state());
        return SimResponse.ok(new Answer(SimResponse.SUCCESS, "Đã ghi nhận trạng thái hồ sơ",
                report.dossierNumber(), report.state(), false));
    }

    /** The dossier's states in the order they arrived. */
    List<String> states(String dossierNumber) {
        List<Report> reports = byDossier.get(dossierNumber);
        if (reports == null) {
            return List.of();
        }
        synchronized (reports) {
            return reports.stream().map(Report::state).toList();
        }
    }

    /** {@code GET /_sim/tracking/{dossierNumber}}. */
    SimResponse view(SimRequest request, Matcher path) {
        String dossierNumber = path.group(1);
        return SimResponse.ok(new View(SimResponse.SUCCESS, "Trạng thái hồ sơ trên Cổng Dịch vụ công quốc gia",
                dossierNumber, states(dossierNumber)));
    }

    private static List<String> problems(Report report) {
        List<String> problems = new ArrayList<>();
        if (report.dossierNumber() == null || report.dossierNumber().isBlank()) {
            problems.add("dossierNumber (mã hồ sơ) là bắt buộc");
        }
        if (report.agencyCode() == null || report.agencyCode().isBlank()) {
            problems.add("agencyCode là bắt buộc");
        }
        if (report.state() == null || !STATES.contains(report.state())) {
            problems.add("state phải là một trong " + String.join(", ", STATES.stream().sorted().toList()));
        }
        if (!Boolean.TRUE.equals(report.byPost())) {
            // this service tracks only dossiers that travel by post
            problems.add("byPost phải là true");
        }
        return problems;
    }

    record Report(String dossierNumber, String procedureCode, String agencyCode, String state, Boolean byPost,
            String trackingNumber, String at) {
    }

    record Answer(String code, String message, String dossierNumber, String state, boolean duplicate) {
    }

    record View(String code, String message, String dossierNumber, List<String> states) {
    }
}
