package dlkit.kernel.magic;

import java.util.Locale;

/** {@code %time stmt} and {@code %%time}: run the code and print its wall-clock time. */
final class TimeMagics {

    private TimeMagics() {}

    static Object timeLine(String args, MagicContext ctx) throws Exception {
        if (args.isBlank()) {
            throw new MagicException("%time needs code to time, e.g. %time net.fit(data)");
        }
        return timed(args, ctx);
    }

    static Object timeCell(String args, String body, MagicContext ctx) throws Exception {
        return timed(body, ctx);
    }

    private static Object timed(String code, MagicContext ctx) throws Exception {
        long wall = System.nanoTime();
        try {
            return ctx.evalJava(code);
        } finally {
            double wallMs = (System.nanoTime() - wall) / 1e6;
            System.out.println(String.format(Locale.ROOT, "Wall time: %s", format(wallMs)));
        }
    }

    static String format(double ms) {
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }
}
