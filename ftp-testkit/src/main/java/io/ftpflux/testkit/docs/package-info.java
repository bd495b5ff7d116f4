/**
 * Keeps the documentation's Java examples compiled and run: the markdown quotes tagged regions of test sources.
 */
@NullMarked
package io.ftpflux.testkit.docs;

import org.jspecify.annotations.NullMarked;
