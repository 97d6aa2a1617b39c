package vn.hanoi.lgsp.simulators;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The simulators role ({@code lgsp.simulators.*}): stand-ins for NDXP, VDXP, VNPost and the
 * demo agencies' systems. Bound from the environment before any bean exists, because the national
 * platforms' addresses they publish are read by the workers' and the gateway's settings.
 *
 * @param resultDelay   time a simulated destination takes to process a record and report
 * @param demoExchanges send the demo records (once: they carry fixed idempotency keys)
 * @param platformUrl   the LGSP the simulated systems call; empty in one JVM with the platform,
 *                      where the platform's own port is taken once its web server is up
 * @param demoStaff     the demo realm's DOST staff through whom the simulated systems are
 *                      registered, as DOST registers any agency's system
 * @param ndxpPort      NDXP's port; 0 picks a free one (a process of its own names it, so that the
 *                      platform's nodes can be given {@code lgsp.national.ndxp.url})
 * @param vdxpPort      VDXP's port, likewise
 * @param inboxPoll     how often the simulated agency systems collect their LGSP inbox; empty: never
 * @param postalStepDelay time between a simulated shipment's statuses; 0: they move only through
 *                      VNPost's {@code /_sim/orders/{tracking}/advance}
 */
@ConfigurationProperties("lgsp.simulators")
@Validated
public record SimulatorSettings(@DefaultValue("2s") Duration resultDelay, @DefaultValue("true") boolean demoExchanges,
                                String platformUrl, @DefaultValue DemoStaff demoStaff,
                                @DefaultValue("0") @PositiveOrZero @Max(65535) int ndxpPort,
                                @DefaultValue("0") @PositiveOrZero @Max(65535) int vdxpPort, Duration inboxPoll,
                                @DefaultValue("3s") Duration postalStepDelay) {

    /** Demo-realm accounts: an operator asks for each registration, a leader approves it. */
    public record DemoStaff(@DefaultValue("lgsp-cli") String clientId, @DefaultValue("operator") String operator,
                            @DefaultValue("leader") String leader, @DefaultValue("HaNoi#2025") String password) {
    }
}
