package streamjobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Confines every file location a SQL job's text names to the job's project object space (the folder
 * {@code <object root>/projects/<project>} StreamJobs passes as {@code --object-space}). A tenant's
 * SQL could otherwise point a connector or catalog ({@code 'connector' = 'filesystem', 'path' = …}) or a
 * {@code SET} configuration key at any file the JobManager or TaskManagers can reach, another
 * project's objects included.
 *
 * <p>Every option pair {@code '<key>' = '<value>'} of a statement (the {@code WITH (…)} lists of
 * {@code CREATE TABLE}, {@code CREATE CATALOG}, {@code CREATE DATABASE}, {@code ALTER … SET (…)}, …) and
 * every {@code SET key = value} is checked. A key names a location when its last word (after the last
 * {@code .} and {@code -}) is {@code path}, {@code dir}, {@code localdir}, {@code file}, {@code location} or
 * {@code warehouse}; its value must then be
 * <ul>
 *   <li>{@code obs://bucket/key}, an object of the job's project, written as the {@code file://} URL of
 *       its place in the space (the bucket and key follow the service's object path rules), or</li>
 *   <li>an absolute path or {@code file://} URL that lies inside the space once {@code ..} and symbolic
 *       links are resolved (so a link inside the space that points out is refused), written as the
 *       {@code file://} URL of the resolved path.</li>
 * </ul>
 * Anything else (another scheme, a relative path, a path outside the space) is refused with an
 * {@link IllegalArgumentException} naming the option. Keys whose last word is plural ({@code paths},
 * {@code dirs}, {@code files}) and keys that name executables, key stores or Python files are refused
 * outright. Option keys and values must be plain {@code '…'} literals ({@code ''} escapes a quote);
 * prefixed literals ({@code U&'…'}, {@code _UTF8'…'}) are refused there, because their text is not
 * what they mean. Table hints never reach Flink: {@link SqlScript} drops comments. No Flink
 * dependency: {@code java -cp sql-runner.jar streamjobs.TablePaths <space> < script.sql} prints each
 * statement as it would run, or the reason it is refused.
 */
public final class TablePaths {
    private static final Pattern SET =
            Pattern.compile("(?is)^SET\\s+('(?:[^']|'')*'|[^\\s=]+)\\s*=\\s*('(?:[^']|'')*'|.+)$");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9](?:[a-z0-9]|[.-](?=[a-z0-9]))*");
    private static final String HINT = "paths in a StreamJobs SQL job must be obs:// objects of the job's project";

    private final Path space;

    /**
     * @param space the job's project object space, an existing absolute directory
     * @throws IllegalArgumentException when it is not one
     */
    public TablePaths(String space) {
        try {
            Path p = Paths.get(space);
            if (!p.isAbsolute() || !Files.isDirectory(p)) throw new IllegalArgumentException("--object-space " + space + ": not a directory");
            this.space = p.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("--object-space " + space + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code statement} (as {@link SqlScript#split} returns it) with every location option written as a
     * {@code file://} URL inside the space.
     *
     * @throws IllegalArgumentException naming the option whose value is not allowed
     */
    public String rewrite(String statement) {
        Matcher set = SET.matcher(statement);
        if (set.matches()) {
            String key = unquote(set.group(1));
            String value = unquote(set.group(2).trim());
            String checked = value(key, value, "SET '" + key + "'");
            return checked.equals(value) ? statement : "SET " + quote(key) + " = " + quote(checked);
        }
        List<Token> tokens = tokens(statement);
        StringBuilder out = new StringBuilder(statement.length());
        int copied = 0;
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token key = tokens.get(i), eq = tokens.get(i + 1), value = tokens.get(i + 2);
            if (!key.isString() || !eq.text.equals("=") || !value.isString()) continue;
            if (key.prefixed) throw new IllegalArgumentException("option key " + key.text + ": write option keys as plain '...' literals");
            String name = key.value;
            if (!isLocationKey(name) && !isForbiddenKey(name)) continue;
            if (value.prefixed) throw new IllegalArgumentException("option '" + name + "': write its value as a plain '...' literal; " + HINT);
            String checked = value(name, value.value, "option '" + name + "'");
            if (!checked.equals(value.value)) {
                out.append(statement, copied, value.start).append(quote(checked));
                copied = value.end;
            }
            i += 2;
        }
        return out.append(statement, copied, statement.length()).toString();
    }

    /** The value to use for {@code key} (the same, or the rewritten location), or throws. */
    private String value(String key, String value, String what) {
        if (isForbiddenKey(key)) throw new IllegalArgumentException(what + " is not allowed in a StreamJobs SQL job: " + HINT);
        if (!isLocationKey(key)) return value;
        return "file://" + location(value.trim(), what);
    }

    /** Whether {@code key} names a single file or folder (see the class comment). */
    static boolean isLocationKey(String key) {
        String word = lastWord(key);
        return word.equals("path") || word.equals("dir") || word.equals("localdir") || word.equals("file")
                || word.equals("location") || word.equals("warehouse");
    }

    /** Whether {@code key} is refused whatever its value: lists of locations, programs, key stores, Python. */
    static boolean isForbiddenKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        String word = lastWord(k);
        return word.equals("paths") || word.equals("dirs") || word.equals("files") || word.equals("localdirs")
                || k.startsWith("python.") || k.startsWith("security.") || k.startsWith("env.")
                || k.contains("keystore") || k.contains("truststore") || k.contains("keytab") || k.contains("executable");
    }

    private static String lastWord(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        int cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('-'));
        return k.substring(cut + 1);
    }

    /** The resolved absolute path inside the space that {@code value} names, or throws. */
    private String location(String value, String what) {
        Path target;
        if (value.startsWith("obs://")) {
            target = objectPath(value.substring(6), what);
        } else {
            String path = value;
            if (path.regionMatches(true, 0, "file:", 0, 5)) {
                path = path.substring(5);
                if (path.startsWith("//")) {
                    int slash = path.indexOf('/', 2);
                    String authority = slash < 0 ? path.substring(2) : path.substring(2, slash);
                    if (!authority.isEmpty()) throw refused(what, value, "a file URL with a host");
                    path = slash < 0 ? "" : path.substring(slash);
                }
            }
            if (!path.startsWith("/")) throw refused(what, value, "not an obs:// object");
            if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) throw refused(what, value, "a forbidden character");
            target = Paths.get(path);
        }
        Path resolved = resolve(target, what, value);
        if (!resolved.startsWith(space)) throw refused(what, value, "outside the job's project space");
        return resolved.toString();
    }

    /** {@code <space>/bucket/key} for an {@code obs://} location's {@code bucket/key}, by the service's rules. */
    private Path objectPath(String text, String what) {
        String[] parts = text.split("/", -1);
        int count = parts.length;
        if (count > 1 && parts[count - 1].isEmpty()) count--;
        if (text.length() > 1024 || count - 1 > 32) throw refused(what, "obs://" + text, "too long");
        String bucket = parts[0];
        if (bucket.length() < 3 || bucket.length() > 63 || !BUCKET.matcher(bucket).matches()) {
            throw refused(what, "obs://" + text, "not a valid bucket name");
        }
        Path p = space.resolve(bucket);
        for (int i = 1; i < count; i++) {
            String c = parts[i];
            if (c.isEmpty() || c.equals(".") || c.equals("..") || c.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255
                    || c.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7F || ch == '\\')) {
                throw refused(what, "obs://" + text, "not a valid object key");
            }
            p = p.resolve(c);
        }
        return p;
    }

    /**
     * {@code target} with its longest existing prefix replaced by that prefix's real path (symbolic
     * links and {@code ..} resolved by the file system) and the rest normalized.
     */
    private static Path resolve(Path target, String what, String value) {
        Path existing = target;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
        if (existing == null) existing = target.getRoot();
        try {
            Path real = existing.toRealPath();
            return real.resolve(existing.relativize(target)).normalize();
        } catch (IOException | IllegalArgumentException e) {
            throw refused(what, value, "cannot be resolved (" + e.getMessage() + ")");
        }
    }

    private static IllegalArgumentException refused(String what, String value, String why) {
        String shown = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return new IllegalArgumentException(what + " = '" + shown + "' is not allowed (" + why + "): " + HINT);
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1).replace("''", "'") : s;
    }

    /** A token of a statement: a string literal (adjacent literals joined), a quoted identifier, a word or one symbol. */
    static final class Token {
        final String text;
        final String value;
        final int start;
        final int end;
        final boolean prefixed;

        Token(String text, String value, int start, int end, boolean prefixed) {
            this.text = text;
            this.value = value;
            this.start = start;
            this.end = end;
            this.prefixed = prefixed;
        }

        boolean isString() {
            return value != null;
        }
    }

    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                Token previous = out.isEmpty() ? null : out.get(out.size() - 1);
                boolean prefixed = previous != null && previous.end == i && !previous.isString() && isWordEnd(previous.text);
                if (prefixed) out.remove(out.size() - 1);
                int start = i;
                StringBuilder value = new StringBuilder();
                // Adjacent literals separated only by white space are one literal ('a' 'b' is 'ab').
                while (true) {
                    int end = closing(s, i, c);
                    value.append(s, i + 1, Math.max(i + 1, end - 1));
                    i = end;
                    int j = i;
                    while (j < n && Character.isWhitespace(s.charAt(j))) j++;
                    if (j < n && s.charAt(j) == c) { i = j; continue; }
                    break;
                }
                String quoteText = String.valueOf(c);
                out.add(new Token(s.substring(start, i), value.toString().replace(quoteText + quoteText, quoteText), start, i, prefixed));
            } else if (c == '`') {
                int end = closing(s, i, c);
                out.add(new Token(s.substring(i, end), null, i, end, false));
                i = end;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '&') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$' || s.charAt(i) == '&')) i++;
                out.add(new Token(s.substring(start, i), null, start, i, false));
            } else {
                out.add(new Token(String.valueOf(c), null, i, i + 1, false));
                i++;
            }
        }
        return out;
    }

    private static boolean isWordEnd(String text) {
        char last = text.charAt(text.length() - 1);
        return Character.isLetterOrDigit(last) || last == '_' || last == '&';
    }

    /** The index after the quote closing the one at {@code start}; a doubled quote is an escaped one. */
    private static int closing(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    public static void main(String[] args) throws Exception {
        TablePaths paths = new TablePaths(args[0]);
        String script = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        for (String stmt : SqlScript.split(script)) {
            try {
                System.out.println("allowed: " + paths.rewrite(stmt).replace("\n", "\\n"));
            } catch (IllegalArgumentException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }
}
