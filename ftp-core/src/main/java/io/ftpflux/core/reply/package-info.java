/**
 * FTP replies (RFC 959 §4.2): reply codes, their categories and functions, and the bounded reply assembler.
 */
@NullMarked
package io.ftpflux.core.reply;

import org.jspecify.annotations.NullMarked;
