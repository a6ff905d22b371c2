package io.jdask.serialize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The block serializers an instance of {@link Serialization} knows, by wire id and by type. A value
 * is handled by the serializer of its exact class, else of its nearest superclass, else of the
 * first of its interfaces (breadth first) that has one.
 */
final class BlockRegistry {
    private final Map<String, BlockSerializer<?>> byId = new HashMap<>();
    private final Map<Class<?>, BlockSerializer<?>> byType = new HashMap<>();
    private final ClassValue<Optional<BlockSerializer<?>>> lookup = new ClassValue<>() {
        @Override
        protected Optional<BlockSerializer<?>> computeValue(Class<?> type) {
            return Optional.ofNullable(find(type));
        }
    };

    /**
     * @param builtIns core's own serializers
     * @param extra serializers given explicitly
     * @param loader where to look for {@code META-INF/services/io.jdask.serialize.BlockSerializer},
     *     or null to not look
     * @param reserved wire ids no block serializer may use
     * @throws SerializationException when a provider cannot be loaded or two serializers claim the
     *     same type or wire id
     */
    BlockRegistry(List<BlockSerializer<?>> builtIns, List<BlockSerializer<?>> extra, ClassLoader loader,
            Set<String> reserved) {
        for (BlockSerializer<?> s : builtIns) {
            add(s, reserved);
        }
        for (BlockSerializer<?> s : extra) {
            add(s, reserved);
        }
        if (loader != null) {
            Set<String> seen = new HashSet<>();
            try {
                for (BlockSerializer<?> s : ServiceLoader.load(BlockSerializer.class, loader)) {
                    if (seen.add(s.getClass().getName())) {
                        add(s, reserved);
                    }
                }
            } catch (ServiceConfigurationError e) {
                throw new SerializationException("cannot load a block serializer listed in META-INF/services/"
                        + BlockSerializer.class.getName() + ": " + e.getMessage(), e);
            }
        }
    }

    private void add(BlockSerializer<?> s, Set<String> reserved) {
        String name = s.getClass().getName();
        String id = s.typeId();
        Class<?> type = s.type();
        if (id == null || id.isBlank() || type == null) {
            throw new SerializationException("block serializer " + name + " must name a type and a non-empty type id");
        }
        if (id.length() > 200 || id.getBytes(StandardCharsets.UTF_8).length > FrameFormat.MAX_TYPE_ID_BYTES) {
            throw new SerializationException("type id of block serializer " + name + " is longer than 200 characters");
        }
        if (reserved.contains(id)) {
            throw new SerializationException("block serializer " + name + " uses the reserved type id '" + id + "'");
        }
        BlockSerializer<?> other = byId.putIfAbsent(id, s);
        if (other != null) {
            throw new SerializationException("block serializers " + other.getClass().getName() + " and " + name
                    + " both use the type id '" + id + "'");
        }
        other = byType.putIfAbsent(type, s);
        if (other != null) {
            throw new SerializationException("block serializers " + other.getClass().getName() + " and " + name
                    + " both handle " + type.getTypeName());
        }
    }

    /**
     * @param value a value, not null
     * @return the serializer for its class, or null when it has none
     */
    @SuppressWarnings("unchecked")
    BlockSerializer<Object> forValue(Object value) {
        return (BlockSerializer<Object>) lookup.get(value.getClass()).orElse(null);
    }

    /**
     * @param typeId a wire id
     * @return the serializer that writes it, or null
     */
    @SuppressWarnings("unchecked")
    BlockSerializer<Object> forId(String typeId) {
        return (BlockSerializer<Object>) byId.get(typeId);
    }

    /** @return the wire ids known, for messages */
    Set<String> ids() {
        return Collections.unmodifiableSet(byId.keySet());
    }

    private BlockSerializer<?> find(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            BlockSerializer<?> s = byType.get(c);
            if (s != null) {
                return s;
            }
        }
        Deque<Class<?>> queue = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            queue.addAll(List.of(c.getInterfaces()));
        }
        while (!queue.isEmpty()) {
            Class<?> i = queue.removeFirst();
            if (!seen.add(i)) {
                continue;
            }
            BlockSerializer<?> s = byType.get(i);
            if (s != null) {
                return s;
            }
            queue.addAll(List.of(i.getInterfaces()));
        }
        return null;
    }
}
