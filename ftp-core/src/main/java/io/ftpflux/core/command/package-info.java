/**
 * FTP commands (RFC 959 §4.1 and its extensions) as validated, redacting values.
 */
@NullMarked
package io.ftpflux.core.command;

import org.jspecify.annotations.NullMarked;
