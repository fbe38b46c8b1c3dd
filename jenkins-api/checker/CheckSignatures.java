import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.IntersectionTypeTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WildcardTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compares every member a jenkins-api stub declares with the same member of its original source
 * (SOURCES.tsv names repository, tag and path). Both files are only parsed (javac's tree API, no
 * classpath needed); type names are resolved through each file's imports, so the comparison is of
 * qualified generic signatures. Prints {@code CLASS: MEMBER: stub <x> vs real <y>} per difference;
 * exit 0 none, 1 differences, 2 an original could not be read.
 *
 * <p>Usage: {@code java CheckSignatures.java SOURCES.tsv STUB_SOURCE_ROOT ORIGINALS_DIR}, where
 * ORIGINALS_DIR holds {@code <owner>/<repo>} as a bare or non-bare git clone (read at the listed
 * tag) or as a plain source tree already at that tag.
 */
public final class CheckSignatures {
  private static final Pattern QUALIFIED = Pattern.compile("~?[\\w$]+(?:\\.[\\w$]+)*");

  private final List<String> differences = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private int classesChecked;
  private int membersChecked;
  private int hiddenDefaultConstructors;

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: CheckSignatures SOURCES.tsv STUB_SOURCE_ROOT ORIGINALS_DIR");
      System.exit(2);
    }
    System.exit(new CheckSignatures().run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2])));
  }

  private int run(Path table, Path stubRoot, Path originals)
      throws IOException, InterruptedException {
    List<String> missing = new ArrayList<>();
    for (String line : Files.readAllLines(table)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      String className = cells[0];
      String stubText = Files.readString(stubRoot.resolve(className.replace('.', '/') + ".java"));
      String realText = original(originals, cells[2], cells[3], cells[4]);
      if (realText == null) {
        missing.add(className + ": original " + cells[2] + " " + cells[3] + ":" + cells[4]);
        continue;
      }
      compareFiles(className, stubText, realText);
    }
    differences.forEach(System.out::println);
    notes.forEach(n -> System.err.println("note: " + n));
    missing.forEach(m -> System.err.println("MISSING " + m));
    System.err.printf(
        "checked %d classes, %d members (%d private no-argument constructors that only hide"
            + " javac's default one): %d differences, %d originals missing%n",
        classesChecked,
        membersChecked,
        hiddenDefaultConstructors,
        differences.size(),
        missing.size());
    return !missing.isEmpty() ? 2 : differences.isEmpty() ? 0 : 1;
  }

  /** The original's text at the tag, or null when neither a clone nor a source tree has it. */
  private static String original(Path originals, String repo, String tag, String path)
      throws IOException, InterruptedException {
    Path dir = originals.resolve(repo);
    for (Path gitDir : List.of(dir.resolve(".git"), dir, Path.of(dir + ".git"))) {
      if (Files.isDirectory(gitDir.resolve("objects")) && Files.exists(gitDir.resolve("HEAD"))) {
        Process git =
            new ProcessBuilder("git", "--git-dir=" + gitDir, "show", tag + ":" + path)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return git.waitFor() == 0 ? text : null;
      }
    }
    Path file = dir.resolve(path);
    return Files.isRegularFile(file) ? Files.readString(file) : null;
  }

  private void compareFiles(String className, String stubText, String realText) throws IOException {
    Source stub = Source.parse(className, stubText);
    Source real = Source.parse(className, realText);
    String simple = className.substring(className.lastIndexOf('.') + 1);
    ClassTree stubClass = stub.topLevel(simple);
    ClassTree realClass = real.topLevel(simple);
    if (stubClass == null || realClass == null) {
      differences.add(
          className + ": class: stub " + present(stubClass) + " vs real " + present(realClass));
      return;
    }
    compareClass(className, stub, stubClass, real, realClass, null);
  }

  private static String present(Object o) {
    return o == null ? "<absent>" : "<present>";
  }

  private void compareClass(
      String name, Source stub, ClassTree s, Source real, ClassTree r, ClassTree outer) {
    classesChecked++;
    Scope ss = stub.scopeOf(s);
    Scope rs = real.scopeOf(r);
    diff(name, "class", stub.classHeader(s, outer, ss), real.classHeader(r, outer, rs));
    if (Source.isDeprecated(r.getModifiers())) {
      notes.add(name + ": class: deprecated upstream");
    }
    if (s.getKind() == Tree.Kind.ANNOTATION_TYPE) {
      diff(name, "meta-annotations", stub.metaAnnotations(s), real.metaAnnotations(r));
    }
    if (s.getKind() == Tree.Kind.CLASS && !hasConstructor(s)) {
      membersChecked++;
      compareImplicitConstructor(name, stub, s, real, r, rs);
    }
    for (Tree member : s.getMembers()) {
      if (member instanceof ClassTree nested) {
        ClassTree realNested = memberClass(r, nested.getSimpleName().toString());
        String nestedName = name + "." + nested.getSimpleName();
        if (realNested == null) {
          differences.add(nestedName + ": class: stub <present> vs real <absent>");
        } else {
          compareClass(nestedName, stub, nested, real, realNested, s);
        }
      } else if (member instanceof VariableTree field) {
        membersChecked++;
        compareField(name, stub, field, s, ss, real, r, rs);
      } else if (member instanceof MethodTree method) {
        membersChecked++;
        compareMethod(name, stub, method, s, ss, real, r, rs);
      }
    }
  }

  private static boolean hasConstructor(ClassTree c) {
    return c.getMembers().stream()
        .anyMatch(t -> t instanceof MethodTree m && m.getName().contentEquals("<init>"));
  }

  /** A stub without constructors has javac's default one, which the original must have too. */
  private void compareImplicitConstructor(
      String name, Source stub, ClassTree s, Source real, ClassTree r, Scope rs) {
    String stubSig = stub.implicitConstructor(s);
    String realSig = null;
    if (!hasConstructor(r)) {
      realSig = real.implicitConstructor(r);
    } else {
      for (Tree t : r.getMembers()) {
        if (t instanceof MethodTree m
            && m.getName().contentEquals("<init>")
            && m.getParameters().isEmpty()) {
          realSig = real.method(m, r, rs);
        }
      }
    }
    if (realSig == null || !Source.sameSignature(stubSig, realSig)) {
      differences.add(
          name
              + ": <init>(): stub (implicit) "
              + Source.shown(stubSig)
              + " vs real "
              + (realSig == null ? "<absent>" : Source.shown(realSig)));
    }
  }

  private void compareField(
      String name,
      Source stub,
      VariableTree field,
      ClassTree s,
      Scope ss,
      Source real,
      ClassTree r,
      Scope rs) {
    String fieldName = field.getName().toString();
    String member = name + ": " + fieldName;
    VariableTree realField =
        r.getMembers().stream()
            .filter(t -> t instanceof VariableTree v && v.getName().contentEquals(fieldName))
            .map(VariableTree.class::cast)
            .findFirst()
            .orElse(null);
    if (realField == null) {
      differences.add(member + ": stub " + stub.field(field, s, ss) + " vs real <absent>");
      return;
    }
    if (Source.isDeprecated(realField.getModifiers())) {
      notes.add(member + ": deprecated upstream");
    }
    String stubSig = stub.field(field, s, ss);
    String realSig = real.field(realField, r, rs);
    if (!Source.sameSignature(stubSig, realSig)) {
      differences.add(
          member + ": stub " + Source.shown(stubSig) + " vs real " + Source.shown(realSig));
    }
  }

  private void compareMethod(
      String name,
      Source stub,
      MethodTree method,
      ClassTree s,
      Scope ss,
      Source real,
      ClassTree r,
      Scope rs) {
    Scope sm = ss.with(method.getTypeParameters());
    String stubParams = stub.parameters(method, sm);
    String stubSig = stub.method(method, s, sm);
    String memberName =
        method.getName().contentEquals("<init>") ? "<init>" : method.getName().toString();
    List<MethodTree> sameName = new ArrayList<>();
    for (Tree t : r.getMembers()) {
      if (t instanceof MethodTree m && m.getName().contentEquals(method.getName())) {
        sameName.add(m);
      }
    }
    String member = name + ": " + memberName + "(" + Source.shown(stubParams) + ")";
    for (MethodTree candidate : sameName) {
      Scope rm = rs.with(candidate.getTypeParameters());
      if (Source.sameSignature(stubParams, real.parameters(candidate, rm))) {
        if (Source.isDeprecated(candidate.getModifiers())) {
          notes.add(member + ": deprecated upstream");
        }
        String realSig = real.method(candidate, r, rm);
        if (!Source.sameSignature(stubSig, realSig)) {
          differences.add(
              member + ": stub " + Source.shown(stubSig) + " vs real " + Source.shown(realSig));
        }
        return;
      }
    }
    if (memberName.equals("<init>")
        && !sameName.isEmpty()
        && method.getParameters().isEmpty()
        && method.getModifiers().getFlags().contains(Modifier.PRIVATE)) {
      hiddenDefaultConstructors++; // only stops javac's public default one; nothing can call it
      return;
    }
    if (memberName.equals("<init>") && sameName.isEmpty() && method.getParameters().isEmpty()) {
      // The original relies on the implicit default constructor, as accessible as its class.
      String implicit = real.implicitConstructor(r);
      if (!Source.sameSignature(stubSig, implicit)) {
        differences.add(
            member + ": stub " + Source.shown(stubSig) + " vs real " + Source.shown(implicit));
      }
      return;
    }
    String realSigs =
        sameName.isEmpty()
            ? "<absent>"
            : sameName.stream()
                .map(m -> Source.shown(real.method(m, r, rs.with(m.getTypeParameters()))))
                .collect(Collectors.joining(" | "));
    differences.add(member + ": stub " + Source.shown(stubSig) + " vs real " + realSigs);
  }

  private void diff(String name, String what, String stub, String real) {
    if (!Source.sameSignature(stub, real)) {
      differences.add(
          name + ": " + what + ": stub " + Source.shown(stub) + " vs real " + Source.shown(real));
    }
  }

  private static ClassTree memberClass(ClassTree owner, String simpleName) {
    for (Tree t : owner.getMembers()) {
      if (t instanceof ClassTree c && c.getSimpleName().contentEquals(simpleName)) {
        return c;
      }
    }
    return null;
  }

  /** Type variables visible at a point, and the nested types of the enclosing classes. */
  record Scope(Set<String> typeVariables, Map<String, String> memberTypes) {
    Scope with(List<? extends TypeParameterTree> params) {
      Set<String> vars = new HashSet<>(typeVariables);
      params.forEach(p -> vars.add(p.getName().toString()));
      return new Scope(vars, memberTypes);
    }
  }

  /** One parsed file and how its simple type names resolve. */
  static final class Source {
    final CompilationUnitTree unit;
    final SourcePositions positions;
    final String text;
    final String packageName;
    final Map<String, String> singleImports = new LinkedHashMap<>();
    final List<String> onDemandImports = new ArrayList<>();
    final Map<String, String> staticImports = new LinkedHashMap<>();
    final Map<ClassTree, String> qualifiedNames = new LinkedHashMap<>();
    final Map<ClassTree, ClassTree> enclosing = new LinkedHashMap<>();

    private Source(CompilationUnitTree unit, SourcePositions positions, String text) {
      this.unit = unit;
      this.positions = positions;
      this.text = text;
      this.packageName = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
      for (ImportTree i : unit.getImports()) {
        String q = i.getQualifiedIdentifier().toString();
        String last = q.substring(q.lastIndexOf('.') + 1);
        if (i.isStatic()) {
          staticImports.put(last, q);
        } else if (last.equals("*")) {
          onDemandImports.add(q.substring(0, q.length() - 2));
        } else {
          singleImports.put(last, q);
        }
      }
      for (Tree t : unit.getTypeDecls()) {
        if (t instanceof ClassTree c) {
          index(c, packageName.isEmpty() ? "" : packageName + ".", null);
        }
      }
    }

    private void index(ClassTree c, String prefix, ClassTree outer) {
      String q = prefix + c.getSimpleName();
      qualifiedNames.put(c, q);
      enclosing.put(c, outer);
      for (Tree t : c.getMembers()) {
        if (t instanceof ClassTree nested) {
          index(nested, q + ".", c);
        }
      }
    }

    static boolean isDeprecated(com.sun.source.tree.ModifiersTree modifiers) {
      return modifiers.getAnnotations().stream()
          .anyMatch(a -> a.getAnnotationType().toString().endsWith("Deprecated"));
    }

    static Source parse(String name, String text) throws IOException {
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      JavaFileObject file =
          new SimpleJavaFileObject(
              URI.create("string:///" + name.replace('.', '/') + ".java"),
              JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return text;
            }
          };
      JavacTask task =
          (JavacTask)
              compiler.getTask(null, null, d -> {}, List.of("-proc:none"), null, List.of(file));
      CompilationUnitTree unit = task.parse().iterator().next();
      return new Source(unit, Trees.instance(task).getSourcePositions(), text);
    }

    ClassTree topLevel(String simpleName) {
      for (Tree t : unit.getTypeDecls()) {
        if (t instanceof ClassTree c && c.getSimpleName().contentEquals(simpleName)) {
          return c;
        }
      }
      return null;
    }

    Scope scopeOf(ClassTree c) {
      Set<String> vars = new HashSet<>();
      Map<String, String> members = new LinkedHashMap<>();
      boolean seesTypeVariables = true;
      for (ClassTree k = c; k != null; k = enclosing.get(k)) {
        ClassTree klass = k;
        if (seesTypeVariables) {
          k.getTypeParameters().forEach(p -> vars.add(p.getName().toString()));
        }
        ClassTree outer = enclosing.get(k);
        if (k.getModifiers().getFlags().contains(Modifier.STATIC)
            || k.getKind() != Tree.Kind.CLASS
            || (outer != null && isInterfaceLike(outer))) {
          seesTypeVariables = false; // a static nested type does not see its outer's variables
        }
        members.putIfAbsent(k.getSimpleName().toString(), qualifiedNames.get(k));
        for (Tree t : klass.getMembers()) {
          if (t instanceof ClassTree nested) {
            members.putIfAbsent(nested.getSimpleName().toString(), qualifiedNames.get(nested));
          }
        }
      }
      // Nested types declared anywhere else in the file (e.g. siblings of an outer class).
      qualifiedNames.forEach((tree, q) -> members.putIfAbsent(tree.getSimpleName().toString(), q));
      return new Scope(vars, members);
    }

    String classHeader(ClassTree c, ClassTree outer, Scope scope) {
      StringBuilder b = new StringBuilder();
      Set<Modifier> mods = new TreeSet<>(relevant(c.getModifiers().getFlags()));
      Tree.Kind kind = c.getKind();
      boolean inInterface = outer != null && isInterfaceLike(outer);
      if (inInterface) {
        mods.add(Modifier.PUBLIC);
        mods.add(Modifier.STATIC);
      }
      if (kind == Tree.Kind.INTERFACE || kind == Tree.Kind.ANNOTATION_TYPE) {
        mods.add(Modifier.ABSTRACT);
        if (outer != null) {
          mods.add(Modifier.STATIC);
        }
      }
      if (kind == Tree.Kind.ENUM || kind == Tree.Kind.RECORD) {
        if (outer != null) {
          mods.add(Modifier.STATIC);
        }
      }
      mods.forEach(m -> b.append(m).append(' '));
      b.append(kind.name().toLowerCase().replace("annotation_type", "@interface")).append(' ');
      b.append(c.getSimpleName()).append(typeParameters(c.getTypeParameters(), scope));
      if (c.getExtendsClause() != null) {
        b.append(" extends ").append(type(c.getExtendsClause(), scope));
      }
      if (!c.getImplementsClause().isEmpty()) {
        b.append(kind == Tree.Kind.INTERFACE ? " extends " : " implements ");
        b.append(
            c.getImplementsClause().stream()
                .map(t -> type(t, scope))
                .collect(Collectors.joining(", ")));
      }
      return b.toString();
    }

    String metaAnnotations(ClassTree c) {
      Set<String> meta = new TreeSet<>();
      for (AnnotationTree a : c.getModifiers().getAnnotations()) {
        String n = a.getAnnotationType().toString();
        n = n.substring(n.lastIndexOf('.') + 1);
        if (Set.of("Retention", "Target", "Inherited", "Documented", "Repeatable").contains(n)) {
          Set<String> values = new TreeSet<>();
          for (ExpressionTree arg : a.getArguments()) {
            ExpressionTree v = arg instanceof AssignmentTree as ? as.getExpression() : arg;
            for (String e : v.toString().replaceAll("[{}\\s]", "").split(",")) {
              if (!e.isEmpty()) {
                values.add(e.substring(e.lastIndexOf('.') + 1));
              }
            }
          }
          meta.add("@" + n + (values.isEmpty() ? "" : values.toString()));
        }
      }
      return String.join(" ", meta);
    }

    String field(VariableTree f, ClassTree owner, Scope scope) {
      Set<Modifier> mods = new TreeSet<>(relevant(f.getModifiers().getFlags()));
      if (isInterfaceLike(owner)) {
        mods.addAll(List.of(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL));
      }
      String type = f.getType() == null ? "<enum constant>" : type(f.getType(), scope);
      if (owner.getKind() == Tree.Kind.ENUM && isEnumConstant(f)) {
        return "enum constant " + f.getName();
      }
      return modifiers(mods) + type + " " + f.getName();
    }

    /** javac gives an enum constant's implicit type the position of the constant's name. */
    private boolean isEnumConstant(VariableTree f) {
      int start = (int) positions.getStartPosition(unit, f.getType());
      String name = f.getName().toString();
      return start >= 0
          && text.startsWith(name, start)
          && !Character.isJavaIdentifierPart(text.charAt(start + name.length()));
    }

    String parameters(MethodTree m, Scope scope) {
      List<String> ps = new ArrayList<>();
      for (VariableTree p : m.getParameters()) {
        String t = type(p.getType(), scope);
        if (isVarargs(p)) {
          t = t.substring(0, t.length() - 2) + "...";
        }
        ps.add(t);
      }
      return String.join(", ", ps);
    }

    private boolean isVarargs(VariableTree p) {
      long start = positions.getStartPosition(unit, p.getType());
      long end = positions.getEndPosition(unit, p);
      if (start < 0 || end < 0) {
        return false;
      }
      String decl = text.substring((int) start, (int) end);
      return decl.contains("...");
    }

    String method(MethodTree m, ClassTree owner, Scope scope) {
      Set<Modifier> mods = new TreeSet<>(relevant(m.getModifiers().getFlags()));
      boolean constructor = m.getName().contentEquals("<init>");
      if (isInterfaceLike(owner)) {
        if (!mods.contains(Modifier.PRIVATE)) {
          mods.add(Modifier.PUBLIC);
        }
        if (m.getBody() == null && !mods.contains(Modifier.STATIC)) {
          mods.add(Modifier.ABSTRACT);
        }
      }
      if (constructor && owner.getKind() == Tree.Kind.ENUM) {
        mods.add(Modifier.PRIVATE);
      }
      StringBuilder b = new StringBuilder(modifiers(mods));
      String tps = typeParameters(m.getTypeParameters(), scope);
      if (!tps.isEmpty()) {
        b.append(tps).append(' ');
      }
      if (!constructor) {
        b.append(type(m.getReturnType(), scope)).append(' ');
      }
      b.append(constructor ? owner.getSimpleName() : m.getName());
      b.append('(').append(parameters(m, scope)).append(')');
      if (!m.getThrows().isEmpty()) {
        b.append(" throws ")
            .append(
                m.getThrows().stream()
                    .map(t -> type(t, scope))
                    .sorted(Comparator.comparing(Source::simple))
                    .collect(Collectors.joining(", ")));
      }
      if (m.getDefaultValue() != null) {
        b.append(" default ").append(m.getDefaultValue().toString().replaceAll("\\s+", ""));
      }
      return b.toString();
    }

    String implicitConstructor(ClassTree owner) {
      Set<Modifier> mods = new TreeSet<>();
      for (Modifier m : owner.getModifiers().getFlags()) {
        if (m == Modifier.PUBLIC || m == Modifier.PROTECTED || m == Modifier.PRIVATE) {
          mods.add(m);
        }
      }
      return modifiers(mods) + owner.getSimpleName() + "()";
    }

    private static boolean isInterfaceLike(ClassTree c) {
      return c.getKind() == Tree.Kind.INTERFACE || c.getKind() == Tree.Kind.ANNOTATION_TYPE;
    }

    /** Only the modifiers that change how a class links against the member. */
    private static Set<Modifier> relevant(Set<Modifier> flags) {
      Set<Modifier> kept = new TreeSet<>();
      for (Modifier m : flags) {
        switch (m) {
          case PUBLIC, PROTECTED, PRIVATE, STATIC, FINAL, ABSTRACT, DEFAULT -> kept.add(m);
          default -> {}
        }
      }
      return kept;
    }

    private static String modifiers(Set<Modifier> mods) {
      return mods.stream().map(m -> m + " ").collect(Collectors.joining());
    }

    String typeParameters(List<? extends TypeParameterTree> params, Scope outer) {
      if (params.isEmpty()) {
        return "";
      }
      Scope scope = outer.with(params);
      return params.stream()
          .map(
              p ->
                  p.getName()
                      + (p.getBounds().isEmpty()
                          ? ""
                          : " extends "
                              + p.getBounds().stream()
                                  .map(t -> type(t, scope))
                                  .collect(Collectors.joining(" & "))))
          .collect(Collectors.joining(", ", "<", ">"));
    }

    /** A type as qualified names; a name only guessed to be in the file's package gets a '~'. */
    String type(Tree t, Scope scope) {
      if (t == null) {
        return "void";
      }
      if (t instanceof AnnotatedTypeTree a) {
        return type(a.getUnderlyingType(), scope);
      }
      if (t instanceof ArrayTypeTree a) {
        return type(a.getType(), scope) + "[]";
      }
      if (t instanceof com.sun.source.tree.ParameterizedTypeTree p) {
        return type(p.getType(), scope)
            + p.getTypeArguments().stream()
                .map(a -> type(a, scope))
                .collect(Collectors.joining(", ", "<", ">"));
      }
      if (t instanceof WildcardTree w) {
        return switch (w.getKind()) {
          case EXTENDS_WILDCARD -> "? extends " + type(w.getBound(), scope);
          case SUPER_WILDCARD -> "? super " + type(w.getBound(), scope);
          default -> "?";
        };
      }
      if (t instanceof IntersectionTypeTree i) {
        return i.getBounds().stream().map(b -> type(b, scope)).collect(Collectors.joining(" & "));
      }
      if (t instanceof MemberSelectTree s) {
        String left = type(s.getExpression(), scope);
        if (left.startsWith("~")) {
          // a package prefix like "java.util" parses as identifiers too; keep it literal
          left = s.getExpression().toString();
        }
        return left + "." + s.getIdentifier();
      }
      if (t instanceof IdentifierTree id) {
        return resolve(id.getName().toString(), scope);
      }
      return t.toString(); // primitive types, void
    }

    private String resolve(String name, Scope scope) {
      if (scope.typeVariables().contains(name)) {
        return name;
      }
      String member = scope.memberTypes().get(name);
      if (member != null) {
        return member;
      }
      String imported = singleImports.get(name);
      if (imported != null) {
        return imported;
      }
      if (Character.isLowerCase(name.charAt(0))) {
        return "~" + name; // the first segment of a qualified name
      }
      for (String pkg : onDemandImports) {
        if (jdkClassExists(pkg + "." + name)) {
          return pkg + "." + name;
        }
      }
      if (jdkClassExists("java.lang." + name)) {
        return "java.lang." + name;
      }
      return "~" + (packageName.isEmpty() ? "" : packageName + ".") + name;
    }

    private static boolean jdkClassExists(String name) {
      try {
        Class.forName(name, false, ClassLoader.getPlatformClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }

    /**
     * Equal signatures, where a name guessed to be in the file's package ({@code ~pkg.Name}, e.g.
     * an inherited member type) matches any qualified name ending in the same simple name.
     */
    static boolean sameSignature(String a, String b) {
      if (a.equals(b)) {
        return true;
      }
      List<String> ta = tokens(a);
      List<String> tb = tokens(b);
      if (ta.size() != tb.size()) {
        return false;
      }
      for (int i = 0; i < ta.size(); i++) {
        String x = ta.get(i);
        String y = tb.get(i);
        if (x.equals(y)) {
          continue;
        }
        if ((x.startsWith("~") || y.startsWith("~")) && simple(x).equals(simple(y))) {
          if (System.getenv("CHECK_SIGNATURES_VERBOSE") != null) {
            System.err.println("guessed: " + x + " ~ " + y);
          }
          continue;
        }
        return false;
      }
      return true;
    }

    private static List<String> tokens(String s) {
      List<String> out = new ArrayList<>();
      Matcher m = QUALIFIED.matcher(s);
      int last = 0;
      while (m.find()) {
        if (m.start() > last) {
          out.add(s.substring(last, m.start()));
        }
        out.add(m.group());
        last = m.end();
      }
      if (last < s.length()) {
        out.add(s.substring(last));
      }
      return out;
    }

    private static String simple(String q) {
      return q.substring(q.lastIndexOf('.') + 1);
    }

    static String shown(String sig) {
      return sig.replace("~", "");
    }
  }
}
