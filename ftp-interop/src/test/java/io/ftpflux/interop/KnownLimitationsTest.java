package io.ftpflux.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class KnownLimitationsTest {

    @Test
    void everyLimitationNamesCellsItsServerIsTestedIn() {
        assertThat(KnownLimitations.all()).allSatisfy(limitation ->
                assertThat(limitation.server().cells()).as(limitation.reason()).containsAll(limitation.cells()));
    }

    @Test
    void everyLimitationSaysWhyAndApplies() {
        assertThat(KnownLimitations.all()).allSatisfy(limitation -> {
            assertThat(limitation.reason()).isNotBlank();
            assertThat(limitation.cells()).isNotEmpty();
        });
    }

    @Test
    void aCheckWithoutAStatedLimitationMustPass() {
        assertThat(KnownLimitations.find(Server.PURE_FTPD, Cell.PLAIN_PASSIVE_IPV4, Check.MLSD)).isEmpty();
    }

    @Test
    void vsftpdOnTls12FailsOnlyWithTheJdksDefaultTicketsAndNamesTheFlag() {
        for (Cell cell : KnownLimitations.TLS12_TICKET_CELLS) {
            assertThat(KnownLimitations.find(Server.VSFTPD, cell, Check.LOGIN)).hasValueSatisfying(limitation -> {
                assertThat(limitation.replyCode()).isEqualTo(522);
                assertThat(limitation.reason()).contains("-Djdk.tls.client.enableSessionTicketExtension=false");
            });
        }
        for (Check check : Check.values()) {
            assertThat(KnownLimitations.find(Server.VSFTPD, Cell.EXPLICIT_FTPS_TLS12_SESSION_IDS_PASSIVE_IPV4, check))
                    .as(check.column())
                    .isEqualTo(KnownLimitations.find(Server.VSFTPD, Cell.PLAIN_PASSIVE_IPV4, check));
            assertThat(KnownLimitations.find(Server.VSFTPD, Cell.EXPLICIT_FTPS_TLS13_PASSIVE_IPV6, check))
                    .as(check.column())
                    .isEqualTo(KnownLimitations.find(Server.VSFTPD, Cell.PLAIN_PASSIVE_IPV6, check));
        }
    }

    @Test
    void proftpdsTls13LimitationSparesItsTls12Cells() {
        assertThat(KnownLimitations.find(Server.PROFTPD, Cell.EXPLICIT_FTPS_TLS13_ACTIVE_IPV4, Check.AWKWARD_NAMES))
                .hasValueSatisfying(limitation -> assertThat(limitation.replyCode()).isEqualTo(425));
        for (Cell cell : EnumSet.of(Cell.EXPLICIT_FTPS_TLS12_PASSIVE_IPV4, Cell.EXPLICIT_FTPS_TLS12_PASSIVE_IPV6,
                Cell.EXPLICIT_FTPS_TLS12_ACTIVE_IPV4)) {
            assertThat(KnownLimitations.find(Server.PROFTPD, cell, Check.LARGE_FILE)).as(cell.description()).isEmpty();
        }
    }

    @Test
    void eachJvmRunsTheCellsOfItsTicketSetting() {
        // This test JVM runs with the JDK's defaults: the session-ID cells belong to the other failsafe execution.
        assertThat(Cell.ticketExtensionOffInThisJvm()).isFalse();
        assertThat(EnumSet.allOf(Cell.class)).filteredOn(cell -> !cell.runsInThisJvm())
                .allSatisfy(cell -> assertThat(cell.tls()).isEqualTo(Cell.Tls.V1_2_SESSION_IDS))
                .isNotEmpty();
        assertThat(Server.MINA.cells()).allMatch(Cell::runsInThisJvm);
    }

    @Test
    void findsTheLimitationStatedForTheCheck() {
        assertThat(KnownLimitations.find(Server.VSFTPD, Cell.PLAIN_PASSIVE_IPV6, Check.MLSD))
                .hasValueSatisfying(limitation -> assertThat(limitation.manifestsAs()).isEqualTo(ServerLacks.class));
        assertThat(KnownLimitations.find(Server.VSFTPD, Cell.PLAIN_PASSIVE_IPV6, Check.LIST)).isEmpty();
    }
}
