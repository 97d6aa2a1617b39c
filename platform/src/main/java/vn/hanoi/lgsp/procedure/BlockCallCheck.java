package vn.hanoi.lgsp.procedure;

import static vn.hanoi.lgsp.procedure.ModelXml.BPMN;
import static vn.hanoi.lgsp.procedure.ModelXml.CAMUNDA;
import static vn.hanoi.lgsp.procedure.ModelXml.elements;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.w3c.dom.Element;
import vn.hanoi.lgsp.procedure.ModelPolicy.Problem;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks.Block;

/**
 * A call activity of a procedure: it calls a building block or a process of the same deployment;
 * a block gets the inputs its contract asks for, and every error it can end with is caught.
 */
final class BlockCallCheck {

    private final String resource;
    private final Set<String> processIds;
    private final Predicate<String> agencyExists;
    private final List<Problem> problems;

    BlockCallCheck(String resource, Set<String> processIds, Predicate<String> agencyExists, List<Problem> problems) {
        this.resource = resource;
        this.processIds = processIds;
        this.agencyExists = agencyExists;
        this.problems = problems;
    }

    void check(Element call) {
        // the engine reads the BPMN attribute only (camunda:calledElement is refused as a decoy)
        String called = call.getAttribute("calledElement").strip();
        var block = ProcedureBlocks.byCalledProcess(called);
        if (block.isEmpty() && !processIds.contains(called)) {
            add(call, "a call activity calls a building block or a process of this deployment; "
                    + (called.isEmpty() ? "it names none" : called + " is neither"));
            return;
        }
        block.ifPresent(b -> {
            blockInputs(call, b);
            errorsCaught(call, b);
        });
    }

    /**
     * Every error the block throws is caught on it: the engine ends a process quietly at an
     * error nothing catches, so a refused record would otherwise look like a processed one.
     */
    private void errorsCaught(Element call, Block block) {
        Element definitions = call.getOwnerDocument().getDocumentElement();
        Map<String, String> codes = new LinkedHashMap<>();
        for (Element error : elements(definitions, BPMN, "error")) {
            codes.put(error.getAttribute("id"), error.getAttribute("errorCode"));
        }
        Set<String> caught = new HashSet<>();
        boolean catchAll = false;
        for (Element boundary : elements(definitions, BPMN, "boundaryEvent")) {
            if (!call.getAttribute("id").equals(boundary.getAttribute("attachedToRef"))) {
                continue;
            }
            for (Element definition : elements(boundary, BPMN, "errorEventDefinition")) {
                String ref = definition.getAttribute("errorRef");
                if (ref.isEmpty() || codes.getOrDefault(ref, "").isEmpty()) {
                    catchAll = true;
                } else {
                    caught.add(codes.get(ref));
                }
            }
        }
        if (catchAll) {
            return;
        }
        for (var error : block.errors()) {
            if (!caught.contains(error.code())) {
                add(call, "block \"" + block.name() + "\" can end with error " + error.code() + " (" + error.name()
                        + "): attach a boundary error event that catches it");
            }
        }
    }

    /** A block's inputs: every required one mapped, and literal values as the contract says. */
    private void blockInputs(Element call, Block block) {
        Map<String, String> given = new LinkedHashMap<>();
        for (Element in : elements(call, CAMUNDA, "in")) {
            if (!in.getAttribute("target").isEmpty()) {
                given.put(in.getAttribute("target"), in.hasAttribute("sourceExpression")
                        ? in.getAttribute("sourceExpression") : null);
            }
        }
        for (var input : block.inputs()) {
            if (!given.containsKey(input.name())) {
                if (input.required()) {
                    add(call, "block \"" + block.name() + "\" needs its input " + input.name() + " (" + input.label() + ")");
                }
                continue;
            }
            String value = given.get(input.name());
            if (value == null || value.contains("${") || value.contains("#{")) {
                continue;
            }
            if (input.pattern() != null && !value.matches(input.pattern())) {
                add(call, input.label() + " \"" + value + "\" is not valid: " + input.description());
            } else if ("destinationCode".equals(input.name()) && !agencyExists.test(value)) {
                add(call, "agency " + value + " is not in the agency registry");
            }
        }
    }

    private void add(Element named, String reason) {
        problems.add(Problem.at(resource, named, reason));
    }
}
