package jenkins.model;

import hudson.model.AbstractCIBase;
import hudson.model.DescriptorByNameOwner;
import hudson.model.ModifiableViewGroup;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import jenkins.util.io.OnMaster;
import org.kohsuke.stapler.StaplerFallback;
import org.kohsuke.stapler.StaplerProxy;

public class Jenkins extends AbstractCIBase
    implements DirectlyModifiableTopLevelItemGroup,
        StaplerProxy,
        StaplerFallback,
        ModifiableViewGroup,
        AccessControlled,
        DescriptorByNameOwner,
        ModelObjectWithContextMenu,
        ModelObjectWithChildren,
        OnMaster,
        Loadable {
  private Jenkins() {
    throw new UnsupportedOperationException();
  }

  public static final Permission ADMINISTER = null;

  public static Jenkins get() throws IllegalStateException {
    throw new UnsupportedOperationException();
  }
}
