package vn.hanoi.lgsp.simulators;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Method-and-path dispatch, with path parameters as regular-expression groups. */
final class Routes {

    @FunctionalInterface
    interface Handler {
        SimResponse handle(SimRequest request, Matcher path);
    }

    /** The method of a route that answers whatever method the request uses. */
    static final String ANY_METHOD = "*";

    private record Route(String method, Pattern path, Handler handler) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    void add(String method, String pathRegex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
    }

    SimResponse dispatch(SimRequest request) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher matcher = route.path().matcher(request.path());
            if (matcher.matches()) {
                pathKnown = true;
                if (route.method().equals(ANY_METHOD) || route.method().equals(request.method())) {
                    return route.handler().handle(request, matcher);
                }
            }
        }
        return pathKnown
                ? SimResponse.failure(405, "METHOD_NOT_ALLOWED", "Phương thức không được hỗ trợ: " + request.method())
                : SimResponse.failure(404, "NOT_FOUND", "Không tìm thấy đường dẫn: " + request.path());
    }
}
