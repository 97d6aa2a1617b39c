package vn.hanoi.lgsp.procedure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Procedures analysts own.
 *
 * @param gatewayUrl the LGSP's own gateway, where a procedure's lookups call national and city
 *                   databases as the handling agency; empty: this node
 */
@ConfigurationProperties("lgsp.procedures")
public record ProcedureSettings(String gatewayUrl) {
}
