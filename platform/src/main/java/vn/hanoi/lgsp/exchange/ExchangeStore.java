package vn.hanoi.lgsp.exchange;

import vn.hanoi.lgsp.audit.SubjectHash;
import vn.hanoi.lgsp.sealing.ContentSealer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Exchange metadata, its timeline, and the transient content store. */
@Repository
class ExchangeStore {

    private final JdbcTemplate jdbc;

    private final ContentSealer sealer;
    private final SubjectHash subjects;

    ExchangeStore(JdbcTemplate jdbc, ContentSealer sealer, SubjectHash subjects) {
        this.sealer = sealer;
        this.jdbc = jdbc;
        this.subjects = subjects;
    }

    record Event(Instant at, ExchangeStatus status, String detail) {
    }

    /** One exchange as stored; never its content. */
    record Exchange(UUID id, String source, String idempotencyKey, String requestHash, String destination,
                    String procedureCode, String contentType, String contentSha256, long contentBytes, boolean signed,
                    boolean applicantPresent, Instant deadline, ExchangeStatus status, String route, String failureReason,
                    String receiptSha256, Instant receivedAt, String resultCode, String resultMessage,
                    String resultReference, String processInstanceId, Instant createdAt, Instant updatedAt) {
    }

    /** Inserts unless the source already used the key; true when this call inserted. */
    boolean insertIfNew(UUID id, String idempotencyKey, String requestHash, RecordValidator.ValidRecord record) {
        int inserted = jdbc.update("""
                insert into lgsp.exchange (id, source_code, idempotency_key, request_hash, destination_code, procedure_code,
                    content_type, content_sha256, content_bytes, signed, applicant_present, deadline, status, applicant_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACCEPTED', ?)
                on conflict (source_code, idempotency_key) do nothing""",
                id, record.source(), idempotencyKey, requestHash, record.destination(), record.procedureCode(),
                record.contentType(), record.sha256(), record.content().length, record.signature() != null,
                record.applicant() != null, record.deadline() == null ? null : Timestamp.from(record.deadline()),
                // the applicant can later see the exchange that named them; the identifier stays sealed
                record.applicant() == null ? null : subjects.hash(record.applicant().citizenId()));
        return inserted == 1;
    }

    void storeContent(UUID id, RecordValidator.ValidRecord record) {
        ContentSealer.Sealed sealed = sealer.seal(id, record.content(),
                record.applicant() == null ? null : record.applicant().citizenId(),
                record.applicant() == null ? null : record.applicant().fullName());
        jdbc.update("insert into lgsp.exchange_content (exchange_id, content, signature, wrapped_key, master_key_id)"
                        + " values (?, ?, ?, ?, ?)",
                id, sealed.ciphertext(), record.signature(), sealed.wrappedKey(), sealed.masterKeyId());
    }

    /** An application VNPost collected, delivered as this exchange. */
    record PostalApplication(UUID exchangeId, String applicationNumber, String trackingNumber, Instant vnpostToldAt) {
    }

    void recordPostalApplication(UUID id, String applicationNumber, String trackingNumber) {
        jdbc.update("insert into lgsp.postal_application (exchange_id, application_number, tracking_number)"
                + " values (?, ?, ?)", id, applicationNumber, trackingNumber);
    }

    Optional<PostalApplication> postalApplication(UUID id) {
        return jdbc.query("select * from lgsp.postal_application where exchange_id = ?", (rs, n) -> new PostalApplication(
                rs.getObject("exchange_id", UUID.class), rs.getString("application_number"),
                rs.getString("tracking_number"), rs.getTimestamp("vnpost_told_at") == null ? null
                        : rs.getTimestamp("vnpost_told_at").toInstant()), id).stream().findFirst();
    }

    void vnpostTold(UUID id) {
        jdbc.update("update lgsp.postal_application set vnpost_told_at = coalesce(vnpost_told_at, now())"
                + " where exchange_id = ?", id);
    }

    Optional<Exchange> findByKey(String source, String idempotencyKey) {
        return jdbc.query("select * from lgsp.exchange where source_code = ? and idempotency_key = ?", this::map,
                source, idempotencyKey).stream().findFirst();
    }

    Optional<Exchange> find(UUID id) {
        return jdbc.query("select * from lgsp.exchange where id = ?", this::map, id).stream().findFirst();
    }

    /** Locks the row for a status change, so concurrent transitions apply one after the other. */
    Optional<Exchange> lock(UUID id) {
        return jdbc.query("select * from lgsp.exchange where id = ? for update", this::map, id).stream().findFirst();
    }

