package dev.tflmstudio.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Help > Keyboard Shortcuts (read from the menus themselves, so the list cannot fall behind them, plus the mouse
 * gestures of the graph) and Help > User Guide (the README's sections, bundled in the jar, to read offline).
 */
final class HelpDialogs {
    /** The README as the build copies it into the jar. */
    static final String GUIDE = "/dev/tflmstudio/app/help/README.md";

    /** One shortcut: what it does and the keys (or mouse gesture). */
    record Shortcut(String action, String keys) {
    }

    /** A README section: its "## " title and its text up to the next one. */
    record Section(String title, String text) {
    }

    private HelpDialogs() {
    }

    /** Every menu command with an accelerator, in menu order, then the graph's mouse gestures. */
    static List<Shortcut> shortcuts(MenuBar bar) {
        List<Shortcut> list = new ArrayList<>();
        for (Menu m : bar.getMenus()) {
            collect(m, m.getText().replace("_", ""), list);
        }
        list.add(new Shortcut("Graph: zoom around the pointer", "Mouse wheel"));
        list.add(new Shortcut("Graph: pan", "Drag"));
        list.add(new Shortcut("Graph: zoom into a rectangle", "Shift+drag (or the Zoom box button, then drag)"));
        list.add(new Shortcut("Graph: breakpoint or Run to Here on an op", "Right-click the op"));
        list.add(new Shortcut("Graph search: next match", "Enter"));
        return list;
    }

    private static void collect(Menu menu, String path, List<Shortcut> into) {
        for (MenuItem item : menu.getItems()) {
            String text = item.getText() == null ? "" : item.getText().replace("_", "");
            if (item instanceof Menu sub) {
                collect(sub, path + " > " + text, into);
            } else if (item.getAccelerator() != null) {
                into.add(new Shortcut(path + " > " + text, item.getAccelerator().getDisplayText()));
            }
        }
    }

    static Dialog<Void> showShortcuts(Window owner, MenuBar bar) {
        TableView<Shortcut> table = new TableView<>();
        table.setId("helpShortcuts");
        TableColumn<Shortcut, String> action = new TableColumn<>("Action");
        action.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().action()));
        action.setPrefWidth(300);
        TableColumn<Shortcut, String> keys = new TableColumn<>("Keys");
        keys.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().keys()));
        keys.setPrefWidth(250);
        table.getColumns().add(action);
        table.getColumns().add(keys);
        table.getItems().setAll(shortcuts(bar));
        table.setPrefSize(580, 420);
        return show(owner, "Keyboard Shortcuts", table);
    }

    /** The README's "## " sections, or one section saying the guide is missing from this build. */
    static List<Section> guide() {
        String text;
        try (InputStream in = HelpDialogs.class.getResourceAsStream(GUIDE)) {
            if (in == null) {
                return List.of(new Section("User Guide", "This build has no bundled README.md."));
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of(new Section("User Guide", "Cannot read the bundled README.md: " + e.getMessage()));
        }
        List<Section> sections = new ArrayList<>();
        String title = "TFLM Studio";
        StringBuilder body = new StringBuilder();
        boolean inCode = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            if (!inCode && line.startsWith("## ")) {
                sections.add(new Section(title, body.toString().strip()));
                title = line.substring(3).strip();
                body.setLength(0);
            } else {
                body.append(line).append('\n');
            }
        }
        sections.add(new Section(title, body.toString().strip()));
        return sections.stream().map(sec -> new Section(sec.title(), reflow(sec.text()))).toList();
    }

    /**
     * Joins the README's hard-wrapped lines into paragraphs and list items (the dialog wraps them to its width);
     * code blocks, tables and headings stay as they are.
     */
    static String reflow(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean inCode = false;
        boolean joinable = false;
        for (String line : markdown.split("\n", -1)) {
            boolean fence = line.startsWith("```");
            if (fence || inCode) {
                inCode ^= fence;
                out.append(out.length() == 0 ? "" : "\n").append(line);
                joinable = false;
                continue;
            }
            String t = line.strip();
            boolean starts = t.isEmpty() || t.startsWith("- ") || t.startsWith("* ") || t.startsWith("|")
                    || t.startsWith("#") || t.startsWith("![") || t.matches("\\d+\\. .*");
            if (!starts && joinable) {
                out.append(' ').append(t);
            } else {
                out.append(out.length() == 0 ? "" : "\n").append(t.isEmpty() ? "" : line.stripTrailing());
            }
            joinable = !t.isEmpty() && !t.startsWith("|") && !t.startsWith("#") && !t.startsWith("![");
        }
        return out.toString();
    }

    static Dialog<Void> showGuide(Window owner) {
        List<Section> sections = guide();
        ListView<String> titles = new ListView<>();
        titles.setId("helpGuideSections");
        sections.forEach(s -> titles.getItems().add(s.title()));
        TextArea text = new TextArea();
        text.setId("helpGuideText");
        text.setEditable(false);
        text.setWrapText(true);
        titles.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            int k = i.intValue();
            text.setText(k < 0 ? "" : sections.get(k).text());
            text.positionCaret(0);
        });
        int start = titles.getItems().indexOf("The desktop app");
        titles.getSelectionModel().select(Math.max(0, start));
        SplitPane split = new SplitPane(titles, text);
        split.setDividerPositions(0.28);
        split.setPrefSize(820, 520);
        return show(owner, "User Guide", split);
    }

    private static Dialog<Void> show(Window owner, String title, javafx.scene.Node content) {
        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.initModality(Modality.NONE);
        d.setTitle(title + " — TFLM Studio");
        d.setResizable(true);
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.show();
        return d;
    }
}
