package vn.hanoi.lgsp.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Debian's podman as it runs containers on these machines (docs/architecture, "Packaging and
 * production"): runc (crun fails on this kernel's cgroup mode), cgroupfs, the host's network,
 * bounded open files and processes. Every container started here is removed when this closes,
 * or when the test JVM ends, whatever happened; its output is kept under target/test-logs.
 */
final class Podman implements AutoCloseable {

    static final List<String> PODMAN = List.of("podman", "--runtime", "runc", "--cgroup-manager=cgroupfs");
    /** Without them runc cannot set podman's default limits here ("error setting rlimit type 7"). */
    static final List<String> LIMITS = List.of("--ulimit", "nofile=4096:4096", "--ulimit", "nproc=4096:4096");

    record Result(int exit, String output) {
    }

    private final Set<String> containers = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    private final Thread atExit = new Thread(this::removeAll, "podman-containers-removal");

    Podman() {
        Runtime.getRuntime().addShutdownHook(atExit);
    }

    /** Whether podman can be run here at all. */
    static boolean installed() {
        try {
            return execute(List.of("podman", "--version"), Duration.ofSeconds(30)).exit() == 0;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    Result podman(Duration timeout, List<String> arguments) {
        List<String> command = new ArrayList<>(PODMAN);
        command.addAll(arguments);
        return execute(command, timeout);
    }

    /** Like {@link #podman}, failing with podman's own words when it does not succeed. */
    String succeed(Duration timeout, List<String> arguments) {
        Result result = podman(timeout, arguments);
        if (result.exit() != 0) {
            throw new IllegalStateException("podman " + String.join(" ", arguments) + " ended with " + result.exit()
                    + ":\n" + result.output());
        }
        return result.output().strip();
    }

    /**
     * Starts a container as production runs one: detached, on the host's network, with a read-only
     * root filesystem and a tmpfs on /tmp, and the limits these machines need.
     */
    void start(String name, List<String> options, String image) {
        List<String> arguments = new ArrayList<>(List.of("run", "--detach", "--name", name, "--network=host",
                "--read-only", "--tmpfs", "/tmp:rw,nosuid,nodev,size=256m",
                // a draining engine node waits for the workers' long polls (20 s): podman's default of 10 s is too short
                "--stop-timeout", "60"));
        arguments.addAll(LIMITS);
        arguments.addAll(options);
        arguments.add(image);
        containers.add(name);
        succeed(Duration.ofMinutes(1), arguments);
    }

    boolean running(String name) {
        Result state = podman(Duration.ofSeconds(30), List.of("inspect", "--format", "{{.State.Running}}", name));
        return state.exit() == 0 && state.output().strip().equals("true");
    }

    int exitCode(String name) {
        return Integer.parseInt(succeed(Duration.ofSeconds(30), List.of("inspect", "--format", "{{.State.ExitCode}}", name)));
    }

    String logs(String name) {
        return podman(Duration.ofMinutes(1), List.of("logs", name)).output();
    }

    /** {@code podman stop}: SIGTERM, then SIGKILL if the container has not ended within its stop timeout. */
    void stop(String name) {
        succeed(Duration.ofMinutes(2), List.of("stop", name));
    }

    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(atExit);
        } catch (IllegalStateException exiting) {
            // the JVM is ending: the hook runs anyway
        }
    }

    private void removeAll() {
        List<String> names;
        synchronized (containers) {
            names = new ArrayList<>(containers);
            containers.clear();
        }
        for (String name : names) {
            try {
                Path log = Path.of("target/test-logs/container-" + name + ".log");
                Files.createDirectories(log.getParent());
                Files.writeString(log, logs(name), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                // the container's output is a convenience; removing it is not
            }
            podman(Duration.ofMinutes(2), List.of("rm", "--force", "--time", "5", name));
        }
    }

    private static Result execute(List<String> command, Duration timeout) {
        try {
            Path output = Files.createTempFile("podman-", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout);
                }
                return new Result(process.exitValue(), new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }
}
