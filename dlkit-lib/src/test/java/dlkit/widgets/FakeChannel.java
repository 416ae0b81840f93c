package dlkit.widgets;

import dlkit.display.Comm;
import dlkit.display.CommChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A CommChannel that records what a kernel would publish, and lets a test play the front end. */
final class FakeChannel implements CommChannel {

    /** One message "sent to the front end". */
    record Sent(String type, String commId, Map<String, Object> data, Map<String, Object> metadata) {}

    final List<Sent> sent = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();
    final Map<String, FakeComm> comms = new LinkedHashMap<>();
    String requestId = "";

    final class FakeComm implements Comm {
        final String id;
        final Comm.Listener listener;
        boolean open = true;

        FakeComm(String id, Comm.Listener listener) {
            this.id = id;
            this.listener = listener;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void send(Map<String, Object> data) {
            sent.add(new Sent("comm_msg", id, data, Map.of()));
        }

        @Override
        public void close(Map<String, Object> data) {
            open = false;
            sent.add(new Sent("comm_close", id, data, Map.of()));
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        /** The front end sends a comm_msg, as the kernel would hand it on: under its own request id. */
        void fromFrontEnd(Map<String, Object> data) {
            String outer = requestId;
            requestId = "comm-msg-" + sent.size();
            try {
                listener.onMessage(this, data);
            } finally {
                requestId = outer;
            }
        }
    }

    @Override
    public Comm open(
            String id,
            String targetName,
            Map<String, Object> data,
            Map<String, Object> metadata,
            Comm.Listener listener) {
        FakeComm c = new FakeComm(id, listener);
        comms.put(id, c);
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.put("target_name", targetName);
        sent.add(new Sent("comm_open", id, d, metadata));
        return c;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public void showError(Throwable error) {
        errors.add(error);
        sent.add(new Sent("error", null, Map.of("evalue", String.valueOf(error.getMessage())), Map.of()));
    }

    @Override
    public void showError(Throwable error, String requestId) {
        errors.add(error);
        sent.add(new Sent(
                "error", null, Map.of("evalue", String.valueOf(error.getMessage()), "parent", requestId), Map.of()));
    }

    List<Sent> ofType(String type) {
        return sent.stream().filter(s -> s.type().equals(type)).toList();
    }

    /** The comm_msg datas sent for one comm. */
    List<Map<String, Object>> messages(Widget w) {
        return sent.stream()
                .filter(s -> s.type().equals("comm_msg") && w.modelId().equals(s.commId()))
                .map(Sent::data)
                .toList();
    }
}
