package io.gridlet.testkit;

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
     * @param count how many
     * @return the ports, each free when asked
     * @throws UncheckedIOException if the machine has no free port left
     */
    public static List<Integer> free(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
            for (int tries = 0; sockets.size() < count; tries++) {
                if (tries > 10_000) {
                    throw new IOException("no free port between " + FIRST + " and " + LAST);
                }
                try {
                    ServerSocket socket = new ServerSocket(random.nextInt(FIRST, LAST), 1,
                            InetAddress.getLoopbackAddress());
                    socket.setReuseAddress(true);
                    sockets.add(socket);
                } catch (IOException taken) {
                    // someone has it: try another
                }
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

    /**
     * Below Linux's default ephemeral range (32768 to 60999): a port the system hands out for an
     * outbound connection cannot take one of these between the probe and the member's bind, which
     * a port from the ephemeral range (port 0) could, with members connecting to each other.
     */
    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
}
