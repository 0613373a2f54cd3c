package dev.tflmstudio.serial.probe.mi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** GDB/MI output records as gdb-multiarch 13 prints them talking to QEMU's stub. */
class MiParserTest {
    @Test
    void resultRecordWithTokenTupleAndListOfResults() {
        MiRecord r = MiParser.parse("3^done,bkpt={number=\"1\",type=\"hw breakpoint\",addr=\"0x000016d2\","
                + "thread-groups=[\"i1\"],times=\"0\"}");
        assertThat(r.type()).isEqualTo(MiRecord.Type.RESULT);
        assertThat(r.token()).isEqualTo(3);
        assertThat(r.klass()).isEqualTo("done");
        MiValue.Tuple bkpt = (MiValue.Tuple) r.results().get("bkpt").orElseThrow();
        assertThat(bkpt.text("number")).isEqualTo("1");
        assertThat(bkpt.text("type")).isEqualTo("hw breakpoint");
        assertThat(bkpt.get("thread-groups").orElseThrow())
                .isEqualTo(new MiValue.Items(java.util.List.of(new MiValue.Text("i1"))));
    }

    @Test
    void memoryReadAndAListOfNamedResults() {
        MiRecord r = MiParser.parse("12^done,memory=[{begin=\"0x20014be0\",offset=\"0x00000000\","
                + "end=\"0x20014be4\",contents=\"0a0b0c0d\"}]");
        MiValue.Items memory = (MiValue.Items) r.results().get("memory").orElseThrow();
        assertThat(((MiValue.Tuple) memory.items().get(0)).text("contents")).isEqualTo("0a0b0c0d");

        MiRecord table = MiParser.parse("8^done,BreakpointTable={nr_rows=\"2\",body=[bkpt={number=\"1\"},"
                + "bkpt={number=\"2\"}]}");
        MiValue.Tuple t = (MiValue.Tuple) table.results().get("BreakpointTable").orElseThrow();
        assertThat(((MiValue.Items) t.get("body").orElseThrow()).items()).hasSize(2);
    }

    @Test
    void asyncStreamAndPromptRecords() {
        MiRecord stop = MiParser.parse("*stopped,reason=\"breakpoint-hit\",disp=\"keep\",bkptno=\"2\","
                + "frame={addr=\"0x0000171a\",func=\"tflite::MicroProfiler::EndEvent(unsigned long)\",args=[]},"
                + "thread-id=\"1\",stopped-threads=\"all\"");
        assertThat(stop.type()).isEqualTo(MiRecord.Type.EXEC);
        assertThat(stop.token()).isEqualTo(-1);
        assertThat(stop.klass()).isEqualTo("stopped");
        assertThat(stop.text("bkptno")).isEqualTo("2");

        MiRecord console = MiParser.parse("~\"Reading symbols from a \\\"b\\\".elf...\\n\"");
        assertThat(console.type()).isEqualTo(MiRecord.Type.CONSOLE);
        assertThat(console.klass()).isEqualTo("Reading symbols from a \"b\".elf...\n");
        assertThat(MiParser.parse("&\"\\033x\\t\"").klass()).isEqualTo("\u001bx\t");
        assertThat(MiParser.parse("=thread-group-exited,id=\"i1\"").type()).isEqualTo(MiRecord.Type.NOTIFY);
        assertThat(MiParser.parse("(gdb) ").type()).isEqualTo(MiRecord.Type.PROMPT);
        assertThat(MiParser.parse("5^error,msg=\"No symbol \\\"x\\\" in current context.\"").text("msg"))
                .isEqualTo("No symbol \"x\" in current context.");
        assertThat(MiParser.parse("1^connected\r").klass()).isEqualTo("connected");
    }

    @Test
    void brokenLinesAreRefused() {
        assertThatThrownBy(() -> MiParser.parse("Remote debugging using :3333")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> MiParser.parse("^done,value=\"unterminated")).hasMessageContaining("closing quote");
        assertThatThrownBy(() -> MiParser.parse("^done,x={a=\"1\"")).isInstanceOf(IllegalArgumentException.class);
    }
}
