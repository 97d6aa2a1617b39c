package vn.hanoi.lgsp.procedure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.procedure.ProcedureCases.Case;
import vn.hanoi.lgsp.procedure.ProcedureCases.Environment;
import vn.hanoi.lgsp.procedure.ProcedureCases.Step;

/** The cases of procedures and their steps as the database keeps them ({@code lgsp.procedure_case*}). */
@Component
class CaseStore {

    private static final String SELECT = """
            select id, procedure_key, definition_id, case_number, owner_code, environment, request_hash, status,
                   process_instance_id, started_by, started_at, ended_at from lgsp.procedure_case""";

    private final JdbcTemplate jdbc;

    CaseStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Case> find(UUID id) {
        return jdbc.query(SELECT + " where id = ?", this::row, id).stream().findFirst();
    }

    Optional<Case> find(String key, Environment environment, String caseNumber) {
        return jdbc.query(SELECT + " where procedure_key = ? and environment = ? and case_number = ?", this::row,
                key, environment.name(), caseNumber).stream().findFirst();
    }

    Optional<Case> byProcessInstance(String processInstanceId) {
        return jdbc.query(SELECT + " where process_instance_id = ?", this::row, processInstanceId).stream().findFirst();
    }

    /** The newest cases, all of them or those an agency takes part in. */
    List<Case> recent(String agency, int limit) {
        if (agency == null) {
            return jdbc.query(SELECT + " order by started_at desc limit ?", this::row, limit);
        }
        return jdbc.query(SELECT + " " + """
                 where owner_code = ? or exists (select 1 from lgsp.procedure_case_step s
                                                  where s.case_id = procedure_case.id and s.agency_code = ?)
                 order by started_at desc limit ?""", this::row, agency, agency, limit);
    }

    /** Whether the agency has a step in the case. */
    boolean takesPart(UUID id, String agency) {
        Integer n = jdbc.queryForObject("select count(*) from lgsp.procedure_case_step where case_id = ? and agency_code = ?",
                Integer.class, id, agency);
        return n != null && n > 0;
    }

    List<Step> steps(UUID id) {
        return jdbc.query("""
                select agency_code, step, kind, started_at, ended_at, outcome, reference from lgsp.procedure_case_step
                 where case_id = ? order by seq""", (rs, n) -> new Step(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                rs.getString(6), rs.getString(7)), id);
    }

    /** The case's process instance, set once: a case the API did not make has no row to bind. */
    void bind(UUID id, String definitionId, String processInstanceId) {
        int bound = jdbc.update("""
                update lgsp.procedure_case set process_instance_id = ?
                 where id = ? and definition_id = ? and process_instance_id is null""", processInstanceId, id, definitionId);
        if (bound != 1) {
            throw new IllegalStateException("a procedure's case starts only through the LGSP's case API");
        }
    }

    /** The case ended: completed or not, and every step still open is closed as cancelled. */
    void end(UUID id, boolean completed) {
        jdbc.update("update lgsp.procedure_case set status = ?, ended_at = now() where id = ? and ended_at is null",
                completed ? "COMPLETED" : "ENDED", id);
        jdbc.update("update lgsp.procedure_case_step set ended_at = now(), outcome = coalesce(outcome, 'CANCELLED')"
                + " where case_id = ? and ended_at is null", id);
    }

    long addStep(UUID caseId, String agency, String step, String kind, String outcome, String reference, boolean ended) {
        Long seq = jdbc.queryForObject("""
                insert into lgsp.procedure_case_step (case_id, agency_code, step, kind, outcome, reference, ended_at)
                values (?, ?, ?, ?, ?, ?, case when ? then now() end) returning seq""", Long.class,
                caseId, agency, step, kind, outcome, reference, ended);
        return seq == null ? 0 : seq;
    }

    void endStep(UUID caseId, long seq, String outcome, String reference) {
        jdbc.update("""
                update lgsp.procedure_case_step set ended_at = now(), outcome = ?, reference = coalesce(?, reference)
                 where case_id = ? and seq = ? and ended_at is null""", outcome, reference, caseId, seq);
    }

    private Case row(ResultSet rs, int n) throws SQLException {
        return new Case(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Environment.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getTimestamp(11).toInstant(), rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant());
    }
}
