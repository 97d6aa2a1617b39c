package vn.hanoi.lgsp.procedure;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;
import vn.hanoi.lgsp.xml.SafeXml;

/** The owning agency each procedure's model names ({@code lgsp.owner}), read once per process definition. */
@Component
class ProcedureOwners {

    private final RepositoryService repository;
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    ProcedureOwners(RepositoryService repository) {
        this.repository = repository;
    }

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
}
