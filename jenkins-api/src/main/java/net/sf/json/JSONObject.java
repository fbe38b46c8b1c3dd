package net.sf.json;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

// Raw Map signatures (putAll, values, entrySet) as json-lib declares them.
public final class JSONObject extends AbstractJSON
    implements JSON, Map<String, Object>, Comparable {
  @Override
  public int size() {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean isEmpty() {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean containsKey(Object key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean containsValue(Object value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Object get(Object key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Object put(String key, Object value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Object remove(Object key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void putAll(Map map) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void clear() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Set<String> keySet() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Collection values() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Set entrySet() {
    throw new UnsupportedOperationException();
  }

  @Override
  public int compareTo(Object obj) {
    throw new UnsupportedOperationException();
  }
}
