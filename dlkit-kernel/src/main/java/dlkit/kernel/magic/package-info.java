/**
 * Line and cell magics ({@code %maven}, {@code %jars}, {@code %classpath}, {@code %load}, {@code %time},
 * {@code %%html}, …): parsing, the registry, and Maven resolution for {@code %maven}.
 */
package dlkit.kernel.magic;
