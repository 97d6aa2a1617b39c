package vn.hanoi.lgsp.gateway;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.monitoring.GatewayUsage;

/**
 * Gateway usage for reconciliation: an agency sees the calls it made and the calls made
 * to its services; DOST operators and supervisors see everything and may narrow it down.
 */
@RestController
class GatewayUsageController {

    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Duration LONGEST = Duration.ofDays(366);

    record UsageResponse(String code, String message, Instant from, Instant to, List<GatewayUsage.Row> asConsumer,
                         List<GatewayUsage.Row> asProvider, List<GatewayUsage.Row> all) {
    }

    private final GatewayUsage usage;

    GatewayUsageController(GatewayUsage usage) {
        this.usage = usage;
    }

    @GetMapping(GatewayController.PREFIX + "usage")
    UsageResponse usage(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                        @RequestParam(required = false) String consumer, @RequestParam(required = false) String provider,
                        Authentication caller) {
        Instant end = to == null ? Instant.now() : instant("to", to, true);
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : instant("from", from, false);
        if (!start.isBefore(end)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "from must be before to");
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "A usage period is at most 366 days");
        }
        if (overseer(caller)) {
            return new UsageResponse(ApiResponses.SUCCESS, "Gateway calls of every agency", start, end, null, null,
                    usage.usage(start, end, blank(consumer), blank(provider)));
        }
        String agency = AgencyCaller.of(caller).requireAgency("Usage is for agency systems, DOST operators and supervisors");
        if ((consumer != null && !consumer.equals(agency)) || (provider != null && !provider.equals(agency))) {
            throw new ApiException(ErrorCode.FORBIDDEN, "An agency sees only its own calls and the calls to its services");
        }
        return new UsageResponse(ApiResponses.SUCCESS, "Gateway calls made by " + agency + " and to its services", start,
                end, usage.usage(start, end, agency, null), usage.usage(start, end, null, agency), null);
    }

    private static boolean overseer(Authentication caller) {
        AgencyCaller who = AgencyCaller.of(caller);
        return who.hasRole("dost-operator") || who.hasRole("supervisor");
    }

    private static Instant instant(String name, String text, boolean endOfDay) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(HANOI).toInstant();
            } catch (DateTimeParseException e) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, name + " must be a date (YYYY-MM-DD) or an instant "
                        + "(2026-01-31T17:00:00Z), not " + text);
            }
        }
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
