package com.vehiclephotos.systemtests.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name=value} arguments with defaults. */
record Options(Map<String, String> values) {

    static Options parse(String[] args) {
        var values = new HashMap<String, String>();
        for (var arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Arguments look like --name=value, got: " + arg);
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return new Options(values);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
