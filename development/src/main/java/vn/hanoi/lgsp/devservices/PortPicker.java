package vn.hanoi.lgsp.devservices;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free ports for the servers: every socket stays open until all ports are chosen, so that
 * two servers are never handed the same one (a closed socket's port can come back at once).
 */
final class PortPicker implements AutoCloseable {

    private final List<ServerSocket> held = new ArrayList<>();

    int port(int configured) throws IOException {
        if (configured != 0) {
            return configured;
        }
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(socket);
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (ServerSocket socket : held) {
            socket.close();
        }
    }
}
