package vn.hanoi.lgsp.onboarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Onboarding requests and their timelines. */
@Repository
class Registrations {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    Registrations(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Registration(UUID id, String requestType, String agencyCode, String providerCode, String serviceCode,
                        String serviceVersion, RegistrationStatus status, RegistrationForm form, Instant validAt,
                        Instant reviewDue, String decisionComment, String testClientId, String productionClientId,
                        String processInstanceId, Instant createdAt, Instant updatedAt) {
    }

    record Event(Instant at, RegistrationStatus status, String detail) {
    }

    void insert(UUID id, String agency, String provider, String serviceCode, String version, RegistrationForm form,
                Instant validAt) {
        jdbc.update("""
                insert into lgsp.registration (id, request_type, agency_code, provider_code, service_code, service_version,
                    status, form, valid_at) values (?, ?, ?, ?, ?, ?, 'IN_REVIEW', ?::jsonb, ?)""",
                id, form.type(), agency, provider, serviceCode, version, write(form), Timestamp.from(validAt));
        event(id, RegistrationStatus.IN_REVIEW, "request received complete (valid from " + validAt + ")");
    }

    Optional<Registration> find(UUID id) {
        return jdbc.query("select * from lgsp.registration where id = ?", this::map, id).stream().findFirst();
    }

    List<Event> events(UUID id) {
        return jdbc.query("select at, status, detail from lgsp.registration_event where registration_id = ? order by id",
                (rs, n) -> new Event(rs.getTimestamp("at").toInstant(), RegistrationStatus.valueOf(rs.getString("status")),
                        rs.getString("detail")), id);
    }

    void status(UUID id, RegistrationStatus status, String detail) {
        jdbc.update("update lgsp.registration set status = ?, updated_at = now() where id = ?", status.name(), id);
        event(id, status, detail);
    }

    void event(UUID id, RegistrationStatus status, String detail) {
        jdbc.update("insert into lgsp.registration_event (registration_id, status, detail) values (?, ?, ?)", id,
                status.name(), detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail);
    }

    void processInstance(UUID id, String processInstanceId) {
        jdbc.update("update lgsp.registration set process_instance_id = ? where id = ?", processInstanceId, id);
    }

    void reviewDue(UUID id, Instant due) {
        jdbc.update("update lgsp.registration set review_due = ? where id = ?", Timestamp.from(due), id);
    }

    void correct(UUID id, RegistrationForm form, Instant validAt) {
        jdbc.update("update lgsp.registration set form = ?::jsonb, valid_at = ?, updated_at = now() where id = ?",
                write(form), Timestamp.from(validAt), id);
    }

    void decisionComment(UUID id, String comment) {
        jdbc.update("update lgsp.registration set decision_comment = ? where id = ?", comment, id);
    }

    void testClient(UUID id, String clientId) {
        jdbc.update("update lgsp.registration set test_client_id = ? where id = ?", clientId, id);
    }

    void productionClient(UUID id, String clientId) {
        jdbc.update("update lgsp.registration set production_client_id = ? where id = ?", clientId, id);
    }

    private String write(RegistrationForm form) {
        try {
            return json.writeValueAsString(form);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Registration map(ResultSet rs, int row) throws SQLException {
        RegistrationForm form;
        try {
            form = json.readValue(rs.getString("form"), RegistrationForm.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable registration form", e);
        }
        return new Registration(rs.getObject("id", UUID.class), rs.getString("request_type"), rs.getString("agency_code"),
                rs.getString("provider_code"), rs.getString("service_code"), rs.getString("service_version"),
                RegistrationStatus.valueOf(rs.getString("status")), form, instant(rs, "valid_at"), instant(rs, "review_due"),
                rs.getString("decision_comment"), rs.getString("test_client_id"), rs.getString("production_client_id"),
                rs.getString("process_instance_id"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
