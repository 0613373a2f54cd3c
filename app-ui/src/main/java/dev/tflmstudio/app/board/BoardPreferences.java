package dev.tflmstudio.app.board;

import java.util.prefs.Preferences;

/**
 * What the Board window remembers across runs (java.util.prefs): the serial port, baud rate and device profile, and
 * the debug probe's server, firmware, GDB and arena symbol. Empty strings stand for "nothing remembered".
 */
public final class BoardPreferences {
    private final Preferences node;

    public BoardPreferences(Preferences node) {
        this.node = node;
    }

    private String get(String key) {
        return node.get(key, "");
    }

    private void put(String key, String value) {
        node.put(key, value == null ? "" : value.strip());
    }

    public String port() {
        return get("port");
    }

    public void setPort(String p) {
        put("port", p);
    }

    public int baud() {
        return node.getInt("baud", 115200);
    }

    public void setBaud(int b) {
        node.putInt("baud", b);
    }

    public String deviceId() {
        return get("device");
    }

    public void setDeviceId(String id) {
        put("device", id);
    }

    public String gdbServer() {
        return get("probe.server");
    }

    public void setGdbServer(String s) {
        put("probe.server", s);
    }

    public String elf() {
        return get("probe.elf");
    }

    public void setElf(String path) {
        put("probe.elf", path);
    }

    public String arenaSymbol() {
        return get("probe.arena");
    }

    public void setArenaSymbol(String s) {
        put("probe.arena", s);
    }
}
