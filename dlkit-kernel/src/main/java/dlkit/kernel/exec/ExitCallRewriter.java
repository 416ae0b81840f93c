package dlkit.kernel.exec;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Points a snippet class's calls to {@code System.exit(int)} at {@link SafeExit#exit(int)} instead,
 * by editing its constant pool: the Methodref for System.exit gets a new class entry, appended at the
 * end of the pool. Nothing else in the class changes. (In-process, System.exit would end the kernel;
 * the SecurityManager that could veto it is deprecated on 17 and gone on 24.)
 */
final class ExitCallRewriter {

    private static final String TARGET = SafeExit.class.getName().replace('.', '/');

    private ExitCallRewriter() {}

    static byte[] rewrite(byte[] cls) {
        try {
            return rewriteOrSame(cls);
        } catch (IOException | RuntimeException e) {
            return cls; // never break a snippet over this guard
        }
    }

    private static byte[] rewriteOrSame(byte[] cls) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(cls);
        buf.position(8);
        int count = buf.getShort() & 0xFFFF;
        int[] tags = new int[count];
        int[] offsets = new int[count];
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            offsets[i] = buf.position();
            int tag = buf.get() & 0xFF;
            tags[i] = tag;
            switch (tag) {
                case 1 -> {
                    int len = buf.getShort() & 0xFFFF;
                    DataInputStream in =
                            new DataInputStream(new java.io.ByteArrayInputStream(cls, buf.position() - 2, len + 2));
                    utf8[i] = in.readUTF();
                    buf.position(buf.position() + len);
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> buf.position(buf.position() + 4);
                case 5, 6 -> {
                    buf.position(buf.position() + 8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> buf.position(buf.position() + 2);
                case 15 -> buf.position(buf.position() + 3);
                default -> throw new IOException("unknown constant tag " + tag);
            }
        }
        int poolEnd = buf.position();
        List<Integer> exitRefs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == 10) {
                int classIdx = u2(cls, offsets[i] + 1);
                int natIdx = u2(cls, offsets[i] + 3);
                String owner = utf8[u2(cls, offsets[classIdx] + 1)];
                String name = utf8[u2(cls, offsets[natIdx] + 1)];
                String desc = utf8[u2(cls, offsets[natIdx] + 3)];
                if ("java/lang/System".equals(owner) && "exit".equals(name) && "(I)V".equals(desc)) {
                    exitRefs.add(i);
                }
            }
        }
        if (exitRefs.isEmpty()) {
            return cls;
        }
        int utfIndex = count;
        int classIndex = count + 1;
        byte[] out = cls.clone();
        for (int ref : exitRefs) {
            out[offsets[ref] + 1] = (byte) (classIndex >> 8);
            out[offsets[ref] + 2] = (byte) classIndex;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(cls.length + 64);
        DataOutputStream data = new DataOutputStream(bytes);
        data.write(out, 0, 8);
        data.writeShort(count + 2);
        data.write(out, 10, poolEnd - 10);
        data.writeByte(1);
        data.writeUTF(TARGET);
        data.writeByte(7);
        data.writeShort(utfIndex);
        data.write(out, poolEnd, out.length - poolEnd);
        data.flush();
        return bytes.toByteArray();
    }

    private static int u2(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }
}
