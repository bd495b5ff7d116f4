package io.ftpflux.interop;

import static org.assertj.core.api.Assertions.assertThat;

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
    void findsTheLimitationStatedForTheCheck() {
        assertThat(KnownLimitations.find(Server.VSFTPD, Cell.PLAIN_PASSIVE_IPV6, Check.MLSD))
                .hasValueSatisfying(limitation -> assertThat(limitation.manifestsAs()).isEqualTo(ServerLacks.class));
        assertThat(KnownLimitations.find(Server.VSFTPD, Cell.PLAIN_PASSIVE_IPV6, Check.LIST)).isEmpty();
    }
}
