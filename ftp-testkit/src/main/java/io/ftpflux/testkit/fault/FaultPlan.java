package io.ftpflux.testkit.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The faults that apply to one command, folded into what the server must do differently. Faults of one kind
 * override earlier ones; the data limit with the smallest byte count wins.
 */
final class FaultPlan {

    static final FaultPlan NONE = new FaultPlan(List.of());

    /** How a data connection ends once its byte limit is reached. */
    enum DataEnd {
        /** At the end of the content, normally. */
        EOF,
        STALL,
        CLOSE,
        RESET
    }

    /** How the passive listener behaves. */
    enum PassiveMode {
        ACCEPT,
        NEVER_ACCEPT,
        NOT_LISTENING
    }

    final @Nullable Long closeControlAfter;
    final @Nullable RawBytes reply;
    final List<RawBytes> prepend;
    final List<Fault.Unsolicited> unsolicited;
    final Duration replyDelay;
    final boolean neverReply;

    final Fault.@Nullable AdvertisePassive advertise;
    final PassiveMode passiveMode;

    final @Nullable List<RawBytes> preliminaryReplies;
    final @Nullable Long sizeToAnnounce;
    final @Nullable RawBytes sendData;
    final long throttle;
    final DataEnd dataEnd;
    final long dataLimit;
    final @Nullable RawBytes finalReply;
    final boolean omitFinalReply;
    final Duration finalReplyDelay;
    final @Nullable Duration eofDelayAfterFinalReply;

    FaultPlan(List<Fault> faults) {
        Long closeAfter = null;
        RawBytes replacement = null;
        List<RawBytes> before = new ArrayList<>();
        List<Fault.Unsolicited> extra = new ArrayList<>();
        Duration delay = Duration.ZERO;
        boolean never = false;
        Fault.AdvertisePassive advertised = null;
        PassiveMode mode = PassiveMode.ACCEPT;
        List<RawBytes> preliminaries = null;
        Long announced = null;
        RawBytes data = null;
        long rate = 0;
        DataEnd end = DataEnd.EOF;
        long limit = Long.MAX_VALUE;
        RawBytes last = null;
        boolean omit = false;
        Duration lastDelay = Duration.ZERO;
        Duration eofDelay = null;
        for (Fault fault : faults) {
            if (fault instanceof Fault.CloseControl f) {
                closeAfter = f.afterBytes();
            } else if (fault instanceof Fault.Reply f) {
                replacement = f.raw();
            } else if (fault instanceof Fault.Prepend f) {
                before.add(f.raw());
            } else if (fault instanceof Fault.Unsolicited f) {
                extra.add(f);
            } else if (fault instanceof Fault.DelayReply f) {
                delay = f.delay();
            } else if (fault instanceof Fault.NeverReply) {
                never = true;
            } else if (fault instanceof Fault.AdvertisePassive f) {
                advertised = f;
            } else if (fault instanceof Fault.PassiveNeverAccepts) {
                mode = PassiveMode.NEVER_ACCEPT;
            } else if (fault instanceof Fault.PassiveNotListening) {
                mode = PassiveMode.NOT_LISTENING;
            } else if (fault instanceof Fault.PreliminaryReplies f) {
                preliminaries = f.replies();
            } else if (fault instanceof Fault.LieAboutSize f) {
                announced = f.size();
            } else if (fault instanceof Fault.SendData f) {
                data = f.data();
            } else if (fault instanceof Fault.Throttle f) {
                rate = f.bytesPerSecond();
            } else if (fault instanceof Fault.StallData f && f.afterBytes() <= limit) {
                end = DataEnd.STALL;
                limit = f.afterBytes();
            } else if (fault instanceof Fault.CloseData f && f.afterBytes() <= limit) {
                end = DataEnd.CLOSE;
                limit = f.afterBytes();
            } else if (fault instanceof Fault.ResetData f && f.afterBytes() <= limit) {
                end = DataEnd.RESET;
                limit = f.afterBytes();
            } else if (fault instanceof Fault.FinalReply f) {
                last = f.raw();
            } else if (fault instanceof Fault.OmitFinalReply) {
                omit = true;
            } else if (fault instanceof Fault.DelayFinalReply f) {
                lastDelay = f.delay();
            } else if (fault instanceof Fault.FinalReplyBeforeEof f) {
                eofDelay = f.eofDelay();
            }
        }
        this.closeControlAfter = closeAfter;
        this.reply = replacement;
        this.prepend = List.copyOf(before);
        this.unsolicited = List.copyOf(extra);
        this.replyDelay = delay;
        this.neverReply = never;
        this.advertise = advertised;
        this.passiveMode = mode;
        this.preliminaryReplies = preliminaries;
        this.sizeToAnnounce = announced;
        this.sendData = data;
        this.throttle = rate;
        this.dataEnd = end;
        this.dataLimit = limit;
        this.finalReply = last;
        this.omitFinalReply = omit;
        this.finalReplyDelay = lastDelay;
        this.eofDelayAfterFinalReply = eofDelay;
    }
}
