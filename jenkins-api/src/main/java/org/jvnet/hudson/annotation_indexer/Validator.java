package org.jvnet.hudson.annotation_indexer;

import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;

public interface Validator {
  void check(Element use, RoundEnvironment e, ProcessingEnvironment env);
}
