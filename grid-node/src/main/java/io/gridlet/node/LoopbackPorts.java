package io.gridlet.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free ports on loopback, for starting local members and servers (demos, tests, benchmarks): each
 * was free when asked, all of them at once, so a call gives distinct ports.
 */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /**
     * {@code count} distinct ports that were free on the loopback address.
     *
     * @throws UncheckedIOException if the machine has no free port left
     */
    public static List<Integer> free(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // a probe socket: nothing was bound to it
                }
            }
        }
    }
}
