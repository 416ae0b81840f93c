package dlkit.kernel.magic;

import dlkit.display.Html;
import dlkit.display.Latex;
import dlkit.display.Markdown;

/** {@code %%html}, {@code %%markdown}, {@code %%latex}: the cell body shown as that type. */
final class DisplayMagics {

    private DisplayMagics() {}

    static Object html(String args, String body, MagicContext ctx) {
        ctx.display(new Html(body.strip()));
        return null;
    }

    static Object markdown(String args, String body, MagicContext ctx) {
        ctx.display(new Markdown(body.strip()));
        return null;
    }

    static Object latex(String args, String body, MagicContext ctx) {
        ctx.display(new Latex(body.strip()));
        return null;
    }
}
