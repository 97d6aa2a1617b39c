package vn.hanoi.lgsp.reports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * Periodic reports (R-21, Đ16.13): the published ones are public, as the portal shows them;
 * DOST operators start a period's reports on demand.
 */
@RestController
@RequestMapping("/api/v1/reports")
class PeriodicReportController {

    private static final Pattern AGENCY = Pattern.compile("[0-9A-Z.]{1,35}");
    private static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final PeriodicReports reports;
    private final RuntimeService runtime;

    PeriodicReportController(PeriodicReports reports, RuntimeService runtime) {
        this.reports = reports;
        this.runtime = runtime;
    }

    record Listed(UUID id, String period, String agency, String agencyName, Instant publishedAt, String pdf, String xlsx) {
    }

    record Published(String code, String message, List<Listed> reports) {
    }

    record Started(String code, String message, String period, String processInstanceId) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Published list(@RequestParam(required = false) String period, @RequestParam(required = false) String agency,
                   @RequestParam(required = false) String scope) {
        String checked = period == null || period.isBlank() ? null : ReportPeriod.parse(period.trim()).code();
        if (agency != null && !AGENCY.matcher(agency).matches()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "agency must be an electronic identifier code, e.g. 000.00.13.H26");
        }
        if (scope != null && !scope.equals("city")) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "scope can only be city");
        }
        List<Listed> listed = reports.published(checked, agency, "city".equals(scope), 200).stream()
                .map(r -> new Listed(r.id(), r.period(), r.agency(), r.agencyName(), r.publishedAt(),
                        "/api/v1/reports/" + r.id() + "/pdf", "/api/v1/reports/" + r.id() + "/xlsx")).toList();
        return new Published(ApiResponses.SUCCESS, listed.size() + " published report(s)", listed);
    }

    @GetMapping("/{id}/{format}")
    ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String format) {
        UUID report;
        try {
            report = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The report id must be a UUID");
        }
        if (!format.equals("pdf") && !format.equals("xlsx")) {
            throw new ApiException(ErrorCode.NOT_FOUND, "A report comes as pdf or xlsx");
        }
        byte[] body = reports.publishedFile(report, format)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No published report " + report));
        return ResponseEntity.ok()
                .contentType(format.equals("pdf") ? MediaType.APPLICATION_PDF : XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("bao-cao-lgsp-" + report + "." + format).build().toString())
                .body(body);
    }

    @PostMapping(path = "/{period}/start", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Started start(@PathVariable String period, Authentication caller) {
        if (!AgencyCaller.of(caller).hasRole("dost-operator")) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only DOST operators start periodic reports");
        }
        ReportPeriod checked = ReportPeriod.parse(period);
        if (!checked.ended(Instant.now())) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Only a period that has ended is reported on");
        }
        if (reports.exists(checked.code())) {
            throw new ApiException(ErrorCode.DUPLICATE, "The reports of " + checked.code() + " already exist");
        }
        String instance = runtime.startProcessInstanceByMessage(PeriodicReportProcess.MESSAGE_REQUESTED,
                Map.of(PeriodicReportProcess.Variables.PERIOD, checked.code())).getId();
        return new Started(ApiResponses.SUCCESS, "Reports of " + checked.code() + " being prepared", checked.code(), instance);
    }
}
