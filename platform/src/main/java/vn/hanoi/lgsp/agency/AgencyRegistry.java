package vn.hanoi.lgsp.agency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.monitoring.TransactionDocument;
import vn.hanoi.lgsp.monitoring.TransactionLog;

/** The agencies the LGSP knows, by electronic identifier code, with their history. */
@Service
public class AgencyRegistry {

    private final JdbcTemplate jdbc;
    private final TransactionLog transactions;
    private final ApplicationEventPublisher events;

    AgencyRegistry(JdbcTemplate jdbc, TransactionLog transactions, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
    }

    /** What a DOST operator submits to register a body. */
    public record NewAgency(String code, String name, String englishName, LocalDate validFrom) {
    }

    /** Search criteria; null fields do not filter. */
    public record Query(String text, String parentCode, LocalDate activeOn, boolean includeClosed) {
    }

    /** Agencies with their successors and predecessors, in one statement. */
    private static final String SELECT = """
            select a.*,
              array(select successor_code from lgsp.agency_succession where predecessor_code = a.code order by 1) successors,
              array(select predecessor_code from lgsp.agency_succession where successor_code = a.code order by 1) predecessors
            from lgsp.agency a""";

    public Optional<Agency> find(String code) {
        List<Agency> found = jdbc.query(SELECT + " where a.code = ?", this::map, code);
        return found.stream().findFirst();
    }

    /** The agency if it exists and is active today; otherwise an {@code UNKNOWN_AGENCY} failure. */
    public Agency requireActive(String code) {
        Agency agency = find(code).orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_AGENCY,
                "Agency " + code + " is not registered with the LGSP"));
        if (!agency.activeOn(LocalDate.now())) {
            String successors = agency.successors().isEmpty() ? "" : "; its successor is " + String.join(", ", agency.successors());
            throw new ApiException(ErrorCode.UNKNOWN_AGENCY, "Agency " + code + " was closed on " + agency.validTo() + successors);
        }
        return agency;
    }

    public List<Agency> search(Query query) {
        StringBuilder sql = new StringBuilder(SELECT + " where true");
        List<Object> args = new java.util.ArrayList<>();
        if (query.text() != null && !query.text().isBlank()) {
            sql.append(" and (a.code ilike ? or a.name ilike ? or a.english_name ilike ?)");
            String like = "%" + query.text().trim() + "%";
            args.add(like);
            args.add(like);
            args.add(like);
        }
        if (query.parentCode() != null) {
            sql.append(" and a.parent_code = ?");
            args.add(query.parentCode());
        }
        if (query.activeOn() != null) {
            sql.append(" and a.valid_from <= ? and (a.valid_to is null or a.valid_to > ?)");
            args.add(query.activeOn());
            args.add(query.activeOn());
        } else if (!query.includeClosed()) {
            sql.append(" and a.status = 'ACTIVE'");
        }
        sql.append(" order by a.code");
        return jdbc.query(sql.toString(), this::map, args.toArray());
    }

    @Transactional
    public Agency register(NewAgency request, String registeredBy) {
        AgencyCode code = AgencyCode.parse(request.code());
        if (request.name() == null || request.name().isBlank()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The agency's name is required");
        }
        if (find(code.value()).isPresent()) {
            throw new ApiException(ErrorCode.DUPLICATE, "Agency " + code + " is already registered");
        }
        String parent = code.parent().orElse(null);
        if (parent != null) {
            requireActive(parent);
        }
        LocalDate validFrom = request.validFrom() != null ? request.validFrom() : LocalDate.now();
        jdbc.update("""
                insert into lgsp.agency (code, name, english_name, level, parent_code, status, valid_from)
                values (?, ?, ?, ?, ?, 'ACTIVE', ?)""",
                code.value(), request.name().trim(), request.englishName(), code.level(), parent, validFrom);
        transactions.record(TransactionDocument.milestone(java.util.UUID.randomUUID().toString(), "agency-registered",
                registeredBy, code.value(), transactions.environment()));
        return find(code.value()).orElseThrow();
    }

    /**
     * Closes a body that was renamed, split, merged or dissolved, naming who takes over; what it
     * had on the platform is then settled by the {@code agency-closure} process.
     */
    @Transactional
    public Agency close(String code, LocalDate effective, Agency.ClosureReason reason, List<String> successors,
                        String closedBy) {
        Agency agency = requireActive(code);
        if (!effective.isAfter(agency.validFrom())) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The closure date must be after " + agency.validFrom());
        }
        if (reason != Agency.ClosureReason.DISSOLVED && successors.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "A body that is " + reason.name().toLowerCase()
                    + " needs at least one successor code");
        }
        for (String successor : successors) {
            if (successor.equals(code)) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "An agency cannot succeed itself");
            }
            requireActive(successor);
        }
        jdbc.update("update lgsp.agency set status = 'CLOSED', valid_to = ?, closure_reason = ?, updated_at = now() where code = ?",
                effective, reason.name(), code);
        for (String successor : successors) {
            jdbc.update("insert into lgsp.agency_succession (predecessor_code, successor_code, effective_date) values (?, ?, ?)",
                    code, successor, effective);
        }
        transactions.record(TransactionDocument.milestone(java.util.UUID.randomUUID().toString(), "agency-closed",
                closedBy, code, transactions.environment()));
        events.publishEvent(new AgencyClosed(code, effective, reason, List.copyOf(successors), closedBy));
        return find(code).orElseThrow();
    }

    private Agency map(ResultSet rs, int row) throws SQLException {
        String code = rs.getString("code");
        List<String> successors = List.of((String[]) rs.getArray("successors").getArray());
        List<String> predecessors = List.of((String[]) rs.getArray("predecessors").getArray());
        String reason = rs.getString("closure_reason");
        return new Agency(code, rs.getString("name"), rs.getString("english_name"), rs.getInt("level"),
                rs.getString("parent_code"), Agency.Status.valueOf(rs.getString("status")),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                reason == null ? null : Agency.ClosureReason.valueOf(reason), successors, predecessors);
    }
}
