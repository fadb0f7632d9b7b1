package io.gridlet.benchmarks.harness;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** The harness's charts, drawn headless with JFreeChart: latency percentiles, throughput by size. */
final class Charts {

    private Charts() {
    }

    static void write(List<Harness.Scenario> scenarios, Path directory) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset latency = new DefaultCategoryDataset();
        for (Harness.Scenario scenario : scenarios) {
            latency.addValue(scenario.p50Micros(), "p50", scenario.name());
            latency.addValue(scenario.p99Micros(), "p99", scenario.name());
            latency.addValue(scenario.p999Micros(), "p99.9", scenario.name());
        }
        JFreeChart latencyChart = ChartFactory.createBarChart("Latency per scenario (log scale)", "scenario",
                "microseconds", latency, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = latencyChart.getCategoryPlot();
        // Bars start at 1 us, the axis' floor, not at 0, which a logarithmic axis cannot show.
        ((BarRenderer) plot.getRenderer()).setBase(1);
        LogarithmicAxis log = new LogarithmicAxis("microseconds");
        log.setStrictValuesFlag(false);
        plot.setRangeAxis(log);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        style(latencyChart);
        ChartUtils.saveChartAsPNG(directory.resolve("latency.png").toFile(), latencyChart, 1400, 700);

        DefaultCategoryDataset throughput = new DefaultCategoryDataset();
        for (Harness.Scenario scenario : scenarios) {
            if (scenario.name().startsWith("rmw_")) {
                String[] parts = scenario.name().split("_");
                throughput.addValue(scenario.opsPerSec(), parts[2], parts[1]);
            }
        }
        JFreeChart throughputChart = ChartFactory.createBarChart(
                "Read-modify-write throughput by value size (one caller thread)", "value size", "operations per second",
                throughput, PlotOrientation.VERTICAL, true, false, false);
        style(throughputChart);
        ChartUtils.saveChartAsPNG(directory.resolve("throughput.png").toFile(), throughputChart, 1000, 600);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
}
