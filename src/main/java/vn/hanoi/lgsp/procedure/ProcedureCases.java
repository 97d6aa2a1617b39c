package vn.hanoi.lgsp.procedure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
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
import vn.hanoi.lgsp.sealing.ContentSealer;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks.CaseVariables;
import vn.hanoi.lgsp.xml.SafeXml;

/**
 * Cases of procedures: started once per case number by the owning agency, in the environment its
 * credential belongs to; their documents sealed until the case ends; readable by the
 * agencies that take part, and by no one else.
 */
@Service
public class ProcedureCases {

    public enum Environment { TEST, PRODUCTION }

    /** The postal recipient waits, sealed, as a document of the case under this reserved name. */
    static final String POSTAL_DOCUMENT = "lgsp-buu-chinh";
    /** True when the applicant asked for the result by post: models branch on it. */
    public static final String POSTAL_VARIABLE = "postalReturn";

    private static final Pattern CASE_NUMBER = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.\\-/]{0,59}");
    private static final Pattern DOCUMENT_NAME = Pattern.compile("[a-z0-9-]{1,100}");
    private static final Pattern DATA_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,59}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    /** Variables the platform sets on every case: no start form, data field or look-up may set them. */
    static final Set<String> RESERVED = Set.of(CaseVariables.CASE_ID, CaseVariables.CASE_NUMBER,
            CaseVariables.OWNER, CaseVariables.ENVIRONMENT, POSTAL_VARIABLE);
    private static final int MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

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

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final ModelReleases releases;
    private final ContentSealer sealer;
    private final AuditJournal journal;
    private final ObjectMapper json;
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    ProcedureCases(JdbcTemplate jdbc, RuntimeService runtime, RepositoryService repository, ModelReleases releases,
                   ContentSealer sealer, AuditJournal journal, ObjectMapper json) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.repository = repository;
        this.releases = releases;
        this.sealer = sealer;
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
        List<ApiError.Detail> problems = problems(request);
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The case is not valid: " + problems.get(0).field() + " "
                    + problems.get(0).reason(), problems);
        }
        ProcessDefinition definition = (environment == Environment.PRODUCTION ? releases.productionProcess(key)
                : releases.testingProcess(key).or(() -> releases.productionProcess(key)))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, environment == Environment.PRODUCTION
                        ? "Procedure " + key + " has no version approved for production"
                        : "Procedure " + key + " has no version deployed for testing"));
        String owner = ownerOf(definition);
        if (!asOwner && !owner.equals(agency)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Cases of " + key + " are started by its owning agency " + owner);
        }
        String hash = requestHash(request);
        Optional<Case> earlier = find(key, environment, request.caseNumber());
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
            return replay(find(key, environment, request.caseNumber()).orElseThrow(), hash);
        }
        for (Document document : documents(request)) {
            byte[] content = Base64.getDecoder().decode(document.content());
            ContentSealer.Sealed sealed = sealer.seal(documentKey(id, document.name()), content, null, null);
            jdbc.update("""
                    insert into lgsp.procedure_case_document (case_id, name, content_type, sha256, sealed, wrapped_key, master_key_id)
                    values (?, ?, ?, ?, ?, ?, ?)""", id, document.name(), document.contentType(),
                    document.sha256().toLowerCase(), sealed.ciphertext(), sealed.wrappedKey(), sealed.masterKeyId());
        }
        if (request.postal() != null) {
            byte[] recipient = write(request.postal());
            ContentSealer.Sealed sealed = sealer.seal(documentKey(id, POSTAL_DOCUMENT), recipient, null, null);
            jdbc.update("""
                    insert into lgsp.procedure_case_document (case_id, name, content_type, sha256, sealed, wrapped_key, master_key_id)
                    values (?, ?, 'application/json', ?, ?, ?, ?)""", id, POSTAL_DOCUMENT, PlatformModels.sha256(recipient),
                    sealed.ciphertext(), sealed.wrappedKey(), sealed.masterKeyId());
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
        return new Started(find(id).orElseThrow(), false);
    }

    /**
     * A case its owning agency's staff start from Tasklist (its start form, no documents): only the
     * version in production, only by the owner's staff, once per case number (one is made when the
     * form gives none).
     */
    Case startFromTasklist(String definitionId, String processInstanceId, String user, String askedNumber,
                           String staffAgency) {
        ProcessDefinition definition = repository.getProcessDefinition(definitionId);
        String owner = ownerOf(definition);
        if (!owner.equals(staffAgency)) {
            throw new org.camunda.bpm.engine.AuthorizationException("Thủ tục " + definition.getKey()
                    + " do " + owner + " chủ trì: chỉ cán bộ của cơ quan này tiếp nhận hồ sơ");
        }
        if (releases.productionProcess(definition.getKey()).filter(p -> p.getId().equals(definitionId)).isEmpty()) {
            throw new org.camunda.bpm.engine.AuthorizationException("Phiên bản " + definition.getVersion() + " của thủ tục "
                    + definition.getKey() + " chưa được phê duyệt vận hành");
        }
        String caseNumber = askedNumber != null && CASE_NUMBER.matcher(askedNumber).matches() ? askedNumber
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
        return find(id).orElseThrow();
    }

    private static Started replay(Case earlier, String hash) {
        if (!earlier.requestHash().equals(hash)) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_CONFLICT, "Case number " + earlier.caseNumber()
                    + " was already started with other content (case " + earlier.id() + ")");
        }
        return new Started(earlier, true);
    }

    /** The case as an agency that takes part in it sees it; to anyone else it does not exist. */
    public Case view(UUID id, String agency) {
        return find(id).filter(c -> c.owner().equals(agency) || takesPart(id, agency))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No case " + id + " is visible to agency " + agency));
    }

    private boolean takesPart(UUID id, String agency) {
        Integer n = jdbc.queryForObject("select count(*) from lgsp.procedure_case_step where case_id = ? and agency_code = ?",
                Integer.class, id, agency);
        return n != null && n > 0;
    }

    /** The newest cases, all of them or those an agency takes part in, for supervisors. */
    public List<Case> recent(String agency, int limit) {
        if (agency == null) {
            return jdbc.query(SELECT + " order by started_at desc limit ?", this::row, limit);
        }
        return jdbc.query(SELECT + " " + """
                 where owner_code = ? or exists (select 1 from lgsp.procedure_case_step s
                                                  where s.case_id = procedure_case.id and s.agency_code = ?)
                 order by started_at desc limit ?""", this::row, agency, agency, limit);
    }

    /** A case by id, whoever asks: callers decide who may see it. */
    public Optional<Case> byId(UUID id) {
        return find(id);
    }

    public List<Step> steps(UUID id) {
        return jdbc.query("""
                select agency_code, step, kind, started_at, ended_at, outcome, reference from lgsp.procedure_case_step
                 where case_id = ? order by seq""", (rs, n) -> new Step(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                rs.getString(6), rs.getString(7)), id);
    }

    // ---- what the case's steps record (called in the engine's transaction) ----

    Optional<Case> byProcessInstance(String processInstanceId) {
        return jdbc.query(SELECT + " where process_instance_id = ?", this::row, processInstanceId).stream().findFirst();
    }

    void bind(UUID id, String definitionId, String processInstanceId) {
        int bound = jdbc.update("""
                update lgsp.procedure_case set process_instance_id = ?
                 where id = ? and definition_id = ? and process_instance_id is null""", processInstanceId, id, definitionId);
        if (bound != 1) {
            throw new IllegalStateException("a procedure's case starts only through the LGSP's case API");
        }
    }

    /** The end of a case, however it ended: its documents go. */
    void ended(String processInstanceId, boolean completed) {
        byProcessInstance(processInstanceId).ifPresent(c -> {
            jdbc.update("delete from lgsp.procedure_case_document where case_id = ?", c.id());
            jdbc.update("update lgsp.procedure_case set status = ?, ended_at = now() where id = ? and ended_at is null",
                    completed ? "COMPLETED" : "ENDED", c.id());
            jdbc.update("update lgsp.procedure_case_step set ended_at = now(), outcome = coalesce(outcome, 'CANCELLED')"
                    + " where case_id = ? and ended_at is null", c.id());
        });
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

    /** The named documents of the case, opened for a record it sends. */
    List<OpenedDocument> documents(UUID caseId, List<String> names) {
        List<OpenedDocument> opened = new ArrayList<>();
        for (String name : names) {
            var found = jdbc.query("""
                    select content_type, sha256, sealed, wrapped_key, master_key_id from lgsp.procedure_case_document
                     where case_id = ? and name = ?""", (rs, n) -> new OpenedDocument(name, rs.getString(1), rs.getString(2),
                    sealer.open(documentKey(caseId, name), new ContentSealer.Sealed(rs.getBytes(3), rs.getBytes(4),
                            rs.getString(5))).content()), caseId, name);
            if (found.isEmpty()) {
                throw new MissingDocument(name);
            }
            opened.add(found.get(0));
        }
        return opened;
    }

    /** A document the model names is not in the case: a modelling or intake mistake, for the ward's staff to see. */
    static final class MissingDocument extends RuntimeException {
        MissingDocument(String name) {
            super("the case holds no document named " + name);
        }
    }

    /** The owning agency a procedure's model names ({@code lgsp.owner}). */
    String ownerOf(ProcessDefinition definition) {
        return owners.computeIfAbsent(definition.getId(), id -> {
            try (InputStream in = repository.getProcessModel(id)) {
                for (var process : ModelXml.elements(SafeXml.parse(in.readAllBytes()).getDocumentElement(),
                        ModelXml.BPMN, "process")) {
                    if (definition.getKey().equals(process.getAttribute("id"))) {
                        String owner = ModelXml.property(process, ProcedureBlocks.Properties.OWNER);
                        if (owner != null) {
                            return owner;
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            throw new ApiException(ErrorCode.NOT_FOUND, definition.getKey() + " is not a procedure (it names no owner)");
        });
    }

    private static UUID documentKey(UUID caseId, String name) {
        return UUID.nameUUIDFromBytes((caseId + "/" + name).getBytes(StandardCharsets.UTF_8));
    }

    private List<ApiError.Detail> problems(StartRequest request) {
        List<ApiError.Detail> problems = new ArrayList<>();
        if (request == null) {
            problems.add(new ApiError.Detail("body", "is required"));
            return problems;
        }
        if (request.caseNumber() == null || !CASE_NUMBER.matcher(request.caseNumber()).matches()) {
            problems.add(new ApiError.Detail("caseNumber", "is required: 1–60 letters, digits, '.', '-', '/' (the one-stop"
                    + " system's dossier number), used as the idempotency key"));
        }
        Map<String, Object> data = request.data() == null ? Map.of() : request.data();
        if (data.size() > 50) {
            problems.add(new ApiError.Detail("data", "holds at most 50 fields"));
        }
        data.forEach((k, v) -> {
            if (!DATA_KEY.matcher(k).matches() || RESERVED.contains(k)) {
                problems.add(new ApiError.Detail("data." + k, "is not a usable field name (letters, digits, '_'; not one of "
                        + RESERVED + ")"));
            } else if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                problems.add(new ApiError.Detail("data." + k, "must be a string, a number or true/false"));
            } else if (v instanceof String s && s.length() > 1000) {
                problems.add(new ApiError.Detail("data." + k, "is longer than 1,000 characters; send it as a document"));
            }
        });
        List<Document> documents = documents(request);
        if (documents.size() > 20) {
            problems.add(new ApiError.Detail("documents", "holds at most 20 documents"));
        }
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            Document d = documents.get(i);
            String at = "documents[" + i + "]";
            if (d == null || d.name() == null || !DOCUMENT_NAME.matcher(d.name()).matches()) {
                problems.add(new ApiError.Detail(at + ".name", "is required: lower-case letters, digits and '-'"));
                continue;
            }
            if (d.name().startsWith("lgsp-")) {
                problems.add(new ApiError.Detail(at + ".name", "names starting with lgsp- are the LGSP's own"));
            }
            if (!names.add(d.name())) {
                problems.add(new ApiError.Detail(at + ".name", d.name() + " appears twice"));
            }
            if (d.contentType() == null || d.contentType().isBlank() || d.contentType().length() > 100) {
                problems.add(new ApiError.Detail(at + ".contentType", "is required"));
            }
            if (d.sha256() == null || !SHA256.matcher(d.sha256()).matches()) {
                problems.add(new ApiError.Detail(at + ".sha256", "is required: the content's SHA-256 in hex"));
            }
            byte[] content;
            try {
                content = d.content() == null ? null : Base64.getDecoder().decode(d.content());
            } catch (IllegalArgumentException e) {
                content = null;
            }
            if (content == null) {
                problems.add(new ApiError.Detail(at + ".content", "is required, in base64"));
            } else if (content.length > MAX_DOCUMENT_BYTES) {
                problems.add(new ApiError.Detail(at + ".content", "is larger than 10 MB"));
            } else if (d.sha256() != null && !PlatformModels.sha256(content).equalsIgnoreCase(d.sha256())) {
                problems.add(new ApiError.Detail(at + ".sha256", "does not match the content: it was altered or truncated"));
            }
        }
        return problems;
    }

    private static List<Document> documents(StartRequest request) {
        return request.documents() == null ? List.of() : request.documents();
    }

    private String requestHash(StartRequest request) {
        Map<String, Object> identity = new TreeMap<>();
        identity.put("data", request.data() == null ? Map.of() : new TreeMap<>(request.data()));
        Map<String, String> documents = new TreeMap<>();
        documents(request).forEach(d -> documents.put(d.name(), d.contentType() + "|" + d.sha256().toLowerCase()));
        identity.put("documents", documents);
        identity.put("postal", request.postal());
        try {
            return PlatformModels.sha256(json.writeValueAsBytes(identity));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The postal recipient the applicant gave, if any. */
    Optional<Postal> postal(UUID caseId) {
        try {
            return Optional.of(json.readValue(documents(caseId, List.of(POSTAL_DOCUMENT)).get(0).content(), Postal.class));
        } catch (MissingDocument e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SELECT = """
            select id, procedure_key, definition_id, case_number, owner_code, environment, request_hash, status,
                   process_instance_id, started_by, started_at, ended_at from lgsp.procedure_case""";

    Optional<Case> find(UUID id) {
        return jdbc.query(SELECT + " where id = ?", this::row, id).stream().findFirst();
    }

    private Optional<Case> find(String key, Environment environment, String caseNumber) {
        return jdbc.query(SELECT + " where procedure_key = ? and environment = ? and case_number = ?", this::row,
                key, environment.name(), caseNumber).stream().findFirst();
    }

    private Case row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Case(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Environment.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getTimestamp(11).toInstant(), rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant());
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
