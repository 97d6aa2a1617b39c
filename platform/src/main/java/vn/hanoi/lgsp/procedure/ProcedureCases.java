package vn.hanoi.lgsp.procedure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.audit.AuditEntry;
import vn.hanoi.lgsp.audit.AuditJournal;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks.CaseVariables;

/**
 * Cases of procedures: started once per case number by the owning agency, in the environment its
 * credential belongs to; their documents sealed until the case ends; readable by the
 * agencies that take part, and by no one else.
 */
@Service
public class ProcedureCases {

    public enum Environment { TEST, PRODUCTION }

    /** True when the applicant asked for the result by post: models branch on it. */
    public static final String POSTAL_VARIABLE = "postalReturn";

    /** Variables the platform sets on every case: no start form, data field or look-up may set them. */
    static final Set<String> RESERVED = Set.of(CaseVariables.CASE_ID, CaseVariables.CASE_NUMBER,
            CaseVariables.OWNER, CaseVariables.ENVIRONMENT, POSTAL_VARIABLE);

    /** What the owning agency's system hands in: {@code POST /api/v1/procedures/{key}/cases}. */
    public record StartRequest(String caseNumber, Map<String, Object> data, List<Document> documents, Postal postal) {
    }

    /** The applicant's choice to receive the result by post, and where. */
    public record Postal(String name, String phone, String address, String provinceCode, String wardCode) {
    }

    public record Document(String name, String contentType, String content, String sha256) {
    }

    public record Case(UUID id, String procedureKey, String definitionId, String caseNumber, String owner,
                       Environment environment, String requestHash, String status, String processInstanceId,
                       String startedBy, Instant startedAt, Instant endedAt) {

        /** Started by a staff member (an analyst's test case), not by an agency's system. */
        public boolean startedByPerson() {
            return startedBy != null && !startedBy.startsWith("service-account-");
        }
    }

    public record Step(String agency, String step, String kind, Instant startedAt, Instant endedAt, String outcome,
                       String reference) {
    }

    public record Started(Case started, boolean replay) {
    }

    record OpenedDocument(String name, String contentType, String sha256, byte[] content) {
    }

    /** A document the model names is not in the case: a modelling or intake mistake, for the ward's staff to see. */
    static final class MissingDocument extends RuntimeException {
        MissingDocument(String name) {
            super("the case holds no document named " + name);
        }
    }

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final ModelReleases releases;
    private final CaseStore store;
    private final CaseDocuments documents;
    private final ProcedureOwners owners;
    private final AuditJournal journal;
    private final ObjectMapper json;

