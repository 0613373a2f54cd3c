package dev.tflmstudio.devices;

/**
 * A profile file that cannot be used. The message is one line naming the file and what is wrong, e.g.
 * {@code boards/foo.json: field 'clockHz' must be a positive integer}.
 */
public final class InvalidProfileException extends Exception {
    private final String file;

    public InvalidProfileException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The file as the user knows it: {@code boards/x.json} for built-ins, the path for user files. */
    public String file() {
        return file;
    }
}
