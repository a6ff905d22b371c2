package io.jdask.bag;

import io.jdask.Delayed;
import io.jdask.dataframe.Column;
import io.jdask.dataframe.DType;
import io.jdask.dataframe.DataFrame;
import io.jdask.dataframe.Frame;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.Tokens;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a partition of records or {@code Map<String, ?>}s into a {@link Frame}: one column per
 * record component or map key, typed by a schema that is either given or inferred from sample
 * elements. Values are converted to the column's type where that loses nothing a user would
 * miss (any Number to a numeric column, an enum or CharSequence to a string); anything else is an
 * error naming the element and the field.
 */
final class FrameRows {
    private FrameRows() {}

    /**
     * Infers a schema: a record's components in declaration order, or a map's keys in the order
     * they are first seen, typed by the first non-null value of each (f64 when all are null).
     *
     * @param sample elements of one partition (records of one class, or maps)
     * @return column names and dtypes
     * @throws IllegalArgumentException when the elements are neither, or a type has no column dtype
     */
    static LinkedHashMap<String, DType> inferSchema(List<?> sample) {
        LinkedHashMap<String, DType> schema = new LinkedHashMap<>();
        Object first = sample.stream().filter(x -> x != null).findFirst().orElseThrow(
                () -> new IllegalArgumentException("cannot infer a schema from an empty bag: give one to toDataFrame"));
        if (first instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                schema.put(c.getName(), dtypeOf(c.getType(), c.getName()));
            }
            return schema;
        }
        if (!(first instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("toDataFrame needs records or Map<String, ?> elements, not "
                    + first.getClass().getName() + ": map the bag to one of them first");
        }
        LinkedHashMap<String, Class<?>> seen = new LinkedHashMap<>();
        for (Object o : sample) {
            if (o instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    if (seen.get(key) == null) {
                        seen.put(key, e.getValue() == null ? null : e.getValue().getClass());
                    }
                }
            }
        }
        for (Map.Entry<String, Class<?>> e : seen.entrySet()) {
            schema.put(e.getKey(), e.getValue() == null ? DType.F64 : dtypeOf(e.getValue(), e.getKey()));
        }
        return schema;
    }

    /** @return the dtype that holds values of a Java type */
    static DType dtypeOf(Class<?> type, String field) {
        if (type == double.class || type == Double.class || type == java.math.BigDecimal.class) {
            return DType.F64;
        }
        if (type == float.class || type == Float.class) {
            return DType.F32;
        }
        if (type == long.class || type == Long.class || type == java.math.BigInteger.class) {
            return DType.I64;
        }
        if (type == int.class || type == Integer.class || type == short.class || type == Short.class
                || type == byte.class || type == Byte.class) {
            return DType.I32;
        }
        if (type == boolean.class || type == Boolean.class) {
            return DType.BOOL;
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum() || type == char.class || type == Character.class) {
            return DType.STRING;
        }
        if (type == Instant.class || type == LocalDateTime.class) {
            return DType.TIMESTAMP;
        }
        if (type == LocalDate.class) {
            return DType.DATE;
        }
        throw new IllegalArgumentException("field '" + field + "' is a " + type.getName()
                + ", which has no column type (numbers, booleans, strings, enums, Instant, LocalDateTime and LocalDate do)");
    }

    /** @return the bag as a DataFrame: one task per partition turning its elements into a Frame */
    static DataFrame toDataFrame(Bag<?> bag, Map<String, DType> schema) {
        LinkedHashMap<String, DType> s = new LinkedHashMap<>(schema);
        String n = "to-dataframe-" + Tokens.token(bag.name(), new ArrayList<>(s.keySet()), new ArrayList<>(s.values()));
        List<Node> nodes = new ArrayList<>(bag.npartitions());
        for (int i = 0; i < bag.npartitions(); i++) {
            nodes.add(new Task(Key.of(n, i), new ToFrame(s, i), Arg.ref(bag.partitionKey(i))));
        }
        Graph g = Graph.of(nodes, List.of(bag.graph()));
        List<Delayed<Frame>> parts = new ArrayList<>(bag.npartitions());
        for (int i = 0; i < bag.npartitions(); i++) {
            parts.add(Delayed.of(Key.of(n, i), g));
        }
        return DataFrame.fromDelayed(parts, toFrame(List.of(), s, 0));
    }

    /** The task turning one partition into a Frame. */
    record ToFrame(LinkedHashMap<String, DType> schema, int partition) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return toFrame(Elementwise.part(args[0]), schema, partition);
        }
    }

    /**
     * @param rows the partition's elements
     * @param schema the columns to build
     * @param partition the partition's number, for errors
     * @return the frame
     * @throws IllegalArgumentException naming the element and field whose value does not fit
     */
    static Frame toFrame(List<?> rows, Map<String, DType> schema, int partition) {
        int n = rows.size();
        List<String> names = new ArrayList<>(schema.keySet());
        Object[][] cells = new Object[names.size()][n];
        Map<Class<?>, Method[]> accessors = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Object row = rows.get(i);
            if (row instanceof Map<?, ?> m) {
                for (int c = 0; c < names.size(); c++) {
                    cells[c][i] = m.get(names.get(c));
                }
            } else if (row instanceof Record r) {
                Method[] get = accessors.computeIfAbsent(r.getClass(), k -> recordAccessors(k, names, partition));
                for (int c = 0; c < names.size(); c++) {
                    cells[c][i] = invoke(get[c], r);
                }
            } else if (row != null) {
                throw new IllegalArgumentException("element " + i + " of partition " + partition + " is a "
                        + row.getClass().getName() + ", not a record or a Map");
            }
        }
        Frame.Builder b = Frame.builder();
        for (int c = 0; c < names.size(); c++) {
            b.column(names.get(c), column(cells[c], schema.get(names.get(c)), names.get(c), partition));
        }
        return b.build();
    }

    private static Method[] recordAccessors(Class<?> type, List<String> names, int partition) {
        Map<String, Method> byName = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Method m = c.getAccessor();
            m.setAccessible(true);
            byName.put(c.getName(), m);
        }
        Method[] out = new Method[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = byName.get(names.get(i));
            if (out[i] == null) {
                throw new IllegalArgumentException("partition " + partition + ": record " + type.getName()
                        + " has no component '" + names.get(i) + "' (it has " + byName.keySet() + ")");
            }
        }
        return out;
    }

    private static Object invoke(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("record accessor " + m + " failed", e.getCause());
        }
    }

    private static IllegalArgumentException misfit(Object v, DType type, String name, int row, int partition) {
        return new IllegalArgumentException("element " + row + " of partition " + partition + ": field '" + name + "' is "
                + v.getClass().getSimpleName() + " '" + v + "', which does not fit a " + type.label() + " column");
    }

    private static Column column(Object[] v, DType type, String name, int partition) {
        int n = v.length;
        boolean[] valid = new boolean[n];
        switch (type) {
            case F64, F32, F16 -> {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    if (v[i] == null) {
                        d[i] = Double.NaN;
                    } else if (v[i] instanceof Number x) {
                        d[i] = x.doubleValue();
                    } else {
                        throw misfit(v[i], type, name, i, partition);
                    }
                }
                Column col = Column.ofDoubles(d);
                return type == DType.F64 ? col : col.astype(type);
            }
            case I64, I32 -> {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) {
                    if (v[i] instanceof Long || v[i] instanceof Integer || v[i] instanceof Short || v[i] instanceof Byte
                            || v[i] instanceof java.math.BigInteger) {
                        l[i] = v[i] instanceof java.math.BigInteger b ? b.longValueExact() : ((Number) v[i]).longValue();
                        valid[i] = true;
                    } else if (v[i] != null) {
                        throw misfit(v[i], type, name, i, partition);
                    }
                }
                Column col = Column.ofLongs(l, valid);
                return type == DType.I64 ? col : col.astype(DType.I32);
            }
            case BOOL -> {
                boolean[] b = new boolean[n];
                for (int i = 0; i < n; i++) {
                    if (v[i] instanceof Boolean x) {
                        b[i] = x;
                        valid[i] = true;
                    } else if (v[i] != null) {
                        throw misfit(v[i], type, name, i, partition);
                    }
                }
                return Column.ofBooleans(b, valid);
            }
            case STRING, CATEGORY -> {
                String[] s = new String[n];
                for (int i = 0; i < n; i++) {
                    if (v[i] instanceof CharSequence || v[i] instanceof Enum<?> || v[i] instanceof Character) {
                        s[i] = v[i] instanceof Enum<?> e ? e.name() : v[i].toString();
                    } else if (v[i] != null) {
                        throw misfit(v[i], type, name, i, partition);
                    }
                }
                Column col = Column.ofStrings(s);
                return type == DType.STRING ? col : col.astype(DType.CATEGORY);
            }
            case TIMESTAMP -> {
                Instant[] t = new Instant[n];
                for (int i = 0; i < n; i++) {
                    if (v[i] instanceof Instant x) {
                        t[i] = x;
                    } else if (v[i] instanceof LocalDateTime x) {
                        t[i] = x.toInstant(ZoneOffset.UTC);
                    } else if (v[i] != null) {
                        throw misfit(v[i], type, name, i, partition);
                    }
                }
                return Column.ofInstants(t);
            }
            case DATE -> {
                LocalDate[] d = new LocalDate[n];
                for (int i = 0; i < n; i++) {
                    if (v[i] instanceof LocalDate x) {
                        d[i] = x;
                    } else if (v[i] != null) {
                        throw misfit(v[i], type, name, i, partition);
                    }
                }
                return Column.ofDates(d);
            }
        }
        throw new IllegalArgumentException("no column of type " + type);
    }
}
