package dev.tflmstudio.app.board;

/**
 * What the Board window's state line says about a serial session: its kind (which decides the colour) and one line
 * of text.
 */
public record LinkStatus(Kind kind, String text) {
    /** The kinds of state a serial session goes through. */
    public enum Kind {
        CLOSED, CONNECTING, CONNECTED, UNREADABLE, LOST, FAILED, REPLAYING, REPLAYED;

        /** The style class of the state label: green while good bytes flow, amber for noise, red for trouble. */
        String styleClass() {
            return switch (this) {
                case CONNECTED -> "connected";
                case UNREADABLE, CONNECTING -> "warning";
                case LOST, FAILED -> "disconnected";
                case CLOSED, REPLAYING, REPLAYED -> "idle";
            };
        }

        /** True while a port is open (or being opened): the button then says Disconnect. */
        boolean open() {
            return this == CONNECTING || this == CONNECTED || this == UNREADABLE || this == LOST;
        }
    }

    public static final LinkStatus CLOSED = new LinkStatus(Kind.CLOSED, "Disconnected");
    static final LinkStatus CONNECTED = new LinkStatus(Kind.CONNECTED, "● Connected");
    static final LinkStatus UNREADABLE = new LinkStatus(Kind.UNREADABLE,
            "● Receiving unreadable bytes: wrong baud?");
    static final LinkStatus LOST = new LinkStatus(Kind.LOST, "● Lost — waiting for the port");
}
