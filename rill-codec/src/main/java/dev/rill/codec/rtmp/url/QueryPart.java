package dev.rill.codec.rtmp.url;

/**
 * An app or stream name split at its query, following SRS 3's {@code srs_vhost_resolve}: the param
 * is everything from the first '?', and the vhost is looked up after normalising SRS's separators
 * ({@code ,} {@code ...} {@code &&} {@code &} {@code =}) to '?'. The name ends at the first
 * separator, so {@code live...vhost...x} is app {@code live}.
 */
record QueryPart(String name, String param, String vhost) {
    private static final String[] SEPARATORS = {",", "...", "&&", "&", "="};

    static QueryPart split(String part) {
        int question = part.indexOf('?');
        String param = question < 0 ? "" : part.substring(question);
        String normalised = part;
        for (String separator : SEPARATORS) {
            normalised = normalised.replace(separator, "?");
        }
        int cut = normalised.indexOf('?');
        if (cut < 0) {
            return new QueryPart(normalised, param, "");
        }
        return new QueryPart(normalised.substring(0, cut), param, vhostIn(normalised.substring(cut + 1)));
    }

    /** This part's vhost when it names one, else {@code fallback}. */
    String vhostOr(String fallback) {
        return vhost.isEmpty() ? fallback : vhost;
    }

    /** The item after the first {@code vhost} key among the '?'-separated items, or "". */
    private static String vhostIn(String query) {
        String[] items = query.split("\\?", -1);
        for (int i = 0; i + 1 < items.length; i++) {
            if (items[i].equals("vhost")) {
                return items[i + 1];
            }
        }
        return "";
    }
}
