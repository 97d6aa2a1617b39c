package vn.hanoi.lgsp.simulators;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulators role: stand-ins for NDXP, VDXP and the demo agencies' systems.
 *
 * @param resultDelay   time a simulated destination takes to process a record and report
 * @param demoExchanges send a few demo records when the database has no exchange yet
 */
@ConfigurationProperties("lgsp.simulators")
public record SimulatorSettings(@DefaultValue("2s") Duration resultDelay, @DefaultValue("true") boolean demoExchanges) {
}
