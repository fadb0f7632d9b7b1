package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.cluster.Address;
import com.hazelcast.internal.nio.IOUtil;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.impl.operation.EntryBackupOperation;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.UUID;

/**
 * The backup of a client's call by key that answers the client once it has applied the change,
 * in place of the key's owner ({@link ChainedAnswers}): the owner sends the change and the answer
 * together, and the answer leaves from where the change is backed up. Hazelcast runs it as any
 * backup, in order with the partition's other backups, after checking that this member still
 * holds the partition's backup; if it does not, the backup does not run, and the owner answers
 * once the backup timeout has passed, as Hazelcast does for a backup that never confirms.
 */
public final class AnsweringBackup extends EntryBackupOperation {

    private Address owner;
    private long id;
    private UUID client;
    private long correlationId;
    private Data answer;

    public AnsweringBackup() {
    }

    AnsweringBackup(String map, Data key, EntryProcessor<?, ?, ?> backup, Address owner, long id, UUID client,
                    long correlationId, Data answer) {
        super(map, key, backup);
        this.owner = owner;
        this.id = id;
        this.client = client;
        this.correlationId = correlationId;
        this.answer = answer;
    }

    @Override
    public void afterRunInternal() {
        super.afterRunInternal();
        ChainedAnswers.of(getNodeEngine().getHazelcastInstance())
                .answer(getNodeEngine(), owner, id, client, correlationId, answer);
    }

    @Override
    public int getFactoryId() {
        return InvokeSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.ANSWERING_BACKUP;
    }

    @Override
    protected void writeInternal(ObjectDataOutput out) throws IOException {
        super.writeInternal(out);
        out.writeObject(owner);
        out.writeLong(id);
        out.writeLong(client.getMostSignificantBits());
        out.writeLong(client.getLeastSignificantBits());
        out.writeLong(correlationId);
        IOUtil.writeData(out, answer);
    }

    @Override
    protected void readInternal(ObjectDataInput in) throws IOException {
        super.readInternal(in);
        owner = in.readObject();
        id = in.readLong();
        client = new UUID(in.readLong(), in.readLong());
        correlationId = in.readLong();
        answer = IOUtil.readData(in);
    }
}
