package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

// The real annotation also carries @InterceptorAnnotation(value = HttpVerbInterceptor.class, stage
// =
// Stage.SELECTION), Stapler's dispatch-time check, which only matters inside a running Jenkins.
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {}
