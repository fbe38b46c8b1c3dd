package hudson.model.queue;

import hudson.model.ResourceActivity;

public interface SubTask extends ResourceActivity {}
