package vn.hanoi.lgsp.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import vn.hanoi.lgsp.agency.Agency;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.audit.AuditEntry;
import vn.hanoi.lgsp.audit.SubjectEntries;
import vn.hanoi.lgsp.audit.SubjectHash;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.SharedService;
import vn.hanoi.lgsp.exchange.ApplicantExchanges;
import vn.hanoi.lgsp.exchange.ExchangeStatus;
import vn.hanoi.lgsp.postal.RecipientShipments;

/**
 * Every use of one person's data the LGSP knows of, for that person only: looked up by the keyed
 * hash of the identifier their VNeID sign-in carries, which is never stored in clear. Gateway
 * calls come from the audit journal, exchanges and shipments from their owners.
 */
@Service
public class DataUseLedger {

    /** Personal identification numbers (12 digits); businesses' tax codes (10, or 13 with a branch). */
    private static final Pattern IDENTIFIER = Pattern.compile("[0-9]{10}|[0-9]{12}|[0-9]{13}");
    /** Per kind and period: a person with more sees the newest and narrows the period. */
    static final int LIMIT = 500;

    private final SubjectHash subjects;
    private final SubjectEntries journal;
    private final ApplicantExchanges exchanges;
    private final RecipientShipments shipments;
    private final AgencyRegistry agencies;
    private final ServiceCatalog catalog;

    DataUseLedger(SubjectHash subjects, SubjectEntries journal, ApplicantExchanges exchanges,
                  RecipientShipments shipments, AgencyRegistry agencies, ServiceCatalog catalog) {
        this.subjects = subjects;
        this.journal = journal;
        this.exchanges = exchanges;
        this.shipments = shipments;
        this.agencies = agencies;
        this.catalog = catalog;
    }

    static boolean isIdentifier(String identifier) {
        return identifier != null && IDENTIFIER.matcher(identifier).matches();
    }

    String subjectOf(String identifier) {
        if (!isIdentifier(identifier)) {
            throw new IllegalArgumentException("not a personal identification number or tax code");
        }
        return subjects.hash(identifier);
    }

    /** The person's entries in [from, to), newest first. */
    public List<DataUseEntry> entries(String identifier, Instant from, Instant to) {
        String subject = subjectOf(identifier);
        Names names = new Names();
        List<DataUseEntry> entries = new ArrayList<>();
        for (AuditEntry call : journal.about(subject, from, to, LIMIT)) {
            String service = call.target() == null ? null : call.target().split("/")[0];
            Object purpose = call.details().get("purpose");
            Object officer = call.details().get("officer");
            entries.add(new DataUseEntry(DataUseEntry.Kind.GATEWAY_CALL, call.transactionId(), call.at(),
                    call.agencyCode(), names.agency(call.agencyCode()), service, names.service(service),
                    purpose == null ? null : purpose.toString(),
                    DataUseEntry.shownOfficer(officer == null ? null : officer.toString()), "00".equals(call.outcome())));
        }
        for (ApplicantExchanges.ApplicantExchange exchange : exchanges.about(subject, from, to, LIMIT)) {
            entries.add(new DataUseEntry(DataUseEntry.Kind.RECORD_EXCHANGE, exchange.id().toString(), exchange.createdAt(),
                    exchange.source(), names.agency(exchange.source()), exchange.procedureCode(),
                    "Hồ sơ thủ tục " + exchange.procedureCode() + " gửi " + names.agency(exchange.destination()),
                    "Giải quyết thủ tục hành chính", null,
                    exchange.status() != ExchangeStatus.FAILED && exchange.status() != ExchangeStatus.EXPIRED));
        }
        for (RecipientShipments.RecipientShipment shipment : shipments.about(subject, from, to, LIMIT)) {
            entries.add(new DataUseEntry(DataUseEntry.Kind.POSTAL_SHIPMENT, shipment.id().toString(), shipment.createdAt(),
                    shipment.agencyCode(), names.agency(shipment.agencyCode()), shipment.procedureCode(),
                    "Trả kết quả thủ tục " + shipment.procedureCode() + " qua VNPost",
                    "Chuyển phát kết quả giải quyết thủ tục hành chính đến người nhận", null,
                    !"NOT_SENT".equals(shipment.status()) && !"RETURNED".equals(shipment.status())));
        }
        entries.sort(Comparator.comparing(DataUseEntry::at).reversed());
        return entries;
    }

    /** One of the person's entries, if it is theirs: found around the moment the page showed. */
    Optional<DataUseEntry> entry(String identifier, DataUseEntry.Kind kind, String reference, Instant at) {
        return entries(identifier, at.minusSeconds(1), at.plusSeconds(1)).stream()
                .filter(e -> e.kind() == kind && e.reference() != null && e.reference().equals(reference))
                .findFirst();
    }

    /** Names looked up once per page. */
    private final class Names {
        private final Map<String, String> agencyNames = new HashMap<>();
        private final Map<String, String> serviceNames = new HashMap<>();

        String agency(String code) {
            return code == null ? null : agencyNames.computeIfAbsent(code,
                    c -> agencies.find(c).map(Agency::name).orElse(c));
        }

        String service(String code) {
            return code == null ? null : serviceNames.computeIfAbsent(code,
                    c -> catalog.find(c).map(SharedService::name).orElse(c));
        }
    }
}
