/**
 * Netty leak detection that fails tests: a recording {@link io.netty.util.ResourceLeakDetectorFactory}, installed
 * when the JUnit Platform launcher session opens, and a Jupiter extension that forces detection after each test.
 */
@NullMarked
package io.ftpflux.testkit.leak;

import org.jspecify.annotations.NullMarked;
