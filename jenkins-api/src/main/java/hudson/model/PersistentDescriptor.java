package hudson.model;

import jenkins.model.Loadable;

public interface PersistentDescriptor extends Loadable, Saveable {}
