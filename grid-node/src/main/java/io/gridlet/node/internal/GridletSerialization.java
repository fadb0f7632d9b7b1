package io.gridlet.node.internal;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridlet.node.deploy.ArtifactRecord;
import io.gridlet.node.deploy.CatalogEntry;
import io.gridlet.node.deploy.CatalogUpdate;
import io.gridlet.node.deploy.FunctionVersion;
import io.gridlet.node.deploy.ReconcileTask;
import io.gridlet.node.invoke.wire.BackupValue;
import io.gridlet.node.invoke.wire.CancelTask;
import io.gridlet.node.invoke.wire.IdempotencyRecord;
import io.gridlet.node.invoke.wire.StoredInvocation;
import io.gridlet.node.trigger.ScheduleFiring;
import io.gridlet.node.trigger.TriggerEvent;
import io.gridlet.node.invoke.wire.InvocationRequest;
import io.gridlet.node.internal.MemberStatsTask;
import io.gridlet.node.invoke.wire.InvocationResponse;
import io.gridlet.node.invoke.wire.InvokeEntryProcessor;
import io.gridlet.node.invoke.wire.InvokeOnPartitionThread;
import io.gridlet.node.invoke.wire.InvokeOnPartitionThreadReadOnly;
import io.gridlet.node.invoke.wire.InvokeReadOnlyProcessor;
import io.gridlet.node.invoke.wire.InvokeTask;

/**
 * The ids of Gridlet's own wire types. These, and Hazelcast's, are the only classes that cross
 * between members: a member never needs a user's classes to read what another sent. Ids are
 * part of the wire format: never reuse or renumber one.
 */
public final class GridletSerialization implements DataSerializableFactory {

    /** "GRID" in ASCII. */
    public static final int FACTORY_ID = 0x47524944;

    public static final int INVOCATION_REQUEST = 1;
    public static final int INVOCATION_RESPONSE = 2;
    public static final int INVOKE_TASK = 3;
    public static final int INVOKE_ENTRY_PROCESSOR = 4;
    public static final int ARTIFACT_RECORD = 5;
    public static final int FUNCTION_VERSION = 6;
    public static final int CATALOG_ENTRY = 7;
    public static final int CATALOG_UPDATE = 8;
    public static final int RECONCILE_TASK = 9;
    public static final int IDEMPOTENCY_RECORD = 10;
    public static final int STORED_INVOCATION = 11;
    public static final int CANCEL_TASK = 12;
    public static final int BACKUP_VALUE = 13;
    public static final int MEMBER_STATS_TASK = 14;
    public static final int SCHEDULE_FIRING = 15;
    public static final int TRIGGER_EVENT = 16;
    public static final int INVOKE_READ_ONLY_PROCESSOR = 17;
    public static final int INVOKE_ON_PARTITION_THREAD = 18;
    public static final int INVOKE_ON_PARTITION_THREAD_READ_ONLY = 19;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case INVOCATION_REQUEST -> new InvocationRequest();
            case INVOCATION_RESPONSE -> new InvocationResponse();
            case INVOKE_TASK -> new InvokeTask();
            case INVOKE_ENTRY_PROCESSOR -> new InvokeEntryProcessor();
            case ARTIFACT_RECORD -> new ArtifactRecord();
            case FUNCTION_VERSION -> new FunctionVersion();
            case CATALOG_ENTRY -> new CatalogEntry();
            case CATALOG_UPDATE -> new CatalogUpdate();
            case RECONCILE_TASK -> new ReconcileTask();
            case IDEMPOTENCY_RECORD -> new IdempotencyRecord();
            case STORED_INVOCATION -> new StoredInvocation();
            case CANCEL_TASK -> new CancelTask();
            case BACKUP_VALUE -> new BackupValue();
            case MEMBER_STATS_TASK -> new MemberStatsTask();
            case SCHEDULE_FIRING -> new ScheduleFiring();
            case TRIGGER_EVENT -> new TriggerEvent();
            case INVOKE_READ_ONLY_PROCESSOR -> new InvokeReadOnlyProcessor();
            case INVOKE_ON_PARTITION_THREAD -> new InvokeOnPartitionThread();
            case INVOKE_ON_PARTITION_THREAD_READ_ONLY -> new InvokeOnPartitionThreadReadOnly();
            default -> null;
        };
    }
}
