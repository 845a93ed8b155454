package io.berth.testbed.hypervisor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

/**
 * Every change a {@link FileHypervisor} makes, one line each, appended to a file that several
 * processes share: {@code <time> <operation> <vm id> <server id> <actor>}. Each line is one write
 * to a file opened for appending, so lines of different processes never interleave.
 */
final class Journal {

    private final Path file;
    private final String actor;

    Journal(Path file, String actor) {
        this.file = file;
        this.actor = actor;
    }

    synchronized void record(String operation, String vmId, String serverId) throws ProviderException {
        String line = Instant.now() + " " + operation + " " + vmId + " " + serverId + " " + actor + "\n";
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            out.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new ProviderException(Kind.TRANSIENT, "cannot journal " + operation + ": " + e.getMessage(), e);
        }
    }
}
