package io.jdask.distributed.worker.code;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of one client's shipped jars. Parent first: the worker's classes win, so objects
 * of jdask's and the JDK's types pass between the worker and the client's code unchanged; only
 * what the worker lacks comes from the client's jars.
 */
final class ClientClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    ClientClassLoader(String clientId, URL[] jars, ClassLoader parent) {
        super("jdask-client-" + clientId, jars, parent);
    }
}
