/**
 * Grading and releasing assignments ({@code ./dlkit release}, {@code ./dlkit grade}) with nbgrader's conventions,
 * headless and sandboxed; {@link dlkit.grade.Checks} is the exception, the {@code check(...)} helpers that
 * notebooks import.
 */
package dlkit.grade;
