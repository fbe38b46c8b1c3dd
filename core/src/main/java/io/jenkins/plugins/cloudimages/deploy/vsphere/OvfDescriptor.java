package io.jenkins.plugins.cloudimages.deploy.vsphere;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The smallest OVF 1.0 package around one streamOptimized vmdk, so that a content library can
 * deploy it: one virtual system with CPUs, memory, a paravirtual SCSI controller holding the disk
 * and a VMXNET3 NIC on the network {@value #NETWORK} (mapped to a real network at deployment).
 */
final class OvfDescriptor {
  static final String NETWORK = "VM Network";
  static final String DISK_FILE = "disk.vmdk";
  static final String DESCRIPTOR_FILE = "descriptor.ovf";

  private OvfDescriptor() {}

  /** The disk's capacity in bytes, from the sparse extent header (sectors at offset 12). */
  static long vmdkCapacity(Path vmdk) throws IOException {
    try (InputStream in = Files.newInputStream(vmdk)) {
      byte[] header = in.readNBytes(20);
      ByteBuffer buffer = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
      if (header.length < 20 || buffer.getInt(0) != 0x564d444b) {
        throw new IOException(vmdk + " is not a sparse vmdk (no KDMV magic)");
      }
      return buffer.getLong(12) * 512;
    }
  }

  static String descriptor(String name, long diskBytes, long fileBytes, int cpus, int memoryMb) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" \
        xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" \
        xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" \
        xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData">
          <References><File ovf:id="file1" ovf:href="%s" ovf:size="%d"/></References>
          <DiskSection><Info>Virtual disk</Info>
            <Disk ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:capacity="%d" \
        ovf:capacityAllocationUnits="byte" \
        ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
          </DiskSection>
          <NetworkSection><Info>Network</Info><Network ovf:name="%s"><Description>%s</Description></Network></NetworkSection>
          <VirtualSystem ovf:id="%s"><Info>cloudimg test instance</Info><Name>%s</Name>
            <OperatingSystemSection ovf:id="80"><Info>Guest OS</Info></OperatingSystemSection>
            <VirtualHardwareSection><Info>Hardware</Info>
              <System><vssd:ElementName>Virtual Hardware Family</vssd:ElementName><vssd:InstanceID>0</vssd:InstanceID>\
        <vssd:VirtualSystemType>vmx-13</vssd:VirtualSystemType></System>
              <Item><rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits><rasd:ElementName>CPUs</rasd:ElementName>\
        <rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>%d</rasd:VirtualQuantity></Item>
              <Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>Memory</rasd:ElementName>\
        <rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>%d</rasd:VirtualQuantity></Item>
              <Item><rasd:Address>0</rasd:Address><rasd:ElementName>SCSI controller</rasd:ElementName><rasd:InstanceID>3</rasd:InstanceID>\
        <rasd:ResourceSubType>VirtualSCSI</rasd:ResourceSubType><rasd:ResourceType>6</rasd:ResourceType></Item>
              <Item><rasd:AddressOnParent>0</rasd:AddressOnParent><rasd:ElementName>Disk</rasd:ElementName>\
        <rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource><rasd:InstanceID>4</rasd:InstanceID><rasd:Parent>3</rasd:Parent>\
        <rasd:ResourceType>17</rasd:ResourceType></Item>
              <Item><rasd:AutomaticAllocation>true</rasd:AutomaticAllocation><rasd:Connection>%s</rasd:Connection>\
        <rasd:ElementName>NIC</rasd:ElementName><rasd:InstanceID>5</rasd:InstanceID><rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>\
        <rasd:ResourceType>10</rasd:ResourceType></Item>
            </VirtualHardwareSection>
          </VirtualSystem>
        </Envelope>
        """
        .formatted(
            DISK_FILE,
            fileBytes,
            diskBytes,
            NETWORK,
            NETWORK,
            escape(name),
            escape(name),
            cpus,
            memoryMb,
            NETWORK);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }
}