    ProcedureCases(JdbcTemplate jdbc, RuntimeService runtime, RepositoryService repository, ModelReleases releases,
                   CaseStore store, CaseDocuments documents, ProcedureOwners owners, AuditJournal journal,
                   ObjectMapper json) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.repository = repository;
        this.releases = releases;
        this.store = store;
        this.documents = documents;
        this.owners = owners;
        this.journal = journal;
        this.json = json;
    }

    /**
     * Starts the case, or finds it when the same case number came before: the same request
     * answers the same case, another request for that number is a conflict.
     *
     * @param agency the agency that asks: the procedure's owner (analysts' test cases act as it)
     */
    @Transactional
    public Started start(String key, String agency, String by, Environment environment, boolean asOwner,
                         StartRequest request) {
        List<ApiError.Detail> problems = StartRequestCheck.problems(request);
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The case is not valid: " + problems.get(0).field() + " "
                    + problems.get(0).reason(), problems);
        }
        ProcessDefinition definition = (environment == Environment.PRODUCTION ? releases.productionProcess(key)
                : releases.testingProcess(key).or(() -> releases.productionProcess(key)))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, environment == Environment.PRODUCTION
                        ? "Procedure " + key + " has no version approved for production"
                        : "Procedure " + key + " has no version deployed for testing"));
        String owner = owners.ownerOf(definition);
        if (!asOwner && !owner.equals(agency)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Cases of " + key + " are started by its owning agency " + owner);
        }
        String hash = requestHash(request);
        Optional<Case> earlier = store.find(key, environment, request.caseNumber());
        if (earlier.isPresent()) {
            return replay(earlier.get(), hash);
        }
        UUID id = UUID.randomUUID();
        int inserted = jdbc.update("""
                insert into lgsp.procedure_case (id, procedure_key, definition_id, case_number, owner_code, environment,
                    request_hash, status, started_by)
                values (?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?)
                on conflict (procedure_key, environment, case_number) do nothing""",
                id, key, definition.getId(), request.caseNumber(), owner, environment.name(), hash, by);
        if (inserted == 0) {
            return replay(store.find(key, environment, request.caseNumber()).orElseThrow(), hash);
        }
        documents.seal(id, StartRequestCheck.documents(request));
        if (request.postal() != null) {
            documents.sealPostal(id, request.postal());
        }
        addStep(id, owner, "Tiếp nhận hồ sơ", "INTAKE", "COMPLETED", request.caseNumber(), true);
        Map<String, Object> variables = new HashMap<>(request.data() == null ? Map.of() : request.data());
        variables.put(CaseVariables.CASE_ID, id.toString());
        variables.put(CaseVariables.CASE_NUMBER, request.caseNumber());
        variables.put(CaseVariables.OWNER, owner);
        variables.put(CaseVariables.ENVIRONMENT, environment.name());
        variables.put(POSTAL_VARIABLE, request.postal() != null);
        runtime.startProcessInstanceById(definition.getId(), request.caseNumber(), variables);
        journal.append(new AuditEntry(Instant.now(), asOwner ? AuditEntry.ActorKind.STAFF : AuditEntry.ActorKind.AGENCY_SYSTEM,
                by, owner, "procedure.case.started", key + "/" + request.caseNumber(), "00", null,
                Map.of("caseId", id.toString(), "environment", environment.name(), "version", definition.getVersion())));
        return new Started(store.find(id).orElseThrow(), false);
    }

    /**
     * A case its owning agency's staff start from Tasklist (its start form, no documents): only the
     * version in production, only by the owner's staff, once per case number (one is made when the
     * form gives none).
     */
    Case startFromTasklist(String definitionId, String processInstanceId, String user, String askedNumber,
                           String staffAgency) {
        ProcessDefinition definition = repository.getProcessDefinition(definitionId);
        String owner = owners.ownerOf(definition);
        if (!owner.equals(staffAgency)) {
            throw new org.camunda.bpm.engine.AuthorizationException("Thủ tục " + definition.getKey()
                    + " do " + owner + " chủ trì: chỉ cán bộ của cơ quan này tiếp nhận hồ sơ");
        }
        if (releases.productionProcess(definition.getKey()).filter(p -> p.getId().equals(definitionId)).isEmpty()) {
            throw new org.camunda.bpm.engine.AuthorizationException("Phiên bản " + definition.getVersion() + " của thủ tục "
                    + definition.getKey() + " chưa được phê duyệt vận hành");
        }
        String caseNumber = askedNumber != null && StartRequestCheck.CASE_NUMBER.matcher(askedNumber).matches() ? askedNumber
                : owner + "-" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd")) + "-"
                        + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        UUID id = UUID.randomUUID();
        int inserted = jdbc.update("""
                insert into lgsp.procedure_case (id, procedure_key, definition_id, case_number, owner_code, environment,
                    request_hash, status, started_by, process_instance_id)
                values (?, ?, ?, ?, ?, 'PRODUCTION', ?, 'RUNNING', ?, ?)
                on conflict (procedure_key, environment, case_number) do nothing""",
                id, definition.getKey(), definitionId, caseNumber, owner, PlatformModels.sha256(
                        (caseNumber + "|" + user).getBytes(StandardCharsets.UTF_8)), user, processInstanceId);
        if (inserted == 0) {
            throw new org.camunda.bpm.engine.BadUserRequestException("Hồ sơ số " + caseNumber + " đã được tiếp nhận");
        }
        addStep(id, owner, "Tiếp nhận hồ sơ (Tasklist)", "INTAKE", "COMPLETED", caseNumber, true);
        journal.append(new AuditEntry(Instant.now(), AuditEntry.ActorKind.STAFF, user, owner, "procedure.case.started",
                definition.getKey() + "/" + caseNumber, "00", null,
                Map.of("caseId", id.toString(), "environment", "PRODUCTION", "version", definition.getVersion(),
                        "channel", "tasklist")));
        return store.find(id).orElseThrow();
    }

    private static Started replay(Case earlier, String hash) {
        if (!earlier.requestHash().equals(hash)) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_CONFLICT, "Case number " + earlier.caseNumber()
                    + " was already started with other content (case " + earlier.id() + ")");
        }
        return new Started(earlier, true);
    }

    private String requestHash(StartRequest request) {
        Map<String, Object> identity = new TreeMap<>();
        identity.put("data", request.data() == null ? Map.of() : new TreeMap<>(request.data()));
        Map<String, String> documents = new TreeMap<>();
        StartRequestCheck.documents(request).forEach(d -> documents.put(d.name(), d.contentType() + "|" + d.sha256().toLowerCase()));
        identity.put("documents", documents);
        identity.put("postal", request.postal());
        try {
            return PlatformModels.sha256(json.writeValueAsBytes(identity));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case as an agency that takes part in it sees it; to anyone else it does not exist. */
    public Case view(UUID id, String agency) {
        return store.find(id).filter(c -> c.owner().equals(agency) || store.takesPart(id, agency))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No case " + id + " is visible to agency " + agency));
    }

    /** The newest cases, all of them or those an agency takes part in, for supervisors. */
    public List<Case> recent(String agency, int limit) {
        return store.recent(agency, limit);
    }

    /** A case by id, whoever asks: callers decide who may see it. */
    public Optional<Case> byId(UUID id) {
        return store.find(id);
    }

    Optional<Case> find(UUID id) {
        return store.find(id);
    }

    public List<Step> steps(UUID id) {
        return store.steps(id);
    }

    // ---- what the case's steps record (called in the engine's transaction) ----

    Optional<Case> byProcessInstance(String processInstanceId) {
        return store.byProcessInstance(processInstanceId);
    }

    void bind(UUID id, String definitionId, String processInstanceId) {
        store.bind(id, definitionId, processInstanceId);
    }

    /** The end of a case, however it ended: its documents go. */
    void ended(String processInstanceId, boolean completed) {
        store.byProcessInstance(processInstanceId).ifPresent(c -> {
            documents.forget(c.id());
            store.end(c.id(), completed);
        });
    }

    long addStep(UUID caseId, String agency, String step, String kind, String outcome, String reference, boolean ended) {
        return store.addStep(caseId, agency, step, kind, outcome, reference, ended);
    }

    void endStep(UUID caseId, long seq, String outcome, String reference) {
        store.endStep(caseId, seq, outcome, reference);
    }

    /** The named documents of the case, opened for a record it sends. */
    List<OpenedDocument> documents(UUID caseId, List<String> names) {
        return documents.open(caseId, names);
    }

    /** The postal recipient the applicant gave, if any. */
    Optional<Postal> postal(UUID caseId) {
        return documents.postal(caseId);
    }

    static Map<String, Object> describe(Case c, List<Step> steps) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("caseId", c.id().toString());
        view.put("procedure", c.procedureKey());
        view.put("caseNumber", c.caseNumber());
        view.put("owner", c.owner());
        view.put("environment", c.environment().name());
        view.put("status", c.status());
        view.put("startedAt", c.startedAt().toString());
        if (c.endedAt() != null) {
            view.put("endedAt", c.endedAt().toString());
        }
        view.put("steps", steps);
        return view;
    }
}
