package io.jdask.distributed.comm;

import java.net.InetSocketAddress;

/** Parses and formats addresses of the form {@code tcp://host:port} (or {@code tls://host:port}). */
public final class Addresses {
    private Addresses() {}

    /**
     * @param address {@code tcp://host:port}, {@code tls://host:port} or {@code host:port}
     * @return the socket address (unresolved)
     * @throws IllegalArgumentException naming the address when it is not of that form
     */
    public static InetSocketAddress parse(String address) {
        String a = address.strip();
        int scheme = a.indexOf("://");
        if (scheme >= 0) {
            String s = a.substring(0, scheme);
            if (!s.equals("tcp") && !s.equals("tls")) {
                throw new IllegalArgumentException("unknown scheme '" + s + "' in address '" + address + "': use tcp://host:port");
            }
            a = a.substring(scheme + 3);
        }
        int colon = a.lastIndexOf(':');
        if (colon <= 0 || colon == a.length() - 1) {
            throw new IllegalArgumentException("address '" + address + "' has no port: use tcp://host:port");
        }
        String host = a.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(a.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address '" + address + "' has a bad port '" + a.substring(colon + 1) + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("address '" + address + "' has a port out of range: " + port);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * @param host a host name or IP
     * @param port the port
     * @param tls whether the address uses TLS
     * @return {@code tcp://host:port} (or {@code tls://...})
     */
    public static String format(String host, int port, boolean tls) {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return (tls ? "tls://" : "tcp://") + h + ":" + port;
    }
}
