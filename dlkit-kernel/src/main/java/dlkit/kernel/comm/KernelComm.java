package dlkit.kernel.comm;

import dlkit.display.Comm;
import java.util.Map;

/** One open comm of {@link CommManager}. */
public final class KernelComm implements Comm {

    private final CommManager manager;
    private final String id;
    private final String targetName;
    private final Comm.Listener listener;
    private volatile boolean open = true;

    KernelComm(CommManager manager, String id, String targetName, Comm.Listener listener) {
        this.manager = manager;
        this.id = id;
        this.targetName = targetName;
        this.listener = listener;
    }

    @Override
    public String id() {
        return id;
    }

    public String targetName() {
        return targetName;
    }

    Comm.Listener listener() {
        return listener;
    }

    @Override
    public void send(Map<String, Object> data) {
        if (open) {
            manager.send(this, data);
        }
    }

    @Override
    public void close(Map<String, Object> data) {
        if (open) {
            open = false;
            manager.close(this, data);
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    void closedByFrontEnd() {
        open = false;
    }
}
