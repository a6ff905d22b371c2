package io.jdask.bag;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/** Item access for {@code pluck} and pair-wise maps: map keys, list and array indices, record components. */
final class Items {
    private Items() {}

    /**
     * @param container a map, list, array, map entry or record
     * @param key a map key; an Integer index for lists, arrays, map entries (0 key, 1 value) and
     *     records (component order); a component name for records
     * @return the item
     */
    static Object get(Object container, Object key) {
        if (container instanceof Map<?, ?> m) {
            if (!m.containsKey(key)) {
                throw new IllegalArgumentException("no key " + key + " in " + abbreviate(container));
            }
            return m.get(key);
        }
        if (container instanceof Map.Entry<?, ?> e && key instanceof Integer i) {
            return switch (i) {
                case 0 -> e.getKey();
                case 1 -> e.getValue();
                default -> throw new IndexOutOfBoundsException("a map entry has items 0 and 1, not " + i);
            };
        }
        if (container instanceof List<?> l && key instanceof Integer i) {
            return l.get(i);
        }
        if (container != null && container.getClass().isArray() && key instanceof Integer i) {
            return Array.get(container, i);
        }
        if (container instanceof Record r) {
            return component(r, key);
        }
        throw new IllegalArgumentException("cannot take item " + key + " of " + abbreviate(container));
    }

    private static Object component(Record r, Object key) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        RecordComponent c = null;
        if (key instanceof Integer i) {
            c = components[i];
        } else {
            for (RecordComponent rc : components) {
                if (rc.getName().equals(key)) {
                    c = rc;
                }
            }
        }
        if (c == null) {
            throw new IllegalArgumentException("record " + r.getClass().getSimpleName() + " has no component " + key);
        }
        try {
            java.lang.reflect.Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read component " + c.getName() + " of " + r.getClass().getName(), e);
        }
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
