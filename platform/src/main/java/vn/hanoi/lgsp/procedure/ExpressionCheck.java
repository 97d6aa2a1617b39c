package vn.hanoi.lgsp.procedure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import vn.hanoi.lgsp.procedure.ModelPolicy.Problem;

/**
 * Every {@code ${...}} and {@code #{...}} of a model reads variables and nothing else, or asks the
 * working-day calendar: no bean, no property, no method call, none of the engine's own objects.
 */
final class ExpressionCheck {

    /** Names an expression must not reach: the engine's objects behind every expression. */
    private static final Set<String> RESERVED_NAMES = Set.of("execution", "task", "externalTask", "caseExecution",
            "variableScope", "processEngine", "processEngineServices", "authenticatedUserId", "connector", "dateTime",
            "currentUser", "currentUserGroups", "applicationContext");
    private static final Set<String> JUEL_WORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge",
            "div", "mod", "empty", "true", "false", "null");
    /** The one call a procedure may make: the working-day calendar's due dates. */
    private static final Pattern WORKING_DAYS = Pattern.compile(
            "\\s*workingDays\\s*\\.\\s*(?:after\\(\\s*\\d{1,3}\\s*\\)|afterFrom\\(\\s*\\d{1,3}\\s*,\\s*[A-Za-z_]\\w*\\s*\\))\\s*");

    private final Set<String> beanNames;

    ExpressionCheck(Set<String> beanNames) {
        this.beanNames = beanNames;
    }

    /**
     * Every expression in the text, each refused with its reason. Expressions are scanned as JUEL
     * reads them (strings may hold a brace), never cut by a pattern.
     */
    void check(String resource, Element named, String text, List<Problem> problems) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if ((c != '$' && c != '#') || text.charAt(i + 1) != '{') {
                continue;
            }
            int end = expressionEnd(text, i + 2);
            if (end < 0) {
                problems.add(Problem.at(resource, named, "expression " + text.substring(i) + " is not closed"));
                return;
            }
            String reason = refusal(text.substring(i + 2, end));
            if (reason != null) {
                problems.add(Problem.at(resource, named, "expression " + text.substring(i, end + 1) + " " + reason));
            }
            i = end;
        }
    }

    /** Where the expression that starts at {@code from} ends: its closing brace outside any string; -1 if none. */
    private static int expressionEnd(String text, int from) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '}') {
                return i;
            }
        }
        return -1;
    }

    /** Why an expression is refused, or null when it only reads variables. */
    String refusal(String expression) {
        if (WORKING_DAYS.matcher(expression).matches()) {
            return null;
        }
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < expression.length() && expression.charAt(j) != c) {
                    j += expression.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= expression.length()) {
                    return "has a string that is not closed";
                }
                tokens.add("''");
                i = j + 1;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < expression.length() && (Character.isDigit(expression.charAt(j)) || expression.charAt(j) == '.'
                        || expression.charAt(j) == 'e' || expression.charAt(j) == 'E')) {
                    j++;
                }
                tokens.add("0");
                i = j;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i;
                while (j < expression.length() && Character.isJavaIdentifierPart(expression.charAt(j))) {
                    j++;
                }
                tokens.add(expression.substring(i, j));
                i = j;
            } else if (c == '.' || c == '[' || c == ']') {
                return "reaches past a variable (a property or an index); only comparisons of variables are accepted";
            } else if ("=!<>&|".indexOf(c) >= 0 && i + 1 < expression.length() && expression.charAt(i + 1) == '='
                    || c == '&' && i + 1 < expression.length() && expression.charAt(i + 1) == '&'
                    || c == '|' && i + 1 < expression.length() && expression.charAt(i + 1) == '|') {
                tokens.add(expression.substring(i, i + 2));
                i += 2;
            } else if ("<>+-*/%!?:(),".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                return "holds '" + c + "', which no comparison of variables needs";
            }
        }
        Set<String> reached = new LinkedHashSet<>();
        for (int t = 0; t < tokens.size(); t++) {
            String token = tokens.get(t);
            if (!Character.isJavaIdentifierStart(token.charAt(0)) || JUEL_WORDS.contains(token)) {
                continue;
            }
            if (t + 1 < tokens.size() && tokens.get(t + 1).equals("(")) {
                return "calls a method; only ${workingDays.after(n)} and ${workingDays.afterFrom(n, variable)} are calls"
                        + " a procedure makes";
            }
            if (RESERVED_NAMES.contains(token) || beanNames.contains(token)) {
                reached.add(token);
            }
        }
        if (!reached.isEmpty()) {
            return "reaches the platform's own objects (" + String.join(", ", reached) + "), not a variable of the case";
        }
        return null;
    }
}
