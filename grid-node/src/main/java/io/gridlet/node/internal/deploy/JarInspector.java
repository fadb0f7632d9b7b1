package io.gridlet.node.internal.deploy;

import io.gridlet.node.DeployLimits;
import io.gridlet.api.BadInputException;
import io.gridlet.api.GridFunction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a jar's bytes once, within {@link DeployLimits}, and returns what deploying it needs:
 * its sha-256, the classes its services file lists and its manifest version. Nothing is loaded
 * or written here; a jar that fails is refused with the reason.
 */
final class JarInspector {

    static final String SERVICES = "META-INF/services/" + GridFunction.class.getName();

    private JarInspector() {
    }

    /** What a valid jar holds. */
    record Contents(String sha256, List<String> functionClasses, String manifestVersion, int entries) {
    }

    static Contents inspect(byte[] jar, DeployLimits limits) {
        if (jar == null || jar.length == 0) {
            throw new BadInputException("the jar is empty: no bytes were sent");
        }
        if (jar.length > limits.maxJarBytes()) {
            throw new BadInputException("the jar is " + jar.length + " bytes, more than the limit of "
                    + limits.maxJarBytes());
        }
        List<String> classes = null;
        String manifestVersion = null;
        int entries = 0;
        long inflated = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw new BadInputException("the jar has more than " + limits.maxEntries() + " entries");
                }
                String name = entry.getName();
                boolean keep = SERVICES.equals(name) || JarFile.MANIFEST_NAME.equalsIgnoreCase(name);
                java.io.ByteArrayOutputStream kept = keep ? new java.io.ByteArrayOutputStream() : null;
                int read;
                while ((read = zip.read(buffer)) > 0) {
                    inflated += read;
                    if (inflated > limits.maxInflatedBytes()) {
                        throw new BadInputException("the jar inflates to more than " + limits.maxInflatedBytes()
                                + " bytes; refused as a possible zip bomb");
                    }
                    if (kept != null) {
                        kept.write(buffer, 0, read);
                    }
                }
                if (SERVICES.equals(name)) {
                    classes = serviceClasses(kept.toByteArray());
                } else if (kept != null) {
                    manifestVersion = manifestVersion(kept.toByteArray());
                }
            }
        } catch (ZipException e) {
            throw new BadInputException("not a jar: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // ZipInputStream's word for an entry name that is not valid UTF-8
            throw new BadInputException("not a jar: an entry's name cannot be read (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BadInputException("the jar cannot be read: " + e.getMessage(), e);
        }
        if (entries == 0) {
            throw new BadInputException("not a jar: it holds no entries");
        }
        if (classes == null) {
            throw new BadInputException("the jar has no " + SERVICES + " listing its functions");
        }
        if (classes.isEmpty()) {
            throw new BadInputException(SERVICES + " in the jar lists no class");
        }
        return new Contents(sha256(jar), classes, manifestVersion, entries);
    }

    private static List<String> serviceClasses(byte[] file) {
        List<String> classes = new ArrayList<>();
        for (String line : new String(file, StandardCharsets.UTF_8).split("\\R")) {
            int comment = line.indexOf('#');
            String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!isClassName(name)) {
                throw new BadInputException(SERVICES + " lists '" + name + "', which is not a class name");
            }
            if (classes.contains(name)) {
                throw new BadInputException(SERVICES + " lists " + name + " twice");
            }
            classes.add(name);
        }
        return classes;
    }

    private static boolean isClassName(String name) {
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
                return false;
            }
            for (int i = 1; i < part.length(); i++) {
                if (!Character.isJavaIdentifierPart(part.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String manifestVersion(byte[] file) throws IOException {
        try (InputStream in = new ByteArrayInputStream(file)) {
            String version = new Manifest(in).getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            return version == null || version.isBlank() ? null : version.trim();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
