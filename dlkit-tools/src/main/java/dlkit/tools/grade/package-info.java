/**
 * Grading and releasing assignments ({@code ./dlkit release}, {@code ./dlkit grade}) with nbgrader's conventions,
 * headless and sandboxed. What notebooks themselves call ({@link dlkit.grade.Checks}, the stub a release writes) is
 * library code in {@code dlkit.grade}, on every kernel's class path.
 */
package dlkit.tools.grade;
