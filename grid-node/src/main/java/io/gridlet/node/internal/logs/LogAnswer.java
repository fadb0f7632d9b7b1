package io.gridlet.node.internal.logs;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridlet.node.LogLine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One member's {@link LogRing.Answer}, as it travels back. */
final class LogAnswer implements IdentifiedDataSerializable {

    private LogRing.Answer answer;

    LogAnswer() {
    }

    LogAnswer(LogRing.Answer answer) {
        this.answer = answer;
    }

    LogRing.Answer answer() {
        return answer;
    }

    @Override
    public int getFactoryId() {
        return LogsSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogsSerializerHook.LOG_ANSWER;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeBoolean(answer.truncated());
        out.writeLong(answer.dropped());
        out.writeString(answer.member());
        out.writeLong(answer.latest());
        out.writeInt(answer.lines().size());
        for (LogLine line : answer.lines()) {
            out.writeLong(line.time());
            out.writeString(line.level());
            out.writeString(line.message());
            out.writeString(line.function());
            out.writeString(line.version());
            out.writeString(line.invocationId());
            out.writeString(line.member());
            out.writeString(line.traceId());
            out.writeLong(line.sequence());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        boolean truncated = in.readBoolean();
        long dropped = in.readLong();
        String member = in.readString();
        long latest = in.readLong();
        List<LogLine> lines = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            lines.add(new LogLine(in.readLong(), in.readString(), in.readString(), in.readString(), in.readString(),
                    in.readString(), in.readString(), in.readString(), in.readLong()));
        }
        answer = new LogRing.Answer(lines, truncated, dropped, member, latest);
    }
}
