package io.gridlet.node.internal.deploy;

import io.gridlet.node.DeployLimits;
import io.gridlet.node.DeployOptions;
import io.gridlet.node.DeployResult;
import io.gridlet.node.Deployments;
import io.gridlet.node.FunctionInfo;
import io.gridlet.node.Names;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.gridlet.api.BadInputException;
import io.gridlet.api.UnavailableException;
import io.gridlet.api.UnknownFunctionException;
import io.gridlet.api.VersionConflictException;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.internal.cluster.SplitBrainGuard;
import io.gridlet.node.internal.cluster.HazelcastConfigFactory;
import io.gridlet.node.internal.codec.PayloadCodec;
import io.gridlet.node.internal.metrics.GridletMeters;
import io.gridlet.node.internal.registry.LocalFunctionRegistry;
import io.gridlet.node.internal.registry.RegisteredFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployments kept in the grid: jars in {@value #ARTIFACTS} (keyed by sha-256), functions in
 * {@value #CATALOG} (versions, live alias, canary), both backed up. Every member reconciles its
 * registry with the catalog: when it starts, when the catalog changes (an entry listener), and
 * when a call names a function it has not loaded yet. Loading and unloading happen under one
 * lock per member; calls never take it.
 */
public final class GridDeployments implements Deployments, AutoCloseable {

    public static final String ARTIFACTS = "gridlet.artifacts";
    public static final String CATALOG = "gridlet.functions";

    private static final Logger LOG = LoggerFactory.getLogger(GridDeployments.class);
    private static final long DRAIN_POLL_MILLIS = 20;
    private static final long RECONCILE_TIMEOUT_SECONDS = 60;

    private final HazelcastInstance hazelcast;
    private final LocalFunctionRegistry registry;
    private final PayloadCodec codec;
    private final DeployLimits limits;
    private final IMap<String, ArtifactRecord> artifacts;
    private final IMap<String, CatalogEntry> catalog;
    /**
     * Where this member's jars are written, created with the first one: a member that never loads a
     * jar leaves no directory behind, even when it is killed. Guarded by {@link #lock}.
     */
    private Path directory;
    /**
     * Set by {@link #close()}: a deploy that races it must not create a directory that nobody
     * deletes. Guarded by {@link #lock}.
     */
    private boolean closed;
    private final ScheduledThreadPoolExecutor worker;
    private final Counter deploys;
    private final Object lock = new Object();
    /** Jar versions loaded on this member, by sha-256 and version. Guarded by {@link #lock}. */
    private final Map<String, LoadedArtifact> loaded = new HashMap<>();
    private final Set<Reference<ClassLoader>> retained = ConcurrentHashMap.newKeySet();
    private final ReferenceQueue<ClassLoader> collected = new ReferenceQueue<>();
    private final SplitBrainGuard splitBrain;
    private UUID listener;

    public GridDeployments(HazelcastInstance hazelcast, LocalFunctionRegistry registry, PayloadCodec codec,
                           DeployLimits limits, MeterRegistry meterRegistry, SplitBrainGuard splitBrain) {
        this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast");
        this.splitBrain = Objects.requireNonNull(splitBrain, "splitBrain");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.artifacts = hazelcast.getMap(ARTIFACTS);
        this.catalog = hazelcast.getMap(CATALOG);
        this.worker = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "gridlet-deployer");
            thread.setDaemon(true);
            return thread;
        });
        this.deploys = Counter.builder(GridletMeters.DEPLOY_COUNT)
                .description("Jars deployed through this member")
                .register(meterRegistry);
        Gauge.builder(GridletMeters.DEPLOY_RETAINED_CLASS_LOADERS, this, GridDeployments::retainedClassLoaders)
                .description("Class loaders of removed versions not yet reclaimed by the garbage collector")
                .register(meterRegistry);
    }

    /** Loads what the catalog holds and follows its changes. Called once, after the member joined. */
    public void start() {
        listener = catalog.addEntryListener(new CatalogListener(), false);
        for (String name : catalog.keySet()) {
            reconcile(name);
        }
    }

    @Override
    public DeployResult deploy(byte[] jar, DeployOptions options) {
        Objects.requireNonNull(options, "options");
        splitBrain.require("a deploy");
        JarInspector.Contents contents = JarInspector.inspect(jar, limits);
        String sha = contents.sha256();
        String version = versionOf(options, contents);
        LoadedArtifact artifact = loadForDeploy(jar, sha, version, contents.functionClasses());
        List<String> names = artifact.definitions().stream().map(d -> d.spec().name()).toList();
        boolean unchanged = true;
        for (String name : names) {
            CatalogEntry entry = catalog.get(name);
            CatalogVersion existing = entry == null ? null : entry.version(version);
            if (existing != null && !existing.sha256().equals(sha)) {
                discardIfUnused(artifact);
                throw conflict(name, version, existing.sha256());
            }
            unchanged &= existing != null;
        }
        if (unchanged) {
            discardIfUnused(artifact);
            return new DeployResult(names, version, sha, true);
        }
        long now = System.currentTimeMillis();
        List<String> added = new ArrayList<>();
        artifacts.lock(sha);
        try {
            artifacts.putIfAbsent(sha, new ArtifactRecord(sha, version, names, now, options.deployedBy(), jar));
            for (LoadedArtifact.Definition definition : artifact.definitions()) {
                String name = definition.spec().name();
                CatalogVersion entry = new CatalogVersion(definition.spec(), sha, definition.className(), now,
                        options.deployedBy());
                CatalogResult outcome = catalog.executeOnKey(name, CatalogUpdate.add(entry, options.activate()));
                if (outcome.outcome() == CatalogResult.Outcome.CONFLICT) {
                    for (String done : added) {
                        catalog.executeOnKey(done, CatalogUpdate.remove(version));
                    }
                    collectArtifact(sha);
                    discardIfUnused(artifact);
                    throw conflict(name, version, outcome.detail());
                }
                if (outcome.outcome() == CatalogResult.Outcome.ADDED) {
                    added.add(name);
                }
            }
        } finally {
            artifacts.unlock(sha);
        }
        reconcileEverywhere(names);
        deploys.increment();
        LOG.info("Deployed {} at version {} ({} bytes, sha-256 {}) by {}", names, version, jar.length, sha,
                options.deployedBy());
        return new DeployResult(names, version, sha, false);
    }

    private static String versionOf(DeployOptions options, JarInspector.Contents contents) {
        String version = options.version() != null ? options.version()
                : contents.manifestVersion() != null ? contents.manifestVersion()
                : contents.sha256().substring(0, 12);
        try {
            return Names.version(version);
        } catch (BadInputException e) {
            throw new BadInputException("bad version '" + version + "': " + e.getMessage());
        }
    }

    private static VersionConflictException conflict(String name, String version, String otherSha) {
        return new VersionConflictException("function " + name + " version " + version
                + " is already deployed from another jar (sha-256 " + otherSha + "); versions are immutable:"
                + " deploy these bytes at a new version");
    }

    private LoadedArtifact loadForDeploy(byte[] jar, String sha, String version, List<String> classes) {
        synchronized (lock) {
            LoadedArtifact existing = loaded.get(key(sha, version));
            if (existing != null) {
                return existing;
            }
            LoadedArtifact artifact = LoadedArtifact.load(jar, sha, version, classes, codec, directory());
            loaded.put(key(sha, version), artifact);
            return artifact;
        }
    }

    private void discardIfUnused(LoadedArtifact artifact) {
        synchronized (lock) {
            boolean inUse = registry.versions().stream()
                    .anyMatch(f -> artifact.sha256().equals(f.artifact()) && artifact.version().equals(f.version()));
            if (!inUse && loaded.remove(key(artifact.sha256(), artifact.version()), artifact)) {
                artifact.close();
                track(artifact);
            }
        }
    }

    @Override
    public FunctionInfo activate(String name, String version, String canaryVersion, int canaryPercent) {
        if (canaryPercent < 0 || canaryPercent > 100) {
            throw new BadInputException("canary percent must be 0 to 100: " + canaryPercent);
        }
        splitBrain.require("activating a version of function " + name);
        CatalogResult outcome = catalog.executeOnKey(name, CatalogUpdate.activate(version, canaryVersion,
                canaryPercent));
        if (outcome.outcome() == CatalogResult.Outcome.UNKNOWN_VERSION) {
            String missing = outcome.detail();
            throw new UnknownFunctionException(name, catalog.containsKey(name)
                    ? "function " + name + " has no version " + missing
                    : "no function named " + name + " is deployed");
        }
        reconcileEverywhere(List.of(name));
        return get(name);
    }

    @Override
    public void undeploy(String name, String version) {
        splitBrain.require("undeploying function " + name);
        CatalogEntry before = catalog.get(name);
        if (before == null) {
            throw new UnknownFunctionException(name, "no function named " + name + " is deployed");
        }
        CatalogResult outcome = catalog.executeOnKey(name, CatalogUpdate.remove(version));
        if (outcome.outcome() == CatalogResult.Outcome.UNKNOWN_VERSION) {
            throw new UnknownFunctionException(name, "function " + name + " has no version " + version);
        }
        if (outcome.outcome() == CatalogResult.Outcome.LIVE_VERSION) {
            throw new VersionConflictException("version " + version + " of function " + name
                    + " is live; activate another version first, or undeploy the whole function");
        }
        for (CatalogVersion gone : before.versions()) {
            if (version == null || gone.version().equals(version)) {
                collectArtifact(gone.sha256());
            }
        }
        reconcileEverywhere(List.of(name));
        LOG.info("Undeployed {} {}", name, version == null ? "(every version)" : "version " + version);
    }

    /**
     * Applies a catalog change on every member before returning, so that a caller who deployed
     * reads its deploy on any member. A member that leaves meanwhile is skipped; one that joins
     * meanwhile loads the catalog when it starts.
     */
    private void reconcileEverywhere(List<String> names) {
        reconcile(names);
        Map<com.hazelcast.cluster.Member, java.util.concurrent.Future<Boolean>> answers = hazelcast
                .getExecutorService(HazelcastConfigFactory.ADMIN_EXECUTOR)
                .submitToAllMembers(new ReconcileTask(names));
        for (Map.Entry<com.hazelcast.cluster.Member, java.util.concurrent.Future<Boolean>> answer : answers.entrySet()) {
            try {
                answer.getValue().get(RECONCILE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("Member {} did not confirm the change of {}; it follows the catalog on its own",
                        answer.getKey().getAddress(), names, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void reconcile(List<String> names) {
        for (String name : names) {
            reconcile(name);
        }
    }

    /** Removes a jar from the grid once no function in the catalog refers to it. */
    private void collectArtifact(String sha) {
        artifacts.lock(sha);
        try {
            ArtifactRecord record = artifacts.get(sha);
            if (record == null) {
                return;
            }
            for (String name : record.functions()) {
                CatalogEntry entry = catalog.get(name);
                if (entry != null && entry.versions().stream().anyMatch(v -> v.sha256().equals(sha))) {
                    return;
                }
            }
            artifacts.delete(sha);
        } finally {
            artifacts.unlock(sha);
        }
    }

    @Override
    public List<FunctionInfo> list() {
        return catalog.values().stream().map(CatalogEntry::info)
                .sorted(Comparator.comparing(FunctionInfo::name)).toList();
    }

    @Override
    public FunctionInfo get(String name) {
        CatalogEntry entry = catalog.get(name);
        if (entry == null) {
            throw new UnknownFunctionException(name, "no function named " + name + " is deployed");
        }
        return entry.info();
    }

    /**
     * Loads a function a call named but this member has not loaded: deployed a moment ago through
     * another member, before this member heard of it.
     */
    public boolean loadMissing(String name, String version) {
        if (!catalog.containsKey(name)) {
            return false;
        }
        reconcile(name);
        return registry.resolve(name, version) != null;
    }

    /** Makes this member's registry match the catalog for one function. */
    void reconcile(String name) {
        synchronized (lock) {
            if (closed) {
                // A catalog event that arrives during shutdown: this member loads nothing more, and
                // the members that stay reconcile it themselves.
                return;
            }
            CatalogEntry entry = catalog.get(name);
            Map<String, CatalogVersion> wanted = entry == null ? Map.of() : entry.versionMap();
            for (CatalogVersion version : wanted.values()) {
                RegisteredFunction present = registry.resolve(name, version.version());
                if (present == null) {
                    register(name, version);
                }
            }
            for (RegisteredFunction present : registry.versions()) {
                if (present.name().equals(name) && present.artifact() != null
                        && !wanted.containsKey(present.version())) {
                    for (RegisteredFunction removed : registry.remove(name, present.version())) {
                        drain(removed);
                    }
                }
            }
            if (entry != null && registry.resolve(name, entry.live()) != null) {
                String canary = entry.canary() != null && registry.resolve(name, entry.canary()) != null
                        ? entry.canary() : null;
                registry.activate(name, entry.live(), canary, canary == null ? 0 : entry.canaryPercent());
            }
        }
    }

    /** Guarded by {@link #lock}. */
    private void register(String name, CatalogVersion version) {
        String key = key(version.sha256(), version.version());
        LoadedArtifact artifact = loaded.get(key);
        if (artifact == null) {
            ArtifactRecord record = artifacts.get(version.sha256());
            if (record == null) {
                LOG.warn("Function {} version {} names jar {}, which the grid no longer holds", name,
                        version.version(), version.sha256());
                return;
            }
            try {
                // Every function the jar declares: its other functions load from this loader too.
                List<String> classes = JarInspector.inspect(record.jar(), limits).functionClasses();
                artifact = LoadedArtifact.load(record.jar(), record.sha256(), version.version(), classes, codec,
                        directory());
            } catch (RuntimeException e) {
                LOG.error("Function {} version {} could not be loaded on this member", name, version.version(), e);
                return;
            }
            loaded.put(key, artifact);
        }
        LoadedArtifact.Definition definition = artifact.definition(name);
        if (definition == null) {
            LOG.error("Jar {} does not declare function {}", version.sha256(), name);
            return;
        }
        RegisteredFunction function = registry.prepare(definition.spec(), definition.instance(),
                definition.inputType(), artifact.loader(), artifact.codec(), artifact.sha256());
        registry.register(function, false);
        artifact.retain();
    }

    /**
     * Waits, off the caller's thread, for a removed version's calls to finish (up to its timeout),
     * then drops its meters and, with its jar's last version, closes the class loader.
     */
    private void drain(RegisteredFunction function) {
        long giveUp = System.nanoTime() + function.spec().timeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
        worker.schedule(new Runnable() {
            @Override
            public void run() {
                if (!function.drained() && System.nanoTime() < giveUp) {
                    worker.schedule(this, DRAIN_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    return;
                }
                if (!function.drained()) {
                    LOG.warn("Function {} version {} still has {} calls running past its deadline; closing it anyway",
                            function.name(), function.version(), function.meters().inflight());
                }
                function.meters().remove();
                synchronized (lock) {
                    String key = key(function.artifact(), function.version());
                    LoadedArtifact artifact = loaded.get(key);
                    if (artifact != null && artifact.release()) {
                        loaded.remove(key);
                        artifact.close();
                        track(artifact);
                    }
                }
            }
        }, 0, TimeUnit.MILLISECONDS);
    }

    private void track(LoadedArtifact artifact) {
        retained.add(new WeakReference<>(artifact.loader(), collected));
    }

    @Override
    public int retainedClassLoaders() {
        Reference<? extends ClassLoader> cleared;
        while ((cleared = collected.poll()) != null) {
            retained.remove(cleared);
        }
        int count = 0;
        for (Reference<ClassLoader> reference : retained) {
            if (reference.get() != null) {
                count++;
            }
        }
        return count;
    }

    /** Guarded by {@link #lock}. */
    private Path directory() {
        if (closed) {
            throw new UnavailableException("this member is shutting down: deploy on another member");
        }
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("gridlet-jars-");
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a directory for deployed jars: " + e.getMessage(), e);
            }
        }
        return directory;
    }

    private static String key(String sha, String version) {
        return sha + "@" + version;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        if (listener != null && hazelcast.getLifecycleService().isRunning()) {
            catalog.removeEntryListener(listener);
        }
        Path written;
        synchronized (lock) {
            loaded.values().forEach(LoadedArtifact::close);
            loaded.clear();
            closed = true;
            written = directory;
        }
        if (written == null) {
            return;
        }
        try {
            Files.deleteIfExists(written);
        } catch (IOException e) {
            LOG.warn("Could not delete {}", written, e);
        }
    }

    /** Reconciles on the deployer thread, so that Hazelcast's event threads never load a jar. */
    private final class CatalogListener implements EntryAddedListener<String, CatalogEntry>,
            EntryUpdatedListener<String, CatalogEntry>, EntryRemovedListener<String, CatalogEntry> {

        @Override
        public void entryAdded(EntryEvent<String, CatalogEntry> event) {
            later(event.getKey());
        }

        @Override
        public void entryUpdated(EntryEvent<String, CatalogEntry> event) {
            later(event.getKey());
        }

        @Override
        public void entryRemoved(EntryEvent<String, CatalogEntry> event) {
            later(event.getKey());
        }

        private void later(String name) {
            worker.execute(() -> {
                try {
                    reconcile(name);
                } catch (RuntimeException e) {
                    LOG.error("Could not follow the catalog's change of function {}", name, e);
                }
            });
        }
    }
}
