package vn.hanoi.lgsp.postal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.audit.SubjectHash;
import vn.hanoi.lgsp.sealing.ContentSealer;
import org.springframework.stereotype.Repository;
import vn.hanoi.lgsp.workercontract.PostalProcess.WorkerApi.Item;
import vn.hanoi.lgsp.workercontract.PostalProcess.WorkerApi.Recipient;

/** Shipments and their statuses; the recipient, sealed, only until the shipment ends. */
@Repository
class PostalStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ContentSealer sealer;
    private final SubjectHash subjects;

    PostalStore(JdbcTemplate jdbc, ObjectMapper json, ContentSealer sealer, SubjectHash subjects) {
        this.jdbc = jdbc;
        this.json = json;
        this.sealer = sealer;
        this.subjects = subjects;
    }

    /** One shipment as stored, never its recipient ({@link #recipientOf}); {@code recipientHeld} until it ended. */
    record Shipment(UUID id, String agencyCode, String dossierNumber, String procedureCode, String serviceLevel,
                    String requestHash, boolean recipientHeld, List<Item> items, int itemCount, int weightGrams,
                    long codAmount, Long feeDong, String trackingNumber, String status, int deliveryAttempts,
                    String refusalReason, Instant deliveryDue, String processInstanceId, Instant createdAt,
                    Instant updatedAt, Instant endedAt) {
    }

    record Event(long sequence, String status, String note, Instant reportedAt, Instant notifiedAt) {
    }

    /** Inserts unless the agency already asked for this dossier; true when this call inserted. */
    boolean insertIfNew(UUID id, ValidShipment shipment, String requestHash, Instant deliveryDue) {
        ContentSealer.Sealed recipient = sealer.seal(id, write(shipment.recipient()).getBytes(StandardCharsets.UTF_8),
                null, null);
        return jdbc.update("""
                insert into lgsp.postal_shipment (id, agency_code, dossier_number, procedure_code, service_level,
                    request_hash, recipient_sealed, recipient_key, recipient_master_key, province_code, ward_code, items,
                    item_count, weight_grams, cod_amount, status, delivery_due, recipient_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, 'REQUESTED', ?, ?)
                on conflict (agency_code, dossier_number) do nothing""",
                id, shipment.agencyCode(), shipment.dossierNumber(), shipment.procedureCode(),
                shipment.serviceLevel().name(), requestHash, recipient.ciphertext(), recipient.wrappedKey(),
                recipient.masterKeyId(), shipment.recipient().provinceCode(), shipment.recipient().wardCode(),
                write(shipment.items()), shipment.items().size(),
                shipment.items().stream().mapToInt(Item::weightGrams).sum(), shipment.codAmount(),
                Timestamp.from(deliveryDue),
                shipment.recipientCitizenId() == null ? null : subjects.hash(shipment.recipientCitizenId())) == 1;
    }

    void setProcessInstance(UUID id, String processInstanceId) {
        jdbc.update("update lgsp.postal_shipment set process_instance_id = ? where id = ?", processInstanceId, id);
    }

    /** The recipient, opened only to hand the order to VNPost; empty once the shipment ended. */
    Optional<Recipient> recipientOf(UUID id) {
        return jdbc.query("select recipient_sealed, recipient_key, recipient_master_key from lgsp.postal_shipment"
                + " where id = ? and recipient_sealed is not null", (rs, n) -> readRecipient(sealer.open(id,
                new ContentSealer.Sealed(rs.getBytes("recipient_sealed"), rs.getBytes("recipient_key"),
                        rs.getString("recipient_master_key"))).content()), id).stream().findFirst();
    }

    Optional<Shipment> find(UUID id) {
        return jdbc.query("select * from lgsp.postal_shipment where id = ?", this::map, id).stream().findFirst();
    }

    Optional<Shipment> findByDossier(String agencyCode, String dossierNumber) {
        return jdbc.query("select * from lgsp.postal_shipment where agency_code = ? and dossier_number = ?", this::map,
                agencyCode, dossierNumber).stream().findFirst();
    }

    /** Locks the row: statuses, notifications and the process's checks apply one after the other. */
    Optional<Shipment> lock(UUID id) {
        return jdbc.query("select * from lgsp.postal_shipment where id = ? for update", this::map, id).stream()
                .findFirst();
    }

    Optional<UUID> byTrackingNumber(String trackingNumber) {
        return jdbc.queryForList("select id from lgsp.postal_shipment where tracking_number = ?", UUID.class,
                trackingNumber).stream().findFirst();
    }

    /**
     * A status can beat the order's answer to the platform (VNPost calls back at once): the one
     * shipment of this dossier still waiting for its tracking number is the one.
     */
    Optional<UUID> awaitingTrackingNumber(String dossierNumber) {
        List<UUID> ids = jdbc.queryForList("select id from lgsp.postal_shipment where dossier_number = ?"
                + " and tracking_number is null and status = 'REQUESTED'", UUID.class, dossierNumber);
        return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
    }

    void ordered(UUID id, String trackingNumber, Long feeDong) {
        jdbc.update("""
                update lgsp.postal_shipment set tracking_number = ?, fee_dong = coalesce(?, fee_dong),
                    status = case when status = 'REQUESTED' then 'ACCEPTED' else status end, updated_at = now()
                where id = ?""", trackingNumber, feeDong, id);
    }

    void notSent(UUID id, String reason) {
        jdbc.update("update lgsp.postal_shipment set status = 'NOT_SENT', refusal_reason = ?, updated_at = now()"
                + " where id = ?", reason, id);
    }

    /** Records a status once (VNPost retries its callbacks); true when it is new. */
    boolean addEvent(UUID id, String status, String note, Instant reportedAt) {
        int added = jdbc.update("""
                insert into lgsp.postal_shipment_event (shipment_id, sequence, status, note, reported_at)
                select ?, coalesce(max(sequence), 0) + 1, ?, ?, ? from lgsp.postal_shipment_event where shipment_id = ?
                on conflict (shipment_id, status, reported_at) do nothing""",
                id, status, note, Timestamp.from(reportedAt), id);
        if (added == 0) {
            return false;
        }
        // the shipment's status is its latest report's: a retried older callback does not move it back
        jdbc.update("""
                update lgsp.postal_shipment s set status = e.status, updated_at = now(),
                    delivery_attempts = (select count(*) from lgsp.postal_shipment_event
                                         where shipment_id = s.id and status in ('DELIVERED', 'DELIVERY_FAILED'))
                from (select status from lgsp.postal_shipment_event where shipment_id = ?
                      order by reported_at desc, sequence desc limit 1) e
                where s.id = ? and s.status <> 'NOT_SENT'""", id, id);
        return true;
    }

    List<Event> events(UUID id) {
        return jdbc.query("select * from lgsp.postal_shipment_event where shipment_id = ? order by sequence",
                (rs, n) -> new Event(rs.getLong("sequence"), rs.getString("status"), rs.getString("note"),
                        rs.getTimestamp("reported_at").toInstant(), instant(rs, "notified_at")), id);
    }

    int pendingCount(UUID id) {
        Integer count = jdbc.queryForObject("select count(*) from lgsp.postal_shipment_event where shipment_id = ?"
                + " and notified_at is null", Integer.class, id);
        return count == null ? 0 : count;
    }

    void notified(UUID id, long upToSequence) {
        jdbc.update("update lgsp.postal_shipment_event set notified_at = now() where shipment_id = ? and sequence <= ?"
                + " and notified_at is null", id, upToSequence);
    }

    /** the recipient is needed only while the item travels; and so is the ward. */
    void forgetRecipient(UUID id) {
        jdbc.update("""
                update lgsp.postal_shipment set recipient_sealed = null, recipient_key = null, recipient_master_key = null,
                    ward_code = null, items = '[]'::jsonb, ended_at = coalesce(ended_at, now()), updated_at = now()
                where id = ?""", id);
    }

    /** VNPost's notes are its free text (who signed, why it failed): kept only while the process runs. */
    void forgetNotes(UUID id) {
        jdbc.update("update lgsp.postal_shipment_event set note = null where shipment_id = ?", id);
    }

    /** The status of the last event the agency was told; null before the first. */
    String lastToldStatus(UUID id) {
        return jdbc.queryForList("select status from lgsp.postal_shipment_event where shipment_id = ? and notified_at"
                + " is not null order by sequence desc limit 1", String.class, id).stream().findFirst().orElse(null);
    }

    /** An agency's shipments, newest first. */
    List<Shipment> ofAgency(String agencyCode, int limit) {
        return jdbc.query("select * from lgsp.postal_shipment where agency_code = ? order by created_at desc limit ?",
                this::map, agencyCode, limit);
    }

    private Shipment map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        boolean recipient = rs.getObject("recipient_key") != null;
        long fee = rs.getLong("fee_dong");
        Long feeDong = rs.wasNull() ? null : fee;
        return new Shipment(id, rs.getString("agency_code"), rs.getString("dossier_number"),
                rs.getString("procedure_code"), rs.getString("service_level"), rs.getString("request_hash"), recipient,
                read(rs.getString("items")), rs.getInt("item_count"), rs.getInt("weight_grams"),
                rs.getBigDecimal("cod_amount").longValueExact(), feeDong, rs.getString("tracking_number"),
                rs.getString("status"), rs.getInt("delivery_attempts"), rs.getString("refusal_reason"),
                rs.getTimestamp("delivery_due").toInstant(), rs.getString("process_instance_id"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                instant(rs, "ended_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private Recipient readRecipient(byte[] bytes) {
        try {
            return json.readValue(bytes, Recipient.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object items) {
        try {
            return json.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Item> read(String items) {
        try {
            return json.readValue(items, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
