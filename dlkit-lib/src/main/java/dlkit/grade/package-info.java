/**
 * What graded notebooks call: the {@code check(...)} helpers of test cells ({@link dlkit.grade.Checks}, imported
 * into every notebook) and the stub {@code ./dlkit release} writes where an answer goes ({@link dlkit.grade.Stub}).
 * The grader that runs them is {@code dlkit.tools.grade}, in dlkit-tools.
 */
package dlkit.grade;
