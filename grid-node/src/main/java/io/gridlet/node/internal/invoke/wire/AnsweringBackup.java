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
 * once the backup timeout has passed, as Hazelcast does for a backup that never confirms. Calls on
 * one key written together have one backup, which carries the last value and all their answers.
 */
public final class AnsweringBackup extends EntryBackupOperation {

    private Address owner;
    private Answer[] answers;

    public AnsweringBackup() {
    }

    AnsweringBackup(String map, Data key, EntryProcessor<?, ?, ?> backup, Address owner, Answer[] answers) {
        super(map, key, backup);
        this.owner = owner;
        this.answers = answers;
    }

    @Override
    public void afterRunInternal() {
        super.afterRunInternal();
        ChainedAnswers chained = ChainedAnswers.of(getNodeEngine().getHazelcastInstance());
        for (Answer answer : answers) {
            chained.answer(getNodeEngine(), owner, answer.id, answer.client, answer.correlationId, answer.answer);
        }
    }

    /**
     * An answer the backup sends: the owner's sequence to confirm it by, its client, the client's
     * correlation id, and the answer. One, or one per call on a key written together.
     */
    record Answer(long id, UUID client, long correlationId, Data answer) {
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
        out.writeInt(answers.length);
        for (Answer answer : answers) {
            out.writeLong(answer.id);
            out.writeLong(answer.client.getMostSignificantBits());
            out.writeLong(answer.client.getLeastSignificantBits());
            out.writeLong(answer.correlationId);
            IOUtil.writeData(out, answer.answer);
        }
    }

    @Override
    protected void readInternal(ObjectDataInput in) throws IOException {
        super.readInternal(in);
        owner = in.readObject();
        answers = new Answer[in.readInt()];
        for (int i = 0; i < answers.length; i++) {
            answers[i] = new Answer(in.readLong(), new UUID(in.readLong(), in.readLong()), in.readLong(),
                    IOUtil.readData(in));
        }
    }
}
