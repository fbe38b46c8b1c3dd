package io.jenkins.plugins.cloudimages.build;

import java.util.List;

/**
 * A package repository a build installs from, after the mirror map.
 *
 * @param id the dnf repo id
 * @param baseUrl file:// or http(s):// URL of the folder holding repodata/
 * @param excludes package globs dnf must not take from it
 * @param includes if not empty, the only package globs dnf may take from it
 */
public record Repository(String id, String baseUrl, List<String> excludes, List<String> includes) {
  public Repository {
    excludes = List.copyOf(excludes);
    includes = List.copyOf(includes);
  }
}
