package vn.hanoi.lgsp.category;

/** One reason a national change set cannot be applied, named by where it is ({@code changes[2].code}). */
record ChangeSetProblem(String field, String reason) {
}
