package vn.hanoi.lgsp.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.agency.AgencyCode;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.workercontract.NdxpRecords;

/**
 * Records for Hanoi's agencies from ministries and other provinces (R-01, Đ4.3, Đ7.1): NDXP
 * delivers them here with its own credential. The sender is the member NDXP names in
 * {@code X-Road-Client}: only NDXP's credential may assert it, and nothing in the body can
 * change it. The record then goes the way of every record exchange — the same checks,
 * delivery to the agency's system or inbox — and NDXP hears the receipt and the result.
 */
@RestController
class NdxpInboundController {

    /** X-Road member of a state body: {@code VN:GOV:<agency code>:<subsystem>}. */
    private static final Pattern MEMBER = Pattern.compile("VN:GOV:([0-9A-Z.]{1,35}):([A-Za-z0-9._-]{1,64})");
    /** Starts with a letter or digit: the id goes into NDXP's URLs, where "." or ".." would mean a path. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    /** Hanoi's People's Committee (H26) and People's Council (K26) trees: reached directly, never through NDXP. */
    private static final Pattern HANOI = Pattern.compile(".*\\.[HK]26");

    private final ExchangeService exchanges;

    NdxpInboundController(ExchangeService exchanges) {
        this.exchanges = exchanges;
    }

    record Accepted(String code, String message, String exchangeId, ExchangeStatus status, boolean duplicate) {
    }

    @PreAuthorize("hasRole('national-platform')")
    @PostMapping(path = NdxpRecords.INBOUND_PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> receive(@RequestHeader(name = NdxpRecords.CLIENT_HEADER, required = false) String client,
                                     @RequestHeader(name = NdxpRecords.MESSAGE_ID_HEADER, required = false) String messageId,
                                     @RequestBody(required = false) SubmitRequest record) {
        List<ApiError.Detail> problems = new ArrayList<>();
        Matcher sender = client == null ? null : MEMBER.matcher(client);
        if (sender == null || !sender.matches()) {
            problems.add(new ApiError.Detail(NdxpRecords.CLIENT_HEADER,
                    "is required: the sending member as NDXP asserts it, VN:GOV:<agency code>:<subsystem>"));
        }
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            problems.add(new ApiError.Detail(NdxpRecords.MESSAGE_ID_HEADER,
                    "is required: NDXP's message id, 1–100 letters, digits and . _ : -"));
        }
        if (record == null) {
            problems.add(new ApiError.Detail("body", "is required: the record (procedureCode, destination, payload)"));
        } else if (record.destination() != null && !HANOI.matcher(record.destination()).matches()) {
            problems.add(new ApiError.Detail("destination", "must be a Hanoi agency (code ending H26 or K26): "
                    + "the LGSP of Hanoi receives records for the city's agencies only"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The record from NDXP is not valid: " + problems.stream()
                    .map(p -> p.field() + " " + p.reason()).toList(), problems);
        }
        String senderCode = sender.group(1);
        AgencyCode code;
        try {
            code = AgencyCode.parse(senderCode);
        } catch (ApiException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The sender " + client + " is no state body's code: "
                    + e.getMessage());
        }
        if (code.level() == 0) {
            // VN:GOV members are state bodies; an enterprise's code would borrow, say, VNPost's own exchanges' keys
            throw new ApiException(ErrorCode.FORBIDDEN, "Member " + client + " carries an enterprise's code, not a state body's");
        }
        if (HANOI.matcher(senderCode).matches()) {
            // a Hanoi agency sends through its own LGSP; one arriving from outside would bypass its credentials
            throw new ApiException(ErrorCode.FORBIDDEN, "Member " + client + " is a Hanoi agency: it sends records through "
                    + "the LGSP's agency API with its own credential, not through NDXP");
        }
        ExchangeService.Submitted submitted = exchanges.acceptFromNdxp(senderCode, client, messageId, record);
        ExchangeStore.Exchange e = submitted.exchange();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(ApiResponses.SUCCESS, submitted.replay()
                ? "Message " + messageId + " was already accepted as exchange " + e.id()
                : "Record accepted for " + e.destination(), e.id().toString(), e.status(), submitted.replay()));
    }
}
