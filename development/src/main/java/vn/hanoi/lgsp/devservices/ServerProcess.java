package vn.hanoi.lgsp.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server running as a child process of the platform. Each one is started in its own
 * session (setsid) so that a Ctrl-C in the terminal reaches only the platform, which then
 * stops its servers in order; a pid file lets the next start clean up after a killed run.
 */
final class ServerProcess {

    private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);

    private final String name;
    private final Process process;
    private final Path pidFile;
    private final Path logFile;

    private ServerProcess(String name, Process process, Path pidFile, Path logFile) {
        this.name = name;
        this.process = process;
        this.pidFile = pidFile;
        this.logFile = logFile;
    }

    static ServerProcess start(String name, List<String> command, Map<String, String> environment,
                               Path workDir, Path logFile, Path pidFile) throws IOException {
        killLeftover(name, pidFile);
        Files.createDirectories(logFile.getParent());
        List<String> fullCommand = new ArrayList<>();
        fullCommand.add("setsid");
        fullCommand.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(fullCommand)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, Long.toString(process.pid()));
        System.out.println("[dev-services] " + name + " started (pid " + process.pid() + "), log: " + logFile);
        return new ServerProcess(name, process, pidFile, logFile);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Every process of this server: the launcher and what it spawned. */
    List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>();
        if (process.isAlive()) {
            tree.add(process.toHandle());
        }
        process.descendants().forEach(tree::add);
        return tree;
    }

    Path logFile() {
        return logFile;
    }

    void failIfDead() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue()
                    + " during start-up; last lines of " + logFile + ":\n" + tail(25));
        }
    }

    /** The end of the server's log, so that a failed start explains itself even when the log is deleted. */
    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Sends the given signal, waits for the whole tree to end, then kills what is left. */
    void stop(String signal, Duration grace) {
        List<ProcessHandle> tree = processTree();
        if (tree.isEmpty()) {
            deletePidFile();
            return;
        }
        signal(process.pid(), signal);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            long remaining = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(remaining, TimeUnit.NANOSECONDS);
            } catch (Exception timedOut) {
                log.warn("{} (pid {}) did not stop within {}; killing it", name, handle.pid(), grace);
                handle.destroyForcibly();
            }
        }
        deletePidFile();
        System.out.println("[dev-services] " + name + " stopped");
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is checked against the live process table on the next start
        }
    }

    static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A previous run killed without its shutdown hook may have left the server running. */
    private static void killLeftover(String name, Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String content = Files.readString(pidFile).trim();
        Files.deleteIfExists(pidFile);
        Optional<ProcessHandle> leftover;
        try {
            leftover = ProcessHandle.of(Long.parseLong(content));
        } catch (NumberFormatException e) {
            return;
        }
        leftover.filter(ProcessHandle::isAlive).ifPresent(handle -> {
            List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
            tree.add(handle);
            log.warn("Stopping {} left running by an earlier start (pid {})", name, handle.pid());
            tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle h : tree) {
                try {
                    h.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            }
        });
    }
}
