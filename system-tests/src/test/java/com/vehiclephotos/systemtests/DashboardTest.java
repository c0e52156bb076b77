package com.vehiclephotos.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana/vehicle-photos.json shows exactly the metrics docs/OPERATIONS.md names: every metric of
 * its table has a panel, and no panel asks for a metric the manual does not name (a renamed metric
 * fails here, not on an operator's screen).
 */
class DashboardTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern EXPR = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern LABELS = Pattern.compile("\\{[^}]*}|\\bby \\([^)]*\\)|\\[[^]]*]");
    private static final Pattern NAME = Pattern.compile("\\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\\b(?!\\s*\\()");
    private static final Pattern TABLE_METRIC = Pattern.compile("`([a-z][a-z0-9_]*)(?:\\{[^}`]*})?`");

    @Test
    void theDashboardShowsTheMetricsTheOperationsManualNames() throws IOException {
        var manual = Files.readString(ROOT.resolve("docs/OPERATIONS.md"));
        var dashboard = Files.readString(ROOT.resolve("docs/grafana/vehicle-photos.json"));
        var charted = charted(dashboard);

        assertThat(charted).as("metrics the dashboard asks for").isNotEmpty();
        assertThat(charted.stream().filter(metric -> !manual.contains(metric)).toList())
                .as("metrics on the dashboard that docs/OPERATIONS.md does not name")
                .isEmpty();
        assertThat(metricsTable(manual).stream()
                        .filter(metric -> !charted.contains(metric))
                        .toList())
                .as("metrics of docs/OPERATIONS.md's table without a panel")
                .isEmpty();
    }

    /** Metric names in the panels' PromQL, without label matchers, ranges, grouping or the histogram suffixes. */
    private static Set<String> charted(String dashboard) {
        var names = new LinkedHashSet<String>();
        var exprs = EXPR.matcher(dashboard);
        while (exprs.find()) {
            var expr = LABELS.matcher(exprs.group(1).replace("\\\"", "\"")).replaceAll("");
            var matcher = NAME.matcher(expr);
            while (matcher.find()) {
                names.add(matcher.group(1).replaceAll("_(bucket|sum|count|max)$", ""));
            }
        }
        return names;
    }

    /** The first column of the manual's metrics table. */
    private static Set<String> metricsTable(String manual) {
        var table = manual.substring(manual.indexOf("## Metrics"), manual.indexOf("## Alerts"));
        var names = new LinkedHashSet<String>();
        for (var line : table.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            var matcher = TABLE_METRIC.matcher(line.split("\\|")[1]);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
