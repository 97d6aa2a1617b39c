package vn.hanoi.lgsp.exchange;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.workercontract.PostalProcess;

/**
 * Applications received by post (R-22, Decision 45/2016/QĐ-TTg): VNPost collects a dossier
 * from a citizen and NDXP hands it to the LGSP, which delivers it to the competent Hanoi agency
 * as a record exchange of the postal channel; VNPost is told once the agency has it.
 */
@RestController
class PostalApplicationController {

    private static final Pattern APPLICATION_NUMBER = Pattern.compile("[A-Z0-9]{4,30}");
    private static final Pattern TRACKING_NUMBER = Pattern.compile("[A-Z]{2}[0-9]{9}[A-Z]{2}");

    private final ExchangeService exchanges;
    private final String vnpostCode;

    PostalApplicationController(ExchangeService exchanges,
                                PostalSettings settings) {
        this.exchanges = exchanges;
        this.vnpostCode = settings.vnpostAgencyCode();
    }

    record Application(String applicationNumber, String trackingNumber, String destination, String procedureCode,
                       SubmitRequest.Payload payload, SubmitRequest.Applicant applicant) {
    }

    record Accepted(String code, String message, String exchangeId, ExchangeStatus status) {
    }

    @PreAuthorize("hasRole('national-platform')")
    @PostMapping(path = PostalProcess.Ndxp.APPLICATIONS, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> receive(@RequestBody Application application) {
        if (application == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The application has no body");
        }
        List<ApiError.Detail> problems = new java.util.ArrayList<>();
        if (application.applicationNumber() == null || !APPLICATION_NUMBER.matcher(application.applicationNumber()).matches()) {
            problems.add(new ApiError.Detail("applicationNumber", "is required: VNPost's number, 4–30 capitals and digits"));
        }
        if (application.trackingNumber() != null && !TRACKING_NUMBER.matcher(application.trackingNumber()).matches()) {
            problems.add(new ApiError.Detail("trackingNumber", "must be an S10 number such as EH123456785VN"));
        }
        // the city's LGSP delivers to the city's agencies; others are reached through their own province
        if (application.destination() != null && !application.destination().matches(".*\\.[HK]26")) {
            problems.add(new ApiError.Detail("destination", "must be a Hanoi agency (code ending H26 or K26)"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The application is not valid: " + problems.stream()
                    .map(p -> p.field() + " " + p.reason()).toList(), problems);
        }
        SubmitRequest record = new SubmitRequest(application.procedureCode(), application.destination(),
                application.payload(), null, null, application.applicant());
        ExchangeService.Submitted submitted = exchanges.acceptFromPost(vnpostCode, application.applicationNumber(),
                application.trackingNumber(), record);
        ExchangeStore.Exchange e = submitted.exchange();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(ApiResponses.SUCCESS, submitted.replay()
                ? "Application " + application.applicationNumber() + " already accepted"
                : "Application accepted for " + e.destination(), e.id().toString(), e.status()));
    }

    /** For the receipt worker: what VNPost and the national tracking are told. */
    @PreAuthorize("hasRole('lgsp-worker')")
    @GetMapping(path = PostalProcess.WorkerApi.PATH + "/applications/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    PostalProcess.WorkerApi.Application application(@PathVariable String id) {
        UUID exchangeId = ExchangeController.parse(id);
        ExchangeStore.Exchange e = exchanges.require(exchangeId);
        ExchangeStore.PostalApplication a = exchanges.postalApplication(exchangeId).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "Exchange " + id + " did not come by post"));
        return new PostalProcess.WorkerApi.Application(ApiResponses.SUCCESS, "Application " + a.applicationNumber(),
                id, a.applicationNumber(), a.trackingNumber(), e.destination(), e.procedureCode(), e.receivedAt());
    }

    @PreAuthorize("hasRole('lgsp-worker')")
    @PostMapping(path = PostalProcess.WorkerApi.PATH + "/applications/{id}/told", produces = MediaType.APPLICATION_JSON_VALUE)
    ApiResponses.Ack told(@PathVariable String id) {
        UUID exchangeId = ExchangeController.parse(id);
        exchanges.postalApplication(exchangeId).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "Exchange " + id + " did not come by post"));
        exchanges.vnpostTold(exchangeId);
        return ApiResponses.ok("VNPost told of " + id);
    }
}
