package vn.hanoi.lgsp.devservices;

import java.util.List;
import java.util.Map;

/** One real server the platform starts for itself in development and tests. */
interface DevServer {

    String name();

    void start() throws Exception;

    /** Spring properties that point the platform at this server. */
    Map<String, String> properties();

    /** The operating-system processes of this server, for the memory report. */
    List<ProcessHandle> processes();

    void stop();
}
