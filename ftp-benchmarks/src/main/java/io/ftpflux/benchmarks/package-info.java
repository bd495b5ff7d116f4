/**
 * JMH benchmarks of ftpflux against Apache Commons Net and the raw loopback limit: reply assembly and listing
 * parsing without a network, downloads over loopback from an in-process server, and a download under a small
 * heap. {@code docs/benchmarks.md} says how to run them and what they showed.
 */
@NullMarked
package io.ftpflux.benchmarks;

import org.jspecify.annotations.NullMarked;
