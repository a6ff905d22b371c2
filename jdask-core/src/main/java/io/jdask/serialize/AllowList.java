package io.jdask.serialize;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which classes the general fallback serializers may handle: those whose name matches one of a list
 * of prefixes. A prefix ending in {@code .} or {@code $} matches by prefix ({@code "com.acme."});
 * any other matches that package or class and everything nested in it ({@code "com.acme"} matches
 * {@code com.acme.X} and {@code com.acme$Y} but not {@code com.acmex.Z}); {@code "*"} matches
 * everything. Arrays are judged by their element class and lambdas by the class that defines
 * them; primitives are always allowed.
 */
final class AllowList {
    static final String CONFIG_KEY = "serialization.allowed-packages";
    private static final String LAMBDA_MARKER = "$$Lambda";
    private static final Set<String> PRIMITIVES =
            Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double", "void");

    private final Supplier<List<String>> base;
    private final List<String> extra;
    private final boolean fromConfig;

    /**
     * @param base the prefixes (read on each check, so a configuration change applies to classes
     *     not met before)
     * @param extra prefixes always added
     * @param fromConfig whether {@code base} reads {@link #CONFIG_KEY}, for the refusal message
     */
    AllowList(Supplier<List<String>> base, List<String> extra, boolean fromConfig) {
        this.base = base;
        this.extra = List.copyOf(extra);
        this.fromConfig = fromConfig;
    }

    /** @return the prefixes in force now */
    List<String> prefixes() {
        List<String> all = new ArrayList<>(base.get());
        all.addAll(extra);
        return all;
    }

    /**
     * @param className a binary class name, an array descriptor ({@code [Lcom.acme.X;}) or a lambda
     *     class name ({@code com.acme.App$$Lambda/0x...})
     * @throws ClassNotAllowedException when no prefix matches
     */
    void check(String className) {
        String subject = subject(className);
        if (subject.isEmpty() || PRIMITIVES.contains(subject)) {
            return;
        }
        List<String> prefixes = prefixes();
        for (String p : prefixes) {
            if (matches(p.strip(), subject)) {
                return;
            }
        }
        throw refusal(className, subject, prefixes);
    }

    /**
     * @param className a class name as the serializer reports it
     * @return the class the allow-list judges: the element class of an array, the defining class
     *     of a lambda; empty for a primitive array
     */
    static String subject(String className) {
        String n = className;
        if (n.startsWith("[")) {
            int dims = 0;
            while (dims < n.length() && n.charAt(dims) == '[') {
                dims++;
            }
            n = n.substring(dims);
            if (n.startsWith("L") && n.endsWith(";")) {
                n = n.substring(1, n.length() - 1);
            } else if (n.length() == 1) {
                return "";
            }
        }
        int lambda = n.indexOf(LAMBDA_MARKER);
        return lambda > 0 ? n.substring(0, lambda) : n;
    }

    static boolean matches(String prefix, String name) {
        if (prefix.isEmpty()) {
            return false;
        }
        if (prefix.equals("*")) {
            return true;
        }
        if (prefix.endsWith(".") || prefix.endsWith("$")) {
            return name.startsWith(prefix);
        }
        return name.equals(prefix) || name.startsWith(prefix + ".") || name.startsWith(prefix + "$");
    }

    private ClassNotAllowedException refusal(String className, String subject, List<String> prefixes) {
        int dot = subject.lastIndexOf('.');
        String suggestion = dot > 0 ? subject.substring(0, dot + 1) : subject;
        String what = className.contains(LAMBDA_MARKER)
                ? "a lambda defined in class " + subject
                : subject.equals(className) ? "class " + subject : "class " + subject + " (in " + className + ")";
        StringBuilder how = new StringBuilder();
        if (fromConfig) {
            List<String> extended = new ArrayList<>(base.get());
            extended.add(suggestion);
            how.append("add its package to the configuration key ").append(CONFIG_KEY)
                    .append(" (for example JDASK_SERIALIZATION__ALLOWED_PACKAGES=\"")
                    .append(extended.toString()).append("\") or ");
        }
        how.append("use Serialization.builder().allowPackages(\"").append(suggestion).append("\")");
        return new ClassNotAllowedException(subject, what + " is not in the serialization allow-list " + prefixes
                + ", so jdask refuses to serialize or deserialize it (a lambda counts as the class that defines it);"
                + " if you trust it, " + how);
    }
}
