package hudson.model;

import hudson.search.SearchableModelObject;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import jenkins.util.io.OnMaster;

public interface Item extends PersistenceRoot, SearchableModelObject, AccessControlled, OnMaster {
  Permission CONFIGURE = null;

  Permission EXTENDED_READ = null;
}
