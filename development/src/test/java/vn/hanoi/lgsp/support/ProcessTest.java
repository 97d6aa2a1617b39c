package vn.hanoi.lgsp.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Base of the process-model tests: the engine alone (no workers, no simulators, no job
 * executor) on the real PostgreSQL, in a database of its own so that nothing else picks up
 * its tasks. The test plays the workers and moves time by executing jobs.
 *
 * <p>The engine records which elements of each model the tests walk ({@link ProcessCoverage}): one
 * report per test class under {@code target/process-test-coverage}, checked against each model's
 * threshold by {@code ProcessCoverageTest}.
 */
@SpringBootTest(properties = {
        "lgsp.roles=engine",
        "lgsp.dev-services.postgres.database=lgsp_process_tests",
        "camunda.bpm.process-engine-name=processTests",
        "camunda.bpm.job-execution.enabled=false"})
@Import(ProcessCoverage.class)
public abstract class ProcessTest {

    @Autowired
    protected ProcessEngine engine;

    @BeforeEach
    void bindAssertions() {
        BpmnAwareTests.init(engine);
    }
}
