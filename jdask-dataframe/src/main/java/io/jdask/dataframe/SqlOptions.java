package io.jdask.dataframe;

import io.jdask.tokenize.TokenSink;
import io.jdask.tokenize.Tokenizable;
import java.io.Serializable;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Connection settings for the SQL readers and writers: driver properties (credentials such as
 * {@code user} and {@code password}, or anything else the JDBC driver accepts) and the fetch size
 * of partition queries. Credentials may equally be written into the JDBC URL.
 *
 * @param properties driver properties, passed to {@link java.sql.DriverManager#getConnection(String, Properties)}
 * @param fetchSize rows fetched per round trip when reading (PostgreSQL streams only with a fetch size)
 */
public record SqlOptions(Map<String, String> properties, int fetchSize) implements Serializable, Tokenizable {

    /** The fetch size used unless another is given. */
    public static final int DEFAULT_FETCH_SIZE = 10_000;

    public SqlOptions {
        properties = Map.copyOf(properties);
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetchSize must be positive, got " + fetchSize);
        }
    }

    /** @return no properties and the default fetch size */
    public static SqlOptions defaults() {
        return new SqlOptions(Map.of(), DEFAULT_FETCH_SIZE);
    }

    /** @return options carrying these driver properties (copied) and the default fetch size */
    public static SqlOptions of(Properties properties) {
        Map<String, String> m = new TreeMap<>();
        for (String k : properties.stringPropertyNames()) {
            m.put(k, properties.getProperty(k));
        }
        return new SqlOptions(m, DEFAULT_FETCH_SIZE);
    }

    /** @return these options with a {@code user} and {@code password} property */
    public SqlOptions withCredentials(String user, String password) {
        return withProperty("user", user).withProperty("password", password);
    }

    /** @return these options with one more driver property (replacing one of the same key) */
    public SqlOptions withProperty(String key, String value) {
        Map<String, String> m = new TreeMap<>(properties);
        m.put(key, value);
        return new SqlOptions(m, fetchSize);
    }

    /** @return these options with another fetch size */
    public SqlOptions withFetchSize(int rows) {
        return new SqlOptions(properties, rows);
    }

    /** @return the properties as a {@link Properties} object for the driver */
    public Properties toProperties() {
        Properties p = new Properties();
        p.putAll(properties);
        return p;
    }

    @Override
    public void tokenize(TokenSink sink) {
        sink.putString("sql-options").putLong(fetchSize);
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            sink.putString(e.getKey()).putString(e.getValue());
        }
    }

    /** Never prints property values: they may hold a password. */
    @Override
    public String toString() {
        return "SqlOptions[properties=" + new TreeMap<>(properties).keySet() + ", fetchSize=" + fetchSize + "]";
    }
}
