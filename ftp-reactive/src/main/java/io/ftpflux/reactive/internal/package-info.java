/**
 * The engine behind {@code io.ftpflux.reactive}: the control-connection codec and conversation queue, data
 * connections and transfers. Not an API: anything here may change in any release.
 */
@NullMarked
package io.ftpflux.reactive.internal;

import org.jspecify.annotations.NullMarked;