    List<Event> events(UUID id) {
        return jdbc.query("select at, status, detail from lgsp.exchange_event where exchange_id = ? order by id",
                (rs, n) -> new Event(rs.getTimestamp("at").toInstant(), ExchangeStatus.valueOf(rs.getString("status")),
                        rs.getString("detail")), id);
    }

    void addEvent(UUID id, ExchangeStatus status, String detail) {
        jdbc.update("insert into lgsp.exchange_event (exchange_id, at, status, detail) values (?, clock_timestamp(), ?, ?)", id, status.name(),
                detail == null ? null : truncate(detail));
    }

    void setStatus(UUID id, ExchangeStatus status) {
        jdbc.update("update lgsp.exchange set status = ?, updated_at = now() where id = ?", status.name(), id);
    }

    void setProcessInstance(UUID id, String processInstanceId) {
        jdbc.update("update lgsp.exchange set process_instance_id = ? where id = ?", processInstanceId, id);
    }

    void setRoute(UUID id, String route, Instant deadline) {
        jdbc.update("update lgsp.exchange set route = ?, deadline = ?, updated_at = now() where id = ?", route,
                Timestamp.from(deadline), id);
    }

    void putInInbox(UUID id) {
        jdbc.update("update lgsp.exchange set in_inbox = true, updated_at = now() where id = ?", id);
    }

    void setFailure(UUID id, String reason) {
        jdbc.update("update lgsp.exchange set failure_reason = ? where id = ?", truncate(reason), id);
    }

    void setReceipt(UUID id, String receivedSha256, Instant at) {
        jdbc.update("update lgsp.exchange set receipt_sha256 = ?, received_at = ? where id = ?", receivedSha256,
                Timestamp.from(at), id);
    }

    void setResult(UUID id, String code, String message, String reference) {
        jdbc.update("update lgsp.exchange set result_code = ?, result_message = ?, result_reference = ? where id = ?",
                code, truncate(message), reference == null || reference.length() <= 200 ? reference : reference.substring(0, 200),
                id);
    }

    record Content(byte[] bytes, String signature, String applicantCitizenId, String applicantName) {
    }

    Optional<Content> content(UUID id) {
        return jdbc.query("select * from lgsp.exchange_content where exchange_id = ?", (rs, n) -> {
            byte[] wrapped = rs.getBytes("wrapped_key");
            if (wrapped == null) {
                // sealed storage came later: a row written before it is read as it was stored
                return new Content(rs.getBytes("content"), rs.getString("signature"),
                        rs.getString("applicant_citizen_id"), rs.getString("applicant_name"));
            }
            ContentSealer.Opened opened = sealer.open(id, new ContentSealer.Sealed(rs.getBytes("content"), wrapped,
                    rs.getString("master_key_id")));
            return new Content(opened.content(), rs.getString("signature"), opened.applicantCitizenId(),
                    opened.applicantName());
        }, id).stream().findFirst();
    }

    /** Removes the content; true if there was any. */
    boolean purgeContent(UUID id) {
        return jdbc.update("delete from lgsp.exchange_content where exchange_id = ?", id) == 1;
    }

    /** Exchanges waiting in a destination's inbox: routed there and not yet acknowledged. */
    List<Exchange> inbox(String destination, int limit) {
        return jdbc.query("""
                select e.* from lgsp.exchange e join lgsp.exchange_content c on c.exchange_id = e.id
                where e.destination_code = ? and e.in_inbox and e.received_at is null
                order by e.created_at limit ?""", this::map, destination, limit);
    }

    private Exchange map(ResultSet rs, int row) throws SQLException {
        return new Exchange(rs.getObject("id", UUID.class), rs.getString("source_code"), rs.getString("idempotency_key"),
                rs.getString("request_hash"), rs.getString("destination_code"), rs.getString("procedure_code"),
                rs.getString("content_type"), rs.getString("content_sha256"), rs.getLong("content_bytes"),
                rs.getBoolean("signed"), rs.getBoolean("applicant_present"), instant(rs, "deadline"),
                ExchangeStatus.valueOf(rs.getString("status")), rs.getString("route"), rs.getString("failure_reason"),
                rs.getString("receipt_sha256"), instant(rs, "received_at"), rs.getString("result_code"),
                rs.getString("result_message"), rs.getString("result_reference"), rs.getString("process_instance_id"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }
}
