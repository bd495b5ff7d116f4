package io.ftpflux.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FaultPlanTest {

    @Test
    void hasNoEffectWithoutFaults() {
        FaultPlan plan = FaultPlan.NONE;
        assertThat(plan.reply).isNull();
        assertThat(plan.closeControlAfter).isNull();
        assertThat(plan.neverReply).isFalse();
        assertThat(plan.passiveMode).isEqualTo(FaultPlan.PassiveMode.ACCEPT);
        assertThat(plan.dataEnd).isEqualTo(FaultPlan.DataEnd.EOF);
        assertThat(plan.throttle).isZero();
        assertThat(plan.omitFinalReply).isFalse();
    }

    @Test
    void composesFaultsOfDifferentKinds() {
        FaultPlan plan = new FaultPlan(List.of(Fault.throttle(1000), Fault.delayFinalReply(Duration.ofSeconds(2)),
                Fault.unsolicited(Duration.ofMillis(5), "421 a\r\n"), Fault.unsolicited("200 b\r\n"),
                Fault.prepend("1\r\n"), Fault.prepend("2\r\n"), Fault.lieAboutSize(7)));
        assertThat(plan.throttle).isEqualTo(1000);
        assertThat(plan.finalReplyDelay).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.unsolicited).hasSize(2);
        assertThat(plan.prepend).containsExactly(RawBytes.of("1\r\n"), RawBytes.of("2\r\n"));
        assertThat(plan.sizeToAnnounce).isEqualTo(7);
    }

    @Test
    void letsTheLaterFaultOfAKindWin() {
        FaultPlan plan = new FaultPlan(List.of(Fault.reply("500 a\r\n"), Fault.reply("500 b\r\n"),
                Fault.throttle(1), Fault.throttle(2), Fault.passiveNeverAccepts(), Fault.passiveNotListening()));
        assertThat(plan.reply).isEqualTo(RawBytes.of("500 b\r\n"));
        assertThat(plan.throttle).isEqualTo(2);
        assertThat(plan.passiveMode).isEqualTo(FaultPlan.PassiveMode.NOT_LISTENING);
    }

    @Test
    void letsTheSmallestDataLimitWin() {
        FaultPlan plan = new FaultPlan(List.of(Fault.stallDataAfter(300), Fault.resetDataAfter(100), Fault.closeDataAfter(200)));
        assertThat(plan.dataEnd).isEqualTo(FaultPlan.DataEnd.RESET);
        assertThat(plan.dataLimit).isEqualTo(100);
    }

    @Test
    void showsRawBytesWithControlCharactersEscaped() {
        assertThat(RawBytes.of(new byte[] {'2', '0', '0', 0, '"', '\r', '\n', (byte) 0xE9}))
                .hasToString("\"200\\x00\\\"\\r\\n\\xE9\"");
        byte[] source = {1};
        RawBytes raw = RawBytes.of(source);
        source[0] = 2;
        assertThat(raw.toByteArray()).containsExactly(1);
        assertThat(RawBytes.empty().length()).isZero();
    }
}
