package io.jdask.dashboard;

/**
 * Where the dashboard listens.
 *
 * @param host the interface, empty for all
 * @param port the port, 0 for any free one
 */
record BindAddress(String host, int port) {
    /**
     * @param text {@code host:port}, {@code :port} or {@code port}
     * @return the address
     * @throws IllegalArgumentException naming the text when it is not one of those
     */
    static BindAddress parse(String text) {
        String t = text.trim();
        if (t.startsWith("http://")) {
            t = t.substring("http://".length());
        }
        int colon = t.lastIndexOf(':');
        String host = colon < 0 ? "" : t.substring(0, colon);
        String port = colon < 0 ? t : t.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException("out of range");
            }
            return new BindAddress(host.equals("0.0.0.0") ? "" : host, p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dashboard address '" + text + "': expected host:port, :port or port (0-65535)", e);
        }
    }
}
