package dev.tflmstudio.app.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The most recently opened models, newest first, kept in java.util.prefs across runs. */
public final class RecentFiles {
    private static final int MAX = 10;
    private static final String KEY = "recent.";
    private final Preferences prefs;

    public RecentFiles(Preferences prefs) {
        this.prefs = prefs;
    }

    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String p = prefs.get(KEY + i, null);
            if (p != null) {
                out.add(Path.of(p));
            }
        }
        return out;
    }

    public void add(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        List<Path> paths = list();
        paths.remove(abs);
        paths.add(0, abs);
        for (int i = 0; i < MAX; i++) {
            if (i < paths.size()) {
                prefs.put(KEY + i, paths.get(i).toString());
            } else {
                prefs.remove(KEY + i);
            }
        }
    }

    public void clear() {
        for (int i = 0; i < MAX; i++) {
            prefs.remove(KEY + i);
        }
    }
}
