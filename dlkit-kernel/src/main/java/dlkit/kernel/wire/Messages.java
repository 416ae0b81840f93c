package dlkit.kernel.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;

/** Builds outgoing messages whose content is a plain map, so every reply can carry what the spec asks. */
public final class Messages {

    private Messages() {}

    /** A reply to {@code request} on the socket it came from (same identities). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Message<?> reply(Message<?> request, String type, Map<String, Object> content) {
        MessageType mt = MessageType.getType(type);
        Header header = new Header(request, mt);
        return new Message(request.getIdentities(), header, request.getHeader(), null, content, null);
    }

    /** An IOPub message whose parent is {@code parent} (may be null: no parent). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Message<?> publish(Message<?> parent, String type, Map<String, Object> content) {
        return publish(parent, type, content, null);
    }

    /** An IOPub message with message metadata (comm_open carries the widget protocol version there). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Message<?> publish(Message<?> parent, String type, Object content, Map<String, Object> metadata) {
        MessageType mt = MessageType.getType(type);
        Header header = parent == null ? new Header(mt) : new Header(parent, mt);
        List<byte[]> topic = List.of(("kernel." + type).getBytes(StandardCharsets.UTF_8));
        return new Message(topic, header, parent == null ? null : parent.getHeader(), metadata, content, null);
    }
}
