package io.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the {@code etc/*.config} files before the framework reads them, so a typo is reported as
 * "file, line, key: problem" rather than as a stack trace from deep inside FileInstall. The format is
 * Felix's typed configuration format: {@code key=value}, where a value is a quoted string with an
 * optional type letter, or an array {@code [..]} / collection {@code (..)} of those.
 */
final class ConfigFiles {

    private static final Pattern LINE = Pattern.compile("^\\s*([A-Za-z0-9_.\\-]+)\\s*[=:]\\s*(.*?)\\s*$");
    private static final Pattern SCALAR = Pattern.compile("^([TIiLlFfDdXxSsCcBbZz])?\"((?:[^\"\\\\]|\\\\.)*)\"$");

    private ConfigFiles() {
    }

    /** The problems found, one line each; empty when every file is well-formed. */
    static List<String> check(Path etc) throws IOException {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(etc)) {
            return problems;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(etc)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".config")).sorted().toList();
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.trim().startsWith("#")) {
                    continue;
                }
                String where = etc.getFileName().resolve(file.getFileName()) + " line " + (i + 1);
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    problems.add(where + ": expected key=value but found '" + line.trim() + "'");
                    continue;
                }
                String problem = value(m.group(2));
                if (problem != null) {
                    problems.add(where + ", key '" + m.group(1) + "': " + problem);
                }
            }
        }
        return problems;
    }

    static String value(String value) {
        if (value.isEmpty()) {
            return "has no value (write key=\"\" for an empty string)";
        }
        int open = value.indexOf('[') >= 0 && value.indexOf('[') <= 1 ? value.indexOf('[')
                : value.indexOf('(') >= 0 && value.indexOf('(') <= 1 ? value.indexOf('(') : -1;
        if (open >= 0) {
            char close = value.charAt(open) == '[' ? ']' : ')';
            if (value.charAt(value.length() - 1) != close) {
                return "the list " + value + " is not closed with " + close;
            }
            String type = value.substring(0, open);
            String body = value.substring(open + 1, value.length() - 1).trim();
            if (body.isEmpty()) {
                return null;
            }
            for (String element : body.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                String problem = scalar(type + element.trim());
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        return scalar(value);
    }

    private static String scalar(String value) {
        Matcher m = SCALAR.matcher(value);
        if (!m.matches()) {
            return "the value " + value + " is not a quoted string with an optional type letter, e.g. \"text\" or I\"42\"";
        }
        String type = m.group(1) == null ? "T" : m.group(1).toUpperCase();
        String text = m.group(2);
        try {
            switch (type) {
                case "I" -> Integer.parseInt(text);
                case "L" -> Long.parseLong(text);
                case "S" -> Short.parseShort(text);
                case "X" -> Byte.parseByte(text);
                case "F" -> Float.parseFloat(text);
                case "D" -> Double.parseDouble(text);
                case "Z" -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        return "the value " + value + " is not a boolean (true or false)";
                    }
                }
                case "C" -> {
                    if (text.length() != 1) {
                        return "the value " + value + " is not one character";
                    }
                }
                default -> {
                    // a string: anything goes
                }
            }
        } catch (NumberFormatException e) {
            return "the value " + value + " is not a number of type " + type;
        }
        return null;
    }
}
