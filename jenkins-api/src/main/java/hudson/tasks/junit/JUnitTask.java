package hudson.tasks.junit;

public interface JUnitTask {}
