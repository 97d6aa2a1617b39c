package vn.hanoi.lgsp.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Base of the process-model tests: the engine alone (no workers, no simulators, no job
 * executor) on the real PostgreSQL, in a database of its own so that nothing else picks up
 * its tasks. The test plays the workers and moves time by executing jobs.
 */
@SpringBootTest(properties = {
        "lgsp.roles=engine",
        "lgsp.dev-services.postgres.database=lgsp_process_tests",
        "camunda.bpm.process-engine-name=processTests",
        "camunda.bpm.job-execution.enabled=false"})
public abstract class ProcessTest {

    @Autowired
    protected ProcessEngine engine;

    @BeforeEach
    void bindAssertions() {
        BpmnAwareTests.init(engine);
    }
}
