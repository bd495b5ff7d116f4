/**
 * The {@code ftpflux} command-line tool, built with picocli on the blocking facade.
 */
@NullMarked
package io.ftpflux.cli;

import org.jspecify.annotations.NullMarked;
