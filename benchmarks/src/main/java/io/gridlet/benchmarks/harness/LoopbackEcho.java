package io.gridlet.benchmarks.harness;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The physical floor of every scenario: a message of a fixed size to a thread behind a loopback
 * socket and back, with TCP_NODELAY, as Hazelcast's connections use it. Nothing can be faster.
 */
final class LoopbackEcho implements AutoCloseable {

    private final byte[] message;
    private final ServerSocket server;
    private final Socket client;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final Thread echo;

    LoopbackEcho(int bytes) throws IOException {
        message = new byte[bytes];
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        client.setTcpNoDelay(true);
        Socket peer = server.accept();
        peer.setTcpNoDelay(true);
        echo = new Thread(() -> {
            try (peer; DataInputStream from = new DataInputStream(peer.getInputStream());
                 DataOutputStream to = new DataOutputStream(peer.getOutputStream())) {
                byte[] buffer = new byte[bytes];
                while (true) {
                    from.readFully(buffer);
                    to.write(buffer);
                    to.flush();
                }
            } catch (IOException closed) {
                // the harness closed the client
            }
        }, "loopback-echo");
        echo.setDaemon(true);
        echo.start();
        out = new DataOutputStream(client.getOutputStream());
        in = new DataInputStream(client.getInputStream());
    }

    /** Sends the message and waits for it to come back. */
    Object roundTrip() {
        try {
            out.write(message);
            out.flush();
            in.readFully(message);
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
        server.close();
    }
}
