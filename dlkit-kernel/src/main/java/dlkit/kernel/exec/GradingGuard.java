package dlkit.kernel.exec;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks every snippet class before it is loaded (the constant pool names each class, method and field it
 * can touch). Always: {@code Runtime.exit}/{@code halt} are refused, as {@code System.exit} is rewritten
 * ({@link SafeExit}): both would end the kernel. In grading mode ({@code DLKIT_GRADING=1}, set by
 * {@code ./dlkit grade} for each submission's kernel) also reflection, method handles, {@code Unsafe} and other JDK
 * internals, class loaders, processes, sockets and the kernel's own classes: with them, student code could
 * reach the machinery that reports which cells failed. The sandbox stops files and the network as well; this
 * check gives the clear message. An assignment may allow entries in its metadata ({@code dlkit.grading.allow},
 * passed here as {@code DLKIT_GRADING_ALLOW}: comma-separated names or prefixes such as
 * {@code java.lang.reflect} or {@code java.lang.Class.getDeclaredFields}).
 *
 * <p>Also in grading mode, a declaration named like a top-level package the tests use ({@code dlkit}, {@code java},
 * {@code javax}, and those the grader finds in the test cells: {@code DLKIT_GRADING_RESERVED}) is refused: by JLS 6.4.2 a variable or class of that name obscures the package, so a test's
 * fully qualified {@code dlkit.grade.Checks.check(...)} would call the student's class.
 */
public final class GradingGuard {

    static final String GRADING_ENV = "DLKIT_GRADING";
    static final String ALLOW_ENV = "DLKIT_GRADING_ALLOW";

    private static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory",
            "java/lang/invoke/StringConcatFactory",
            "java/lang/invoke/ObjectMethods",
            "java/lang/runtime/ObjectMethods",
            "java/lang/runtime/SwitchBootstraps",
            "java/lang/invoke/SwitchBootstraps");
    /** Class entries javac adds for every lambda (InnerClasses attribute); calls on them are still refused. */
    private static final Set<String> LAMBDA_CLASSES =
            Set.of("java/lang/invoke/MethodHandles", "java/lang/invoke/MethodHandles$Lookup");
    /** Class-name prefixes refused in grading mode, with what they are. */
    private static final Map<String, String> DENIED_PREFIXES = Map.ofEntries(
            Map.entry("java/lang/reflect/", "reflection"),
            Map.entry("java/lang/invoke/", "method handles"),
            Map.entry("sun/", "JDK internals"),
            Map.entry("jdk/", "JDK internals"),
            Map.entry("com/sun/", "JDK internals"),
            Map.entry("java/lang/ClassLoader", "class loading"),
            Map.entry("java/net/URLClassLoader", "class loading"),
            Map.entry("java/lang/Module", "module access"),
            Map.entry("java/lang/instrument/", "instrumentation"),
            Map.entry("java/lang/ProcessBuilder", "starting processes"),
            Map.entry("java/lang/ProcessHandle", "process control"),
            Map.entry("java/lang/Process", "starting processes"),
            Map.entry("java/net/", "the network"),
            Map.entry("java/nio/channels/SocketChannel", "the network"),
            Map.entry("java/nio/channels/ServerSocketChannel", "the network"),
            Map.entry("java/nio/channels/DatagramChannel", "the network"),
            Map.entry("java/nio/channels/AsynchronousSocketChannel", "the network"),
            Map.entry("javax/tools/", "compiling and loading classes"),
            Map.entry("javax/script/", "script engines"),
            Map.entry("dlkit/kernel/", "the kernel's own classes"),
            Map.entry("org/dflib/jjava/", "the kernel's own classes"));
    /** Methods refused in grading mode: owner -> names. */
    private static final Map<String, Set<String>> DENIED_METHODS = Map.of(
            "java/lang/Class",
                    Set.of(
                            "forName",
                            "getDeclaredMethod",
                            "getDeclaredMethods",
                            "getDeclaredField",
                            "getDeclaredFields",
                            "getDeclaredConstructor",
                            "getDeclaredConstructors",
                            "getMethod",
                            "getMethods",
                            "getField",
                            "getFields",
                            "getConstructor",
                            "getConstructors",
                            "getClassLoader",
                            "getModule",
                            "newInstance",
                            "getRecordComponents",
                            "getEnclosingMethod",
                            "getNestHost"),
            "java/lang/Runtime", Set.of("exec", "load", "loadLibrary", "addShutdownHook", "removeShutdownHook"),
            "java/lang/System",
                    Set.of(
                            "load",
                            "loadLibrary",
                            "setIn",
                            "setOut",
                            "setErr",
                            "setSecurityManager",
                            "console",
                            "inheritedChannel"),
            "java/lang/Thread",
                    Set.of(
                            "setContextClassLoader",
                            "getContextClassLoader",
                            "stop",
                            "suspend",
                            "getAllStackTraces",
                            "setDefaultUncaughtExceptionHandler"),
            "java/lang/ThreadGroup", Set.of("stop", "suspend", "enumerate", "getParent"));
    /** Names that are always refused: the package of the test helpers and the JDK's. */
    private static final Set<String> RESERVED = Set.of("dlkit", "java", "javax");
    /** More names the grader found fully qualified in the assignment's test cells (comma-separated). */
    static final String RESERVED_ENV = "DLKIT_GRADING_RESERVED";

    private GradingGuard() {}

    /** True in a kernel that {@code ./dlkit grade} started. */
    public static boolean grading() {
        return "1".equals(System.getenv(GRADING_ENV));
    }

    /** A one-line reason to refuse these snippet classes, or null when they may load. */
    static String check(byte[][] classes) {
        boolean grading = grading();
        List<String> allow = grading ? allowList() : List.of();
        for (int i = 0; i < classes.length; i++) {
            String why = check(classes[i], grading, allow);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /** One snippet class: a one-line reason, or null. Unparsable bytes pass (javac wrote them). */
    static String check(byte[] cls, boolean grading, List<String> allow) {
        List<String[]> refs;
        List<String> classNames;
        String nest;
        try {
            ConstantPool pool = ConstantPool.parse(cls);
            refs = pool.memberRefs;
            classNames = pool.classNames;
            nest = pool.nest;
        } catch (IOException | RuntimeException e) {
            return null;
        }
        for (String[] r : refs) {
            if (r[0].equals("java/lang/Runtime") && (r[1].equals("exit") || r[1].equals("halt"))) {
                return "Runtime.getRuntime()." + r[1] + "(...) would stop the kernel, so DLKit blocked it; "
                        + "use Kernel > Restart to start afresh";
            }
        }
        if (!grading) {
            return null;
        }
        Set<String> found = new TreeSet<>();
        String kind = null;
        for (String[] r : refs) {
            Set<String> names = DENIED_METHODS.get(r[0]);
            String what = null;
            if (names != null && names.contains(r[1])) {
                what = r[0] + "." + r[1];
                kind = kind != null ? kind : r[0].equals("java/lang/Class") ? "reflection" : "the JVM's controls";
            } else if (r[0].startsWith("java/lang/invoke/") && !BOOTSTRAPS.contains(r[0])) {
                what = r[0] + "." + r[1];
                kind = kind != null ? kind : "method handles";
            }
            if (what != null && !allowed(what, allow)) {
                found.add(what.replace('/', '.'));
            }
        }
        for (String n : classNames) {
            if (BOOTSTRAPS.contains(n)
                    || LAMBDA_CLASSES.contains(n)
                    || n.equals(nest)
                    || n.startsWith(nest + "$")
                    || n.equals(SafeExit.class.getName().replace('.', '/'))) {
                continue;
            }
            for (Map.Entry<String, String> d : DENIED_PREFIXES.entrySet()) {
                if (n.startsWith(d.getKey()) && !allowed(n, allow)) {
                    found.add(n.replace('/', '.'));
                    kind = kind != null ? kind : d.getValue();
                }
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        return "grading: this code uses " + String.join(", ", found) + " (" + kind + "), which is not allowed "
                + "while notebooks are graded; remove it (an instructor can allow it in the notebook metadata "
                + "dlkit.grading.allow)";
    }

    private static boolean allowed(String internalName, List<String> allow) {
        for (String a : allow) {
            if (internalName.startsWith(a)) {
                return true;
            }
        }
        return false;
    }

    static List<String> allowList() {
        String v = System.getenv(ALLOW_ENV);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            String t = s.trim();
            if (t.isEmpty()) {
                continue;
            }
            // java.lang.Class.forName -> java/lang/Class.forName: the member after the last '.' of a class name
            // that starts with an upper-case letter stays after a '.'
            String[] parts = t.split("\\.");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    boolean member = i == parts.length - 1
                            && i > 0
                            && !parts[i - 1].isEmpty()
                            && Character.isUpperCase(parts[i - 1].charAt(0));
                    sb.append(member ? '.' : '/');
                }
                sb.append(parts[i]);
            }
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * In grading mode, a one-line reason to refuse a class or variable named {@code name} (it would obscure the
     * package of that name, which the tests use), or null.
     */
    public static String obscures(String name) {
        if (!grading() || name == null) {
            return null;
        }
        String more = System.getenv(RESERVED_ENV);
        boolean reserved = RESERVED.contains(name)
                || (more != null && Set.of(more.split(",")).contains(name));
        if (reserved) {
            return "grading: a class or variable named '" + name + "' hides the package " + name + " that the "
                    + "tests call by its full name, so it is not allowed while notebooks are graded; rename it";
        }
        return null;
    }

    /** The class names and member references (owner, name) of a class file's constant pool. */
    static final class ConstantPool {
        final List<String> classNames = new ArrayList<>();
        final List<String[]> memberRefs = new ArrayList<>();
        /** The class itself and its nest (the outermost name), which it may always refer to. */
        String nest = "";

        static ConstantPool parse(byte[] cls) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(cls);
            buf.position(8);
            int count = buf.getShort() & 0xFFFF;
            int[] tags = new int[count];
            int[] a = new int[count];
            int[] b = new int[count];
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = buf.get() & 0xFF;
                tags[i] = tag;
                switch (tag) {
                    case 1 -> {
                        int len = buf.getShort() & 0xFFFF;
                        utf8[i] = new DataInputStream(new ByteArrayInputStream(cls, buf.position() - 2, len + 2))
                                .readUTF();
                        buf.position(buf.position() + len);
                    }
                    case 7, 8, 16, 19, 20 -> a[i] = buf.getShort() & 0xFFFF;
                    case 9, 10, 11, 12 -> {
                        a[i] = buf.getShort() & 0xFFFF;
                        b[i] = buf.getShort() & 0xFFFF;
                    }
                    case 3, 4, 17, 18 -> buf.position(buf.position() + 4);
                    case 5, 6 -> {
                        buf.position(buf.position() + 8);
                        i++;
                    }
                    case 15 -> buf.position(buf.position() + 3);
                    default -> throw new IOException("unknown constant tag " + tag);
                }
            }
            ConstantPool pool = new ConstantPool();
            buf.getShort(); // access flags
            String self = elementName(utf8[a[buf.getShort() & 0xFFFF]]);
            int dollar = self.indexOf('$', self.lastIndexOf('/') + 1);
            pool.nest = dollar > 0 ? self.substring(0, dollar) : self;
            for (int i = 1; i < count; i++) {
                if (tags[i] == 7) {
                    pool.classNames.add(elementName(utf8[a[i]]));
                } else if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
                    String owner = elementName(utf8[a[a[i]]]);
                    String name = utf8[a[b[i]]];
                    pool.memberRefs.add(new String[] {owner, name});
                }
            }
            return pool;
        }

        /** [[Ljava/lang/String; -> java/lang/String. */
        private static String elementName(String n) {
            String s = n.replaceFirst("^\\[+", "");
            return s.startsWith("L") && s.endsWith(";") ? s.substring(1, s.length() - 1) : s;
        }
    }
}
