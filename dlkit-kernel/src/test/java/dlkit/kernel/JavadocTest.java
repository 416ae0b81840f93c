package dlkit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dlkit.kernel.exec.JavaRepl;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

class JavadocTest {

    // Math.max(int, int) as JShell's documentation() returns it from the JDK's src.zip.
    private static final String MAX = """
             Returns the greater of two {@code int} values. That is, the
             result is the argument closer to the value of
             {@link Integer#MAX_VALUE}. If the arguments have the same value,
             the result is that same value.

             @param   a   an argument.
             @param   b   another argument.
             @return  the larger of {@code a} and {@code b}.
            """;

    @Test
    void plainTextHasNoJavadocMarkup() {
        assertEquals("""
                Returns the greater of two int values. That is, the result is the argument closer to the value \
                of Integer.MAX_VALUE. If the arguments have the same value, the result is that same value.
                Parameters:
                  a – an argument.
                  b – another argument.
                Returns:
                  the larger of a and b.""", Javadoc.parse(MAX).text());
    }

    @Test
    void htmlHasCodeAndADefinitionListOfTheBlockTags() {
        String html = Javadoc.parse(MAX).html();
        assertTrue(html.contains("greater of two <code>int</code> values"), html);
        assertTrue(html.contains("<code>Integer.MAX_VALUE</code>"), html);
        assertTrue(
                html.contains("<dt><b>Parameters:</b></dt><dd><code>a</code> – an argument.</dd>"
                        + "<dd><code>b</code> – another argument.</dd>"),
                html);
        assertTrue(
                html.contains("<dt><b>Returns:</b></dt><dd>the larger of <code>a</code> and <code>b</code>.</dd>"),
                html);
        assertFalse(html.contains("{@"), html);
    }

    @Test
    void paragraphsLinkLabelsThrowsAndEscapedCode() {
        Javadoc doc = Javadoc.parse("First.<p>Second with {@linkplain java.util.List the list} and "
                + "{@code Map<K, V>}.\n@throws IllegalArgumentException if bad\n@since 1.5\n@author nobody");
        assertEquals(
                "First.\nSecond with the list and Map<K, V>.\nThrows:\n  IllegalArgumentException – if bad\n"
                        + "Since:\n  1.5",
                doc.text());
        assertTrue(doc.html().contains("<code>Map&lt;K, V&gt;</code>"), doc.html());
        assertFalse(doc.text().contains("nobody"));
    }

    @Test
    void mathMaxFromTheJdkSourcesThroughJShell() throws Exception {
        assumeTrue(Files.isReadable(JdkSources.srcZip()), "the JDK's lib/src.zip is not installed");
        JavaRepl repl = new JavaRepl(List.of());
        try {
            String code = "Math.max(";
            List<SourceCodeAnalysis.Documentation> docs = repl.analysis().documentation(code, code.length(), true);
            Map<String, Object> data = Completion.render(docs);
            String text = (String) data.get("text/plain");
            assertTrue(text.startsWith("int Math.max(int a, int b)\nReturns the greater of two int values."), text);
            assertTrue(text.contains("double Math.max(double a, double b)"), text);
            assertFalse(text.contains("{@") || text.contains("@param") || text.contains("No Javadoc"), text);
        } finally {
            repl.close();
        }
    }
}
