package com.example.app;

import java.io.Serializable;

/** An application class outside jdask's default allow-list. */
public record Order(String id, int quantity) implements Serializable {}
