package vn.hanoi.lgsp.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * The path of a gateway call, {@code /api/v1/gateway/{service}/{version}{remainder}}, checked
 * for tricks that would leave the provider's base before any of it is used.
 *
 * @param remainder the raw path after the version, as the provider gets it
 * @param segments  the remainder's non-empty segments, still encoded
 */
record GatewayPath(String service, String version, String remainder, List<String> segments) {

    private static final Pattern SERVICE_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,19}");

    /** Reads the path; the call learns its service and version as soon as they are known to be well formed. */
    static GatewayPath parse(String uri, GatewayCall call) {
        // the first two segments after the prefix, as they stand in the path
        String[] parts = uri.substring(GatewayController.PREFIX.length()).split("/", 3);
        String service = parts[0];
        String version = parts.length > 1 ? parts[1] : "";
        if (!SERVICE_CODE.matcher(service).matches() || !VERSION.matcher(version).matches()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The gateway path is /api/v1/gateway/{service}/{version}/...: "
                    + "a service code of lower-case letters, digits and dashes and a version such as v1");
        }
        call.service = service;
        call.version = version;
        String remainder = remainder(uri, service, version);
        return new GatewayPath(service, version, remainder, segments(remainder));
    }

    /** The remainder as the OpenAPI document's paths read it. */
    String contractPath() {
        return remainder.isEmpty() ? "/" : remainder;
    }

    private static String remainder(String uri, String service, String version) {
        String prefix = GatewayController.PREFIX + service + "/" + version;
        if (!uri.startsWith(prefix)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The gateway path is not in its canonical form");
        }
        String rest = uri.substring(prefix.length());
        if (!rest.isEmpty() && !rest.startsWith("/")) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The gateway path is not in its canonical form");
        }
        for (String segment : rest.split("/", -1)) {
            String decoded;
            try {
                decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "The path has a malformed percent-encoding");
            }
            if (decoded.equals(".") || decoded.equals("..") || decoded.contains("/") || decoded.contains("\\")
                    || segment.contains(";") || decoded.chars().anyMatch(Character::isISOControl)) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "The path has a segment the gateway does not pass on: "
                        + "'.', '..', encoded slashes, ';' and control characters are refused");
            }
        }
        return rest;
    }

    private static List<String> segments(String remainder) {
        List<String> segments = new ArrayList<>();
        for (String segment : remainder.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }
}
