package dlkit.kernel.exec;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/** Hands JShell the single {@link InProcessControl} the kernel created. */
public final class InProcessControlProvider implements ExecutionControlProvider {

    private final InProcessControl control;

    public InProcessControlProvider(InProcessControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "dlkit";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }
}
