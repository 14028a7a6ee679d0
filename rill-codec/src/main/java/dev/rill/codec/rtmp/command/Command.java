package dev.rill.codec.rtmp.command;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.amf.Amf0;
import dev.rill.codec.amf.AmfLimits;
import dev.rill.codec.rtmp.ChunkStreamId;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An RTMP command message (RTMP spec 7.1.1 and 7.2): a name, a transaction id, a command object
 * (often null) and further arguments. Type 20 is AMF0; type 17 is the AMF3 form, which in practice
 * is a 0x00 format byte followed by AMF0 values (with AVM+ switches where needed).
 */
public record Command(String name, double transactionId, Object commandObject, List<Object> args) {

    public Command {
        args = args == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(args));
    }

    public static Command of(String name, double transactionId, Object commandObject, Object... args) {
        List<Object> list = new ArrayList<>(args.length);
        for (Object a : args) {
            list.add(a);
        }
        return new Command(name, transactionId, commandObject, list);
    }

    /** The i-th argument after the command object, or null when absent. */
    public Object arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    public String stringArg(int i) {
        return arg(i) instanceof String s ? s : null;
    }

    public static boolean isCommand(int typeId) {
        return typeId == MessageType.COMMAND_AMF0 || typeId == MessageType.COMMAND_AMF3;
    }

    /** Decodes a type 20 or 17 message; does not release it. */
    public static Command decode(RtmpMessage msg, AmfLimits limits) {
        ByteBuf in = msg.payload().duplicate();
        try {
            if (msg.typeId() == MessageType.COMMAND_AMF3 && in.isReadable()) {
                in.skipBytes(1);
            }
            List<Object> values = Amf0.readAll(in, limits);
            if (values.isEmpty() || !(values.get(0) instanceof String name)) {
                throw new RillException(ErrorCode.COMMAND_INVALID, "command message does not start with a name string");
            }
            double tid = values.size() > 1 && values.get(1) instanceof Number n ? n.doubleValue() : 0;
            Object cmdObject = values.size() > 2 ? values.get(2) : null;
            List<Object> rest = values.size() > 3 ? values.subList(3, values.size()) : List.of();
            return new Command(name, tid, cmdObject, new ArrayList<>(rest));
        } catch (RillException e) {
            throw RillException.wrap("decode command message (type " + msg.typeId() + ")", e);
        }
    }

    /** Encodes as an AMF0 command on the chunk stream SRS uses for commands of this kind. */
    public RtmpMessage encode(ByteBufAllocator alloc, int messageStreamId) {
        ByteBuf out = alloc.buffer(128);
        try {
            Amf0.write(out, name);
            Amf0.write(out, transactionId);
            Amf0.write(out, commandObject);
            for (Object a : args) {
                Amf0.write(out, a);
            }
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        int csid = messageStreamId == 0 ? ChunkStreamId.OVER_CONNECTION : ChunkStreamId.OVER_STREAM;
        return new RtmpMessage(csid, MessageType.COMMAND_AMF0, 0, messageStreamId, out);
    }
}
