package dev.tflmstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelpDialogsTest {
    @Test
    void theGuideJoinsHardWrappedLinesButKeepsCodeTablesAndLists() {
        String md = "A paragraph\n  that goes on.\n\n- an item\n  continued\n- next\n```sh\ncode\n  kept\n```\n"
                + "| a | b |\n| c | d |\n1. step\n   more";
        assertThat(HelpDialogs.reflow(md)).isEqualTo("A paragraph that goes on.\n\n- an item continued\n- next\n"
                + "```sh\ncode\n  kept\n```\n| a | b |\n| c | d |\n1. step more");
    }

    @Test
    void theBundledReadmeIsSplitAtItsSections() {
        var sections = HelpDialogs.guide();
        assertThat(sections).extracting(HelpDialogs.Section::title).contains("Quick start", "The desktop app");
        assertThat(sections).allSatisfy(s -> assertThat(s.text()).doesNotStartWith("## "));
    }
}
