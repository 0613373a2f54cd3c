package dev.tflmstudio.app.outline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Short names for a list of slash-separated names: each name's shortest tail of whole segments that no other name
 * ends with, after "…/". Converter names share long prefixes ("MobilenetV1/MobilenetV1/Conv2d_5_depthwise/Relu6"),
 * which a narrow outline cut off to identical-looking rows; the tail is the part that tells them apart.
 */
final class NameTails {
    private NameTails() {
    }

    static String[] of(List<String> names) {
        Map<String, Integer> tails = new HashMap<>();
        for (String name : names) {
            for (int at = name.length(); (at = name.lastIndexOf('/', at - 1)) > 0; ) {
                tails.merge(name.substring(at + 1), 1, Integer::sum);
            }
        }
        String[] shortNames = new String[names.size()];
        for (int i = 0; i < shortNames.length; i++) {
            String name = names.get(i);
            shortNames[i] = name;
            for (int at = name.length(); (at = name.lastIndexOf('/', at - 1)) > 0; ) {
                String tail = name.substring(at + 1);
                if (!tail.isEmpty() && tails.get(tail) == 1) {
                    shortNames[i] = "…/" + tail;
                    break;
                }
            }
        }
        return shortNames;
    }
}
