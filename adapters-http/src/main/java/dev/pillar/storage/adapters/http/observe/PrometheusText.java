package dev.pillar.storage.adapters.http.observe;

import dev.pillar.storage.application.metrics.Metrics;

import java.util.List;
import java.util.Locale;

/** Writes the metrics in the Prometheus text exposition format 0.0.4 (HELP, TYPE, cumulative buckets, +Inf). */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    static String render(List<Metrics.Family> families) {
        StringBuilder out = new StringBuilder(4096);
        for (Metrics.Family family : families) {
            out.append("# HELP ").append(family.name()).append(' ').append(escapeHelp(family.help())).append('\n');
            out.append("# TYPE ").append(family.name()).append(' ')
                    .append(family.type().name().toLowerCase(Locale.ROOT)).append('\n');
            for (Metrics.Series series : family.series()) {
                if (family.type() == Metrics.Type.HISTOGRAM) {
                    histogram(out, family, series);
                } else {
                    sample(out, family.name(), labels(family.labelNames(), series.labelValues(), null, null),
                            series.value());
                }
            }
        }
        return out.toString();
    }

    private static void histogram(StringBuilder out, Metrics.Family family, Metrics.Series series) {
        Metrics.HistogramSnapshot histogram = series.histogram();
        double[] bounds = histogram.bounds();
        for (int i = 0; i <= bounds.length; i++) {
            String le = i < bounds.length ? number(bounds[i]) : "+Inf";
            sample(out, family.name() + "_bucket", labels(family.labelNames(), series.labelValues(), "le", le),
                    histogram.cumulative()[i]);
        }
        String labels = labels(family.labelNames(), series.labelValues(), null, null);
        sample(out, family.name() + "_sum", labels, histogram.sum());
        sample(out, family.name() + "_count", labels, histogram.count());
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name).append(labels).append(' ').append(number(value)).append('\n');
    }

    private static String labels(List<String> names, List<String> values, String extraName, String extraValue) {
        if (names.isEmpty() && extraName == null) {
            return "";
        }
        StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            labels.append(i == 0 ? "" : ",").append(names.get(i)).append("=\"").append(escapeValue(values.get(i)))
                    .append('"');
        }
        if (extraName != null) {
            labels.append(names.isEmpty() ? "" : ",").append(extraName).append("=\"").append(extraValue).append('"');
        }
        return labels.append('}').toString();
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String escapeValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
