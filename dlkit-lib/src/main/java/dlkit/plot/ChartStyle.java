package dlkit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The one look of every DLKit chart, close to matplotlib's defaults: its colour cycle (tab10), white plot area
 * with a thin dark frame and faint grid lines, and font sizes that stay readable when a figure is shown at its
 * display size.
 */
public final class ChartStyle {

    /** matplotlib's default colour cycle, tab10. */
    public static final Color[] TAB10 = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
    static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ChartStyle() {}

    /** Applies the style to any XChart chart's styler (colours, fonts, frame). Returns the styler. */
    static <S extends Styler> S apply(S styler) {
        styler.setChartBackgroundColor(Color.WHITE)
                .setChartFontColor(Color.BLACK)
                .setSeriesColors(TAB10)
                .setChartTitleFont(TITLE_FONT)
                .setChartTitleBoxVisible(false)
                .setLegendFont(LEGEND_FONT)
                .setLegendBorderColor(new Color(0xcccccc))
                .setLegendBackgroundColor(new Color(255, 255, 255, 230))
                .setPlotBackgroundColor(Color.WHITE)
                .setPlotBorderColor(new Color(0x333333))
                .setPlotBorderVisible(true);
        if (styler instanceof AxesChartStyler a) {
            a.setAxisTitleFont(AXIS_TITLE_FONT)
                    .setAxisTickLabelsFont(TICK_FONT)
                    .setAxisTickLabelsColor(Color.BLACK)
                    .setAxisTickMarksColor(new Color(0x333333))
                    .setAxisTicksLineVisible(false)
                    .setPlotGridLinesColor(new Color(0xe6e6e6))
                    .setPlotGridLinesStroke(new BasicStroke(0.8f));
        }
        return styler;
    }
}
