package vn.hanoi.lgsp.procedure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.procedure.ProcedureCases.Document;
import vn.hanoi.lgsp.procedure.ProcedureCases.MissingDocument;
import vn.hanoi.lgsp.procedure.ProcedureCases.OpenedDocument;
import vn.hanoi.lgsp.procedure.ProcedureCases.Postal;
import vn.hanoi.lgsp.sealing.ContentSealer;

/**
 * A case's documents, and the postal recipient among them: sealed while the case runs, opened
 * for a record the case sends, gone when the case ends.
 */
@Component
class CaseDocuments {

    /** The postal recipient waits, sealed, as a document of the case under this reserved name. */
    static final String POSTAL_DOCUMENT = "lgsp-buu-chinh";

    private final JdbcTemplate jdbc;
    private final ContentSealer sealer;
    private final ObjectMapper json;

    CaseDocuments(JdbcTemplate jdbc, ContentSealer sealer, ObjectMapper json) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.json = json;
    }

    /** Seals the documents the agency handed in with the case (their content in base64, already checked). */
    void seal(UUID caseId, List<Document> documents) {
        for (Document document : documents) {
            byte[] content = Base64.getDecoder().decode(document.content());
            ContentSealer.Sealed sealed = sealer.seal(documentKey(caseId, document.name()), content, null, null);
            jdbc.update("""
                    insert into lgsp.procedure_case_document (case_id, name, content_type, sha256, sealed, wrapped_key, master_key_id)
                    values (?, ?, ?, ?, ?, ?, ?)""", caseId, document.name(), document.contentType(),
                    document.sha256().toLowerCase(), sealed.ciphertext(), sealed.wrappedKey(), sealed.masterKeyId());
        }
    }

    /** Seals the postal recipient the applicant gave, as a document of the case. */
    void sealPostal(UUID caseId, Postal postal) {
        byte[] recipient = write(postal);
        ContentSealer.Sealed sealed = sealer.seal(documentKey(caseId, POSTAL_DOCUMENT), recipient, null, null);
        jdbc.update("""
                insert into lgsp.procedure_case_document (case_id, name, content_type, sha256, sealed, wrapped_key, master_key_id)
                values (?, ?, 'application/json', ?, ?, ?, ?)""", caseId, POSTAL_DOCUMENT, PlatformModels.sha256(recipient),
                sealed.ciphertext(), sealed.wrappedKey(), sealed.masterKeyId());
    }

    /** The named documents of the case, opened for a record it sends. */
    List<OpenedDocument> open(UUID caseId, List<String> names) {
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

    /** The postal recipient the applicant gave, if any. */
    Optional<Postal> postal(UUID caseId) {
        try {
            return Optional.of(json.readValue(open(caseId, List.of(POSTAL_DOCUMENT)).get(0).content(), Postal.class));
        } catch (MissingDocument e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every document of the case goes. */
    void forget(UUID caseId) {
        jdbc.update("delete from lgsp.procedure_case_document where case_id = ?", caseId);
    }

    private static UUID documentKey(UUID caseId, String name) {
        return UUID.nameUUIDFromBytes((caseId + "/" + name).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
