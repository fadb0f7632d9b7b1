package io.gridlet.node.internal.metrics;

/**
 * Meter and tag names. Prometheus shows dots as underscores and adds {@code _total} to counters
 * and {@code _seconds} to timers. Tag values come from small fixed sets: a function's name and
 * version, an outcome; never a key or an invocation id.
 */
public final class GridletMeters {

    /** Counter of finished invocations on the executing member; tags function, version, outcome. */
    public static final String FUNCTION_INVOCATIONS = "gridlet.function.invocations";
    /** Timer of the function's run on the executing member; tags function, version. */
    public static final String FUNCTION_DURATION = "gridlet.function.duration";
    /** Gauge of invocations running now on this member; tags function, version. */
    public static final String FUNCTION_INFLIGHT = "gridlet.function.inflight";
    /** Gauge of the calls of a version that may run at once on this member; tags function, version. */
    public static final String FUNCTION_CONCURRENCY_LIMIT = "gridlet.function.concurrency.limit";
    /** Counter of calls the caller sent again after losing their member; tags function. */
    public static final String FUNCTION_RETRIES = "gridlet.function.retries";
    /**
     * Counter of calls this member ran again after the member that first ran them died with the
     * outcome unknown: their effects may have happened twice, unless the function is transactional.
     */
    public static final String FUNCTION_RERUNS = "gridlet.function.reruns";
    /** Counter of clients' calls by key this member answered as the key's backup, once it had their change. */
    public static final String BACKUP_ANSWERS = "gridlet.backup.answers";
    /**
     * Counter of clients' calls by key this member applied as the key's owner whose backup did not
     * confirm them within the backup timeout: they failed as of unknown outcome.
     */
    public static final String BACKUP_UNCONFIRMED = "gridlet.backup.unconfirmed";
    /** Counter of jars deployed through this member. */
    public static final String DEPLOY_COUNT = "gridlet.deploy.count";
    /** Gauge of class loaders of removed versions not yet reclaimed by the garbage collector. */
    public static final String DEPLOY_RETAINED_CLASS_LOADERS = "gridlet.deploy.classloaders.retained";
    /** Gauge of the partitions this member owns. */
    public static final String MEMBER_PARTITIONS = "gridlet.member.partitions";
    /** Gauge of the members in the cluster, as this member sees it. */
    public static final String CLUSTER_SIZE = "gridlet.cluster.size";

    /** Counter of trigger events handled on a member; tags trigger, outcome. */
    public static final String TRIGGER_EVENTS = "gridlet.trigger.events";
    /** Gauge of a trigger's last ingestion-to-answer time on a member; tag trigger. */
    public static final String TRIGGER_LAG = "gridlet.trigger.lag";

    public static final String TAG_FUNCTION = "function";
    public static final String TAG_TRIGGER = "trigger";
    public static final String TAG_VERSION = "version";
    public static final String TAG_OUTCOME = "outcome";

    /** The function and version tag of invocations that named no function this member has. */
    public static final String UNKNOWN = "none";

    private GridletMeters() {
    }
}
