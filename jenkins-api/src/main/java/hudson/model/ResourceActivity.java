package hudson.model;

public interface ResourceActivity {}
