package io.gridlet.benchmarks.peers.coherence;

import com.tangosol.net.CacheFactory;
import com.tangosol.net.Coherence;
import java.util.concurrent.TimeUnit;

/**
 * A Coherence CE cluster member with storage, started the documented way
 * ({@code Coherence.clusterMember()}, the default cache configuration); its cluster, addresses and
 * ports come as {@code coherence.*} system properties. Prints {@code READY id} once its cache
 * service runs, then serves until it is stopped (SIGTERM: Coherence's own shutdown hook leaves the
 * cluster).
 */
public final class CoherenceMember {

    private CoherenceMember() {
    }

    public static void main(String[] args) throws Exception {
        Coherence coherence = Coherence.clusterMember().start().get(2, TimeUnit.MINUTES);
        // The default configuration's distributed service starts with its first cache.
        coherence.getSession().getCache(CoherencePeer.WARM_CACHE);
        System.out.println("READY " + CacheFactory.getCluster().getLocalMember().getId());
        System.out.flush();
        Thread.currentThread().join();
    }
}
