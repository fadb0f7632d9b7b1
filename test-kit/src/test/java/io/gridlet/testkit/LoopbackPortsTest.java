package io.gridlet.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void givesDistinctPortsThatCanBeBoundOnLoopback() throws Exception {
        List<Integer> ports = LoopbackPorts.free(20);
        assertThat(ports).hasSize(20).doesNotHaveDuplicates()
                .allSatisfy(port -> assertThat(port).isBetween(20_000, 32_000));
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
