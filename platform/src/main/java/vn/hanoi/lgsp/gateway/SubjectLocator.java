package vn.hanoi.lgsp.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a call names the person or business its data is about: a query parameter
 * ({@code query:soDinhDanh}) or a path segment after the version ({@code path:1}, counted from 0).
 */
record SubjectLocator(String parameter, int segment) {

    private static final Pattern FORM = Pattern.compile("query:([A-Za-z0-9_.-]{1,60})|path:([0-9]{1,2})");

    static SubjectLocator parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("subjectLocator must be query:<parameter> or path:<segment number>, not "
                    + text);
        }
        return m.group(1) != null ? new SubjectLocator(m.group(1), -1) : new SubjectLocator(null, Integer.parseInt(m.group(2)));
    }

    /** The subject's identifier in this call, or null when the call names none. */
    String find(List<String> segments, String rawQuery) {
        if (parameter == null) {
            return segment < segments.size() ? decode(segments.get(segment)) : null;
        }
        if (rawQuery == null) {
            return null;
        }
        String found = null;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.equalsIgnoreCase(parameter)) {
                // a decoy first value would let the provider serve one person while the journal names another
                if (found != null) {
                    throw new IllegalArgumentException("the call names its data subject (" + parameter + ") more than once");
                }
                found = eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return parameter != null ? "query:" + parameter : "path:" + segment;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
