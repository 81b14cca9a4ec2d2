package org.aitrust.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file of the embedded issuer's (its secrets' hashes, its signing key) readable by its owner only, and whole
 * or not at all: a temporary file in the same folder, restricted before anything is written to it, moved into place.
 */
final class OwnerOnlyFile {

	private OwnerOnlyFile() {}

	static void write(Path file, String content) throws IOException {
		Path folder = file.toAbsolutePath().getParent();
		Files.createDirectories(folder);
		Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
		try {
			Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
		} catch (UnsupportedOperationException notPosix) {
			// no POSIX modes here (Windows); the folder's own permissions apply
		}
		Files.writeString(temporary, content, StandardCharsets.UTF_8);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}
}
