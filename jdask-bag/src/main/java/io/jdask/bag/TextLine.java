package io.jdask.bag;

import java.io.Serializable;

/**
 * A line of text with the file it was read from, from {@link TextInput#readWithPath()}.
 *
 * @param line the line, without its line terminator
 * @param path the file's absolute path
 */
public record TextLine(String line, String path) implements Serializable {}
