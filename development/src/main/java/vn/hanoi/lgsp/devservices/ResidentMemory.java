package vn.hanoi.lgsp.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's resident set size from /proc (Linux). */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** Resident bytes of the process, 0 when it is gone or /proc is not there. */
    public static long of(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
