package vn.hanoi.lgsp.procedure;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;
import vn.hanoi.lgsp.xml.SafeXml;

/**
 * What the reviewing leader reads of a deployed process: the agencies, blocks, forms and national
 * systems it uses, and what it adds to or removes from the version production runs.
 */
@Component
class ReleaseSummary {

    private final AgencyRegistry agencies;
    private final RepositoryService repository;
    private final ProductionVersions production;

    ReleaseSummary(AgencyRegistry agencies, RepositoryService repository, ProductionVersions production) {
        this.agencies = agencies;
        this.repository = repository;
        this.production = production;
    }

    /** The process described for the summary's JSON; its lines for the review form are added to {@code lines}. */
    Map<String, Object> describeProcess(ProcessDefinition process, byte[] model, List<String> lines) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("key", process.getKey());
        described.put("version", process.getVersion());
        described.put("name", process.getName());
        Set<String> agencies = new TreeSet<>();
        Set<String> blocks = new TreeSet<>();
        Set<String> forms = new TreeSet<>();
        Set<String> national = new TreeSet<>();
        Map<String, String> elements = new LinkedHashMap<>();
        if (model != null) {
            Document document = SafeXml.parse(model);
            for (Element p : ModelXml.elements(document.getDocumentElement(), ModelXml.BPMN, "process")) {
                if (!process.getKey().equals(p.getAttribute("id"))) {
                    continue;
                }
                Optional.ofNullable(ModelXml.property(p, ProcedureBlocks.Properties.OWNER)).ifPresent(o -> {
                    agencies.add(o);
                    described.put("owner", o);
                });
                elements.putAll(flowElements(p));
                if (!ModelXml.elements(p, ModelXml.BPMN, "userTask").isEmpty()) {
                    blocks.add(ProcedureBlocks.STAFF_TASK.name());
                }
                if (!ModelXml.elements(p, ModelXml.BPMN, "businessRuleTask").isEmpty()) {
                    blocks.add(ProcedureBlocks.DECISION.name());
                }
                if (!ModelXml.elements(p, ModelXml.BPMN, "timerEventDefinition").isEmpty()) {
                    blocks.add(ProcedureBlocks.WORKING_DAY_TIMER.name());
                }
                for (Element task : ModelXml.elements(p, ModelXml.BPMN, "userTask")) {
                    Optional.ofNullable(ModelXml.property(task, ProcedureBlocks.Properties.TASK_AGENCY)).ifPresent(agencies::add);
                    if (!task.getAttributeNS(ModelXml.CAMUNDA, "formRef").isEmpty()) {
                        forms.add(task.getAttributeNS(ModelXml.CAMUNDA, "formRef"));
                    }
                }
                for (Element call : ModelXml.elements(p, ModelXml.BPMN, "callActivity")) {
                    ProcedureBlocks.byCalledProcess(call.getAttribute("calledElement")).ifPresent(b -> blocks.add(b.name()));
                    for (Element in : ModelXml.elements(call, ModelXml.CAMUNDA, "in")) {
                        if (Set.of("destinationCode", "agencyCode").contains(in.getAttribute("target"))) {
                            String code = in.getAttribute("sourceExpression");
                            agencies.add(code);
                            if ("destinationCode".equals(in.getAttribute("target")) && !code.endsWith("H26")
                                    && !code.endsWith("K26") && !code.contains("{")) {
                                national.add(code + " (qua NDXP)");
                            }
                        }
                    }
                }
            }
        }
        described.put("agencies", agencies);
        described.put("blocks", blocks);
        described.put("forms", forms);
        described.put("national", national);
        lines.add("Quy trình " + process.getKey() + " phiên bản " + process.getVersion() + " — " + process.getName());
        lines.add("  Cơ quan tham gia: " + String.join(", ", agencies.stream().map(this::named).toList()));
        lines.add("  Khối sử dụng: " + String.join(", ", blocks));
        lines.add("  Biểu mẫu: " + (forms.isEmpty() ? "không" : String.join(", ", forms)));
        lines.add("  Hệ thống quốc gia: " + (national.isEmpty() ? "không" : String.join(", ", national.stream()
                .map(n -> named(n.substring(0, n.indexOf(' '))) + n.substring(n.indexOf(' '))).toList())));
        changes(process, elements, lines, described);
        return described;
    }

    /** What the new version adds to and removes from the one production runs, by flow element. */
    private void changes(ProcessDefinition process, Map<String, String> elements, List<String> lines,
                         Map<String, Object> described) {
        Optional<ProcessDefinition> running = production.process(process.getKey());
        if (running.isEmpty()) {
            lines.add("  Thay đổi: thủ tục mới, chưa có phiên bản vận hành");
            described.put("changes", Map.of("new", true));
            return;
        }
        Map<String, String> before = new LinkedHashMap<>();
        try (InputStream in = repository.getProcessModel(running.get().getId())) {
            for (Element p : ModelXml.elements(SafeXml.parse(in.readAllBytes()).getDocumentElement(),
                    ModelXml.BPMN, "process")) {
                before.putAll(flowElements(p));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> added = elements.keySet().stream().filter(id -> !before.containsKey(id))
                .map(id -> id + " " + elements.get(id)).toList();
        List<String> removed = before.keySet().stream().filter(id -> !elements.containsKey(id))
                .map(id -> id + " " + before.get(id)).toList();
        lines.add("  So với phiên bản vận hành " + running.get().getVersion() + ": thêm " + added.size()
                + ", bỏ " + removed.size() + (added.isEmpty() ? "" : "; thêm: " + String.join(", ", added))
                + (removed.isEmpty() ? "" : "; bỏ: " + String.join(", ", removed)));
        described.put("changes", Map.of("productionVersion", running.get().getVersion(), "added", added,
                "removed", removed));
    }

    /** An agency as the leader reads it: its name and code. */
    private String named(String code) {
        return agencies.find(code).map(a -> a.name() + " (" + code + ")").orElse(code);
    }

    /** Flow elements by id, with their names: what the leader compares against the running version. */
    private static Map<String, String> flowElements(Element process) {
        Map<String, String> found = new LinkedHashMap<>();
        collect(process, found);
        return found;
    }

    private static void collect(Element parent, Map<String, String> found) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ModelXml.BPMN.equals(e.getNamespaceURI()) && !e.getAttribute("id").isEmpty()
                    && !"sequenceFlow".equals(e.getLocalName())) {
                found.put(e.getAttribute("id"), "\"" + e.getAttribute("name") + "\"");
                if ("subProcess".equals(e.getLocalName())) {
                    collect(e, found);
                }
            }
        }
    }
}
