package dlkit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.kernel.magic.CellParser;
import dlkit.kernel.magic.MagicException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellParserTest {

    @Test
    void plainJavaIsOneCodePart() throws Exception {
        List<CellParser.Part> parts = CellParser.parse("int x = 1;\nx + 1");
        assertEquals(List.of(new CellParser.Code("int x = 1;\nx + 1")), parts);
    }

    @Test
    void lineMagicsSplitCodeAndKeepLineNumbers() throws Exception {
        List<CellParser.Part> parts = CellParser.parse("int a = 1;\n%maven g:a:1.0\nint b = 2;");
        assertEquals(3, parts.size());
        assertEquals(new CellParser.LineCall("maven", "g:a:1.0"), parts.get(1));
        // the code after the magic starts on line 3, so compile errors report line 3
        assertEquals("\n\nint b = 2;", ((CellParser.Code) parts.get(2)).source());
    }

    @Test
    void cellMagicTakesTheWholeBody() throws Exception {
        List<CellParser.Part> parts = CellParser.parse("%%time arg\nint x = 3;\nx");
        CellParser.CellCall call = assertInstanceOf(CellParser.CellCall.class, parts.get(0));
        assertEquals("time", call.name());
        assertEquals("arg", call.args());
        assertEquals("\nint x = 3;\nx", call.body());
    }

    @Test
    void cellMagicAfterTheFirstLineIsAnError() {
        MagicException e = assertThrows(MagicException.class, () -> CellParser.parse("int x;\n%%html\n<b>"));
        assertTrue(e.getMessage().contains("must be the first line"), e.getMessage());
    }

    @Test
    void malformedMagicNamesTheProblem() {
        MagicException e = assertThrows(MagicException.class, () -> CellParser.parse("% 12"));
        assertTrue(e.getMessage().startsWith("malformed magic"), e.getMessage());
    }

    @Test
    void argumentsSplitShellStyle() {
        assertEquals(List.of("a b", "c", ""), CellParser.args("\"a b\" c ''"));
    }
}
