package com.vehiclephotos.web.problem;

import org.springframework.http.HttpStatus;

/** A service's own problem type: {@code static final ProblemType X = new Problem("x", status, "Title")}. */
public record Problem(String slug, HttpStatus status, String title) implements ProblemType {}
