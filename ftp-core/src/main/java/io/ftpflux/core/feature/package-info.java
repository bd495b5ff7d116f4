/**
 * Server features as announced by FEAT (RFC 2389), including MLST facts (RFC 3659 §7.8).
 */
@NullMarked
package io.ftpflux.core.feature;

import org.jspecify.annotations.NullMarked;
