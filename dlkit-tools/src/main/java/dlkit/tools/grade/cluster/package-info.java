/**
 * Grading a whole class on a cluster the course already has: Slurm shards, a Kubernetes Indexed Job, a Gradescope
 * autograder bundle, and the merge of the shards' reports.
 */
package dlkit.tools.grade.cluster;
